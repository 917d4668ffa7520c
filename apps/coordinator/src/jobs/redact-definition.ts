/**
 * Secrets in job definitions: replaced by "[Redact]" on export and in the audit log, and put
 * back from the stored definition when an exported (redacted) definition is imported again.
 * Only the objects along a secret's path are copied; the rest is shared with the input.
 */
import { REDACTED } from "@roster/engine";
import { JOB_SECRET_PATHS } from "./job-definition.js";

type JsonObject = Record<string, unknown>;

/** Key names treated as secrets anywhere in free-form audit details. */
const SECRET_KEYS: ReadonlySet<string> = new Set([
  "password",
  "token",
  "secret",
  "credential",
  "clientsecret",
  "apikey",
  "accesstoken",
  "refreshtoken",
]);

/** "source.connection.password" */
export function formatSecretPath(path: readonly string[]): string {
  return path.join(".");
}

/** The definition with every secret that is present replaced by "[Redact]". */
export function redactJobDefinition<T>(definition: T): T {
  let result: unknown = definition;
  for (const path of JOB_SECRET_PATHS) {
    const value = valueAt(result, path);
    if (value !== undefined && value !== null) result = withValueAt(result, path, REDACTED);
  }
  return result as T;
}

/** The secret paths whose value is the "[Redact]" placeholder. */
export function redactedSecretPaths(definition: unknown): (readonly string[])[] {
  return JOB_SECRET_PATHS.filter((path) => valueAt(definition, path) === REDACTED);
}

export interface RestoredSecrets<T> {
  readonly definition: T;
  /** Placeholders with no stored secret at the same path (the stored definition has none there). */
  readonly missing: readonly string[];
}

/** Replaces each "[Redact]" placeholder by the stored definition's secret at the same path. */
export function restoreRedactedSecrets<T>(definition: T, stored: unknown): RestoredSecrets<T> {
  let result: unknown = definition;
  const missing: string[] = [];
  for (const path of redactedSecretPaths(definition)) {
    const secret = valueAt(stored, path);
    if (typeof secret === "string" && secret !== REDACTED) result = withValueAt(result, path, secret);
    else missing.push(formatSecretPath(path));
  }
  return { definition: result as T, missing };
}

/**
 * Free-form details (audit entries written by other parts of the coordinator): values under
 * secret-looking keys become "[Redact]", at any depth.
 */
export function redactDetails(details: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return redactDeep(details, 0) as Record<string, unknown>;
}

function redactDeep(value: unknown, depth: number): unknown {
  if (typeof value !== "object" || value === null || depth > 32) return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] =
      SECRET_KEYS.has(key.toLowerCase()) && item !== null && item !== undefined
        ? REDACTED
        : redactDeep(item, depth + 1);
  }
  return out;
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let current = root;
  for (const key of path) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as JsonObject)[key];
  }
  return current;
}

/** A copy of `root` with `path` set to `value`; only the objects along the path are copied. */
function withValueAt(root: unknown, path: readonly string[], value: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  const object = root as JsonObject;
  return { ...object, [key]: withValueAt(object[key], rest, value) };
}
