/** The coordinator's REST routes (docs/api.md) as typed methods over HttpClient. */
import type { Writable } from "node:stream";
import type {
  AdminToken,
  AgentStatus,
  AuditEntry,
  CycleRecord,
  IssuedAdminToken,
  IssuedAgentToken,
  JobDefinitionJson,
  JobStatusView,
  JobView,
  LogCsvFile,
  LogFilters,
  LogPage,
  OnDemandResult,
  StagedAction,
} from "./api-types.js";
import type { HttpClient } from "./http-client.js";

const segment = encodeURIComponent;
const jobPath = (jobId: string, rest = ""): string => `/jobs/${segment(jobId)}${rest}`;

export class RosterApi {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** The coordinator's base URL as it may be shown. */
  get url(): string {
    return this.#http.url;
  }

  // --- jobs ---------------------------------------------------------------------------------

  async listJobs(): Promise<readonly JobView[]> {
    return (await this.#http.json<{ jobs: JobView[] }>("GET", "/jobs")).jobs;
  }

  getJob(jobId: string): Promise<JobView> {
    return this.#http.json("GET", jobPath(jobId));
  }

  createJob(definition: JobDefinitionJson): Promise<JobView> {
    return this.#http.json("POST", "/jobs", { body: definition });
  }

  /** expectedVersion: sent as If-Match, so a concurrent change fails with VersionConflict. */
  updateJob(jobId: string, definition: JobDefinitionJson, expectedVersion?: number): Promise<JobView> {
    return this.#http.json("PUT", jobPath(jobId), {
      body: definition,
      ...(expectedVersion === undefined ? {} : { headers: { "if-match": String(expectedVersion) } }),
    });
  }

  deleteJob(jobId: string): Promise<void> {
    return this.#http.empty("DELETE", jobPath(jobId));
  }

  exportJob(jobId: string): Promise<JobDefinitionJson> {
    return this.#http.json("GET", jobPath(jobId, "/export"));
  }

  async audit(jobId: string, limit?: number): Promise<readonly AuditEntry[]> {
    return (await this.#http.json<{ entries: AuditEntry[] }>("GET", jobPath(jobId, "/audit"), { query: { limit } }))
      .entries;
  }

  // --- lifecycle ----------------------------------------------------------------------------

  startJob(jobId: string): Promise<JobView> {
    return this.#http.json("POST", jobPath(jobId, "/start"));
  }

  stopJob(jobId: string): Promise<JobView> {
    return this.#http.json("POST", jobPath(jobId, "/stop"));
  }

  restartJob(jobId: string, breakLinks: boolean): Promise<JobView> {
    return this.#http.json("POST", jobPath(jobId, "/restart"), { body: { breakLinks } });
  }

  runCycleNow(jobId: string): Promise<{ readonly cycleId: string | null }> {
    return this.#http.json("POST", jobPath(jobId, "/run"));
  }

  status(jobId: string): Promise<JobStatusView> {
    return this.#http.json("GET", jobPath(jobId, "/status"));
  }

  async cycles(jobId: string, limit?: number): Promise<readonly CycleRecord[]> {
    return (await this.#http.json<{ cycles: CycleRecord[] }>("GET", jobPath(jobId, "/cycles"), { query: { limit } }))
      .cycles;
  }

  // --- provisioning logs --------------------------------------------------------------------

  logs(filters: LogFilters, page: { readonly limit?: number; readonly cursor?: string } = {}): Promise<LogPage> {
    return this.#http.json("GET", "/logs", { query: { ...filters, limit: page.limit, cursor: page.cursor } });
  }

  /** Streams one of the three CSV files into `output`. */
  logsCsv(filters: LogFilters, file: LogCsvFile, output: Writable): Promise<void> {
    return this.#http.streamText("GET", "/logs/csv", output, { query: { ...filters, file } });
  }

  // --- on-demand provisioning ---------------------------------------------------------------

  provisionOnDemand(jobId: string, workerId: string): Promise<OnDemandResult> {
    return this.#http.json("POST", jobPath(jobId, "/provisionOnDemand"), { body: { workerId } });
  }

  // --- staged actions -----------------------------------------------------------------------

  async stagedActions(jobId: string): Promise<readonly StagedAction[]> {
    return (await this.#http.json<{ actions: StagedAction[] }>("GET", jobPath(jobId, "/staged"))).actions;
  }

  decideStagedActions(jobId: string, decision: "allow" | "reject"): Promise<{ readonly count: number }> {
    return this.#http.json("POST", jobPath(jobId, `/staged/${decision}`));
  }

  // --- agents -------------------------------------------------------------------------------

  async agents(): Promise<readonly AgentStatus[]> {
    return (await this.#http.json<{ agents: AgentStatus[] }>("GET", "/agents")).agents;
  }

  issueAgentToken(domain: string, ttlSeconds?: number): Promise<IssuedAgentToken> {
    return this.#http.json("POST", "/agent-tokens", {
      body: ttlSeconds === undefined ? { domain } : { domain, ttlSeconds },
    });
  }

  revokeAgent(agentId: string): Promise<void> {
    return this.#http.empty("DELETE", `/agents/${segment(agentId)}`);
  }

  // --- admin tokens -------------------------------------------------------------------------

  async adminTokens(): Promise<readonly AdminToken[]> {
    return (await this.#http.json<{ tokens: AdminToken[] }>("GET", "/admin-tokens")).tokens;
  }

  issueAdminToken(name: string): Promise<IssuedAdminToken> {
    return this.#http.json("POST", "/admin-tokens", { body: { name } });
  }

  revokeAdminToken(tokenId: string): Promise<void> {
    return this.#http.empty("DELETE", `/admin-tokens/${segment(tokenId)}`);
  }
}
