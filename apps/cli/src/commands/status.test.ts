import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { JobStatusView } from "../api-client/api-types.js";
import { type FakeCoordinator, startFakeCoordinator } from "../api-client/test-support/fake-coordinator.js";
import {
  LAST_CYCLE,
  RUNNING_CYCLE,
  STATUS_IDLE,
  STATUS_RUNNING,
  TEST_TOKEN,
} from "../api-client/test-support/fixtures.js";
import { runCli } from "../api-client/test-support/run-cli.js";
import { formatStatus } from "./status.js";

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

/** The running cycle after more progress; the same cycle id. */
function runningAt(processed: number, created: number): JobStatusView {
  return {
    ...STATUS_RUNNING,
    currentCycle: { ...RUNNING_CYCLE, processed, counts: { ...RUNNING_CYCLE.counts, created } },
  };
}

const FINISHED: JobStatusView = {
  ...STATUS_IDLE,
  lastCycle: {
    ...RUNNING_CYCLE,
    state: "completed",
    finishedAt: "2025-03-03T08:24:07.000Z",
    processed: 5000,
    counts: { ...RUNNING_CYCLE.counts, created: 410, noChange: 4290 },
  },
};

describe("roster status", () => {
  it("prints an idle job's status readably", async () => {
    const run = await runCli(["status", "contoso-workday"], { env });
    expect(run).toMatchObject({ exitCode: 0, stderr: "" });
    expect(fake.requests).toMatchObject([{ method: "GET", path: "/api/v1/jobs/contoso-workday/status" }]);
    expect(run.stdout).toBe(
      [
        "Job:            contoso-workday (running)",
        "Current cycle:  none",
        "Last cycle:     incremental c-7f1e2a90, completed, 2025-03-03T07:40:00Z → 2025-03-03T07:41:12Z (1m 12s)",
        "  Processed:    1,250 workers",
        "  Actions:      created 4, updated 37, disabled 2, no change 1,205, failed 2",
        "Next cycle:     2025-03-03T08:20:00Z",
        "Quarantine:     no",
        "Escrow:         2 workers waiting for a retry",
        "Staged:         none",
        "Writebacks:     pending 1, done 40",
        "Agents:         1 connected",
        "  agt-4d2c on DC1-AGENT (v0.1.0), domains contoso.com: 3 in flight, last heartbeat 2025-03-03T08:21:45Z",
        "",
      ].join("\n"),
    );
  });

  it("shows a running cycle's progress, quarantine and staged actions", () => {
    const text = formatStatus(
      {
        ...STATUS_RUNNING,
        quarantine: {
          quarantined: true,
          reason: "More than 60% of the last changes failed",
          since: "2025-03-02T10:00:00.000Z",
        },
        stagedPending: 12,
        agents: [],
      },
      Date.parse("2025-03-03T08:23:07.000Z"),
    );
    expect(text).toContain("Current cycle:  initial c-8a0b3c11, running since 2025-03-03T08:20:00Z (3m 07s)\n");
    expect(text).toContain("  Progress:     1,200 of 5,000 imported workers processed (24%)\n");
    expect(text).toContain("  Actions:      created 120, updated 300, no change 780\n");
    expect(text).toContain(
      "Quarantine:     yes since 2025-03-02T10:00:00Z: More than 60% of the last changes failed\n",
    );
    expect(text).toContain("Staged:         12 actions pending: review with roster staged list contoso-workday\n");
    expect(text).toContain("Agents:         none connected\n");
    expect(text).toContain("Next cycle:     not scheduled\n");
  });

  it("prints the API answer with --json", async () => {
    const run = await runCli(["status", "contoso-workday", "--json"], { env });
    expect(JSON.parse(run.stdout)).toEqual(STATUS_IDLE);
  });

  it("--watch without a running cycle prints the status once and exits", async () => {
    const run = await runCli(["status", "contoso-workday", "--watch"], { env });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/Current cycle: {2}none\n[\s\S]*No cycle is running\.\n$/);
    expect(fake.requests).toHaveLength(1);
  });

  it("--watch follows a cycle with plain lines when stdout is not a terminal, then prints its outcome", async () => {
    fake.statusAnswers = [STATUS_RUNNING, runningAt(2500, 200), runningAt(2500, 200), runningAt(4000, 350), FINISHED];
    const run = await runCli(["status", "contoso-workday", "--watch", "--interval", "1"], { env });
    expect(run).toMatchObject({ exitCode: 0, stderr: "" });
    expect(fake.requests).toHaveLength(5);
    const progress = run.stdout.split("\n").filter((line) => /^\d{4}-\d\d-\d\dT\S+Z {2}cycle /.test(line));
    // Unchanged polls print nothing new.
    expect(progress.map((line) => line.replace(/^\S+ {2}/, ""))).toEqual([
      "cycle c-8a0b3c11 (initial): 1,200 of 5,000 workers processed; created 120, updated 300, no change 780",
      "cycle c-8a0b3c11 (initial): 2,500 of 5,000 workers processed; created 200, updated 300, no change 780",
      "cycle c-8a0b3c11 (initial): 4,000 of 5,000 workers processed; created 350, updated 300, no change 780",
    ]);
    expect(run.stdout).not.toContain("\u001b[");
    expect(run.stdout).toMatch(
      /Cycle c-8a0b3c11 \(initial\) completed after 4m 07s: 5,000 workers processed; created 410, updated 300, no change 4,290\.\n$/,
    );
  });

  it("--watch draws a progress bar on a terminal", async () => {
    fake.statusAnswers = [STATUS_RUNNING, runningAt(2500, 200), FINISHED];
    const run = await runCli(["status", "contoso-workday", "--watch"], { env, tty: true });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("initial cycle [");
    expect(run.stdout).toMatch(/\] 50% \| 2,500\/5,000 workers \| created 200, updated 300, no change 780/);
    expect(run.stdout).toContain("Cycle c-8a0b3c11 (initial) completed after 4m 07s");
  });

  it("--watch finds the outcome in the cycle list when a new cycle already started", async () => {
    const other = { ...RUNNING_CYCLE, cycleId: "c-next" };
    fake.statusAnswers = [
      { ...STATUS_RUNNING, currentCycle: { ...LAST_CYCLE, state: "running", finishedAt: null } },
      { ...STATUS_RUNNING, currentCycle: other, lastCycle: FINISHED.lastCycle },
    ];
    const run = await runCli(["status", "contoso-workday", "--watch", "--json"], { env });
    // JSON Lines: one status per poll; the watch ends when the watched cycle is no longer current.
    const lines = run.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as JobStatusView);
    expect(lines.map((s) => s.currentCycle?.cycleId)).toEqual(["c-7f1e2a90", "c-next"]);

    fake.requests.length = 0;
    fake.statusAnswers = [
      { ...STATUS_RUNNING, currentCycle: { ...LAST_CYCLE, state: "running", finishedAt: null } },
      { ...STATUS_RUNNING, currentCycle: other, lastCycle: FINISHED.lastCycle },
    ];
    const readable = await runCli(["status", "contoso-workday", "--watch"], { env });
    expect(fake.requests.map((r) => `${r.path}?${new URLSearchParams(r.query).toString()}`)).toEqual([
      "/api/v1/jobs/contoso-workday/status?",
      "/api/v1/jobs/contoso-workday/status?",
      "/api/v1/jobs/contoso-workday/cycles?limit=10",
    ]);
    expect(readable.stdout).toMatch(
      /Cycle c-7f1e2a90 \(incremental\) completed after 1m 12s: 1,250 workers processed;/,
    );
  });

  it("--watch rides out a few failed polls (a coordinator restart) but gives up with exit 3", async () => {
    const refused = (): Promise<Response> =>
      Promise.reject(
        new TypeError("fetch failed", {
          cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8080"), { code: "ECONNREFUSED" }),
        }),
      );
    let calls = 0;
    const flaky = (input: string, init: RequestInit): Promise<Response> =>
      ++calls === 2 || calls === 3 ? refused() : fetch(input, init);
    fake.statusAnswers = [STATUS_RUNNING, FINISHED];
    const recovered = await runCli(["status", "contoso-workday", "--watch"], { env, fetch: flaky });
    expect(recovered.exitCode).toBe(0);
    expect(calls).toBe(4);
    expect(recovered.stdout).toContain("Cycle c-8a0b3c11 (initial) completed after 4m 07s");

    calls = 0;
    const down = (input: string, init: RequestInit): Promise<Response> =>
      ++calls === 1 ? fetch(input, init) : refused();
    fake.statusAnswers = [STATUS_RUNNING];
    const gone = await runCli(["status", "contoso-workday", "--watch"], { env, fetch: down });
    expect(gone.exitCode).toBe(3);
    expect(calls).toBe(6);
    expect(gone.stderr).toContain("error: cannot reach the coordinator at http://127.0.0.1:");
    expect(gone.stderr).toContain("connect ECONNREFUSED 127.0.0.1:8080");
  });

  it("refuses a bad --interval as a usage error", async () => {
    const run = await runCli(["status", "contoso-workday", "--watch", "--interval", "0"], { env });
    expect(run).toMatchObject({
      exitCode: 2,
      stderr: 'error: --interval must be a whole number from 1 to 3600, got "0"\n',
    });
    expect(fake.requests).toEqual([]);
  });
});
