/**
 * The real @roster/workday client against the simulator over HTTP on loopback: test connection,
 * full import in both WWS shapes with every catalogue attribute resolving, paging, credentials,
 * incremental imports after each scenario kind, writeback visible in later reads, and faults.
 */
import { createWorkdayClient, type WorkdayClient, type WorkerItem, WORKDAY_V21_CATALOGUE, WORKDAY_V30_CATALOGUE } from "@roster/workday";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../generator/generate-workers.js";
import { tenantToday } from "../model/tenant-time.js";
import { createHrSimServer, type HrSimServer } from "../server/create-server.js";

const TENANT = "acme";
const credentials = { username: "ISU_Roster@acme", password: "s3cr3t-value" };
const WORKERS = 240;
let sim: HrSimServer;

beforeAll(async () => {
  sim = await createHrSimServer({ database: { memory: true }, credentials, tenant: TENANT, workers: WORKERS, seed: 11 });
}, 60_000);
afterAll(async () => {
  await sim?.close();
});

function client(version?: string, overrides: Record<string, unknown> = {}): WorkdayClient {
  const path = version === undefined ? "Human_Resources" : `Human_Resources/${version}`;
  return createWorkdayClient({
    endpoint: `${sim.url}/ccx/service/${TENANT}/${path}`,
    ...credentials,
    retries: 0,
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 2,
    ...overrides,
  });
}

async function collect(items: AsyncIterable<WorkerItem>) {
  const workers = [];
  for await (const item of items) {
    if (!item.ok) throw item.error;
    workers.push(item.worker);
  }
  return workers;
}

/**
 * Attributes no generated worker can have: the catalogue's own misspelling (Not_Eligible_For_Hire),
 * retirement (never generated) and address lines 3-9 (locations have at most two lines).
 */
const NEVER_RESOLVING = new Set([
  "StatusNotEligibleForHire",
  "StatusRetirementDate",
  ...Array.from({ length: 7 }, (_, index) => `AddressLine${index + 3}Data`),
]);
const NEVER_RESOLVING_V30 = new Set([...NEVER_RESOLVING, "StatusNotEligibleForRehire"]);
/** Attributes only some workers have (terminated, on leave, with fax, preferred name, long addresses). */
const SITUATIONAL = new Set([
  "ContingentWorkerID", "EmployeeID", "Fax", "Mobile", "LeaveAbsenceType", "ManagerReference", "MiddleName",
  "PreferredFirstName", "PreferredLastName", "PreferredMiddleName", "PreferredNameData", "StatusEndEmploymentDate",
  "StatusResignationDate", "StatusTerminationDate", "StatusTerminationInvoluntary", "StatusTerminationLastDayOfWork",
  "StatusExpectedRetirementDate", "StatusRetirementEligibilityDate", "AddressLine2Data",
]);

describe.each([
  ["v21.1", undefined, WORKDAY_V21_CATALOGUE, NEVER_RESOLVING],
  ["v34.0", "v34.0", WORKDAY_V30_CATALOGUE, NEVER_RESOLVING_V30],
] as const)("Workday %s", (_label, version, catalogue, never) => {
  it("passes Test Connection and imports every worker, every catalogue attribute resolving", async () => {
    const wd = client(version);
    await expect(wd.testConnection()).resolves.toMatchObject({ version: version ?? "v21.1" });
    const workers = await collect(wd.importAll());
    expect(workers.length).toBeGreaterThanOrEqual(WORKERS);
    expect(new Set(workers.map((worker) => worker.wid)).size).toBe(workers.length);

    const names = Object.keys(catalogue);
    const unresolved = names.filter((name) => !never.has(name) && workers.every((worker) => worker.attributes[name] === null));
    expect(unresolved).toEqual([]);

    // A typical worker (active employee with a manager) has every non-situational attribute.
    const typical = workers.find(
      (worker) => worker.attributes.Active === "1" && worker.attributes.EmployeeID !== null && worker.attributes.ManagerReference !== null,
    )!;
    const missing = names.filter((name) => !never.has(name) && !SITUATIONAL.has(name) && typical.attributes[name] === null);
    expect(missing).toEqual([]);
    expect(typical.attributes.WorkerID).toBe(typical.workerId);
    expect(typical.attributes.Telephone).toMatch(/^\+\d+ /);
  }, 60_000);
});

describe("Get_Workers behaviour", () => {
  it("refuses wrong credentials with an authentication fault", async () => {
    const wd = client(undefined, { password: "wrong-password" });
    await expect(wd.testConnection()).rejects.toMatchObject({ name: "WorkdayError" });
    await expect(wd.testConnection()).rejects.toThrow(/invalid username or password|authentication/i);
  });

  it("pages with Count and reports totals (page size 7 gives the same workers as page size 100)", async () => {
    const small = await collect(client(undefined, { pageSize: 7 }).importAll());
    const large = await collect(client().importAll());
    expect(small.map((worker) => worker.wid).sort()).toEqual(large.map((worker) => worker.wid).sort());
  }, 60_000);

  it("looks a worker up by Worker ID and by WID", async () => {
    const [first] = await collect(client().importAll());
    const byId = await client().getWorker({ workerId: first!.workerId });
    expect(byId?.ok && byId.worker.wid).toBe(first!.wid);
    const byWid = await client().getWorker({ wid: first!.wid });
    expect(byWid?.ok && byWid.worker.workerId).toBe(first!.workerId);
    expect(await client().getWorker({ wid: "0".repeat(32) })).toBeNull();
  });
});

describe("scenarios seen by incremental imports", () => {
  async function changesSince(from: Date) {
    return collect(client("v34.0").importChanges({ from, through: new Date(Date.now() + 1000) }));
  }

  it("hire, update, terminate, leave, rehire and conversion each show up in the next incremental import", async () => {
    const start = new Date(Date.now() - 1000);
    const hired = await sim.scenarios.hire({ firstName: "Zoë", lastName: "O'Brien-Núñez", departmentId: "SUP_ENG" });
    let changed = await changesSince(start);
    expect(changed.map((worker) => worker.wid)).toContain(hired.wid);
    const seen = changed.find((worker) => worker.wid === hired.wid)!;
    expect(seen.attributes.LastName).toBe("O'Brien-Núñez");
    expect(seen.attributes.Active).toBe("1");

    const mark = new Date(Date.now() - 1);
    await sim.scenarios.update({ workerId: hired.workerId, businessTitle: "Staff Engineer", locationId: "LOC_MUC_01" });
    changed = await changesSince(mark);
    const updated = changed.find((worker) => worker.wid === hired.wid)!;
    expect(updated.attributes.BusinessTitle).toBe("Staff Engineer");
    expect(updated.attributes.Municipality).toBe("München");
    expect(changed).toHaveLength(1);

    const mark2 = new Date(Date.now() - 1);
    await sim.scenarios.leave({ workerId: hired.workerId, typeId: "MEDICAL" });
    changed = await changesSince(mark2);
    expect(changed.find((worker) => worker.wid === hired.wid)?.attributes.LeaveAbsenceType).toBe("MEDICAL");

    const mark3 = new Date(Date.now() - 1);
    await sim.scenarios.terminate({ workerId: hired.workerId });
    changed = await changesSince(mark3);
    const terminated = changed.find((worker) => worker.wid === hired.wid)!;
    expect(terminated.attributes.Active).toBe("0");
    expect(terminated.attributes.StatusTerminated).toBe("1");

    const mark4 = new Date(Date.now() - 1);
    await sim.scenarios.rehire({ workerId: hired.workerId });
    changed = await changesSince(mark4);
    const rehired = changed.find((worker) => worker.wid === hired.wid)!;
    expect(rehired.attributes.Active).toBe("1");
    expect(rehired.attributes.StatusRehire).toBe("1");

    const contractor = await sim.scenarios.hire({ firstName: "Lee", lastName: "Chen", workerType: "contingent" });
    const mark5 = new Date(Date.now() - 1);
    const { hired: employee } = await sim.scenarios.convert({ workerId: contractor.workerId });
    changed = await changesSince(mark5);
    const byWid = new Map(changed.map((worker) => [worker.wid, worker]));
    expect(byWid.get(contractor.wid)?.attributes.Active).toBe("0");
    expect(byWid.get(employee.wid)?.attributes.EmployeeID).toBe(employee.workerId);
  }, 60_000);

  it("a future-dated hire is imported with its hire date view; a future termination only once effective", async () => {
    const today = tenantToday(Date.now());
    const mark = new Date(Date.now() - 1);
    const future = await sim.scenarios.hire({ firstName: "Ana", lastName: "Peña", hireDate: addDays(today, 14) });
    const changed = await changesSince(mark);
    const preHire = changed.find((worker) => worker.wid === future.wid)!;
    // The client re-reads future hires as of their hire date, where Workday reports them active.
    expect(preHire.attributes.Active).toBe("1");
    expect(preHire.attributes.StatusHireDate).toBe(`${addDays(today, 14)}-08:00`);

    const active = await collect(client().importAll());
    const someone = active.find((worker) => worker.attributes.Active === "1" && worker.attributes.EmployeeID !== null && worker.wid !== future.wid)!;
    await sim.scenarios.terminate({ workerId: someone.workerId, lastDayOfWork: addDays(today, 10) });
    const now = await client().getWorker({ wid: someone.wid });
    expect(now?.ok && now.worker.attributes.Active).toBe("1");
    const later = await client().getWorker({ wid: someone.wid }, { asOf: `${addDays(today, 12)}-08:00` });
    expect(later?.ok && later.worker.attributes.Active).toBe("0");
  }, 60_000);
});

describe("writeback", () => {
  it("writes email, phones and the username back; later reads and incremental imports see them", async () => {
    const [target] = await collect(client().importAll());
    const mark = new Date(Date.now() - 1);
    const wd = client("v34.0");
    await wd.writeback({
      wid: target!.wid,
      email: "roster.test@contoso.example",
      phone: { deviceType: "Mobile", number: "2065550199", countryCodeName: "USA", countryCodeNumber: "1" },
      username: "roster.test@contoso.example",
    });
    const after = await wd.getWorker({ wid: target!.wid });
    expect(after?.ok).toBe(true);
    if (!after?.ok) return;
    expect(after.worker.attributes.EmailAddress).toBe("roster.test@contoso.example");
    expect(after.worker.attributes.Mobile).toBe("+1 (206) 555-0199");
    expect(after.worker.attributes.UserID).toBe("roster.test@contoso.example");
    const changed = await changesSince(mark);
    expect(changed.map((worker) => worker.wid)).toContain(target!.wid);

    const legacy = client(undefined, { contactWriteback: "maintain-contact-legacy" });
    await legacy.writeback({ wid: target!.wid, email: "legacy@contoso.example" });
    const again = await legacy.getWorker({ wid: target!.wid });
    expect(again?.ok && again.worker.attributes.EmailAddress).toBe("legacy@contoso.example");
  }, 60_000);

  it("rejects a username another worker holds with a validation fault", async () => {
    const workers = await collect(client().importAll());
    const [a, b] = workers;
    await expect(client("v34.0").writeback({ wid: a!.wid, username: String(b!.attributes.UserID) })).rejects.toThrow(/already in use/);
  }, 60_000);

  async function changesSince(from: Date) {
    return collect(client("v34.0").importChanges({ from, through: new Date(Date.now() + 1000) }));
  }
});
