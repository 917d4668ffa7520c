/**
 * The coordinator's Prometheus metrics on a registry of its own (never prom-client's global
 * one, so several coordinators or tests in one process do not share series). Label values
 * are bounded: jobs and domains are administrator-defined and few; action, status, kind,
 * state and outcome are folded onto fixed sets, anything else counting as "other".
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export const CYCLE_DURATION_BUCKETS_SECONDS: readonly number[] = [
  1, 5, 15, 30, 60, 120, 300, 600, 1200, 2400, 3600, 7200, 14400,
];

const ACTIONS = new Set(["create", "update", "delete", "disable", "stagedDelete", "other"]);
const STATUSES = new Set(["success", "warning", "failure", "skipped"]);
const CYCLE_KINDS = new Set(["initial", "incremental"]);
const CYCLE_STATES = new Set(["completed", "failed", "stopped"]);
const WRITEBACK_OUTCOMES = new Set(["done", "retry", "failed"]);

type PerJobMetric = Counter<string> | Gauge<string> | Histogram<string>;

export type WritebackOutcome = "done" | "retry" | "failed";

/** Connected agents per domain; read on every scrape. */
export type AgentsByDomain = () => Iterable<readonly [domain: string, connected: number]>;

export interface CoordinatorMetricsOptions {
  /** Node process metrics (CPU, memory, event loop, GC). Default true. */
  readonly defaultMetrics?: boolean;
  readonly agentsByDomain?: AgentsByDomain;
  /** Prefix for the default process metrics only (the roster_ names are fixed). */
  readonly processMetricsPrefix?: string;
}

export class CoordinatorMetrics {
  readonly registry: Registry;
  readonly #workersProcessed: Counter<"job" | "action" | "status">;
  readonly #cycles: Counter<"job" | "kind" | "state">;
  readonly #cycleDuration: Histogram<"job" | "kind">;
  readonly #cycleProgress: Gauge<"job">;
  readonly #escrowed: Gauge<"job">;
  readonly #quarantined: Gauge<"job">;
  readonly #writebacks: Counter<"job" | "outcome">;
  readonly #bulkRecords: Counter<"job">;
  #agentsByDomain: AgentsByDomain | undefined;

  constructor(options: CoordinatorMetricsOptions = {}) {
    const registry = new Registry();
    this.registry = registry;
    this.#agentsByDomain = options.agentsByDomain;
    const registers = [registry];

    this.#workersProcessed = new Counter({
      name: "roster_workers_processed_total",
      help: "Workers processed by provisioning cycles, by provisioning-log action and status.",
      labelNames: ["job", "action", "status"],
      registers,
    });
    this.#cycles = new Counter({
      name: "roster_cycles_total",
      help: "Provisioning cycles finished, by kind and final state.",
      labelNames: ["job", "kind", "state"],
      registers,
    });
    this.#cycleDuration = new Histogram({
      name: "roster_cycle_duration_seconds",
      help: "Duration of finished provisioning cycles.",
      labelNames: ["job", "kind"],
      buckets: [...CYCLE_DURATION_BUCKETS_SECONDS],
      registers,
    });
    this.#cycleProgress = new Gauge({
      name: "roster_cycle_progress_workers",
      help: "Workers processed so far by the job's running cycle (0 when none runs).",
      labelNames: ["job"],
      registers,
    });
    const metrics = this;
    new Gauge({
      name: "roster_agents_connected",
      help: "Agents connected to the coordinator, per domain.",
      labelNames: ["domain"],
      registers,
      collect() {
        // Domains whose agents all left must disappear, not keep their last value.
        this.reset();
        const source = metrics.#agentsByDomain;
        if (source === undefined) return;
        for (const [domain, connected] of source()) this.set({ domain }, connected);
      },
    });
    this.#escrowed = new Gauge({
      name: "roster_escrowed_workers",
      help: "Workers in escrow (a transient failure, retried with backoff).",
      labelNames: ["job"],
      registers,
    });
    this.#quarantined = new Gauge({
      name: "roster_job_quarantined",
      help: "1 while the job is quarantined, else 0.",
      labelNames: ["job"],
      registers,
    });
    this.#writebacks = new Counter({
      name: "roster_writebacks_total",
      help: "Writebacks to the HR source, by outcome (done, retry, failed).",
      labelNames: ["job", "outcome"],
      registers,
    });
    this.#bulkRecords = new Counter({
      name: "roster_bulk_records_total",
      help: "Records received through API-driven inbound bulk uploads.",
      labelNames: ["job"],
      registers,
    });
    if (options.defaultMetrics ?? true) {
      collectDefaultMetrics(
        options.processMetricsPrefix === undefined
          ? { register: registry }
          : { register: registry, prefix: options.processMetricsPrefix },
      );
    }
  }

  /** Where roster_agents_connected reads from (the agent hub, once it exists). */
  setAgentsByDomain(source: AgentsByDomain | undefined): void {
    this.#agentsByDomain = source;
  }

  workerProcessed(job: string, action: string, status: string, n = 1): void {
    if (n <= 0) return;
    this.#workersProcessed.inc({ job, action: oneOf(ACTIONS, action), status: oneOf(STATUSES, status) }, n);
  }

  /** A cycle began: its progress starts at 0. */
  cycleStarted(job: string): void {
    this.#cycleProgress.set({ job }, 0);
  }

  cycleFinished(job: string, kind: string, state: string, seconds: number): void {
    const cycleKind = oneOf(CYCLE_KINDS, kind);
    this.#cycles.inc({ job, kind: cycleKind, state: oneOf(CYCLE_STATES, state) });
    if (Number.isFinite(seconds) && seconds >= 0) this.#cycleDuration.observe({ job, kind: cycleKind }, seconds);
    this.#cycleProgress.set({ job }, 0);
  }

  setProgress(job: string, workers: number): void {
    this.#cycleProgress.set({ job }, workers);
  }

  setEscrowed(job: string, workers: number): void {
    this.#escrowed.set({ job }, workers);
  }

  setQuarantined(job: string, quarantined: boolean): void {
    this.#quarantined.set({ job }, quarantined ? 1 : 0);
  }

  writeback(job: string, outcome: WritebackOutcome, n = 1): void {
    if (n <= 0) return;
    this.#writebacks.inc({ job, outcome: oneOf(WRITEBACK_OUTCOMES, outcome) }, n);
  }

  bulkRecords(job: string, n: number): void {
    if (n <= 0) return;
    this.#bulkRecords.inc({ job }, n);
  }

  /** Drops every series of a deleted job, so deleted jobs do not accumulate. */
  async forgetJob(job: string): Promise<void> {
    const perJob: readonly (readonly [PerJobMetric, readonly string[]])[] = [
      [this.#workersProcessed, ["job", "action", "status"]],
      [this.#cycles, ["job", "kind", "state"]],
      [this.#cycleDuration, ["job", "kind"]],
      [this.#cycleProgress, ["job"]],
      [this.#escrowed, ["job"]],
      [this.#quarantined, ["job"]],
      [this.#writebacks, ["job", "outcome"]],
      [this.#bulkRecords, ["job"]],
    ];
    for (const [metric, labelNames] of perJob) {
      const snapshot = await metric.get();
      const removed = new Set<string>();
      for (const value of snapshot.values) {
        if (value.labels["job"] !== job) continue;
        // A histogram reports several samples (buckets, sum, count) per series: keep only its own labels.
        const labels: Record<string, string> = {};
        for (const name of labelNames) labels[name] = String(value.labels[name] ?? "");
        const key = labelNames.map((name) => labels[name]).join("\u0000");
        if (removed.has(key)) continue;
        removed.add(key);
        metric.remove(labels);
      }
    }
  }

  /** The Prometheus text exposition of every metric. */
  async render(): Promise<{ readonly contentType: string; readonly body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

function oneOf(allowed: ReadonlySet<string>, value: string): string {
  return allowed.has(value) ? value : "other";
}
