import pg from "pg";

/**
 * Both dialects return the same JavaScript values for the same column types, so code
 * and tests behave alike on PGlite and PostgreSQL:
 *   int8 (bigint, count(*))    → number, or bigint beyond ±2^53 (never a silent precision loss)
 *   date                       → "YYYY-MM-DD" string (no time-zone shift)
 *   timestamp (without tz)     → string as PostgreSQL prints it (no local-time guess)
 *   timestamptz                → Date
 *   numeric                    → string (exact)
 *   json / jsonb               → parsed value
 *   bytea                      → Uint8Array (a Buffer on PostgreSQL)
 */
const OID = { int8: 20, int8Array: 1016, date: 1082, dateArray: 1182, timestamp: 1114, timestampArray: 1115 } as const;

export function parseInt8(text: string): number | bigint {
  const value = BigInt(text);
  return value < MIN_SAFE || value > MAX_SAFE ? value : Number(value);
}
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const keepText = (text: string): string => text;

/** PGlite `parsers` option (its defaults already match for the other types). */
export const pgliteParsers: Record<number, (text: string) => unknown> = {
  [OID.int8]: parseInt8,
  [OID.date]: keepText,
  [OID.timestamp]: keepText,
};

/** Per-pool type parsers for node-postgres (the global pg.types registry is left alone). */
export function postgresTypeParsers(): pg.CustomTypesConfig {
  const textArray = pg.types.getTypeParser(1009 as never, "text") as (text: string) => unknown;
  const overrides = new Map<number, (text: string) => unknown>([
    [OID.int8, parseInt8],
    [OID.int8Array, (text) => mapNested(textArray(text), (item) => parseInt8(item as string))],
    [OID.date, keepText],
    [OID.dateArray, textArray],
    [OID.timestamp, keepText],
    [OID.timestampArray, textArray],
  ]);
  const getTypeParser = ((oid: number, format?: "text" | "binary") => {
    if (format !== "binary") {
      const override = overrides.get(oid);
      if (override !== undefined) return override;
    }
    return pg.types.getTypeParser(oid, format as "text");
  }) as pg.CustomTypesConfig["getTypeParser"];
  return { getTypeParser };
}

function mapNested(value: unknown, map: (item: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => mapNested(item, map));
  return value === null ? null : map(value);
}
