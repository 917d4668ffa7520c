/** fast-check arbitraries and collectors for provisioning-log tests. */
import { Writable } from "node:stream";
import type { ModifiedProperty, ProvisioningStep } from "@roster/engine";
import fc from "fast-check";
import { writeProvisioningLogCsv } from "../log-csv.js";
import { LOG_ACTIONS, LOG_STATUSES, type ProvisioningLogRecord } from "../log-record.js";
import { jsonStringArray, type LogCsvTexts } from "./read-log-csv.js";

/** Text with the characters CSV must escape, plus the redaction marker. */
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r", " ", "é", "[", "]") }),
  fc.constant("[Redact]"),
  fc.string(),
);
// A single value that reads as a JSON array of strings would come back multi-valued.
const singleValue = text.filter((value) => jsonStringArray(value) === undefined);
const nullableText = fc.option(text, { nil: null });

const step: fc.Arbitrary<ProvisioningStep> = fc.record({
  step: fc.constantFrom("testConnection", "import", "scope", "match", "action"),
  status: fc.constantFrom(...LOG_STATUSES),
  description: text,
  details: fc.dictionary(fc.string(), text),
});

const property: fc.Arbitrary<ModifiedProperty> = fc.record({
  name: fc.string({ minLength: 1 }),
  oldValue: fc.option(fc.oneof(singleValue, fc.array(text)), { nil: null }),
  newValue: fc.option(fc.oneof(singleValue, fc.array(text)), { nil: null }),
});

export function logRecordArbitrary(
  fixed: Partial<Pick<ProvisioningLogRecord, "jobId" | "cycleId">> = {},
): fc.Arbitrary<Omit<ProvisioningLogRecord, "id" | "changeId">> {
  return fc.record({
    cycleId: fixed.cycleId === undefined ? fc.string({ minLength: 1 }) : fc.constant(fixed.cycleId),
    jobId: fixed.jobId === undefined ? fc.string({ minLength: 1 }) : fc.constant(fixed.jobId),
    activityDateTime: fc.date({
      min: new Date("2020-01-01T00:00:00Z"),
      max: new Date("2030-01-01T00:00:00Z"),
      noInvalidDate: true,
    }),
    durationInMilliseconds: fc.nat({ max: 3_600_000 }),
    action: fc.constantFrom(...LOG_ACTIONS),
    status: fc.constantFrom(...LOG_STATUSES),
    sourceIdentity: fc.record({ id: nullableText, displayName: nullableText }),
    targetIdentity: fc.record({ id: nullableText, displayName: nullableText }),
    errorCode: nullableText,
    errorCategory: nullableText,
    reason: nullableText,
    additionalDetails: nullableText,
    recommendedAction: nullableText,
    steps: fc.array(step, { maxLength: 5 }),
    modifiedProperties: fc.array(property, { maxLength: 5 }),
  });
}

/** Records with distinct ids and change ids. */
export function logRecordsArbitrary(
  fixed: Partial<Pick<ProvisioningLogRecord, "jobId" | "cycleId">> = {},
  maxLength = 8,
): fc.Arbitrary<ProvisioningLogRecord[]> {
  return fc
    .array(logRecordArbitrary(fixed), { maxLength })
    .map((records) => records.map((record, index) => ({ ...record, id: `log-${index}`, changeId: `change-${index}` })));
}

export class TextCollector extends Writable {
  #chunks: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.#chunks.push(chunk);
    callback();
  }
  get text(): string {
    return Buffer.concat(this.#chunks).toString("utf8");
  }
}

export async function csvTexts(
  write: (outputs: { logs: Writable; steps: Writable; modifiedProperties: Writable }) => Promise<number>,
): Promise<LogCsvTexts & { count: number }> {
  const logs = new TextCollector();
  const steps = new TextCollector();
  const modifiedProperties = new TextCollector();
  const count = await write({ logs, steps, modifiedProperties });
  return { count, logs: logs.text, steps: steps.text, modifiedProperties: modifiedProperties.text };
}

export function csvOfRecords(records: readonly ProvisioningLogRecord[]): Promise<LogCsvTexts & { count: number }> {
  return csvTexts((outputs) => writeProvisioningLogCsv(records, outputs));
}
