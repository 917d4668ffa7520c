import { execFile, execFileSync, spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { StoreError, messageOf } from "../errors/store-error.js";
import { findPostgresBinDir } from "./postgres-binaries.js";

const run = promisify(execFile);
const DATABASE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A private PostgreSQL server for tests (superuser "postgres", trust auth, 127.0.0.1 only). */
export interface PostgresServer {
  /** URL of the server's "postgres" database. */
  readonly url: string;
  readonly port: number;
  /** e.g. "15.18" */
  readonly version: string;
  /**
   * Creates a fresh database (CREATE DATABASE … TEMPLATE, tens of milliseconds) and
   * returns its URL. Default name: a unique one; default template: template1.
   */
  createDatabase(name?: string, options?: { template?: string }): Promise<string>;
  /**
   * Creates the template `name` once per server: runs `setup` against it (say, the
   * migrations), then closes it to connections so createDatabase can clone it.
   */
  createTemplate(name: string, setup: (url: string) => Promise<void>): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  /** Releases this handle; the server stops (and its files go) when the last handle is released. */
  stop(): Promise<void>;
}

interface RunningServer {
  readonly port: number;
  readonly version: string;
  readonly baseDir: string;
  readonly dataDir: string;
  readonly admin: pg.Client;
  readonly templates: Map<string, Promise<string>>;
  readonly watchdog: number | undefined;
  readonly asPostgres: (command: string, args: string[]) => [string, string[]];
  readonly binDir: string;
  readonly onExit: () => void;
}

let shared: Promise<RunningServer> | undefined;
let handles = 0;
let databaseCounter = 0;

/**
 * Starts (or joins) this process's private PostgreSQL server: initdb into a fresh /tmp
 * directory (as the postgres user when running as root), fsync off, a free port on
 * 127.0.0.1, the unix socket inside that directory. It is stopped and removed when the
 * last handle stops, when the process exits, and — if the process is killed — by a
 * small watchdog. Throws (never skips) when the PostgreSQL binaries are missing.
 */
export async function startPostgres(): Promise<PostgresServer> {
  handles++;
  shared ??= launch().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  let server: RunningServer;
  try {
    server = await shared;
  } catch (error) {
    handles--;
    throw error;
  }
  let released = false;
  const urlOf = (database: string): string => `postgres://postgres@127.0.0.1:${server.port}/${database}`;

  const createDatabase = async (name?: string, options: { template?: string } = {}): Promise<string> => {
    const database = name ?? `test_${process.pid}_${++databaseCounter}`;
    checkName(database, "database");
    const template = options.template ?? "template1";
    checkName(template, "template");
    try {
      await server.admin.query(`create database "${database}" template "${template}"`);
    } catch (error) {
      throw new StoreError(
        "InternalError",
        `Cannot create test database "${database}" from template "${template}": ${messageOf(error)}` +
          (messageOf(error).includes("being accessed") ? " (close every connection to the template first)" : ""),
        { database, template },
        { cause: error },
      );
    }
    return urlOf(database);
  };

  return {
    url: urlOf("postgres"),
    port: server.port,
    version: server.version,
    createDatabase,
    createTemplate(name, setup) {
      checkName(name, "template");
      let template = server.templates.get(name);
      if (template === undefined) {
        template = (async () => {
          await createDatabase(name);
          await setup(urlOf(name));
          // Lingering connections would make every clone fail; the template is closed for good.
          await server.admin.query(`alter database "${name}" with allow_connections false is_template true`);
          await server.admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1", [name]);
          return name;
        })();
        template.catch(() => server.templates.delete(name));
        server.templates.set(name, template);
      }
      return template;
    },
    async dropDatabase(name) {
      checkName(name, "database");
      await server.admin.query(`drop database if exists "${name}" with (force)`);
    },
    async stop() {
      if (released) return;
      released = true;
      handles--;
      if (handles > 0) return;
      const stopping = shared;
      shared = undefined;
      if (stopping !== undefined) await shutdown(await stopping);
    },
  };
}

async function launch(): Promise<RunningServer> {
  const binDir = findPostgresBinDir();
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUser() : undefined;
  const asPostgres = (command: string, args: string[]): [string, string[]] =>
    owner === undefined ? [command, args] : ["runuser", ["-u", "postgres", "--", command, ...args]];

  // initdb refuses to run as root and the server must reach its files: the directory
  // belongs to the postgres user and lives under /tmp, never inside the checkout.
  const baseDir = mkdtempSync("/tmp/roster-pg-");
  if (owner !== undefined) chownSync(baseDir, owner.uid, owner.gid);
  const dataDir = join(baseDir, "data");
  const watchdog = startWatchdog(binDir, baseDir, dataDir, asPostgres);
  try {
    await run(
      ...asPostgres(join(binDir, "initdb"), [
        "-D",
        dataDir,
        "-U",
        "postgres",
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--no-locale",
        "--no-sync",
      ]),
    );
    const port = await startServer(binDir, baseDir, dataDir, asPostgres);
    const admin = new pg.Client({
      host: "127.0.0.1",
      port,
      user: "postgres",
      database: "postgres",
      application_name: "roster-test-admin",
    });
    await admin.connect();
    const version = (
      await admin.query<{ server_version: string }>("show server_version")
    ).rows[0]!.server_version.split(" ")[0]!;
    const server: RunningServer = {
      port,
      version,
      baseDir,
      dataDir,
      admin,
      templates: new Map(),
      watchdog,
      asPostgres,
      binDir,
      onExit: () => shutdownSync(server),
    };
    process.once("exit", server.onExit);
    return server;
  } catch (error) {
    stopWatchdog(watchdog);
    spawnSync(...asPostgres(join(binDir, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"]), {
      stdio: "ignore",
    });
    rmSync(baseDir, { recursive: true, force: true });
    throw error instanceof StoreError
      ? error
      : new StoreError(
          "InternalError",
          `Cannot start the test PostgreSQL server in ${baseDir}: ${messageOf(error)}`,
          { baseDir },
          { cause: error },
        );
  }
}

async function startServer(
  binDir: string,
  baseDir: string,
  dataDir: string,
  asPostgres: (command: string, args: string[]) => [string, string[]],
): Promise<number> {
  const log = join(baseDir, "server.log");
  let lastError: unknown;
  // The free port can be taken between probing and binding; try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const settings = [
      "-c listen_addresses=127.0.0.1",
      `-p ${port}`,
      `-k ${baseDir}`,
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      "-c max_connections=200",
    ].join(" ");
    try {
      await run(
        ...asPostgres(join(binDir, "pg_ctl"), [
          "-D",
          dataDir,
          "-l",
          log,
          "-w",
          "-s",
          "-t",
          "30",
          "-o",
          settings,
          "start",
        ]),
      );
      return port;
    } catch (error) {
      lastError = error;
    }
  }
  let tail = "";
  try {
    tail = readFileSync(log, "utf8").split("\n").slice(-15).join("\n");
  } catch {
    tail = "(no server log)";
  }
  throw new StoreError("InternalError", `The test PostgreSQL server did not start: ${messageOf(lastError)}\n${tail}`, {
    log,
  });
}

async function shutdown(server: RunningServer): Promise<void> {
  process.off("exit", server.onExit);
  await server.admin.end().catch(() => undefined);
  await run(
    ...server.asPostgres(join(server.binDir, "pg_ctl"), ["-D", server.dataDir, "-m", "immediate", "-w", "stop"]),
  ).catch(() => undefined);
  stopWatchdog(server.watchdog);
  rmSync(server.baseDir, { recursive: true, force: true });
}

/** For process "exit", where only synchronous work runs. */
function shutdownSync(server: RunningServer): void {
  if (!existsSync(server.baseDir)) return;
  spawnSync(
    ...server.asPostgres(join(server.binDir, "pg_ctl"), ["-D", server.dataDir, "-m", "immediate", "-w", "stop"]),
    { stdio: "ignore" },
  );
  stopWatchdog(server.watchdog);
  rmSync(server.baseDir, { recursive: true, force: true });
}

/**
 * A detached shell that stops the server and deletes its directory once this process
 * is gone: vitest may end a worker with a signal, and then no "exit" handler runs.
 */
function startWatchdog(
  binDir: string,
  baseDir: string,
  dataDir: string,
  asPostgres: (command: string, args: string[]) => [string, string[]],
): number | undefined {
  const [command, args] = asPostgres(join(binDir, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
  const stop = [command, ...args].map(shellQuote).join(" ");
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 0.5; done; ${stop} >/dev/null 2>&1; rm -rf ${shellQuote(baseDir)}`;
  const child = spawn("sh", ["-c", script], { detached: true, stdio: "ignore" });
  child.unref();
  return child.pid;
}

function stopWatchdog(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    // Its own process group (detached): this ends the shell and its sleep.
    process.kill(-pid, "SIGTERM");
  } catch {
    // already gone
  }
}

function postgresUser(): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    throw new StoreError(
      "InvalidConfiguration",
      'Running as root, the test PostgreSQL server needs the system user "postgres" (initdb refuses root). ' +
        'Install the Debian package "postgresql", which creates it, or run the tests as a normal user.',
      {},
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function checkName(name: string, what: string): void {
  if (!DATABASE_NAME.test(name)) {
    throw new StoreError(
      "InvalidConfiguration",
      `Test ${what} name ${JSON.stringify(name)} must be a lower-case SQL identifier.`,
      { [what]: name },
    );
  }
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}
