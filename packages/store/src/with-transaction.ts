import { setTimeout as sleep } from "node:timers/promises";
import type { IsolationLevel, Kysely, Transaction } from "kysely";
import { StoreError, messageOf, sqlStateOf } from "./errors/store-error.js";

/** serialization_failure and deadlock_detected: the transaction did nothing wrong and may simply run again. */
const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set(["40001", "40P01"]);

export interface TransactionOptions {
  /** Default: the server's default (read committed). Serializable transactions are the usual reason to retry. */
  readonly isolationLevel?: IsolationLevel;
  /** Attempts in total, including the first (default 5). */
  readonly maxAttempts?: number;
  /** Delay before the first retry, doubled after each further one, with jitter (default 10 ms, capped at 1 s). */
  readonly retryDelayMs?: number;
  /** Called before each retry (for logs and metrics). */
  readonly onRetry?: (info: { readonly attempt: number; readonly sqlState: string; readonly error: unknown }) => void;
}

export function isRetryableTransactionError(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== undefined && RETRYABLE_SQLSTATES.has(state);
}

/**
 * Runs `work` in a transaction and runs it again, from the start, when PostgreSQL aborts
 * it with a serialization failure (40001) or a deadlock (40P01), up to `maxAttempts`
 * times. `work` must therefore have no side effects outside the database, or only
 * idempotent ones. Other errors roll back and are rethrown unchanged.
 *
 * Called with a transaction, `work` joins it without retrying: only the owner of the
 * outermost transaction can run it again.
 *
 * On PGlite all transactions are serialized on its single connection, so they never
 * conflict; the isolation level is ignored there.
 */
export async function withTransaction<DB, T>(
  db: Kysely<DB> | Transaction<DB>,
  work: (trx: Transaction<DB>, attempt: number) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<DB>, 1);
  const maxAttempts = options.maxAttempts ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new StoreError(
      "InvalidConfiguration",
      `withTransaction option "maxAttempts" must be a positive integer, got ${String(maxAttempts)}.`,
      {
        option: "maxAttempts",
      },
    );
  }
  const baseDelay = options.retryDelayMs ?? 10;
  for (let attempt = 1; ; attempt++) {
    try {
      const builder =
        options.isolationLevel === undefined
          ? db.transaction()
          : db.transaction().setIsolationLevel(options.isolationLevel);
      return await builder.execute((trx) => work(trx, attempt));
    } catch (error) {
      const sqlState = sqlStateOf(error);
      if (sqlState === undefined || !RETRYABLE_SQLSTATES.has(sqlState)) throw error;
      if (attempt >= maxAttempts) {
        throw new StoreError(
          "InternalError",
          `Transaction gave up after ${attempt} attempt(s): ${sqlState === "40P01" ? "deadlock" : "serialization failure"} (SQLSTATE ${sqlState}): ${messageOf(error)}`,
          { attempts: attempt, sqlState },
          { cause: error },
        );
      }
      options.onRetry?.({ attempt, sqlState, error });
      const delay = Math.min(1000, baseDelay * 2 ** (attempt - 1)) * (0.5 + Math.random());
      if (delay > 0) await sleep(delay);
    }
  }
}
