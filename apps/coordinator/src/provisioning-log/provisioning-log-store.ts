/**
 * The provisioning logs: appended in batches, never changed or deleted (the store has no
 * such API), queried by job, worker, action, status, time range and cycle with keyset
 * pagination ordered by activity time.
 */
import { RosterError, type StepStatus } from "@roster/engine";
import type { SelectQueryBuilder } from "kysely";
import { type Kysely, type Selectable, insertInBatches, jsonb, keysetPages } from "@roster/store";
import type { LinksAndLogsDatabase, ProvisioningLogsTable } from "../store/links-and-logs-schema.js";
import { decodeLogCursor, encodeLogCursor } from "./log-cursor.js";
import { type ProvisioningLogCsvOutputs, writeProvisioningLogCsv } from "./log-csv.js";
import { LOG_ACTIONS, LOG_STATUSES, type LogAction, type ProvisioningLogRecord } from "./log-record.js";

export interface LogQuery {
  readonly jobId?: string;
  readonly cycleId?: string;
  /** The source identity id (the worker's HR id). */
  readonly workerId?: string;
  readonly action?: LogAction;
  readonly status?: StepStatus;
  /** Inclusive. */
  readonly from?: Date;
  /** Exclusive. */
  readonly to?: Date;
}

export interface LogPageOptions {
  /** Default 100. */
  readonly pageSize?: number;
  /** From the previous page's `nextCursor`. */
  readonly cursor?: string;
  /** Default "asc" (oldest first). */
  readonly order?: "asc" | "desc";
}

export interface LogPage {
  readonly records: readonly ProvisioningLogRecord[];
  /** null on the last page. */
  readonly nextCursor: string | null;
}

type LogRow = Selectable<ProvisioningLogsTable>;
type LogSelect = SelectQueryBuilder<LinksAndLogsDatabase, "roster_provisioning_logs", LogRow>;

const DEFAULT_PAGE_SIZE = 100;
const ACTIONS: ReadonlySet<string> = new Set(LOG_ACTIONS);
const STATUSES: ReadonlySet<string> = new Set(LOG_STATUSES);

export class ProvisioningLogStore {
  readonly #db: Kysely<LinksAndLogsDatabase>;

  constructor(db: Kysely<LinksAndLogsDatabase>) {
    this.#db = db;
  }

  /**
   * Appends records, `batchSize` per statement (default 500). A change id already logged is
   * an error: records are immutable. Pass a transaction as the store's db for an atomic append.
   */
  async append(
    records: Iterable<ProvisioningLogRecord> | AsyncIterable<ProvisioningLogRecord>,
    options: { readonly batchSize?: number } = {},
  ): Promise<number> {
    const result = await insertInBatches(this.#db, "roster_provisioning_logs", rowsOf(records), {
      batchSize: options.batchSize ?? 500,
    });
    return result.inserted;
  }

  /** One page of matching records and the cursor of the next. */
  async queryPage(query: LogQuery, options: LogPageOptions = {}): Promise<LogPage> {
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    const pages = this.#pages(query, pageSize, options);
    const first = await pages.next();
    await pages.return(undefined);
    const rows = first.done === true ? [] : first.value;
    const last = rows[rows.length - 1];
    return {
      records: rows.map(recordFromRow),
      nextCursor: last !== undefined && rows.length === pageSize ? encodeLogCursor(last.activity_time, last.id) : null,
    };
  }

  /** Every matching record, fetched a page at a time. */
  async *records(
    query: LogQuery,
    options: LogPageOptions = {},
  ): AsyncGenerator<ProvisioningLogRecord, void, undefined> {
    for await (const page of this.#pages(query, options.pageSize ?? 1000, options)) yield* page.map(recordFromRow);
  }

  /** The CSV download of the matching records (three files joined on the change id); returns the record count. */
  exportCsv(
    query: LogQuery,
    outputs: ProvisioningLogCsvOutputs,
    options: { readonly order?: "asc" | "desc" } = {},
  ): Promise<number> {
    return writeProvisioningLogCsv(this.records(query, options), outputs);
  }

  #pages(query: LogQuery, pageSize: number, options: LogPageOptions): AsyncGenerator<LogRow[], void, undefined> {
    const order = options.order ?? "asc";
    if (order !== "asc" && order !== "desc") {
      throw new RosterError(
        "InvalidRequest",
        `Provisioning-log query field "order" must be "asc" or "desc", got ${JSON.stringify(order)}.`,
        {
          field: "order",
        },
      );
    }
    if (!Number.isInteger(pageSize) || pageSize < 1) {
      throw new RosterError(
        "InvalidRequest",
        `Provisioning-log query field "pageSize" must be a positive integer, got ${String(pageSize)}.`,
        {
          field: "pageSize",
        },
      );
    }
    return keysetPages(this.#filtered(query), {
      keys: [
        { column: "activity_time", direction: order },
        { column: "id", direction: order },
      ],
      pageSize,
      ...(options.cursor === undefined ? {} : { after: decodeLogCursor(options.cursor) }),
    });
  }

  #filtered(query: LogQuery): LogSelect {
    let select: LogSelect = this.#db.selectFrom("roster_provisioning_logs").selectAll();
    const text = (field: "jobId" | "cycleId" | "workerId"): string | undefined => {
      const value: unknown = query[field];
      if (value === undefined) return undefined;
      if (typeof value !== "string" || value === "") {
        throw new RosterError("InvalidRequest", `Provisioning-log query field "${field}" must be a non-empty string.`, {
          field,
        });
      }
      return value;
    };
    const jobId = text("jobId");
    const cycleId = text("cycleId");
    const workerId = text("workerId");
    if (jobId !== undefined) select = select.where("job_id", "=", jobId);
    if (cycleId !== undefined) select = select.where("cycle_id", "=", cycleId);
    if (workerId !== undefined) select = select.where("source_identity_id", "=", workerId);
    if (query.action !== undefined) {
      if (!ACTIONS.has(query.action)) {
        throw new RosterError(
          "InvalidRequest",
          `Provisioning-log query field "action" must be one of ${LOG_ACTIONS.join(", ")}, got ${JSON.stringify(query.action)}.`,
          {
            field: "action",
          },
        );
      }
      select = select.where("action", "=", query.action);
    }
    if (query.status !== undefined) {
      if (!STATUSES.has(query.status)) {
        throw new RosterError(
          "InvalidRequest",
          `Provisioning-log query field "status" must be one of ${LOG_STATUSES.join(", ")}, got ${JSON.stringify(query.status)}.`,
          {
            field: "status",
          },
        );
      }
      select = select.where("status", "=", query.status);
    }
    if (query.from !== undefined) select = select.where("activity_time", ">=", validDate(query.from, "from"));
    if (query.to !== undefined) select = select.where("activity_time", "<", validDate(query.to, "to"));
    return select;
  }
}

function validDate(value: unknown, field: string): Date {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value;
  throw new RosterError("InvalidRequest", `Provisioning-log query field "${field}" must be a valid Date.`, { field });
}

async function* rowsOf(records: Iterable<ProvisioningLogRecord> | AsyncIterable<ProvisioningLogRecord>) {
  let index = 0;
  for await (const record of records) {
    checkRecord(record, index++);
    yield {
      id: record.id,
      change_id: record.changeId,
      cycle_id: record.cycleId,
      job_id: record.jobId,
      activity_time: record.activityDateTime,
      duration_ms: record.durationInMilliseconds,
      action: record.action,
      status: record.status,
      source_identity_id: record.sourceIdentity.id,
      source_display_name: record.sourceIdentity.displayName,
      target_identity_id: record.targetIdentity.id,
      target_display_name: record.targetIdentity.displayName,
      error_code: record.errorCode,
      error_category: record.errorCategory,
      reason: record.reason,
      additional_details: record.additionalDetails,
      recommended_action: record.recommendedAction,
      steps: jsonb(record.steps),
      modified_properties: jsonb(record.modifiedProperties),
    };
  }
}

function recordFromRow(row: LogRow): ProvisioningLogRecord {
  return {
    id: row.id,
    changeId: row.change_id,
    cycleId: row.cycle_id,
    jobId: row.job_id,
    activityDateTime: row.activity_time,
    durationInMilliseconds: row.duration_ms,
    action: row.action as LogAction,
    status: row.status as StepStatus,
    sourceIdentity: { id: row.source_identity_id, displayName: row.source_display_name },
    targetIdentity: { id: row.target_identity_id, displayName: row.target_display_name },
    errorCode: row.error_code,
    errorCategory: row.error_category,
    reason: row.reason,
    additionalDetails: row.additional_details,
    recommendedAction: row.recommended_action,
    steps: row.steps,
    modifiedProperties: row.modified_properties,
  };
}

function checkRecord(record: ProvisioningLogRecord, index: number): void {
  const fail = (field: string, expected: string): never => {
    const changeId = typeof record?.changeId === "string" ? ` (change id "${record.changeId}")` : "";
    throw new RosterError(
      "InvalidRequest",
      `Provisioning-log record ${index + 1}${changeId}: field "${field}" must be ${expected}.`,
      {
        index,
        field,
      },
    );
  };
  if (typeof record !== "object" || record === null) fail("record", "an object");
  for (const field of ["id", "changeId", "cycleId", "jobId"] as const) {
    if (typeof record[field] !== "string" || record[field] === "") fail(field, "a non-empty string");
  }
  if (!(record.activityDateTime instanceof Date) || Number.isNaN(record.activityDateTime.getTime())) {
    fail("activityDateTime", "a valid Date");
  }
  const duration = record.durationInMilliseconds;
  if (!Number.isInteger(duration) || duration < 0 || duration > 2_147_483_647) {
    fail("durationInMilliseconds", "a non-negative integer (at most 2147483647)");
  }
  if (!ACTIONS.has(record.action)) fail("action", `one of ${LOG_ACTIONS.join(", ")}`);
  if (!STATUSES.has(record.status)) fail("status", `one of ${LOG_STATUSES.join(", ")}`);
  if (!Array.isArray(record.steps)) fail("steps", "an array");
  if (!Array.isArray(record.modifiedProperties)) fail("modifiedProperties", "an array");
}
