/**
 * A Roster executable run as it ships (node apps/<app>/dist/main.js, built by `npm run build`) in
 * its own process, so its memory and CPU are its own: output goes to a log file, a line can be
 * awaited, /proc/<pid>/status gives its peak resident set (VmHWM) and /proc/<pid>/stat its CPU time.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, existsSync, readFileSync, type WriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPOSITORY_ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");

export const ENTRY_POINTS = {
  // The launcher: its shebang carries the Node flags the coordinator ships with.
  coordinator: join(REPOSITORY_ROOT, "apps/coordinator/bin/roster-coordinator.js"),
  agent: join(REPOSITORY_ROOT, "apps/agent/dist/main.js"),
  hrSim: join(REPOSITORY_ROOT, "apps/hr-sim/dist/main.js"),
} as const;

function nodeArguments(entryPoint: string, args: readonly string[]): string[] {
  // Measuring tsx's on-the-fly compilation would misstate the product's memory and CPU.
  const built = entryPoint.includes("/bin/") ? join(dirname(entryPoint), "../dist/main.js") : entryPoint;
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
  return [...shebangNodeFlags(entryPoint), entryPoint, ...args];
}

/** The flags of a launcher's `#!/usr/bin/env -S node <flags>` line (none for other entry points). */
export function shebangNodeFlags(file: string): string[] {
  if (!file.endsWith(".js") || !file.includes("/bin/")) return [];
  const firstLine = readFileSync(file, "utf8").split("\n", 1)[0] ?? "";
  const match = /^#!\/usr\/bin\/env\s+-S\s+node\s+(.*)$/.exec(firstLine);
  return match === null ? [] : match[1]!.trim().split(/\s+/);
}

/** User + system CPU seconds a process has used so far, from /proc/<pid>/stat (Linux). */
export async function processCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/** USER_HZ: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

export interface ChildOptions {
  /** Node flags before the entry point (e.g. --cpu-prof). */
  readonly nodeFlags?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

export class RosterChild {
  readonly #child: ChildProcess;
  readonly #log: WriteStream;
  #recent = "";
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    readonly logFile: string,
    entryPoint: string,
    args: readonly string[],
    options: ChildOptions = {},
  ) {
    this.#log = createWriteStream(logFile, { flags: "a" });
    this.#child = spawn(
      process.execPath,
      [...(options.nodeFlags ?? []), ...nodeArguments(entryPoint, args)],
      { cwd: REPOSITORY_ROOT, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    const take = (chunk: Buffer) => {
      this.#log.write(chunk);
      // Keep a bounded tail to match awaited lines against.
      this.#recent = (this.#recent + chunk.toString("utf8")).slice(-64 * 1024);
    };
    this.#child.stdout!.on("data", take);
    this.#child.stderr!.on("data", take);
    this.exited = new Promise((resolve) => this.#child.once("exit", (code) => resolve(code)));
  }

  get pid(): number {
    const pid = this.#child.pid;
    if (pid === undefined) throw new Error(`${this.name} did not start`);
    return pid;
  }

  get output(): string {
    return this.#recent;
  }

  async waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => {
      exited = true;
    });
    for (;;) {
      const match = pattern.exec(this.#recent);
      if (match !== null) return match;
      if (exited) throw new Error(`${this.name} exited before printing ${pattern}; see ${this.logFile}`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms; see ${this.logFile}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Peak and current resident set in MiB, from /proc (Linux). */
  async memory(): Promise<{ readonly peakRssMiB: number; readonly rssMiB: number }> {
    const status = await readFile(`/proc/${this.pid}/status`, "utf8");
    return { peakRssMiB: statusKiB(status, "VmHWM") / 1024, rssMiB: statusKiB(status, "VmRSS") / 1024 };
  }

  async cpuSeconds(): Promise<number> {
    return processCpuSeconds(this.pid);
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  async stop(graceMs = 30_000): Promise<number | null> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) {
      this.#child.kill("SIGTERM");
      const timer = setTimeout(() => this.#child.kill("SIGKILL"), graceMs);
      const code = await this.exited;
      clearTimeout(timer);
      this.#log.end();
      return code;
    }
    this.#log.end();
    return this.#child.exitCode;
  }
}

/** A "Name:   1234 kB" field of /proc/<pid>/status, in KiB. */
export function statusKiB(status: string, field: string): number {
  for (const line of status.split("\n")) {
    if (!line.startsWith(`${field}:`)) continue;
    const value = Number.parseInt(line.slice(field.length + 1).trim(), 10);
    if (Number.isFinite(value)) return value;
  }
  throw new Error(`/proc status has no ${field} field`);
}

/** Runs an executable to completion and returns its exit code and stdout. */
export async function runToCompletion(name: string, logFile: string, entryPoint: string, args: readonly string[]): Promise<{ code: number | null; stdout: string }> {
  let stdout = "";
  const child = spawn(process.execPath, nodeArguments(entryPoint, args), {
    cwd: REPOSITORY_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = createWriteStream(logFile, { flags: "a" });
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.pipe(log);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", resolve);
  });
  log.end();
  if (code !== 0) throw new Error(`${name} exited with code ${String(code)}; see ${logFile}`);
  return { code, stdout };
}
