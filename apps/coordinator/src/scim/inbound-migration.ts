/**
 * Migration 0004_inbound: records pushed by API-driven inbound (SCIM bulk) and the bulk requests' status.
 *
 * roster_bulk_requests      one row per accepted BulkRequest (failOnErrors budget, failures so far)
 * roster_inbound_records    one row per operation: the flattened user as the engine reads it, and
 *                           the operation's status ("queued" until the cycle that processed it reports)
 *
 * received_at is always written from the coordinator's clock in milliseconds (never now(), which has
 * microseconds): sources page by (received_at, sequence) and a JS Date cursor must compare exactly.
 */
import { type AnySchema, type Kysely, type Migration, sql } from "@roster/store";

export const INBOUND_MIGRATION: Migration = {
  async up(db: Kysely<AnySchema>): Promise<void> {
    await db.schema
      .createTable("roster_bulk_requests")
      .addColumn("request_id", "text", (column) => column.primaryKey())
      .addColumn("job_id", "text", (column) => column.notNull())
      .addColumn("received_at", "timestamptz", (column) => column.notNull())
      .addColumn("actor", "text", (column) => column.notNull())
      .addColumn("operation_count", "integer", (column) => column.notNull())
      .addColumn("fail_on_errors", "integer")
      .addColumn("failures", "integer", (column) => column.notNull().defaultTo(0))
      .addColumn("stopped", "boolean", (column) => column.notNull().defaultTo(false))
      .execute();
    await db.schema
      .createIndex("roster_bulk_requests_job_idx")
      .on("roster_bulk_requests")
      .columns(["job_id", "received_at"])
      .execute();

    await db.schema
      .createTable("roster_inbound_records")
      // Receipt order; breaks ties between records received in the same millisecond.
      .addColumn("sequence", "bigserial", (column) => column.primaryKey())
      .addColumn("request_id", "text", (column) =>
        column.notNull().references("roster_bulk_requests.request_id").onDelete("cascade"),
      )
      .addColumn("operation_index", "integer", (column) => column.notNull())
      .addColumn("job_id", "text", (column) => column.notNull())
      .addColumn("bulk_id", "text", (column) => column.notNull())
      // Null when the operation had no externalId: it is stored (for its failed status) but never imported.
      .addColumn("external_id", "text")
      .addColumn("display_name", "text")
      .addColumn("attributes", "jsonb", (column) => column.notNull())
      .addColumn("received_at", "timestamptz", (column) => column.notNull())
      .addColumn("status", "text", (column) =>
        column.notNull().check(sql`status in ('queued', 'success', 'warning', 'failure', 'skipped')`),
      )
      .addColumn("provisioning_action", "text")
      .addColumn("error_code", "text")
      .addColumn("error_message", "text")
      .addColumn("skip_reason", "text")
      .addColumn("finished_at", "timestamptz")
      .addUniqueConstraint("roster_inbound_records_operation_key", ["request_id", "operation_index"])
      .execute();
    // Imports page through a job's records in receipt order…
    await db.schema
      .createIndex("roster_inbound_records_received_idx")
      .on("roster_inbound_records")
      .columns(["job_id", "received_at", "sequence"])
      .execute();
    // …and probe, per record, for a later record of the same worker (also: getWorker, outcomes).
    await db.schema
      .createIndex("roster_inbound_records_worker_idx")
      .on("roster_inbound_records")
      .columns(["job_id", "external_id", "received_at", "sequence"])
      .execute();
  },
};
