/**
 * The few REST calls the demo makes (docs/api.md), over fetch with the admin token, and the
 * wire shapes of their answers (timestamps are ISO strings). A failed call becomes a
 * RosterError carrying the API's code and message, naming the method and path.
 */
import { isErrorCode, RosterError } from "@roster/engine";

export interface CycleCounts {
  readonly imported: number;
  readonly created: number;
  readonly updated: number;
  readonly enabled: number;
  readonly disabled: number;
  readonly moved: number;
  readonly skipped: number;
  readonly noChange: number;
  readonly failed: number;
  readonly escrowed: number;
  readonly staged: number;
  readonly writebacks: number;
}

export interface CycleRecord {
  readonly cycleId: string;
  readonly jobId: string;
  readonly kind: "initial" | "incremental";
  readonly state: "running" | "completed" | "failed" | "stopped";
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly counts: CycleCounts;
  readonly processed: number;
  readonly error: string | null;
}

export interface WritebackCounts {
  readonly pending: number;
  readonly done: number;
  readonly failed: number;
}

export interface JobStatus {
  readonly jobId: string;
  readonly runState: string;
  readonly currentCycle: CycleRecord | null;
  readonly lastCycle: CycleRecord | null;
  readonly nextCycleAt: string | null;
  readonly quarantine: { readonly quarantined: boolean; readonly reason: string | null };
  readonly escrowed: number;
  readonly stagedPending: number;
  readonly writebacks: WritebackCounts;
}

export type DirectoryValue = string | readonly string[];

export interface ModifiedProperty {
  readonly name: string;
  readonly oldValue: DirectoryValue | null;
  readonly newValue: DirectoryValue | null;
}

export interface ProvisioningStep {
  readonly step: string;
  readonly status: string;
  readonly description: string;
  readonly details: Readonly<Record<string, string>>;
}

export interface LogRecord {
  readonly changeId: string;
  readonly cycleId: string;
  readonly jobId: string;
  readonly action: string;
  readonly status: string;
  readonly sourceIdentity: { readonly id: string | null; readonly displayName: string | null };
  readonly targetIdentity: { readonly id: string | null; readonly displayName: string | null };
  readonly errorCode: string | null;
  readonly additionalDetails: string | null;
  readonly recommendedAction: string | null;
  readonly steps: readonly ProvisioningStep[];
  readonly modifiedProperties: readonly ModifiedProperty[];
}

export interface OnDemandResult {
  readonly workerId: string;
  readonly action: string;
  readonly status: string;
  readonly steps: readonly ProvisioningStep[];
  readonly target: { readonly anchor: string | null; readonly dn: string | null };
  readonly modifiedProperties: readonly ModifiedProperty[];
  readonly logRecord: LogRecord;
}

export interface LogFilter {
  readonly jobId?: string;
  readonly cycleId?: string;
  readonly workerId?: string;
  readonly action?: string;
  readonly status?: string;
}

export class DemoApi {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  async createJob(definition: unknown): Promise<{ readonly jobId: string }> {
    return this.#call("POST", "/jobs", definition);
  }

  async startJob(jobId: string): Promise<void> {
    await this.#call("POST", `/jobs/${encodeURIComponent(jobId)}/start`);
  }

  async runCycle(jobId: string): Promise<{ readonly cycleId: string | null }> {
    return this.#call("POST", `/jobs/${encodeURIComponent(jobId)}/run`);
  }

  async status(jobId: string): Promise<JobStatus> {
    return this.#call("GET", `/jobs/${encodeURIComponent(jobId)}/status`);
  }

  async cycles(jobId: string, limit: number): Promise<readonly CycleRecord[]> {
    return (await this.#call<{ cycles: CycleRecord[] }>("GET", `/jobs/${encodeURIComponent(jobId)}/cycles?limit=${limit}`)).cycles;
  }

  /** Every matching record, following the cursor up to `max`. */
  async logs(filter: LogFilter, max: number): Promise<readonly LogRecord[]> {
    const records: LogRecord[] = [];
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ ...filter, limit: String(Math.min(1000, max - records.length)) });
      if (cursor !== null) query.set("cursor", cursor);
      const page: { records: LogRecord[]; nextCursor: string | null } = await this.#call("GET", `/logs?${query}`);
      records.push(...page.records);
      cursor = page.nextCursor;
    } while (cursor !== null && records.length < max);
    return records;
  }

  async provisionOnDemand(jobId: string, workerId: string): Promise<OnDemandResult> {
    return this.#call("POST", `/jobs/${encodeURIComponent(jobId)}/provisionOnDemand`, { workerId });
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const where = `${method} /api/v1${path.split("?")[0]}`;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new RosterError("InternalError", `${where}: the coordinator at ${this.baseUrl} did not answer (${(error as Error).message}).`, { where }, { cause: error });
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {
      throw new RosterError("InternalError", `${where}: the answer (HTTP ${response.status}) is not JSON.`, { where, status: response.status });
    }
    if (!response.ok) {
      const problem = (parsed ?? {}) as { code?: unknown; message?: unknown };
      const code = typeof problem.code === "string" && isErrorCode(problem.code) ? problem.code : "InternalError";
      const message = typeof problem.message === "string" ? problem.message : `HTTP ${response.status}`;
      throw new RosterError(code, `${where} failed: ${message}`, { where, status: response.status });
    }
    return parsed as T;
  }
}
