/**
 * `roster status <job-id> [--watch]`: a job's state in a few readable lines (cycles,
 * progress, counts by action, quarantine, escrow, staged actions, writebacks, agents).
 * --watch polls while a cycle runs, with a progress bar on a terminal, and exits when
 * that cycle ends.
 */
import { Command } from "commander";
import { integerOption, runApiCommand, withConnectionOptions } from "../api-client/api-command.js";
import type { AgentStatus, CycleRecord, JobStatusView } from "../api-client/api-types.js";
import { CoordinatorUnreachableError } from "../api-client/cli-errors.js";
import type { CliIo } from "../api-client/cli-io.js";
import type { RosterApi } from "../api-client/roster-api.js";
import { cycleTotal, formatCycleActions } from "../output/cycle-counts.js";
import { createCycleProgress } from "../output/cycle-progress.js";
import { type Field, formatFields } from "../output/fields.js";
import { writeJson, writeJsonLine } from "../output/json-output.js";
import {
  durationBetween,
  formatCount,
  formatDuration,
  formatNonZero,
  formatTimestamp,
  plural,
} from "../output/readable-values.js";

const DEFAULT_INTERVAL_SECONDS = 2;
/** A coordinator restart mid-cycle should not end the watch (the cycle resumes): give up after this many polls in a row fail. */
const MAX_UNREACHABLE_POLLS = 5;

interface StatusOptions {
  readonly json?: boolean;
  readonly watch?: boolean;
  readonly interval?: string;
}

export function statusCommand(io: CliIo): Command {
  return withConnectionOptions(new Command("status").description("Show a job's status").argument("<job-id>"))
    .option("--watch", "follow the running cycle until it ends")
    .option("--interval <seconds>", `seconds between polls with --watch (default ${DEFAULT_INTERVAL_SECONDS})`)
    .option("--json", "print the API answer as JSON (with --watch: one JSON line per poll)")
    .action(async (jobId: string, options: StatusOptions, command: Command) => {
      await runApiCommand(io, command, async (api) => {
        const intervalSeconds = integerOption("--interval", options.interval, 1, 3600) ?? DEFAULT_INTERVAL_SECONDS;
        if (options.watch === true) return watchStatus(api, jobId, io, options.json === true, intervalSeconds * 1000);
        const status = await api.status(jobId);
        if (options.json === true) return writeJson(io.stdout, status);
        io.stdout.write(formatStatus(status, Date.now()));
      });
    });
}

async function watchStatus(api: RosterApi, jobId: string, io: CliIo, json: boolean, intervalMs: number): Promise<void> {
  const first = await api.status(jobId);
  const watched = first.currentCycle;
  if (json) writeJsonLine(io.stdout, first);
  else io.stdout.write(formatStatus(first, Date.now()));
  if (watched === null) {
    if (!json) io.stdout.write("No cycle is running.\n");
    return;
  }
  const progress = json ? null : createCycleProgress(io.stdout, watched);
  let status = first;
  try {
    let unreachable = 0;
    for (;;) {
      await io.sleep(intervalMs);
      try {
        status = await api.status(jobId);
        unreachable = 0;
      } catch (error) {
        if (error instanceof CoordinatorUnreachableError && ++unreachable < MAX_UNREACHABLE_POLLS) continue;
        throw error;
      }
      if (json) writeJsonLine(io.stdout, status);
      if (status.currentCycle?.cycleId !== watched.cycleId) break;
      progress?.update(status.currentCycle);
    }
  } finally {
    progress?.stop();
  }
  if (json) return;
  const finished = await finishedCycle(api, status, watched.cycleId);
  io.stdout.write(finished === null ? `Cycle ${watched.cycleId} ended.\n` : formatCycleEnd(finished));
}

/** The watched cycle's final record: the status's last cycle, or from the cycle list if another began at once. */
async function finishedCycle(api: RosterApi, status: JobStatusView, cycleId: string): Promise<CycleRecord | null> {
  if (status.lastCycle?.cycleId === cycleId) return status.lastCycle;
  return (await api.cycles(status.jobId, 10)).find((cycle) => cycle.cycleId === cycleId) ?? null;
}

function formatCycleEnd(cycle: CycleRecord): string {
  const duration = formatDuration(durationBetween(cycle.startedAt, cycle.finishedAt, Date.now()));
  const lines = [
    `Cycle ${cycle.cycleId} (${cycle.kind}) ${cycle.state} after ${duration}: ${formatCount(cycle.processed)} workers processed; ${formatCycleActions(cycle.counts)}.`,
  ];
  if (cycle.error !== null) lines.push(`  Error: ${cycle.error}`);
  return `${lines.join("\n")}\n`;
}

/** The readable status; `now` dates the running cycle's duration. */
export function formatStatus(status: JobStatusView, now: number): string {
  const fields: Field[] = [["Job", `${status.jobId} (${status.runState})`]];
  const current = status.currentCycle;
  if (current !== null) {
    fields.push(
      [
        "Current cycle",
        `${current.kind} ${current.cycleId}, ${current.state} since ${formatTimestamp(current.startedAt)} (${formatDuration(durationBetween(current.startedAt, null, now))})`,
      ],
      ["  Progress", progressText(current)],
      ["  Actions", formatCycleActions(current.counts)],
    );
  } else {
    fields.push(["Current cycle", "none"]);
  }
  const last = status.lastCycle;
  if (last !== null) {
    fields.push(
      [
        "Last cycle",
        `${last.kind} ${last.cycleId}, ${last.state}, ${formatTimestamp(last.startedAt)} → ${formatTimestamp(last.finishedAt)} (${formatDuration(durationBetween(last.startedAt, last.finishedAt, now))})`,
      ],
      ["  Processed", plural(last.processed, "worker")],
      ["  Actions", formatCycleActions(last.counts)],
    );
    if (last.error !== null) fields.push(["  Error", last.error]);
  } else {
    fields.push(["Last cycle", "none yet"]);
  }
  fields.push(["Next cycle", status.nextCycleAt === null ? "not scheduled" : formatTimestamp(status.nextCycleAt)]);
  const quarantine = status.quarantine;
  fields.push([
    "Quarantine",
    quarantine.quarantined
      ? `yes${quarantine.since === null ? "" : ` since ${formatTimestamp(quarantine.since)}`}${quarantine.reason === null ? "" : `: ${quarantine.reason}`}`
      : "no",
  ]);
  fields.push(["Escrow", status.escrowed === 0 ? "empty" : `${plural(status.escrowed, "worker")} waiting for a retry`]);
  fields.push([
    "Staged",
    status.stagedPending === 0
      ? "none"
      : `${plural(status.stagedPending, "action")} pending: review with roster staged list ${status.jobId}`,
  ]);
  fields.push([
    "Writebacks",
    formatNonZero([
      ["pending", status.writebacks.pending],
      ["done", status.writebacks.done],
      ["failed", status.writebacks.failed],
    ]),
  ]);
  fields.push([
    "Agents",
    status.agents.length === 0 ? "none connected" : `${formatCount(status.agents.length)} connected`,
  ]);
  return formatFields(fields) + status.agents.map((agent) => `  ${formatAgentLine(agent)}\n`).join("");
}

function progressText(cycle: CycleRecord): string {
  const total = cycleTotal(cycle.counts, cycle.processed);
  const percent = total === 0 ? "" : ` (${Math.floor((cycle.processed / total) * 100)}%)`;
  return `${formatCount(cycle.processed)} of ${formatCount(total)} imported workers processed${percent}`;
}

function formatAgentLine(agent: AgentStatus): string {
  return `${agent.agentId} on ${agent.hostname || "?"} (v${agent.agentVersion || "?"}), domains ${agent.domains.join(", ") || "-"}: ${formatCount(agent.inFlight)} in flight, last heartbeat ${formatTimestamp(agent.lastHeartbeatAt)}`;
}
