/**
 * The HR source of an API-driven inbound job: workers are the records clients pushed with
 * SCIM bulk uploads. Each worker is its newest record (by receipt) up to the cycle's
 * `through`; an incremental cycle reads the workers with a record received in [from, through).
 * Outcomes reported back finish the bulk operations the imported record stands for.
 */
import { RosterError } from "@roster/engine";
import type { Kysely } from "@roster/store";
import type { BulkOperationStatus, BulkProvisioningAction } from "../scim/bulk-upload-status.js";
import { type InboundOutcome, type InboundRecord, InboundRecordStore } from "../scim/inbound-record-store.js";
import type { InboundDatabase } from "../scim/inbound-schema.js";
import type { HrSource, ProvisionedOutcome, SourceItem, SourceTestResult, WritebackOutcome } from "./hr-source.js";

export interface ApiSourceOptions {
  /** Records per database page (default 500). */
  readonly pageSize?: number;
  readonly now?: () => Date;
}

const FINISHED_STATUSES: ReadonlySet<string> = new Set<Exclude<BulkOperationStatus, "queued">>([
  "success",
  "warning",
  "failure",
  "skipped",
]);
const PROVISIONING_ACTIONS: ReadonlySet<string> = new Set<BulkProvisioningAction>([
  "create",
  "update",
  "delete",
  "disable",
  "stagedDelete",
  "other",
]);

/** An HrSource whose onProvisioned is always there (it fills the bulk requests' status). */
export type ApiSource = HrSource & Required<Pick<HrSource, "onProvisioned">>;

export function createApiSource(db: Kysely<InboundDatabase>, jobId: string, options: ApiSourceOptions = {}): ApiSource {
  if (typeof jobId !== "string" || jobId === "") {
    throw new RosterError("InvalidConfiguration", "API source: jobId must be a non-empty string.", { field: "jobId" });
  }
  const pageSize = options.pageSize ?? 500;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new RosterError(
      "InvalidConfiguration",
      `API source of job "${jobId}": pageSize must be a positive integer, got ${String(pageSize)}.`,
      {
        field: "pageSize",
      },
    );
  }
  const now = options.now ?? (() => new Date());
  const store = new InboundRecordStore(db);
  // The record handed out for each worker not yet reported on, so an outcome finishes exactly
  // the operations received up to it (not a newer one that arrived meanwhile).
  const handedOut = new Map<string, number>();
  // Bound for outcomes of workers this instance did not hand out (a source recreated mid-cycle).
  let lastThrough: Date | null = null;

  const hand = (record: InboundRecord): SourceItem => {
    handedOut.set(record.externalId, record.sequence);
    return {
      ok: true,
      worker: {
        sourceAnchor: record.externalId,
        workerId: record.externalId,
        displayName: record.displayName,
        attributes: record.attributes,
      },
    };
  };

  async function* stream(query: { from?: Date; through: Date; signal?: AbortSignal }): AsyncGenerator<SourceItem> {
    checkDate(query.through, "through", jobId);
    if (query.from !== undefined) checkDate(query.from, "from", jobId);
    lastThrough = query.through;
    query.signal?.throwIfAborted();
    const pages = store.latestRecordPages(jobId, {
      through: query.through,
      pageSize,
      ...(query.from === undefined ? {} : { from: query.from }),
    });
    for await (const page of pages) {
      query.signal?.throwIfAborted();
      for (const record of page) yield hand(record);
    }
  }

  return {
    type: "api",

    async testConnection(): Promise<SourceTestResult> {
      const counts = await store.countByStatus(jobId);
      return {
        ok: true,
        details: Object.fromEntries(
          Object.entries(counts).map(([status, count]) => [`${status}Operations`, String(count)]),
        ),
      };
    },

    importAll(options) {
      return stream({ through: options.through, ...(options.signal === undefined ? {} : { signal: options.signal }) });
    },

    importChanges(options) {
      return stream({
        from: options.from,
        through: options.through,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    },

    async getWorker(workerId, signal) {
      signal?.throwIfAborted();
      if (typeof workerId !== "string" || workerId === "") return null;
      const record = await store.latestRecord(jobId, workerId);
      return record === null ? null : hand(record);
    },

    // API-driven inbound has no writeback: clients read results from the bulk status or the logs.
    async writeback(): Promise<WritebackOutcome> {
      return { ok: true };
    },

    async onProvisioned(outcomes: readonly ProvisionedOutcome[]): Promise<void> {
      if (outcomes.length === 0) return;
      const fallbackBound = lastThrough ?? now();
      const rows: InboundOutcome[] = outcomes.map((outcome, position) => {
        if (!FINISHED_STATUSES.has(outcome.status)) {
          throw new RosterError(
            "InvalidRequest",
            `API source of job "${jobId}": outcome ${position} for worker "${outcome.sourceAnchor}" has status ${JSON.stringify(outcome.status)}; expected success, warning, failure or skipped.`,
            { field: "status", sourceAnchor: outcome.sourceAnchor },
          );
        }
        const sequence = handedOut.get(outcome.sourceAnchor);
        return {
          externalId: outcome.sourceAnchor,
          throughSequence: sequence ?? null,
          receivedBefore: sequence === undefined ? fallbackBound : null,
          status: outcome.status as InboundOutcome["status"],
          action: PROVISIONING_ACTIONS.has(outcome.action) ? (outcome.action as BulkProvisioningAction) : "other",
          errorCode: outcome.errorCode,
          message: outcome.message,
        };
      });
      await store.recordOutcomes(jobId, rows, now());
      for (const outcome of outcomes) handedOut.delete(outcome.sourceAnchor);
    },

    async close(): Promise<void> {
      handedOut.clear();
    },
  };
}

function checkDate(value: unknown, field: string, jobId: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new RosterError("InvalidRequest", `API source of job "${jobId}": ${field} must be a valid Date.`, { field });
  }
}
