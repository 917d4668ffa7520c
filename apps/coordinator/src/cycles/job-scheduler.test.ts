import { HEALTHY_JOB_STATE } from "@roster/engine";
import { describe, expect, it } from "vitest";
import type { CycleRecord, JobRecord } from "../state/contracts.js";
import { JobScheduler } from "./job-scheduler.js";

function job(runState: JobRecord["runState"]): JobRecord {
  return {
    jobId: "job-1",
    version: 1,
    definitionInput: {} as never,
    definition: { schedule: { intervalMs: 3_600_000 } } as never,
    runState,
    needsInitialCycle: false,
    watermark: null,
    quarantine: HEALTHY_JOB_STATE,
    createdAt: new Date(),
    updatedAt: new Date(),
  };
}

const finished = { state: "completed" } as CycleRecord;

describe("JobScheduler", () => {
  it("runs another cycle right after the current one when asked during it, and only one at a time", async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const releases: (() => void)[] = [];
    const scheduler = new JobScheduler({
      jobs: { get: async () => job("stopped"), list: async () => [], setQuarantine: async () => undefined, setRunState: async () => job("stopped") },
      runner: {
        run: async () => {
          runs += 1;
          running += 1;
          maxRunning = Math.max(maxRunning, running);
          await new Promise<void>((resolve) => releases.push(resolve));
          running -= 1;
          return finished;
        },
      },
    });
    scheduler.runNow("job-1");
    await until(() => releases.length === 1);
    scheduler.runNow("job-1");
    scheduler.runNow("job-1");
    expect(runs).toBe(1);
    releases.shift()!();
    await until(() => releases.length === 1 && runs === 2);
    releases.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runs).toBe(2);
    expect(maxRunning).toBe(1);
    await scheduler.close();
  });

  it("schedules the next cycle after the interval while the job is running, and none once it stopped", async () => {
    let runs = 0;
    let state: JobRecord["runState"] = "running";
    const scheduler = new JobScheduler({
      jobs: { get: async () => job(state), list: async () => [job(state)], setQuarantine: async () => undefined, setRunState: async () => job(state) },
      runner: {
        run: async () => {
          runs += 1;
          return finished;
        },
      },
    });
    await scheduler.resumeAll();
    await until(() => runs === 1 && scheduler.nextRunAt("job-1") !== null);
    expect(scheduler.nextRunAt("job-1")!.getTime() - Date.now()).toBeGreaterThan(3_500_000);
    state = "stopped";
    scheduler.deactivate("job-1");
    expect(scheduler.nextRunAt("job-1")).toBeNull();
    await scheduler.close();
  });
});

async function until(predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
