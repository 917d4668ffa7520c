/**
 * The real @roster/successfactors client against the simulator over HTTP: Basic and Bearer auth,
 * full import with __next paging and the default attributes resolving, the delta query after a
 * scenario, single-person reads, a future hire re-read as of its start date, and upsert writeback.
 */
import { createSuccessFactorsClient, DEFAULT_ATTRIBUTE_NAMES, type PersonItem, type SuccessFactorsClient } from "@roster/successfactors";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../generator/generate-workers.js";
import { createHrSimServer, type HrSimServer } from "../server/create-server.js";

const credentials = { username: "svc_roster@ACMET1", password: "s3cr3t", bearerTokens: ["token-123"] };
const WORKERS = 150;
let sim: HrSimServer;

beforeAll(async () => {
  sim = await createHrSimServer({ database: { memory: true }, credentials, tenant: "acme", workers: WORKERS, seed: 3 });
}, 60_000);
afterAll(async () => {
  await sim?.close();
});

function client(overrides: Record<string, unknown> = {}): SuccessFactorsClient {
  return createSuccessFactorsClient({
    baseUrl: `${sim.url}/odata/v2/`,
    auth: { type: "basic", username: credentials.username, password: credentials.password },
    retries: 0,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 2,
    ...overrides,
  });
}

async function persons(items: AsyncIterable<PersonItem>) {
  const all = [];
  for await (const item of items) {
    if (!item.ok) throw item.error;
    all.push(item.person);
  }
  return all;
}

describe("SuccessFactors", () => {
  it("imports every person over several pages with the default attributes resolving", async () => {
    const sf = client({ customPageSize: 40 });
    await expect(sf.testConnection()).resolves.toMatchObject({ authType: "basic" });
    const all = await persons(sf.importAll());
    expect(all.length).toBe(WORKERS);
    expect(new Set(all.map((person) => person.personIdExternal)).size).toBe(WORKERS);
    const typical = all.find((person) => person.attributes.managerId !== null && person.attributes.userStatus === "active")!;
    const missing = DEFAULT_ATTRIBUTE_NAMES.filter((name) => typical.attributes[name] === null || typical.attributes[name] === undefined);
    expect(missing).toEqual([]);
  }, 60_000);

  it("accepts Bearer tokens and refuses bad credentials with 401", async () => {
    const bearer = client({ auth: { type: "bearer", token: "token-123" } });
    await expect(bearer.testConnection()).resolves.toMatchObject({ authType: "bearer" });
    const wrong = client({ auth: { type: "basic", username: credentials.username, password: "nope" } });
    await expect(wrong.testConnection()).rejects.toMatchObject({ name: "SuccessFactorsError" });
    const response = await fetch(`${sim.url}/odata/v2/PerPerson?$format=json`);
    expect(response.status).toBe(401);
    expect((await response.json()).error.message.value).toMatch(/Authentication failed/);
  });

  it("sees scenario changes in the delta query and reads single persons, future hires as of their start", async () => {
    const from = new Date(Date.now() - 1000);
    const hired = await sim.scenarios.hire({ firstName: "Amara", lastName: "Okonkwo", departmentId: "SUP_FIN_PAY" });
    const changed = await persons(client().importChanges({ from, through: new Date(Date.now() + 1000) }));
    expect(changed.map((person) => person.personIdExternal)).toEqual([hired.workerId]);
    expect(changed[0]!.attributes.department).toBe("Payroll");

    const single = await client().getPerson(hired.workerId);
    expect(single?.ok && single.person.attributes.lastName).toBe("Okonkwo");
    expect(await client().getPerson("does-not-exist")).toBeNull();

    const start = addDays(new Date().toISOString().slice(0, 10), 10);
    const future = await sim.scenarios.hire({ firstName: "Noor", lastName: "Haddad", hireDate: start });
    const read = await client().getPerson(future.workerId);
    expect(read?.ok).toBe(true);
    const direct = await fetch(`${sim.url}/odata/v2/PerPerson?$format=json&$filter=${encodeURIComponent(`personIdExternal in '${future.workerId}'`)}&$expand=employmentNav/userNav`, {
      headers: { authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}` },
    });
    const body = await direct.json();
    expect(body.d.results[0].employmentNav.results[0].userNav.status).toBe("e");
    expect(body.d.results[0].employmentNav.results[0].userNav.username).toBeUndefined();
    expect(body.d.results[0].emailNav.__deferred.uri).toMatch(/\/emailNav$/);
  }, 60_000);

  it("answers $count as plain text and an invalid $filter with 400", async () => {
    const auth = { authorization: `Bearer token-123` };
    const count = await fetch(`${sim.url}/odata/v2/PerPerson/$count?$filter=${encodeURIComponent("personEmpTerminationInfoNav/activeEmploymentsCount ne null")}`, { headers: auth });
    expect(count.headers.get("content-type")).toMatch(/text\/plain/);
    expect(Number(await count.text())).toBeGreaterThanOrEqual(WORKERS);
    const bad = await fetch(`${sim.url}/odata/v2/PerPerson?$filter=${encodeURIComponent("personIdExternal eq")}`, { headers: auth });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message.value).toMatch(/Invalid \$filter/);
  });

  it("writes email, phones and username back through upsert, with per-row errors", async () => {
    const [first, second] = await persons(client().importAll());
    const result = await client().writeback({
      personIdExternal: first!.personIdExternal,
      email: "amy.roster@contoso.example",
      businessPhone: { number: "5550187", countryCode: "1", areaCode: "312" },
      username: "amy.roster",
    });
    expect(result.ok).toBe(true);
    const after = await client().getPerson(first!.personIdExternal);
    expect(after?.ok && after.person.attributes.emailAddress).toBe("amy.roster@contoso.example");
    expect(after?.ok && after.person.attributes.username).toBe("amy.roster");
    const clash = await client().writeback({ personIdExternal: second!.personIdExternal, username: "amy.roster" });
    expect(clash.ok).toBe(false);
    expect(clash.rows.some((row) => row.status === "ERROR")).toBe(true);
  }, 60_000);
});
