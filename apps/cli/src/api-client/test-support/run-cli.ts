/** Runs `roster …` API commands in-process, as main.ts wires them, with collected output. */
import { Command } from "commander";
import { adminTokensCommand } from "../../commands/admin-tokens.js";
import { agentsCommand } from "../../commands/agents.js";
import { jobsCommand } from "../../commands/jobs.js";
import { logsCommand } from "../../commands/logs.js";
import { provisionCommand } from "../../commands/provision.js";
import { stagedCommand } from "../../commands/staged.js";
import { statusCommand } from "../../commands/status.js";
import { CollectingStream } from "../../test-support/streams.js";
import type { CliIo } from "../cli-io.js";
import type { FetchFunction } from "../http-client.js";
import { runProgram } from "../run-program.js";

export interface CliRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Pretend stdout is a terminal (progress bar). */
  readonly tty?: boolean;
  /** Stands in for the global fetch (to fail some requests). */
  readonly fetch?: FetchFunction;
}

class TerminalStream extends CollectingStream {
  readonly isTTY = true;
  readonly columns = 120;
}

export async function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  const stdout = options.tty === true ? new TerminalStream() : new CollectingStream();
  const stderr = new CollectingStream();
  let exitCode = 0;
  const io: CliIo = {
    stdout,
    stderr,
    env: options.env ?? {},
    sleep: async () => {},
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = new Command("roster");
  for (const command of [
    jobsCommand(io),
    statusCommand(io),
    logsCommand(io),
    provisionCommand(io),
    agentsCommand(io),
    stagedCommand(io),
    adminTokensCommand(io),
  ])
    program.addCommand(command);
  await runProgram(program, args, io);
  return { exitCode, stdout: stdout.text, stderr: stderr.text };
}
