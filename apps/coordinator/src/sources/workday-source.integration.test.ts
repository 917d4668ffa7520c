/**
 * The Workday HrSource against the HR simulator over real HTTP on loopback: full and incremental
 * imports, single-worker reads by WorkerID and WID, writeback computed from directory values and
 * seen in a later read, authentication and availability failures, and a malformed worker.
 */
import {
  compileProvisioningConfigOrThrow,
  RosterError,
  sourceAttributesOf,
  workdayToActiveDirectory,
  workdayWriteback,
} from "@roster/engine";
import { createHrSimServer, type HrSimServer } from "@roster/hr-sim";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { jobSourceSchema } from "../jobs/job-definition.js";
import { createHrSource } from "./create-hr-source.js";
import type { HrSource, SourceFailure, SourceItem, SourceWorker } from "./hr-source.js";
import { compileWriteback, computeWritebackValues } from "./writeback-values.js";

const TENANT = "acme";
const credentials = { username: "ISU_Roster@acme", password: "wd-s3cr3t-pw" };
const WORKERS = 60;
const WID = /^[0-9a-f]{32}$/;
const MAPPED = sourceAttributesOf(compileProvisioningConfigOrThrow(workdayToActiveDirectory()));
let sim: HrSimServer;

beforeAll(async () => {
  sim = await createHrSimServer({ database: { memory: true }, credentials, tenant: TENANT, workers: WORKERS, seed: 5 });
}, 60_000);
afterAll(async () => {
  await sim?.close();
});
afterEach(() => {
  sim.faults.reset();
});

function source(overrides: Record<string, unknown> = {}, mappedAttributes: readonly string[] = MAPPED): HrSource {
  const definition = jobSourceSchema.parse({
    type: "workday",
    connection: {
      endpoint: `${sim.url}/ccx/service/${TENANT}/Human_Resources/v34.0`,
      ...credentials,
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

describe("Workday source: imports", () => {
  it("streams every worker with WID anchors, Worker IDs and only the mapped attributes, nulls left out", async () => {
    const { workers, failures } = await collect(source().importAll({ through: new Date() }));
    expect(failures).toEqual([]);
    expect(workers.length).toBeGreaterThanOrEqual(WORKERS);
    expect(new Set(workers.map((worker) => worker.sourceAnchor)).size).toBe(workers.length);
    for (const worker of workers) {
      expect(worker.sourceAnchor).toMatch(WID);
      expect(worker.attributes.WID).toBe(worker.sourceAnchor);
      expect(worker.attributes.WorkerID).toBe(worker.workerId);
      expect(Object.values(worker.attributes)).not.toContain(null);
      for (const name of Object.keys(worker.attributes)) expect(MAPPED).toContain(name);
      expect(worker.displayName).toBeTruthy();
    }
    // A typical active employee has most of the mapped attributes.
    const typical = workers.find((worker) => worker.attributes.Active === "1" && worker.attributes.ManagerReference)!;
    expect(typical.attributes.FirstName).toEqual(expect.any(String));
    expect(typical.attributes.ManagerReference).toMatch(WID);
    expect(typical.displayName).toBe(typical.attributes.PreferredNameData);
  }, 60_000);

  it("reads name attributes for the display name without handing them to the engine", async () => {
    const hired = await sim.scenarios.hire({ firstName: "Åsa", lastName: "Öberg", businessTitle: "Analyst" });
    const item = await source({}, ["WID", "WorkerID", "BusinessTitle"]).getWorker(hired.workerId);
    expect(item?.ok).toBe(true);
    if (!item?.ok) return;
    expect(item.worker.displayName).toBe("Åsa Öberg");
    expect(Object.keys(item.worker.attributes).sort()).toEqual(["BusinessTitle", "WID", "WorkerID"]);
    expect(item.worker.attributes.BusinessTitle).toBe("Analyst");
  }, 30_000);

  it("sees a hire and then an update in incremental imports", async () => {
    const start = new Date(Date.now() - 1000);
    const hired = await sim.scenarios.hire({ firstName: "Zoë", lastName: "Núñez", departmentId: "SUP_ENG" });
    let changed = await collect(source().importChanges({ from: start, through: soon() }));
    expect(changed.failures).toEqual([]);
    const seen = changed.workers.find((worker) => worker.sourceAnchor === hired.wid);
    expect(seen?.workerId).toBe(hired.workerId);
    expect(seen?.attributes.LastName).toBe("Núñez");
    expect(seen?.attributes.Active).toBe("1");

    const mark = new Date(Date.now() - 1);
    await sim.scenarios.update({ workerId: hired.workerId, businessTitle: "Staff Engineer" });
    changed = await collect(source().importChanges({ from: mark, through: soon() }));
    expect(changed.workers.map((worker) => worker.sourceAnchor)).toEqual([hired.wid]);
    expect(changed.workers[0]!.attributes.BusinessTitle).toBe("Staff Engineer");
  }, 60_000);
});

describe("Workday source: single workers", () => {
  it("finds a worker by WorkerID and by WID (any case), and answers null for unknown ids", async () => {
    const hired = await sim.scenarios.hire({ firstName: "Jo", lastName: "Rivera" });
    const byId = await source().getWorker(hired.workerId);
    expect(byId?.ok && byId.worker.sourceAnchor).toBe(hired.wid);
    const byWid = await source().getWorker(hired.wid.toUpperCase());
    expect(byWid?.ok && byWid.worker.workerId).toBe(hired.workerId);
    expect(await source().getWorker("0".repeat(32))).toBeNull();
    expect(await source().getWorker("no-such-worker")).toBeNull();
  }, 30_000);
});

describe("Workday source: writeback", () => {
  it("writes email, username and phones computed from directory values; a later read sees them", async () => {
    const hired = await sim.scenarios.hire({ firstName: "Amy", lastName: "Okonkwo" });
    const wd = source();
    const values = computeWritebackValues(compileWriteback(workdayWriteback({ includePhones: true })), {
      mail: "amy.okonkwo@acme.example",
      userPrincipalName: "amy.okonkwo@acme.example",
      telephoneNumber: "+1 (425) 555-0100 x1234",
      mobile: "+44 7700 900123",
    });
    const outcome = await wd.writeback({ sourceAnchor: hired.wid, workerId: hired.workerId }, values);
    expect(outcome).toEqual({ ok: true });
    const after = await wd.getWorker(hired.workerId);
    if (!after?.ok) throw new Error("worker not readable after writeback");
    expect(after.worker.attributes.UserID).toBe("amy.okonkwo@acme.example");
    expect(after.worker.attributes.PrimaryWorkTelephone).toMatch(/^\+1 .*425.*555-0100/);
    expect(after.worker.attributes.Mobile).toMatch(/^\+44 /);
    const withEmail = await source({}, ["WID", "WorkerID", "EmailAddress"]).getWorker(hired.wid);
    expect(withEmail?.ok && withEmail.worker.attributes.EmailAddress).toBe("amy.okonkwo@acme.example");
  }, 30_000);

  it("names a contingent worker by Contingent_Worker_ID when the import gave the worker type", async () => {
    const hired = await sim.scenarios.hire({ firstName: "Cy", lastName: "Contractor", workerType: "contingent" });
    const wd = source();
    const read = await wd.getWorker(hired.workerId);
    if (!read?.ok) throw new Error("hired worker not readable");
    expect(read.worker.workerType).toBe("Contingent_Worker");
    const outcome = await wd.writeback(
      { sourceAnchor: hired.wid, workerId: hired.workerId, workerType: read.worker.workerType ?? null },
      { EmailAddress: "cy.contractor@acme.example", UserID: "cy.contractor@acme.example" },
    );
    expect(outcome).toEqual({ ok: true });
    const after = await source({}, ["WID", "WorkerID", "UserID", "EmailAddress"]).getWorker(hired.wid);
    expect(after?.ok && after.worker.attributes.UserID).toBe("cy.contractor@acme.example");
    expect(after?.ok && after.worker.attributes.EmailAddress).toBe("cy.contractor@acme.example");
  }, 30_000);

  it("returns data failures without sending, and transient ones as retryable", async () => {
    const hired = await sim.scenarios.hire({ firstName: "Noor", lastName: "Haddad" });
    const worker = { sourceAnchor: hired.wid, workerId: hired.workerId };
    const unknown = await source().writeback(worker, { EmailAddress: "n@acme.example", Nickname: "x" });
    expect(unknown).toMatchObject({ ok: false, retryable: false });
    expect(unknown.message).toMatch(/"Nickname"/);
    expect(unknown.message).toContain(hired.workerId);

    const noCountry = await source().writeback(worker, { WorkphoneLandlineNumber: "4255550100" });
    expect(noCountry).toMatchObject({ ok: false, retryable: false });
    expect(noCountry.message).toMatch(/WorkphoneLandlineCountryCodeName/);

    const empty = await source().writeback(worker, { UserID: "" });
    expect(empty).toMatchObject({ ok: false, retryable: false });
    expect(empty.message).toMatch(/empty/);

    expect(await source().writeback(worker, {})).toEqual({ ok: true });

    sim.faults.update({ workday: { errorRate: 1, errorKind: "http503" } });
    const unavailable = await source().writeback(worker, { EmailAddress: "n@acme.example" });
    expect(unavailable).toMatchObject({ ok: false, retryable: true });
  }, 30_000);
});

describe("Workday source: failures", () => {
  it("reports refused credentials as SourceAuthenticationFailed, from Test Connection and imports", async () => {
    const wrong = source({ password: "not-the-password" });
    const refused = await wrong.testConnection().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RosterError);
    expect((refused as RosterError).code).toBe("SourceAuthenticationFailed");
    expect((refused as RosterError).message).not.toContain("not-the-password");
    await expect(collect(wrong.importAll({ through: new Date() }))).rejects.toMatchObject({
      code: "SourceAuthenticationFailed",
    });
    await expect(source().testConnection()).resolves.toMatchObject({ ok: true, details: { version: "v34.0" } });
  }, 30_000);

  it("reports an unavailable tenant as SourceUnavailable", async () => {
    sim.faults.update({ workday: { errorRate: 1, errorKind: "http503" } });
    await expect(collect(source().importAll({ through: new Date() }))).rejects.toMatchObject({
      code: "SourceUnavailable",
    });
    await expect(source().getWorker("100001")).rejects.toMatchObject({ code: "SourceUnavailable" });
  }, 30_000);

  it("fails a worker without Worker_ID alone, naming its WID and the XPath", async () => {
    const clean = await collect(source().importAll({ through: new Date() }));
    sim.faults.update({ workday: { missingWorkerIdRate: 0.2 } });
    const { workers, failures } = await collect(source().importAll({ through: new Date() }));
    expect(failures.length).toBeGreaterThan(0);
    expect(workers.length + failures.length).toBe(clean.workers.length);
    for (const failure of failures) {
      expect(failure.errorCode).toBe("SourceRecordInvalid");
      expect(failure.retryable).toBe(false);
      expect(failure.sourceAnchor).toMatch(WID);
      expect(failure.workerId).toBeNull();
      expect(failure.message).toContain(failure.sourceAnchor!);
      expect(failure.message).toContain("wd:Worker_ID");
    }
  }, 60_000);
});
