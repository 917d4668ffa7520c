/** What the demo changed in HR, and what the incremental cycle did about it (from its provisioning logs). */
import type { LogRecord, ModifiedProperty } from "./demo-api.js";
import { formatDirectoryValue, plural } from "./readable-values.js";

export interface AppliedHrChange {
  /** hire | move | terminate … */
  readonly kind: string;
  readonly workerId: string;
  /** "Zoë O'Brien hired in München". */
  readonly description: string;
}

export function formatHrChanges(changes: readonly AppliedHrChange[]): string {
  const width = Math.max(0, ...changes.map((change) => change.kind.length));
  return `HR changes applied in hr-sim (scenario driver):\n${changes
    .map((change) => `  ${change.kind.padEnd(width)}  ${change.workerId.padEnd(8)}  ${change.description}\n`)
    .join("")}`;
}

/** Provisioning-log actions that change the directory; "other" records (no change, skips) are left out. */
export function isDirectoryChange(record: Pick<LogRecord, "action">): boolean {
  return record.action !== "other";
}

/** One block per record: action, worker, status, then the modified properties (a create lists only its DN and a count). */
export function formatCycleChanges(records: readonly LogRecord[], maxRecords = 20): string {
  const changes = records.filter(isDirectoryChange);
  if (changes.length === 0) return "The incremental cycle changed nothing in the directory.\n";
  const lines = [`The incremental cycle changed ${plural(changes.length, "account")}:`];
  for (const record of changes.slice(0, maxRecords)) {
    const name = record.sourceIdentity.displayName ?? record.targetIdentity.displayName;
    const who = name === null || name === "" ? (record.sourceIdentity.id ?? "?") : `${record.sourceIdentity.id ?? "?"} ${name}`;
    lines.push(`  ${record.action.padEnd(7)} ${who} (${record.status})`);
    if (record.errorCode !== null) lines.push(`      ${record.errorCode}: ${record.additionalDetails ?? ""}`.trimEnd());
    lines.push(...propertyLines(record.action, record.modifiedProperties).map((line) => `      ${line}`));
  }
  if (changes.length > maxRecords) lines.push(`  … and ${plural(changes.length - maxRecords, "more change")} (see the logs)`);
  return `${lines.join("\n")}\n`;
}

function propertyLines(action: string, properties: readonly ModifiedProperty[]): string[] {
  if (action === "create") {
    const parent = properties.find((property) => property.name === "parentDistinguishedName");
    const where = parent === undefined ? "" : ` in ${formatDirectoryValue(parent.newValue)}`;
    return [`${plural(properties.length, "attribute")} set${where}`];
  }
  return properties.map(formatPropertyChange);
}

export function formatPropertyChange(property: ModifiedProperty): string {
  return `${property.name}: ${formatDirectoryValue(property.oldValue)} → ${formatDirectoryValue(property.newValue)}`;
}

/**
 * Failed records grouped by error code, most frequent first, each with one example: the
 * generated tenant holds deliberate data problems (an over-long department, colliding names).
 */
export function formatFailures(records: readonly LogRecord[], jobId: string, maxCodes = 5): string {
  const failures = records.filter((record) => record.status === "failure");
  if (failures.length === 0) return "";
  const byCode = new Map<string, LogRecord[]>();
  for (const record of failures) {
    const code = record.errorCode ?? "UnknownError";
    const group = byCode.get(code);
    if (group === undefined) byCode.set(code, [record]);
    else group.push(record);
  }
  const groups = [...byCode].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const lines = [`Failures by cause (the generated tenant has some bad data on purpose):`];
  for (const [code, group] of groups.slice(0, maxCodes)) {
    const example = group[0]!;
    lines.push(`  ${code} × ${group.length}, e.g. worker ${example.sourceIdentity.id ?? "?"}: ${example.additionalDetails ?? "(no details)"}`);
  }
  if (groups.length > maxCodes) lines.push(`  … and ${plural(groups.length - maxCodes, "more cause")}`);
  lines.push(`  All of them: npx roster logs --job ${jobId} --status failure`);
  return `${lines.join("\n")}\n`;
}
