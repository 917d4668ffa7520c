/**
 * The benchmark passes over the default Workday → AD mapping set:
 *   generate  only generating workers (the data cost, to subtract mentally)
 *   create    an empty directory: every worker is new (Create, SelectUniqueValue UPN)
 *   no-change the same workers again, linked with their exported state (NoChange)
 *   update    ~1% of workers changed (Update / Move / Disable), the rest NoChange
 * Workers are generated in chunks of PLAN_CHUNK (streamed, never all at once). The phase time covers
 * everything; the planning time covers only the engine's decisions (including the directory's
 * answers to matching and uniqueness questions), not generating workers or storing links — the
 * number the ≥ 100,000 workers/s target is about.
 */
import {
  compileProvisioningConfigOrThrow,
  decideWorker,
  workdayToActiveDirectory,
  type CompiledProvisioningConfig,
  type ProvisioningDecision,
} from "@roster/engine";
import { BenchDirectory } from "./bench-directory.js";
import { GcTimer } from "./gc-timer.js";
import { Prng } from "./prng.js";
import { generateWorker } from "./workday-worker-generator.js";

export interface PhaseResult {
  readonly phase: string;
  readonly workers: number;
  readonly seconds: number;
  readonly workersPerSecond: number;
  /** User + system CPU time of the process: the wall time is inflated when other processes compete for the core. */
  readonly cpuSeconds: number;
  readonly workersPerCpuSecond: number;
  /** Seconds spent inside the engine's decisions only. */
  readonly planSeconds: number;
  readonly workersPerPlanSecond: number;
  /** Time spent in garbage-collection pauses during the phase. */
  readonly gcSeconds: number;
  /** Decisions by action; errors counted under "error:<code>". */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly heapUsedMiB: number;
  readonly rssMiB: number;
}

export interface BenchOptions {
  readonly workers: number;
  readonly seed: number;
  /** Called after each phase, e.g. to print progress. */
  readonly onPhase?: (result: PhaseResult) => void;
}

export interface BenchResult {
  readonly workers: number;
  readonly seed: number;
  readonly node: string;
  readonly phases: readonly PhaseResult[];
}

/** A fixed clock: Now() in expressions must not make passes differ. */
const BENCH_NOW = new Date("2025-01-15T08:00:00Z");
const benchClock = () => BENCH_NOW;

/** Workers generated ahead of planning: small enough to stream, large enough that timing costs nothing. */
const PLAN_CHUNK = 1024;

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const { workers, seed } = options;
  const config = compileProvisioningConfigOrThrow(workdayToActiveDirectory());
  const directory = new BenchDirectory();
  const rng = new Prng(seed ^ 0xbe7c4);
  const random = () => rng.next();
  const phases: PhaseResult[] = [];
  const record = (result: PhaseResult) => {
    phases.push(result);
    options.onPhase?.(result);
  };

  record(
    await timed("generate", workers, () => {
      let checksum = 0;
      for (let i = 0; i < workers; i++) checksum += generateWorker(seed, i).WID?.length ?? 0;
      return Promise.resolve({ outcomes: { generated: checksum > 0 ? workers : 0 }, planSeconds: 0 });
    }),
  );

  const pass = (phase: string, revision: 0 | 1, linked: boolean) =>
    timed(phase, workers, async () => {
      const outcomes: Record<string, number> = {};
      const chunk = new Array<Readonly<Record<string, string>>>(PLAN_CHUNK);
      const decisions = new Array<ProvisioningDecision>(PLAN_CHUNK);
      let planNs = 0n;
      for (let first = 0; first < workers; first += PLAN_CHUNK) {
        const size = Math.min(PLAN_CHUNK, workers - first);
        for (let j = 0; j < size; j++) chunk[j] = generateWorker(seed, first + j, revision);
        const start = process.hrtime.bigint();
        for (let j = 0; j < size; j++) {
          const i = first + j;
          const planned = provisionOne(config, directory, chunk[j]!, linked ? i : null, random);
          // The directory answers synchronously, so decisions come without a promise; await only if one does.
          decisions[j] = planned instanceof Promise ? await planned : (planned as ProvisioningDecision);
          // What a cycle remembers between workers (reserved UPNs, new links) is part of planning.
          directory.reserve(i, decisions[j]!);
        }
        planNs += process.hrtime.bigint() - start;
        for (let j = 0; j < size; j++) {
          count(outcomes, decisions[j]!);
          directory.apply(first + j, decisions[j]!);
        }
      }
      return { outcomes, planSeconds: Number(planNs) / 1e9 };
    });

  record(await pass("create", 0, false));
  record(await pass("no-change", 0, true));
  record(await pass("update (1% changed)", 1, true));
  return { workers, seed, node: process.version, phases };
}

function provisionOne(
  config: CompiledProvisioningConfig,
  directory: BenchDirectory,
  worker: Readonly<Record<string, string>>,
  linkIndex: number | null,
  random: () => number,
): ProvisioningDecision | Promise<ProvisioningDecision> {
  const link = linkIndex === null ? null : directory.link(linkIndex);
  // A cycle's trace: the steps as provisioning logs keep them.
  return decideWorker({ config, worker, link, directory, now: benchClock, random, trace: "summary" }) as
    | ProvisioningDecision
    | Promise<ProvisioningDecision>;
}

function count(outcomes: Record<string, number>, decision: ProvisioningDecision): void {
  const key = decision.error !== null ? `error:${decision.error.code}` : decision.action;
  outcomes[key] = (outcomes[key] ?? 0) + 1;
}

async function timed(
  phase: string,
  workers: number,
  body: () => Promise<{ outcomes: Record<string, number>; planSeconds: number }>,
): Promise<PhaseResult> {
  const gc = new GcTimer();
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const { outcomes, planSeconds } = await body();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const gcSeconds = await gc.seconds();
  gc.stop();
  const memory = process.memoryUsage();
  return {
    phase,
    workers,
    seconds,
    workersPerSecond: seconds > 0 ? workers / seconds : Number.POSITIVE_INFINITY,
    cpuSeconds,
    workersPerCpuSecond: cpuSeconds > 0 ? workers / cpuSeconds : Number.POSITIVE_INFINITY,
    planSeconds,
    workersPerPlanSecond: planSeconds > 0 ? workers / planSeconds : Number.NaN,
    gcSeconds,
    outcomes,
    heapUsedMiB: memory.heapUsed / 1_048_576,
    rssMiB: memory.rss / 1_048_576,
  };
}
