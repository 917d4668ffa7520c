/**
 * `roster jobs list | show | create | update | delete | export | audit` (and, from
 * job-lifecycle.ts, start | stop | run | restart): jobs through the coordinator's API.
 */
import { readFile, writeFile } from "node:fs/promises";
import { Command } from "commander";
import { integerOption, runApiCommand, withConnectionOptions } from "../api-client/api-command.js";
import type { AuditEntry, JobDefinitionJson, JobView } from "../api-client/api-types.js";
import { UsageError } from "../api-client/cli-errors.js";
import type { CliIo } from "../api-client/cli-io.js";
import { formatFields } from "../output/fields.js";
import { writeJson } from "../output/json-output.js";
import { formatTimestamp } from "../output/readable-values.js";
import { formatTable } from "../output/table.js";
import { addJobLifecycleCommands } from "./job-lifecycle.js";

interface JsonOption {
  readonly json?: boolean;
}

export function jobsCommand(io: CliIo): Command {
  const jobs = new Command("jobs").description("Provisioning jobs on the coordinator");

  withConnectionOptions(jobs.command("list").description("List the jobs"))
    .option("--json", "print the API answer as JSON")
    .action(async (options: JsonOption, command: Command) => {
      await runApiCommand(io, command, async (api) => {
        const list = await api.listJobs();
        if (options.json === true) return writeJson(io.stdout, { jobs: list });
        io.stdout.write(list.length === 0 ? "No jobs.\n" : formatJobTable(list));
      });
    });

  withConnectionOptions(jobs.command("show").description("Show one job").argument("<job-id>"))
    .option("--json", "print the API answer as JSON")
    .action(async (jobId: string, options: JsonOption, command: Command) => {
      await runApiCommand(io, command, async (api) => {
        const job = await api.getJob(jobId);
        if (options.json === true) return writeJson(io.stdout, job);
        io.stdout.write(formatJob(job));
      });
    });

  withConnectionOptions(
    jobs.command("create").description("Create a job from a job definition JSON file").argument("<file>"),
  )
    .option("--json", "print the API answer as JSON")
    .action(async (file: string, options: JsonOption, command: Command) => {
      await runApiCommand(io, command, async (api) => {
        const job = await api.createJob(await readDefinition(file));
        if (options.json === true) return writeJson(io.stdout, job);
        io.stdout.write(
          `Created job ${job.jobId} (version ${job.version}, ${job.runState}). Start it with: roster jobs start ${job.jobId}\n`,
        );
      });
    });

  withConnectionOptions(
    jobs
      .command("update")
      .description("Replace a job's definition with a JSON file")
      .argument("<job-id>")
      .argument("<file>"),
  )
    .option("--version <n>", "fail with VersionConflict unless the job is at this version")
    .option("--json", "print the API answer as JSON")
    .action(async (jobId: string, file: string, options: JsonOption & { version?: string }, command: Command) => {
      await runApiCommand(io, command, async (api) => {
        const version = integerOption("--version", options.version, 1);
        const definition = await readDefinition(file);
        const job = await api.updateJob(jobId, definition, version);
        if (options.json === true) return writeJson(io.stdout, job);
        io.stdout.write(
          `Updated job ${job.jobId} to version ${job.version}.${job.needsInitialCycle ? " The next cycle is an initial cycle." : ""}\n`,
        );
      });
    });

  withConnectionOptions(jobs.command("delete").description("Delete a job").argument("<job-id>")).action(
    async (jobId: string, _options: unknown, command: Command) => {
      await runApiCommand(io, command, async (api) => {
        await api.deleteJob(jobId);
        io.stdout.write(`Deleted job ${jobId}.\n`);
      });
    },
  );

  withConnectionOptions(
    jobs.command("export").description("Print a job's definition as JSON (secrets read [Redact])").argument("<job-id>"),
  )
    .option("--out <file>", "write the definition to this file instead of stdout")
    .action(async (jobId: string, options: { out?: string }, command: Command) => {
      await runApiCommand(io, command, async (api) => {
        const definition = await api.exportJob(jobId);
        const text = `${JSON.stringify(definition, null, 2)}\n`;
        if (options.out === undefined) {
          io.stdout.write(text);
          return;
        }
        try {
          await writeFile(options.out, text, "utf8");
        } catch (error) {
          throw new UsageError(
            `cannot write ${options.out}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        io.stdout.write(`Exported job ${jobId} to ${options.out}.\n`);
      });
    });

  withConnectionOptions(jobs.command("audit").description("Show a job's audit log, newest first").argument("<job-id>"))
    .option("--limit <n>", "at most this many entries")
    .option("--json", "print the API answer as JSON")
    .action(async (jobId: string, options: JsonOption & { limit?: string }, command: Command) => {
      await runApiCommand(io, command, async (api) => {
        const entries = await api.audit(jobId, integerOption("--limit", options.limit, 1));
        if (options.json === true) return writeJson(io.stdout, { entries });
        io.stdout.write(entries.length === 0 ? `No audit entries for job ${jobId}.\n` : formatAudit(entries));
      });
    });

  addJobLifecycleCommands(jobs, io);
  return jobs;
}

/** Reads a job definition file; a missing or malformed file is a usage error (nothing is sent). */
async function readDefinition(file: string): Promise<JobDefinitionJson> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new UsageError(`${file} must hold a job definition (a JSON object)`);
  return parsed as JobDefinitionJson;
}

/** A definition field as text, when the definition has it (definitions come from outside). */
function definitionText(job: JobView, read: (definition: Record<string, unknown>) => unknown): string {
  const value = read(job.definition as Record<string, unknown>);
  return typeof value === "string" && value !== "" ? value : "-";
}

const nameOf = (job: JobView): string => definitionText(job, (d) => d.name);
const domainOf = (job: JobView): string => definitionText(job, (d) => d.domain);
const sourceOf = (job: JobView): string =>
  definitionText(job, (d) =>
    typeof d.source === "object" && d.source !== null ? (d.source as { type?: unknown }).type : undefined,
  );

function formatJobTable(jobs: readonly JobView[]): string {
  return formatTable<JobView>(
    [
      { header: "JOB", value: (job) => job.jobId },
      { header: "NAME", value: nameOf },
      { header: "SOURCE", value: sourceOf },
      { header: "DOMAIN", value: domainOf },
      { header: "STATE", value: (job) => job.runState },
      { header: "VERSION", value: (job) => String(job.version), alignRight: true },
      { header: "UPDATED", value: (job) => formatTimestamp(job.updatedAt) },
    ],
    jobs,
  );
}

function formatJob(job: JobView): string {
  const description = definitionText(job, (d) => d.description);
  return formatFields([
    ["Job", job.jobId],
    ["Name", nameOf(job)],
    ...(description === "-" ? [] : [["Description", description] as const]),
    ["Source", sourceOf(job)],
    ["Domain", domainOf(job)],
    ["State", job.runState],
    ["Next cycle", job.needsInitialCycle ? "initial (full import)" : "incremental"],
    ["Version", String(job.version)],
    ["Watermark", formatTimestamp(job.watermark)],
    ["Created", formatTimestamp(job.createdAt)],
    ["Updated", formatTimestamp(job.updatedAt)],
  ]);
}

function formatAudit(entries: readonly AuditEntry[]): string {
  return formatTable<AuditEntry>(
    [
      { header: "AT", value: (entry) => formatTimestamp(entry.at) },
      { header: "ACTOR", value: (entry) => entry.actor },
      { header: "ACTION", value: (entry) => entry.action },
      {
        header: "DETAILS",
        value: (entry) => (Object.keys(entry.details).length === 0 ? "" : JSON.stringify(entry.details)),
      },
    ],
    entries,
  );
}
