export { type Database, type DialectName, openDatabase } from "./open-database.js";
export type { DatabaseOptions } from "./database-options.js";
export type { AnySchema } from "./any-schema.js";
export { type QueryLogEntry, type QueryLogSink, stderrQueryLogSink } from "./query-log.js";
export { redactUrl } from "./redact-url.js";
export { StoreError, type StoreErrorCode, sqlStateOf } from "./errors/store-error.js";
export type { Migration } from "kysely/migration";
export { type MigrationSetOptions, appliedMigrations, runMigrations } from "./migrations/run-migrations.js";
export { type BatchInsertOptions, type BatchInsertResult, insertInBatches } from "./batch-insert.js";
export { type KeysetKey, type KeysetOptions, keysetPages, keysetRows } from "./keyset-pages.js";
export { type TransactionOptions, isRetryableTransactionError, withTransaction } from "./with-transaction.js";
export { type JsonbColumn, type NullableJsonbColumn, jsonb } from "./json-column.js";

// The query builder itself, so apps write queries without depending on kysely directly.
export { sql } from "kysely";
export type {
  ColumnType,
  Generated,
  Insertable,
  Kysely,
  Selectable,
  Transaction,
  Updateable,
} from "kysely";
