import { type Kysely, sql } from "kysely";
import { type Migration, type MigrationProvider, Migrator } from "kysely/migration";
import { StoreError, messageOf } from "../errors/store-error.js";
import type { AnySchema } from "../any-schema.js";

export interface MigrationSetOptions {
  /**
   * Names the migration set; its bookkeeping tables are `<tablePrefix>_migration` and
   * `<tablePrefix>_migration_lock`. Give each app its own prefix (say "coordinator" and
   * "hrsim") so several sets live in one database without seeing each other's history.
   */
  readonly tablePrefix: string;
  /** Schema of the bookkeeping tables (created when missing); default: the search path. */
  readonly schema?: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,47}$/;
const MAX_MIGRATION_NAME_LENGTH = 255;

/**
 * Applies the migrations of one set that are not applied yet, in name order, in one
 * transaction (all or none), and returns the names applied by this call (empty when
 * the database is up to date). Migrations come from code, not from files, so this works
 * the same from src/ and from dist/.
 */
export async function runMigrations(
  db: Kysely<AnySchema>,
  migrations: Readonly<Record<string, Migration>>,
  options: MigrationSetOptions,
): Promise<string[]> {
  const { tablePrefix, schema } = checkOptions(options);
  checkMigrations(migrations, tablePrefix);
  const provider: MigrationProvider = { getMigrations: async () => ({ ...migrations }) };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: `${tablePrefix}_migration`,
    migrationLockTableName: `${tablePrefix}_migration_lock`,
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error === undefined)
    return results.filter((result) => result.status === "Success").map((result) => result.migrationName);

  const failed = results.find((result) => result.status === "Error");
  if (failed !== undefined) {
    throw new StoreError(
      "InternalError",
      `Migration "${failed.migrationName}" of set "${tablePrefix}" failed: ${messageOf(error)}. ` +
        "No migration of this run was applied (they run in one transaction).",
      { migrationSet: tablePrefix, migration: failed.migrationName },
      { cause: error },
    );
  }
  throw new StoreError(
    "InternalError",
    `Migrations of set "${tablePrefix}" cannot run: ${messageOf(error)}`,
    { migrationSet: tablePrefix },
    {
      cause: error,
    },
  );
}

/** Names of the migrations of a set that are applied, in the order they were applied. */
export async function appliedMigrations(db: Kysely<AnySchema>, options: MigrationSetOptions): Promise<string[]> {
  const { tablePrefix, schema } = checkOptions(options);
  const table = `${tablePrefix}_migration`;
  // to_regclass resolves an unqualified name through search_path, as the migrator does.
  const qualified = schema === undefined ? table : `${schema}.${table}`;
  const found = await sql<{ oid: unknown }>`select to_regclass(${qualified}) as oid`.execute(db);
  if (found.rows[0]?.oid === null || found.rows[0]?.oid === undefined) return [];
  const scoped: Kysely<Record<string, { name: string; timestamp: string }>> =
    schema === undefined ? db : db.withSchema(schema);
  const rows = await scoped.selectFrom(table).select("name").orderBy("timestamp").orderBy("name").execute();
  return rows.map((row) => row.name);
}

function checkOptions(options: MigrationSetOptions): { tablePrefix: string; schema: string | undefined } {
  const tablePrefix = options?.tablePrefix;
  if (typeof tablePrefix !== "string" || !IDENTIFIER.test(tablePrefix)) {
    throw new StoreError(
      "InvalidConfiguration",
      `runMigrations option "tablePrefix" must be a lower-case SQL identifier of at most 48 characters (letters, digits, _), got ${JSON.stringify(tablePrefix)}.`,
      { option: "tablePrefix" },
    );
  }
  const schema = options.schema;
  if (schema !== undefined && (typeof schema !== "string" || !IDENTIFIER.test(schema))) {
    throw new StoreError(
      "InvalidConfiguration",
      `runMigrations option "schema" must be a lower-case SQL identifier, got ${JSON.stringify(schema)}.`,
      { option: "schema" },
    );
  }
  return { tablePrefix, schema };
}

function checkMigrations(migrations: Readonly<Record<string, Migration>>, tablePrefix: string): void {
  if (typeof migrations !== "object" || migrations === null) {
    throw new StoreError(
      "InvalidConfiguration",
      `Migrations of set "${tablePrefix}" must be an object of name → { up, down? }.`,
      {
        migrationSet: tablePrefix,
      },
    );
  }
  for (const [name, migration] of Object.entries(migrations)) {
    if (name.trim() === "" || name.length > MAX_MIGRATION_NAME_LENGTH) {
      throw new StoreError(
        "InvalidConfiguration",
        `Migration name ${JSON.stringify(name.slice(0, 40))} of set "${tablePrefix}" must be 1 to ${MAX_MIGRATION_NAME_LENGTH} characters.`,
        { migrationSet: tablePrefix, migration: name },
      );
    }
    if (typeof migration?.up !== "function") {
      throw new StoreError(
        "InvalidConfiguration",
        `Migration "${name}" of set "${tablePrefix}" has no up() function.`,
        {
          migrationSet: tablePrefix,
          migration: name,
        },
      );
    }
  }
}
