/**
 * Process plumbing shared by the private test servers: locating binaries, free ports, and
 * making sure a server never outlives the test process (normal stop, process exit, or the
 * test runner being killed).
 */
import { spawn, execFile, type ChildProcess } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createServer, connect } from "node:net";
import { delimiter, join } from "node:path";

const SYSTEM_DIRS = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"];

/** Absolute path of `name`, or an error telling which Debian packages provide it. */
export function requireExecutable(name: string, debianPackages: string): string {
  const dirs = [...(process.env["PATH"] ?? "").split(delimiter).filter(Boolean), ...SYSTEM_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(
    `${name} is not installed; install it with: apt-get install -y --no-install-recommends ${debianPackages}`,
  );
}

export function run(command: string, args: readonly string[], timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(" ")} failed: ${error.message}\n${stderr}${stdout}`.slice(0, 8000)));
      else resolve(stdout);
    });
  });
}

/** A TCP port that was free on `host` a moment ago. */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** True when `port` on `host` can be bound right now. */
export function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Tracked {
  readonly child: ChildProcess;
  readonly directory: string;
}

const tracked = new Set<Tracked>();
let exitHookInstalled = false;

/**
 * Ties a server process to this process: on exit it is killed and its directory removed,
 * and a detached watchdog does the same if this process dies without running exit hooks
 * (it notices when its stdin pipe from us closes).
 */
export function superviseServer(child: ChildProcess, directory: string): () => Promise<void> {
  const entry: Tracked = { child, directory };
  tracked.add(entry);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => {
      for (const { child: server, directory: dir } of tracked) {
        server.kill("SIGKILL");
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
  const pid = child.pid!;
  const quotedDir = `'${directory.replaceAll("'", "'\\''")}'`;
  const watchdog = spawn(
    "sh",
    ["-c", `read _; kill -TERM ${pid} 2>/dev/null; sleep 3; kill -KILL ${pid} 2>/dev/null; rm -rf ${quotedDir}`],
    { stdio: ["pipe", "ignore", "ignore"], detached: true },
  );
  watchdog.unref();
  watchdog.stdin?.on("error", () => undefined);
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();

  let stopping: Promise<void> | undefined;
  return () =>
    (stopping ??= (async () => {
      const exited = child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(killer);
      watchdog.kill("SIGKILL");
      rmSync(directory, { recursive: true, force: true });
      tracked.delete(entry);
    })());
}
