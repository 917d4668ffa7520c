/**
 * Staged deprovisioning (accidental-deletion prevention): the disables and deletes a cycle
 * held back because they passed the job's threshold. An administrator allows or rejects
 * them all at once; ids increase with insertion, so pending() pages by id.
 */
import { RosterError } from "@roster/engine";
import { type Insertable, type Kysely, type Selectable, insertInBatches, jsonb } from "@roster/store";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import type { StagedActionsTable } from "../store/jobs-schema.js";
import type { StagedAction, StagedActionStore, StagedState } from "./contracts.js";
import {
  type Clock,
  optionalText,
  pageLimit,
  parseNumericId,
  requireOneOf,
  requireText,
  systemClock,
} from "./store-input.js";

export type NewStagedAction = Omit<StagedAction, "id" | "state" | "createdAt" | "decidedAt" | "decidedBy">;

const KINDS: readonly StagedAction["kind"][] = ["disable", "delete"];
const DECISIONS: readonly ("allowed" | "rejected")[] = ["allowed", "rejected"];
const DEFAULT_PAGE = 1_000;
const MAX_PAGE = 10_000;

export class SqlStagedActionStore implements StagedActionStore {
  readonly #db: Kysely<CoordinatorDatabase>;
  readonly #now: Clock;

  constructor(db: Kysely<CoordinatorDatabase>, options: { readonly now?: Clock } = {}) {
    this.#db = db;
    this.#now = options.now ?? systemClock;
  }

  async add(actions: readonly NewStagedAction[]): Promise<void> {
    const now = this.#now();
    const rows: Insertable<StagedActionsTable>[] = actions.map((action, index) => stagedRow(action, index, now));
    await insertInBatches(this.#db, "roster_staged_actions", rows);
  }

  async pending(
    jobId: string,
    options: { readonly limit?: number; readonly afterId?: string } = {},
  ): Promise<StagedAction[]> {
    const what = `Staged actions of job "${jobId}"`;
    const limit = pageLimit(options.limit, DEFAULT_PAGE, MAX_PAGE, what);
    let query = this.#db
      .selectFrom("roster_staged_actions")
      .selectAll()
      .where("job_id", "=", jobId)
      .where("state", "=", "pending");
    if (options.afterId !== undefined) {
      const after = parseNumericId(options.afterId, what, "afterId");
      if (after === null) return [];
      query = query.where("id", ">", after);
    }
    const rows = await query.orderBy("id").limit(limit).execute();
    return rows.map(stagedFromRow);
  }

  async countPending(jobId: string): Promise<number> {
    const row = await this.#db
      .selectFrom("roster_staged_actions")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("job_id", "=", jobId)
      .where("state", "=", "pending")
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async decideAll(jobId: string, state: "allowed" | "rejected", actor: string): Promise<StagedAction[]> {
    const what = `Staged actions of job "${jobId}"`;
    requireOneOf(state, DECISIONS, what, "state");
    requireText(actor, what, "actor", 256);
    const rows = await this.#db
      .updateTable("roster_staged_actions")
      .set({ state, decided_at: this.#now(), decided_by: actor })
      .where("job_id", "=", jobId)
      .where("state", "=", "pending")
      .returningAll()
      .execute();
    return rows.sort((a, b) => a.id - b.id).map(stagedFromRow);
  }

  async clearJob(jobId: string): Promise<void> {
    await this.#db.deleteFrom("roster_staged_actions").where("job_id", "=", jobId).execute();
  }
}

function stagedRow(action: NewStagedAction, index: number, now: Date): Insertable<StagedActionsTable> {
  const what = `Staged action ${index + 1}`;
  if (typeof action !== "object" || action === null) {
    throw new RosterError("InvalidRequest", `${what} is not an object.`, { object: "staged action", index });
  }
  const jobId = requireText(action.jobId, what, "jobId");
  const sourceAnchor = requireText(action.sourceAnchor, `${what} (job "${jobId}")`, "sourceAnchor");
  const where = `${what} (job "${jobId}", source anchor "${sourceAnchor}")`;
  const payload = action.payload;
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    throw new RosterError("InvalidRequest", `${where}: field "payload" must be an object.`, {
      object: "staged action",
      field: "payload",
    });
  }
  return {
    job_id: jobId,
    cycle_id: requireText(action.cycleId, where, "cycleId"),
    source_anchor: sourceAnchor,
    worker_id: optionalText(action.workerId, where, "workerId"),
    display_name: optionalText(action.displayName, where, "displayName", 4096),
    kind: requireOneOf(action.kind, KINDS, where, "kind"),
    target_anchor: requireText(action.targetAnchor, where, "targetAnchor"),
    payload: jsonb(payload),
    state: "pending",
    created_at: now,
    decided_at: null,
    decided_by: null,
  };
}

function stagedFromRow(row: Selectable<StagedActionsTable>): StagedAction {
  return {
    id: String(row.id),
    jobId: row.job_id,
    cycleId: row.cycle_id,
    sourceAnchor: row.source_anchor,
    workerId: row.worker_id,
    displayName: row.display_name,
    kind: row.kind as StagedAction["kind"],
    targetAnchor: row.target_anchor,
    payload: row.payload,
    state: row.state as StagedState,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
  };
}
