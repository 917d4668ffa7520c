import { readFile, rename, writeFile } from "node:fs/promises";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import type { Kysely } from "kysely";
import { StoreError, messageOf } from "../errors/store-error.js";
import { type Database, databaseFromPGlite } from "../open-database.js";
import { pgliteParsers } from "../value-types.js";
import type { AnySchema } from "../any-schema.js";

export interface PGliteFixtureOptions {
  /**
   * Start from a `dumpDataDir()` snapshot instead of an empty database: a Blob, or the
   * path of a file written by {@link PGliteFixture.saveSnapshot}. With `build`, a missing
   * file is created: the fixture starts empty, runs `build`, and saves the snapshot there
   * for the next test run.
   */
  readonly snapshot?: Blob | string;
  /** Fills a fresh database (say, migrations and seed rows) before a snapshot file is written. */
  readonly build?: (db: Kysely<AnySchema>) => Promise<void>;
}

export interface PGliteFixture<DB = AnySchema> {
  readonly database: Database<DB>;
  readonly db: Kysely<DB>;
  readonly pglite: PGlite;
  /** Writes a snapshot of the current data (uncompressed tar: loads fastest) atomically to `path`. */
  saveSnapshot(path: string): Promise<void>;
  /** Releases this handle; PGlite closes when the last handle of the test file is released. */
  close(): Promise<void>;
}

interface SharedPGlite {
  readonly key: Blob | string | undefined;
  readonly pglite: PGlite;
  readonly database: Database<AnySchema>;
  handles: number;
}

let shared: Promise<SharedPGlite> | undefined;

/**
 * The test file's PGlite. PGlite takes seconds to start and hundreds of megabytes, so a
 * test file gets at most one: later calls share it (give each suite its own tables or
 * schema), and asking for a different snapshot while it is open is an error.
 */
export async function openPGliteFixture<DB = AnySchema>(
  options: PGliteFixtureOptions = {},
): Promise<PGliteFixture<DB>> {
  const key = options.snapshot;
  if (shared === undefined) {
    shared = start(options).catch((error: unknown) => {
      shared = undefined;
      throw error;
    });
  }
  const current = await shared;
  if (current.key !== key) {
    throw new StoreError(
      "InvalidConfiguration",
      "This test file already has a PGlite fixture started from a different snapshot; a test file gets one PGlite " +
        "(close the first fixture before opening another).",
      {},
    );
  }
  current.handles++;
  let released = false;
  const database = current.database as Database<DB>;
  return {
    database,
    db: database.db,
    pglite: current.pglite,
    saveSnapshot: (path) => saveSnapshot(current.pglite, path),
    async close() {
      if (released) return;
      released = true;
      current.handles--;
      if (current.handles > 0) return;
      if (shared !== undefined && (await shared) === current) shared = undefined;
      await current.database.close();
    },
  };
}

async function start(options: PGliteFixtureOptions): Promise<SharedPGlite> {
  const { snapshot, build } = options;
  let loadDataDir: Blob | undefined;
  if (snapshot instanceof Blob) loadDataDir = snapshot;
  else if (typeof snapshot === "string") loadDataDir = await readSnapshot(snapshot, build !== undefined);
  else if (build !== undefined) {
    throw new StoreError(
      "InvalidConfiguration",
      'PGlite fixture option "build" needs option "snapshot" (the file to save into).',
      {
        option: "build",
      },
    );
  }

  const pgliteOptions: PGliteOptions = { parsers: pgliteParsers, relaxedDurability: true };
  if (loadDataDir !== undefined) pgliteOptions.loadDataDir = loadDataDir;
  const pglite = await PGlite.create(pgliteOptions);
  const database = await databaseFromPGlite<AnySchema>(pglite, { target: "pglite:test" });
  if (loadDataDir === undefined && typeof snapshot === "string" && build !== undefined) {
    try {
      await build(database.db);
      await saveSnapshot(pglite, snapshot);
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return { key: snapshot, pglite, database, handles: 0 };
}

async function readSnapshot(path: string, mayBeMissing: boolean): Promise<Blob | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if (mayBeMissing && (error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new StoreError(
      "InvalidConfiguration",
      `Cannot read the PGlite snapshot ${path}: ${messageOf(error)}`,
      { path },
      { cause: error },
    );
  }
  // PGlite picks gzip or plain tar from the blob's type.
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  return new Blob([new Uint8Array(bytes)], { type: gzip ? "application/x-gzip" : "application/x-tar" });
}

async function saveSnapshot(pglite: PGlite, path: string): Promise<void> {
  const dump = await pglite.dumpDataDir("none");
  // Parallel test workers may build the same snapshot: write aside, then rename over.
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, new Uint8Array(await dump.arrayBuffer()));
  await rename(temporary, path);
}
