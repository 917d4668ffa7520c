import { register as globalRegistry } from "prom-client";
import { describe, expect, it } from "vitest";
import { CoordinatorMetrics } from "./coordinator-metrics.js";
import { type PrometheusSample, parsePrometheusText } from "./test-support/parse-prometheus-text.js";

const ROSTER_METRICS = {
  roster_workers_processed_total: "counter",
  roster_cycles_total: "counter",
  roster_cycle_duration_seconds: "histogram",
  roster_cycle_progress_workers: "gauge",
  roster_agents_connected: "gauge",
  roster_escrowed_workers: "gauge",
  roster_job_quarantined: "gauge",
  roster_writebacks_total: "counter",
  roster_bulk_records_total: "counter",
} as const;

function sample(
  samples: readonly PrometheusSample[],
  name: string,
  labels: Record<string, string>,
): number | undefined {
  return samples.find(
    (candidate) =>
      candidate.name === name &&
      Object.entries(labels).every(([key, value]) => candidate.labels[key] === value) &&
      Object.keys(candidate.labels).length === Object.keys(labels).length,
  )?.value;
}

describe("CoordinatorMetrics", () => {
  it("renders parseable Prometheus text declaring every roster metric and the process metrics", async () => {
    const metrics = new CoordinatorMetrics();
    const { contentType, body } = await metrics.render();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const parsed = parsePrometheusText(body);
    for (const [name, type] of Object.entries(ROSTER_METRICS)) expect(parsed.types.get(name), name).toBe(type);
    expect(parsed.types.has("process_cpu_user_seconds_total")).toBe(true);
    expect(parsed.types.has("nodejs_heap_size_used_bytes")).toBe(true);
  });

  it("counts what the cycle code reports, with bounded label values", async () => {
    const metrics = new CoordinatorMetrics({ defaultMetrics: false });
    metrics.cycleStarted("hr");
    metrics.workerProcessed("hr", "create", "success", 40);
    metrics.workerProcessed("hr", "create", "success");
    metrics.workerProcessed("hr", "update", "failure", 2);
    metrics.workerProcessed("hr", "somethingOdd", "whatever", 3);
    metrics.workerProcessed("hr", "create", "success", 0);
    metrics.setProgress("hr", 45);
    metrics.setEscrowed("hr", 2);
    metrics.setQuarantined("hr", true);
    metrics.writeback("hr", "done", 5);
    metrics.writeback("hr", "retry");
    metrics.bulkRecords("api-job", 50);
    const { samples } = parsePrometheusText((await metrics.render()).body);

    expect(sample(samples, "roster_workers_processed_total", { job: "hr", action: "create", status: "success" })).toBe(
      41,
    );
    expect(sample(samples, "roster_workers_processed_total", { job: "hr", action: "update", status: "failure" })).toBe(
      2,
    );
    expect(sample(samples, "roster_workers_processed_total", { job: "hr", action: "other", status: "other" })).toBe(3);
    expect(sample(samples, "roster_cycle_progress_workers", { job: "hr" })).toBe(45);
    expect(sample(samples, "roster_escrowed_workers", { job: "hr" })).toBe(2);
    expect(sample(samples, "roster_job_quarantined", { job: "hr" })).toBe(1);
    expect(sample(samples, "roster_writebacks_total", { job: "hr", outcome: "done" })).toBe(5);
    expect(sample(samples, "roster_writebacks_total", { job: "hr", outcome: "retry" })).toBe(1);
    expect(sample(samples, "roster_bulk_records_total", { job: "api-job" })).toBe(50);
  });

  it("records finished cycles in the counter and the duration histogram and resets progress", async () => {
    const metrics = new CoordinatorMetrics({ defaultMetrics: false });
    metrics.setProgress("hr", 900);
    metrics.cycleFinished("hr", "initial", "completed", 42);
    metrics.cycleFinished("hr", "incremental", "failed", 3);
    metrics.cycleFinished("hr", "incremental", "completed", 0.5);
    const { samples } = parsePrometheusText((await metrics.render()).body);

    expect(sample(samples, "roster_cycles_total", { job: "hr", kind: "initial", state: "completed" })).toBe(1);
    expect(sample(samples, "roster_cycles_total", { job: "hr", kind: "incremental", state: "failed" })).toBe(1);
    expect(sample(samples, "roster_cycle_duration_seconds_count", { job: "hr", kind: "incremental" })).toBe(2);
    expect(sample(samples, "roster_cycle_duration_seconds_sum", { job: "hr", kind: "incremental" })).toBe(3.5);
    expect(sample(samples, "roster_cycle_duration_seconds_bucket", { job: "hr", kind: "initial", le: "30" })).toBe(0);
    expect(sample(samples, "roster_cycle_duration_seconds_bucket", { job: "hr", kind: "initial", le: "60" })).toBe(1);
    expect(sample(samples, "roster_cycle_progress_workers", { job: "hr" })).toBe(0);
  });

  it("reads connected agents per domain from the callback on every scrape", async () => {
    let connected: [string, number][] = [
      ["corp.example", 2],
      ["lab.example", 1],
    ];
    const metrics = new CoordinatorMetrics({ defaultMetrics: false, agentsByDomain: () => connected });
    let { samples } = parsePrometheusText((await metrics.render()).body);
    expect(sample(samples, "roster_agents_connected", { domain: "corp.example" })).toBe(2);
    expect(sample(samples, "roster_agents_connected", { domain: "lab.example" })).toBe(1);

    connected = [["corp.example", 1]];
    ({ samples } = parsePrometheusText((await metrics.render()).body));
    expect(sample(samples, "roster_agents_connected", { domain: "corp.example" })).toBe(1);
    expect(sample(samples, "roster_agents_connected", { domain: "lab.example" })).toBeUndefined();
  });

  it("forgets every series of a deleted job and keeps the others", async () => {
    const metrics = new CoordinatorMetrics({ defaultMetrics: false });
    for (const job of ["gone", "kept"]) {
      metrics.workerProcessed(job, "create", "success", 3);
      metrics.cycleFinished(job, "initial", "completed", 10);
      metrics.setEscrowed(job, 1);
      metrics.writeback(job, "failed");
    }
    await metrics.forgetJob("gone");
    const { samples } = parsePrometheusText((await metrics.render()).body);
    expect(samples.filter((candidate) => candidate.labels["job"] === "gone")).toEqual([]);
    expect(
      sample(samples, "roster_workers_processed_total", { job: "kept", action: "create", status: "success" }),
    ).toBe(3);
    expect(sample(samples, "roster_cycle_duration_seconds_count", { job: "kept", kind: "initial" })).toBe(1);
  });

  it("keeps its series off prom-client's global registry and apart from other instances", async () => {
    const first = new CoordinatorMetrics({ defaultMetrics: false });
    const second = new CoordinatorMetrics({ defaultMetrics: false });
    first.workerProcessed("hr", "create", "success", 7);
    expect(await globalRegistry.getSingleMetric("roster_workers_processed_total")).toBeUndefined();
    const { samples } = parsePrometheusText((await second.render()).body);
    expect(samples.filter((candidate) => candidate.name === "roster_workers_processed_total")).toEqual([]);
  });
});

describe("parsePrometheusText", () => {
  it("rejects lines that are not exposition format", () => {
    expect(() => parsePrometheusText("# TYPE a counter\na{x=1} 2\n")).toThrow(/bad labels/);
    expect(() => parsePrometheusText("undeclared 1\n")).toThrow(/undeclared/);
    expect(() => parsePrometheusText("# TYPE a gauge\na one\n")).toThrow(/bad value/);
  });
});
