/**
 * The SuccessFactors HrSource against the HR simulator over real HTTP on loopback: full and
 * incremental imports, single persons by personIdExternal, writeback computed from directory
 * values and seen in a later read, authentication and availability failures, and persons whose
 * record a custom JSONPath cannot read.
 */
import {
  compileProvisioningConfigOrThrow,
  RosterError,
  sourceAttributesOf,
  successFactorsToActiveDirectory,
  successFactorsWriteback,
} from "@roster/engine";
import { createHrSimServer, type HrSimServer } from "@roster/hr-sim";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { jobSourceSchema } from "../jobs/job-definition.js";
import { createHrSource } from "./create-hr-source.js";
import type { HrSource, SourceFailure, SourceItem, SourceWorker } from "./hr-source.js";
import { compileWriteback, computeWritebackValues } from "./writeback-values.js";

const credentials = { username: "svc_roster@ACMET1", password: "sf-s3cr3t-pw", bearerTokens: ["token-abc"] };
const WORKERS = 60;
const MAPPED = sourceAttributesOf(compileProvisioningConfigOrThrow(successFactorsToActiveDirectory()));
let sim: HrSimServer;

beforeAll(async () => {
  sim = await createHrSimServer({ database: { memory: true }, credentials, tenant: "acme", workers: WORKERS, seed: 3 });
}, 60_000);
afterAll(async () => {
  await sim?.close();
});
afterEach(() => {
  sim.faults.reset();
});

function source(overrides: Record<string, unknown> = {}, mappedAttributes: readonly string[] = MAPPED): HrSource {
  const definition = jobSourceSchema.parse({
    type: "successfactors",
    connection: {
      baseUrl: `${sim.url}/odata/v2/`,
      auth: { type: "basic", username: credentials.username, password: credentials.password },
      customPageSize: 25,
      retries: 0,
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 2,
      ...overrides,
    },
  });
  return createHrSource(definition, { mappedAttributes });
}

async function collect(items: AsyncIterable<SourceItem>) {
  const workers: SourceWorker[] = [];
  const failures: SourceFailure[] = [];
  for await (const item of items) {
    if (item.ok) workers.push(item.worker);
    else failures.push(item.failure);
  }
  return { workers, failures };
}

const soon = () => new Date(Date.now() + 1000);

describe("SuccessFactors source: imports", () => {
  it("streams every person with perPersonUuid anchors, personIdExternal ids and the mapped attributes", async () => {
    const { workers, failures } = await collect(source().importAll({ through: new Date() }));
    expect(failures).toEqual([]);
    expect(workers.length).toBe(WORKERS);
    expect(new Set(workers.map((worker) => worker.sourceAnchor)).size).toBe(WORKERS);
    for (const worker of workers) {
      expect(worker.attributes.perPersonUuid).toBe(worker.sourceAnchor);
      expect(worker.attributes.personIdExternal).toBe(worker.workerId);
      expect(worker.sourceAnchor).not.toBe(worker.workerId);
      expect(Object.values(worker.attributes)).not.toContain(null);
      for (const name of Object.keys(worker.attributes)) expect(MAPPED).toContain(name);
      expect(worker.displayName).toBeTruthy();
    }
    const typical = workers.find((worker) => worker.attributes.managerId !== undefined)!;
    expect(typical.displayName).toBe(typical.attributes.displayName);
    expect(workers.map((worker) => worker.workerId)).toContain(typical.attributes.managerId);
  }, 60_000);

  it("reads only the mapped catalogue attributes, plus names for the display name", async () => {
    const hired = await sim.scenarios.hire({ firstName: "Åsa", lastName: "Öberg", departmentId: "SUP_FIN_PAY" });
    const item = await source({}, ["perPersonUuid", "personIdExternal", "department"]).getWorker(hired.workerId);
    if (!item?.ok) throw new Error("hired person not found");
    expect(Object.keys(item.worker.attributes).sort()).toEqual(["department", "perPersonUuid", "personIdExternal"]);
    expect(item.worker.attributes.department).toBe("Payroll");
    expect(item.worker.displayName).toMatch(/Åsa.*Öberg|Öberg.*Åsa/);
  }, 30_000);

  it("refuses a mapped attribute the connection does not list", () => {
    expect(() => source({}, ["personIdExternal", "shoeSize"])).toThrow(/shoeSize/);
    expect(() => source({}, ["shoeSize"])).toThrow(RosterError);
    expect(() =>
      source({ extraAttributes: { shoeSize: "$.customString1" } }, ["personIdExternal", "shoeSize"]),
    ).not.toThrow();
  });

  it("sees a hire and then an update in incremental imports", async () => {
    const start = new Date(Date.now() - 1000);
    const hired = await sim.scenarios.hire({ firstName: "Amara", lastName: "Okafor", departmentId: "SUP_FIN_PAY" });
    let changed = await collect(source().importChanges({ from: start, through: soon() }));
    expect(changed.failures).toEqual([]);
    const seen = changed.workers.find((worker) => worker.workerId === hired.workerId);
    expect(seen?.attributes.lastName).toBe("Okafor");
    expect(seen?.attributes.department).toBe("Payroll");

    const mark = new Date(Date.now() - 1);
    await sim.scenarios.update({ workerId: hired.workerId, businessTitle: "Payroll Lead" });
    changed = await collect(source().importChanges({ from: mark, through: soon() }));
    expect(changed.workers.map((worker) => worker.workerId)).toEqual([hired.workerId]);
    expect(changed.workers[0]!.attributes.jobTitle).toBe("Payroll Lead");
    expect(changed.workers[0]!.sourceAnchor).toBe(seen?.sourceAnchor);
  }, 60_000);

  it("finds a person by personIdExternal and answers null for an unknown one", async () => {
    const hired = await sim.scenarios.hire({ firstName: "Jo", lastName: "Rivera" });
    const item = await source().getWorker(hired.workerId);
    expect(item?.ok && item.worker.workerId).toBe(hired.workerId);
    expect(item?.ok && item.worker.attributes.lastName).toBe("Rivera");
    expect(await source().getWorker("does-not-exist")).toBeNull();
  }, 30_000);
});

describe("SuccessFactors source: writeback", () => {
  it("upserts email and phones computed from directory values, plus the username; a later read sees them", async () => {
    const sf = source({}, [...MAPPED, "phoneNumber", "username"]);
    // A generated person: its primary email is the business one, so the business email may stay primary.
    const [person] = (await collect(sf.importAll({ through: new Date() }))).workers;
    const values = computeWritebackValues(compileWriteback(successFactorsWriteback()), {
      employeeID: person!.workerId,
      mail: "amy.okonkwo@acme.example",
      telephoneNumber: "3125550187",
    });
    expect(values).toMatchObject({ email: "amy.okonkwo@acme.example", businessPhoneNumber: "3125550187" });
    const outcome = await sf.writeback(person!, { ...values, username: "aokonkwo" });
    expect(outcome).toEqual({ ok: true });
    const after = await sf.getWorker(person!.workerId);
    if (!after?.ok) throw new Error("person not readable after writeback");
    expect(after.worker.attributes.emailAddress).toBe("amy.okonkwo@acme.example");
    expect(after.worker.attributes.phoneNumber).toBe("3125550187");
    expect(after.worker.attributes.username).toBe("aokonkwo");
  }, 30_000);

  it("reports the personal primary email SuccessFactors refuses to switch as a failure naming the person", async () => {
    const hired = await sim.scenarios.hire({ firstName: "Noor", lastName: "Haddad" });
    const outcome = await source().writeback(
      { sourceAnchor: "unused", workerId: hired.workerId },
      { email: "noor.haddad@acme.example", emailType: "8448", emailIsPrimary: "true" },
    );
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect(outcome.message).toContain(hired.workerId);
    expect(outcome.message).toMatch(/PerEmail/);
  }, 30_000);

  it("reports refused rows, unsupported fields and outages as failures, never throwing", async () => {
    const [a, b] = (await collect(source({}, [...MAPPED, "username"]).importAll({ through: new Date() }))).workers;
    expect(a!.attributes.username).toEqual(expect.any(String));
    const clash = await source().writeback(b!, { username: String(a!.attributes.username) });
    expect(clash).toMatchObject({ ok: false, retryable: false });
    expect(clash.message).toContain(b!.workerId);

    const unsupported = await source().writeback(b!, { email: "b@acme.example", loginMethod: "SSO" });
    expect(unsupported).toMatchObject({ ok: false, retryable: false });
    expect(unsupported.message).toMatch(/"loginMethod"/);

    const badFlag = await source().writeback(b!, { email: "b@acme.example", emailIsPrimary: "yes" });
    expect(badFlag).toMatchObject({ ok: false, retryable: false });
    expect(badFlag.message).toMatch(/emailIsPrimary/);

    sim.faults.update({ successfactors: { errorRate: 1, errorKind: "http503" } });
    const unavailable = await source().writeback(b!, { email: "b@acme.example" });
    expect(unavailable).toMatchObject({ ok: false, retryable: true });
  }, 60_000);
});

describe("SuccessFactors source: failures", () => {
  it("reports refused credentials as SourceAuthenticationFailed without the password", async () => {
    const wrong = source({ auth: { type: "basic", username: credentials.username, password: "wrong-pass" } });
    const refused = await wrong.testConnection().catch((error: unknown) => error);
    expect((refused as RosterError).code).toBe("SourceAuthenticationFailed");
    expect((refused as RosterError).message).not.toContain("wrong-pass");
    await expect(collect(wrong.importAll({ through: new Date() }))).rejects.toMatchObject({
      code: "SourceAuthenticationFailed",
    });
    sim.faults.update({ successfactors: { authFailure: true } });
    await expect(source().getWorker("100001")).rejects.toMatchObject({ code: "SourceAuthenticationFailed" });
    sim.faults.reset();
    await expect(source().testConnection()).resolves.toMatchObject({ ok: true, details: { authType: "basic" } });
  }, 30_000);

  it("reports an unavailable tenant as SourceUnavailable", async () => {
    sim.faults.update({ successfactors: { errorRate: 1, errorKind: "http500" } });
    await expect(
      collect(source().importChanges({ from: new Date(Date.now() - 60_000), through: new Date() })),
    ).rejects.toMatchObject({
      code: "SourceUnavailable",
    });
  }, 30_000);

  it("fails a person whose record the JSONPath cannot read alone, naming the person and the JSONPath", async () => {
    // The fax row is an object, not a value: persons with a fax fail, the others are read.
    const faxRow = "$.phoneNav.results[?(@.phoneType == '10607')]";
    const faxNumber = `${faxRow}.phoneNumber`;
    const withFax = (
      await collect(
        source({ extraAttributes: { fax: faxNumber } }, ["personIdExternal", "fax"]).importAll({ through: new Date() }),
      )
    ).workers
      .filter((worker) => worker.attributes.fax !== undefined)
      .map((worker) => worker.workerId);
    expect(withFax.length).toBeGreaterThan(0);

    const { workers, failures } = await collect(
      source({ extraAttributes: { fax: faxRow } }, ["personIdExternal", "fax"]).importAll({ through: new Date() }),
    );
    expect(failures.map((failure) => failure.workerId).sort()).toEqual([...withFax].sort());
    expect(workers.length + failures.length).toBeGreaterThanOrEqual(WORKERS);
    for (const failure of failures) {
      expect(failure.errorCode).toBe("SourceRecordInvalid");
      expect(failure.retryable).toBe(false);
      expect(failure.message).toContain(failure.workerId!);
      expect(failure.message).toContain(faxRow);
    }
  }, 60_000);
});
