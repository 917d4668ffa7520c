/**
 * The product benchmarks that run on one in-process local stack (OpenLDAP, hr-sim, coordinator,
 * agent): P1 initial cycle and the raw add rate of the same server, P2 incremental cycle after
 * 1% of the workers changed, P3 on-demand latency. Optionally profiles the P1 and P2 cycles.
 * Everything shares one event loop here, so hr-sim's serving counts against the cycle too.
 */
import { join } from "node:path";
import { startLocalStack } from "@roster/demo";
import { CpuProfiler } from "./cpu-profiler.js";
import { type InitialCycleResult, type RawAddResult, runInitialCycle, runRawAdds } from "./cycle-bench.js";
import { type IncrementalCycleResult, runIncrementalCycle, sampleWorkerIds, waitForWritebacks } from "./incremental-bench.js";
import { type OnDemandResult, runOnDemand } from "./on-demand-bench.js";
import { type ProfileSummary, summarizeProfile } from "./profile-summary.js";
import { RosterApi } from "./roster-api.js";
import { SqlTimer, type StatementShare } from "./sql-timer.js";
import { withUniqueIdentifiers } from "./unique-names.js";
import { runSourceRead, type SourceReadResult } from "./source-read-bench.js";

export interface StackBenchOptions {
  readonly workers: number;
  readonly seed?: number;
  /** Coordinator: workers per page and pages processed at once. */
  readonly pageSize?: number;
  readonly pagesInFlight?: number;
  /** Workday Get_Workers page size of the job. */
  readonly sourcePageSize: number;
  readonly agentConcurrency: number;
  /** Read all workers through the Workday client alone before P1 (profiled too). */
  readonly sourceRead: boolean;
  /** Raw ldapts adds after P1 (0: none). */
  readonly rawAdds: number;
  /** Fraction of workers changed before P2 (0: no P2). */
  readonly incrementalFraction: number;
  /** On-demand calls (0: no P3). */
  readonly onDemandCalls: number;
  /** Write .cpuprofile files of the P1 and P2 cycles here. */
  readonly profileDir?: string;
  readonly log: (line: string) => void;
}

export interface StackBenchResult {
  readonly workers: number;
  readonly measuredAt: string;
  readonly stackStartSeconds: number;
  /** hr-sim + Workday client alone, same page size, before P1. */
  readonly sourceRead?: SourceReadResult;
  readonly initial: InitialCycleResult;
  readonly raw?: RawAddResult;
  /** P1 workers/s over raw adds/s. */
  readonly initialToRawRatio?: number;
  readonly incremental?: IncrementalCycleResult;
  readonly onDemand?: OnDemandResult;
  readonly profiles?: {
    readonly sourceRead?: ProfileSummary;
    readonly initial?: ProfileSummary;
    readonly incremental?: ProfileSummary;
  };
  /** With profiling: PGlite execution time per statement and database (top 25 per phase). */
  readonly statements?: {
    readonly sourceRead?: readonly StatementShare[];
    readonly initial?: readonly StatementShare[];
    readonly incremental?: readonly StatementShare[];
  };
}

const CYCLE_TIMEOUT_MS = 30 * 60_000;

export async function runStackBench(options: StackBenchOptions): Promise<StackBenchResult> {
  const measuredAt = new Date().toISOString();
  const starting = performance.now();
  const coordinator = {
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    ...(options.pagesInFlight === undefined ? {} : { pagesInFlight: options.pagesInFlight }),
  };
  const stack = await startLocalStack({
    workers: options.workers,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    coordinator,
    agentConcurrency: options.agentConcurrency,
  });
  const sqlTimer = options.profileDir === undefined ? undefined : new SqlTimer();
  try {
    const stackStartSeconds = (performance.now() - starting) / 1000;
    options.log(`local stack with ${options.workers.toLocaleString("en-US")} workers up in ${stackStartSeconds.toFixed(1)} s`);
    const api = new RosterApi(stack.coordinator.url, stack.adminToken);
    const jobId = await api.createJob(
      withUniqueIdentifiers(stack.jobDefinition({ pageSize: options.sourcePageSize, intervalMs: 24 * 60 * 60_000 }), "roster.test"),
    );
    const profiler = options.profileDir === undefined ? undefined : new CpuProfiler();
    const profiles: { sourceRead?: ProfileSummary; initial?: ProfileSummary; incremental?: ProfileSummary } = {};
    const statements: { sourceRead?: StatementShare[]; initial?: StatementShare[]; incremental?: StatementShare[] } = {};
    sqlTimer?.install();
    sqlTimer?.take();

    let sourceRead: SourceReadResult | undefined;
    if (options.sourceRead) {
      await profiler?.start();
      sourceRead = await runSourceRead(stack, options.sourcePageSize);
      if (profiler !== undefined) {
        profiles.sourceRead = summarizeProfile(await profiler.stop(join(options.profileDir!, `source-read-${options.workers}.cpuprofile`)));
        statements.sourceRead = sqlTimer!.take().slice(0, 25);
      }
      options.log(`source read alone: ${sourceRead.seconds.toFixed(1)} s, ${Math.round(sourceRead.workersPerSecond)} workers/s`);
    }

    await profiler?.start();
    const initial = await runInitialCycle(api, jobId, options.workers, { timeoutMs: CYCLE_TIMEOUT_MS, log: options.log });
    if (profiler !== undefined) {
      profiles.initial = summarizeProfile(await profiler.stop(join(options.profileDir!, `initial-${options.workers}.cpuprofile`)));
      statements.initial = sqlTimer!.take().slice(0, 25);
    }
    options.log(`P1 initial cycle: ${initial.seconds.toFixed(1)} s, ${Math.round(initial.workersPerSecond)} workers/s`);

    sqlTimer?.take();
    let raw: RawAddResult | undefined;
    if (options.rawAdds > 0) {
      // The initial cycle's writebacks follow it; measured beside them the raw rate would be theirs to share.
      await waitForWritebacks(api, jobId, CYCLE_TIMEOUT_MS);
      raw = await runRawAdds(stack.ldap, { entries: options.rawAdds, concurrency: options.agentConcurrency, connections: Math.min(4, options.agentConcurrency) });
      options.log(`raw ldapts adds: ${Math.round(raw.addsPerSecond)}/s`);
    }

    let incremental: IncrementalCycleResult | undefined;
    if (options.incrementalFraction > 0) {
      sqlTimer?.take();
      await profiler?.start();
      incremental = await runIncrementalCycle(stack, api, jobId, {
        workers: options.workers,
        fraction: options.incrementalFraction,
        timeoutMs: CYCLE_TIMEOUT_MS,
        log: options.log,
      });
      if (profiler !== undefined) {
        profiles.incremental = summarizeProfile(await profiler.stop(join(options.profileDir!, `incremental-${options.workers}.cpuprofile`)));
        statements.incremental = sqlTimer!.take().slice(0, 25);
      }
      options.log(`P2 incremental cycle (${incremental.changed} changed): ${incremental.seconds.toFixed(2)} s`);
    }

    let onDemand: OnDemandResult | undefined;
    if (options.onDemandCalls > 0) {
      onDemand = await runOnDemand(api, jobId, await sampleWorkerIds(stack, options.onDemandCalls));
      options.log(`P3 on-demand: p50 ${onDemand.p50Ms.toFixed(0)} ms, p95 ${onDemand.p95Ms.toFixed(0)} ms`);
    }

    return {
      workers: options.workers,
      measuredAt,
      stackStartSeconds,
      ...(sourceRead === undefined ? {} : { sourceRead }),
      initial,
      ...(raw === undefined ? {} : { raw, initialToRawRatio: initial.workersPerSecond / raw.addsPerSecond }),
      ...(incremental === undefined ? {} : { incremental }),
      ...(onDemand === undefined ? {} : { onDemand }),
      ...(profiler === undefined ? {} : { profiles, statements }),
    };
  } finally {
    sqlTimer?.uninstall();
    await stack.close();
  }
}
