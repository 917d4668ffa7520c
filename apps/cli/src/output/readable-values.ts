/** How values read in the CLI's human-readable output. */

const NUMBER_FORMAT = new Intl.NumberFormat("en-US");

/** 12,345 */
export function formatCount(value: number): string {
  return NUMBER_FORMAT.format(value);
}

/** An ISO timestamp without milliseconds ("2025-03-01T08:00:00Z"); "-" for none. */
export function formatTimestamp(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === "") return "-";
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** "850 ms", "42s", "3m 07s", "2h 05m", "3d 04h". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "-";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, "0")}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${String(minutes % 60).padStart(2, "0")}m`;
  return `${Math.floor(hours / 24)}d ${String(hours % 24).padStart(2, "0")}h`;
}

/** The time between two ISO timestamps (to: now when absent). */
export function durationBetween(fromIso: string, toIso: string | null, now: number): number {
  const end = toIso === null ? now : Date.parse(toIso);
  return end - Date.parse(fromIso);
}

/** A directory value in a change: strings quoted (so empty and padded values show), lists bracketed. */
export function formatDirectoryValue(value: string | readonly string[] | null): string {
  if (value === null) return "(none)";
  if (typeof value === "string") return JSON.stringify(value);
  return `[${value.map((item) => JSON.stringify(item)).join(", ")}]`;
}

/** "1 worker", "2 workers". */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${formatCount(count)} ${count === 1 ? noun : nouns}`;
}

/** "a: 1, b: 2" for the non-zero entries, in the order given; "none" when all are zero. */
export function formatNonZero(entries: readonly (readonly [string, number])[]): string {
  const shown = entries.filter(([, value]) => value !== 0).map(([name, value]) => `${name} ${formatCount(value)}`);
  return shown.length === 0 ? "none" : shown.join(", ");
}
