/**
 * The writeback outbox: directory values (mail, username, phones) waiting to be written to
 * the HR source. Durable before enqueue resolves. A worker has at most one pending item: a
 * newer enqueue merges into it (newer value wins per field), so a burst of changes costs one
 * HR call. An item handed out by due() and merged into before the sender reports back stays
 * pending, so the newer values are sent too.
 */
import { RosterError } from "@roster/engine";
import { type Kysely, type Selectable, insertInBatches, jsonb, sql } from "@roster/store";
import type { SqlBool } from "kysely";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import type { WritebacksTable } from "../store/jobs-schema.js";
import type { NewWritebackItem, WritebackItem, WritebackOutbox, WritebackState } from "./contracts.js";
import { type Clock, pageLimit, parseNumericId, requireDate, requireText, systemClock } from "./store-input.js";

export type NewWriteback = NewWritebackItem;

const MAX_DUE_LIMIT = 10_000;
const MAX_ERROR_LENGTH = 4_000;
const MAX_VALUE_LENGTH = 4_096;

export class SqlWritebackOutbox implements WritebackOutbox {
  readonly #db: Kysely<CoordinatorDatabase>;
  readonly #now: Clock;
  /** Revision of each item as due() handed it out, until it is marked done or failed. */
  readonly #handedOut = new Map<number, number>();

  constructor(db: Kysely<CoordinatorDatabase>, options: { readonly now?: Clock } = {}) {
    this.#db = db;
    this.#now = options.now ?? systemClock;
  }

  async enqueue(items: readonly NewWriteback[]): Promise<void> {
    // PostgreSQL rejects one upsert touching a row twice: merge repeats of a worker first.
    const merged = new Map<string, NewWriteback>();
    items.forEach((item, index) => {
      checkItem(item, index);
      const id = `${item.jobId}\u0000${item.sourceAnchor}`;
      const previous = merged.get(id);
      merged.set(id, previous === undefined ? item : { ...item, values: { ...previous.values, ...item.values } });
    });
    if (merged.size === 0) return;
    const now = this.#now();
    const rows = [...merged.values()].map((item) => ({
      job_id: item.jobId,
      source_anchor: item.sourceAnchor,
      worker_id: item.workerId,
      worker_type: item.workerType ?? null,
      field_values: jsonb({ ...item.values }),
      state: "pending",
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
      created_at: now,
      revision: 0,
    }));
    await insertInBatches(this.#db, "roster_writebacks", rows, {
      modify: (query) =>
        query.onConflict((conflict) =>
          conflict
            .columns(["job_id", "source_anchor"])
            .where(sql<SqlBool>`state = 'pending'`)
            .doUpdateSet({
              worker_id: sql.ref("excluded.worker_id"),
              worker_type: sql<string | null>`coalesce(excluded.worker_type, roster_writebacks.worker_type)`,
              field_values: sql<Record<string, string>>`roster_writebacks.field_values || excluded.field_values`,
              revision: sql<number>`roster_writebacks.revision + 1`,
            }),
        ),
    });
  }

  async due(now: Date, limit: number, jobId?: string, excludeJobIds?: readonly string[]): Promise<WritebackItem[]> {
    requireDate(now, "Writeback outbox", "now");
    let query = this.#db
      .selectFrom("roster_writebacks")
      .selectAll()
      .where("state", "=", "pending")
      .where("next_attempt_at", "<=", now);
    if (jobId !== undefined) query = query.where("job_id", "=", jobId);
    if (excludeJobIds !== undefined && excludeJobIds.length > 0) query = query.where("job_id", "not in", excludeJobIds);
    const rows = await query
      .orderBy("next_attempt_at")
      .orderBy("id")
      .limit(pageLimit(limit, 100, MAX_DUE_LIMIT, "Writeback outbox"))
      .execute();
    for (const row of rows) this.#handedOut.set(row.id, row.revision);
    return rows.map(writebackFromRow);
  }

  async markDone(id: string): Promise<void> {
    const numeric = this.#id(id);
    const revision = this.#handedOut.get(numeric);
    this.#handedOut.delete(numeric);
    let query = this.#db.updateTable("roster_writebacks").set({ state: "done" }).where("id", "=", numeric);
    if (revision !== undefined) query = query.where("revision", "=", revision);
    const result = await query.executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) await this.#requireExists(numeric, id);
  }

  /** markDone for many items in one statement (an item changed since it was handed out stays pending). */
  async markDoneMany(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const numericIds: number[] = [];
    const revisions: number[] = [];
    for (const id of ids) {
      const numeric = this.#id(id);
      const revision = this.#handedOut.get(numeric);
      this.#handedOut.delete(numeric);
      numericIds.push(numeric);
      revisions.push(revision ?? -1);
    }
    await sql`
      update roster_writebacks as w set state = 'done'
      from (select unnest(${numericIds}::bigint[]) as id, unnest(${revisions}::integer[]) as revision) as done
      where w.id = done.id and (done.revision = -1 or w.revision = done.revision)`.execute(this.#db);
  }

  async markFailed(id: string, error: string, nextAttemptAt: Date | null): Promise<void> {
    const numeric = this.#id(id);
    const what = `Writeback item "${id}"`;
    if (typeof error !== "string") {
      throw new RosterError("InvalidRequest", `${what}: field "error" must be a string.`, {
        object: "writeback",
        field: "error",
      });
    }
    if (nextAttemptAt !== null) requireDate(nextAttemptAt, what, "nextAttemptAt");
    const revision = this.#handedOut.get(numeric);
    this.#handedOut.delete(numeric);
    const lastError = error.slice(0, MAX_ERROR_LENGTH);
    const result = await this.#db
      .updateTable("roster_writebacks")
      .set((eb) => {
        // Merged into since it was handed out: newer values are waiting, so it stays pending.
        const merged = revision === undefined ? sql<boolean>`false` : eb("revision", "<>", revision);
        return {
          attempts: eb("attempts", "+", 1),
          last_error: lastError,
          state:
            nextAttemptAt === null ? eb.case().when(merged).then("pending").else("failed").end() : sql.lit("pending"),
          next_attempt_at: nextAttemptAt ?? this.#now(),
        };
      })
      .where("id", "=", numeric)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) await this.#requireExists(numeric, id);
  }

  async counts(jobId: string): Promise<Record<WritebackState, number>> {
    const rows = await this.#db
      .selectFrom("roster_writebacks")
      .select(["state", (eb) => eb.fn.countAll<number>().as("count")])
      .where("job_id", "=", jobId)
      .groupBy("state")
      .execute();
    const counts: Record<WritebackState, number> = { pending: 0, done: 0, failed: 0 };
    for (const row of rows) counts[row.state as WritebackState] = Number(row.count);
    return counts;
  }

  async clearJob(jobId: string): Promise<void> {
    await this.#db.deleteFrom("roster_writebacks").where("job_id", "=", jobId).execute();
  }

  #id(id: string): number {
    const numeric = parseNumericId(id, "Writeback outbox", "item id");
    if (numeric === null) throw notFound(id);
    return numeric;
  }

  async #requireExists(numeric: number, id: string): Promise<void> {
    const row = await this.#db
      .selectFrom("roster_writebacks")
      .select("id")
      .where("id", "=", numeric)
      .executeTakeFirst();
    if (row === undefined) throw notFound(id);
  }
}

function notFound(id: string): RosterError {
  return new RosterError("NotFound", `Writeback item "${id}" does not exist.`, { object: "writeback", id });
}

function writebackFromRow(row: Selectable<WritebacksTable>): WritebackItem {
  return {
    id: String(row.id),
    jobId: row.job_id,
    sourceAnchor: row.source_anchor,
    workerId: row.worker_id,
    workerType: row.worker_type,
    values: row.field_values,
    state: row.state as WritebackState,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
  };
}

function checkItem(item: NewWriteback, index: number): void {
  const what = `Writeback item ${index + 1}`;
  if (typeof item !== "object" || item === null) {
    throw new RosterError("InvalidRequest", `${what} is not an object.`, { object: "writeback", index });
  }
  const jobId = requireText(item.jobId, what, "jobId");
  const sourceAnchor = requireText(item.sourceAnchor, `${what} (job "${jobId}")`, "sourceAnchor");
  const where = `${what} (job "${jobId}", source anchor "${sourceAnchor}")`;
  requireText(item.workerId, where, "workerId");
  if (item.workerType !== undefined && item.workerType !== null) requireText(item.workerType, where, "workerType");
  const values = item.values;
  if (typeof values !== "object" || values === null || Array.isArray(values)) {
    throw new RosterError("InvalidRequest", `${where}: field "values" must be an object of HR field → string.`, {
      object: "writeback",
      field: "values",
    });
  }
  for (const [field, value] of Object.entries(values)) {
    if (typeof value !== "string" || value.length > MAX_VALUE_LENGTH) {
      throw new RosterError(
        "InvalidRequest",
        `${where}: value of HR field "${field}" must be a string of at most ${MAX_VALUE_LENGTH} characters.`,
        { object: "writeback", field: `values.${field}` },
      );
    }
  }
}
