/**
 * Cycles of a job: started with the moment changes are read up to (the future watermark),
 * progress saved as absolute counts, finished once. A cycle left "running" by a coordinator
 * that died is found by unfinished() and resumed under the same id. A unique partial index
 * allows at most one running cycle per job.
 */
import { randomUUID } from "node:crypto";
import { RosterError } from "@roster/engine";
import { type Kysely, type Selectable, jsonb, sqlStateOf } from "@roster/store";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import type { CyclesTable } from "../store/jobs-schema.js";
import type { CycleCounts, CycleKind, CycleRecord, CycleState, CycleStore } from "./contracts.js";
import { type Clock, pageLimit, requireDate, requireOneOf, requireText, systemClock } from "./store-input.js";

const KINDS: readonly CycleKind[] = ["initial", "incremental"];
const FINAL_STATES: readonly Exclude<CycleState, "running">[] = ["completed", "failed", "stopped"];
const COUNT_KEYS: readonly (keyof CycleCounts)[] = [
  "imported",
  "created",
  "updated",
  "enabled",
  "disabled",
  "moved",
  "skipped",
  "noChange",
  "failed",
  "escrowed",
  "staged",
  "writebacks",
];
const DEFAULT_LIST_LIMIT = 50;
const MAX_LIST_LIMIT = 1_000;
const MAX_ERROR_LENGTH = 8_000;

/** All counts zero. */
export function emptyCycleCounts(): CycleCounts {
  return {
    imported: 0,
    created: 0,
    updated: 0,
    enabled: 0,
    disabled: 0,
    moved: 0,
    skipped: 0,
    noChange: 0,
    failed: 0,
    escrowed: 0,
    staged: 0,
    writebacks: 0,
  };
}

export class SqlCycleStore implements CycleStore {
  readonly #db: Kysely<CoordinatorDatabase>;
  readonly #now: Clock;

  constructor(db: Kysely<CoordinatorDatabase>, options: { readonly now?: Clock } = {}) {
    this.#db = db;
    this.#now = options.now ?? systemClock;
  }

  async start(input: {
    readonly jobId: string;
    readonly kind: CycleKind;
    readonly through: Date;
    readonly from: Date | null;
  }): Promise<CycleRecord> {
    const jobId = requireText(input?.jobId, "Cycle", "jobId");
    const what = `Cycle of job "${jobId}"`;
    const kind = requireOneOf(input.kind, KINDS, what, "kind");
    const through = requireDate(input.through, what, "through");
    const from = input.from === null ? null : requireDate(input.from, what, "from");
    try {
      const row = await this.#db
        .insertInto("roster_cycles")
        .values({
          cycle_id: randomUUID(),
          job_id: jobId,
          kind,
          state: "running",
          started_at: this.#now(),
          finished_at: null,
          through,
          from_at: from,
          counts: jsonb(emptyCycleCounts()),
          processed: 0,
          error: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return cycleFromRow(row);
    } catch (error) {
      if (sqlStateOf(error) !== "23505") throw error;
      const running = await this.unfinished(jobId);
      throw new RosterError(
        "CycleInProgress",
        `Job "${jobId}" already has a running cycle${running === null ? "" : ` ("${running.cycleId}", started ${running.startedAt.toISOString()})`}: resume or finish it first.`,
        { object: "cycle", jobId, cycleId: running?.cycleId },
        { cause: error },
      );
    }
  }

  async unfinished(jobId: string): Promise<CycleRecord | null> {
    const row = await this.#db
      .selectFrom("roster_cycles")
      .selectAll()
      .where("job_id", "=", jobId)
      .where("state", "=", "running")
      .executeTakeFirst();
    return row === undefined ? null : cycleFromRow(row);
  }

  async progress(cycleId: string, counts: CycleCounts, processed: number): Promise<void> {
    const what = `Cycle "${cycleId}"`;
    checkCounts(counts, what);
    checkCount(processed, what, "processed");
    const result = await this.#db
      .updateTable("roster_cycles")
      .set({ counts: jsonb(pickCounts(counts)), processed })
      .where("cycle_id", "=", cycleId)
      .where("state", "=", "running")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) await this.#notRunning(cycleId);
  }

  async finish(
    cycleId: string,
    state: Exclude<CycleState, "running">,
    counts: CycleCounts,
    error?: string,
  ): Promise<void> {
    const what = `Cycle "${cycleId}"`;
    requireOneOf(state, FINAL_STATES, what, "state");
    checkCounts(counts, what);
    if (error !== undefined && typeof error !== "string") {
      throw new RosterError("InvalidRequest", `${what}: field "error" must be a string.`, {
        object: "cycle",
        cycleId,
        field: "error",
      });
    }
    const result = await this.#db
      .updateTable("roster_cycles")
      .set({
        state,
        counts: jsonb(pickCounts(counts)),
        finished_at: this.#now(),
        error: error === undefined ? null : error.slice(0, MAX_ERROR_LENGTH),
      })
      .where("cycle_id", "=", cycleId)
      .where("state", "=", "running")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) await this.#notRunning(cycleId);
  }

  async get(cycleId: string): Promise<CycleRecord | null> {
    const row = await this.#db
      .selectFrom("roster_cycles")
      .selectAll()
      .where("cycle_id", "=", cycleId)
      .executeTakeFirst();
    return row === undefined ? null : cycleFromRow(row);
  }

  async list(jobId: string, options: { readonly limit?: number } = {}): Promise<CycleRecord[]> {
    const limit = pageLimit(options.limit, DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT, `Cycles of job "${jobId}"`);
    const rows = await this.#db
      .selectFrom("roster_cycles")
      .selectAll()
      .where("job_id", "=", jobId)
      .orderBy("started_at", "desc")
      .orderBy("cycle_id", "desc")
      .limit(limit)
      .execute();
    return rows.map(cycleFromRow);
  }

  /** Explains why a cycle could not be updated: it does not exist, or it already finished. */
  async #notRunning(cycleId: string): Promise<never> {
    const existing = await this.get(cycleId);
    if (existing === null) {
      throw new RosterError("NotFound", `Cycle "${cycleId}" does not exist.`, { object: "cycle", cycleId });
    }
    throw new RosterError(
      "InvalidRequest",
      `Cycle "${cycleId}" of job "${existing.jobId}" already finished (state "${existing.state}"); it cannot change any more.`,
      { object: "cycle", cycleId, field: "state", state: existing.state },
    );
  }
}

function cycleFromRow(row: Selectable<CyclesTable>): CycleRecord {
  return {
    cycleId: row.cycle_id,
    jobId: row.job_id,
    kind: row.kind as CycleKind,
    state: row.state as CycleState,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    through: row.through,
    from: row.from_at,
    counts: { ...emptyCycleCounts(), ...row.counts },
    processed: Number(row.processed),
    error: row.error,
  };
}

/** Only the known counts are stored (a caller's object may carry more). */
function pickCounts(counts: CycleCounts): CycleCounts {
  const picked = emptyCycleCounts();
  for (const key of COUNT_KEYS) picked[key] = counts[key];
  return picked;
}

function checkCounts(counts: CycleCounts, what: string): void {
  if (typeof counts !== "object" || counts === null) {
    throw new RosterError("InvalidRequest", `${what}: "counts" must be an object.`, {
      object: "cycle",
      field: "counts",
    });
  }
  for (const key of COUNT_KEYS) checkCount(counts[key], what, `counts.${key}`);
}

function checkCount(value: unknown, what: string, field: string): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new RosterError(
      "InvalidRequest",
      `${what}: "${field}" must be a non-negative integer, got ${String(value)}.`,
      {
        object: "cycle",
        field,
      },
    );
  }
}
