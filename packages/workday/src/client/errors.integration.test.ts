/**
 * Failures against a real HTTP server on loopback: SOAP faults become typed errors, transient
 * HTTP failures and timeouts are retried with backoff, and the password never shows up in an
 * error or a log line.
 */
import { afterEach, describe, expect, it } from "vitest";
import { WorkdayError } from "../errors/workday-error.js";
import { exampleWorkers, getWorkersResponseXml } from "../test-support/example-workers.js";
import {
  soapFaultXml,
  startFakeWorkday,
  type FakeWorkday,
  type Responder,
} from "../test-support/fake-workday-server.js";
import type { WorkdayLogger } from "../transport/soap-transport.js";
import { createWorkdayClient } from "./workday-client.js";

const PASSWORD = "s3cr3t-Pa55word";
let fake: FakeWorkday | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function serve(responder: Responder): Promise<FakeWorkday> {
  fake = await startFakeWorkday(responder);
  return fake;
}

function recordingLogger() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const logger: WorkdayLogger = {
    debug: (fields, message) => lines.push({ level: "debug", fields, message }),
    warn: (fields, message) => lines.push({ level: "warn", fields, message }),
  };
  return { logger, lines };
}

function client(server: FakeWorkday, overrides: Record<string, unknown> = {}, logger?: WorkdayLogger) {
  return createWorkdayClient(
    {
      username: "ISU_Roster@contoso4",
      password: PASSWORD,
      endpoint: server.endpoint(),
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 5,
      ...overrides,
    },
    logger ? { logger } : {},
  );
}

const okPage = () => ({
  body: getWorkersResponseXml(exampleWorkers("v21.1").slice(0, 1), { page: 1, totalPages: 1, totalResults: 1 }),
});

async function failureOf(promise: Promise<unknown>): Promise<WorkdayError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WorkdayError);
    return error as WorkdayError;
  }
  throw new Error("expected a WorkdayError");
}

describe("SOAP faults", () => {
  it("turns an authentication fault into an auth error and does not retry it", async () => {
    const server = await serve(() => ({
      status: 500,
      body: soapFaultXml("SOAP-ENV:Client.authenticationError", "invalid username or password"),
    }));
    const error = await failureOf(client(server).testConnection());
    expect(error.kind).toBe("auth");
    expect(error.code).toBe("Unauthorized");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("invalid username or password");
    expect(error.details).toMatchObject({ httpStatus: 500, faultCode: "SOAP-ENV:Client.authenticationError" });
    expect(server.requests).toHaveLength(1);
  });

  it("turns a validation fault into a data error with Workday's validation messages", async () => {
    const message = "Invalid ID value.  '99999' is not a valid ID value for type = 'Employee_ID'";
    const server = await serve(() => ({
      status: 500,
      body: soapFaultXml("SOAP-ENV:Client.validationError", message, [
        { message, xpath: "/ns0:Get_Workers_Request[1]/ns0:Request_References[1]" },
      ]),
    }));
    const error = await failureOf(client(server).getWorker({ wid: "99999" }));
    expect(error.kind).toBe("data");
    expect(error.code).toBe("UnprocessableEntity");
    expect(error.details.validationErrors).toEqual([
      { message, xpath: "/ns0:Get_Workers_Request[1]/ns0:Request_References[1]" },
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it("treats a processing fault about missing permissions as an auth error", async () => {
    const server = await serve(() => ({
      status: 500,
      body: soapFaultXml("SOAP-ENV:Client.processingError", "The task submitted is not authorized."),
    }));
    const error = await failureOf(client(server).testConnection());
    expect(error).toMatchObject({ kind: "auth", code: "InsufficientRights" });
  });

  it("treats HTTP 401 as an auth error", async () => {
    const server = await serve(() => ({ status: 401, body: "Unauthorized" }));
    expect(await failureOf(client(server).testConnection())).toMatchObject({ kind: "auth", code: "Unauthorized" });
  });
});

describe("transient failures", () => {
  it("retries HTTP 500 and 503 with backoff, then succeeds", async () => {
    const { logger, lines } = recordingLogger();
    const server = await serve((_, index) =>
      index === 0
        ? { status: 500, body: "<html>oops</html>" }
        : index === 1
          ? { status: 503, body: "maintenance" }
          : okPage(),
    );
    const item = await client(server, {}, logger).getWorker({ wid: "3f9c2d7a1b8e4c6f9a0d5e7b2c4f6a81" });
    expect(item).toMatchObject({ ok: true, worker: { workerId: "21045" } });
    expect(server.requests).toHaveLength(3);
    const retries = lines.filter((line) => line.level === "warn");
    expect(retries.map((line) => line.fields.attempt)).toEqual([1, 2]);
    expect(retries.map((line) => line.fields.code)).toEqual(["WebExceptionProtocolError", "WebExceptionProtocolError"]);
  });

  it("gives up after the configured retries with a transient error", async () => {
    const server = await serve(() => ({ status: 503, body: "maintenance" }));
    const error = await failureOf(client(server, { retries: 2 }).getWorker({ workerId: "21045" }));
    expect(error).toMatchObject({ kind: "transient", code: "WebExceptionProtocolError" });
    expect(error.details).toMatchObject({ httpStatus: 503, attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it("turns a slow answer into a transient Timeout error, retried first", async () => {
    const server = await serve(() => ({ ...okPage(), delayMs: 1_000 }));
    const error = await failureOf(client(server, { timeoutMs: 100, retries: 1 }).getWorker({ workerId: "21045" }));
    expect(error).toMatchObject({ kind: "transient", code: "Timeout" });
    expect(error.message).toContain("within 100 ms");
    expect(server.requests).toHaveLength(2);
  });

  it("tries Test Connection once: a failing tenant is reported at once", async () => {
    const server = await serve(() => ({ status: 503, body: "maintenance" }));
    expect(await failureOf(client(server).testConnection())).toMatchObject({ kind: "transient" });
    expect(server.requests).toHaveLength(1);
  });

  it("turns a refused connection into a transient error", async () => {
    const server = await serve(okPage);
    const endpoint = server.endpoint();
    await server.close();
    fake = undefined;
    const connector = createWorkdayClient({ username: "u@t", password: PASSWORD, endpoint, retries: 0 });
    expect(await failureOf(connector.testConnection())).toMatchObject({
      kind: "transient",
      code: "WebExceptionProtocolError",
    });
  });

  it("stops an import that fails mid-way with the page's error", async () => {
    const workers = exampleWorkers("v21.1");
    const server = await serve((_, index) =>
      index === 0
        ? { body: getWorkersResponseXml(workers.slice(0, 1), { page: 1, totalPages: 2, totalResults: 2 }) }
        : { status: 500, body: soapFaultXml("SOAP-ENV:Client.authenticationError", "expired") },
    );
    const seen: string[] = [];
    const error = await failureOf(
      (async () => {
        for await (const item of client(server).importAll()) if (item.ok) seen.push(item.worker.workerId);
      })(),
    );
    expect(seen).toEqual(["21045"]);
    expect(error).toMatchObject({ kind: "auth" });
    expect(error.message).toContain("page 2");
  });
});

describe("responses that are not Workday's", () => {
  it("reports a non-SOAP answer as a data error", async () => {
    const server = await serve(() => ({ status: 200, body: "<html><body>Sign in</body></html>" }));
    expect(await failureOf(client(server).testConnection())).toMatchObject({
      kind: "data",
      code: "SystemForCrossDomainIdentityManagementServiceIncompatible",
    });
  });

  it("reports a wrong URL (HTTP 404) as a configuration problem", async () => {
    const server = await serve(() => ({ status: 404, body: "not found" }));
    expect(await failureOf(client(server).testConnection())).toMatchObject({
      kind: "data",
      code: "InvalidConfiguration",
    });
  });
});

describe("secrets", () => {
  it("keeps the password out of errors and logs, even when Workday echoes it", async () => {
    const { logger, lines } = recordingLogger();
    const server = await serve((_, index) =>
      index === 0
        ? { status: 503, body: "busy" }
        : { status: 500, body: soapFaultXml("SOAP-ENV:Client.authenticationError", `password ${PASSWORD} rejected`) },
    );
    const error = await failureOf(client(server, {}, logger).getWorker({ workerId: "21045" }));
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]!.body).toContain(PASSWORD); // it is sent, in the WS-Security header
    const visible = [
      error.message,
      JSON.stringify(error),
      JSON.stringify(error.details),
      JSON.stringify(lines),
      lines.map((line) => line.message).join("\n"),
    ].join("\n");
    expect(lines.length).toBeGreaterThan(0);
    expect(visible).not.toContain(PASSWORD);
    expect(error.message).toContain("password *** rejected");
  });
});
