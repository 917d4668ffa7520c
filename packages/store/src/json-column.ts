import { type ColumnType, type RawBuilder, sql } from "kysely";
import { StoreError } from "./errors/store-error.js";

/**
 * A jsonb column: reads give the parsed value, writes take {@link jsonb}(value). Both
 * drivers parse jsonb on read, but on write node-postgres turns a JS array into a
 * PostgreSQL array literal, so values go through an explicit cast instead.
 */
export type JsonbColumn<T> = ColumnType<T, RawBuilder<T>, RawBuilder<T>>;
/** A nullable jsonb column (SQL NULL is written as plain `null`). */
export type NullableJsonbColumn<T> = ColumnType<T | null, RawBuilder<T> | null, RawBuilder<T> | null>;

/** A value to store in a jsonb column. bigints are written as strings (JSON has no 64-bit integers). */
export function jsonb<T>(value: T): RawBuilder<T> {
  const text: string | undefined = JSON.stringify(value, bigintAsString);
  if (text === undefined) {
    throw new StoreError(
      "InvalidConfiguration",
      `jsonb() got ${typeof value}, which has no JSON form; pass null for JSON null.`,
      {},
    );
  }
  return sql<T>`cast(${text} as jsonb)`;
}

function bigintAsString(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}
