/**
 * A Roster executable run from source as its own process (node --import tsx --conditions=source
 * <entry>), so its memory and CPU are its own: output goes to a log file, a line can be awaited,
 * and /proc/<pid>/status gives its peak resident set (VmHWM).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPOSITORY_ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");

export const ENTRY_POINTS = {
  coordinator: join(REPOSITORY_ROOT, "apps/coordinator/src/main.ts"),
  agent: join(REPOSITORY_ROOT, "apps/agent/src/main.ts"),
  hrSim: join(REPOSITORY_ROOT, "apps/hr-sim/src/main.ts"),
} as const;

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
      [...(options.nodeFlags ?? []), "--import", "tsx", "--conditions=source", entryPoint, ...args],
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
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=source", entryPoint, ...args], {
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
