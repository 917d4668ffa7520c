/**
 * `roster staged list | allow | reject <job-id>`: disables and deletes held back because a
 * cycle exceeded the accidental-deletion threshold.
 */
import { Command } from "commander";
import { runApiCommand, withConnectionOptions } from "../api-client/api-command.js";
import type { StagedAction } from "../api-client/api-types.js";
import type { CliIo } from "../api-client/cli-io.js";
import { writeJson } from "../output/json-output.js";
import { formatTimestamp, plural } from "../output/readable-values.js";
import { formatTable } from "../output/table.js";

export function stagedCommand(io: CliIo): Command {
  const staged = new Command("staged").description("Staged disables and deletes (accidental-deletion prevention)");

  withConnectionOptions(staged.command("list").description("List a job's pending staged actions").argument("<job-id>"))
    .option("--json", "print the API answer as JSON")
    .action(async (jobId: string, options: { json?: boolean }, command: Command) => {
      await runApiCommand(io, command, async (api) => {
        const actions = await api.stagedActions(jobId);
        if (options.json === true) return writeJson(io.stdout, { actions });
        if (actions.length === 0) {
          io.stdout.write(`Job ${jobId} has no staged actions.\n`);
          return;
        }
        io.stdout.write(formatStagedTable(actions));
        io.stdout.write(
          `${plural(actions.length, "action")} pending. Run them with: roster staged allow ${jobId}; drop them with: roster staged reject ${jobId}\n`,
        );
      });
    });

  for (const decision of ["allow", "reject"] as const) {
    const description =
      decision === "allow"
        ? "Allow every pending staged action of a job (they run in the next cycle)"
        : "Reject every pending staged action of a job (the entries stay as they are)";
    withConnectionOptions(staged.command(decision).description(description).argument("<job-id>"))
      .option("--json", "print the API answer as JSON")
      .action(async (jobId: string, options: { json?: boolean }, command: Command) => {
        await runApiCommand(io, command, async (api) => {
          const answer = await api.decideStagedActions(jobId, decision);
          if (options.json === true) return writeJson(io.stdout, answer);
          io.stdout.write(
            decision === "allow"
              ? `Allowed ${plural(answer.count, "staged action")} of job ${jobId}; they run in the next cycle.\n`
              : `Rejected ${plural(answer.count, "staged action")} of job ${jobId}.\n`,
          );
        });
      });
  }

  return staged;
}

function formatStagedTable(actions: readonly StagedAction[]): string {
  return formatTable<StagedAction>(
    [
      { header: "KIND", value: (a) => a.kind },
      { header: "WORKER", value: (a) => a.workerId ?? a.sourceAnchor },
      { header: "NAME", value: (a) => a.displayName ?? "-" },
      { header: "TARGET", value: (a) => a.targetAnchor },
      { header: "STAGED", value: (a) => formatTimestamp(a.createdAt) },
      { header: "CYCLE", value: (a) => a.cycleId },
    ],
    actions,
  );
}
