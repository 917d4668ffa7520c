/** `roster jobs start | stop | run | restart <job-id>`: a job's lifecycle through the API. */
import type { Command } from "commander";
import { runApiCommand, withConnectionOptions } from "../api-client/api-command.js";
import type { JobView } from "../api-client/api-types.js";
import type { CliIo } from "../api-client/cli-io.js";
import { writeJson } from "../output/json-output.js";

interface JsonOption {
  readonly json?: boolean;
}

/** Adds the lifecycle subcommands to `roster jobs`. */
export function addJobLifecycleCommands(jobs: Command, io: CliIo): void {
  withConnectionOptions(
    jobs.command("start").description("Start a job: cycles run on its schedule").argument("<job-id>"),
  )
    .option("--json", "print the API answer as JSON")
    .action(async (jobId: string, options: JsonOption, command: Command) => {
      await runApiCommand(io, command, async (api) => {
        const job = await api.startJob(jobId);
        if (options.json === true) return writeJson(io.stdout, job);
        io.stdout.write(`Job ${job.jobId} is ${job.runState}.${nextCycleNote(job)}\n`);
      });
    });

  withConnectionOptions(
    jobs
      .command("stop")
      .description("Stop a job: the running cycle finishes, no more are scheduled")
      .argument("<job-id>"),
  )
    .option("--json", "print the API answer as JSON")
    .action(async (jobId: string, options: JsonOption, command: Command) => {
      await runApiCommand(io, command, async (api) => {
        const job = await api.stopJob(jobId);
        if (options.json === true) return writeJson(io.stdout, job);
        io.stdout.write(`Job ${job.jobId} is ${job.runState}. A running cycle finishes first.\n`);
      });
    });

  withConnectionOptions(
    jobs
      .command("restart")
      .description("Restart a job: clear watermark, escrow, staged actions and quarantine; the next cycle is initial")
      .argument("<job-id>"),
  )
    .option("--break-links", "also forget the links between workers and directory entries (they are matched again)")
    .option("--json", "print the API answer as JSON")
    .action(async (jobId: string, options: JsonOption & { breakLinks?: boolean }, command: Command) => {
      await runApiCommand(io, command, async (api) => {
        const breakLinks = options.breakLinks === true;
        const job = await api.restartJob(jobId, breakLinks);
        if (options.json === true) return writeJson(io.stdout, job);
        io.stdout.write(
          `Restarted job ${job.jobId}${breakLinks ? " and broke its links" : ""}. It is ${job.runState}.${nextCycleNote(job)}\n`,
        );
      });
    });

  withConnectionOptions(jobs.command("run").description("Run a cycle of a job now").argument("<job-id>"))
    .option("--json", "print the API answer as JSON")
    .action(async (jobId: string, options: JsonOption, command: Command) => {
      await runApiCommand(io, command, async (api) => {
        const answer = await api.runCycleNow(jobId);
        if (options.json === true) return writeJson(io.stdout, answer);
        const cycle = answer.cycleId === null ? "A cycle" : `Cycle ${answer.cycleId}`;
        io.stdout.write(`${cycle} is queued for job ${jobId}. Follow it with: roster status ${jobId} --watch\n`);
      });
    });
}

function nextCycleNote(job: JobView): string {
  return job.needsInitialCycle ? " The next cycle is an initial cycle." : "";
}
