/**
 * The coordinator's migration set ("roster_" bookkeeping tables: roster_migration and
 * roster_migration_lock). Names sort in the order they must run; never edit an applied one,
 * add a new one instead.
 */
import { type Kysely, type Migration, runMigrations, sql } from "@roster/store";
import type { AnySchema } from "@roster/store";
import { INBOUND_MIGRATION } from "../scim/inbound-migration.js";
import { JOBS_MIGRATION } from "./jobs-migration.js";
import { LINKS_AND_LOGS_MIGRATION } from "./links-and-logs-migration.js";

export const COORDINATOR_MIGRATION_PREFIX = "roster";

export const COORDINATOR_MIGRATIONS: Readonly<Record<string, Migration>> = {
  "0001_agents": {
    async up(db: Kysely<AnySchema>): Promise<void> {
      await db.schema
        .createTable("roster_domains")
        .addColumn("domain_id", "text", (column) => column.primaryKey())
        .addColumn("name", "text", (column) => column.notNull())
        .addColumn("created_at", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
        .execute();
      await sql`create unique index roster_domains_name_key on roster_domains (lower(name))`.execute(db);

      await db.schema
        .createTable("roster_agents")
        .addColumn("agent_id", "text", (column) => column.primaryKey())
        .addColumn("domain_id", "text", (column) => column.notNull().references("roster_domains.domain_id"))
        .addColumn("hostname", "text", (column) => column.notNull())
        .addColumn("agent_version", "text", (column) => column.notNull())
        .addColumn("credential_hash", "text", (column) => column.notNull())
        .addColumn("registered_at", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
        .addColumn("revoked_at", "timestamptz")
        .addColumn("last_seen_at", "timestamptz")
        .execute();
      await db.schema.createIndex("roster_agents_domain_idx").on("roster_agents").column("domain_id").execute();

      await db.schema
        .createTable("roster_registration_tokens")
        .addColumn("token_id", "text", (column) => column.primaryKey())
        .addColumn("domain_id", "text", (column) => column.notNull().references("roster_domains.domain_id"))
        .addColumn("token_hash", "text", (column) => column.notNull().unique())
        .addColumn("created_at", "timestamptz", (column) => column.notNull().defaultTo(sql`now()`))
        .addColumn("expires_at", "timestamptz", (column) => column.notNull())
        .addColumn("used_at", "timestamptz")
        // No foreign key: the token is consumed before the agent row exists, in the same transaction.
        .addColumn("used_by_agent_id", "text")
        .execute();
    },
  },
  "0002_links_and_logs": LINKS_AND_LOGS_MIGRATION,
  "0003_jobs": JOBS_MIGRATION,
  "0004_inbound": INBOUND_MIGRATION,
  "0005_writeback_worker_type": {
    // Workday's account writeback names the worker by Employee_ID or Contingent_Worker_ID: kept
    // from the import, it saves a Get_Workers lookup per writeback.
    async up(db: Kysely<AnySchema>): Promise<void> {
      await db.schema.alterTable("roster_writebacks").addColumn("worker_type", "text").execute();
    },
  },
};

/** Brings the coordinator's tables up to date; returns the migrations applied by this call. */
export function migrateCoordinatorStore(db: Kysely<AnySchema>): Promise<string[]> {
  return runMigrations(db, COORDINATOR_MIGRATIONS, { tablePrefix: COORDINATOR_MIGRATION_PREFIX });
}
