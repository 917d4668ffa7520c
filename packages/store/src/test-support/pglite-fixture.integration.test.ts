import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Kysely, sql } from "../index.js";
import { openPGliteFixture } from "./pglite-fixture.js";
import type { AnySchema } from "../any-schema.js";

const dir = mkdtempSync(join(tmpdir(), "roster-pglite-snap-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// PGlite instances in this file are opened one after another, never two at a time.
describe("openPGliteFixture", () => {
  const snapshot = join(dir, "seeded.tar");

  it("builds a snapshot file once, shares the instance, and rejects a second snapshot", async () => {
    let builds = 0;
    const build = async (db: Kysely<AnySchema>) => {
      builds++;
      await sql`create table seed (id int primary key)`.execute(db);
      await sql`insert into seed values (1), (2)`.execute(db);
    };
    const fixture = await openPGliteFixture({ snapshot, build });
    expect(builds).toBe(1);
    expect(statSync(snapshot).size).toBeGreaterThan(1_000_000);
    const shared = await openPGliteFixture({ snapshot, build });
    expect(shared.pglite).toBe(fixture.pglite);
    await expect(openPGliteFixture()).rejects.toThrow("already has a PGlite fixture started from a different snapshot");
    await sql`insert into seed values (3)`.execute(shared.db);
    await shared.close();
    expect(fixture.pglite.closed).toBe(false);
    await fixture.close();
    expect(fixture.pglite.closed).toBe(true);
  }, 60_000);

  it("starts from the saved snapshot without building again", async () => {
    const fixture = await openPGliteFixture({
      snapshot,
      build: async () => {
        throw new Error("must not build: the snapshot file exists");
      },
    });
    try {
      // Row 3 was written after the snapshot was saved, so it is not there.
      expect((await sql<{ id: number }>`select id from seed order by id`.execute(fixture.db)).rows).toEqual([
        { id: 1 },
        { id: 2 },
      ]);
    } finally {
      await fixture.close();
    }
  }, 60_000);

  it("names a snapshot file that cannot be read", async () => {
    await expect(openPGliteFixture({ snapshot: join(dir, "missing.tar") })).rejects.toThrow(
      `Cannot read the PGlite snapshot ${join(dir, "missing.tar")}`,
    );
  });
});
