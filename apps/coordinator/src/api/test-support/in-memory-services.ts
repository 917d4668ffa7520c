/**
 * A small in-memory CoordinatorServices for the HTTP-layer tests only: enough behaviour
 * (not-found, version conflicts, cycles in progress, quarantine, token hashing, the real
 * SCIM bulk validation and CSV writer) to exercise every route and error mapping. The real
 * implementation is composed in src/coordinator.ts.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { PassThrough } from "node:stream";
import { RosterError } from "@roster/engine";
import type { AgentStatus } from "../../agents/agent-hub.js";
import type { IssuedRegistrationToken } from "../../agents/agent-registry.js";
import type { JobDefinitionInput } from "../../jobs/job-definition.js";
import { CoordinatorMetrics } from "../../metrics/coordinator-metrics.js";
import { writeProvisioningLogCsv } from "../../provisioning-log/log-csv.js";
import type { ProvisioningLogRecord } from "../../provisioning-log/log-record.js";
import type { LogPage, LogQuery } from "../../provisioning-log/provisioning-log-store.js";
import { acceptBulkUpload } from "../../scim/bulk-upload-status.js";
import { parseBulkRequest } from "../../scim/parse-bulk-request.js";
import type { AdminToken, AuditEntry, CycleRecord, StagedAction } from "../../state/contracts.js";
import type { CoordinatorServices, JobStatusView, JobView, OnDemandResult } from "../coordinator-services.js";

interface StoredJob {
  view: JobView;
  quarantine: { reason: string; since: string } | null;
}

type ServiceMethod = Exclude<keyof CoordinatorServices, "verifyAdminToken">;

const EMPTY_COUNTS = {
  imported: 0,
  created: 0,
  updated: 0,
  enabled: 0,
  disabled: 0,
  moved: 0,
  skipped: 0,
  noChange: 0,
  failed: 0,
  escrowed: 0,
  staged: 0,
  writebacks: 0,
};

export class InMemoryServices implements CoordinatorServices {
  readonly metricsRegistry = new CoordinatorMetrics({ defaultMetrics: false });
  /** Every (method, actor) a mutating call was made with, oldest first. */
  readonly actors: { readonly method: string; readonly actor: string }[] = [];
  readonly #jobs = new Map<string, StoredJob>();
  readonly #audit: AuditEntry[] = [];
  readonly #cycles: CycleRecord[] = [];
  readonly #logs: ProvisioningLogRecord[] = [];
  readonly #staged: StagedAction[] = [];
  readonly #agents: AgentStatus[] = [];
  readonly #workers = new Set<string>();
  readonly #tokensByHash = new Map<string, AdminToken>();
  readonly #bulk = new Map<string, { jobId: string; status: unknown }>();
  readonly #failures = new Map<string, Error>();
  #clock = Date.parse("2026-03-02T08:00:00.000Z");

  // --- test controls -------------------------------------------------------------------------

  /** The next call of `method` throws `error` (once). */
  failNext(method: ServiceMethod, error: Error): void {
    this.#failures.set(method, error);
  }

  /** Issues an admin token directly (the first one, which the CLI would create). */
  async seedAdminToken(name: string): Promise<string> {
    return (await this.issueAdminToken(name)).secret;
  }

  quarantine(jobId: string, reason: string): void {
    this.#job(jobId).quarantine = { reason, since: this.#now().toISOString() };
  }

  addWorker(workerId: string): void {
    this.#workers.add(workerId);
  }

  addLogRecords(records: readonly ProvisioningLogRecord[]): void {
    this.#logs.push(...records);
  }

  addStagedAction(action: Omit<StagedAction, "id" | "state" | "createdAt" | "decidedAt" | "decidedBy">): void {
    this.#staged.push({
      ...action,
      id: randomUUID(),
      state: "pending",
      createdAt: this.#now(),
      decidedAt: null,
      decidedBy: null,
    });
  }

  addAgent(agent: AgentStatus): void {
    this.#agents.push(agent);
  }

  // --- jobs ----------------------------------------------------------------------------------

  async listJobs(): Promise<JobView[]> {
    this.#maybeFail("listJobs");
    return [...this.#jobs.values()].map((job) => job.view);
  }

  async getJob(jobId: string): Promise<JobView> {
    this.#maybeFail("getJob");
    return this.#job(jobId).view;
  }

  async createJob(input: unknown, actor: string): Promise<JobView> {
    this.#maybeFail("createJob");
    const definition = checkDefinition(input);
    const jobId = definition.name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    if (this.#jobs.has(jobId)) {
      throw new RosterError("InvalidConfiguration", `Job "${jobId}" already exists; choose another name.`, {
        field: "name",
      });
    }
    const at = this.#now().toISOString();
    const view: JobView = {
      jobId,
      version: 1,
      definition,
      runState: "stopped",
      needsInitialCycle: true,
      watermark: null,
      createdAt: at,
      updatedAt: at,
    };
    this.#jobs.set(jobId, { view, quarantine: null });
    this.#record("createJob", jobId, actor, "create");
    return view;
  }

  async updateJob(jobId: string, input: unknown, actor: string, expectedVersion?: number): Promise<JobView> {
    this.#maybeFail("updateJob");
    const job = this.#job(jobId);
    if (expectedVersion !== undefined && expectedVersion !== job.view.version) {
      throw new RosterError(
        "VersionConflict",
        `Job "${jobId}" is at version ${job.view.version}, not ${expectedVersion}.`,
        { object: "job", jobId, currentVersion: job.view.version },
      );
    }
    const definition = checkDefinition(input);
    job.view = { ...job.view, definition, version: job.view.version + 1, updatedAt: this.#now().toISOString() };
    this.#record("updateJob", jobId, actor, "update");
    return job.view;
  }

  async deleteJob(jobId: string, actor: string): Promise<void> {
    this.#maybeFail("deleteJob");
    this.#job(jobId);
    this.#jobs.delete(jobId);
    this.#record("deleteJob", jobId, actor, "delete");
  }

  async exportJob(jobId: string): Promise<JobDefinitionInput> {
    this.#maybeFail("exportJob");
    return redactPasswords(this.#job(jobId).view.definition) as JobDefinitionInput;
  }

  async audit(jobId: string, limit?: number): Promise<AuditEntry[]> {
    this.#maybeFail("audit");
    this.#job(jobId);
    const entries = this.#audit.filter((entry) => entry.jobId === jobId).reverse();
    return entries.slice(0, limit ?? 100);
  }

  async validateConfiguration(input: unknown) {
    this.#maybeFail("validateConfiguration");
    try {
      checkDefinition(input);
      return { valid: true, issues: [] };
    } catch (error) {
      const field = error instanceof RosterError ? String(error.details["field"] ?? "") : "";
      return { valid: false, issues: [{ path: field, message: (error as Error).message }] };
    }
  }

  // --- lifecycle -----------------------------------------------------------------------------

  async startJob(jobId: string, actor: string): Promise<JobView> {
    this.#maybeFail("startJob");
    const job = this.#job(jobId);
    if (job.quarantine !== null) {
      throw new RosterError("JobQuarantined", `Job "${jobId}" is quarantined: ${job.quarantine.reason}`, { jobId });
    }
    job.view = { ...job.view, runState: "running" };
    this.#record("startJob", jobId, actor, "start");
    return job.view;
  }

  async stopJob(jobId: string, actor: string): Promise<JobView> {
    this.#maybeFail("stopJob");
    const job = this.#job(jobId);
    job.view = { ...job.view, runState: "stopped" };
    this.#record("stopJob", jobId, actor, "stop");
    return job.view;
  }

  async restartJob(jobId: string, options: { readonly breakLinks: boolean }, actor: string): Promise<JobView> {
    this.#maybeFail("restartJob");
    const job = this.#job(jobId);
    job.view = { ...job.view, needsInitialCycle: true, watermark: null };
    job.quarantine = null;
    this.#record("restartJob", jobId, actor, options.breakLinks ? "restartBreakLinks" : "restart");
    return job.view;
  }

  async runCycleNow(jobId: string, actor: string): Promise<{ readonly cycleId: string | null }> {
    this.#maybeFail("runCycleNow");
    const job = this.#job(jobId);
    const running = this.#cycles.find((cycle) => cycle.jobId === jobId && cycle.state === "running");
    if (running !== undefined) {
      throw new RosterError("CycleInProgress", `Job "${jobId}" is running cycle ${running.cycleId}.`, {
        jobId,
        cycleId: running.cycleId,
      });
    }
    const startedAt = this.#now();
    const cycle: CycleRecord = {
      cycleId: randomUUID(),
      jobId,
      kind: job.view.needsInitialCycle ? "initial" : "incremental",
      state: "running",
      startedAt,
      finishedAt: null,
      through: startedAt,
      from: null,
      counts: { ...EMPTY_COUNTS },
      processed: 0,
      error: null,
    };
    this.#cycles.push(cycle);
    this.metricsRegistry.cycleStarted(jobId);
    this.#record("runCycleNow", jobId, actor, "run");
    return { cycleId: cycle.cycleId };
  }

  async status(jobId: string): Promise<JobStatusView> {
    this.#maybeFail("status");
    const job = this.#job(jobId);
    const cycles = this.#cycles.filter((cycle) => cycle.jobId === jobId);
    return {
      jobId,
      runState: job.view.runState,
      currentCycle: cycles.find((cycle) => cycle.state === "running") ?? null,
      lastCycle: cycles.findLast((cycle) => cycle.state !== "running") ?? null,
      nextCycleAt: null,
      quarantine: {
        quarantined: job.quarantine !== null,
        reason: job.quarantine?.reason ?? null,
        since: job.quarantine?.since ?? null,
      },
      escrowed: 0,
      stagedPending: this.#staged.filter((action) => action.jobId === jobId && action.state === "pending").length,
      writebacks: { pending: 0, done: 0, failed: 0 },
      agents: this.#agents,
    };
  }

  async cycles(jobId: string, limit?: number): Promise<CycleRecord[]> {
    this.#maybeFail("cycles");
    this.#job(jobId);
    return this.#cycles
      .filter((cycle) => cycle.jobId === jobId)
      .reverse()
      .slice(0, limit ?? 100);
  }

  // --- logs ----------------------------------------------------------------------------------

  async logs(query: LogQuery, options: { readonly limit?: number; readonly cursor?: string }): Promise<LogPage> {
    this.#maybeFail("logs");
    const matching = this.#logs.filter((record) => matches(record, query));
    const start = options.cursor === undefined ? 0 : cursorPosition(options.cursor);
    const limit = options.limit ?? 100;
    const records = matching.slice(start, start + limit);
    const next = start + records.length;
    return { records, nextCursor: next < matching.length ? Buffer.from(String(next)).toString("base64url") : null };
  }

  async logsCsv(query: LogQuery) {
    this.#maybeFail("logsCsv");
    const outputs = { logs: new PassThrough(), steps: new PassThrough(), modifiedProperties: new PassThrough() };
    const texts = Promise.all([collect(outputs.logs), collect(outputs.steps), collect(outputs.modifiedProperties)]);
    await writeProvisioningLogCsv(
      this.#logs.filter((record) => matches(record, query)),
      outputs,
    );
    const [summary, steps, modifiedProperties] = await texts;
    return { summary, steps, modifiedProperties };
  }

  // --- on-demand and staged ------------------------------------------------------------------

  async provisionOnDemand(jobId: string, workerId: string, actor: string): Promise<OnDemandResult> {
    this.#maybeFail("provisionOnDemand");
    this.#job(jobId);
    if (!this.#workers.has(workerId)) {
      throw new RosterError("WorkerNotFound", `Job "${jobId}": the HR system has no worker "${workerId}".`, {
        jobId,
        workerId,
      });
    }
    const at = this.#now();
    const steps = [
      { step: "import" as const, status: "success" as const, description: `Imported worker ${workerId}`, details: {} },
      { step: "action" as const, status: "success" as const, description: "Created the account", details: {} },
    ];
    const modifiedProperties = [{ name: "displayName", oldValue: null, newValue: `Worker ${workerId}` }];
    const logRecord: ProvisioningLogRecord = {
      id: randomUUID(),
      changeId: randomUUID(),
      cycleId: "on-demand",
      jobId,
      activityDateTime: at,
      durationInMilliseconds: 12,
      action: "create",
      status: "success",
      sourceIdentity: { id: workerId, displayName: `Worker ${workerId}` },
      targetIdentity: { id: `anchor-${workerId}`, displayName: `Worker ${workerId}` },
      errorCode: null,
      errorCategory: null,
      reason: null,
      additionalDetails: null,
      recommendedAction: null,
      steps,
      modifiedProperties,
    };
    this.#logs.push(logRecord);
    this.actors.push({ method: "provisionOnDemand", actor });
    return {
      workerId,
      action: "create",
      status: "success",
      steps,
      target: { anchor: `anchor-${workerId}`, dn: `CN=${workerId},OU=Staff,DC=corp,DC=example` },
      modifiedProperties,
      logRecord,
    };
  }

  async stagedActions(jobId: string, limit?: number): Promise<StagedAction[]> {
    this.#maybeFail("stagedActions");
    this.#job(jobId);
    return this.#staged.filter((action) => action.jobId === jobId && action.state === "pending").slice(0, limit ?? 100);
  }

  async decideStagedActions(
    jobId: string,
    decision: "allow" | "reject",
    actor: string,
  ): Promise<{ readonly count: number }> {
    this.#maybeFail("decideStagedActions");
    this.#job(jobId);
    let count = 0;
    for (const [index, action] of this.#staged.entries()) {
      if (action.jobId !== jobId || action.state !== "pending") continue;
      const state = decision === "allow" ? "allowed" : "rejected";
      this.#staged[index] = { ...action, state, decidedAt: this.#now(), decidedBy: actor };
      count += 1;
    }
    this.actors.push({ method: "decideStagedActions", actor });
    return { count };
  }

  // --- agents and tokens ---------------------------------------------------------------------

  async agents(): Promise<readonly AgentStatus[]> {
    this.#maybeFail("agents");
    return this.#agents;
  }

  async issueAgentToken(domain: string, ttlMs: number | undefined, actor: string): Promise<IssuedRegistrationToken> {
    this.#maybeFail("issueAgentToken");
    this.actors.push({ method: "issueAgentToken", actor });
    return {
      tokenId: randomUUID(),
      token: `rsr_${randomBytes(16).toString("base64url")}`,
      domain,
      expiresAt: new Date(this.#now().getTime() + (ttlMs ?? 3_600_000)),
    };
  }

  async revokeAgent(agentId: string, actor: string): Promise<boolean> {
    this.#maybeFail("revokeAgent");
    const index = this.#agents.findIndex((agent) => agent.agentId === agentId);
    if (index === -1) return false;
    this.#agents.splice(index, 1);
    this.actors.push({ method: "revokeAgent", actor });
    return true;
  }

  async adminTokens(): Promise<AdminToken[]> {
    this.#maybeFail("adminTokens");
    return [...this.#tokensByHash.values()];
  }

  async issueAdminToken(name: string): Promise<{ readonly token: AdminToken; readonly secret: string }> {
    this.#maybeFail("issueAdminToken");
    const secret = `rst_${randomBytes(24).toString("base64url")}`;
    const token: AdminToken = {
      tokenId: randomUUID(),
      name,
      createdAt: this.#now(),
      lastUsedAt: null,
      revokedAt: null,
    };
    this.#tokensByHash.set(sha256(secret), token);
    return { token, secret };
  }

  async revokeAdminToken(tokenId: string): Promise<boolean> {
    this.#maybeFail("revokeAdminToken");
    for (const [hash, token] of this.#tokensByHash) {
      if (token.tokenId !== tokenId || token.revokedAt !== null) continue;
      this.#tokensByHash.set(hash, { ...token, revokedAt: this.#now() });
      return true;
    }
    return false;
  }

  async verifyAdminToken(secret: string): Promise<AdminToken | null> {
    const token = this.#tokensByHash.get(sha256(secret));
    return token === undefined || token.revokedAt !== null ? null : token;
  }

  // --- expressions ---------------------------------------------------------------------------

  /** Understands `[Attribute]` and `"literal"` only: enough to test the route. */
  async evaluateExpression(expression: string, attributes: Readonly<Record<string, unknown>>) {
    this.#maybeFail("evaluateExpression");
    const text = expression.trim();
    if (text.startsWith("[") && text.endsWith("]")) {
      const value = attributes[text.slice(1, -1)] ?? null;
      return { value, text: value === null ? null : String(value) };
    }
    if (text.length >= 2 && text.startsWith('"') && text.endsWith('"'))
      return { value: text.slice(1, -1), text: text.slice(1, -1) };
    throw new RosterError(
      "InvalidExpression",
      `Expression ${JSON.stringify(expression)}: expected [Attribute] or "text" at position 1.`,
      {
        position: 1,
      },
    );
  }

  // --- bulk ----------------------------------------------------------------------------------

  async bulkUpload(jobId: string, body: unknown, contentType: string | undefined, actor: string) {
    this.#maybeFail("bulkUpload");
    this.#job(jobId);
    const parsed = parseBulkRequest(body, contentType);
    if (!parsed.ok) throw parsed.error.cause;
    const requestId = randomUUID();
    const accepted = acceptBulkUpload("https://roster.example/api/v1", jobId, parsed.operations, parsed.failOnErrors);
    this.#bulk.set(requestId, { jobId, status: accepted.status });
    this.metricsRegistry.bulkRecords(jobId, parsed.operations.length);
    this.actors.push({ method: "bulkUpload", actor });
    return { requestId, location: `/api/v1/jobs/${jobId}/bulkUpload/${requestId}`, status: accepted.status };
  }

  async bulkUploadStatus(jobId: string, requestId: string): Promise<unknown> {
    this.#maybeFail("bulkUploadStatus");
    const upload = this.#bulk.get(requestId);
    if (upload === undefined || upload.jobId !== jobId) {
      throw new RosterError("NotFound", `Job "${jobId}" has no bulk upload "${requestId}".`, { jobId, requestId });
    }
    return upload.status;
  }

  async metrics() {
    this.#maybeFail("metrics");
    return this.metricsRegistry.render();
  }

  // --- helpers -------------------------------------------------------------------------------

  #job(jobId: string): StoredJob {
    const job = this.#jobs.get(jobId);
    if (job === undefined)
      throw new RosterError("NotFound", `Job "${jobId}" does not exist.`, { object: "job", jobId });
    return job;
  }

  #record(method: string, jobId: string, actor: string, action: string): void {
    this.actors.push({ method, actor });
    this.#audit.push({ id: randomUUID(), jobId, at: this.#now(), actor, action, details: {} });
  }

  #maybeFail(method: ServiceMethod): void {
    const error = this.#failures.get(method);
    if (error === undefined) return;
    this.#failures.delete(method);
    throw error;
  }

  /** A clock that ticks a second per reading, so ordering by time is deterministic. */
  #now(): Date {
    this.#clock += 1000;
    return new Date(this.#clock);
  }
}

/** The in-memory stand-in for the real job-definition schema: an object with a name and a domain. */
function checkDefinition(input: unknown): JobDefinitionInput {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new RosterError("InvalidConfiguration", "The job definition must be a JSON object.", { field: "(root)" });
  }
  const { name, domain } = input as { name?: unknown; domain?: unknown };
  if (typeof name !== "string" || name === "") {
    throw new RosterError("InvalidConfiguration", 'Job definition field "name" must be a non-empty string.', {
      field: "name",
    });
  }
  if (typeof domain !== "string" || domain === "") {
    throw new RosterError("InvalidConfiguration", 'Job definition field "domain" must be a non-empty string.', {
      field: "domain",
    });
  }
  return input as JobDefinitionInput;
}

function redactPasswords(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactPasswords);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, key === "password" ? "[Redact]" : redactPasswords(child)]),
  );
}

function matches(record: ProvisioningLogRecord, query: LogQuery): boolean {
  return (
    (query.jobId === undefined || record.jobId === query.jobId) &&
    (query.cycleId === undefined || record.cycleId === query.cycleId) &&
    (query.workerId === undefined || record.sourceIdentity.id === query.workerId) &&
    (query.action === undefined || record.action === query.action) &&
    (query.status === undefined || record.status === query.status) &&
    (query.from === undefined || record.activityDateTime >= query.from) &&
    (query.to === undefined || record.activityDateTime < query.to)
  );
}

function cursorPosition(cursor: string): number {
  const position = Number(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!Number.isInteger(position) || position < 0) {
    throw new RosterError("InvalidRequest", `Provisioning-log query field "cursor" is not a cursor this API issued.`, {
      field: "cursor",
    });
  }
  return position;
}

async function collect(stream: PassThrough): Promise<string> {
  let text = "";
  stream.setEncoding("utf8");
  for await (const chunk of stream) text += chunk as string;
  return text;
}

function sha256(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
