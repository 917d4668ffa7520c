/**
 * The simulator's storage: workers (one row each, all versions in jsonb) and the transaction log,
 * on PGlite or PostgreSQL through @roster/store. Queries page by `seq` (keyset), so a page deep in
 * a 100k import costs the same as the first.
 */
import type { RawBuilder } from "kysely";
import {
  type Database,
  type DatabaseOptions,
  type Kysely,
  type Transaction,
  jsonb,
  openDatabase,
  runMigrations,
  sql,
} from "@roster/store";
import type { GeneratedWorker } from "../generator/generate-workers.js";
import { latestState, stateAsOf } from "../model/as-of.js";
import type { TransactionEntry, WorkerRecord, WorkerState, WorkerVersion } from "../model/worker-record.js";
import { HRSIM_MIGRATION_PREFIX, HRSIM_MIGRATIONS, HRSIM_SECONDARY_INDEXES } from "./migrations.js";
import type { HrSimSchema } from "./schema.js";

export type ReferenceType = "WID" | "Employee_ID" | "Contingent_Worker_ID" | "Worker_ID";

export interface WorkerReferenceFilter {
  readonly type: ReferenceType;
  readonly id: string;
}

export interface TransactionLogFilter {
  /** ISO instants bounding the entry moment (inclusive). */
  readonly updatedFrom?: string;
  readonly updatedThrough?: string;
  /** ISO instants bounding the effective moment (inclusive). */
  readonly effectiveFrom?: string;
  readonly effectiveThrough?: string;
  readonly types?: readonly string[];
}

/**
 * A condition on stored columns that a SuccessFactors `$filter` is narrowed to (see
 * successfactors/filter-pushdown.ts): Worker IDs (constant per worker) and the last change.
 */
export type PersonCondition =
  | { readonly kind: "true" | "false" }
  | { readonly kind: "and" | "or"; readonly left: PersonCondition; readonly right: PersonCondition }
  | { readonly kind: "not"; readonly operand: PersonCondition }
  | { readonly kind: "workerId"; readonly op: "in" | "not in"; readonly ids: readonly string[] }
  | { readonly kind: "lastModified"; readonly op: "=" | "<>" | ">" | ">=" | "<" | "<="; readonly at: string };

export interface WorkerQuery {
  readonly references?: readonly WorkerReferenceFilter[];
  readonly transactionLog?: TransactionLogFilter;
  /** Only transactions entered up to this instant count (As_Of_Entry_DateTime). */
  readonly enteredBy?: string;
  readonly excludeInactive?: boolean;
  /**
   * With excludeInactive: judge "active" in the version this view sees (Workday's as-of
   * semantics) instead of the latest version. ISO date and ISO instant.
   */
  readonly activeAsOf?: { readonly effectiveDate: string; readonly enteredBy: string };
  /** SuccessFactors: only workers meeting this condition. */
  readonly personFilter?: PersonCondition;
  readonly excludeEmployees?: boolean;
  readonly excludeContingent?: boolean;
  /** Workers modified at or after / at or before these instants (SuccessFactors lastModifiedDateTime). */
  readonly modifiedFrom?: string;
  readonly modifiedThrough?: string;
}

export interface WorkerChange {
  readonly effectiveDate: string;
  readonly enteredAt: string;
  readonly patch: (state: WorkerState) => WorkerState;
}

export interface HrSimStore {
  readonly db: Kysely<HrSimSchema>;
  readonly dialect: Database<HrSimSchema>["dialect"];
  close(): Promise<void>;
  /** Inserts generated workers in multi-row batches; returns how many. */
  seed(workers: Iterable<GeneratedWorker>, batchSize?: number): Promise<number>;
  countWorkers(): Promise<number>;
  /** Workers matching `query` with seq > afterSeq, in seq order. */
  queryWorkers(query: WorkerQuery, afterSeq: number, limit: number): Promise<WorkerRecord[]>;
  countMatching(query: WorkerQuery): Promise<number>;
  /** Seq of the `offset`-th matching worker (0-based) minus nothing: the keyset position before it. */
  seqBefore(query: WorkerQuery, offset: number): Promise<number>;
  findWorker(reference: WorkerReferenceFilter): Promise<WorkerRecord | undefined>;
  findByUserId(userId: string): Promise<WorkerRecord | undefined>;
  /** Transaction-log entries of the given workers entered up to `enteredBy`, oldest first. */
  transactionsOf(seqs: readonly number[], enteredBy?: string): Promise<Map<number, TransactionEntry[]>>;
  /**
   * Applies `change` to a worker as of its effective date (and carries it into versions that take
   * effect later, as Workday does) and records the transaction-log entry, atomically.
   */
  applyChange(seq: number, change: WorkerChange, entry: TransactionEntry): Promise<WorkerRecord>;
  /** Creates a new worker (scenario hire) with its first transaction. */
  insertWorker(worker: Omit<WorkerRecord, "seq">, entry: TransactionEntry): Promise<WorkerRecord>;
  /** Registers a callback run after every write, with the write's entry moment (undefined: a reseed). */
  onChange(listener: (enteredAt?: string) => void): void;
}

export async function openHrSimStore(options: DatabaseOptions): Promise<HrSimStore> {
  const database = await openDatabase<HrSimSchema>(options);
  try {
    await runMigrations(database.db, HRSIM_MIGRATIONS, { tablePrefix: HRSIM_MIGRATION_PREFIX });
  } catch (error) {
    await database.close();
    throw error;
  }
  return new PgWorkerStore(database);
}

interface WorkerRow {
  seq: number;
  wid: string;
  person_uuid: string;
  versions: WorkerVersion[];
  last_modified: Date | string;
}

/** The earlier of two ISO instants. */
function earliest(a: string, b: string): string {
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

function toIso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

function recordOf(row: WorkerRow): WorkerRecord {
  return {
    seq: row.seq,
    wid: row.wid,
    personUuid: row.person_uuid,
    versions: row.versions,
    lastModified: toIso(row.last_modified),
  };
}

function rowOf(record: WorkerRecord) {
  const latest = latestState(record);
  return {
    seq: record.seq,
    wid: record.wid,
    worker_id: latest.workerId,
    worker_type: latest.workerType,
    user_id: latest.userId,
    person_uuid: record.personUuid,
    active: latest.active,
    versions: jsonb(record.versions as WorkerVersion[]),
    last_modified: record.lastModified,
  };
}

interface SeedWorkerRow {
  seq: number;
  wid: string;
  worker_id: string;
  worker_type: string;
  user_id: string;
  person_uuid: string;
  active: boolean;
  versions: readonly WorkerVersion[];
  last_modified: string;
}

function seedRowOf(record: WorkerRecord): SeedWorkerRow {
  const latest = latestState(record);
  return {
    seq: record.seq,
    wid: record.wid,
    worker_id: latest.workerId,
    worker_type: latest.workerType,
    user_id: latest.userId,
    person_uuid: record.personUuid,
    active: latest.active,
    versions: record.versions,
    last_modified: record.lastModified,
  };
}

function transactionRow(seq: number, entry: TransactionEntry) {
  return {
    id: entry.id,
    worker_seq: seq,
    type: entry.type,
    description: entry.description,
    effective_moment: entry.effectiveMoment,
    entry_moment: entry.entryMoment,
  };
}

function personConditionSql(condition: PersonCondition): RawBuilder<boolean> {
  switch (condition.kind) {
    case "true":
      return sql<boolean>`true`;
    case "false":
      return sql<boolean>`false`;
    case "and":
      return sql<boolean>`(${personConditionSql(condition.left)} and ${personConditionSql(condition.right)})`;
    case "or":
      return sql<boolean>`(${personConditionSql(condition.left)} or ${personConditionSql(condition.right)})`;
    case "not":
      return sql<boolean>`(not ${personConditionSql(condition.operand)})`;
    case "workerId":
      if (condition.ids.length === 0) return sql<boolean>`${sql.raw(condition.op === "in" ? "false" : "true")}`;
      return sql<boolean>`(w.worker_id ${sql.raw(condition.op)} (${sql.join(condition.ids)}))`;
    case "lastModified":
      return sql<boolean>`(w.last_modified ${sql.raw(condition.op)} ${condition.at}::timestamptz)`;
  }
}

const WORKER_COLUMNS = ["w.seq", "w.wid", "w.person_uuid", "w.versions", "w.last_modified"] as const;

class PgWorkerStore implements HrSimStore {
  readonly db: Kysely<HrSimSchema>;
  readonly dialect: Database<HrSimSchema>["dialect"];

  constructor(private readonly database: Database<HrSimSchema>) {
    this.db = database.db;
    this.dialect = database.dialect;
  }

  close(): Promise<void> {
    return this.database.close();
  }

  async seed(workers: Iterable<GeneratedWorker>, batchSize = 2000): Promise<number> {
    // One statement per batch with the rows as a single JSON parameter: PostgreSQL expands it
    // with json_to_recordset, which is several times faster than binding every column of every
    // row (the WASM PGlite pays per bind parameter). json, not jsonb: the versions column is json,
    // and a jsonb detour parses and prints every worker's history once more (~30 % of the load).
    let count = 0;
    let workerBatch: SeedWorkerRow[] = [];
    let transactionBatch: ReturnType<typeof transactionRow>[] = [];
    const flush = async (trx: Transaction<HrSimSchema>): Promise<void> => {
      if (workerBatch.length > 0) {
        await sql`insert into hrsim_worker (seq, wid, worker_id, worker_type, user_id, person_uuid, active, versions, last_modified)
          select seq, wid, worker_id, worker_type, user_id, person_uuid, active, versions, last_modified
          from json_to_recordset(cast(${JSON.stringify(workerBatch)} as json)) as r(seq integer, wid text, worker_id text,
            worker_type text, user_id text, person_uuid text, active boolean, versions json, last_modified timestamptz)`.execute(trx);
      }
      if (transactionBatch.length > 0) {
        await sql`insert into hrsim_transaction (id, worker_seq, type, description, effective_moment, entry_moment)
          select id, worker_seq, type, description, effective_moment, entry_moment
          from json_to_recordset(cast(${JSON.stringify(transactionBatch)} as json)) as r(id text, worker_seq integer, type text,
            description text, effective_moment timestamptz, entry_moment timestamptz)`.execute(trx);
      }
      workerBatch = [];
      transactionBatch = [];
    };
    await this.db.transaction().execute(async (trx) => {
      const empty = (await trx.selectFrom("hrsim_worker").select("seq").limit(1).execute()).length === 0;
      if (empty) for (const [name] of HRSIM_SECONDARY_INDEXES) await sql.raw(`drop index if exists ${name}`).execute(trx);
      for (const worker of workers) {
        workerBatch.push(seedRowOf(worker.record));
        for (const entry of worker.transactions) transactionBatch.push(transactionRow(worker.record.seq, entry));
        count++;
        if (workerBatch.length >= batchSize) await flush(trx);
      }
      await flush(trx);
      if (empty) {
        for (const [name, definition] of HRSIM_SECONDARY_INDEXES) {
          await sql.raw(`create index ${name} ${definition}`).execute(trx);
        }
        await sql`analyze hrsim_worker`.execute(trx);
        await sql`analyze hrsim_transaction`.execute(trx);
      }
    });
    this.changed();
    return count;
  }

  async countWorkers(): Promise<number> {
    const row = await this.db.selectFrom("hrsim_worker").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** `afterSeq` is repeated inside the transaction-log subquery so its index scan starts there too. */
  private filtered(query: WorkerQuery, afterSeq = 0) {
    let builder = this.db.selectFrom("hrsim_worker as w");
    if (query.references !== undefined) {
      const wids = query.references.filter((ref) => ref.type === "WID").map((ref) => ref.id);
      const employees = query.references.filter((ref) => ref.type === "Employee_ID").map((ref) => ref.id);
      const contingents = query.references.filter((ref) => ref.type === "Contingent_Worker_ID").map((ref) => ref.id);
      const any = query.references.filter((ref) => ref.type === "Worker_ID").map((ref) => ref.id);
      builder = builder.where((eb) =>
        eb.or([
          ...(wids.length > 0 ? [eb("w.wid", "in", wids)] : []),
          ...(employees.length > 0 ? [eb.and([eb("w.worker_id", "in", employees), eb("w.worker_type", "=", "employee")])] : []),
          ...(contingents.length > 0
            ? [eb.and([eb("w.worker_id", "in", contingents), eb("w.worker_type", "=", "contingent")])]
            : []),
          ...(any.length > 0 ? [eb("w.worker_id", "in", any)] : []),
        ]),
      );
    }
    const log = query.transactionLog;
    if (log !== undefined || query.enteredBy !== undefined) {
      builder = builder.where((eb) =>
        eb.exists(
          eb
            .selectFrom("hrsim_transaction as t")
            .select(sql`1`.as("one"))
            .whereRef("t.worker_seq", "=", "w.seq")
            .$if(afterSeq > 0, (qb) => qb.where("t.worker_seq", ">", afterSeq))
            .$if(log?.updatedFrom !== undefined, (qb) => qb.where("t.entry_moment", ">=", log!.updatedFrom!))
            .$if(log?.updatedThrough !== undefined, (qb) => qb.where("t.entry_moment", "<=", log!.updatedThrough!))
            .$if(log?.effectiveFrom !== undefined, (qb) => qb.where("t.effective_moment", ">=", log!.effectiveFrom!))
            .$if(log?.effectiveThrough !== undefined, (qb) => qb.where("t.effective_moment", "<=", log!.effectiveThrough!))
            .$if(log?.types !== undefined && log.types.length > 0, (qb) => qb.where("t.type", "in", log!.types!))
            .$if(query.enteredBy !== undefined, (qb) => qb.where("t.entry_moment", "<=", query.enteredBy!)),
        ),
      );
    }
    if (query.excludeInactive && query.activeAsOf !== undefined) {
      // The version the view sees: latest effective date by the as-of date among those entered by
      // the entry moment, later entry winning a tie (as versionAsOf). None: a pre-hire, inactive.
      const { effectiveDate, enteredBy } = query.activeAsOf;
      builder = builder.where(
        sql<boolean>`(select (v.value->'state'->>'active')::boolean from json_array_elements(w.versions) as v
          where v.value->>'effectiveDate' <= ${effectiveDate} and (v.value->>'enteredAt')::timestamptz <= ${enteredBy}
          order by v.value->>'effectiveDate' desc, (v.value->>'enteredAt')::timestamptz desc limit 1) is true`,
      );
    } else if (query.excludeInactive) builder = builder.where("w.active", "=", true);
    if (query.personFilter !== undefined) {
      const condition = query.personFilter;
      builder = builder.where(() => personConditionSql(condition));
    }
    if (query.excludeEmployees) builder = builder.where("w.worker_type", "<>", "employee");
    if (query.excludeContingent) builder = builder.where("w.worker_type", "<>", "contingent");
    if (query.modifiedFrom !== undefined) builder = builder.where("w.last_modified", ">=", query.modifiedFrom);
    if (query.modifiedThrough !== undefined) builder = builder.where("w.last_modified", "<=", query.modifiedThrough);
    return builder;
  }

  async queryWorkers(query: WorkerQuery, afterSeq: number, limit: number): Promise<WorkerRecord[]> {
    const rows = await this.filtered(query, afterSeq)
      .select(WORKER_COLUMNS)
      .where("w.seq", ">", afterSeq)
      .orderBy("w.seq")
      .limit(limit)
      .execute();
    return rows.map((row) => recordOf(row as WorkerRow));
  }

  async countMatching(query: WorkerQuery): Promise<number> {
    const row = await this.filtered(query).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async seqBefore(query: WorkerQuery, offset: number): Promise<number> {
    if (offset <= 0) return 0;
    const row = await this.filtered(query).select("w.seq").orderBy("w.seq").offset(offset - 1).limit(1).executeTakeFirst();
    return row?.seq ?? Number.MAX_SAFE_INTEGER;
  }

  async findWorker(reference: WorkerReferenceFilter): Promise<WorkerRecord | undefined> {
    const [found] = await this.queryWorkers({ references: [reference] }, 0, 1);
    return found;
  }

  async findByUserId(userId: string): Promise<WorkerRecord | undefined> {
    const row = await this.db
      .selectFrom("hrsim_worker as w")
      .select(WORKER_COLUMNS)
      .where("w.user_id", "=", userId)
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : recordOf(row as WorkerRow);
  }

  async transactionsOf(seqs: readonly number[], enteredBy?: string): Promise<Map<number, TransactionEntry[]>> {
    const result = new Map<number, TransactionEntry[]>();
    if (seqs.length === 0) return result;
    let query = this.db
      .selectFrom("hrsim_transaction")
      .select(["id", "worker_seq", "type", "description", "effective_moment", "entry_moment"])
      .where("worker_seq", "in", seqs as number[]);
    if (enteredBy !== undefined) query = query.where("entry_moment", "<=", enteredBy);
    const rows = await query.orderBy("entry_moment").orderBy("id").execute();
    for (const row of rows) {
      const list = result.get(row.worker_seq) ?? [];
      list.push({
        id: row.id,
        type: row.type,
        description: row.description,
        effectiveMoment: toIso(row.effective_moment),
        entryMoment: toIso(row.entry_moment),
      });
      result.set(row.worker_seq, list);
    }
    return result;
  }

  async applyChange(seq: number, change: WorkerChange, entry: TransactionEntry): Promise<WorkerRecord> {
    const updated = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom("hrsim_worker as w")
        .select(WORKER_COLUMNS)
        .where("w.seq", "=", seq)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const current = recordOf(row as WorkerRow);
      const base =
        stateAsOf(current, { effectiveDate: change.effectiveDate, entryMoment: Number.MAX_SAFE_INTEGER }) ?? latestState(current);
      const versions: WorkerVersion[] = current.versions.map((version) =>
        version.effectiveDate > change.effectiveDate ? { ...version, state: change.patch(version.state) } : version,
      );
      versions.push({ effectiveDate: change.effectiveDate, enteredAt: change.enteredAt, state: change.patch(base) });
      const lastModified = change.enteredAt > current.lastModified ? change.enteredAt : current.lastModified;
      const next: WorkerRecord = { ...current, versions, lastModified };
      const values = rowOf(next);
      await trx
        .updateTable("hrsim_worker")
        .set({
          worker_id: values.worker_id,
          worker_type: values.worker_type,
          user_id: values.user_id,
          active: values.active,
          versions: values.versions,
          last_modified: values.last_modified,
        })
        .where("seq", "=", seq)
        .execute();
      await trx.insertInto("hrsim_transaction").values(transactionRow(seq, entry)).execute();
      return next;
    });
    this.changed(earliest(change.enteredAt, entry.entryMoment));
    return updated;
  }

  /** Listeners run after every write (page caches hold counts and boundaries). */
  private readonly listeners: ((enteredAt?: string) => void)[] = [];
  onChange(listener: (enteredAt?: string) => void): void {
    this.listeners.push(listener);
  }
  private changed(enteredAt?: string): void {
    for (const listener of this.listeners) listener(enteredAt);
  }

  async insertWorker(worker: Omit<WorkerRecord, "seq">, entry: TransactionEntry): Promise<WorkerRecord> {
    return this.db.transaction().execute(async (trx) => {
      // Serialise concurrent hires on the seq allocation.
      await sql`lock table hrsim_worker in share row exclusive mode`.execute(trx);
      const max = await trx
        .selectFrom("hrsim_worker")
        .select((eb) => eb.fn.max("seq").as("max"))
        .executeTakeFirst();
      const seq = Number(max?.max ?? 0) + 1;
      const record: WorkerRecord = { ...worker, seq };
      await trx.insertInto("hrsim_worker").values(rowOf(record)).execute();
      await trx.insertInto("hrsim_transaction").values(transactionRow(seq, entry)).execute();
      return record;
    }).finally(() => this.changed(entry.entryMoment));
  }
}
