/** How numbers, durations and directory values read in the demo's output. */

const NUMBER_FORMAT = new Intl.NumberFormat("en-US");

/** 12,345 */
export function formatCount(value: number): string {
  return NUMBER_FORMAT.format(value);
}

/** "850 ms", "4.2 s", "3 min 07 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "-";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
}

/** "1 worker", "2 workers". */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${formatCount(count)} ${count === 1 ? noun : nouns}`;
}

/** A directory value: strings quoted (so empty and padded values show), lists bracketed, "(none)" for absent. */
export function formatDirectoryValue(value: string | readonly string[] | null | undefined): string {
  if (value === null || value === undefined) return "(none)";
  if (typeof value === "string") return JSON.stringify(value);
  return `[${value.map((item) => JSON.stringify(item)).join(", ")}]`;
}

/** Aligned "label  value" lines with a common indent. */
export function formatFields(fields: readonly (readonly [string, string])[], indent = "  "): string {
  const width = Math.max(0, ...fields.map(([label]) => label.length));
  return fields.map(([label, value]) => `${indent}${`${label}:`.padEnd(width + 2)}${value}\n`).join("");
}
