/**
 * The demo's story: start the local stack, create the Workday → OpenLDAP job and run its
 * initial cycle with progress, summarise it and say where to look; then change HR (a hire,
 * a move, a termination), run an incremental cycle and show what changed; provision one new
 * worker on demand and print its trace. Then keep everything running until stopped (or end
 * at once with `once`), always closing the stack.
 */
import { RosterError } from "@roster/engine";
import { type AppliedHrChange, formatCycleChanges, formatFailures, formatHrChanges } from "./change-report.js";
import { createCycleProgress } from "./cycle-progress.js";
import { formatCycleSummary } from "./cycle-summary.js";
import { formatWhereToLook } from "./cycle-summary.js";
import type { RosterApi } from "@roster/cli/api-client";
import { allLogs, type CycleRecord, demoApi, type JobStatus, type LogRecord } from "./demo-api.js";
import type { DemoIo } from "./demo-io.js";
import { type LocalStack, startLocalStack } from "./local-stack.js";
import { formatOnDemandTrace } from "./on-demand-trace.js";
import { pickWorkers, type WorkerPicks } from "./worker-picks.js";
import { formatCount, formatDuration } from "./readable-values.js";

export interface DemoOptions {
  readonly workers: number;
  /** End after the on-demand trace instead of running until stopped. */
  readonly once: boolean;
  /** Coordinator port (default: any free one). */
  readonly port?: number;
  readonly seed?: number;
  /** Aborted on Ctrl-C: the demo stops what it waits for and shuts everything down. */
  readonly signal?: AbortSignal;
  /** How often the demo polls the job's status (ms). */
  readonly pollMs?: number;
}

/** Thrown inside the demo when the signal aborts a wait. */
class DemoInterrupted extends Error {}

const CYCLE_TIMEOUT_MS = 30 * 60_000;
const WRITEBACK_SETTLE_MS = 20_000;
/** HR entry moments have second precision: changes must be entered after the last cycle's watermark second. */
const WATERMARK_GAP_MS = 1_100;
const SHUTDOWN_GRACE_MS = 10_000;

/** Runs the demo; resolves to the process exit code. */
export async function runDemo(options: DemoOptions, io: DemoIo): Promise<number> {
  const out = (text: string) => io.stdout.write(text);
  const started = Date.now();
  const signal = options.signal ?? new AbortController().signal;
  const pollMs = options.pollMs ?? 250;
  out(`Starting a private OpenLDAP, hr-sim with ${formatCount(options.workers)} workers, the coordinator (PGlite) and one agent …\n`);
  const stackPromise = startLocalStack({
    workers: options.workers,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.port === undefined ? {} : { port: options.port }),
  });
  let stack: LocalStack | null = null;
  try {
    stack = await abortable(stackPromise, signal);
    out(`Ready in ${formatDuration(Date.now() - started)}: coordinator ${stack.coordinator.url}, OpenLDAP ${stack.ldap.url}, hr-sim ${stack.hrSim.url}\n\n`);
    const api = demoApi(stack.coordinator.url, stack.adminToken);
    const wait = (ms: number) => sleep(ms, signal);

    // 1. The job and its initial cycle.
    const { jobId } = await api.createJob(stack.jobDefinition({ name: "Workday to OpenLDAP (demo)" }));
    out(`Created job ${jobId} (Workday → OpenLDAP, the built-in mappings with writeback) and started it.\n`);
    await api.startJob(jobId);
    const initial = await followCycle(api, jobId, null, "Initial cycle", io, wait, pollMs);
    const afterInitial = await settleWritebacks(api, jobId, wait, pollMs);
    out(`\n${formatCycleSummary(initial, afterInitial.writebacks, Date.now())}`);
    if (initial.counts.failed > 0) out(formatFailures(await allLogs(api, { jobId, cycleId: initial.cycleId, status: "failure" }, 1000), jobId));
    out("\n");
    if (initial.state !== "completed") throw new RosterError("InternalError", `The initial cycle of job ${jobId} ended ${initial.state}: ${initial.error ?? "no error given"}.`, { jobId });

    // Creates succeed with a warning while the manager's account does not exist yet, so any non-failure counts.
    const created = (await allLogs(api, { jobId, cycleId: initial.cycleId, action: "create" }, 1000)).filter((record) => record.status !== "failure");
    const picks = pickWorkers(created);
    out(
      formatWhereToLook({
        coordinatorUrl: stack.coordinator.url,
        adminToken: stack.adminToken,
        jobId,
        exampleWorkerId: picks.move.sourceIdentity.id ?? "",
        ldap: stack.ldap,
        hrSimUrl: stack.hrSim.url,
      }),
    );

    // 2. HR changes and the incremental cycle that follows them.
    await wait(Math.max(0, Date.parse(initial.finishedAt ?? new Date().toISOString()) + WATERMARK_GAP_MS - Date.now()));
    const changes = await applyHrChanges(stack, picks);
    out(`\n${formatHrChanges(changes)}`);
    const { cycleId } = await api.runCycleNow(jobId);
    const incremental = await followCycle(api, jobId, initial.cycleId, "Incremental cycle", io, wait, pollMs, cycleId);
    const afterIncremental = await api.status(jobId);
    out(`\n${formatCycleSummary(incremental, afterIncremental.writebacks, Date.now())}`);
    const records = await allLogs(api, { jobId, cycleId: incremental.cycleId }, 10_000);
    out(`\n${formatCycleChanges(records)}`);

    // 3. One new worker, provisioned on demand.
    const hire = await stack.hrSim.scenarios.hire({ firstName: "Åsa", lastName: "Öberg", locationId: "LOC_LON_01", businessTitle: "Solutions Architect" });
    out(`\nHired Åsa Öberg (${hire.workerId}) in London, and provisioned her on demand right away:\n`);
    out(`  POST /api/v1/jobs/${jobId}/provisionOnDemand {"workerId":"${hire.workerId}"}\n\n`);
    out(formatOnDemandTrace(await api.provisionOnDemand(jobId, hire.workerId)));

    out(`\nDemo done in ${formatDuration(Date.now() - started)}.\n`);
    if (!options.once) {
      out(`Everything keeps running (the job runs a cycle every 40 minutes); try the commands above. Press Ctrl-C to stop.\n`);
      await new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve(), { once: true })));
    }
    return 0;
  } catch (error) {
    if (error instanceof DemoInterrupted) return 0;
    throw error;
  } finally {
    if (signal.aborted) out("\nStopping …\n");
    // A stack still starting when interrupted is closed once it is up.
    stack ??= await stackPromise.catch(() => null);
    if (stack !== null) await closeStack(stack, signal.aborted, out);
    if (signal.aborted) out("Stopped: OpenLDAP, hr-sim, the coordinator and the agent are shut down and their temporary files removed.\n");
  }
}

type Wait = (ms: number) => Promise<void>;

/**
 * Closes the stack. After Ctrl-C in the middle of a cycle, hr-sim's server can wait about a
 * minute for a connection the aborted cycle opened and never used; the user asked to stop,
 * so the wait is bounded (the coordinator's data and the agent's state are removed before
 * hr-sim closes, and slapd dies with the process).
 */
async function closeStack(stack: LocalStack, interrupted: boolean, out: (text: string) => void): Promise<void> {
  const closing = stack.close();
  if (!interrupted) return closing;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), SHUTDOWN_GRACE_MS);
  });
  const late = await Promise.race([closing.then(() => false), timedOut]);
  clearTimeout(timer);
  if (late) out(`(hr-sim was still closing a connection after ${formatDuration(SHUTDOWN_GRACE_MS)}; not waiting longer.)\n`);
}

/**
 * Follows the job's next cycle (one newer than `previousCycleId`, or `cycleId` when known)
 * with a progress display on stderr, until it ends; returns its final record.
 */
async function followCycle(
  api: RosterApi,
  jobId: string,
  previousCycleId: string | null,
  label: string,
  io: DemoIo,
  wait: Wait,
  pollMs: number,
  cycleId: string | null = null,
): Promise<CycleRecord> {
  const progress = createCycleProgress(io.stderr, label);
  const deadline = Date.now() + CYCLE_TIMEOUT_MS;
  let watched = cycleId;
  try {
    for (;;) {
      const status: JobStatus = await api.status(jobId);
      const current = status.currentCycle;
      if (current !== null && current.cycleId !== previousCycleId && (watched === null || watched === current.cycleId)) {
        watched = current.cycleId;
        progress.update(current);
      }
      const last = status.lastCycle;
      if (last !== null && last.cycleId !== previousCycleId && (watched === null || watched === last.cycleId)) {
        progress.stop(last);
        return last;
      }
      if (Date.now() > deadline) throw new RosterError("Timeout", `${label} of job ${jobId} did not end within ${formatDuration(CYCLE_TIMEOUT_MS)}.`, { jobId });
      await wait(pollMs);
    }
  } catch (error) {
    progress.stop();
    throw error;
  }
}

/** Waits (a bounded time) for the writebacks the cycle queued, so the summary shows them done. */
async function settleWritebacks(api: RosterApi, jobId: string, wait: Wait, pollMs: number): Promise<JobStatus> {
  const deadline = Date.now() + WRITEBACK_SETTLE_MS;
  for (;;) {
    const status = await api.status(jobId);
    if (status.writebacks.pending === 0 || Date.now() > deadline) return status;
    await wait(pollMs);
  }
}

async function applyHrChanges(stack: LocalStack, picks: WorkerPicks): Promise<AppliedHrChange[]> {
  const { scenarios } = stack.hrSim;
  const nameOf = (record: LogRecord) => record.sourceIdentity.displayName ?? record.targetIdentity.displayName ?? record.sourceIdentity.id!;
  const hired = await scenarios.hire({
    firstName: "Zoë",
    lastName: "O'Brien-Łukasz",
    locationId: "LOC_MUC_01",
    businessTitle: "Data Analyst",
    managerWorkerId: picks.manager.sourceIdentity.id!,
  });
  const moved = await scenarios.update({ workerId: picks.move.sourceIdentity.id!, locationId: picks.moveTo.locationId });
  const terminated = await scenarios.terminate({ workerId: picks.terminate.sourceIdentity.id! });
  return [
    { kind: "hire", workerId: hired.workerId, description: `Zoë O'Brien-Łukasz joins in München as Data Analyst, reporting to ${nameOf(picks.manager)}` },
    { kind: "move", workerId: moved.workerId, description: `${nameOf(picks.move)} moves to ${picks.moveTo.city}` },
    { kind: "terminate", workerId: terminated.workerId, description: `${nameOf(picks.terminate)} leaves (last day yesterday)` },
  ];
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new DemoInterrupted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DemoInterrupted());
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return abortable(new Promise<void>((resolve) => setTimeout(resolve, ms)), signal);
}
