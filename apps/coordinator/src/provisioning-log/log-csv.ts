/**
 * The CSV download: three files joined on the change id — the records, their steps and
 * their modified properties — streamed record by record with csv-stringify. Values are
 * written as stored, so redacted ones stay "[Redact]". Cells: null is an empty field and
 * an empty string a quoted empty field ("") so the two stay apart; multi-valued
 * properties are a JSON array; step details are a JSON object.
 */
import { once } from "node:events";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { DirectoryValue } from "@roster/engine";
import { type Stringifier, stringify } from "csv-stringify";
import type { ProvisioningLogRecord } from "./log-record.js";

export interface ProvisioningLogCsvOutputs {
  readonly logs: Writable;
  readonly steps: Writable;
  readonly modifiedProperties: Writable;
}

/** The documented file names of the download. */
export const PROVISIONING_LOG_CSV_FILES = {
  logs: "ProvisioningLogs.csv",
  steps: "ProvisioningLogs_ProvisioningSteps.csv",
  modifiedProperties: "ProvisioningLogs_ModifiedProperties.csv",
} as const satisfies Record<keyof ProvisioningLogCsvOutputs, string>;

export const LOG_CSV_COLUMNS = [
  "Change ID",
  "ID",
  "Cycle ID",
  "Job ID",
  "Date (UTC)",
  "Duration (ms)",
  "Action",
  "Status",
  "Source ID",
  "Source Display Name",
  "Target ID",
  "Target Display Name",
  "Error Code",
  "Error Category",
  "Reason",
  "Additional Details",
  "Recommended Action",
] as const;
export const STEP_CSV_COLUMNS = ["Change ID", "Step Number", "Step", "Status", "Description", "Details"] as const;
export const MODIFIED_PROPERTY_CSV_COLUMNS = ["Change ID", "Property Name", "Old Value", "New Value"] as const;

/** Writes the three files; returns the number of records. Each output is ended when done. */
export async function writeProvisioningLogCsv(
  records: Iterable<ProvisioningLogRecord> | AsyncIterable<ProvisioningLogRecord>,
  outputs: ProvisioningLogCsvOutputs,
): Promise<number> {
  const logs = csvStream(LOG_CSV_COLUMNS);
  const steps = csvStream(STEP_CSV_COLUMNS);
  const properties = csvStream(MODIFIED_PROPERTY_CSV_COLUMNS);
  const done = Promise.all([
    pipeline(logs, outputs.logs),
    pipeline(steps, outputs.steps),
    pipeline(properties, outputs.modifiedProperties),
  ]);
  // Observed here so an early output failure is not an unhandled rejection while we write.
  done.catch(() => undefined);
  let count = 0;
  try {
    for await (const record of records) {
      await write(logs, logRow(record));
      for (let index = 0; index < record.steps.length; index++) {
        const step = record.steps[index]!;
        await write(steps, [
          record.changeId,
          index + 1,
          step.step,
          step.status,
          step.description,
          JSON.stringify(step.details),
        ]);
      }
      for (const property of record.modifiedProperties) {
        await write(properties, [record.changeId, property.name, cellOf(property.oldValue), cellOf(property.newValue)]);
      }
      count++;
    }
  } catch (error) {
    for (const stream of [logs, steps, properties]) stream.destroy(error as Error);
    await done.catch(() => undefined);
    throw error;
  }
  logs.end();
  steps.end();
  properties.end();
  await done;
  return count;
}

function csvStream(columns: readonly string[]): Stringifier {
  return stringify({
    header: true,
    columns: [...columns],
    cast: { string: (value) => (value === "" ? { value: "", quoted_empty: true } : value) },
  });
}

async function write(stream: Stringifier, row: readonly unknown[]): Promise<void> {
  if (!stream.write(row)) await once(stream, "drain");
}

function logRow(record: ProvisioningLogRecord): unknown[] {
  return [
    record.changeId,
    record.id,
    record.cycleId,
    record.jobId,
    record.activityDateTime.toISOString(),
    record.durationInMilliseconds,
    record.action,
    record.status,
    record.sourceIdentity.id,
    record.sourceIdentity.displayName,
    record.targetIdentity.id,
    record.targetIdentity.displayName,
    record.errorCode,
    record.errorCategory,
    record.reason,
    record.additionalDetails,
    record.recommendedAction,
  ];
}

function cellOf(value: DirectoryValue | null): string | null {
  if (value === null) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}
