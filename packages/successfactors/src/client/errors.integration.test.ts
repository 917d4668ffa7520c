import { afterEach, describe, expect, it } from "vitest";
import type { SuccessFactorsConfigInput } from "../config/successfactors-config.js";
import { SuccessFactorsError } from "../errors/successfactors-error.js";
import type { PersonItem } from "../extraction/person-extractor.js";
import { amaraOkonkwo, managerPerson } from "../test-support/example-persons.js";
import {
  startFakeSuccessFactors,
  type FakeSuccessFactorsOptions,
  type FakeSuccessFactorsServer,
} from "../test-support/fake-successfactors-server.js";
import { createSuccessFactorsClient } from "./successfactors-client.js";

const PASSWORD = "s3cr3t-Pa55w0rd";
const BASIC = { username: "svc_roster@CONTOSOT1", password: PASSWORD };
const ENCODED = Buffer.from(`${BASIC.username}:${PASSWORD}`).toString("base64");

let server: FakeSuccessFactorsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: FakeSuccessFactorsOptions = {}): Promise<FakeSuccessFactorsServer> {
  server = await startFakeSuccessFactors({ credentials: { basic: BASIC }, persons: [amaraOkonkwo()], ...options });
  return server;
}

function client(
  fake: FakeSuccessFactorsServer,
  config: Partial<SuccessFactorsConfigInput> = {},
  warnings: string[] = [],
) {
  return createSuccessFactorsClient(
    { baseUrl: fake.baseUrl, auth: { type: "basic", ...BASIC }, retryBaseDelayMs: 1, retryMaxDelayMs: 20, ...config },
    {
      logger: {
        warn: (_fields, message) => warnings.push(message),
        debug: (_fields, message) => warnings.push(message),
      },
    },
  );
}

async function importError(run: AsyncGenerator<PersonItem, unknown>): Promise<SuccessFactorsError> {
  try {
    for await (const _item of run) {
      // drain
    }
  } catch (error) {
    expect(error).toBeInstanceOf(SuccessFactorsError);
    return error as SuccessFactorsError;
  }
  throw new Error("expected the import to fail");
}

const odataError = (code: string, value: string) => ({ error: { code, message: { lang: "en-US", value } } });

describe("authentication", () => {
  it("sends Basic username@companyId:password", async () => {
    const fake = await start();
    await client(fake).getPerson("100234");
    expect(fake.requests[0]!.headers.authorization).toBe(`Basic ${ENCODED}`);
  });

  it("sends a fixed Bearer token", async () => {
    const fake = await start({ credentials: { bearerTokens: ["tok-123456"] } });
    const sf = client(fake, { auth: { type: "bearer", token: "tok-123456" } });
    expect((await sf.getPerson("100234"))?.ok).toBe(true);
    expect(fake.requests[0]!.headers.authorization).toBe("Bearer tok-123456");
    expect(sf.settings.authType).toBe("bearer");
  });

  it("asks the token provider again, forcing a refresh, when a token is refused", async () => {
    const fake = await start({ credentials: { bearerTokens: ["fresh-token-2"] } });
    const calls: boolean[] = [];
    const sf = client(fake, {
      auth: {
        type: "bearer",
        getToken: ({ forceRefresh }) => {
          calls.push(forceRefresh);
          return forceRefresh ? "fresh-token-2" : "stale-token-1";
        },
      },
    });
    expect((await sf.getPerson("100234"))?.ok).toBe(true);
    expect(calls).toEqual([false, true]);
    expect(fake.requests.map((request) => request.headers.authorization)).toEqual([
      "Bearer stale-token-1",
      "Bearer fresh-token-2",
    ]);
  });

  it("maps 401 to an auth error, not retried", async () => {
    const fake = await start({ credentials: { basic: { ...BASIC, password: "other-password" } } });
    const error = await importError(client(fake).importAll());
    expect(error.kind).toBe("auth");
    expect(error.code).toBe("Unauthorized");
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(
      /^SuccessFactors refused the credentials for PerPerson \(full import\) page 1 \(HTTP 401\): COE_AUTHENTICATION_FAILED: Authentication failed\./,
    );
    expect(fake.requests).toHaveLength(1);
  });

  it("maps 403 to a permission error naming the OData message", async () => {
    const fake = await start();
    fake.failNext({ status: 403, body: odataError("COE_PERMISSION_DENIED", "No read permission for EmpJob.jobTitle") });
    const error = await importError(client(fake).importAll());
    expect(error.kind).toBe("auth");
    expect(error.code).toBe("InsufficientRights");
    expect(error.message).toContain("(HTTP 403): COE_PERMISSION_DENIED: No read permission for EmpJob.jobTitle");
    expect(error.details).toMatchObject({ httpStatus: 403, odataCode: "COE_PERMISSION_DENIED" });
  });
});

describe("transient failures", () => {
  it("retries a 503 with backoff, then succeeds", async () => {
    const fake = await start();
    fake.failNext({ status: 503, body: "<html>maintenance</html>" }, { status: 503 });
    const warnings: string[] = [];
    const items: PersonItem[] = [];
    for await (const item of client(fake, { retries: 3 }, warnings).importAll()) items.push(item);
    expect(items.map((item) => item.ok)).toEqual([true]);
    expect(fake.requests).toHaveLength(3);
    expect(warnings.filter((message) => message.includes("retrying"))).toHaveLength(2);
  });

  it("gives up after the configured retries with a transient error", async () => {
    const fake = await start();
    fake.failNext(
      { status: 500, body: odataError("COE_GENERAL_SERVER_FAILURE", "Internal error") },
      { status: 502 },
      { status: 429, headers: { "retry-after": "0" } },
    );
    const error = await importError(client(fake, { retries: 2 }).importAll());
    expect(error.kind).toBe("transient");
    expect(error.code).toBe("TooManyRequests");
    expect(error.details).toMatchObject({ attempts: 3, httpStatus: 429 });
    expect(fake.requests).toHaveLength(3);
  });

  it("turns a hanging server into a Timeout, retried like any transient failure", async () => {
    const fake = await start();
    fake.failNext({ hang: true });
    const error = await importError(client(fake, { timeoutMs: 100, retries: 0 }).importAll());
    expect(error.kind).toBe("transient");
    expect(error.code).toBe("Timeout");
    expect(error.message).toBe("SuccessFactors did not answer PerPerson (full import) page 1 within 100 ms");

    fake.failNext({ hang: true });
    const item = await client(fake, { timeoutMs: 100, retries: 1 }).getPerson("100234");
    expect(item?.ok).toBe(true);
  });

  it("reports an unreachable tenant as transient", async () => {
    const fake = await start();
    const url = fake.baseUrl;
    await fake.close();
    server = undefined;
    const sf = createSuccessFactorsClient({ baseUrl: url, auth: { type: "basic", ...BASIC }, retries: 0 });
    const error = await importError(sf.importAll());
    expect(error.kind).toBe("transient");
    expect(error.code).toBe("WebExceptionProtocolError");
    expect(error.message).toMatch(/^Could not reach SuccessFactors for PerPerson \(full import\) page 1: /);
  });

  it("fails a failing page's import as a whole after earlier pages were delivered", async () => {
    const fake = await start({ persons: [amaraOkonkwo(), managerPerson()] });
    fake.failNext({ when: (request) => request.query.has("$skiptoken"), status: 500 });
    const seen: string[] = [];
    const error = await (async () => {
      try {
        for await (const item of client(fake, { customPageSize: 1, retries: 0 }).importAll()) {
          if (item.ok) seen.push(item.person.personIdExternal);
        }
      } catch (caught) {
        return caught as SuccessFactorsError;
      }
      throw new Error("expected a failure");
    })();
    expect(seen).toEqual(["100234"]);
    expect(error.message).toBe("SuccessFactors answered PerPerson (full import) page 2 with HTTP 500");
  });
});

describe("bad answers", () => {
  it("parses OData error bodies of a 400 into a configuration error", async () => {
    const fake = await start();
    fake.failNext({
      status: 400,
      body: odataError(
        "COE_PROPERTY_NOT_FOUND",
        "[COE0021]Invalid property names: PerPerson/employmentNav/jobInfoNav/customNav",
      ),
    });
    const error = await importError(client(fake).importAll());
    expect(error.kind).toBe("data");
    expect(error.code).toBe("InvalidConfiguration");
    expect(error.message).toBe(
      "SuccessFactors rejected PerPerson (full import) page 1 (HTTP 400): COE_PROPERTY_NOT_FOUND: [COE0021]Invalid property names: PerPerson/employmentNav/jobInfoNav/customNav. A custom JSONPath or expansion may name a navigation or field this tenant does not have.",
    );
  });

  it("refuses a 200 that is not JSON, one without d.results, redirects and oversized bodies", async () => {
    const fake = await start();
    fake.failNext({ status: 200, body: "<html><body>Sign in</body></html>", headers: { "content-type": "text/html" } });
    expect((await importError(client(fake).importAll())).message).toMatch(
      /with a body that is not JSON \(content type text\/html, an HTML page: is the URL the OData API root\?\): "<html><body>Sign in<\/body><\/html>"/,
    );
    fake.failNext({ status: 200, body: { d: { result: [] } } });
    expect((await importError(client(fake).importAll())).message).toMatch(/has no d\.results array/);
    fake.failNext({ status: 302, headers: { location: "https://login.example/" } });
    expect((await importError(client(fake).importAll())).message).toMatch(
      /redirected .* \(HTTP 302\); redirects are not followed/,
    );
    fake.failNext({ status: 200, body: { d: { results: ["x".repeat(4000)] } } });
    expect((await importError(client(fake, { maxResponseBytes: 2048 }).importAll())).message).toMatch(
      /more than 2048 bytes; lower customPageSize or raise maxResponseBytes/,
    );
  });

  it("stops when __next repeats a page", async () => {
    const fake = await start();
    const loop = `${fake.baseUrl}PerPerson?$format=json&$skiptoken=abc`;
    fake.failNext(
      { status: 200, body: { d: { results: [], __next: loop } } },
      { status: 200, body: { d: { results: [], __next: loop } } },
    );
    const error = await importError(client(fake).importAll());
    expect(error.message).toMatch(/d\.__next for PerPerson \(full import\) page 2 that repeats an earlier page/);
    expect(fake.requests).toHaveLength(2);
  });
});

describe("secrets", () => {
  it("never puts the password, its Basic encoding or a token into an error or a log line", async () => {
    const fake = await start();
    const logged: string[] = [];
    const sf = createSuccessFactorsClient(
      { baseUrl: fake.baseUrl, auth: { type: "basic", ...BASIC }, retries: 1, retryBaseDelayMs: 1, retryMaxDelayMs: 2 },
      {
        logger: {
          debug: (fields, message) => logged.push(message, JSON.stringify(fields)),
          warn: (fields, message) => logged.push(message, JSON.stringify(fields)),
        },
      },
    );
    const echo = `user ${BASIC.username} password ${PASSWORD} header Basic ${ENCODED}`;
    const errors: SuccessFactorsError[] = [];
    const capture = async (run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (error) {
        errors.push(error as SuccessFactorsError);
      }
    };
    fake.failNext({ status: 401, body: odataError("COE_AUTHENTICATION_FAILED", echo) });
    await capture(() => sf.getPerson("100234"));
    fake.failNext({ status: 400, body: odataError("BAD", echo) });
    await capture(() => sf.getPerson("100234"));
    fake.failNext({ status: 500, body: odataError("ERR", echo) }, { status: 503, body: echo });
    await capture(() => sf.getPerson("100234"));
    fake.failNext({ status: 200, body: `not json ${echo}` });
    await capture(() => sf.getPerson("100234"));
    fake.failNext({ status: 200, body: { d: [{ status: "ERROR", message: echo, index: 0, httpCode: 500 }] } });
    const writeback = await sf.writeback({ personIdExternal: "100234", email: "amy@contoso.example" });
    errors.push(writeback.error!);

    const tokenSecret = "tok-Very-Secret-42";
    const failingProvider = createSuccessFactorsClient({
      baseUrl: fake.baseUrl,
      auth: { type: "bearer", getToken: () => Promise.reject(new Error(`cannot refresh ${tokenSecret}`)) },
    });
    await capture(() => failingProvider.getPerson("100234"));
    const staticToken = createSuccessFactorsClient({
      baseUrl: fake.baseUrl,
      auth: { type: "bearer", token: tokenSecret },
      retries: 0,
    });
    fake.failNext({ status: 403, body: odataError("DENIED", `token ${tokenSecret} lacks rights`) });
    await capture(() => staticToken.getPerson("100234"));

    expect(errors).toHaveLength(7);
    for (const error of errors) {
      expect(error).toBeInstanceOf(SuccessFactorsError);
      const text = `${error.message} ${JSON.stringify(error.toJSON())} ${String(error.stack)}`;
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(ENCODED);
      expect(text).not.toContain(tokenSecret);
    }
    expect(errors.some((error) => error.message.includes("password ***"))).toBe(true);
    for (const line of logged) {
      expect(line).not.toContain(PASSWORD);
      expect(line).not.toContain(ENCODED);
    }
  });
});
