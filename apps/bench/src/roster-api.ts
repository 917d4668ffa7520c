/**
 * The few REST calls the product benchmarks make (docs/api.md): create and start a job, run a
 * cycle, follow /status until the cycle finishes. Every non-2xx answer throws with the route
 * and the coordinator's error code, so a broken run reports no numbers.
 */
import type { CycleRecord, JobStatusView } from "@roster/coordinator";

/** A finished cycle as /status shows it (dates are ISO strings over the wire). */
export type CycleView = Omit<CycleRecord, "startedAt" | "finishedAt" | "through" | "from"> & {
  readonly startedAt: string;
  readonly finishedAt: string | null;
};

export class RosterApi {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async call<T>(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<T> {
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { "content-type": contentType }),
      },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return (text === "" ? null : JSON.parse(text)) as T;
  }

  async createJob(definition: unknown): Promise<string> {
    return (await this.call<{ jobId: string }>("POST", "/jobs", definition)).jobId;
  }

  async startJob(jobId: string): Promise<void> {
    await this.call("POST", `/jobs/${jobId}/start`);
  }

  async status(jobId: string): Promise<JobStatusView> {
    return this.call<JobStatusView>("GET", `/jobs/${jobId}/status`);
  }

  /**
   * Waits until a cycle other than `previousCycleId` has finished and no cycle runs; returns it.
   * `onProgress` sees the running cycle's processed count at each poll.
   */
  async waitForCycle(
    jobId: string,
    previousCycleId: string | null,
    options: { readonly timeoutMs: number; readonly pollMs?: number; readonly onProgress?: (processed: number) => void },
  ): Promise<CycleView> {
    const deadline = Date.now() + options.timeoutMs;
    for (;;) {
      const current = await this.status(jobId);
      const last = current.lastCycle as unknown as CycleView | null;
      if (current.currentCycle === null && last !== null && last.cycleId !== previousCycleId) {
        if (last.state !== "completed") throw new Error(`cycle ${last.cycleId} ended ${last.state}: ${last.error ?? "no error given"}`);
        return last;
      }
      if (current.currentCycle !== null) options.onProgress?.(current.currentCycle.processed);
      if (Date.now() > deadline) throw new Error(`job ${jobId}: no cycle finished within ${options.timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
    }
  }

  /** POST /run, then waits for that cycle. */
  async runCycle(jobId: string, timeoutMs: number): Promise<CycleView> {
    const before = (await this.status(jobId)).lastCycle?.cycleId ?? null;
    await this.call("POST", `/jobs/${jobId}/run`);
    return this.waitForCycle(jobId, before, { timeoutMs });
  }
}

/** Wall seconds between a cycle's start and finish as the coordinator recorded them. */
export function cycleSeconds(cycle: CycleView): number {
  if (cycle.finishedAt === null) throw new Error(`cycle ${cycle.cycleId} has no finish time`);
  return (Date.parse(cycle.finishedAt) - Date.parse(cycle.startedAt)) / 1000;
}
