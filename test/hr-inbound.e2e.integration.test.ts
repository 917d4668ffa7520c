/**
 * The HR-inbound deployment test plan across real processes: hr-sim, the coordinator and one
 * agent each run as their own executable, against a real directory (OpenLDAP by default,
 * Samba AD DC with ROSTER_E2E_DIRECTORY=samba). Every outcome is read back from the directory
 * over LDAP, and from the REST API or the HR side where that is what the plan promises.
 *
 * One Workday job runs through hires, changes, scope exits, terminations and rehires in
 * incremental cycles (POST /jobs/{id}/run); an API-driven job takes SCIM bulk uploads.
 */
import { createWorkdayClient } from "@roster/workday";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { CycleRecord } from "./support/coordinator-api.js";
import { directoryFlavour } from "./support/e2e-directory.js";
import { withUniqueNames } from "./support/e2e-job.js";
import { accountOf, entryByAnchor, isDisabled, parentOf, requireAccount } from "./support/directory-reads.js";
import { type ProcessStack, STACK_CREDENTIALS, startProcessStack } from "./support/process-stack.js";

const WORKERS = 25;
/** Workers in this department are out of the job's scope. */
const OUT_OF_SCOPE_DEPARTMENT = { id: "SUP_OPS", name: "Operations" };
/** Disabled while the hire date is more than a day ahead, else enabled per the Active flag. */
const PRE_HIRE_ACCOUNT_DISABLED =
  'IIF(DateDiff("d", Now(), CDate([StatusHireDate])) > 0, "True", Switch([Active], , "0", "True", "1", "False"))';

let stack: ProcessStack;
let jobId: string;
let failed = false;

interface Hired {
  readonly wid: string;
  readonly workerId: string;
}

const ouOf = (city: string) => `ou=${city},ou=users,${stack.directory.baseDn}`.toLowerCase();
const reader = () => stack.directory.reader;
/** HR timestamps have second precision: let the clock pass the watermark the last cycle saved. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 1100));
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function cycle(): Promise<CycleRecord> {
  const finished = await stack.api.runCycle(jobId);
  expect(finished.state).toBe("completed");
  expect(finished.counts.failed, await stack.api.failures(jobId, finished.cycleId)).toBe(0);
  return finished;
}

beforeAll(async () => {
  stack = await startProcessStack({ name: "hr-inbound", workers: WORKERS });
}, 240_000);

afterEach(async ({ task }) => {
  if (task.result?.state === "fail" && !failed) {
    failed = true;
    await stack?.reportLogs();
  }
});

afterAll(async () => {
  await stack?.close();
});

describe(`HR inbound across processes (${directoryFlavour()})`, () => {
  // Workers the scenarios share, hired in the first incremental cycle.
  let analyst: Hired;
  let twins: [Hired, Hired];
  let futureHire: Hired;
  let manager: Hired;
  let report: Hired;
  let contingent: Hired;

  it("creates and starts the Workday job: the initial cycle provisions the in-scope workers", async () => {
    const definition = withUniqueNames(stack.workdayJob(), (mapping) =>
      mapping.target === "accountDisabled"
        ? { type: "Expression", expression: PRE_HIRE_ACCOUNT_DISABLED, target: "accountDisabled", apply: "Always" }
        : mapping,
    );
    const job = {
      ...definition,
      provisioning: {
        ...definition.provisioning,
        scopingFilters: [
          {
            title: "Not Operations",
            clauses: [{ attribute: "SupervisoryOrganization", operator: "NOT EQUALS" as const, value: OUT_OF_SCOPE_DEPARTMENT.name }],
          },
        ],
      },
    };
    const created = await stack.api.call<{ jobId: string }>("POST", "/jobs", job);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    jobId = created.body.jobId;
    const before = (await stack.api.status(jobId)).lastCycle?.cycleId ?? null;
    await stack.api.ok("POST", `/jobs/${jobId}/start`);
    const initial = await stack.api.waitForCycleAfter(jobId, before);
    expect(initial.kind).toBe("initial");
    expect(initial.state).toBe("completed");
    // The generated tenant holds deliberately oversize values (a 46-character surname): those
    // workers fail alone, with a clear code, and nothing else does.
    const failures = await stack.api.ok<{ records: { errorCode: string | null }[] }>(
      "GET",
      `/logs?jobId=${jobId}&status=failure&limit=100`,
    );
    expect(failures.records.length).toBe(initial.counts.failed);
    for (const record of failures.records) expect(record.errorCode).toBe("AttributeValueTooLong");
    expect(initial.counts.created).toBeGreaterThan(WORKERS / 2);
    const accounts = await stack.directory.listAccounts();
    expect(accounts.length).toBe(initial.counts.created);
    expect(new Set(accounts.map((a) => a.employeeID)).size).toBe(accounts.length);
  }, 180_000);

  it("hire: the account lands in the worker's city OU, enabled, and its UPN is written back to HR", async () => {
    await tick();
    analyst = await stack.scenario("hire", { firstName: "Noor", lastName: "Haddad", locationId: "LOC_LON_01", businessTitle: "Analyst" });
    twins = [
      await stack.scenario("hire", { firstName: "Kim", lastName: "Lee", locationId: "LOC_SEA_01" }),
      await stack.scenario("hire", { firstName: "Kim", lastName: "Lee", locationId: "LOC_SEA_01" }),
    ];
    futureHire = await stack.scenario("hire", { firstName: "Future", lastName: "Starter", locationId: "LOC_NYC_01", hireDate: daysFromNow(7) });
    // The manager starts out of scope, so the report's account exists before the manager's does.
    manager = await stack.scenario("hire", { firstName: "Maya", lastName: "Boss", locationId: "LOC_CHI_01", departmentId: OUT_OF_SCOPE_DEPARTMENT.id });
    report = await stack.scenario("hire", { firstName: "Ravi", lastName: "Report", locationId: "LOC_CHI_01", managerWorkerId: manager.workerId });
    contingent = await stack.scenario("hire", { firstName: "Cora", lastName: "Contract", locationId: "LOC_MUC_01", workerType: "contingent" });

    const finished = await cycle();
    expect(finished.counts.created).toBe(6);

    const account = await requireAccount(reader(), analyst.workerId);
    expect(parentOf(account.dn)).toBe(ouOf("London"));
    expect(isDisabled(account)).toBe(false);
    expect(account.attributes["title"]).toBe("Analyst");
    expect(account.attributes["userPrincipalName"]).toBe("Noor.Haddad@roster.test");
    expect(await accountOf(reader(), manager.workerId)).toBeUndefined();

    const workday = createWorkdayClient({ endpoint: stack.workdayEndpoint, ...STACK_CREDENTIALS });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const fetched = await workday.getWorker({ workerId: analyst.workerId });
      if (fetched?.ok === true && fetched.worker.attributes["UserID"] === "Noor.Haddad@roster.test") break;
      if (Date.now() > deadline) throw new Error(`the UPN was not written back to HR: ${JSON.stringify(fetched)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 90_000);

  it("name collisions: two workers with the same name get distinct sAMAccountName and UPN", async () => {
    const [first, second] = await Promise.all(twins.map((twin) => requireAccount(reader(), twin.workerId)));
    expect(first!.anchor).not.toBe(second!.anchor);
    expect(first!.attributes["sAMAccountName"]).not.toBe(second!.attributes["sAMAccountName"]);
    expect(first!.attributes["userPrincipalName"]).not.toBe(second!.attributes["userPrincipalName"]);
    expect([first!.attributes["userPrincipalName"], second!.attributes["userPrincipalName"]].sort()).toEqual(
      ["K.Lee@roster.test", "Kim.Lee@roster.test"].sort(),
    );
  });

  it("future-dated hire: the account is created ahead of time, disabled until the hire date", async () => {
    const account = await requireAccount(reader(), futureHire.workerId);
    expect(parentOf(account.dn)).toBe(ouOf("New York"));
    expect(isDisabled(account)).toBe(true);
    // The same rule enables the account once the hire date has come (evaluated by the coordinator).
    const due = await stack.api.ok<{ text: string }>("POST", "/expressions/evaluate", {
      expression: PRE_HIRE_ACCOUNT_DISABLED,
      attributes: { StatusHireDate: `${daysFromNow(0)}-08:00`, Active: "1" },
    });
    expect(due.text).toBe("False");
  });

  it("attribute change and a manager who arrives later than the report", async () => {
    const reportBefore = await requireAccount(reader(), report.workerId);
    expect(reportBefore.attributes["manager"] ?? null).toBeNull();

    await tick();
    await stack.scenario("update", { workerId: analyst.workerId, businessTitle: "Senior Analyst" });
    await stack.scenario("update", { workerId: manager.workerId, departmentId: "SUP_ENG" });
    await cycle();

    expect((await requireAccount(reader(), analyst.workerId)).attributes["title"]).toBe("Senior Analyst");
    const managerAccount = await requireAccount(reader(), manager.workerId);
    const reportAfter = await requireAccount(reader(), report.workerId);
    expect(String(reportAfter.attributes["manager"]).toLowerCase()).toBe(managerAccount.dn.toLowerCase());
  }, 60_000);

  it("department/location change moves the account to the new OU with the same anchor; manager change follows", async () => {
    const before = await requireAccount(reader(), analyst.workerId);
    await tick();
    await stack.scenario("update", { workerId: analyst.workerId, locationId: "LOC_SEA_01", departmentId: "SUP_FIN" });
    await stack.scenario("update", { workerId: report.workerId, managerWorkerId: analyst.workerId });
    await cycle();

    const after = await requireAccount(reader(), analyst.workerId);
    expect(after.anchor).toBe(before.anchor);
    expect(parentOf(after.dn)).toBe(ouOf("Seattle"));
    expect(after.attributes["department"]).toBe("Finance");
    const reportAccount = await requireAccount(reader(), report.workerId);
    expect(String(reportAccount.attributes["manager"]).toLowerCase()).toBe(after.dn.toLowerCase());
  }, 60_000);

  it("leaving scope disables (not deletes); termination disables; conversion leaves one enabled account", async () => {
    const analystBefore = await requireAccount(reader(), analyst.workerId);
    const leaverBefore = await requireAccount(reader(), twins[0].workerId);
    const contractBefore = await requireAccount(reader(), contingent.workerId);
    expect(isDisabled(contractBefore)).toBe(false);

    await tick();
    await stack.scenario("update", { workerId: analyst.workerId, departmentId: OUT_OF_SCOPE_DEPARTMENT.id });
    await stack.scenario("terminate", { workerId: twins[0].workerId });
    const converted = await stack.scenario<{ ended: Hired; hired: Hired }>("convert", { workerId: contingent.workerId });
    await cycle();

    const analystAfter = await entryByAnchor(reader(), analystBefore.anchor);
    expect(isDisabled(analystAfter)).toBe(true);
    expect(analystAfter.attributes["employeeID"]).toBe(analyst.workerId);
    const leaverAfter = await entryByAnchor(reader(), leaverBefore.anchor);
    expect(isDisabled(leaverAfter)).toBe(true);

    // hr-sim's conversion ends the contract and hires a new employee with a new WID and Employee_ID.
    const contractAfter = await entryByAnchor(reader(), contractBefore.anchor);
    const employee = await requireAccount(reader(), converted.hired.workerId);
    const enabled = [contractAfter, employee].filter((entry) => !isDisabled(entry));
    expect(enabled.map((entry) => entry.attributes["employeeID"])).toEqual([converted.hired.workerId]);
  }, 60_000);

  it("rehire re-enables the same account (same anchor)", async () => {
    const before = await requireAccount(reader(), twins[0].workerId);
    await tick();
    await stack.scenario("rehire", { workerId: twins[0].workerId });
    await cycle();
    const after = await requireAccount(reader(), twins[0].workerId);
    expect(after.anchor).toBe(before.anchor);
    expect(isDisabled(after)).toBe(false);
  }, 60_000);
});

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const SCIM = "application/scim+json";

interface ScimWorker {
  readonly externalId: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly title: string;
  readonly city: string;
  readonly department: string;
  readonly active: boolean;
}

function bulkRequest(workers: readonly ScimWorker[]): string {
  return JSON.stringify({
    schemas: ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],
    Operations: workers.map((worker, index) => ({
      method: "POST",
      bulkId: `op-${index}`,
      path: "/Users",
      data: {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
        externalId: worker.externalId,
        userName: `${worker.givenName}.${worker.familyName}`.toLowerCase(),
        name: { givenName: worker.givenName, familyName: worker.familyName },
        title: worker.title,
        active: worker.active,
        addresses: [{ type: "work", locality: worker.city, primary: true }],
        // The OU follows the division: an expression cannot name addresses[type eq "work"].locality (see README).
        [ENTERPRISE]: { employeeNumber: worker.externalId, department: worker.department, division: worker.city },
      },
    })),
  });
}

describe("API-driven inbound (SCIM bulk upload) across processes", () => {
  let apiJobId: string;
  const ada: ScimWorker = { externalId: "API-1001", givenName: "Ada", familyName: "Scim", title: "Engineer", city: "London", department: "R&D", active: true };
  const bo: ScimWorker = { externalId: "API-1002", givenName: "Bo", familyName: "Bulk", title: "Designer", city: "Seattle", department: "Design", active: true };

  /** Uploads, then waits until every operation of the request has an outcome; returns the statuses. */
  async function upload(workers: readonly ScimWorker[]): Promise<{ externalId: string | null; status: string; provisioningAction?: string }[]> {
    const accepted = await stack.api.call<{ requestId: string; location: string }>("POST", `/jobs/${apiJobId}/bulkUpload`, bulkRequest(workers), SCIM);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const status = await stack.api.ok<{ operations: { externalId: string | null; status: string; provisioningAction?: string }[] }>(
        "GET",
        `/jobs/${apiJobId}/bulkUpload/${accepted.body.requestId}`,
      );
      if (status.operations.every((operation) => operation.status !== "queued")) {
        // The cycle that carried the records out has finished by the time its outcomes are in.
        await stack.api.waitForCycleAfter(apiJobId, null);
        return status.operations;
      }
      if (Date.now() > deadline) throw new Error(`bulk upload still queued: ${JSON.stringify(status)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it("creates an API-driven job and provisions uploaded users: right OU, enabled, unique names", async () => {
    const base = stack.directory.baseDn;
    const job = {
      name: "API-driven inbound (e2e)",
      source: { type: "api" as const },
      domain: "roster.test",
      provisioning: {
        name: "SCIM users to directory",
        sourceAnchorAttribute: "externalId",
        defaultContainer: `OU=Users,${base}`,
        mappings: [
          { type: "Direct" as const, source: "externalId", target: "employeeID", apply: "OnlyOnCreate" as const, matchingPrecedence: 1 },
          { type: "Expression" as const, expression: 'Join(" ", [name.givenName], [name.familyName])', target: "cn", apply: "OnlyOnCreate" as const },
          { type: "Direct" as const, source: "userName", target: "sAMAccountName", apply: "OnlyOnCreate" as const },
          { type: "Expression" as const, expression: 'Join("@", [userName], "roster.test")', target: "userPrincipalName", apply: "OnlyOnCreate" as const },
          { type: "Direct" as const, source: "name.givenName", target: "givenName" },
          { type: "Direct" as const, source: "name.familyName", target: "sn" },
          { type: "Direct" as const, source: "title", target: "title" },
          { type: "Direct" as const, source: `${ENTERPRISE}:department`, target: "department" },
          { type: "Direct" as const, source: 'addresses[type eq "work"].locality', target: "l" },
          { type: "Expression" as const, expression: 'Switch([active], "True", "True", "False")', target: "accountDisabled" },
          {
            type: "Expression" as const,
            expression: `Switch([${ENTERPRISE}:division], "OU=Users,${base}", "London", "OU=London,OU=Users,${base}", "Seattle", "OU=Seattle,OU=Users,${base}")`,
            target: "parentDistinguishedName",
          },
        ],
      },
      schedule: { intervalMs: 3_600_000 },
    };
    const created = await stack.api.call<{ jobId: string }>("POST", "/jobs", job);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    apiJobId = created.body.jobId;
    await stack.api.ok("POST", `/jobs/${apiJobId}/start`);
    await stack.api.waitForCycleAfter(apiJobId, null);

    const outcomes = await upload([ada, bo]);
    expect(outcomes.map((o) => [o.externalId, o.status, o.provisioningAction])).toEqual([
      ["API-1001", "success", "create"],
      ["API-1002", "success", "create"],
    ]);
    const adaAccount = await requireAccount(reader(), ada.externalId);
    expect(parentOf(adaAccount.dn)).toBe(ouOf("London"));
    expect(isDisabled(adaAccount)).toBe(false);
    expect(adaAccount.attributes["userPrincipalName"]).toBe("ada.scim@roster.test");
    expect(adaAccount.attributes["title"]).toBe("Engineer");
    const boAccount = await requireAccount(reader(), bo.externalId);
    expect(parentOf(boAccount.dn)).toBe(ouOf("Seattle"));
  }, 120_000);

  it("an updated record updates and moves the same account; active=false disables it", async () => {
    const before = await requireAccount(reader(), ada.externalId);
    const updated = await upload([{ ...ada, title: "Staff Engineer", city: "Seattle" }]);
    expect(updated.map((o) => [o.status, o.provisioningAction])).toEqual([["success", "update"]]);
    const moved = await requireAccount(reader(), ada.externalId);
    expect(moved.anchor).toBe(before.anchor);
    expect(moved.attributes["title"]).toBe("Staff Engineer");
    expect(parentOf(moved.dn)).toBe(ouOf("Seattle"));

    const disabled = await upload([{ ...bo, active: false }]);
    expect(disabled.map((o) => o.status)).toEqual(["success"]);
    const boAccount = await requireAccount(reader(), bo.externalId);
    expect(isDisabled(boAccount)).toBe(true);
  }, 120_000);
});
