import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeCoordinator, startFakeCoordinator } from "../api-client/test-support/fake-coordinator.js";
import { ON_DEMAND, TEST_TOKEN } from "../api-client/test-support/fixtures.js";
import { runCli } from "../api-client/test-support/run-cli.js";

let fake: FakeCoordinator;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeCoordinator();
  env = { ROSTER_URL: fake.url, ROSTER_TOKEN: TEST_TOKEN };
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

describe("roster provision", () => {
  it("provisions a worker and prints the five steps, their details and the changes", async () => {
    const run = await runCli(["provision", "21008", "--job", "contoso-workday"], { env });
    expect(run).toMatchObject({ exitCode: 0, stderr: "" });
    expect(fake.requests).toMatchObject([
      {
        method: "POST",
        path: "/api/v1/jobs/contoso-workday/provisionOnDemand",
        body: { workerId: "21008" },
        authorization: `Bearer ${TEST_TOKEN}`,
      },
    ]);
    expect(run.stdout).toBe(
      [
        "Worker:         21008",
        "Action:         Update",
        "Status:         success",
        "Target DN:      CN=Ada Lovelace,OU=Users,DC=contoso,DC=com",
        "Target anchor:  0f4c1e6e-8a11-4f05-9a3e-3c2b1d0e9f77",
        "",
        "1. Test connection: success",
        "   Agent agt-4d2c reached the directory for contoso.com.",
        "     Domain:  contoso.com",
        "",
        "2. Import worker from the HR source: success",
        "   Worker 21008 was read from Workday.",
        "     WID:         9f3a2b",
        "     EmployeeID:  21008",
        "",
        "3. Determine whether the worker is in scope: success",
        "   The worker is in scope.",
        "     ScopingFilter:  Active EQUALS 1",
        "",
        "4. Match the worker with a directory entry: success",
        "   Matched one directory entry by employeeID.",
        "     MatchedBy:  employeeID",
        "     DN:         CN=Ada Lovelace,OU=Users,DC=contoso,DC=com",
        "",
        "5. Perform the action: success",
        "   Updated 2 attributes.",
        "",
        "Modified properties:",
        '  title: "Analyst" → "Senior Analyst"',
        '  proxyAddresses: (none) → ["SMTP:ada@contoso.com", "smtp:al@contoso.com"]',
        "",
        "Change id: chg-od-1 (roster logs --job contoso-workday --worker 21008)",
        "",
      ].join("\n"),
    );
  });

  it("prints the error's code, details, reason and recommended action of a failed provisioning", async () => {
    const run = await runCli(["provision", "21009", "--job", "contoso-workday"], { env });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("5. Perform the action: failure\n   The create was refused.\n");
    expect(run.stdout).toContain(
      [
        "Error:               NoSuchParent (failure)",
        'Details:             OU "OU=Interns,DC=contoso,DC=com" does not exist',
        "Reason:              The parent container (parentDistinguishedName) does not exist in the directory.",
        "Recommended action:  Create the OU, or correct the parentDistinguishedName mapping.",
      ].join("\n"),
    );
    expect(run.stdout).not.toContain("Modified properties");
  });

  it("prints the API answer with --json", async () => {
    const run = await runCli(["provision", "21008", "--job", "contoso-workday", "--json"], { env });
    expect(JSON.parse(run.stdout)).toEqual(ON_DEMAND);
  });

  it("reports an unknown worker as the API's error (exit 1)", async () => {
    const run = await runCli(["provision", "99999", "--job", "contoso-workday"], { env });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      'error: WorkerNotFound (HTTP 404): Workday has no worker with id "99999".\n' +
        "  Reason:             The HR system has no worker with that id.\n" +
        "  Recommended action: Check the WorkerID / WID (Workday), personIdExternal (SuccessFactors) or externalId (API-driven inbound).\n",
    );
  });

  it("uses the coordinator's only job when --job is left out", async () => {
    const run = await runCli(["provision", "21008", "--json"], { env });
    expect(run.exitCode).toBe(0);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /api/v1/jobs",
      "POST /api/v1/jobs/contoso-workday/provisionOnDemand",
    ]);
    expect(JSON.parse(run.stdout)).toEqual(ON_DEMAND);
  });
});
