/**
 * Kysely types of the tables added by migration 0003_jobs: jobs and their audit log, cycles,
 * escrow, staged deprovisioning actions, the writeback outbox, references waiting for their
 * target, and administrator tokens (stored as SHA-256 digests only).
 */
import type { QuarantineState } from "@roster/engine";
import type { ColumnType, JsonbColumn } from "@roster/store";
import type { JobDefinitionInput } from "../jobs/job-definition.js";
import type { CycleCounts } from "../state/contracts.js";

/** bigint identity: read as a number, never written. */
type IdentityColumn = ColumnType<number, never, never>;

export interface JobsTable {
  readonly job_id: string;
  version: number;
  /** The definition as given, secrets included. */
  definition: JsonbColumn<JobDefinitionInput>;
  /** "stopped" | "running" | "disabled" */
  run_state: string;
  needs_initial_cycle: boolean;
  watermark: Date | null;
  quarantine: JsonbColumn<QuarantineState>;
  /**
   * Last change that forced an initial cycle (definition change, restart). A cycle that
   * started before it does not clear needs_initial_cycle when it completes.
   */
  resync_requested_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface JobAuditTable {
  readonly id: IdentityColumn;
  readonly job_id: string;
  readonly at: Date;
  readonly actor: string;
  readonly action: string;
  readonly details: JsonbColumn<Record<string, unknown>>;
}

export interface CyclesTable {
  readonly cycle_id: string;
  readonly job_id: string;
  /** "initial" | "incremental" */
  readonly kind: string;
  /** "running" | "completed" | "failed" | "stopped" */
  state: string;
  readonly started_at: Date;
  finished_at: Date | null;
  readonly through: Date;
  readonly from_at: Date | null;
  counts: JsonbColumn<CycleCounts>;
  processed: number;
  error: string | null;
}

export interface EscrowTable {
  readonly job_id: string;
  readonly source_anchor: string;
  worker_id: string;
  first_failure_at: Date;
  retries: number;
  /** Null once the retries are exhausted (28 days after the first failure). */
  next_retry_at: Date | null;
  error_code: string;
}

export interface StagedActionsTable {
  readonly id: IdentityColumn;
  readonly job_id: string;
  readonly cycle_id: string;
  readonly source_anchor: string;
  readonly worker_id: string | null;
  readonly display_name: string | null;
  /** "disable" | "delete" */
  readonly kind: string;
  readonly target_anchor: string;
  readonly payload: JsonbColumn<Record<string, unknown>>;
  /** "pending" | "allowed" | "rejected" */
  state: string;
  readonly created_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
}

export interface WritebacksTable {
  readonly id: IdentityColumn;
  readonly job_id: string;
  readonly source_anchor: string;
  worker_id: string;
  /** The source's kind of worker where its writeback needs it (Workday: Employee / Contingent_Worker). */
  worker_type: string | null;
  /** HR field → value ("values" is an SQL keyword). */
  field_values: JsonbColumn<Record<string, string>>;
  /** "pending" | "done" | "failed" */
  state: string;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  readonly created_at: Date;
  /** Bumped when a newer enqueue merges into the pending item (a sender holding the old values must not mark it done). */
  revision: number;
}

export interface PendingReferencesTable {
  readonly job_id: string;
  readonly source_anchor: string;
  readonly attribute: string;
  referenced_value: string;
}

export interface AdminTokensTable {
  readonly token_id: string;
  readonly name: string;
  readonly token_hash: string;
  readonly created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface JobsDatabase {
  roster_jobs: JobsTable;
  roster_job_audit: JobAuditTable;
  roster_cycles: CyclesTable;
  roster_escrow: EscrowTable;
  roster_staged_actions: StagedActionsTable;
  roster_writebacks: WritebacksTable;
  roster_pending_references: PendingReferencesTable;
  roster_admin_tokens: AdminTokensTable;
}
