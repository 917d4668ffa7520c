/**
 * The same suite against embedded PGlite and a real PostgreSQL server: both dialects must
 * behave alike for everything the apps rely on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StoreError } from "./errors/store-error.js";
import { type Database, openDatabase } from "./index.js";
import {
  insertInBatches,
  jsonb,
  keysetPages,
  keysetRows,
  sql,
  withTransaction,
  type Kysely,
  type Migration,
} from "./index.js";
import { appliedMigrations, runMigrations } from "./migrations/run-migrations.js";
import { type PGliteFixture, type PostgresServer, openPGliteFixture, startPostgres } from "./test-support/index.js";
import type { AnySchema } from "./any-schema.js";

interface Target {
  readonly name: "pglite" | "postgres";
  open(): Promise<Database<AnySchema>>;
  close(): Promise<void>;
}

let pgliteFixture: PGliteFixture | undefined;
let server: PostgresServer | undefined;
let postgresDatabase: Database<AnySchema> | undefined;

const targets: Target[] = [
  {
    name: "pglite",
    async open() {
      pgliteFixture = await openPGliteFixture();
      return pgliteFixture.database;
    },
    close: async () => pgliteFixture?.close(),
  },
  {
    name: "postgres",
    async open() {
      server = await startPostgres();
      postgresDatabase = await openDatabase({ url: await server.createDatabase() });
      return postgresDatabase;
    },
    async close() {
      await postgresDatabase?.close();
      await server?.stop();
    },
  },
];

// One PGlite and one PostgreSQL server for the whole file: these handles keep them up
// between the describe blocks, which share them.
let fileHandles: [PGliteFixture, PostgresServer] | undefined;
beforeAll(async () => {
  fileHandles = await Promise.all([openPGliteFixture(), startPostgres()]);
}, 60_000);
afterAll(async () => {
  await fileHandles?.[0].close();
  await fileHandles?.[1].stop();
}, 30_000);

const createTable = (name: string): Migration => ({
  async up(db) {
    await db.schema
      .createTable(name)
      .addColumn("id", "integer", (c) => c.primaryKey())
      .execute();
  },
});

describe.each(targets)("store on $name", (target) => {
  let database: Database<AnySchema>;
  let db: Kysely<AnySchema>;

  beforeAll(async () => {
    database = await target.open();
    db = database.db;
  }, 60_000);
  afterAll(() => target.close(), 30_000);

  it("reports its dialect", () => {
    expect(database.dialect).toBe(target.name);
  });

  it("applies migrations once, in name order, and is idempotent", async () => {
    const order: string[] = [];
    const migrations: Record<string, Migration> = {
      "002_add_name": {
        async up(trx) {
          order.push("002");
          await trx.schema.alterTable("mig_person").addColumn("name", "text").execute();
        },
      },
      "001_person": {
        async up(trx) {
          order.push("001");
          await createTable("mig_person").up(trx);
        },
      },
    };
    expect(await runMigrations(db, migrations, { tablePrefix: "idem" })).toEqual(["001_person", "002_add_name"]);
    expect(await runMigrations(db, migrations, { tablePrefix: "idem" })).toEqual([]);
    expect(order).toEqual(["001", "002"]);
    await db.insertInto("mig_person").values({ id: 1, name: "Ada" }).execute();
    expect(await appliedMigrations(db, { tablePrefix: "idem" })).toEqual(["001_person", "002_add_name"]);

    // A later release adds a migration: only that one runs.
    const next = {
      ...migrations,
      "003_index": {
        up: (trx: Kysely<AnySchema>) =>
          trx.schema.createIndex("mig_person_name").on("mig_person").column("name").execute(),
      },
    };
    expect(await runMigrations(db, next, { tablePrefix: "idem" })).toEqual(["003_index"]);
  });

  it("keeps two migration sets apart in one database (prefix and schema)", async () => {
    const coordinator = { "001_a": createTable("set_coordinator_a"), "002_b": createTable("set_coordinator_b") };
    const simulator = { "001_a": createTable("set_sim_a") };
    expect(await runMigrations(db, coordinator, { tablePrefix: "coordinator_set" })).toEqual(["001_a", "002_b"]);
    // Same migration name, other set: it runs, and neither set sees the other's history.
    expect(await runMigrations(db, simulator, { tablePrefix: "sim_set", schema: "sim_meta" })).toEqual(["001_a"]);
    expect(await runMigrations(db, coordinator, { tablePrefix: "coordinator_set" })).toEqual([]);
    expect(await runMigrations(db, simulator, { tablePrefix: "sim_set", schema: "sim_meta" })).toEqual([]);
    expect(await appliedMigrations(db, { tablePrefix: "sim_set", schema: "sim_meta" })).toEqual(["001_a"]);
    expect(await appliedMigrations(db, { tablePrefix: "sim_set" })).toEqual([]);
    const tables = await sql<{ schema: string; name: string }>`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_name like '%set_migration' order by 1, 2`.execute(db);
    expect(tables.rows).toEqual([
      { schema: "public", name: "coordinator_set_migration" },
      { schema: "sim_meta", name: "sim_set_migration" },
    ]);
  });

  it("names a failing migration and applies none of the run", async () => {
    const migrations: Record<string, Migration> = {
      "001_ok": createTable("fail_ok"),
      "002_broken": { up: (trx) => sql`alter table no_such_table add column x int`.execute(trx).then(() => undefined) },
    };
    const error = await runMigrations(db, migrations, { tablePrefix: "failing" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(/^Migration "002_broken" of set "failing" failed: .*no_such_table/);
    expect((error as StoreError).details).toEqual({ migrationSet: "failing", migration: "002_broken" });
    expect(await appliedMigrations(db, { tablePrefix: "failing" })).toEqual([]);
    const exists = await sql<{
      n: number;
    }>`select count(*) as n from information_schema.tables where table_name = 'fail_ok'`.execute(db);
    expect(exists.rows[0]?.n).toBe(0);
  });

  it("refuses a set whose applied migration disappeared from the code", async () => {
    await runMigrations(db, { "001_x": createTable("gone_x") }, { tablePrefix: "gone" });
    await expect(runMigrations(db, { "002_y": createTable("gone_y") }, { tablePrefix: "gone" })).rejects.toThrow(
      /^Migrations of set "gone" cannot run: .*001_x is missing/,
    );
  });

  it("refuses a new migration that sorts before an applied one", async () => {
    await runMigrations(db, { "002_b": createTable("late_b") }, { tablePrefix: "late" });
    await expect(
      runMigrations(db, { "001_a": createTable("late_a"), "002_b": createTable("late_b") }, { tablePrefix: "late" }),
    ).rejects.toThrow(
      /^Migrations of set "late" cannot run: .*New migrations must always have a name that comes alphabetically after/,
    );
  });

  it("inserts 20,000 streamed rows in batches and pages through them in stable key order", async () => {
    await sql`create table page_worker (id integer primary key, grp integer not null, name text not null)`.execute(db);
    const total = 20_000;
    async function* workers() {
      // Rows arrive in an order unrelated to the keys.
      for (let i = 0; i < total; i++) {
        const id = (i * 7919) % total;
        yield { id, grp: id % 13, name: `worker ${id}` };
      }
    }
    const result = await withTransaction(db, (trx) =>
      insertInBatches(trx, "page_worker", workers(), { batchSize: 1000 }),
    );
    expect(result).toEqual({ inserted: total, statements: 20 });

    const pageSize = 1500;
    const seen: { id: number; grp: number }[] = [];
    let pages = 0;
    for await (const page of keysetPages(db.selectFrom("page_worker").select(["id", "grp"]), {
      keys: [{ column: "grp" }, { column: "page_worker.id", field: "id" }],
      pageSize,
    })) {
      pages++;
      expect(page.length).toBeLessThanOrEqual(pageSize);
      seen.push(...page);
    }
    expect(pages).toBe(Math.ceil(total / pageSize));
    expect(seen).toHaveLength(total);
    const expected = seen.toSorted((a, b) => a.grp - b.grp || a.id - b.id);
    expect(seen).toEqual(expected);
    expect(new Set(seen.map((row) => row.id)).size).toBe(total);

    // Mixed directions (grp descending, id ascending), filtered, resumed from a cursor.
    const query = db.selectFrom("page_worker").select(["id", "grp"]).where("id", "<", 5000);
    const keys = [{ column: "grp", direction: "desc" as const }, { column: "id" }] as const;
    const all: { id: number; grp: number }[] = [];
    for await (const row of keysetRows(query, { keys: [...keys], pageSize: 333 })) all.push(row);
    expect(all).toEqual(all.toSorted((a, b) => b.grp - a.grp || a.id - b.id));
    expect(all).toHaveLength(5000);
    const cut = all[2500]!;
    const rest: { id: number; grp: number }[] = [];
    for await (const row of keysetRows(query, { keys: [...keys], pageSize: 400, after: [cut.grp, cut.id] }))
      rest.push(row);
    expect(rest).toEqual(all.slice(2501));
  }, 30_000);

  it("reports a keyset key that is missing from the result rows", async () => {
    await sql`create table page_small (id integer primary key, v text)`.execute(db);
    await db
      .insertInto("page_small")
      .values([
        { id: 1, v: "a" },
        { id: 2, v: "b" },
      ])
      .execute();
    const pages = keysetPages(db.selectFrom("page_small").select("v"), { keys: [{ column: "id" }], pageSize: 1 });
    await expect(pages.next()).rejects.toThrow('keysetPages key field "id" is missing in a result row');
    const ordered = keysetPages(db.selectFrom("page_small").selectAll().orderBy("v"), { keys: [{ column: "id" }] });
    await expect(ordered.next()).rejects.toThrow("keysetPages adds ORDER BY and LIMIT itself");
  });

  it("returns the same JavaScript values on both dialects", async () => {
    const result = await sql<Record<string, unknown>>`
      select 42::int8 as small, 9007199254740993::int8 as big, count(*) as counted,
             '2024-02-29'::date as day, '2024-02-29 10:11:12.5'::timestamp as local_time,
             '2024-02-29 10:11:12.5+02'::timestamptz as instant, 1.50::numeric(4,2) as exact,
             array[1, 2]::int8[] as ids, array['2024-01-01'::date] as days, '\\x01ff'::bytea as bytes,
             true as flag, '{"a": [1, null]}'::jsonb as doc
      from (values (1), (2)) as t(x)`.execute(db);
    const row = result.rows[0]!;
    expect({ ...row, bytes: [...(row.bytes as Uint8Array)] }).toEqual({
      small: 42,
      big: 9007199254740993n,
      counted: 2,
      day: "2024-02-29",
      local_time: "2024-02-29 10:11:12.5",
      instant: new Date("2024-02-29T08:11:12.500Z"),
      exact: "1.50",
      ids: [1, 2],
      days: ["2024-01-01"],
      bytes: [1, 255],
      flag: true,
      doc: { a: [1, null] },
    });
  });

  it("writes jsonb values, top-level arrays included, and reads them back parsed", async () => {
    await sql`create table json_doc (id integer primary key, doc jsonb)`.execute(db);
    const docs = [[1, "two", { three: 3 }], { nested: { list: [] } }, "text", 12.5, null, { big: 12n }];
    await insertInBatches(
      db,
      "json_doc",
      docs.map((doc, id) => ({ id, doc: jsonb(doc) })),
    );
    const rows = await db.selectFrom("json_doc").select(["id", "doc"]).orderBy("id").execute();
    expect(rows.map((row) => row.doc)).toEqual([
      [1, "two", { three: 3 }],
      { nested: { list: [] } },
      "text",
      12.5,
      null,
      { big: "12" },
    ]);
    const jsonNull = await sql<{ kind: string }>`select jsonb_typeof(doc) as kind from json_doc where id = 4`.execute(
      db,
    );
    expect(jsonNull.rows[0]?.kind).toBe("null");
  });

  it("batches below the 65,535-parameter limit and applies a modify hook", async () => {
    const columns = Array.from({ length: 40 }, (_, i) => `c${i}`);
    await sql`create table wide_row (id integer primary key, ${sql.raw(columns.map((c) => `${c} integer`).join(", "))})`.execute(
      db,
    );
    const rows = Array.from({ length: 5000 }, (_, id) =>
      Object.fromEntries([["id", id], ...columns.map((c, i) => [c, id + i])]),
    );
    // 41 columns × 5000 rows would be 205,000 parameters in one statement.
    expect(await insertInBatches(db, "wide_row", rows, { batchSize: 5000 })).toEqual({ inserted: 5000, statements: 4 });
    const again = await insertInBatches(db, "wide_row", rows.slice(0, 10), {
      modify: (qb) => qb.onConflict((oc) => oc.column("id").doNothing()),
    });
    expect(again).toEqual({ inserted: 0, statements: 1 });
    const sum = await sql<{ total: number }>`select sum(c39) as total from wide_row`.execute(db);
    expect(Number(sum.rows[0]?.total)).toBe((4999 * 5000) / 2 + 39 * 5000);
  });

  it("rolls back and rethrows other errors without retrying", async () => {
    await sql`create table tx_unique (id integer primary key)`.execute(db);
    let attempts = 0;
    const error = await withTransaction(db, async (trx) => {
      attempts++;
      await trx.insertInto("tx_unique").values({ id: 1 }).execute();
      await trx.insertInto("tx_unique").values({ id: 1 }).execute();
    }).catch((e: unknown) => e);
    expect(attempts).toBe(1);
    expect((error as { code?: string }).code).toBe("23505");
    const count = await sql<{ n: number }>`select count(*) as n from tx_unique`.execute(db);
    expect(count.rows[0]?.n).toBe(0);
  });

  it("joins an outer transaction instead of nesting", async () => {
    await sql`create table tx_outer (id integer primary key)`.execute(db);
    await withTransaction(db, async (outer) => {
      await outer.insertInto("tx_outer").values({ id: 1 }).execute();
      await withTransaction(outer, (inner, attempt) => {
        expect(inner).toBe(outer);
        expect(attempt).toBe(1);
        return inner.insertInto("tx_outer").values({ id: 2 }).execute();
      });
    });
    expect((await db.selectFrom("tx_outer").select("id").orderBy("id").execute()).map((r) => r.id)).toEqual([1, 2]);
  });
});

describe("postgres: serialization failures", () => {
  let database: Database<AnySchema>;
  let postgres: PostgresServer;

  beforeAll(async () => {
    postgres = await startPostgres();
    database = await openDatabase({ url: await postgres.createDatabase(), poolSize: 4 });
    await sql`create table account (id integer primary key, balance integer not null)`.execute(database.db);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await postgres?.stop();
  });

  /** Commits a write to the row through another connection after `trx` took its snapshot: the next write in `trx` fails with 40001. */
  async function interfere(trx: Kysely<AnySchema>, balance: number): Promise<number> {
    const row = await trx.selectFrom("account").select("balance").where("id", "=", 1).executeTakeFirstOrThrow();
    await database.db.updateTable("account").set({ balance }).where("id", "=", 1).execute();
    return row.balance as number;
  }

  it("runs the transaction again and succeeds", async () => {
    await sql`insert into account values (1, 100) on conflict (id) do update set balance = 100`.execute(database.db);
    const retries: string[] = [];
    const result = await withTransaction(
      database.db,
      async (trx, attempt) => {
        const balance =
          attempt === 1
            ? await interfere(trx, 500)
            : (await trx.selectFrom("account").select("balance").where("id", "=", 1).executeTakeFirstOrThrow()).balance;
        await trx
          .updateTable("account")
          .set({ balance: balance + 1 })
          .where("id", "=", 1)
          .execute();
        return { attempt, balance: balance + 1 };
      },
      { isolationLevel: "serializable", onRetry: ({ sqlState }) => retries.push(sqlState) },
    );
    expect(result).toEqual({ attempt: 2, balance: 501 });
    expect(retries).toEqual(["40001"]);
    expect((await database.db.selectFrom("account").select("balance").executeTakeFirstOrThrow()).balance).toBe(501);
  });

  it("gives up after maxAttempts with an error that says why", async () => {
    await sql`insert into account values (1, 100) on conflict (id) do update set balance = 100`.execute(database.db);
    let attempts = 0;
    const error = await withTransaction(
      database.db,
      async (trx) => {
        attempts++;
        const balance = await interfere(trx, 1000 + attempts);
        await trx
          .updateTable("account")
          .set({ balance: balance + 1 })
          .where("id", "=", 1)
          .execute();
      },
      { isolationLevel: "repeatable read", maxAttempts: 3, retryDelayMs: 1 },
    ).catch((e: unknown) => e);
    expect(attempts).toBe(3);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(
      /^Transaction gave up after 3 attempt\(s\): serialization failure \(SQLSTATE 40001\)/,
    );
    expect((error as StoreError).details).toEqual({ attempts: 3, sqlState: "40001" });
    expect((await database.db.selectFrom("account").select("balance").executeTakeFirstOrThrow()).balance).toBe(1003);
  });

  it("reports a wrong database without the password", async () => {
    const url = `postgres://postgres:Zq9-pw@127.0.0.1:${postgres.port}/no_such_db`;
    const error = await openDatabase({ url }).catch((e: unknown) => e);
    expect((error as StoreError).message).toBe(
      `Cannot connect to the database postgres://postgres:***@127.0.0.1:${postgres.port}/no_such_db: database "no_such_db" does not exist`,
    );
    expect((error as StoreError).details).toMatchObject({ sqlState: "3D000" });
    expect(JSON.stringify(error)).not.toContain("Zq9-pw");
  });
});

describe("pglite: one connection, transactions one at a time", () => {
  let fixture: PGliteFixture;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    fixture = await openPGliteFixture();
    await sql`create table counter (id integer primary key, n integer not null)`.execute(fixture.db);
    await sql`create table event (v text not null)`.execute(fixture.db);
  }, 60_000);
  afterAll(() => fixture?.close());

  it("runs concurrent read-modify-write transactions without interleaving", async () => {
    await sql`insert into counter values (1, 0)`.execute(fixture.db);
    const inside: number[] = [];
    let active = 0;
    await Promise.all(
      Array.from({ length: 12 }, () =>
        withTransaction(fixture.db, async (trx) => {
          inside.push(++active);
          const { n } = await trx.selectFrom("counter").select("n").where("id", "=", 1).executeTakeFirstOrThrow();
          await sleep(2);
          await trx
            .updateTable("counter")
            .set({ n: n + 1 })
            .where("id", "=", 1)
            .execute();
          active--;
        }),
      ),
    );
    expect((await fixture.db.selectFrom("counter").select("n").executeTakeFirstOrThrow()).n).toBe(12);
    expect(Math.max(...inside)).toBe(1);
  });

  it("keeps a statement issued during another transaction out of it", async () => {
    const settled = await Promise.allSettled([
      withTransaction(fixture.db, async (trx) => {
        await trx.insertInto("event").values({ v: "rolled back" }).execute();
        await sleep(20);
        throw new Error("abort");
      }),
      (async () => {
        await sleep(5);
        await fixture.db.insertInto("event").values({ v: "committed" }).execute();
      })(),
    ]);
    expect(settled.map((s) => s.status)).toEqual(["rejected", "fulfilled"]);
    expect(await fixture.db.selectFrom("event").select("v").execute()).toEqual([{ v: "committed" }]);
  });
});
