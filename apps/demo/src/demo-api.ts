/**
 * The demo's REST calls go through the CLI's typed client (`@roster/cli/api-client`); this module
 * names the answer shapes the demo formats and adds the one thing it needs on top: every log
 * record of a filter, following the cursor.
 */
import {
  type CycleCounts,
  type CycleRecord,
  HttpClient,
  type JobStatusView,
  type LogFilters,
  type ModifiedProperty,
  type OnDemandResult,
  type ProvisioningLogRecord,
  type ProvisioningStep,
  RosterApi,
} from "@roster/cli/api-client";

export type { CycleCounts, CycleRecord, ModifiedProperty, OnDemandResult, ProvisioningStep };
export type JobStatus = JobStatusView;
export type LogRecord = ProvisioningLogRecord;
export type LogFilter = LogFilters;
export type WritebackCounts = JobStatusView["writebacks"];
export type DirectoryValue = string | readonly string[];

export function demoApi(baseUrl: string, token: string): RosterApi {
  return new RosterApi(new HttpClient({ baseUrl, token }));
}

/** Every matching record, following the cursor up to `max`. */
export async function allLogs(api: RosterApi, filter: LogFilter, max: number): Promise<readonly LogRecord[]> {
  const records: LogRecord[] = [];
  let cursor: string | null = null;
  do {
    const page = await api.logs(filter, {
      limit: Math.min(1000, max - records.length),
      ...(cursor === null ? {} : { cursor }),
    });
    records.push(...page.records);
    cursor = page.nextCursor;
  } while (cursor !== null && records.length < max);
  return records;
}
