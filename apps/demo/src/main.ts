/**
 * `npm run demo`: the whole of Roster on one machine (see docs/demo.md).
 * Options: --workers N (default 1000), --once (exit at the end), --port (coordinator port).
 * Exit codes: 0 done (or stopped with Ctrl-C), 1 the demo failed, 2 usage error or slapd missing.
 */
import { pathToFileURL } from "node:url";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { ApiError } from "@roster/cli/api-client";
import { RosterError } from "@roster/engine";
import { type DemoIo, processIo } from "./demo-io.js";
import { runDemo } from "./run-demo.js";
import { ensureSlapd, SlapdMissingError } from "./slapd-check.js";

export interface DemoCliHooks {
  /** Aborted when the user asks to stop (Ctrl-C). */
  readonly signal?: AbortSignal;
  /** Replaces the slapd check (tests). */
  readonly ensureSlapd?: (log: (text: string) => void) => Promise<void>;
}

const MAX_WORKERS = 200_000;

function integerIn(name: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const parsed = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}, got "${value}".`);
    }
    return parsed;
  };
}

/** Parses the arguments and runs the demo; resolves to the exit code. */
export async function runDemoCli(argv: readonly string[], io: DemoIo, hooks: DemoCliHooks = {}): Promise<number> {
  let options: { workers: number; once?: boolean; port?: number } | undefined;
  const program = new Command("demo")
    .description("Run Roster end to end on this machine: OpenLDAP, hr-sim, the coordinator and an agent")
    .option("--workers <n>", "workers hr-sim generates", integerIn("--workers", 3, MAX_WORKERS), 1000)
    .option("--once", "exit after the demo instead of running until Ctrl-C")
    .option("--port <port>", "the coordinator's port (default: any free port)", integerIn("--port", 1, 65_535))
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .action((parsed: { workers: number; once?: boolean; port?: number }) => {
      options = parsed;
    });
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  if (options === undefined) return 0;
  const log = (text: string) => io.stderr.write(text);
  try {
    await (hooks.ensureSlapd ?? ((logger) => ensureSlapd({ log: logger })))(log);
  } catch (error) {
    if (error instanceof SlapdMissingError) {
      io.stderr.write(error.message);
      return 2;
    }
    throw error;
  }
  try {
    return await runDemo(
      {
        workers: options.workers,
        once: options.once === true,
        ...(options.port === undefined ? {} : { port: options.port }),
        ...(hooks.signal === undefined ? {} : { signal: hooks.signal }),
      },
      io,
    );
  } catch (error) {
    const code = error instanceof RosterError || error instanceof ApiError ? `${error.code}: ` : "";
    io.stderr.write(`\nThe demo failed: ${code}${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** Ctrl-C (or SIGTERM) stops the demo cleanly; a second one exits at once. */
function stopOnSignals(): AbortSignal {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return controller.signal;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const exitCode = await runDemoCli(process.argv.slice(2), processIo(), { signal: stopOnSignals() });
  // Open handles (sockets closing, the PGlite worker) must not keep the demo alive after the stack closed.
  process.exit(exitCode);
}
