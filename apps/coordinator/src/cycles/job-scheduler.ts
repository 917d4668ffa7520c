/**
 * Runs each started job's cycles on its schedule: one cycle at a time per job, the next one
 * `schedule.intervalMs` after the previous ended (longer while quarantined, never once the job
 * is disabled), sooner when a cycle could not reach an agent. Stop lets the running cycle
 * finish; close interrupts cycles between pages (they resume on the next start).
 */
import { disableIfExpired, incrementalIntervalMs } from "@roster/engine";
import pino, { type Logger } from "pino";
import type { CycleRecord, JobStore } from "../state/contracts.js";
import type { CycleRunner } from "./cycle-runner.js";

export interface JobSchedulerOptions {
  readonly runner: Pick<CycleRunner, "run">;
  readonly jobs: Pick<JobStore, "get" | "list" | "setQuarantine" | "setRunState">;
  readonly logger?: Logger;
  readonly now?: () => Date;
  /** After a failed cycle (no agent, HR unreachable) the next try comes this soon (default 30 s). */
  readonly retryAfterFailureMs?: number;
  /** Called when a job's cycle has ended, however it ended. */
  readonly cycleEnded?: (jobId: string) => void;
}

interface Running {
  readonly promise: Promise<CycleRecord | null>;
  readonly abort: AbortController;
}

export class JobScheduler {
  readonly #options: JobSchedulerOptions;
  readonly #logger: Logger;
  readonly #now: () => Date;
  readonly #timers = new Map<string, { timer: NodeJS.Timeout; at: Date }>();
  readonly #running = new Map<string, Running>();
  /** Jobs whose cycles should keep coming (started). */
  readonly #active = new Set<string>();
  /** Jobs asked to run while a cycle was running: another cycle follows at once. */
  readonly #rerun = new Set<string>();
  #closed = false;

  constructor(options: JobSchedulerOptions) {
    this.#options = options;
    this.#logger = options.logger ?? pino({ level: "silent" });
    this.#now = options.now ?? (() => new Date());
  }

  /** Schedules every job whose run state is "running" (a coordinator start). */
  async resumeAll(): Promise<void> {
    for (const job of await this.#options.jobs.list()) {
      if (job.runState === "running") this.activate(job.jobId, 0);
    }
  }

  /** The job's cycles start coming; the first after `delayMs`. */
  activate(jobId: string, delayMs = 0): void {
    if (this.#closed) return;
    this.#active.add(jobId);
    if (!this.#running.has(jobId)) this.#schedule(jobId, delayMs);
  }

  /** No more cycles are scheduled; a running one finishes. */
  deactivate(jobId: string): void {
    this.#active.delete(jobId);
    this.#clearTimer(jobId);
  }

  /**
   * Runs a cycle now. When one is running, another follows as soon as it ends (work that arrived
   * during the cycle, such as a bulk upload, may lie outside its window).
   */
  runNow(jobId: string): { readonly running: boolean } {
    if (this.#running.has(jobId)) {
      this.#rerun.add(jobId);
      return { running: true };
    }
    this.#clearTimer(jobId);
    this.#start(jobId);
    return { running: true };
  }

  isRunning(jobId: string): boolean {
    return this.#running.has(jobId);
  }

  /** The running cycle's promise (tests, on-demand waits). */
  current(jobId: string): Promise<CycleRecord | null> | null {
    return this.#running.get(jobId)?.promise ?? null;
  }

  nextRunAt(jobId: string): Date | null {
    return this.#timers.get(jobId)?.at ?? null;
  }

  /** Interrupts running cycles between pages and waits for them. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const jobId of [...this.#timers.keys()]) this.#clearTimer(jobId);
    for (const running of this.#running.values()) running.abort.abort();
    await Promise.allSettled([...this.#running.values()].map((running) => running.promise));
  }

  #schedule(jobId: string, delayMs: number): void {
    this.#clearTimer(jobId);
    if (this.#closed) return;
    const timer = setTimeout(() => {
      this.#timers.delete(jobId);
      this.#start(jobId);
    }, Math.max(0, delayMs));
    timer.unref?.();
    this.#timers.set(jobId, { timer, at: new Date(this.#now().getTime() + delayMs) });
  }

  #clearTimer(jobId: string): void {
    const entry = this.#timers.get(jobId);
    if (entry !== undefined) clearTimeout(entry.timer);
    this.#timers.delete(jobId);
  }

  #start(jobId: string): void {
    if (this.#closed || this.#running.has(jobId)) return;
    const abort = new AbortController();
    const promise = this.#runOnce(jobId, abort.signal).finally(() => {
      this.#running.delete(jobId);
      this.#options.cycleEnded?.(jobId);
    });
    this.#running.set(jobId, { promise, abort });
    promise.then(
      (cycle) => this.#afterCycle(jobId, cycle),
      () => this.#afterCycle(jobId, null),
    );
  }

  async #runOnce(jobId: string, signal: AbortSignal): Promise<CycleRecord | null> {
    const { jobs, runner } = this.#options;
    const job = await jobs.get(jobId);
    if (job === null) {
      this.#active.delete(jobId);
      return null;
    }
    const expired = disableIfExpired(job.quarantine, this.#now().getTime());
    if (expired !== undefined) {
      await jobs.setQuarantine(jobId, expired.state);
      await jobs.setRunState(jobId, "disabled", "system");
      this.#active.delete(jobId);
      this.#logger.warn({ jobId }, "job disabled after four weeks in quarantine");
      return null;
    }
    try {
      return await runner.run(jobId, { signal });
    } catch (error) {
      this.#logger.error({ err: error, jobId }, "cycle could not run");
      return null;
    }
  }

  async #afterCycle(jobId: string, cycle: CycleRecord | null): Promise<void> {
    if (this.#closed) return;
    if (this.#rerun.delete(jobId)) {
      this.#schedule(jobId, 0);
      return;
    }
    if (!this.#active.has(jobId)) return;
    const job = await this.#options.jobs.get(jobId).catch(() => null);
    if (job === null || job.runState !== "running") {
      this.#active.delete(jobId);
      return;
    }
    const interval = incrementalIntervalMs(job.quarantine, job.definition.schedule.intervalMs);
    if (interval === undefined) return;
    const failed = cycle === null || cycle.state === "failed";
    const retry = this.#options.retryAfterFailureMs ?? 30_000;
    this.#schedule(jobId, failed && job.quarantine.status === "healthy" ? Math.min(interval, retry) : interval);
  }
}
