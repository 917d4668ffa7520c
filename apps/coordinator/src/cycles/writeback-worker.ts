/**
 * Drains the writeback outbox: each due item is written to its job's HR source; a transient
 * failure comes back later with backoff, a data error fails for good. Every failure gets a
 * provisioning-log record (WritebackFailed) naming the worker and the fields.
 */
import { randomUUID } from "node:crypto";
import { backoffDelay } from "@roster/engine";
import pino, { type Logger } from "pino";
import type { ProvisioningLogStore } from "../provisioning-log/provisioning-log-store.js";
import type { HrSource } from "../sources/hr-source.js";
import type { JobRecord, JobStore, WritebackItem, WritebackOutbox } from "../state/contracts.js";
import { issueFor } from "./decision-outcome.js";

export interface WritebackWorkerOptions {
  readonly outbox: WritebackOutbox;
  readonly jobs: Pick<JobStore, "get">;
  readonly logs: Pick<ProvisioningLogStore, "append">;
  readonly createSource: (job: JobRecord) => HrSource;
  readonly logger?: Logger;
  readonly now?: () => Date;
  /** Items per round (default 200). */
  readonly batchSize?: number;
  /** Writebacks in parallel (default 8). */
  readonly concurrency?: number;
  /** Idle poll interval (default 2 s). */
  readonly pollMs?: number;
  /** Jobs whose items wait (their initial cycle is running); the caller nudges when that changes. */
  readonly heldJobs?: () => ReadonlySet<string>;
  /** Attempts before an item fails for good (default 8). */
  readonly maxAttempts?: number;
  readonly onWriteback?: (jobId: string, outcome: "success" | "retry" | "failure") => void;
}

const BACKOFF = { retries: 8, baseDelayMs: 5_000, maxDelayMs: 30 * 60_000 } as const;

export class WritebackWorker {
  readonly #options: WritebackWorkerOptions;
  readonly #logger: Logger;
  readonly #now: () => Date;
  #timer: NodeJS.Timeout | null = null;
  #round: Promise<number> | null = null;
  #stopped = true;

  constructor(options: WritebackWorkerOptions) {
    this.#options = options;
    this.#logger = options.logger ?? pino({ level: "silent" });
    this.#now = options.now ?? (() => new Date());
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#tick(0);
  }

  /** Asks for a round soon (after a cycle enqueued items). */
  nudge(): void {
    if (!this.#stopped && this.#round === null) this.#tick(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#round;
  }

  /** One round: every due item (up to batchSize); returns how many were attempted. */
  async drainOnce(jobId?: string): Promise<number> {
    const { outbox, batchSize = 200, concurrency = 8 } = this.#options;
    const held = this.#options.heldJobs?.();
    const due = await outbox.due(this.#now(), batchSize, jobId, held === undefined || held.size === 0 ? undefined : [...held]);
    if (due.length === 0) return 0;
    const sources = new Map<string, { source: HrSource; job: JobRecord } | null>();
    const done: string[] = [];
    let next = 0;
    const workers = Array.from({ length: Math.min(concurrency, due.length) }, async () => {
      while (next < due.length) {
        const item = due[next++]!;
        await this.#writeOne(item, sources, done);
      }
    });
    await Promise.all(workers);
    await outbox.markDoneMany(done);
    for (const entry of sources.values()) await entry?.source.close().catch(() => undefined);
    return due.length;
  }

  #tick(delayMs: number): void {
    if (this.#stopped) return;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#round = this.drainOnce()
        .catch((error: unknown) => {
          this.#logger.error({ err: error }, "writeback round failed");
          return 0;
        })
        .finally(() => {
          this.#round = null;
        });
      void this.#round.then((count) => this.#tick(count > 0 ? 0 : (this.#options.pollMs ?? 2_000)));
    }, delayMs);
    this.#timer.unref?.();
  }

  async #writeOne(
    item: WritebackItem,
    sources: Map<string, { source: HrSource; job: JobRecord } | null>,
    done: string[],
  ): Promise<void> {
    const { outbox } = this.#options;
    let entry = sources.get(item.jobId);
    if (entry === undefined) {
      const job = await this.#options.jobs.get(item.jobId);
      entry = job === null ? null : { job, source: this.#options.createSource(job) };
      sources.set(item.jobId, entry);
    }
    if (entry === null) {
      await outbox.markFailed(item.id, `Job "${item.jobId}" no longer exists.`, null);
      return;
    }
    let outcome: { ok: boolean; message?: string; retryable?: boolean };
    try {
      outcome = await entry.source.writeback({ sourceAnchor: item.sourceAnchor, workerId: item.workerId, workerType: item.workerType }, item.values);
    } catch (error) {
      outcome = { ok: false, message: error instanceof Error ? error.message : String(error), retryable: true };
    }
    if (outcome.ok) {
      done.push(item.id);
      this.#options.onWriteback?.(item.jobId, "success");
      return;
    }
    const attempts = item.attempts + 1;
    const retry = outcome.retryable === true && attempts < (this.#options.maxAttempts ?? 8);
    const message = `Writeback of ${Object.keys(item.values).join(", ")} for worker ${item.workerId} failed: ${outcome.message ?? "unknown error"}`;
    await outbox.markFailed(item.id, message, retry ? new Date(this.#now().getTime() + backoffDelay(attempts - 1, BACKOFF, Math.random)) : null);
    this.#options.onWriteback?.(item.jobId, retry ? "retry" : "failure");
    this.#logger.warn({ jobId: item.jobId, workerId: item.workerId, retry }, "writeback failed");
    const issue = issueFor("WritebackFailed", message);
    const changeId = randomUUID();
    await this.#options.logs.append([
      {
        id: changeId,
        changeId,
        cycleId: "writeback",
        jobId: item.jobId,
        activityDateTime: this.#now(),
        durationInMilliseconds: 0,
        action: "update",
        status: "failure",
        sourceIdentity: { id: item.workerId, displayName: null },
        targetIdentity: { id: item.sourceAnchor, displayName: "HR source" },
        errorCode: issue.code,
        errorCategory: issue.category,
        reason: issue.reason,
        additionalDetails: `${message}${retry ? " (retried later)" : ""}`,
        recommendedAction: issue.recommendedAction,
        steps: [{ step: "action", status: "failure", description: message, details: { ...item.values } }],
        modifiedProperties: Object.entries(item.values).map(([name, value]) => ({ name, oldValue: null, newValue: value })),
      },
    ]);
  }
}
