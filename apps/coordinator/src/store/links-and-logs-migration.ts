/** Migration 0002: links (one per job and source anchor) and provisioning logs (append-only). */
import { type Kysely, type Migration, sql } from "@roster/store";
import type { AnySchema } from "@roster/store";

export const LINKS_AND_LOGS_MIGRATION: Migration = {
  async up(db: Kysely<AnySchema>): Promise<void> {
    await db.schema
      .createTable("roster_links")
      .addColumn("job_id", "text", (column) => column.notNull())
      .addColumn("source_anchor", "text", (column) => column.notNull())
      .addColumn("source_matching_value", "text")
      .addColumn("target_anchor", "text", (column) => column.notNull())
      .addColumn("target_dn", "text")
      .addColumn("in_scope", "boolean", (column) => column.notNull())
      .addColumn("exported_state", "jsonb")
      .addColumn("updated_at", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint("roster_links_pkey", ["job_id", "source_anchor"])
      .execute();
    await db.schema
      .createIndex("roster_links_matching_value_idx")
      .on("roster_links")
      .columns(["job_id", "source_matching_value"])
      .execute();

    await db.schema
      .createTable("roster_provisioning_logs")
      .addColumn("id", "text", (column) => column.primaryKey())
      .addColumn("change_id", "text", (column) => column.notNull().unique())
      .addColumn("cycle_id", "text", (column) => column.notNull())
      .addColumn("job_id", "text", (column) => column.notNull())
      .addColumn("activity_time", "timestamptz", (column) => column.notNull())
      .addColumn("duration_ms", "integer", (column) => column.notNull())
      .addColumn("action", "text", (column) => column.notNull())
      .addColumn("status", "text", (column) => column.notNull())
      .addColumn("source_identity_id", "text")
      .addColumn("source_display_name", "text")
      .addColumn("target_identity_id", "text")
      .addColumn("target_display_name", "text")
      .addColumn("error_code", "text")
      .addColumn("error_category", "text")
      .addColumn("reason", "text")
      .addColumn("additional_details", "text")
      .addColumn("recommended_action", "text")
      .addColumn("steps", "jsonb", (column) => column.notNull())
      .addColumn("modified_properties", "jsonb", (column) => column.notNull())
      .execute();
    // Every query pages by (activity_time, id) within one job or one cycle.
    const indexes: ReadonlyArray<readonly [string, readonly string[]]> = [
      ["roster_provisioning_logs_job_time_idx", ["job_id", "activity_time", "id"]],
      ["roster_provisioning_logs_worker_idx", ["job_id", "source_identity_id", "activity_time", "id"]],
      ["roster_provisioning_logs_action_idx", ["job_id", "action", "activity_time", "id"]],
      ["roster_provisioning_logs_status_idx", ["job_id", "status", "activity_time", "id"]],
      ["roster_provisioning_logs_cycle_idx", ["cycle_id", "activity_time", "id"]],
    ];
    for (const [name, columns] of indexes) {
      await db.schema
        .createIndex(name)
        .on("roster_provisioning_logs")
        .columns([...columns])
        .execute();
    }
  },
};
