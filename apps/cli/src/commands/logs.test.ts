import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { LogPage } from "../api-client/api-types.js";
import { type FakeCoordinator, startFakeCoordinator } from "../api-client/test-support/fake-coordinator.js";
import { LOG_RECORDS, LOGS_CSV, TEST_TOKEN } from "../api-client/test-support/fixtures.js";
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
  fake.logPageSize = 100;
});

describe("roster logs", () => {
  it("sends every filter as a query parameter (times normalised to ISO 8601)", async () => {
    const run = await runCli(
      [
        "logs",
        "--job",
        "contoso-workday",
        "--worker",
        "21002",
        "--cycle",
        "c-7f1e2a90",
        "--action",
        "create",
        "--status",
        "failure",
        "--from",
        "2025-03-03T07:00:00+01:00",
        "--to",
        "2025-03-04",
        "--limit",
        "20",
      ],
      { env },
    );
    expect(run).toMatchObject({ exitCode: 0, stderr: "" });
    expect(fake.requests).toEqual([
      expect.objectContaining({
        method: "GET",
        path: "/api/v1/logs",
        query: {
          jobId: "contoso-workday",
          workerId: "21002",
          cycleId: "c-7f1e2a90",
          action: "create",
          status: "failure",
          from: "2025-03-03T06:00:00.000Z",
          to: "2025-03-04T00:00:00.000Z",
          limit: "20",
        },
      }),
    ]);
    expect(run.stdout).toBe(
      "TIME                  ACTION  STATUS   WORKER            TARGET                                  CHANGES  ERROR\n" +
        '2025-03-03T07:40:02Z  create  failure  21002 (Worker 2)  CN=Worker 2,OU=Users,DC=contoso,DC=com        0  DuplicateTargetEntries: Two entries have employeeID "21002"\n',
    );
  });

  it("follows the cursor up to --limit and says when more records exist", async () => {
    fake.logPageSize = 2;
    const run = await runCli(["logs", "--limit", "3"], { env });
    expect(fake.requests.map((r) => r.query)).toEqual([{ limit: "3" }, { limit: "1", cursor: "2" }]);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(5);
    expect(lines.slice(1, 4).map((line) => line.split(/\s+/)[3])).toEqual(["21001", "21002", "21003"]);
    expect(lines[4]).toBe("Showing the first 3 records; raise --limit or narrow the filters for more.");
  });

  it("prints the records as JSON", async () => {
    const run = await runCli(["logs", "--status", "success", "--json"], { env });
    const page = JSON.parse(run.stdout) as LogPage;
    expect(page).toEqual({ records: LOG_RECORDS.filter((r) => r.status === "success"), nextCursor: null });
    expect(fake.requests[0]?.query).toEqual({ status: "success", limit: "50" });
  });

  it("says so when nothing matches", async () => {
    const run = await runCli(["logs", "--worker", "nobody"], { env });
    expect(run.stdout).toBe("No provisioning-log records match.\n");
  });

  it("prints one of the CSV files as the API sends it", async () => {
    for (const file of ["summary", "steps", "modifiedProperties"] as const) {
      fake.requests.length = 0;
      const run = await runCli(["logs", "--job", "contoso-workday", "--csv", file], { env });
      expect(run).toMatchObject({ exitCode: 0, stdout: LOGS_CSV[file] });
      expect(fake.requests).toMatchObject([{ path: "/api/v1/logs/csv", query: { jobId: "contoso-workday", file } }]);
    }
  });

  it("rejects bad choices, times and limits as usage errors without calling the API", async () => {
    const badChoice = await runCli(["logs", "--status", "broken"], { env });
    expect(badChoice.exitCode).toBe(2);
    expect(badChoice.stderr).toContain("Allowed choices are success, warning, failure, skipped");
    const badCsv = await runCli(["logs", "--csv", "all"], { env });
    expect(badCsv.exitCode).toBe(2);
    const badTime = await runCli(["logs", "--from", "yesterday"], { env });
    expect(badTime).toMatchObject({
      exitCode: 2,
      stderr: 'error: --from must be an ISO 8601 timestamp such as 2025-01-31T08:00:00Z, got "yesterday"\n',
    });
    const badLimit = await runCli(["logs", "--limit", "-5"], { env });
    expect(badLimit.exitCode).toBe(2);
    expect(fake.requests).toEqual([]);
  });
});
