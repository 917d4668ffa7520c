import type { Insertable, InsertQueryBuilder, InsertResult, Kysely } from "kysely";
import { StoreError } from "./errors/store-error.js";

/** PostgreSQL's wire protocol limit on bind parameters in one statement. */
const MAX_PARAMETERS = 65_535;

export interface BatchInsertOptions<DB, TB extends keyof DB> {
  /** Rows per INSERT statement (default 1000); lowered when rows × columns would pass 65,535 parameters. */
  readonly batchSize?: number;
  /** Adjusts each statement, e.g. `(qb) => qb.onConflict((oc) => oc.column("id").doNothing())`. */
  readonly modify?: (query: InsertQueryBuilder<DB, TB, InsertResult>) => InsertQueryBuilder<DB, TB, InsertResult>;
}

export interface BatchInsertResult {
  /** Rows the statements reported as inserted (rows skipped by ON CONFLICT DO NOTHING are not counted). */
  readonly inserted: number;
  readonly statements: number;
}

/**
 * Inserts rows with multi-row INSERT statements, one chunk at a time, so a large or
 * streamed input (an async generator) is never held in memory whole. Pass a transaction
 * as `db` to make the whole load atomic; otherwise each statement commits on its own.
 */
export async function insertInBatches<DB, TB extends keyof DB & string>(
  db: Kysely<DB>,
  table: TB,
  rows: Iterable<Insertable<DB[TB]>> | AsyncIterable<Insertable<DB[TB]>>,
  options: BatchInsertOptions<DB, TB> = {},
): Promise<BatchInsertResult> {
  const batchSize = options.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new StoreError(
      "InvalidConfiguration",
      `insertInBatches option "batchSize" must be a positive integer, got ${String(batchSize)}.`,
      {
        option: "batchSize",
        table,
      },
    );
  }
  let inserted = 0;
  let statements = 0;
  let seen = 0;
  let chunk: Insertable<DB[TB]>[] = [];
  const columns = new Set<string>();

  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    let query = db.insertInto(table).values(chunk as never) as unknown as InsertQueryBuilder<DB, TB, InsertResult>;
    if (options.modify !== undefined) query = options.modify(query);
    const result = await query.executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
    statements++;
    chunk = [];
    columns.clear();
  };

  for await (const row of rows) {
    if (typeof row !== "object" || row === null) {
      throw new StoreError(
        "InvalidConfiguration",
        `insertInBatches into "${table}": row ${seen + 1} is not an object.`,
        {
          table,
        },
      );
    }
    // kysely fills columns missing from a row with DEFAULT, so every column named by any
    // row of the chunk costs one bind parameter per row.
    let newColumns = 0;
    for (const key in row) if (!columns.has(key)) newColumns++;
    if (chunk.length > 0 && (chunk.length + 1) * (columns.size + newColumns) > MAX_PARAMETERS) await flush();
    for (const key in row) columns.add(key);
    chunk.push(row);
    seen++;
    if (chunk.length >= batchSize) await flush();
  }
  await flush();
  return { inserted, statements };
}
