/** Checks of values handed to the state stores: a clear RosterError naming the object and field, never a crash. */
import { RosterError } from "@roster/engine";
import { sql } from "@roster/store";
import type { RawBuilder } from "kysely";

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** Rows per IN (…) list or multi-row statement (well below the 65,535 bind-parameter limit). */
export const CHUNK_SIZE = 5_000;

export function requireText(value: unknown, object: string, field: string, maxLength = 1024): string {
  if (typeof value !== "string" || value === "") {
    throw new RosterError("InvalidRequest", `${object}: field "${field}" must be a non-empty string.`, {
      object,
      field,
    });
  }
  if (value.length > maxLength) {
    throw new RosterError(
      "InvalidRequest",
      `${object}: field "${field}" is ${value.length} characters long; at most ${maxLength} are allowed.`,
      { object, field },
    );
  }
  return value;
}

export function optionalText(value: unknown, object: string, field: string, maxLength = 1024): string | null {
  return value === null || value === undefined ? null : requireText(value, object, field, maxLength);
}

export function requireDate(value: unknown, object: string, field: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new RosterError("InvalidRequest", `${object}: field "${field}" must be a valid Date.`, { object, field });
  }
  return value;
}

export function requireOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  object: string,
  field: string,
): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new RosterError(
      "InvalidRequest",
      `${object}: field "${field}" must be one of ${allowed.map((item) => `"${item}"`).join(", ")}, got ${JSON.stringify(value) ?? String(value)}.`,
      { object, field },
    );
  }
  return value as T;
}

/** A page size: `fallback` when absent, else an integer from 1 to `max`. */
export function pageLimit(value: unknown, fallback: number, max: number, object: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > max) {
    throw new RosterError(
      "InvalidRequest",
      `${object}: "limit" must be an integer from 1 to ${max}, got ${String(value)}.`,
      { object, field: "limit" },
    );
  }
  return value;
}

/** Numeric ids (bigint identity) are strings outside the store. */
export function parseNumericId(value: unknown, object: string, field: string): number | null {
  if (typeof value !== "string" || !/^[1-9][0-9]{0,15}$/.test(value)) {
    throw new RosterError("InvalidRequest", `${object}: ${field} ${JSON.stringify(value)} is not a valid id.`, {
      object,
      field,
    });
  }
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}

export function* chunks<T>(items: readonly T[], size = CHUNK_SIZE): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/**
 * `column = any($1::text[])`: one bind parameter however many values (long IN lists cost a
 * parameter each, and long row-value lists misbehave on PGlite).
 */
export function isAnyOf(column: string, values: readonly string[]): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} = any(cast(${values} as text[]))`;
}
