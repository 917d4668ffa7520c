/** The benchmark's readable table. */
import type { BenchResult, PhaseResult } from "./run-bench.js";

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

function outcomesText(phase: PhaseResult): string {
  return Object.entries(phase.outcomes)
    .sort(([, a], [, b]) => b - a)
    .map(([name, n]) => `${name} ${integer.format(n)}`)
    .join(", ");
}

export function formatBenchTable(result: BenchResult): string {
  const header = [
    "phase",
    "workers",
    "seconds",
    "workers/s",
    "CPU s",
    "workers/CPU s",
    "plan s",
    "planned/s",
    "GC s",
    "heap MiB",
    "RSS MiB",
    "outcomes",
  ];
  const rows = result.phases.map((p) => [
    p.phase,
    integer.format(p.workers),
    p.seconds.toFixed(3),
    integer.format(p.workersPerSecond),
    p.cpuSeconds.toFixed(3),
    integer.format(p.workersPerCpuSecond),
    p.planSeconds > 0 ? p.planSeconds.toFixed(3) : "-",
    Number.isFinite(p.workersPerPlanSecond) ? integer.format(p.workersPerPlanSecond) : "-",
    p.gcSeconds.toFixed(3),
    p.heapUsedMiB.toFixed(0),
    p.rssMiB.toFixed(0),
    outcomesText(p),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  // Text columns left-aligned, numbers right-aligned.
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) =>
        c === 0 || c === cells.length - 1 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0),
      )
      .join("  ")
      .trimEnd();
  return [
    `Roster planner benchmark: default Workday → AD mapping set, ${integer.format(result.workers)} workers, seed ${result.seed}, Node ${result.node}, one thread`,
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
  ].join("\n");
}
