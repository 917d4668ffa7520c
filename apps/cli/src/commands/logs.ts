/**
 * `roster logs`: provisioning-log records filtered by job, worker, cycle, action, status
 * and time, as a table, as JSON, or as one of the three CSV files the portal exports.
 */
import { Command, Option } from "commander";
import { integerOption, runApiCommand, timestampOption, withConnectionOptions } from "../api-client/api-command.js";
import {
  LOG_ACTIONS,
  LOG_CSV_FILES,
  LOG_STATUSES,
  type LogAction,
  type LogCsvFile,
  type LogFilters,
  type ProvisioningLogRecord,
  type StepStatus,
} from "../api-client/api-types.js";
import type { CliIo } from "../api-client/cli-io.js";
import type { RosterApi } from "../api-client/roster-api.js";
import { writeJson } from "../output/json-output.js";
import { formatTimestamp } from "../output/readable-values.js";
import { formatTable } from "../output/table.js";

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100_000;

interface LogsOptions {
  readonly job?: string;
  readonly worker?: string;
  readonly cycle?: string;
  readonly action?: LogAction;
  readonly status?: StepStatus;
  readonly from?: string;
  readonly to?: string;
  readonly limit?: string;
  readonly csv?: LogCsvFile;
  readonly json?: boolean;
}

export function logsCommand(io: CliIo): Command {
  return withConnectionOptions(new Command("logs").description("Query the provisioning logs (oldest first)"))
    .option("--job <job-id>", "only this job")
    .option("--worker <worker-id>", "only this worker (its HR id)")
    .option("--cycle <cycle-id>", "only this cycle")
    .addOption(new Option("--action <action>", "only this provisioning action").choices(LOG_ACTIONS))
    .addOption(new Option("--status <status>", "only this status").choices(LOG_STATUSES))
    .option("--from <iso>", "from this time (inclusive, ISO 8601)")
    .option("--to <iso>", "up to this time (exclusive, ISO 8601)")
    .option("--limit <n>", `at most this many records (default ${DEFAULT_LIMIT})`)
    .addOption(
      new Option("--csv <file>", "print one of the CSV files instead (all matching records)").choices(LOG_CSV_FILES),
    )
    .option("--json", "print the records as JSON")
    .action(async (options: LogsOptions, command: Command) => {
      await runApiCommand(io, command, async (api) => {
        const filters = filtersOf(options);
        const limit = integerOption("--limit", options.limit, 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
        if (options.csv !== undefined) {
          await api.logsCsv(filters, options.csv, io.stdout);
          return;
        }
        const page = await collectRecords(api, filters, limit);
        if (options.json === true) return writeJson(io.stdout, page);
        if (page.records.length === 0) {
          io.stdout.write("No provisioning-log records match.\n");
          return;
        }
        io.stdout.write(formatLogTable(page.records));
        if (page.nextCursor !== null)
          io.stdout.write(
            `Showing the first ${page.records.length} records; raise --limit or narrow the filters for more.\n`,
          );
      });
    });
}

function filtersOf(options: LogsOptions): LogFilters {
  const from = timestampOption("--from", options.from);
  const to = timestampOption("--to", options.to);
  return {
    ...(options.job === undefined ? {} : { jobId: options.job }),
    ...(options.cycle === undefined ? {} : { cycleId: options.cycle }),
    ...(options.worker === undefined ? {} : { workerId: options.worker }),
    ...(options.action === undefined ? {} : { action: options.action }),
    ...(options.status === undefined ? {} : { status: options.status }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  };
}

/** Follows the cursor until `limit` records are in hand (the API may answer with smaller pages). */
async function collectRecords(
  api: RosterApi,
  filters: LogFilters,
  limit: number,
): Promise<{ records: ProvisioningLogRecord[]; nextCursor: string | null }> {
  const records: ProvisioningLogRecord[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await api.logs(filters, {
      limit: limit - records.length,
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const record of page.records) {
      if (records.length < limit) records.push(record);
    }
    if (page.nextCursor === null || page.records.length === 0) return { records, nextCursor: null };
    if (records.length >= limit) return { records, nextCursor: page.nextCursor };
    cursor = page.nextCursor;
  }
}

function identity(id: string | null, displayName: string | null): string {
  if (displayName !== null && displayName !== "") return id === null ? displayName : `${id} (${displayName})`;
  return id ?? "-";
}

function formatLogTable(records: readonly ProvisioningLogRecord[]): string {
  return formatTable<ProvisioningLogRecord>(
    [
      { header: "TIME", value: (r) => formatTimestamp(r.activityDateTime) },
      { header: "ACTION", value: (r) => r.action },
      { header: "STATUS", value: (r) => r.status },
      { header: "WORKER", value: (r) => identity(r.sourceIdentity.id, r.sourceIdentity.displayName) },
      { header: "TARGET", value: (r) => identity(r.targetIdentity.id, r.targetIdentity.displayName) },
      { header: "CHANGES", value: (r) => String(r.modifiedProperties.length), alignRight: true },
      {
        header: "ERROR",
        value: (r) => (r.errorCode === null ? "" : `${r.errorCode}: ${r.additionalDetails ?? r.reason ?? ""}`),
      },
    ],
    records,
  );
}
