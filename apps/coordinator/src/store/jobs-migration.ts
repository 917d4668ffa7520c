/**
 * Migration 0003_jobs: jobs, audit log, cycles, escrow, staged actions, writeback outbox,
 * pending references and admin tokens (see src/state/contracts.ts). No foreign keys to
 * roster_jobs: the job-scoped rows are removed explicitly, in the transaction that deletes
 * or restarts the job, and bulk inserts (escrow, references) skip a per-row key check.
 */
import { type AnySchema, type Kysely, type Migration, sql } from "@roster/store";

export const JOBS_MIGRATION: Migration = {
  async up(db: Kysely<AnySchema>): Promise<void> {
    await db.schema
      .createTable("roster_jobs")
      .addColumn("job_id", "text", (column) => column.primaryKey())
      .addColumn("version", "integer", (column) => column.notNull())
      .addColumn("definition", "jsonb", (column) => column.notNull())
      .addColumn("run_state", "text", (column) => column.notNull())
      .addColumn("needs_initial_cycle", "boolean", (column) => column.notNull())
      .addColumn("watermark", "timestamptz")
      .addColumn("quarantine", "jsonb", (column) => column.notNull())
      .addColumn("resync_requested_at", "timestamptz")
      .addColumn("created_at", "timestamptz", (column) => column.notNull())
      .addColumn("updated_at", "timestamptz", (column) => column.notNull())
      .addCheckConstraint("roster_jobs_run_state_check", sql`run_state in ('stopped', 'running', 'disabled')`)
      .execute();

    await db.schema
      .createTable("roster_job_audit")
      .addColumn("id", "bigint", (column) => column.generatedAlwaysAsIdentity().primaryKey())
      .addColumn("job_id", "text", (column) => column.notNull())
      .addColumn("at", "timestamptz", (column) => column.notNull())
      .addColumn("actor", "text", (column) => column.notNull())
      .addColumn("action", "text", (column) => column.notNull())
      .addColumn("details", "jsonb", (column) => column.notNull())
      .execute();
    // audit(): newest first within a job, optionally before a time.
    await db.schema
      .createIndex("roster_job_audit_job_idx")
      .on("roster_job_audit")
      .columns(["job_id", "at", "id"])
      .execute();

    await db.schema
      .createTable("roster_cycles")
      .addColumn("cycle_id", "text", (column) => column.primaryKey())
      .addColumn("job_id", "text", (column) => column.notNull())
      .addColumn("kind", "text", (column) => column.notNull())
      .addColumn("state", "text", (column) => column.notNull())
      .addColumn("started_at", "timestamptz", (column) => column.notNull())
      .addColumn("finished_at", "timestamptz")
      .addColumn("through", "timestamptz", (column) => column.notNull())
      .addColumn("from_at", "timestamptz")
      .addColumn("counts", "jsonb", (column) => column.notNull())
      .addColumn("processed", "bigint", (column) => column.notNull())
      .addColumn("error", "text")
      .addCheckConstraint("roster_cycles_kind_check", sql`kind in ('initial', 'incremental')`)
      .addCheckConstraint("roster_cycles_state_check", sql`state in ('running', 'completed', 'failed', 'stopped')`)
      .execute();
    await db.schema
      .createIndex("roster_cycles_job_idx")
      .on("roster_cycles")
      .columns(["job_id", "started_at", "cycle_id"])
      .execute();
    // At most one running cycle per job, even with two coordinators on one database.
    await sql`create unique index roster_cycles_running_key on roster_cycles (job_id) where state = 'running'`.execute(
      db,
    );

    await db.schema
      .createTable("roster_escrow")
      .addColumn("job_id", "text", (column) => column.notNull())
      .addColumn("source_anchor", "text", (column) => column.notNull())
      .addColumn("worker_id", "text", (column) => column.notNull())
      .addColumn("first_failure_at", "timestamptz", (column) => column.notNull())
      .addColumn("retries", "integer", (column) => column.notNull())
      .addColumn("next_retry_at", "timestamptz")
      .addColumn("error_code", "text", (column) => column.notNull())
      .addPrimaryKeyConstraint("roster_escrow_pkey", ["job_id", "source_anchor"])
      .execute();
    await sql`create index roster_escrow_due_idx on roster_escrow (job_id, next_retry_at, source_anchor) where next_retry_at is not null`.execute(
      db,
    );

    await db.schema
      .createTable("roster_staged_actions")
      .addColumn("id", "bigint", (column) => column.generatedAlwaysAsIdentity().primaryKey())
      .addColumn("job_id", "text", (column) => column.notNull())
      .addColumn("cycle_id", "text", (column) => column.notNull())
      .addColumn("source_anchor", "text", (column) => column.notNull())
      .addColumn("worker_id", "text")
      .addColumn("display_name", "text")
      .addColumn("kind", "text", (column) => column.notNull())
      .addColumn("target_anchor", "text", (column) => column.notNull())
      .addColumn("payload", "jsonb", (column) => column.notNull())
      .addColumn("state", "text", (column) => column.notNull())
      .addColumn("created_at", "timestamptz", (column) => column.notNull())
      .addColumn("decided_at", "timestamptz")
      .addColumn("decided_by", "text")
      .addCheckConstraint("roster_staged_actions_kind_check", sql`kind in ('disable', 'delete')`)
      .addCheckConstraint("roster_staged_actions_state_check", sql`state in ('pending', 'allowed', 'rejected')`)
      .execute();
    // pending(): job, state, then id order (keyset on id); clearJob uses the job_id prefix.
    await db.schema
      .createIndex("roster_staged_actions_job_idx")
      .on("roster_staged_actions")
      .columns(["job_id", "state", "id"])
      .execute();

    await db.schema
      .createTable("roster_writebacks")
      .addColumn("id", "bigint", (column) => column.generatedAlwaysAsIdentity().primaryKey())
      .addColumn("job_id", "text", (column) => column.notNull())
      .addColumn("source_anchor", "text", (column) => column.notNull())
      .addColumn("worker_id", "text", (column) => column.notNull())
      .addColumn("field_values", "jsonb", (column) => column.notNull())
      .addColumn("state", "text", (column) => column.notNull())
      .addColumn("attempts", "integer", (column) => column.notNull())
      .addColumn("next_attempt_at", "timestamptz", (column) => column.notNull())
      .addColumn("last_error", "text")
      .addColumn("created_at", "timestamptz", (column) => column.notNull())
      .addColumn("revision", "integer", (column) => column.notNull())
      .addCheckConstraint("roster_writebacks_state_check", sql`state in ('pending', 'done', 'failed')`)
      .execute();
    // One pending item per worker: a newer enqueue merges into it (ON CONFLICT on this index).
    await sql`create unique index roster_writebacks_pending_key on roster_writebacks (job_id, source_anchor) where state = 'pending'`.execute(
      db,
    );
    await sql`create index roster_writebacks_due_idx on roster_writebacks (next_attempt_at, id) where state = 'pending'`.execute(
      db,
    );
    await sql`create index roster_writebacks_job_due_idx on roster_writebacks (job_id, next_attempt_at, id) where state = 'pending'`.execute(
      db,
    );
    await db.schema
      .createIndex("roster_writebacks_job_state_idx")
      .on("roster_writebacks")
      .columns(["job_id", "state"])
      .execute();

    await db.schema
      .createTable("roster_pending_references")
      .addColumn("job_id", "text", (column) => column.notNull())
      .addColumn("source_anchor", "text", (column) => column.notNull())
      .addColumn("attribute", "text", (column) => column.notNull())
      .addColumn("referenced_value", "text", (column) => column.notNull())
      .addPrimaryKeyConstraint("roster_pending_references_pkey", ["job_id", "source_anchor", "attribute"])
      .execute();

    await db.schema
      .createTable("roster_admin_tokens")
      .addColumn("token_id", "text", (column) => column.primaryKey())
      .addColumn("name", "text", (column) => column.notNull())
      .addColumn("token_hash", "text", (column) => column.notNull().unique())
      .addColumn("created_at", "timestamptz", (column) => column.notNull())
      .addColumn("last_used_at", "timestamptz")
      .addColumn("revoked_at", "timestamptz")
      .execute();
  },
};
