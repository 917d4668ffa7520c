import { mkdir } from "node:fs/promises";
import type { PGlite, PGliteOptions } from "@electric-sql/pglite";
import { Kysely, PGliteDialect, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { type DatabaseOptions, type ResolvedDatabaseOptions, resolveDatabaseOptions } from "./database-options.js";
import { StoreError, messageOf, sqlStateOf } from "./errors/store-error.js";
import { type QueryLogSink, kyselyLogger, stderrQueryLogSink } from "./query-log.js";
import { redactUrl, scrubSecrets } from "./redact-url.js";
import { pgliteParsers, postgresTypeParsers } from "./value-types.js";
import type { AnySchema } from "./any-schema.js";

export type DialectName = "pglite" | "postgres";

export interface Database<DB> {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  /** Where the data lives, safe to log: a redacted URL, "pglite:<dir>" or "pglite:memory". */
  readonly target: string;
  /** Ends the pool or closes PGlite. Safe to call more than once. */
  close(): Promise<void>;
}

/** The oldest server Roster supports; its SQL stays within PostgreSQL 15 … 18. */
const MINIMUM_SERVER_VERSION = 150000;

/**
 * Opens the database: a PostgreSQL server when a postgres:// URL is given, otherwise
 * an embedded PGlite (PostgreSQL 18 in WASM) in `dataDir` or in memory. Checks that
 * the database answers before returning.
 */
export async function openDatabase<DB>(options: DatabaseOptions): Promise<Database<DB>> {
  const resolved = resolveDatabaseOptions(options);
  return resolved.dialect === "postgres" ? openPostgres<DB>(resolved) : openPGlite<DB>(resolved);
}

/** Wraps an already created PGlite instance (test fixtures start PGlite from a snapshot). */
export async function databaseFromPGlite<DB>(
  pglite: PGlite,
  options: { target?: string; logQueries?: boolean | QueryLogSink } = {},
): Promise<Database<DB>> {
  const sink = sinkOf(options.logQueries ?? false);
  const dialect = new PGliteDialect({ pglite });
  const db = new Kysely<DB>({ dialect, ...(sink === undefined ? {} : { log: kyselyLogger(sink, (text) => text) }) });
  const target = options.target ?? "pglite";
  try {
    await checkServer(db, target, undefined);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    db,
    dialect: "pglite",
    target,
    close() {
      // kysely's PGlite driver closes the PGlite instance on destroy.
      closing ??= db.destroy();
      return closing;
    },
  };
}

const PGLITE_SHARED_BUFFERS = "16MB";

async function openPGlite<DB>(options: Extract<ResolvedDatabaseOptions, { dialect: "pglite" }>): Promise<Database<DB>> {
  const target = options.dataDir === undefined ? "pglite:memory" : `pglite:${options.dataDir}`;
  let pglite: PGlite;
  try {
    if (options.dataDir !== undefined) await mkdir(options.dataDir, { recursive: true });
    // Loaded on demand: apps on PostgreSQL never pay for the WASM build's module.
    const { PGlite } = await import("@electric-sql/pglite");
    const pgliteOptions: PGliteOptions = {
      parsers: pgliteParsers,
      // The embedded server lives in the app's process and its WebAssembly memory never shrinks:
      // PostgreSQL's default 128 MB buffer pool would be most of a 512 MB budget. The OS page
      // cache still holds the data files.
      startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    };
    if (options.dataDir !== undefined) pgliteOptions.dataDir = options.dataDir;
    pglite = await PGlite.create(pgliteOptions);
  } catch (error) {
    throw new StoreError(
      "InternalError",
      `Cannot open the embedded database ${target}: ${messageOf(error)}`,
      { target },
      { cause: error },
    );
  }
  return databaseFromPGlite<DB>(pglite, { target, logQueries: options.logQueries });
}

async function openPostgres<DB>(
  options: Extract<ResolvedDatabaseOptions, { dialect: "postgres" }>,
): Promise<Database<DB>> {
  const target = redactUrl(options.url);
  const scrub = (text: string): string => scrubSecrets(text, options.url);
  const sink = sinkOf(options.logQueries);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectionTimeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: "roster",
    types: postgresTypeParsers(),
  });
  // An idle client that loses its server emits "error" on the pool; unhandled it would crash the process.
  pool.on("error", (error) => {
    (sink ?? stderrQueryLogSink)({
      level: "error",
      sql: "(idle connection)",
      parameterCount: 0,
      durationMs: 0,
      error: scrub(messageOf(error)),
    });
  });
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    ...(sink === undefined ? {} : { log: kyselyLogger(sink, scrub) }),
  });
  try {
    await checkServer(db, target, scrub);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    db,
    dialect: "postgres",
    target,
    close() {
      closing ??= db.destroy();
      return closing;
    },
  };
}

async function checkServer(
  db: Kysely<AnySchema>,
  target: string,
  scrub: ((text: string) => string) | undefined,
): Promise<void> {
  let version: number;
  try {
    const result = await sql<{ version: string }>`select current_setting('server_version_num') as version`.execute(db);
    version = Number(result.rows[0]?.version);
  } catch (error) {
    // The driver's error is not attached as cause: it may hold connection parameters.
    const message = scrub === undefined ? messageOf(error) : scrub(messageOf(error));
    const sqlState = sqlStateOf(error);
    throw new StoreError(
      "InternalError",
      `Cannot connect to the database ${target}: ${message || "connection failed"}`,
      {
        target,
        ...(sqlState === undefined ? {} : { sqlState }),
      },
    );
  }
  if (!(version >= MINIMUM_SERVER_VERSION)) {
    throw new StoreError(
      "InvalidConfiguration",
      `The database ${target} runs PostgreSQL ${Math.floor(version / 10000)}; Roster needs PostgreSQL 15 or later.`,
      { target, serverVersion: version },
    );
  }
}

function sinkOf(logQueries: boolean | QueryLogSink): QueryLogSink | undefined {
  if (logQueries === false) return undefined;
  return logQueries === true ? stderrQueryLogSink : logQueries;
}
