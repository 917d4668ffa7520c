import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, runMigrations, sql } from "../index.js";
import { type PostgresServer, startPostgres } from "./postgres-server.js";

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe("startPostgres", () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(() => server?.stop());

  it("runs a private server on 127.0.0.1 with durability off", async () => {
    expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/postgres`);
    expect(Number(server.version.split(".")[0])).toBeGreaterThanOrEqual(15);
    const rows = await query<{ fsync: string; listen: string; socket: string }>(
      server.url,
      "select current_setting('fsync') as fsync, current_setting('listen_addresses') as listen, current_setting('unix_socket_directories') as socket",
    );
    expect(rows[0]).toMatchObject({ fsync: "off", listen: "127.0.0.1" });
    expect(rows[0]!.socket).toMatch(/^\/tmp\/roster-pg-/);
  });

  it("is shared by every caller in the process", async () => {
    const second = await startPostgres();
    expect(second.port).toBe(server.port);
    await second.stop();
    // The first handle still holds it up.
    expect(await query<{ one: number }>(server.url, "select 1 as one")).toEqual([{ one: 1 }]);
  });

  it("creates empty databases quickly, with unique default names", async () => {
    const started = performance.now();
    const [a, b] = await Promise.all([server.createDatabase(), server.createDatabase()]);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(a).not.toBe(b);
    await query(a!, "create table only_in_a (id int)");
    expect(await query(b!, "select * from pg_tables where tablename = 'only_in_a'")).toEqual([]);
    const named = await server.createDatabase("named_db");
    expect(named).toBe(`postgres://postgres@127.0.0.1:${server.port}/named_db`);
    await server.dropDatabase("named_db");
    await expect(server.createDatabase("Bad-Name")).rejects.toThrow(
      'Test database name "Bad-Name" must be a lower-case SQL identifier.',
    );
  });

  it("clones a migrated template once per name", async () => {
    let setups = 0;
    const setup = async (url: string) => {
      setups++;
      const database = await openDatabase({ url });
      await runMigrations(
        database.db,
        {
          "001_worker": { up: (db) => sql`create table worker (id int primary key)`.execute(db).then(() => undefined) },
        },
        { tablePrefix: "tpl" },
      );
      await database.db
        .insertInto("worker" as never)
        .values({ id: 7 } as never)
        .execute();
      await database.close();
    };
    const [first, second] = await Promise.all([
      server.createTemplate("migrated_tpl", setup),
      server.createTemplate("migrated_tpl", setup),
    ]);
    expect([first, second]).toEqual(["migrated_tpl", "migrated_tpl"]);
    expect(setups).toBe(1);
    const clone = await server.createDatabase(undefined, { template: "migrated_tpl" });
    expect(await query(clone, "select id from worker")).toEqual([{ id: 7 }]);
    await query(clone, "insert into worker values (8)");
    const otherClone = await server.createDatabase(undefined, { template: "migrated_tpl" });
    expect(await query(otherClone, "select id from worker")).toEqual([{ id: 7 }]);
  });
});

describe("stopping", () => {
  it("removes the server and its directory when the last handle stops", async () => {
    const before = new Set(readdirSync("/tmp").filter((name) => name.startsWith("roster-pg-")));
    const server = await startPostgres();
    const created = readdirSync("/tmp").filter((name) => name.startsWith("roster-pg-") && !before.has(name));
    expect(created).toHaveLength(1);
    await server.stop();
    await server.stop(); // a second stop is harmless
    expect(existsSync(`/tmp/${created[0]}`)).toBe(false);
    await expect(query(server.url, "select 1")).rejects.toThrow(/ECONNREFUSED/);
  }, 60_000);
});

describe("a killed test process", () => {
  it("leaves no server and no directory behind", async () => {
    const scriptDir = mkdtempSync(join(tmpdir(), "roster-pg-kill-"));
    const script = join(scriptDir, "start.mts");
    const module = fileURLToPath(new URL("./postgres-server.ts", import.meta.url));
    writeFileSync(
      script,
      `import { startPostgres } from ${JSON.stringify(module)};\n` +
        "const server = await startPostgres();\nconsole.log(server.port);\nsetInterval(() => {}, 1000);\n",
    );
    const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
        child.once("exit", (code) => reject(new Error(`child exited with ${code}`)));
      });
      const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      const [{ dir }] = (await query<{ dir: string }>(
        url,
        "select current_setting('unix_socket_directories') as dir",
      )) as [{ dir: string }];
      expect(existsSync(dir)).toBe(true);
      child.kill("SIGKILL");
      // The watchdog polls every 0.5 s, then stops the server and deletes its directory.
      let down = false;
      for (let i = 0; i < 40 && !down; i++) {
        await sleep(250);
        down =
          !existsSync(dir) &&
          (await query(url, "select 1").then(
            () => false,
            () => true,
          ));
      }
      expect(down).toBe(true);
    } finally {
      child.kill("SIGKILL");
      rmSync(scriptDir, { recursive: true, force: true });
    }
  }, 30_000);
});
