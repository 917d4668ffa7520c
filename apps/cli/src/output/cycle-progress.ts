/**
 * Shows a running cycle while `roster status --watch` polls it: a cli-progress bar on a
 * terminal, one plain line per change otherwise (logs and pipes get no control characters).
 */
import { Presets, SingleBar } from "cli-progress";
import type { CycleRecord } from "../api-client/api-types.js";
import type { OutputStream } from "../api-client/cli-io.js";
import { cycleTotal, formatCycleActions } from "./cycle-counts.js";
import { formatCount } from "./readable-values.js";

export interface CycleProgressDisplay {
  update(cycle: CycleRecord): void;
  /** Leaves the last state on screen. */
  stop(): void;
}

export function createCycleProgress(output: OutputStream, first: CycleRecord): CycleProgressDisplay {
  return output.isTTY === true ? new BarProgress(output, first) : new LineProgress(output, first);
}

class BarProgress implements CycleProgressDisplay {
  readonly #bar: SingleBar;

  constructor(output: OutputStream, first: CycleRecord) {
    this.#bar = new SingleBar(
      {
        stream: output,
        format: `${first.kind} cycle [{bar}] {percentage}% | {value}/{total} workers | {actions}`,
        hideCursor: true,
        formatValue: (value, _options, type) =>
          type === "value" || type === "total" ? formatCount(value) : String(value),
      },
      Presets.shades_classic,
    );
    // The total grows while workers are imported; an empty total would print NaN.
    this.#bar.start(Math.max(cycleTotal(first.counts, first.processed), 1), first.processed, payloadOf(first));
  }

  update(cycle: CycleRecord): void {
    this.#bar.setTotal(Math.max(cycleTotal(cycle.counts, cycle.processed), 1));
    this.#bar.update(cycle.processed, payloadOf(cycle));
  }

  stop(): void {
    this.#bar.stop();
  }
}

function payloadOf(cycle: CycleRecord): { actions: string } {
  return { actions: formatCycleActions(cycle.counts) };
}

class LineProgress implements CycleProgressDisplay {
  readonly #output: OutputStream;
  #last = "";

  constructor(output: OutputStream, first: CycleRecord) {
    this.#output = output;
    this.update(first);
  }

  update(cycle: CycleRecord): void {
    const line = `cycle ${cycle.cycleId} (${cycle.kind}): ${formatCount(cycle.processed)} of ${formatCount(
      cycleTotal(cycle.counts, cycle.processed),
    )} workers processed; ${formatCycleActions(cycle.counts)}`;
    // Only changes: a pipe or log file should not fill up with identical lines.
    if (line === this.#last) return;
    this.#last = line;
    this.#output.write(`${new Date().toISOString().replace(/\.\d{3}Z$/, "Z")}  ${line}\n`);
  }

  stop(): void {}
}
