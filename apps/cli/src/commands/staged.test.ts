import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeCoordinator, startFakeCoordinator } from "../api-client/test-support/fake-coordinator.js";
import { STAGED, TEST_TOKEN } from "../api-client/test-support/fixtures.js";
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

describe("roster staged", () => {
  it("lists a job's staged actions with what to do next", async () => {
    const run = await runCli(["staged", "list", "contoso-workday"], { env });
    expect(run.stdout).toBe(
      "KIND     WORKER  NAME          TARGET                                STAGED                CYCLE\n" +
        "disable  21771   Grace Hopper  5b6f0c1d-2222-4a4a-8888-000000000771  2025-03-03T07:41:00Z  c-7f1e2a90\n" +
        "1 action pending. Run them with: roster staged allow contoso-workday; drop them with: roster staged reject contoso-workday\n",
    );
    const json = await runCli(["staged", "list", "contoso-workday", "--json"], { env });
    expect(JSON.parse(json.stdout)).toEqual({ actions: STAGED });
    expect(fake.requests[0]).toMatchObject({ method: "GET", path: "/api/v1/jobs/contoso-workday/staged" });
  });

  it("allows and rejects them", async () => {
    const allow = await runCli(["staged", "allow", "contoso-workday"], { env });
    expect(allow.stdout).toBe("Allowed 1 staged action of job contoso-workday; they run in the next cycle.\n");
    const reject = await runCli(["staged", "reject", "contoso-workday"], { env });
    expect(reject.stdout).toBe("Rejected 0 staged actions of job contoso-workday.\n");
    const json = await runCli(["staged", "allow", "contoso-workday", "--json"], { env });
    expect(JSON.parse(json.stdout)).toEqual({ count: 1 });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /api/v1/jobs/contoso-workday/staged/allow",
      "POST /api/v1/jobs/contoso-workday/staged/reject",
      "POST /api/v1/jobs/contoso-workday/staged/allow",
    ]);
  });

  it("reports an unknown job", async () => {
    const run = await runCli(["staged", "allow", "nope"], { env });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^error: NotFound \(HTTP 404\): Job "nope" does not exist\.\n/);
  });
});
