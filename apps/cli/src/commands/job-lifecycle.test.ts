import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeCoordinator, startFakeCoordinator } from "../api-client/test-support/fake-coordinator.js";
import { JOB, STATUS_IDLE, STATUS_RUNNING, TEST_TOKEN } from "../api-client/test-support/fixtures.js";
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
  fake.statusAnswers = [STATUS_IDLE];
});

describe("roster jobs start | stop | restart | run", () => {
  it("starts and stops a job", async () => {
    const start = await runCli(["jobs", "start", JOB.jobId], { env });
    expect(start).toMatchObject({ exitCode: 0, stdout: "Job contoso-workday is running.\n" });
    const stop = await runCli(["jobs", "stop", JOB.jobId, "--json"], { env });
    expect(JSON.parse(stop.stdout)).toMatchObject({ jobId: JOB.jobId, runState: "stopped" });
    expect(fake.requests).toMatchObject([
      {
        method: "POST",
        path: "/api/v1/jobs/contoso-workday/start",
        body: undefined,
        authorization: `Bearer ${TEST_TOKEN}`,
      },
      { method: "POST", path: "/api/v1/jobs/contoso-workday/stop", body: undefined },
    ]);
  });

  it("restarts with and without --break-links", async () => {
    const plain = await runCli(["jobs", "restart", JOB.jobId], { env });
    expect(plain.stdout).toBe("Restarted job contoso-workday. It is running. The next cycle is an initial cycle.\n");
    const breaking = await runCli(["jobs", "restart", JOB.jobId, "--break-links"], { env });
    expect(breaking.stdout).toBe(
      "Restarted job contoso-workday and broke its links. It is running. The next cycle is an initial cycle.\n",
    );
    expect(fake.requests.map((r) => [r.path, r.body])).toEqual([
      ["/api/v1/jobs/contoso-workday/restart", { breakLinks: false }],
      ["/api/v1/jobs/contoso-workday/restart", { breakLinks: true }],
    ]);
  });

  it("runs a cycle now, and reports a cycle in progress as exit 1", async () => {
    const run = await runCli(["jobs", "run", JOB.jobId], { env });
    expect(run.stdout).toBe(
      "Cycle c-8a0b3c11 is queued for job contoso-workday. Follow it with: roster status contoso-workday --watch\n",
    );
    const json = await runCli(["jobs", "run", JOB.jobId, "--json"], { env });
    expect(JSON.parse(json.stdout)).toEqual({ cycleId: "c-8a0b3c11" });

    fake.statusAnswers = [STATUS_RUNNING];
    const busy = await runCli(["jobs", "run", JOB.jobId], { env });
    expect(busy.exitCode).toBe(1);
    expect(busy.stderr).toContain(
      'error: CycleInProgress (HTTP 409): Job "contoso-workday" is running cycle c-8a0b3c11.',
    );
    expect(busy.stderr).toContain("Recommended action: Wait for the cycle to finish");
  });

  it("is a usage error (exit 2) without a job id, and sends nothing", async () => {
    const run = await runCli(["jobs", "start"], { env });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("missing required argument 'job-id'");
    expect(fake.requests).toEqual([]);
  });
});
