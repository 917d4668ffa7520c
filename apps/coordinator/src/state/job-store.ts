/**
 * Jobs and their audit log. A definition is validated (job schema, engine compiler) before
 * it is stored, stored as given (jsonb, secrets included), and parsed again on read. Every
 * change appends an audit entry in the same transaction; secrets never reach the audit log.
 */
import { randomBytes } from "node:crypto";
import { HEALTHY_JOB_STATE, type QuarantineState, RosterError } from "@roster/engine";
import { type Kysely, type Selectable, type Transaction, jsonb, sql, withTransaction } from "@roster/store";
import { changedTopLevelKeys, deepEqual, requiresInitialCycle } from "../jobs/definition-changes.js";
import type { JobDefinition, JobDefinitionInput } from "../jobs/job-definition.js";
import {
  formatSecretPath,
  redactDetails,
  redactedSecretPaths,
  redactJobDefinition,
  restoreRedactedSecrets,
} from "../jobs/redact-definition.js";
import { invalidJobDefinition, parseJobDefinitionOrThrow, validateJobDefinition } from "../jobs/validate-job.js";
import { LinkStore } from "../store/link-store.js";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import type { JobsTable } from "../store/jobs-schema.js";
import type { LinksAndLogsDatabase } from "../store/links-and-logs-schema.js";
import type { AuditEntry, JobRecord, JobRunState, JobStore } from "./contracts.js";
import { type Clock, pageLimit, requireDate, requireOneOf, requireText, systemClock } from "./store-input.js";

const JOB_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const RUN_STATES: readonly JobRunState[] = ["stopped", "running", "disabled"];
const QUARANTINE_STATUSES: readonly QuarantineState["status"][] = ["healthy", "quarantined", "disabled"];
const DEFAULT_AUDIT_LIMIT = 100;
const MAX_AUDIT_LIMIT = 1_000;

type JobRow = Selectable<JobsTable>;
type Db = Kysely<CoordinatorDatabase>;

/** Job-scoped tables cleared by restart (links only with "break links"); delete clears these and more. */
const RESTART_CLEARED = ["roster_escrow", "roster_staged_actions", "roster_pending_references"] as const;
const DELETE_CLEARED = [...RESTART_CLEARED, "roster_cycles", "roster_writebacks"] as const;

/** A new job id: url-safe, 96 random bits. */
export function newJobId(): string {
  return `job_${randomBytes(12).toString("base64url")}`;
}

export class SqlJobStore implements JobStore {
  readonly #db: Db;
  readonly #now: Clock;
  /** Parsed definitions by job id, valid while the version matches (parsing is not free). */
  readonly #parsed = new Map<string, { readonly version: number; readonly definition: JobDefinition }>();

  constructor(db: Db, options: { readonly now?: Clock } = {}) {
    this.#db = db;
    this.#now = options.now ?? systemClock;
  }

  async create(input: JobDefinitionInput, actor: string, jobId?: string): Promise<JobRecord> {
    const id = jobId === undefined ? newJobId() : checkJobId(jobId);
    requireText(actor, `Job "${id}"`, "actor", 256);
    const placeholders = redactedSecretPaths(input);
    if (placeholders.length > 0) {
      throw invalidJobDefinition(
        `Job "${id}"`,
        placeholders.map((path) => ({
          path: formatSecretPath(path),
          message: `"[Redact]" stands for a stored secret, but a new job has none: give the secret itself.`,
        })),
      );
    }
    const definition = parseJobDefinitionOrThrow(input, `Job "${id}"`);
    const now = this.#now();
    return withTransaction(this.#db, async (trx) => {
      const row = await trx
        .insertInto("roster_jobs")
        .values({
          job_id: id,
          version: 1,
          definition: jsonb(input),
          run_state: "stopped",
          needs_initial_cycle: true,
          watermark: null,
          quarantine: jsonb(HEALTHY_JOB_STATE),
          resync_requested_at: null,
          created_at: now,
          updated_at: now,
        })
        .onConflict((conflict) => conflict.column("job_id").doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row === undefined) {
        throw new RosterError("VersionConflict", `Job "${id}" already exists; update it instead of creating it.`, {
          object: "job",
          jobId: id,
        });
      }
      await insertAudit(trx, id, now, actor, "create", { version: 1, definition: redactJobDefinition(input) });
      this.#parsed.set(id, { version: 1, definition });
      return this.#record(row);
    });
  }

  async get(jobId: string): Promise<JobRecord | null> {
    const row = await this.#db.selectFrom("roster_jobs").selectAll().where("job_id", "=", jobId).executeTakeFirst();
    return row === undefined ? null : this.#record(row);
  }

  async list(): Promise<JobRecord[]> {
    const rows = await this.#db.selectFrom("roster_jobs").selectAll().orderBy("job_id").execute();
    return rows.map((row) => this.#record(row));
  }

  async update(jobId: string, input: JobDefinitionInput, actor: string, expectedVersion?: number): Promise<JobRecord> {
    requireText(actor, `Job "${jobId}"`, "actor", 256);
    if (expectedVersion !== undefined && (!Number.isInteger(expectedVersion) || expectedVersion < 1)) {
      throw new RosterError(
        "InvalidRequest",
        `Job "${jobId}": expected version must be a positive integer, got ${String(expectedVersion)}.`,
        { object: "job", jobId, field: "version" },
      );
    }
    return withTransaction(this.#db, async (trx) => {
      const current = await lockJob(trx, jobId);
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw new RosterError(
          "VersionConflict",
          `Job "${jobId}" is at version ${current.version}, but the update was made against version ${expectedVersion}.`,
          { object: "job", jobId, field: "version", expected: expectedVersion, actual: current.version },
        );
      }
      const restored = restoreRedactedSecrets(input, current.definition);
      if (restored.missing.length > 0) {
        throw invalidJobDefinition(
          `Job "${jobId}"`,
          restored.missing.map((path) => ({
            path,
            message: `"[Redact]" stands for the stored secret, but the stored definition has none at this path: give the secret itself.`,
          })),
        );
      }
      const nextInput = restored.definition;
      const validation = validateJobDefinition(nextInput);
      if (!validation.ok) throw invalidJobDefinition(`Job "${jobId}"`, validation.issues);
      const before = this.#definition(current);
      const after = validation.definition;
      const changed = changedTopLevelKeys(before, after);
      if (changed.length === 0 && deepEqual(current.definition, nextInput)) return this.#record(current);

      const now = this.#now();
      const resync = requiresInitialCycle(before, after);
      const version = current.version + 1;
      const row = await trx
        .updateTable("roster_jobs")
        .set({
          version,
          definition: jsonb(nextInput),
          updated_at: now,
          ...(resync ? { needs_initial_cycle: true, resync_requested_at: now } : {}),
        })
        .where("job_id", "=", jobId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await insertAudit(trx, jobId, now, actor, "update", { version, changed, initialCycle: resync });
      this.#parsed.set(jobId, { version, definition: after });
      return this.#record(row);
    });
  }

  async delete(jobId: string, actor: string): Promise<boolean> {
    requireText(actor, `Job "${jobId}"`, "actor", 256);
    return withTransaction(this.#db, async (trx) => {
      const deleted = await trx.deleteFrom("roster_jobs").where("job_id", "=", jobId).executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) return false;
      for (const table of DELETE_CLEARED) await trx.deleteFrom(table).where("job_id", "=", jobId).execute();
      const links = await linkStore(trx).deleteForJob(jobId);
      await insertAudit(trx, jobId, this.#now(), actor, "delete", { linksRemoved: links });
      this.#parsed.delete(jobId);
      return true;
    });
  }

  async setRunState(jobId: string, runState: JobRunState, actor: string): Promise<JobRecord> {
    requireOneOf(runState, RUN_STATES, `Job "${jobId}"`, "runState");
    requireText(actor, `Job "${jobId}"`, "actor", 256);
    return withTransaction(this.#db, async (trx) => {
      const current = await lockJob(trx, jobId);
      if (current.run_state === runState) return this.#record(current);
      const now = this.#now();
      const row = await trx
        .updateTable("roster_jobs")
        .set({ run_state: runState, updated_at: now })
        .where("job_id", "=", jobId)
        .returningAll()
        .executeTakeFirstOrThrow();
      const action = runState === "running" ? "start" : runState === "stopped" ? "stop" : "disable";
      await insertAudit(trx, jobId, now, actor, action, { from: current.run_state, to: runState });
      return this.#record(row);
    });
  }

  async completeCycle(jobId: string, watermark: Date): Promise<void> {
    requireDate(watermark, `Job "${jobId}"`, "watermark");
    // A definition change or restart after this cycle began still wants a new initial cycle.
    const result = await this.#db
      .updateTable("roster_jobs")
      .set((eb) => ({
        watermark,
        needs_initial_cycle: sql<boolean>`coalesce(${eb.ref("resync_requested_at")} > ${watermark}, false)`,
        updated_at: this.#now(),
      }))
      .where("job_id", "=", jobId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw jobNotFound(jobId);
  }

  async setQuarantine(jobId: string, quarantine: QuarantineState): Promise<void> {
    checkQuarantine(jobId, quarantine);
    await withTransaction(this.#db, async (trx) => {
      const current = await lockJob(trx, jobId);
      const now = this.#now();
      await trx
        .updateTable("roster_jobs")
        .set({
          quarantine: jsonb(quarantine),
          updated_at: now,
          // Four weeks in quarantine: no more cycles until the job is restarted.
          ...(quarantine.status === "disabled" ? { run_state: "disabled" } : {}),
        })
        .where("job_id", "=", jobId)
        .execute();
      const before = current.quarantine;
      const reasonOf = (state: QuarantineState) => (state.status === "healthy" ? null : state.reason);
      if (before.status !== quarantine.status || reasonOf(before) !== reasonOf(quarantine)) {
        await insertAudit(trx, jobId, now, "system", "quarantine", {
          from: before.status,
          to: quarantine.status,
          reason: reasonOf(quarantine),
        });
      }
    });
  }

  async restart(jobId: string, options: { readonly breakLinks: boolean }, actor: string): Promise<JobRecord> {
    if (typeof options?.breakLinks !== "boolean") {
      throw new RosterError("InvalidRequest", `Restart of job "${jobId}": option "breakLinks" must be a boolean.`, {
        object: "job",
        jobId,
        field: "breakLinks",
      });
    }
    requireText(actor, `Job "${jobId}"`, "actor", 256);
    return withTransaction(this.#db, async (trx) => {
      const current = await lockJob(trx, jobId);
      const now = this.#now();
      const cleared: Record<string, number> = {};
      for (const table of RESTART_CLEARED) {
        const result = await trx.deleteFrom(table).where("job_id", "=", jobId).executeTakeFirst();
        cleared[table.replace("roster_", "")] = Number(result.numDeletedRows);
      }
      const linksRemoved = options.breakLinks ? await linkStore(trx).deleteForJob(jobId) : 0;
      const row = await trx
        .updateTable("roster_jobs")
        .set({
          watermark: null,
          needs_initial_cycle: true,
          resync_requested_at: now,
          quarantine: jsonb(HEALTHY_JOB_STATE),
          // A job disabled after four weeks in quarantine runs again; a stopped one stays stopped.
          run_state: current.run_state === "disabled" ? "running" : current.run_state,
          updated_at: now,
        })
        .where("job_id", "=", jobId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await insertAudit(trx, jobId, now, actor, "restart", {
        breakLinks: options.breakLinks,
        linksRemoved,
        ...cleared,
      });
      return this.#record(row);
    });
  }

  async exportDefinition(jobId: string): Promise<JobDefinitionInput | null> {
    const row = await this.#db
      .selectFrom("roster_jobs")
      .select("definition")
      .where("job_id", "=", jobId)
      .executeTakeFirst();
    return row === undefined ? null : redactJobDefinition(row.definition);
  }

  async audit(jobId: string, options: { readonly limit?: number; readonly before?: Date } = {}): Promise<AuditEntry[]> {
    const limit = pageLimit(options.limit, DEFAULT_AUDIT_LIMIT, MAX_AUDIT_LIMIT, `Audit log of job "${jobId}"`);
    let query = this.#db.selectFrom("roster_job_audit").selectAll().where("job_id", "=", jobId);
    if (options.before !== undefined) {
      query = query.where("at", "<", requireDate(options.before, `Audit log of job "${jobId}"`, "before"));
    }
    const rows = await query.orderBy("at", "desc").orderBy("id", "desc").limit(limit).execute();
    return rows.map((row) => ({
      id: String(row.id),
      jobId: row.job_id,
      at: row.at,
      actor: row.actor,
      action: row.action,
      details: row.details,
    }));
  }

  async appendAudit(entry: Omit<AuditEntry, "id" | "at">): Promise<void> {
    const jobId = requireText(entry?.jobId, "Audit entry", "jobId");
    const actor = requireText(entry.actor, "Audit entry", "actor", 256);
    const action = requireText(entry.action, "Audit entry", "action", 64);
    const details = entry.details ?? {};
    if (typeof details !== "object" || details === null || Array.isArray(details)) {
      throw new RosterError("InvalidRequest", `Audit entry of job "${jobId}": field "details" must be an object.`, {
        object: "audit entry",
        field: "details",
      });
    }
    await insertAudit(this.#db, jobId, this.#now(), actor, action, details);
  }

  #definition(row: JobRow): JobDefinition {
    const cached = this.#parsed.get(row.job_id);
    if (cached !== undefined && cached.version === row.version) return cached.definition;
    const parsed = validateJobDefinition(row.definition);
    if (!parsed.ok) {
      // Only a schema change between releases gets here: the definition was valid when saved.
      throw invalidJobDefinition(`Stored definition of job "${row.job_id}" (version ${row.version})`, parsed.issues);
    }
    this.#parsed.set(row.job_id, { version: row.version, definition: parsed.definition });
    return parsed.definition;
  }

  #record(row: JobRow): JobRecord {
    return {
      jobId: row.job_id,
      version: row.version,
      definitionInput: row.definition,
      definition: this.#definition(row),
      runState: row.run_state as JobRunState,
      needsInitialCycle: row.needs_initial_cycle,
      watermark: row.watermark,
      quarantine: row.quarantine,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }
}

async function lockJob(trx: Transaction<CoordinatorDatabase>, jobId: string): Promise<JobRow> {
  const row = await trx
    .selectFrom("roster_jobs")
    .selectAll()
    .where("job_id", "=", jobId)
    .forUpdate()
    .executeTakeFirst();
  if (row === undefined) throw jobNotFound(jobId);
  return row;
}

function jobNotFound(jobId: string): RosterError {
  return new RosterError("NotFound", `Job "${jobId}" does not exist.`, { object: "job", jobId });
}

function checkJobId(jobId: unknown): string {
  if (typeof jobId !== "string" || !JOB_ID.test(jobId)) {
    throw new RosterError(
      "InvalidRequest",
      `Job id ${JSON.stringify(jobId) ?? String(jobId)} is not valid: use 1 to 128 letters, digits, "_" or "-", starting with a letter or digit.`,
      { object: "job", field: "jobId" },
    );
  }
  return jobId;
}

function checkQuarantine(jobId: string, quarantine: QuarantineState): void {
  const status: unknown = (quarantine as { status?: unknown } | null)?.status;
  requireOneOf(status, QUARANTINE_STATUSES, `Quarantine state of job "${jobId}"`, "status");
}

function linkStore(trx: Transaction<CoordinatorDatabase>): LinkStore {
  return new LinkStore(trx as unknown as Kysely<LinksAndLogsDatabase>);
}

async function insertAudit(
  db: Kysely<CoordinatorDatabase>,
  jobId: string,
  at: Date,
  actor: string,
  action: string,
  details: Readonly<Record<string, unknown>>,
): Promise<void> {
  await db
    .insertInto("roster_job_audit")
    .values({ job_id: jobId, at, actor, action, details: jsonb(redactDetails(details)) })
    .execute();
}
