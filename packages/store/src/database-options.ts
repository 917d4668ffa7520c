import { isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { StoreError } from "./errors/store-error.js";
import type { QueryLogSink } from "./query-log.js";
import { redactUrl } from "./redact-url.js";

export interface DatabaseOptions {
  /**
   * postgres:// or postgresql:// URL of a PostgreSQL server (apps pass DATABASE_URL here).
   * When given it wins over dataDir/memory; an empty string counts as not given.
   */
  url?: string | undefined;
  /** Directory of the embedded PGlite database (created when missing). */
  dataDir?: string | undefined;
  /** An embedded PGlite database that lives in memory only (tests, dry runs). */
  memory?: boolean | undefined;
  /** Maximum connections in the PostgreSQL pool (default 10). PGlite has exactly one. */
  poolSize?: number | undefined;
  /** Log every statement (SQL text, parameter count, duration; never parameter values). */
  logQueries?: boolean | QueryLogSink | undefined;
  /** How long to wait for a free PostgreSQL pool connection or a first connect (default 30 s). */
  connectionTimeoutMs?: number | undefined;
}

export type ResolvedDatabaseOptions =
  | {
      readonly dialect: "postgres";
      readonly url: string;
      readonly poolSize: number;
      readonly connectionTimeoutMs: number;
      readonly logQueries: false | QueryLogSink | true;
    }
  | {
      readonly dialect: "pglite";
      /** Absolute directory, or undefined for an in-memory database. */
      readonly dataDir: string | undefined;
      readonly logQueries: false | QueryLogSink | true;
    };

const optionsSchema = z.strictObject({
  url: z.string().optional(),
  dataDir: z.string().trim().min(1, "must not be empty").optional(),
  memory: z.boolean().optional(),
  poolSize: z.int().min(1).max(1000).optional(),
  logQueries: z
    .union([
      z.boolean(),
      z.custom<QueryLogSink>((value) => typeof value === "function", "must be a boolean or a function"),
    ])
    .optional(),
  connectionTimeoutMs: z.int().min(1).max(3_600_000).optional(),
});

const POSTGRES_PROTOCOLS = new Set(["postgres:", "postgresql:"]);

/** Validates openDatabase options; every message names the option and never shows a password. */
export function resolveDatabaseOptions(options: DatabaseOptions): ResolvedDatabaseOptions {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new StoreError(
      "InvalidConfiguration",
      "openDatabase needs an options object ({ url } or { dataDir } or { memory: true }).",
      {
        option: "(options)",
      },
    );
  }
  const parsed = optionsSchema.safeParse(withoutUndefined(options));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const option = issue.path.length > 0 ? issue.path.join(".") : unknownKeyOf(issue);
    const message =
      issue.path[0] === "url"
        ? "must be a string"
        : issue.code === "unrecognized_keys"
          ? "is not a known option"
          : issue.message;
    throw new StoreError("InvalidConfiguration", `openDatabase option "${option}" ${lowerFirst(message)}.`, { option });
  }
  const { url, dataDir, memory, poolSize, logQueries, connectionTimeoutMs } = parsed.data;
  const log = logQueries ?? false;
  const trimmedUrl = url?.trim() ?? "";
  if (trimmedUrl !== "") {
    checkPostgresUrl(trimmedUrl);
    return {
      dialect: "postgres",
      url: trimmedUrl,
      poolSize: poolSize ?? 10,
      connectionTimeoutMs: connectionTimeoutMs ?? 30_000,
      logQueries: log,
    };
  }
  if (dataDir !== undefined && memory === true) {
    throw new StoreError(
      "InvalidConfiguration",
      'openDatabase options "dataDir" and "memory" exclude each other: give a directory for a persistent database or memory: true, not both.',
      { option: "memory" },
    );
  }
  if (dataDir !== undefined) {
    return { dialect: "pglite", dataDir: isAbsolute(dataDir) ? dataDir : resolve(dataDir), logQueries: log };
  }
  if (memory === true) return { dialect: "pglite", dataDir: undefined, logQueries: log };
  throw new StoreError(
    "InvalidConfiguration",
    'openDatabase needs option "url" (a postgres:// URL, e.g. from DATABASE_URL), "dataDir" (embedded database directory) or "memory: true".',
    { option: "url" },
  );
}

function checkPostgresUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StoreError("InvalidConfiguration", `openDatabase option "url" is not a valid URL: "${redactUrl(url)}".`, {
      option: "url",
      url: redactUrl(url),
    });
  }
  if (!POSTGRES_PROTOCOLS.has(parsed.protocol)) {
    throw new StoreError(
      "InvalidConfiguration",
      `openDatabase option "url" must start with postgres:// or postgresql://, got "${redactUrl(url)}".`,
      { option: "url", url: redactUrl(url) },
    );
  }
  if (parsed.port !== "" && Number(parsed.port) === 0) {
    throw new StoreError("InvalidConfiguration", `openDatabase option "url" has port 0: "${redactUrl(url)}".`, {
      option: "url",
      url: redactUrl(url),
    });
  }
}

function withoutUndefined(options: DatabaseOptions): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) if (value !== undefined) result[key] = value;
  return result;
}

function unknownKeyOf(issue: z.core.$ZodIssue): string {
  return issue.code === "unrecognized_keys" ? issue.keys.join(", ") : "(options)";
}

function lowerFirst(text: string): string {
  return text.length === 0 ? text : text[0]!.toLowerCase() + text.slice(1);
}
