/**
 * The durable side of API-driven inbound: stores accepted bulk requests (one transaction per
 * request), streams the latest record of each worker in receipt order, and records what the
 * cycle did with each operation, applying the request's failOnErrors budget.
 */
import { RosterError } from "@roster/engine";
import { type Kysely, type Selectable, jsonb, keysetPages, sql, withTransaction } from "@roster/store";
import type { BulkOperationStatus, BulkProvisioningAction } from "./bulk-upload-status.js";
import type { FlatScimAttributes } from "./flatten-scim-user.js";
import type { BulkRequestsTable, InboundDatabase, InboundRecordsTable } from "./inbound-schema.js";

export interface NewInboundOperation {
  readonly index: number;
  readonly bulkId: string;
  readonly externalId: string | null;
  readonly displayName: string | null;
  readonly attributes: FlatScimAttributes;
  /** "queued", or already finished when accepting found the operation unusable. */
  readonly status: BulkOperationStatus;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly skipReason?: string;
}

export interface NewBulkRequest {
  readonly requestId: string;
  readonly jobId: string;
  readonly receivedAt: Date;
  readonly actor: string;
  readonly failOnErrors: number | null;
  readonly failures: number;
  readonly stopped: boolean;
  readonly operations: readonly NewInboundOperation[];
}

/** The newest record of one worker, as a source hands it to the engine. */
export interface InboundRecord {
  readonly sequence: number;
  readonly externalId: string;
  readonly displayName: string | null;
  readonly attributes: FlatScimAttributes;
  readonly receivedAt: Date;
}

export type StoredBulkRequest = Selectable<BulkRequestsTable>;
export type StoredInboundOperation = Selectable<InboundRecordsTable>;

/** What the cycle did with one worker; applies to its queued operations up to `throughSequence`. */
export interface InboundOutcome {
  readonly externalId: string;
  /** The record that was imported; queued operations received up to it are finished by this outcome. */
  readonly throughSequence: number | null;
  /** When throughSequence is unknown: operations received before this moment. */
  readonly receivedBefore: Date | null;
  readonly status: Exclude<BulkOperationStatus, "queued">;
  readonly action: BulkProvisioningAction | null;
  readonly errorCode: string | null;
  readonly message: string | null;
}

export interface LatestRecordQuery {
  /** Only records received at or after this moment (incremental import). */
  readonly from?: Date;
  /** Only records received before this moment. */
  readonly through: Date;
  readonly pageSize?: number;
}

const DEFAULT_PAGE_SIZE = 500;
/** 8 parameters per outcome: stays far below PostgreSQL's 65,535 per statement. */
const OUTCOMES_PER_STATEMENT = 2000;
const FAIL_ON_ERRORS_REACHED = "failOnErrorsReached";

export class InboundRecordStore {
  readonly #db: Kysely<InboundDatabase>;

  constructor(db: Kysely<InboundDatabase>) {
    this.#db = db;
  }

  /** Stores the request and all its operations atomically. */
  async saveBulkRequest(request: NewBulkRequest): Promise<void> {
    await withTransaction(this.#db, async (trx) => {
      await trx
        .insertInto("roster_bulk_requests")
        .values({
          request_id: request.requestId,
          job_id: request.jobId,
          received_at: request.receivedAt,
          actor: request.actor,
          operation_count: request.operations.length,
          fail_on_errors: request.failOnErrors,
          failures: request.failures,
          stopped: request.stopped,
        })
        .execute();
      if (request.operations.length === 0) return;
      await trx
        .insertInto("roster_inbound_records")
        .values(
          request.operations.map((operation) => ({
            request_id: request.requestId,
            operation_index: operation.index,
            job_id: request.jobId,
            bulk_id: operation.bulkId,
            external_id: operation.externalId,
            display_name: operation.displayName,
            attributes: jsonb(operation.attributes),
            received_at: request.receivedAt,
            status: operation.status,
            provisioning_action: null,
            error_code: operation.errorCode ?? null,
            error_message: operation.errorMessage ?? null,
            skip_reason: operation.skipReason ?? null,
            finished_at: operation.status === "queued" ? null : request.receivedAt,
          })),
        )
        .execute();
    });
  }

  /** The request and its operations in request order; null when the job has no such request. */
  async bulkRequest(
    jobId: string,
    requestId: string,
  ): Promise<{ readonly request: StoredBulkRequest; readonly operations: StoredInboundOperation[] } | null> {
    const request = await this.#db
      .selectFrom("roster_bulk_requests")
      .selectAll()
      .where("request_id", "=", requestId)
      .where("job_id", "=", jobId)
      .executeTakeFirst();
    if (request === undefined) return null;
    const operations = await this.#db
      .selectFrom("roster_inbound_records")
      .selectAll()
      .where("request_id", "=", requestId)
      .orderBy("operation_index")
      .execute();
    return { request, operations };
  }

  /**
   * The newest record of every worker received in [from, through), in receipt order of
   * those newest records, page by page. Operations skipped by failOnErrors are never imported.
   */
  async *latestRecordPages(jobId: string, query: LatestRecordQuery): AsyncGenerator<InboundRecord[], void, undefined> {
    const { from, through } = query;
    let select = this.#db
      .selectFrom("roster_inbound_records as r")
      .select(["r.sequence", "r.external_id", "r.display_name", "r.attributes", "r.received_at"])
      .where("r.job_id", "=", jobId)
      .where("r.external_id", "is not", null)
      .where("r.skip_reason", "is", null)
      .where("r.received_at", "<", through);
    if (from !== undefined) select = select.where("r.received_at", ">=", from);
    select = select.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("roster_inbound_records as later")
            .select(sql`1`.as("one"))
            .whereRef("later.job_id", "=", "r.job_id")
            .whereRef("later.external_id", "=", "r.external_id")
            .where("later.skip_reason", "is", null)
            .where("later.received_at", "<", through)
            .where(sql<boolean>`(later.received_at, later.sequence) > (r.received_at, r.sequence)`),
        ),
      ),
    );
    const pages = keysetPages(select, {
      keys: [
        { column: "r.received_at", field: "received_at" },
        { column: "r.sequence", field: "sequence" },
      ],
      pageSize: query.pageSize ?? DEFAULT_PAGE_SIZE,
    });
    for await (const page of pages) yield page.map(recordFromRow);
  }

  /** The newest importable record of one worker, or null. */
  async latestRecord(jobId: string, externalId: string): Promise<InboundRecord | null> {
    const row = await this.#db
      .selectFrom("roster_inbound_records")
      .select(["sequence", "external_id", "display_name", "attributes", "received_at"])
      .where("job_id", "=", jobId)
      .where("external_id", "=", externalId)
      .where("skip_reason", "is", null)
      .orderBy("received_at", "desc")
      .orderBy("sequence", "desc")
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? null : recordFromRow(row);
  }

  /**
   * Finishes the queued operations the outcomes cover, then applies failOnErrors to the
   * requests touched: once a request has that many failures, its still-queued operations are
   * skipped. Returns how many operations were finished by the outcomes themselves.
   */
  async recordOutcomes(jobId: string, outcomes: readonly InboundOutcome[], finishedAt: Date): Promise<number> {
    if (outcomes.length === 0) return 0;
    // One outcome per worker (the last reported wins): an UPDATE … FROM must not match a row twice.
    const byWorker = new Map<string, InboundOutcome>();
    for (const outcome of outcomes) byWorker.set(outcome.externalId, outcome);
    const unique = [...byWorker.values()];

    return withTransaction(this.#db, async (trx) => {
      let finished = 0;
      const touched = new Set<string>();
      for (let start = 0; start < unique.length; start += OUTCOMES_PER_STATEMENT) {
        const chunk = unique.slice(start, start + OUTCOMES_PER_STATEMENT);
        const values = sql.join(
          chunk.map(
            (o) =>
              sql`(${o.externalId}::text, ${o.throughSequence}::bigint, ${o.receivedBefore}::timestamptz, ${o.status}::text, ${o.action}::text, ${o.errorCode}::text, ${o.message}::text)`,
          ),
        );
        const result = await sql<{ request_id: string }>`
          update roster_inbound_records as r
          set status = o.status, provisioning_action = o.action, error_code = o.error_code,
              error_message = o.message, finished_at = ${finishedAt}
          from (values ${values}) as o(external_id, through_sequence, received_before, status, action, error_code, message)
          where r.job_id = ${jobId} and r.external_id = o.external_id and r.status = 'queued'
            and (o.through_sequence is null or r.sequence <= o.through_sequence)
            and (o.received_before is null or r.received_at < o.received_before)
          returning r.request_id`.execute(trx);
        finished += result.rows.length;
        for (const row of result.rows) touched.add(row.request_id);
      }
      if (touched.size === 0) return finished;

      const requestIds = [...touched];
      const counted = await sql<{ request_id: string; stopped: boolean }>`
        update roster_bulk_requests as b
        set failures = c.failures,
            stopped = b.stopped or (b.fail_on_errors is not null and c.failures >= b.fail_on_errors)
        from (
          select request_id, (count(*) filter (where status = 'failure'))::integer as failures
          from roster_inbound_records
          where request_id in (${sql.join(requestIds)})
          group by request_id
        ) as c
        where b.request_id = c.request_id
        returning b.request_id, b.stopped`.execute(trx);
      const stopped = counted.rows.filter((row) => row.stopped).map((row) => row.request_id);
      if (stopped.length > 0) {
        await trx
          .updateTable("roster_inbound_records")
          .set({ status: "skipped", skip_reason: FAIL_ON_ERRORS_REACHED, finished_at: finishedAt })
          .where("request_id", "in", stopped)
          .where("status", "=", "queued")
          .execute();
      }
      return finished;
    });
  }

  /** Operations per status for a job (the source's connection test and the job status). */
  async countByStatus(jobId: string): Promise<Record<BulkOperationStatus, number>> {
    const rows = await this.#db
      .selectFrom("roster_inbound_records")
      .select(["status", sql<number>`count(*)::integer`.as("count")])
      .where("job_id", "=", jobId)
      .groupBy("status")
      .execute();
    const counts: Record<BulkOperationStatus, number> = { queued: 0, success: 0, warning: 0, failure: 0, skipped: 0 };
    for (const row of rows) counts[row.status] = row.count;
    return counts;
  }

  /** Drops every request and record of a job (job deleted). Returns the requests removed. */
  async clearJob(jobId: string): Promise<number> {
    return withTransaction(this.#db, async (trx) => {
      await trx.deleteFrom("roster_inbound_records").where("job_id", "=", jobId).execute();
      const result = await trx.deleteFrom("roster_bulk_requests").where("job_id", "=", jobId).executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }
}

type RecordRow = Pick<
  StoredInboundOperation,
  "sequence" | "external_id" | "display_name" | "attributes" | "received_at"
>;

function recordFromRow(row: RecordRow): InboundRecord {
  if (row.external_id === null) {
    throw new RosterError("InternalError", `Inbound record ${row.sequence} has no externalId but was imported.`, {
      object: "roster_inbound_records",
      field: "external_id",
    });
  }
  return {
    sequence: Number(row.sequence),
    externalId: row.external_id,
    displayName: row.display_name,
    attributes: row.attributes,
    receivedAt: row.received_at,
  };
}
