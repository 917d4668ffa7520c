import { type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import { StoreError } from "./errors/store-error.js";

export interface KeysetKey<O> {
  /** Column to order and filter by, as written in SQL ("id", "w.worker_id"). Must be NOT NULL. */
  readonly column: string;
  /** Field of the result row holding the column's value; default: the column name after its last ".". */
  readonly field?: keyof O & string;
  readonly direction?: "asc" | "desc";
}

export interface KeysetOptions<O> {
  /**
   * Ordering keys; together they must be unique (end with the primary key), or rows that
   * tie on a page boundary are skipped.
   */
  readonly keys: readonly [KeysetKey<O>, ...KeysetKey<O>[]];
  /** Rows per page (default 1000). */
  readonly pageSize?: number;
  /** Resume after this cursor (the key values of the last row already seen). */
  readonly after?: readonly unknown[];
}

interface ResolvedKey {
  readonly ref: RawBuilder<unknown>;
  readonly field: string;
  readonly direction: "asc" | "desc";
}

/**
 * Streams a query's rows page by page with keyset ("seek") pagination: every page is
 * `WHERE (keys) > (last row's keys) ORDER BY keys LIMIT n`, so each page costs an index
 * range scan no matter how deep it is, and the whole table is never loaded. The query
 * must not have its own ORDER BY or LIMIT. Rows inserted or changed while paging show up
 * when their keys sort after the current position.
 */
export async function* keysetPages<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  options: KeysetOptions<O>,
): AsyncGenerator<O[], void, undefined> {
  const pageSize = options.pageSize ?? 1000;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new StoreError(
      "InvalidConfiguration",
      `keysetPages option "pageSize" must be a positive integer, got ${String(pageSize)}.`,
      {
        option: "pageSize",
      },
    );
  }
  const node = query.toOperationNode();
  if (node.orderBy !== undefined || node.limit !== undefined || node.offset !== undefined) {
    throw new StoreError(
      "InvalidConfiguration",
      "keysetPages adds ORDER BY and LIMIT itself: pass the query without them.",
      {
        option: "query",
      },
    );
  }
  const keys = resolveKeys(options.keys);
  let cursor: readonly unknown[] | undefined = options.after;
  if (cursor !== undefined && cursor.length !== keys.length) {
    throw new StoreError(
      "InvalidConfiguration",
      `keysetPages option "after" must hold ${keys.length} value(s), one per key, got ${cursor.length}.`,
      {
        option: "after",
      },
    );
  }
  let ordered = query;
  for (const key of keys) ordered = ordered.orderBy(key.ref, key.direction);
  ordered = ordered.limit(pageSize);

  for (;;) {
    const page = cursor === undefined ? ordered : ordered.where(seekCondition(keys, cursor));
    const rows = await page.execute();
    if (rows.length === 0) return;
    const last = rows[rows.length - 1] as Record<string, unknown>;
    cursor = keys.map((key) => cursorValue(last, key));
    yield rows;
    if (rows.length < pageSize) return;
  }
}

/** The rows of {@link keysetPages}, one at a time (still fetched a page at a time). */
export async function* keysetRows<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  options: KeysetOptions<O>,
): AsyncGenerator<O, void, undefined> {
  for await (const page of keysetPages(query, options)) yield* page;
}

function resolveKeys<O>(keys: readonly KeysetKey<O>[]): ResolvedKey[] {
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new StoreError("InvalidConfiguration", 'keysetPages option "keys" must name at least one column.', {
      option: "keys",
    });
  }
  return keys.map((key, index) => {
    if (typeof key?.column !== "string" || key.column.trim() === "") {
      throw new StoreError("InvalidConfiguration", `keysetPages key ${index + 1} needs a "column".`, {
        option: "keys",
      });
    }
    const direction = key.direction ?? "asc";
    if (direction !== "asc" && direction !== "desc") {
      throw new StoreError(
        "InvalidConfiguration",
        `keysetPages key "${key.column}" has direction ${JSON.stringify(direction)}; use "asc" or "desc".`,
        {
          option: "keys",
        },
      );
    }
    const field = key.field ?? key.column.slice(key.column.lastIndexOf(".") + 1);
    return { ref: sql.ref(key.column), field, direction };
  });
}

function cursorValue(row: Record<string, unknown>, key: ResolvedKey): unknown {
  const value = row[key.field];
  if (value === undefined || value === null) {
    throw new StoreError(
      "InvalidConfiguration",
      `keysetPages key field "${key.field}" is ${value === null ? "null" : "missing"} in a result row: select the key column and make it NOT NULL.`,
      { option: "keys", field: key.field },
    );
  }
  return value;
}

/**
 * Rows after the cursor. With one direction for all keys this is a row comparison
 * `(a, b) > ($1, $2)`, which PostgreSQL serves from a composite index; mixed directions
 * expand to `a > $1 OR (a = $1 AND b < $2)`.
 */
function seekCondition(keys: readonly ResolvedKey[], cursor: readonly unknown[]): Expression<SqlBool> {
  const first = keys[0]!;
  if (keys.every((key) => key.direction === first.direction)) {
    const op = sql.raw(first.direction === "asc" ? ">" : "<");
    if (keys.length === 1) return sql<SqlBool>`${first.ref} ${op} ${cursor[0]}`;
    const refs = sql.join(keys.map((key) => key.ref));
    const values = sql.join(cursor.map((value) => sql`${value}`));
    return sql<SqlBool>`(${refs}) ${op} (${values})`;
  }
  const alternatives = keys.map((key, index) => {
    const equalities = keys.slice(0, index).map((previous, i) => sql`${previous.ref} = ${cursor[i]}`);
    const op = sql.raw(key.direction === "asc" ? ">" : "<");
    return sql.join([...equalities, sql`${key.ref} ${op} ${cursor[index]}`], sql` and `);
  });
  return sql<SqlBool>`(${sql.join(
    alternatives.map((alternative) => sql`(${alternative})`),
    sql` or `,
  )})`;
}
