/**
 * Shows a running cycle while the demo polls it: a cli-progress bar when the stream is a
 * terminal, otherwise a plain line at each tenth of the way (pipes and CI logs get no
 * control characters and no flood of lines).
 */
import { Presets, SingleBar } from "cli-progress";
import type { CycleRecord } from "./demo-api.js";
import type { OutputStream } from "./demo-io.js";
import { formatCount } from "./readable-values.js";

export interface CycleProgress {
  update(cycle: CycleRecord): void;
  /** Shows the final state and releases the terminal line. */
  stop(final?: CycleRecord): void;
}

/** The workers a cycle knows about so far (it may process a few more than it counted as imported). */
export function cycleTotal(cycle: Pick<CycleRecord, "counts" | "processed">): number {
  return Math.max(cycle.counts.imported, cycle.processed);
}

/** "created 12, updated 3, failed 1" for the non-zero counts that matter while a cycle runs. */
export function formatRunningCounts(cycle: Pick<CycleRecord, "counts">): string {
  const c = cycle.counts;
  const shown = (
    [
      ["created", c.created],
      ["updated", c.updated],
      ["disabled", c.disabled],
      ["skipped", c.skipped],
      ["failed", c.failed],
    ] as const
  ).filter(([, value]) => value > 0);
  return shown.length === 0 ? "nothing yet" : shown.map(([name, value]) => `${name} ${formatCount(value)}`).join(", ");
}

/** One plain progress line. */
export function formatProgressLine(label: string, cycle: Pick<CycleRecord, "counts" | "processed">): string {
  const total = cycleTotal(cycle);
  const percent = total === 0 ? 0 : Math.floor((cycle.processed / total) * 100);
  return `${label}: ${formatCount(cycle.processed)} of ${formatCount(total)} workers (${percent}%) - ${formatRunningCounts(cycle)}\n`;
}

export function createCycleProgress(output: OutputStream, label: string): CycleProgress {
  return output.isTTY === true ? new BarProgress(output, label) : new LineProgress(output, label);
}

class BarProgress implements CycleProgress {
  readonly #bar: SingleBar;
  #started = false;

  constructor(output: OutputStream, label: string) {
    this.#bar = new SingleBar(
      {
        stream: output as NodeJS.WritableStream,
        format: `${label} [{bar}] {percentage}% | {value}/{total} workers | {counts}`,
        hideCursor: true,
        clearOnComplete: false,
        formatValue: (value, _options, type) => (type === "value" || type === "total" ? formatCount(value) : String(value)),
      },
      Presets.shades_classic,
    );
  }

  update(cycle: CycleRecord): void {
    // The total grows while pages are imported; a zero total would print NaN.
    const total = Math.max(cycleTotal(cycle), 1);
    const payload = { counts: formatRunningCounts(cycle) };
    if (!this.#started) {
      this.#started = true;
      this.#bar.start(total, cycle.processed, payload);
      return;
    }
    this.#bar.setTotal(total);
    this.#bar.update(cycle.processed, payload);
  }

  stop(final?: CycleRecord): void {
    if (final !== undefined) this.update(final);
    if (this.#started) this.#bar.stop();
  }
}

class LineProgress implements CycleProgress {
  readonly #output: OutputStream;
  readonly #label: string;
  #lastTenth = -1;
  #lastLine = "";

  constructor(output: OutputStream, label: string) {
    this.#output = output;
    this.#label = label;
  }

  update(cycle: CycleRecord): void {
    const total = cycleTotal(cycle);
    const tenth = total === 0 ? 0 : Math.floor((cycle.processed / total) * 10);
    if (tenth <= this.#lastTenth) return;
    this.#lastTenth = tenth;
    this.#print(cycle);
  }

  stop(final?: CycleRecord): void {
    if (final !== undefined) this.#print(final);
  }

  #print(cycle: CycleRecord): void {
    const line = formatProgressLine(this.#label, cycle);
    if (line === this.#lastLine) return;
    this.#lastLine = line;
    this.#output.write(line);
  }
}
