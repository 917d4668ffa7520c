/**
 * One Roster executable run the way an operator runs it: `node --import tsx --conditions=source
 * <main.ts> …` from the repository root (no build). Its stdout and stderr go to a log file, so a
 * failing test can show what each process said; lines can be awaited (e.g. "listening on URL").
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPOSITORY_ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));

export const ENTRY_POINTS = {
  coordinator: join(REPOSITORY_ROOT, "apps/coordinator/src/main.ts"),
  agent: join(REPOSITORY_ROOT, "apps/agent/src/main.ts"),
  hrSim: join(REPOSITORY_ROOT, "apps/hr-sim/src/main.ts"),
} as const;

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

interface LineWaiter {
  readonly pattern: RegExp;
  readonly resolve: (match: RegExpExecArray) => void;
}

/** Children still running, killed if the test process exits without stopping them. */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export class ManagedProcess {
  readonly exited: Promise<ProcessExit>;
  #child: ChildProcess;
  #log: WriteStream;
  #waiters: LineWaiter[] = [];
  #seen: string[] = [];
  #partial = "";
  #exit: ProcessExit | null = null;

  constructor(
    readonly name: string,
    readonly logFile: string,
    entryPoint: string,
    args: readonly string[],
    env: Readonly<Record<string, string>> = {},
  ) {
    this.#log = createWriteStream(logFile, { flags: "a" });
    this.#log.write(`--- ${new Date().toISOString()} ${name}: ${[entryPoint, ...args].join(" ")}\n`);
    this.#child = spawn(process.execPath, ["--import", "tsx", "--conditions=source", entryPoint, ...args], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(this.#child);
    this.#child.stdout?.on("data", (chunk: Buffer) => this.#take(chunk));
    this.#child.stderr?.on("data", (chunk: Buffer) => this.#take(chunk));
    this.exited = new Promise((resolveExit) => {
      this.#child.once("exit", (code, signal) => {
        running.delete(this.#child);
        this.#exit = { code, signal };
        this.#log.write(`--- ${new Date().toISOString()} ${name} exited (code ${String(code)}, signal ${String(signal)})\n`);
        resolveExit(this.#exit);
      });
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get hasExited(): boolean {
    return this.#exit !== null;
  }

  /** Resolves with the first line (already printed or still to come) that matches. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    for (const line of this.#seen) {
      const match = pattern.exec(line);
      if (match !== null) return Promise.resolve(match);
    }
    return new Promise((resolveLine, reject) => {
      const waiter: LineWaiter = {
        pattern,
        resolve: (match) => {
          clearTimeout(timer);
          resolveLine(match);
        },
      };
      const fail = (why: string) => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(new Error(`${this.name}: ${why} while waiting for a line matching ${pattern}; see ${this.logFile}`));
      };
      const timer = setTimeout(() => fail(`no such line after ${timeoutMs} ms`), timeoutMs);
      void this.exited.then((exit) => {
        if (this.#waiters.includes(waiter)) {
          clearTimeout(timer);
          fail(`the process exited (code ${String(exit.code)}, signal ${String(exit.signal)})`);
        }
      });
      this.#waiters.push(waiter);
    });
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<ProcessExit> {
    if (this.#exit !== null) return this.#exit;
    this.#child.kill("SIGTERM");
    const timer = setTimeout(() => this.#child.kill("SIGKILL"), graceMs);
    const exit = await this.exited;
    clearTimeout(timer);
    await this.#closeLog();
    return exit;
  }

  /** kill -9: no chance to flush or close anything. */
  async kill(): Promise<ProcessExit> {
    if (this.#exit !== null) return this.#exit;
    this.#child.kill("SIGKILL");
    const exit = await this.exited;
    await this.#closeLog();
    return exit;
  }

  /** The last `lines` lines of the log file. */
  async tail(lines = 80): Promise<string> {
    const text = await readFile(this.logFile, "utf8").catch(() => "");
    return text.split("\n").slice(-lines).join("\n");
  }

  #take(chunk: Buffer): void {
    this.#log.write(chunk);
    const text = this.#partial + chunk.toString("utf8");
    const lines = text.split("\n");
    this.#partial = lines.pop() ?? "";
    for (const line of lines) this.#line(line);
  }

  #line(line: string): void {
    // Only the start-up lines are awaited; keep a bounded number for late waiters.
    if (this.#seen.length < 200) this.#seen.push(line);
    for (const waiter of [...this.#waiters]) {
      const match = waiter.pattern.exec(line);
      if (match !== null) {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        waiter.resolve(match);
      }
    }
  }

  #closeLog(): Promise<void> {
    return new Promise((resolveClose) => this.#log.end(() => resolveClose()));
  }
}

/** Runs a command to completion; resolves with its exit and output (also appended to the log file). */
export async function runToCompletion(
  name: string,
  logFile: string,
  entryPoint: string,
  args: readonly string[],
  timeoutMs = 60_000,
): Promise<ProcessExit & { readonly stdout: string }> {
  const log = createWriteStream(logFile, { flags: "a" });
  log.write(`--- ${new Date().toISOString()} ${name}: ${[entryPoint, ...args].join(" ")}\n`);
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=source", entryPoint, ...args], {
    cwd: REPOSITORY_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  // Standard output may hold a secret (a token): only the error stream is logged.
  child.stderr.on("data", (chunk: Buffer) => log.write(chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const exit = await new Promise<ProcessExit>((resolveExit) => child.once("exit", (code, signal) => resolveExit({ code, signal })));
  clearTimeout(timer);
  running.delete(child);
  log.write(`--- ${name} exited (code ${String(exit.code)}, signal ${String(exit.signal)})\n`);
  await new Promise<void>((resolveClose) => log.end(() => resolveClose()));
  return { ...exit, stdout };
}
