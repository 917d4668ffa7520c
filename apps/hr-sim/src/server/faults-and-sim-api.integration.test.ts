/**
 * The /sim API and fault injection over HTTP: settings validated and applied per endpoint, and
 * what the real Workday client sees for each injected fault (auth, 503, truncation, malformed
 * records, pending business process), plus raw protocol checks (tenant, Basic auth, bad XML).
 */
import { createWorkdayClient, type WorkerItem } from "@roster/workday";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHrSimServer, type HrSimServer } from "./create-server.js";

const TENANT = "acme";
const credentials = { username: "ISU_Roster@acme", password: "pw-1" };
let sim: HrSimServer;

beforeAll(async () => {
  sim = await createHrSimServer({ database: { memory: true }, credentials, tenant: TENANT, workers: 60, seed: 5 });
}, 60_000);
afterAll(async () => {
  await sim?.close();
});
afterEach(async () => {
  await fetch(`${sim.url}/sim/faults`, { method: "DELETE" });
});

const endpoint = () => `${sim.url}/ccx/service/${TENANT}/Human_Resources/v34.0`;
const client = (overrides: Record<string, unknown> = {}) =>
  createWorkdayClient({ endpoint: endpoint(), ...credentials, retries: 0, retryBaseDelayMs: 1, retryMaxDelayMs: 2, ...overrides });

async function setFaults(body: unknown): Promise<Response> {
  return fetch(`${sim.url}/sim/faults`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

async function items(iterable: AsyncIterable<WorkerItem>): Promise<WorkerItem[]> {
  const all: WorkerItem[] = [];
  for await (const item of iterable) all.push(item);
  return all;
}

const getWorkersEnvelope = (username: string | undefined, password: string | undefined) =>
  `<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/">${
    username === undefined
      ? ""
      : `<env:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"><wsse:UsernameToken><wsse:Username>${username}</wsse:Username><wsse:Password>${password}</wsse:Password></wsse:UsernameToken></wsse:Security></env:Header>`
  }<env:Body><bsvc:Get_Workers_Request xmlns:bsvc="urn:com.workday/bsvc"><bsvc:Response_Filter><bsvc:Count>5</bsvc:Count></bsvc:Response_Filter></bsvc:Get_Workers_Request></env:Body></env:Envelope>`;

describe("/sim API", () => {
  it("validates fault settings and reports the ones in effect", async () => {
    const bad = await setFaults({ workday: { errorRate: 1.5 } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/workday\.errorRate/);
    const good = await setFaults({ workday: { latencyMs: 5 } });
    expect(good.status).toBe(200);
    expect((await good.json()).workday.latencyMs).toBe(5);
    const cleared = await fetch(`${sim.url}/sim/faults`, { method: "DELETE" });
    expect((await cleared.json()).workday.latencyMs).toBe(0);
  });

  it("rejects unknown scenarios and invalid scenario input with clear errors", async () => {
    const unknown = await fetch(`${sim.url}/sim/scenarios/promote`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(unknown.status).toBe(404);
    const invalid = await fetch(`${sim.url}/sim/scenarios/hire`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ firstName: "A", lastName: "B", hireDate: "tomorrow" }),
    });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error).toMatch(/hireDate/);
    const missing = await fetch(`${sim.url}/sim/scenarios/terminate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ workerId: "does-not-exist" }),
    });
    expect(missing.status).toBe(404);
  });
});

describe("Workday protocol checks", () => {
  it("answers an unknown tenant with 404 and accepts HTTP Basic instead of WS-Security", async () => {
    const wrongTenant = await fetch(`${sim.url}/ccx/service/other/Human_Resources`, {
      method: "POST",
      headers: { "content-type": "text/xml" },
      body: getWorkersEnvelope(credentials.username, credentials.password),
    });
    expect(wrongTenant.status).toBe(404);
    const basic = await fetch(`${sim.url}/ccx/service/${TENANT}/Human_Resources`, {
      method: "POST",
      headers: {
        "content-type": "text/xml; charset=utf-8",
        authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`,
      },
      body: getWorkersEnvelope(undefined, undefined),
    });
    expect(basic.status).toBe(200);
    const text = await basic.text();
    expect(text).toContain("<wd:Page_Results>5</wd:Page_Results>");
    expect(text).toContain("<wd:Total_Results>60</wd:Total_Results>");
  });

  it("answers malformed XML and a missing password with SOAP faults (HTTP 500)", async () => {
    const broken = await fetch(endpoint(), { method: "POST", headers: { "content-type": "text/xml" }, body: "<env:Envelope><unclosed>" });
    expect(broken.status).toBe(500);
    expect(await broken.text()).toContain("Client.validationError");
    const noPassword = await fetch(endpoint(), {
      method: "POST",
      headers: { "content-type": "text/xml" },
      body: getWorkersEnvelope(credentials.username, ""),
    });
    expect(noPassword.status).toBe(500);
    expect(await noPassword.text()).toContain("Client.authenticationError");
  });
});

describe("fault injection seen by the Workday client", () => {
  it("auth failure fails Test Connection even with the right password", async () => {
    await setFaults({ workday: { authFailure: true } });
    await expect(client().testConnection()).rejects.toThrow(/invalid username or password|authentication/i);
  });

  it("a 100 % 503 rate fails the import; latency slows each call down", async () => {
    await setFaults({ workday: { errorRate: 1, errorKind: "http503" } });
    await expect(items(client().importAll())).rejects.toMatchObject({ name: "WorkdayError" });
    await setFaults({ workday: { latencyMs: 150 } });
    const started = performance.now();
    await client().testConnection();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("truncated responses are reported as unreadable, not as empty pages", async () => {
    await setFaults({ workday: { truncateRate: 1 } });
    await expect(items(client().importAll())).rejects.toMatchObject({ name: "WorkdayError" });
  });

  it("malformed records: workers without Worker_ID become per-worker errors, the others import", async () => {
    await setFaults({ workday: { missingWorkerIdRate: 0.2 } });
    const result = await items(client().importAll());
    const failed = result.filter((item) => !item.ok);
    const ok = result.filter((item) => item.ok);
    expect(failed.length).toBeGreaterThan(0);
    expect(ok.length).toBeGreaterThan(failed.length);
    await setFaults({ workday: { oversizeRate: 1 } });
    const oversize = await items(client().importAll());
    const first = oversize.find((item) => item.ok);
    expect(first?.ok && String(first.worker.attributes.BusinessTitle).length).toBeGreaterThan(1000);
  });

  it("a pending business process blocks writeback with a processing fault", async () => {
    const [worker] = (await items(client().importAll())).filter((item) => item.ok);
    await setFaults({ workday: { pendingBusinessProcess: true } });
    await expect(client().writeback({ wid: worker!.ok ? worker!.worker.wid : "", email: "x@contoso.example" })).rejects.toThrow(/pending business process/);
  });
});
