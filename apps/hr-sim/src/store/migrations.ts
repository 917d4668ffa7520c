/** The simulator's migration set, run with @roster/store's runner under the prefix "hrsim". */
import { type AnySchema, type Kysely, type Migration, sql } from "@roster/store";

export const HRSIM_MIGRATION_PREFIX = "hrsim";

/**
 * Secondary indexes, as SQL. Seeding an empty store drops them and builds them again after the
 * load, which is several times cheaper than maintaining them row by row.
 */
export const HRSIM_SECONDARY_INDEXES: readonly (readonly [name: string, definition: string])[] = [
  ["hrsim_worker_worker_id", "on hrsim_worker (worker_id)"],
  ["hrsim_worker_user_id", "on hrsim_worker (user_id)"],
  ["hrsim_worker_last_modified", "on hrsim_worker (last_modified, seq)"],
  ["hrsim_transaction_worker", "on hrsim_transaction (worker_seq, type)"],
  ["hrsim_transaction_entry", "on hrsim_transaction (entry_moment)"],
  ["hrsim_transaction_effective", "on hrsim_transaction (effective_moment)"],
];

export const HRSIM_MIGRATIONS: Readonly<Record<string, Migration>> = {
  "0001_workers_and_transactions": {
    async up(db: Kysely<AnySchema>) {
      await db.schema
        .createTable("hrsim_worker")
        .addColumn("seq", "integer", (column) => column.primaryKey())
        .addColumn("wid", "text", (column) => column.notNull().unique())
        .addColumn("worker_id", "text", (column) => column.notNull())
        .addColumn("worker_type", "text", (column) => column.notNull())
        .addColumn("user_id", "text", (column) => column.notNull())
        .addColumn("person_uuid", "text", (column) => column.notNull())
        .addColumn("active", "boolean", (column) => column.notNull())
        .addColumn("versions", "json", (column) => column.notNull())
        .addColumn("last_modified", "timestamptz", (column) => column.notNull())
        .execute();
      await db.schema
        .createTable("hrsim_transaction")
        .addColumn("id", "text", (column) => column.primaryKey())
        .addColumn("worker_seq", "integer", (column) => column.notNull())
        .addColumn("type", "text", (column) => column.notNull())
        .addColumn("description", "text", (column) => column.notNull())
        .addColumn("effective_moment", "timestamptz", (column) => column.notNull())
        .addColumn("entry_moment", "timestamptz", (column) => column.notNull())
        .execute();
      for (const [name, definition] of HRSIM_SECONDARY_INDEXES) {
        await sql.raw(`create index ${name} ${definition}`).execute(db);
      }
    },
  },
};
