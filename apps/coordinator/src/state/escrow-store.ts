/**
 * Escrow: workers whose operation failed transiently, with the engine's retry schedule
 * (+6 h, +12 h, +24 h, then daily, for 28 days from the first failure). An entry whose
 * retries are exhausted keeps its row with nextRetryAt null, so it still counts and shows,
 * but is never due again. Failures of a page are recorded with one read and one upsert.
 */
import {
  createEscrowEntry,
  type EscrowEntry,
  type ErrorCode,
  isErrorCode,
  recordEscrowRetryFailure,
  RosterError,
} from "@roster/engine";
import { type Insertable, type Kysely, type Selectable, insertInBatches, sql } from "@roster/store";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import type { EscrowTable } from "../store/jobs-schema.js";
import type { EscrowRecord, EscrowStore } from "./contracts.js";
import { chunks, isAnyOf, pageLimit, requireDate, requireText } from "./store-input.js";

export interface EscrowFailure {
  readonly jobId: string;
  readonly sourceAnchor: string;
  readonly workerId: string;
  readonly errorCode: ErrorCode;
  readonly at: Date;
}

const MAX_DUE_LIMIT = 100_000;

export class SqlEscrowStore implements EscrowStore {
  readonly #db: Kysely<CoordinatorDatabase>;

  constructor(db: Kysely<CoordinatorDatabase>) {
    this.#db = db;
  }

  async recordFailure(entry: EscrowFailure): Promise<EscrowRecord> {
    const [record] = await this.recordFailures([entry]);
    return record!;
  }

  /**
   * Batch form of recordFailure (one read and one upsert per chunk): returns the records in
   * input order. A worker listed twice counts as a first failure followed by a retry failure.
   */
  async recordFailures(entries: readonly EscrowFailure[]): Promise<EscrowRecord[]> {
    entries.forEach(checkFailure);
    const results: EscrowRecord[] = [];
    for (const chunk of chunks(entries)) results.push(...(await this.#recordChunk(chunk)));
    return results;
  }

  async #recordChunk(entries: readonly EscrowFailure[]): Promise<EscrowRecord[]> {
    const byJob = new Map<string, string[]>();
    for (const entry of entries) {
      const anchors = byJob.get(entry.jobId) ?? [];
      anchors.push(entry.sourceAnchor);
      byJob.set(entry.jobId, anchors);
    }
    const current = new Map<string, EscrowRecord>();
    for (const [jobId, anchors] of byJob) {
      const rows = await this.#db
        .selectFrom("roster_escrow")
        .selectAll()
        .where("job_id", "=", jobId)
        .where(isAnyOf("source_anchor", [...new Set(anchors)]))
        .execute();
      for (const row of rows) current.set(key(row.job_id, row.source_anchor), escrowFromRow(row));
    }
    const touched = new Set<string>();
    const results = entries.map((entry) => {
      const id = key(entry.jobId, entry.sourceAnchor);
      const next = nextRecord(current.get(id), entry);
      current.set(id, next);
      touched.add(id);
      return next;
    });
    const rows: Insertable<EscrowTable>[] = [];
    for (const id of touched) {
      const record = current.get(id)!;
      rows.push({
        job_id: record.jobId,
        source_anchor: record.sourceAnchor,
        worker_id: record.workerId,
        first_failure_at: record.firstFailureAt,
        retries: record.retries,
        next_retry_at: record.nextRetryAt,
        error_code: record.errorCode,
      });
    }
    await insertInBatches(this.#db, "roster_escrow", rows, {
      batchSize: rows.length || 1,
      modify: (query) =>
        query.onConflict((conflict) =>
          conflict.columns(["job_id", "source_anchor"]).doUpdateSet({
            worker_id: sql.ref("excluded.worker_id"),
            first_failure_at: sql.ref("excluded.first_failure_at"),
            retries: sql.ref("excluded.retries"),
            next_retry_at: sql.ref("excluded.next_retry_at"),
            error_code: sql.ref("excluded.error_code"),
          }),
        ),
    });
    return results;
  }

  async clear(jobId: string, sourceAnchors: readonly string[]): Promise<void> {
    for (const chunk of chunks([...new Set(sourceAnchors)])) {
      await this.#db
        .deleteFrom("roster_escrow")
        .where("job_id", "=", jobId)
        .where(isAnyOf("source_anchor", chunk))
        .execute();
    }
  }

  async due(jobId: string, now: Date, limit: number): Promise<EscrowRecord[]> {
    const what = `Escrow of job "${jobId}"`;
    requireDate(now, what, "now");
    const rows = await this.#db
      .selectFrom("roster_escrow")
      .selectAll()
      .where("job_id", "=", jobId)
      .where("next_retry_at", "is not", null)
      .where("next_retry_at", "<=", now)
      .orderBy("next_retry_at")
      .orderBy("source_anchor")
      .limit(pageLimit(limit, 1_000, MAX_DUE_LIMIT, what))
      .execute();
    return rows.map(escrowFromRow);
  }

  async count(jobId: string): Promise<number> {
    const row = await this.#db
      .selectFrom("roster_escrow")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("job_id", "=", jobId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async clearJob(jobId: string): Promise<void> {
    await this.#db.deleteFrom("roster_escrow").where("job_id", "=", jobId).execute();
  }
}

/** The entry after one more failure, following the engine's schedule. */
function nextRecord(previous: EscrowRecord | undefined, failure: EscrowFailure): EscrowRecord {
  const at = failure.at.getTime();
  const base = { jobId: failure.jobId, sourceAnchor: failure.sourceAnchor, workerId: failure.workerId };
  if (previous === undefined) {
    const entry = createEscrowEntry(failure.sourceAnchor, at, failure.errorCode);
    return {
      ...base,
      firstFailureAt: failure.at,
      retries: 0,
      nextRetryAt: new Date(entry.nextRetryAt),
      errorCode: failure.errorCode,
    };
  }
  const retries = previous.retries + 1;
  if (previous.nextRetryAt === null) return { ...previous, ...base, retries, errorCode: failure.errorCode };
  const entry: EscrowEntry = {
    objectId: failure.sourceAnchor,
    firstFailureAt: previous.firstFailureAt.getTime(),
    retries: previous.retries,
    nextRetryAt: previous.nextRetryAt.getTime(),
    lastErrorCode: previous.errorCode,
  };
  const outcome = recordEscrowRetryFailure(entry, Math.max(at, entry.firstFailureAt), failure.errorCode);
  return {
    ...base,
    firstFailureAt: previous.firstFailureAt,
    retries,
    nextRetryAt: outcome.outcome === "scheduled" ? new Date(outcome.entry.nextRetryAt) : null,
    errorCode: failure.errorCode,
  };
}

function escrowFromRow(row: Selectable<EscrowTable>): EscrowRecord {
  return {
    jobId: row.job_id,
    sourceAnchor: row.source_anchor,
    workerId: row.worker_id,
    firstFailureAt: row.first_failure_at,
    retries: row.retries,
    nextRetryAt: row.next_retry_at,
    errorCode: isErrorCode(row.error_code) ? row.error_code : "InternalError",
  };
}

function checkFailure(entry: EscrowFailure, index: number): void {
  const what = `Escrow failure ${index + 1}`;
  if (typeof entry !== "object" || entry === null) {
    throw new RosterError("InvalidRequest", `${what} is not an object.`, { object: "escrow", index });
  }
  requireText(entry.jobId, what, "jobId");
  requireText(entry.sourceAnchor, `${what} (job "${entry.jobId}")`, "sourceAnchor");
  requireText(entry.workerId, `${what} (source anchor "${entry.sourceAnchor}")`, "workerId");
  requireDate(entry.at, `${what} (source anchor "${entry.sourceAnchor}")`, "at");
  if (typeof entry.errorCode !== "string" || !isErrorCode(entry.errorCode)) {
    throw new RosterError(
      "InvalidRequest",
      `${what} (source anchor "${entry.sourceAnchor}"): "${String(entry.errorCode)}" is not a registered error code.`,
      { object: "escrow", field: "errorCode" },
    );
  }
}

function key(jobId: string, sourceAnchor: string): string {
  return `${jobId}\u0000${sourceAnchor}`;
}
