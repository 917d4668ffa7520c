/**
 * P2: an incremental cycle after `fraction` of the workers changed in hr-sim (title changes,
 * entered through the scenario driver as a tenant would record them), in seconds.
 */
import type { LocalStack } from "@roster/demo";
import { cpuSecondsSince, failureSample } from "./cycle-bench.js";
import { type CycleView, cycleSeconds, type RosterApi } from "./roster-api.js";

export interface IncrementalCycleResult {
  readonly workers: number;
  readonly changed: number;
  /** From POST /run to /status showing the cycle finished. */
  readonly seconds: number;
  readonly cycleSeconds: number;
  /** CPU seconds of this process meanwhile (hr-sim, coordinator and agent in-process). */
  readonly cpuSeconds: number;
  readonly counts: CycleView["counts"];
  readonly failures: readonly string[];
  /** After the initial cycle ended, until its writebacks to HR were done. */
  readonly writebackSeconds: number;
  /** The unmeasured incremental cycle that reads the writebacks back. */
  readonly settle: { readonly seconds: number; readonly imported: number };
}

/** Waits until the job has no writeback pending (they follow the initial cycle). */
export async function waitForWritebacks(api: RosterApi, jobId: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await api.status(jobId)).writebacks.pending > 0) {
    if (Date.now() > deadline) throw new Error(`job ${jobId}: writebacks still pending after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Worker IDs of every `stride`-th active worker, in hr-sim's order. */
export async function sampleWorkerIds(stack: LocalStack, count: number): Promise<string[]> {
  const total = await stack.hrSim.store.countMatching({ excludeInactive: true });
  const stride = Math.max(1, Math.floor(total / count));
  const ids: string[] = [];
  let afterSeq = 0;
  let index = 0;
  while (ids.length < count) {
    const page = await stack.hrSim.store.queryWorkers({ excludeInactive: true }, afterSeq, 1000);
    if (page.length === 0) break;
    for (const record of page) {
      if (index++ % stride === 0 && ids.length < count) ids.push(record.versions.at(-1)!.state.workerId);
    }
    afterSeq = page.at(-1)!.seq;
  }
  return ids;
}

export async function runIncrementalCycle(
  stack: LocalStack,
  api: RosterApi,
  jobId: string,
  options: { readonly workers: number; readonly fraction: number; readonly timeoutMs: number; readonly log: (line: string) => void },
): Promise<IncrementalCycleResult> {
  const ids = await sampleWorkerIds(stack, Math.max(1, Math.round(options.workers * options.fraction)));
  // The initial cycle's writebacks (UPN, e-mail → Workday) change every worker in HR, so the
  // first incremental cycle reads them all back: let them finish, run that cycle unmeasured.
  const writebacksStarted = performance.now();
  await waitForWritebacks(api, jobId, options.timeoutMs);
  const writebackSeconds = (performance.now() - writebacksStarted) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const settling = performance.now();
  const settle = await api.runCycle(jobId, options.timeoutMs);
  const settleSeconds = (performance.now() - settling) / 1000;
  options.log(
    `incremental: writebacks drained ${writebackSeconds.toFixed(1)} s later; settling cycle read ${settle.counts.imported} workers in ${settleSeconds.toFixed(1)} s`,
  );
  // HR timestamps have second precision: let the clock pass the last cycle's watermark.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const changing = performance.now();
  const stamp = Date.now().toString(36);
  for (const [n, workerId] of ids.entries()) {
    await stack.hrSim.scenarios.update({ workerId, businessTitle: `Benchmark title ${stamp} ${n}` });
  }
  options.log(`incremental: changed ${ids.length} titles in hr-sim in ${((performance.now() - changing) / 1000).toFixed(1)} s`);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const started = performance.now();
  const cpu = process.cpuUsage();
  const cycle = await api.runCycle(jobId, options.timeoutMs);
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsSince(cpu);
  if (cycle.kind !== "incremental") throw new Error(`expected an incremental cycle, got a ${cycle.kind} one`);
  if (cycle.counts.updated + cycle.counts.failed < ids.length * 0.9) {
    throw new Error(`incremental cycle updated ${cycle.counts.updated} accounts, ${ids.length} titles changed`);
  }
  const failures = cycle.counts.failed > 0 ? await failureSample(api, jobId, cycle.cycleId) : [];
  return { workers: options.workers, changed: ids.length, seconds, cycleSeconds: cycleSeconds(cycle), cpuSeconds, counts: cycle.counts, failures, writebackSeconds, settle: { seconds: settleSeconds, imported: settle.counts.imported } };
}
