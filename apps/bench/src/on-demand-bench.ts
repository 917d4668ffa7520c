/** P3: latency of POST /jobs/{id}/provisionOnDemand, one call at a time, as p50/p95 in ms. */
import { percentile } from "./latency-stats.js";
import type { RosterApi } from "./roster-api.js";

export interface OnDemandResult {
  readonly calls: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  /** Calls per "action/status". */
  readonly actions: Readonly<Record<string, number>>;
  /** The first failed calls' errors. */
  readonly failures: readonly string[];
}

export async function runOnDemand(api: RosterApi, jobId: string, workerIds: readonly string[]): Promise<OnDemandResult> {
  if (workerIds.length === 0) throw new Error("on-demand bench: no workers to provision");
  const latencies: number[] = [];
  const actions: Record<string, number> = {};
  const failures: string[] = [];
  for (const workerId of workerIds) {
    const started = performance.now();
    const result = await api.call<{
      action: string;
      status: string;
      logRecord: { errorCode: string | null; additionalDetails: string | null };
    }>("POST", `/jobs/${jobId}/provisionOnDemand`, { workerId });
    latencies.push(performance.now() - started);
    if (result.status === "failure" && failures.length < 5) {
      failures.push(`${workerId}: ${result.logRecord.errorCode ?? "?"}: ${result.logRecord.additionalDetails ?? "no details"}`);
    }
    const key = `${result.action}/${result.status}`;
    actions[key] = (actions[key] ?? 0) + 1;
  }
  return {
    calls: latencies.length,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    maxMs: Math.max(...latencies),
    actions,
    failures,
  };
}
