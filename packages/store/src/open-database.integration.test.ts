import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type QueryLogEntry, openDatabase, runMigrations, sql } from "./index.js";

// Embedded PGlite on disk: opened, closed, and opened again (one instance at a time).
const dir = mkdtempSync(join(tmpdir(), "roster-store-datadir-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const migrations = {
  "001_setting": {
    up: async (db: Parameters<typeof runMigrations>[0]) => {
      await sql`create table setting (key text primary key, value text not null)`.execute(db);
    },
  },
};

describe("openDatabase with a dataDir", () => {
  const dataDir = join(dir, "nested", "db");

  it("creates the directory, keeps data across reopening, and logs statements without their values", async () => {
    const log: QueryLogEntry[] = [];
    const first = await openDatabase<{ setting: { key: string; value: string } }>({
      dataDir,
      logQueries: (entry) => log.push(entry),
    });
    expect(first.dialect).toBe("pglite");
    expect(first.target).toBe(`pglite:${dataDir}`);
    expect(await runMigrations(first.db, migrations, { tablePrefix: "app" })).toEqual(["001_setting"]);
    await first.db.insertInto("setting").values({ key: "tenant", value: "Zq9-private-value" }).execute();
    await first.db
      .insertInto("setting")
      .values({ key: "tenant", value: "x" })
      .execute()
      .catch(() => undefined);
    await first.close();
    await first.close(); // harmless twice

    const insert = log.find((entry) => entry.level === "query" && entry.sql.startsWith('insert into "setting"'));
    expect(insert).toMatchObject({ parameterCount: 2 });
    const failure = log.find((entry) => entry.level === "error");
    expect(failure).toMatchObject({ sqlState: "23505", parameterCount: 2 });
    expect(JSON.stringify(log)).not.toContain("Zq9-private-value");

    const second = await openDatabase<{ setting: { key: string; value: string } }>({ dataDir });
    try {
      expect(await runMigrations(second.db, migrations, { tablePrefix: "app" })).toEqual([]);
      // A small buffer pool: the embedded server's memory is the app's.
      const buffers = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(second.db);
      expect(buffers.rows[0]?.shared_buffers).toBe("16MB");
      expect(await second.db.selectFrom("setting").selectAll().execute()).toEqual([
        { key: "tenant", value: "Zq9-private-value" },
      ]);
    } finally {
      await second.close();
    }
  }, 60_000);
});
