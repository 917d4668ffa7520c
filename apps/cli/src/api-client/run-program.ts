/**
 * Runs a commander program with Roster's exit codes: commander's own usage errors (unknown
 * option, missing argument, bad choice) exit 2 instead of commander's 1; help exits 0.
 */
import { type Command, CommanderError } from "commander";
import type { CliIo } from "./cli-io.js";
import { EXIT_OK, EXIT_USAGE } from "./cli-errors.js";

/** argv: the user's arguments only (no node / script path). */
export async function runProgram(program: Command, argv: readonly string[], io: CliIo): Promise<void> {
  applyToAll(program, (command) => {
    command.exitOverride();
    command.configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    io.setExitCode(error.exitCode === 0 ? EXIT_OK : EXIT_USAGE);
  }
}

/** Commands added with addCommand() do not inherit settings, so set them on every one. */
function applyToAll(command: Command, apply: (command: Command) => void): void {
  apply(command);
  for (const sub of command.commands) applyToAll(sub, apply);
}
