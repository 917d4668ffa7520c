/**
 * What an API command needs from its process: output streams, environment, exit code, a
 * clock to wait with. Commands take it as an argument so tests run them in-process.
 */
import type { Writable } from "node:stream";
import { setTimeout as delay } from "node:timers/promises";
import type { FetchFunction } from "./http-client.js";

export type OutputStream = Writable & { readonly isTTY?: boolean; readonly columns?: number };

export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Default: the global fetch. */
  readonly fetch?: FetchFunction;
  readonly sleep: (ms: number) => Promise<void>;
  setExitCode(code: number): void;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    sleep: (ms) => delay(ms),
    setExitCode: (code) => {
      process.exitCode = code;
    },
  };
}
