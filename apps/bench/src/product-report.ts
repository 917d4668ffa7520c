/**
 * The product benchmarks' readable table: one row per measurement with its target and verdict,
 * and the time it was taken (other work on the machine moves the numbers).
 */
import type { BulkIngestResult } from "./bulk-bench.js";
import type { StackBenchResult } from "./product-bench.js";
import type { RawAddResult } from "./cycle-bench.js";
import type { RssBenchResult } from "./rss-bench.js";

/** Targets on a 2-core machine (issue #6). */
export const PRODUCT_TARGETS = {
  /** P1 workers/s over the raw ldapts add rate of the same server. */
  initialToRawRatio: 0.5,
  /** P1: seconds for 100,000 workers. */
  initialSecondsPer100k: 180,
  /** P2: seconds for an incremental cycle with 1% changed. */
  incrementalSeconds: 5,
  /** P3: p95 in ms. */
  onDemandP95Ms: 250,
  /** P4: MiB per process. */
  peakRssMiB: 512,
} as const;

export interface ProductResults {
  readonly stacks: readonly StackBenchResult[];
  readonly rss?: RssBenchResult;
  readonly bulk?: BulkIngestResult & { readonly measuredAt: string };
}

export interface ReportRow {
  readonly id: string;
  readonly measure: string;
  readonly value: string;
  readonly target: string;
  /** "met", "MISSED" or "-" (no target). */
  readonly verdict: string;
  readonly measuredAt: string;
}

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

function verdict(met: boolean): string {
  return met ? "met" : "MISSED";
}

function failedNote(failed: number): string {
  return failed > 0 ? ` (${integer.format(failed)} failed)` : "";
}

export function productRows(results: ProductResults): ReportRow[] {
  const rows: ReportRow[] = [];
  const time = (iso: string) => iso.slice(11, 19);
  for (const stack of results.stacks) {
    const at = time(stack.measuredAt);
    const n = integer.format(stack.workers);
    const i = stack.initial;
    if (stack.sourceRead !== undefined) {
      rows.push({
        id: "P1a",
        measure: `${n} workers read from hr-sim by the Workday client alone`,
        value: `${stack.sourceRead.seconds.toFixed(1)} s, ${integer.format(stack.sourceRead.workersPerSecond)} workers/s`,
        target: "-",
        verdict: "-",
        measuredAt: at,
      });
    }
    rows.push(
      ...initialCycleRows({
        measure: `initial cycle, ${n} workers, hr-sim + coordinator + agent in one process${failedNote(i.counts.failed)}`,
        workers: stack.workers,
        seconds: i.seconds,
        value: `${i.seconds.toFixed(1)} s, ${integer.format(i.workersPerSecond)} workers/s, ${i.cpuSeconds.toFixed(0)} CPU s`,
        raw: stack.raw,
        ratio: stack.initialToRawRatio,
        at,
      }),
    );
    if (stack.incremental !== undefined) {
      const inc = stack.incremental;
      rows.push({
        id: "P2",
        measure: `incremental cycle, ${integer.format(inc.changed)} of ${n} changed${failedNote(inc.counts.failed)}`,
        value: `${inc.seconds.toFixed(2)} s, ${inc.cpuSeconds.toFixed(1)} CPU s`,
        target: `< ${PRODUCT_TARGETS.incrementalSeconds} s`,
        verdict: verdict(inc.seconds < PRODUCT_TARGETS.incrementalSeconds),
        measuredAt: at,
      });
    }
    if (stack.onDemand !== undefined) {
      const od = stack.onDemand;
      rows.push({
        id: "P3",
        measure: `on-demand provisioning, ${od.calls} calls, ${n} workers`,
        value: `p50 ${od.p50Ms.toFixed(0)} ms, p95 ${od.p95Ms.toFixed(0)} ms, max ${od.maxMs.toFixed(0)} ms`,
        target: `p95 < ${PRODUCT_TARGETS.onDemandP95Ms} ms`,
        verdict: verdict(od.p95Ms < PRODUCT_TARGETS.onDemandP95Ms),
        measuredAt: at,
      });
    }
  }
  if (results.rss !== undefined) {
    const r = results.rss;
    const at = time(r.measuredAt);
    const n = integer.format(r.workers);
    for (const [name, memory] of [["coordinator", r.coordinator], ["agent", r.agent]] as const) {
      rows.push({
        id: "P4",
        measure: `peak RSS of the ${name} process, ${n} workers`,
        value: `${memory.peakRssMiB.toFixed(0)} MiB (idle at start ${memory.startRssMiB.toFixed(0)}, after ${memory.finalRssMiB.toFixed(0)})`,
        target: `< ${PRODUCT_TARGETS.peakRssMiB} MiB`,
        verdict: verdict(memory.peakRssMiB < PRODUCT_TARGETS.peakRssMiB),
        measuredAt: at,
      });
    }
    rows.push(
      ...initialCycleRows({
        measure: `initial cycle, ${n} workers, hr-sim / coordinator / agent as separate processes${failedNote(r.initialCounts.failed)}`,
        workers: r.workers,
        seconds: r.initialSeconds,
        value: `${r.initialSeconds.toFixed(1)} s, ${integer.format(r.initialWorkersPerSecond)} workers/s; CPU s: ${cpuShares(r.initialCpuSeconds)}`,
        raw: r.raw,
        ratio: r.initialToRawRatio,
        at,
      }),
    );
  }
  if (results.bulk !== undefined) {
    const b = results.bulk;
    rows.push({
      id: "P6",
      measure: `SCIM bulk ingest, ${integer.format(b.records)} records in ${b.requests} requests, ${b.uploadConcurrency} at once`,
      value: `${integer.format(b.recordsPerSecond)} records/s (${b.seconds.toFixed(1)} s; accepted in ${b.uploadSeconds.toFixed(1)} s)`,
      target: "-",
      verdict: "-",
      measuredAt: time(b.measuredAt),
    });
  }
  return rows;
}

/** P1: the cycle held to 3 minutes per 100,000 workers, and the raw add rate of the same server with the ratio. */
function initialCycleRows(p: {
  readonly measure: string;
  readonly workers: number;
  readonly seconds: number;
  readonly value: string;
  readonly raw: RawAddResult | undefined;
  readonly ratio: number | undefined;
  readonly at: string;
}): ReportRow[] {
  // The 3-minute target is for 100,000 workers; smaller runs are held to the same rate.
  const budget = (PRODUCT_TARGETS.initialSecondsPer100k * p.workers) / 100_000;
  const rows: ReportRow[] = [
    { id: "P1", measure: p.measure, value: p.value, target: `< ${budget.toFixed(0)} s`, verdict: verdict(p.seconds < budget), measuredAt: p.at },
  ];
  if (p.raw !== undefined && p.ratio !== undefined) {
    rows.push({
      id: "P1",
      measure: `raw ldapts adds, same server, ${p.raw.concurrency} in flight on ${p.raw.connections} connections`,
      value: `${integer.format(p.raw.addsPerSecond)} adds/s`,
      target: "-",
      verdict: "-",
      measuredAt: p.at,
    });
    rows.push({
      id: "P1",
      measure: "initial cycle rate / raw add rate",
      value: `${(100 * p.ratio).toFixed(1)}%`,
      target: `>= ${100 * PRODUCT_TARGETS.initialToRawRatio}%`,
      verdict: verdict(p.ratio >= PRODUCT_TARGETS.initialToRawRatio),
      measuredAt: p.at,
    });
  }
  return rows;
}

function cpuShares(cpu: RssBenchResult["initialCpuSeconds"]): string {
  return `coordinator ${cpu.coordinator.toFixed(0)}, agent ${cpu.agent.toFixed(0)}, hr-sim ${cpu.hrSim.toFixed(0)}, slapd ${cpu.slapd.toFixed(0)}`;
}

export function formatProductTable(rows: readonly ReportRow[]): string {
  const header: ReportRow = { id: "id", measure: "measure", value: "value", target: "target", verdict: "verdict", measuredAt: "at (UTC)" };
  const columns = ["id", "measure", "value", "target", "verdict", "measuredAt"] as const;
  const all = [header, ...rows];
  const widths = columns.map((column) => Math.max(...all.map((row) => row[column].length)));
  const line = (row: ReportRow) => columns.map((column, c) => row[column].padEnd(widths[c]!)).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
