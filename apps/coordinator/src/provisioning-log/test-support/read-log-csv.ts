/**
 * Test helper: reads the three CSV files back into records, to check the export round-trips.
 * It keeps apart an empty field (null) and a quoted empty one ("").
 */
import { parse } from "csv-parse/sync";
import type { DirectoryValue, ModifiedProperty, ProvisioningStep, StepName, StepStatus } from "@roster/engine";
import type { LogAction, ProvisioningLogRecord } from "../log-record.js";

type Cell = string | null;

export function parseCsv(text: string): Cell[][] {
  // An unquoted empty field is null; a quoted empty one ("") is the empty string.
  return parse(text, {
    relax_column_count: false,
    cast: (value, context) => (value === "" && !context.quoting ? null : value),
  }) as Cell[][];
}

export interface LogCsvTexts {
  readonly logs: string;
  readonly steps: string;
  readonly modifiedProperties: string;
}

/** The records described by the three files, joined on the change id. */
export function recordsFromCsv(texts: LogCsvTexts): { headers: Cell[][]; records: ProvisioningLogRecord[] } {
  const [logHeader, ...logRows] = parseCsv(texts.logs);
  const [stepHeader, ...stepRows] = parseCsv(texts.steps);
  const [propertyHeader, ...propertyRows] = parseCsv(texts.modifiedProperties);
  const steps = new Map<string, ProvisioningStep[]>();
  for (const [changeId, number, step, status, description, details] of stepRows) {
    const list = steps.get(changeId!) ?? [];
    if (Number(number) !== list.length + 1) throw new Error(`step ${number} of ${changeId} out of order`);
    list.push({
      step: step as StepName,
      status: status as StepStatus,
      description: description ?? "",
      details: JSON.parse(details!),
    });
    steps.set(changeId!, list);
  }
  const properties = new Map<string, ModifiedProperty[]>();
  for (const [changeId, name, oldValue, newValue] of propertyRows) {
    const list = properties.get(changeId!) ?? [];
    list.push({ name: name!, oldValue: propertyValueOfCell(oldValue!), newValue: propertyValueOfCell(newValue!) });
    properties.set(changeId!, list);
  }
  const records = logRows.map((cells): ProvisioningLogRecord => {
    const [
      changeId,
      id,
      cycleId,
      jobId,
      time,
      duration,
      action,
      status,
      sid,
      sname,
      tid,
      tname,
      code,
      category,
      reason,
      details,
      recommended,
    ] = cells;
    return {
      id: id!,
      changeId: changeId!,
      cycleId: cycleId!,
      jobId: jobId!,
      activityDateTime: new Date(time!),
      durationInMilliseconds: Number(duration),
      action: action as LogAction,
      status: status as StepStatus,
      sourceIdentity: { id: sid ?? null, displayName: sname ?? null },
      targetIdentity: { id: tid ?? null, displayName: tname ?? null },
      errorCode: code ?? null,
      errorCategory: category ?? null,
      reason: reason ?? null,
      additionalDetails: details ?? null,
      recommendedAction: recommended ?? null,
      steps: steps.get(changeId!) ?? [],
      modifiedProperties: properties.get(changeId!) ?? [],
    };
  });
  return { headers: [logHeader ?? [], stepHeader ?? [], propertyHeader ?? []], records };
}

/** A cell holding a JSON array of strings is a multi-valued property. */
export function propertyValueOfCell(cell: Cell): DirectoryValue | null {
  if (cell === null) return null;
  const array = jsonStringArray(cell);
  return array ?? cell;
}

export function jsonStringArray(text: string): string[] | undefined {
  if (!text.startsWith("[")) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === "string")) return parsed;
  } catch {
    return undefined;
  }
  return undefined;
}
