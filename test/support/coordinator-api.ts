/**
 * The coordinator's REST API as the tests use it: authenticated JSON calls, "run a cycle now and
 * wait for it", and "wait for the cycle the scheduler started".
 */
import type { JobStatusView } from "@roster/coordinator";

export type CycleRecord = NonNullable<JobStatusView["lastCycle"]>;

export interface ApiResponse<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export class CoordinatorApi {
  constructor(
    private readonly baseUrl: () => string,
    private readonly token: string,
  ) {}

  async call<T>(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl()}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { "content-type": contentType }),
      },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text === "" ? null : JSON.parse(text)) as T };
  }

  /** Like call, but a non-2xx answer throws with the error body. */
  async ok<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
    const response = await this.call<T>(method, path, body, contentType);
    if (response.status < 200 || response.status > 299) {
      throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  status(jobId: string): Promise<JobStatusView> {
    return this.ok<JobStatusView>("GET", `/jobs/${jobId}/status`);
  }

  /** Waits until no cycle runs and the last one is not `before`; returns it. */
  async waitForCycleAfter(jobId: string, before: string | null, timeoutMs = 120_000): Promise<CycleRecord> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = await this.status(jobId).catch(() => null);
      if (current !== null && current.currentCycle === null && current.lastCycle !== null && current.lastCycle.cycleId !== before) {
        return current.lastCycle;
      }
      if (Date.now() > deadline) throw new Error(`job ${jobId}: no cycle finished within ${timeoutMs} ms`);
      await sleep(150);
    }
  }

  /** POST /jobs/{id}/run and wait for that cycle to finish. */
  async runCycle(jobId: string, timeoutMs = 120_000): Promise<CycleRecord> {
    const before = (await this.status(jobId)).lastCycle?.cycleId ?? null;
    const started = await this.call<{ cycleId: string | null }>("POST", `/jobs/${jobId}/run`);
    if (started.status !== 202) throw new Error(`run of job ${jobId} answered ${started.status}: ${JSON.stringify(started.body)}`);
    return this.waitForCycleAfter(jobId, before, timeoutMs);
  }

  /** The failure records of a cycle, for an assertion message. */
  async failures(jobId: string, cycleId?: string): Promise<string> {
    const cycle = cycleId === undefined ? "" : `&cycleId=${encodeURIComponent(cycleId)}`;
    const logs = await this.call<{ records: unknown[] }>("GET", `/logs?jobId=${jobId}&status=failure&limit=5${cycle}`);
    return JSON.stringify(logs.body).slice(0, 3000);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `done` holds for its value; returns that value. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await read();
    if (done(last)) return last;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms (last value ${JSON.stringify(last)})`);
    await sleep(200);
  }
}
