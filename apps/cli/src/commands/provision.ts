/**
 * `roster provision <worker-id> [--job <job-id>]`: provisions one worker now and prints the
 * five steps (test connection, import, scope, match, action) the way the log records them.
 * Without --job the coordinator's only job is used.
 */
import { Command } from "commander";
import { runApiCommand, withConnectionOptions } from "../api-client/api-command.js";
import type { ModifiedProperty, OnDemandResult, ProvisioningStep, StepName } from "../api-client/api-types.js";
import type { CliIo } from "../api-client/cli-io.js";
import { UsageError } from "../api-client/cli-errors.js";
import { formatFields } from "../output/fields.js";
import { writeJson } from "../output/json-output.js";
import { formatDirectoryValue } from "../output/readable-values.js";

const STEP_TITLES: Readonly<Record<StepName, string>> = {
  testConnection: "Test connection",
  import: "Import worker from the HR source",
  scope: "Determine whether the worker is in scope",
  match: "Match the worker with a directory entry",
  action: "Perform the action",
};

export function provisionCommand(io: CliIo): Command {
  return withConnectionOptions(
    new Command("provision")
      .description("Provision one worker now (on-demand) and show each step")
      .argument(
        "<worker-id>",
        "the worker's id in the HR system (Workday WorkerID / WID, SuccessFactors personIdExternal)",
      ),
  )
    .option("--job <job-id>", "the job whose configuration to use (default: the only job)")
    .option("--json", "print the API answer as JSON")
    .action(async (workerId: string, options: { job?: string; json?: boolean }, command: Command) => {
      await runApiCommand(io, command, async (api) => {
        let jobId = options.job;
        if (jobId === undefined) {
          const jobs = await api.listJobs();
          if (jobs.length !== 1) {
            throw new UsageError(
              jobs.length === 0
                ? "The coordinator has no job; create one first."
                : `The coordinator has ${jobs.length} jobs (${jobs.map((job) => job.jobId).join(", ")}); choose one with --job.`,
            );
          }
          jobId = jobs[0]!.jobId;
        }
        const result = await api.provisionOnDemand(jobId, workerId);
        if (options.json === true) return writeJson(io.stdout, result);
        io.stdout.write(formatOnDemandResult(result));
      });
    });
}

export function formatOnDemandResult(result: OnDemandResult): string {
  const parts: string[] = [
    formatFields([
      ["Worker", result.workerId],
      ["Action", result.action],
      ["Status", result.status],
      ["Target DN", result.target.dn ?? "-"],
      ["Target anchor", result.target.anchor ?? "-"],
    ]),
  ];
  for (const [index, step] of result.steps.entries()) parts.push(`\n${formatStep(step, index + 1)}`);
  if (result.modifiedProperties.length > 0)
    parts.push(`\nModified properties:\n${result.modifiedProperties.map((p) => `  ${formatChange(p)}\n`).join("")}`);
  const log = result.logRecord;
  if (log.errorCode !== null) {
    const fields: [string, string][] = [
      ["Error", `${log.errorCode}${log.errorCategory === null ? "" : ` (${log.errorCategory})`}`],
    ];
    if (log.additionalDetails !== null) fields.push(["Details", log.additionalDetails]);
    if (log.reason !== null) fields.push(["Reason", log.reason]);
    if (log.recommendedAction !== null) fields.push(["Recommended action", log.recommendedAction]);
    parts.push(`\n${formatFields(fields)}`);
  }
  parts.push(`\nChange id: ${log.changeId} (roster logs --job ${log.jobId} --worker ${result.workerId})\n`);
  return parts.join("");
}

function formatStep(step: ProvisioningStep, number: number): string {
  const title = STEP_TITLES[step.step] ?? step.step;
  const lines = [`${number}. ${title}: ${step.status}`];
  if (step.description !== "") lines.push(`   ${step.description}`);
  const details = Object.entries(step.details);
  if (details.length > 0) lines.push(formatFields(details, "     ").trimEnd());
  return `${lines.join("\n")}\n`;
}

function formatChange(property: ModifiedProperty): string {
  return `${property.name}: ${formatDirectoryValue(property.oldValue)} → ${formatDirectoryValue(property.newValue)}`;
}
