/**
 * The coordinator's durable state, as the cycle runner, the scheduler and the API see it.
 * Implementations (kysely, migration 0003_jobs) live next to this file; every one runs on
 * PGlite and PostgreSQL alike. All writes that a cycle depends on for restart safety are
 * durable before the promise resolves.
 */
import type { ErrorCode, QuarantineState } from "@roster/engine";
import type { JobDefinition, JobDefinitionInput } from "../jobs/job-definition.js";

// --- jobs -------------------------------------------------------------------------------------

/** stopped: no cycles are scheduled; running: cycles run on the schedule; disabled: 4 weeks in quarantine. */
export type JobRunState = "stopped" | "running" | "disabled";

export interface JobRecord {
  readonly jobId: string;
  /** Increments on every definition change (optimistic concurrency for PUT). */
  readonly version: number;
  /** The definition as given (input form, secrets included: never send this out unredacted). */
  readonly definitionInput: JobDefinitionInput;
  /** Parsed, defaults filled in. */
  readonly definition: JobDefinition;
  readonly runState: JobRunState;
  /** The next cycle is an initial one (new job, restart, mapping or scoping change). */
  readonly needsInitialCycle: boolean;
  /** Start time of the last completed cycle; incremental cycles read changes from here. */
  readonly watermark: Date | null;
  readonly quarantine: QuarantineState;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface AuditEntry {
  readonly id: string;
  readonly jobId: string;
  readonly at: Date;
  /** Admin token name, "cli", "system" … */
  readonly actor: string;
  /** create | update | delete | import | start | stop | restart | stagedAllowed | stagedRejected | quarantine | … */
  readonly action: string;
  /** Redacted: what changed (for updates, the top-level keys that differ). */
  readonly details: Readonly<Record<string, unknown>>;
}

export interface JobStore {
  /** Validates with jobDefinitionSchema (RosterError InvalidConfiguration naming the path) and the engine compiler. */
  create(input: JobDefinitionInput, actor: string, jobId?: string): Promise<JobRecord>;
  get(jobId: string): Promise<JobRecord | null>;
  list(): Promise<JobRecord[]>;
  /**
   * Replaces the definition. A change to source, provisioning mappings or scoping sets
   * needsInitialCycle. expectedVersion mismatch → RosterError Conflict.
   */
  update(jobId: string, input: JobDefinitionInput, actor: string, expectedVersion?: number): Promise<JobRecord>;
  delete(jobId: string, actor: string): Promise<boolean>;
  setRunState(jobId: string, runState: JobRunState, actor: string): Promise<JobRecord>;
  /** Saved atomically with needsInitialCycle=false at the end of a completed cycle. */
  completeCycle(jobId: string, watermark: Date): Promise<void>;
  setQuarantine(jobId: string, quarantine: QuarantineState): Promise<void>;
  /** Restart: clears watermark, escrow, staged actions, pending references and quarantine; optionally links. */
  restart(jobId: string, options: { readonly breakLinks: boolean }, actor: string): Promise<JobRecord>;
  /** Definition with secrets replaced by "[Redact]", for export and the API. */
  exportDefinition(jobId: string): Promise<JobDefinitionInput | null>;
  audit(jobId: string, options?: { readonly limit?: number; readonly before?: Date }): Promise<AuditEntry[]>;
  appendAudit(entry: Omit<AuditEntry, "id" | "at">): Promise<void>;
}

// --- cycles -----------------------------------------------------------------------------------

export type CycleKind = "initial" | "incremental";
export type CycleState = "running" | "completed" | "failed" | "stopped";

export interface CycleCounts {
  imported: number;
  created: number;
  updated: number;
  enabled: number;
  disabled: number;
  moved: number;
  skipped: number;
  noChange: number;
  failed: number;
  escrowed: number;
  staged: number;
  writebacks: number;
}

export interface CycleRecord {
  readonly cycleId: string;
  readonly jobId: string;
  readonly kind: CycleKind;
  readonly state: CycleState;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  /** Changes are read up to this moment; it becomes the watermark when the cycle completes. */
  readonly through: Date;
  /** Incremental cycles: changes are read from here. */
  readonly from: Date | null;
  readonly counts: CycleCounts;
  /** Workers processed so far. */
  readonly processed: number;
  readonly error: string | null;
}

export interface CycleStore {
  start(input: {
    readonly jobId: string;
    readonly kind: CycleKind;
    readonly through: Date;
    readonly from: Date | null;
  }): Promise<CycleRecord>;
  /** The job's cycle left "running" by a coordinator that died: resume it with the same id. */
  unfinished(jobId: string): Promise<CycleRecord | null>;
  /** Progress (counts are absolute values, not increments). */
  progress(cycleId: string, counts: CycleCounts, processed: number): Promise<void>;
  finish(cycleId: string, state: Exclude<CycleState, "running">, counts: CycleCounts, error?: string): Promise<void>;
  get(cycleId: string): Promise<CycleRecord | null>;
  /** Newest first. */
  list(jobId: string, options?: { readonly limit?: number }): Promise<CycleRecord[]>;
}

// --- escrow -----------------------------------------------------------------------------------

export interface EscrowRecord {
  readonly jobId: string;
  readonly sourceAnchor: string;
  /** The value the source fetches the worker by (Workday WorkerID/WID, SF personIdExternal). */
  readonly workerId: string;
  readonly firstFailureAt: Date;
  readonly retries: number;
  readonly nextRetryAt: Date | null;
  readonly errorCode: ErrorCode;
}

export interface EscrowStore {
  /** Records a failure (first or repeated; the engine's escrow schedule decides nextRetryAt). */
  recordFailure(entry: { jobId: string; sourceAnchor: string; workerId: string; errorCode: ErrorCode; at: Date }): Promise<EscrowRecord>;
  /** recordFailure for a batch (a page's failures), in as few statements as possible. */
  recordFailures(
    entries: readonly { jobId: string; sourceAnchor: string; workerId: string; errorCode: ErrorCode; at: Date }[],
  ): Promise<EscrowRecord[]>;
  /** Batch form of clear for a page of successes. */
  clear(jobId: string, sourceAnchors: readonly string[]): Promise<void>;
  due(jobId: string, now: Date, limit: number): Promise<EscrowRecord[]>;
  count(jobId: string): Promise<number>;
  clearJob(jobId: string): Promise<void>;
}

// --- staged deprovisioning (accidental-deletion prevention) -----------------------------------

export type StagedState = "pending" | "allowed" | "rejected";

export interface StagedAction {
  readonly id: string;
  readonly jobId: string;
  readonly cycleId: string;
  readonly sourceAnchor: string;
  readonly workerId: string | null;
  readonly displayName: string | null;
  /** "disable" | "delete" */
  readonly kind: "disable" | "delete";
  readonly targetAnchor: string;
  /** The link state to store once it ran (JSON). */
  readonly payload: Readonly<Record<string, unknown>>;
  readonly state: StagedState;
  readonly createdAt: Date;
  readonly decidedAt: Date | null;
  readonly decidedBy: string | null;
}

export interface StagedActionStore {
  add(actions: readonly Omit<StagedAction, "id" | "state" | "createdAt" | "decidedAt" | "decidedBy">[]): Promise<void>;
  pending(jobId: string, options?: { readonly limit?: number; readonly afterId?: string }): Promise<StagedAction[]>;
  countPending(jobId: string): Promise<number>;
  /** Marks every pending action of the job; returns those marked. */
  decideAll(jobId: string, state: "allowed" | "rejected", actor: string): Promise<StagedAction[]>;
  clearJob(jobId: string): Promise<void>;
}

// --- writeback outbox -------------------------------------------------------------------------

export type WritebackState = "pending" | "done" | "failed";

export type NewWritebackItem = Pick<WritebackItem, "jobId" | "sourceAnchor" | "workerId" | "values"> & {
  readonly workerType?: string | null;
};

export interface WritebackItem {
  readonly id: string;
  readonly jobId: string;
  readonly sourceAnchor: string;
  /** Workday WorkerID / SF personIdExternal. */
  readonly workerId: string;
  /** SourceWorker.workerType at enqueue time (Workday: Employee / Contingent_Worker), else null. */
  readonly workerType: string | null;
  /** HR field → value (EmailAddress, UserID, …), computed by the writeback mappings. */
  readonly values: Readonly<Record<string, string>>;
  readonly state: WritebackState;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  readonly lastError: string | null;
  readonly createdAt: Date;
}

export interface WritebackOutbox {
  /** Durable before it resolves; a newer pending item for the same worker replaces the older one. */
  enqueue(items: readonly NewWritebackItem[]): Promise<void>;
  /** Pending items due by `now`: of `jobId` only when given, never of `excludeJobIds`. */
  due(now: Date, limit: number, jobId?: string, excludeJobIds?: readonly string[]): Promise<WritebackItem[]>;
  markDone(id: string): Promise<void>;
  /** markDone for a batch, in one statement. */
  markDoneMany(ids: readonly string[]): Promise<void>;
  /** Transient: pending again at nextAttemptAt; permanent (nextAttemptAt null): failed. */
  markFailed(id: string, error: string, nextAttemptAt: Date | null): Promise<void>;
  counts(jobId: string): Promise<Record<WritebackState, number>>;
  clearJob(jobId: string): Promise<void>;
}

// --- references that waited for their target ------------------------------------------------

export interface PendingReference {
  readonly jobId: string;
  /** The referring worker (the report). */
  readonly sourceAnchor: string;
  readonly attribute: string;
  /** The referenced worker's source anchor or matching value (the manager). */
  readonly referencedValue: string;
}

export interface PendingReferenceStore {
  add(references: readonly PendingReference[]): Promise<void>;
  remove(references: readonly Pick<PendingReference, "jobId" | "sourceAnchor" | "attribute">[]): Promise<void>;
  pages(jobId: string, pageSize: number): AsyncGenerator<PendingReference[]>;
  clearJob(jobId: string): Promise<void>;
}

// --- admin tokens -----------------------------------------------------------------------------

export interface AdminToken {
  readonly tokenId: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

export interface AdminTokenStore {
  /** Returns the secret once ("rst_…"); only its SHA-256 is stored. */
  issue(name: string): Promise<{ readonly token: AdminToken; readonly secret: string }>;
  /** The token's record when the secret is valid and not revoked; constant-time compare. */
  verify(secret: string): Promise<AdminToken | null>;
  list(): Promise<AdminToken[]>;
  revoke(tokenId: string): Promise<boolean>;
}
