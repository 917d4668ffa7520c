/**
 * The coordinator composed: stores, the agent hub, the cycle runner and scheduler, the
 * writeback worker and API-driven inbound, behind the CoordinatorServices interface the
 * REST API serves. Networking (HTTP server, agent WebSocket endpoint) is in server.ts.
 */
import { randomUUID } from "node:crypto";
import { PassThrough } from "node:stream";
import { text } from "node:stream/consumers";
import {
  compileExpression,
  type CompiledProvisioningConfig,
  compileProvisioningConfig,
  compileProvisioningConfigOrThrow,
  type DirectoryValue,
  evaluateExpression,
  type ProvisioningDecision,
  onCycleResult,
  RosterError,
  sourceAttributesOf,
  toText,
} from "@roster/engine";
import type { Kysely } from "@roster/store";
import pino, { type Logger } from "pino";
import type { AgentHub } from "./agents/agent-hub.js";
import type { AgentRegistry } from "./agents/agent-registry.js";
import type {
  CoordinatorServices,
  JobStatusView,
  JobView,
  OnDemandResult,
} from "./api/coordinator-services.js";
import { type CycleObserver, CycleRunner, type CycleRunnerDeps } from "./cycles/cycle-runner.js";
import { DecisionDispatcher } from "./cycles/decision-dispatcher.js";
import { emptyDecision, withFailure } from "./cycles/decision-outcome.js";
import { JobScheduler } from "./cycles/job-scheduler.js";
import { provisionOnDemand } from "./cycles/on-demand.js";
import { WritebackWorker } from "./cycles/writeback-worker.js";
import { CycleDirectory } from "./directory/cycle-directory.js";
import { jobDefinitionSchema, type JobDefinitionInput } from "./jobs/job-definition.js";
import { CoordinatorMetrics } from "./metrics/coordinator-metrics.js";
import { toLogRecord } from "./provisioning-log/log-record.js";
import { ProvisioningLogStore } from "./provisioning-log/provisioning-log-store.js";
import { BulkUploadService } from "./scim/bulk-upload-service.js";
import { InboundRecordStore } from "./scim/inbound-record-store.js";
import type { InboundDatabase } from "./scim/inbound-schema.js";
import { createApiSource } from "./sources/api-source.js";
import { createHrSource } from "./sources/create-hr-source.js";
import type { HrSource } from "./sources/hr-source.js";
import { compileWriteback, computeWritebackValues } from "./sources/writeback-values.js";
import type { JobRecord, StagedAction } from "./state/contracts.js";
import { createStateStores, type StateStores } from "./state/state-stores.js";
import type { CoordinatorDatabase } from "./store/coordinator-schema.js";
import { type LinkInput, LinkStore } from "./store/link-store.js";

export interface CoordinatorOptions {
  readonly db: Kysely<CoordinatorDatabase>;
  readonly hub: AgentHub;
  readonly registry: AgentRegistry;
  readonly logger?: Logger;
  readonly metrics?: CoordinatorMetrics;
  readonly now?: () => Date;
  /** Base URL clients use (Location headers of bulk uploads). */
  readonly publicUrl?: string;
  readonly pageSize?: number;
  readonly pagesInFlight?: number;
  readonly retryAfterFailureMs?: number;
  readonly writebackPollMs?: number;
  readonly dispatchTimeoutMs?: number;
  /** Replaces fetch for the HR connectors (tests). */
  readonly fetch?: typeof fetch;
}

export class Coordinator implements CoordinatorServices {
  readonly stores: StateStores;
  readonly links: LinkStore;
  readonly logStore: ProvisioningLogStore;
  readonly runner: CycleRunner;
  readonly scheduler: JobScheduler;
  readonly writebackWorker: WritebackWorker;
  readonly bulk: BulkUploadService;
  readonly telemetry: CoordinatorMetrics;
  readonly hub: AgentHub;
  readonly #options: CoordinatorOptions;
  readonly #logger: Logger;
  readonly #now: () => Date;
  readonly #deps: CycleRunnerDeps;
  /**
   * Jobs in their initial cycle. Their writebacks wait until it ends: an initial cycle creates
   * every account at once, and an HR call per account would compete with provisioning.
   */
  readonly #initialCycles = new Set<string>();

  constructor(options: CoordinatorOptions) {
    this.#options = options;
    this.#logger = options.logger ?? pino({ level: "silent" });
    this.#now = options.now ?? (() => new Date());
    this.hub = options.hub;
    this.stores = createStateStores(options.db, { now: this.#now });
    this.links = new LinkStore(options.db, { now: this.#now });
    this.logStore = new ProvisioningLogStore(options.db);
    this.telemetry = options.metrics ?? new CoordinatorMetrics();
    this.telemetry.setAgentsByDomain(() => {
      const byDomain = new Map<string, number>();
      for (const agent of this.hub.status()) for (const domain of agent.domains) byDomain.set(domain, (byDomain.get(domain) ?? 0) + 1);
      return byDomain;
    });
    const observer: CycleObserver = {
      cycleStarted: (job, cycle) => {
        this.telemetry.cycleStarted(job.jobId);
        if (cycle.kind === "initial") this.#initialCycles.add(job.jobId);
      },
      pageFinished: (job, _cycle, _counts, processed) => this.telemetry.setProgress(job.jobId, processed),
      cycleFinished: (job, cycle, state, counts, seconds) => {
        this.telemetry.cycleFinished(job.jobId, cycle.kind, state, seconds);
        for (const [key, n] of Object.entries(counts)) if (n > 0 && key !== "imported") this.telemetry.workerProcessed(job.jobId, key, "counted", n);
        this.#initialCycles.delete(job.jobId);
        if (counts.writebacks > 0) this.writebackWorker.nudge();
      },
    };
    this.#deps = {
      stores: this.stores,
      links: this.links,
      logs: this.logStore,
      hub: options.hub,
      createSource: (job) => this.createSource(job),
      createDirectory: (job, config) => this.#createDirectory(job, config, false),
      writebackValues: (job) => writebackValuesFor(job),
      observer,
      logger: this.#logger,
      now: this.#now,
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
      ...(options.pagesInFlight === undefined ? {} : { pagesInFlight: options.pagesInFlight }),
      ...(options.dispatchTimeoutMs === undefined ? {} : { dispatchTimeoutMs: options.dispatchTimeoutMs }),
    };
    this.runner = new CycleRunner(this.#deps);
    this.scheduler = new JobScheduler({
      runner: this.runner,
      jobs: this.stores.jobs,
      logger: this.#logger,
      now: this.#now,
      ...(options.retryAfterFailureMs === undefined ? {} : { retryAfterFailureMs: options.retryAfterFailureMs }),
      cycleEnded: (jobId) => {
        if (this.#initialCycles.delete(jobId)) this.writebackWorker.nudge();
      },
    });
    this.writebackWorker = new WritebackWorker({
      outbox: this.stores.writebacks,
      jobs: this.stores.jobs,
      logs: this.logStore,
      createSource: (job) => this.createSource(job),
      logger: this.#logger,
      now: this.#now,
      ...(options.writebackPollMs === undefined ? {} : { pollMs: options.writebackPollMs }),
      heldJobs: () => this.#initialCycles,
      onWriteback: (jobId, outcome) =>
        this.telemetry.writeback(jobId, outcome === "success" ? "done" : outcome === "failure" ? "failed" : "retry"),
    });
    this.bulk = new BulkUploadService(inboundDb(options.db), {
      now: this.#now,
      jobs: this.stores.jobs,
      location: (jobId, requestId) => `${options.publicUrl ?? ""}/api/v1/jobs/${encodeURIComponent(jobId)}/bulkUpload/${encodeURIComponent(requestId)}`,
      onAccepted: (event) => {
        this.telemetry.bulkRecords(event.jobId, event.queued);
        // API-driven jobs provision what arrives at once when they are started (after the running cycle, if any).
        void this.stores.jobs.get(event.jobId).then((job) => {
          if (job?.runState === "running") this.scheduler.runNow(event.jobId);
        });
      },
      onAcceptedError: (error) => this.#logger.error({ err: error }, "bulk upload follow-up failed"),
    });
  }

  /** Schedules the started jobs and starts the writeback worker. */
  async start(): Promise<void> {
    await this.scheduler.resumeAll();
    this.writebackWorker.start();
  }

  async close(): Promise<void> {
    await this.scheduler.close();
    await this.writebackWorker.stop();
  }

  createSource(job: JobRecord): HrSource {
    const source = job.definition.source;
    if (source.type === "api") return createApiSource(inboundDb(this.#options.db), job.jobId, { now: this.#now });
    const config = compileProvisioningConfigOrThrow(job.definition.provisioning);
    return createHrSource(source, {
      mappedAttributes: sourceAttributesOf(config),
      ...(this.#options.fetch === undefined ? {} : { fetch: this.#options.fetch }),
    });
  }

  #createDirectory(job: JobRecord, config: CompiledProvisioningConfig, testConnection: boolean): CycleDirectory {
    return new CycleDirectory({
      hub: this.hub,
      domain: job.definition.domain,
      jobId: job.jobId,
      attributes: targetAttributesOf(config),
      links: this.links,
      testConnection,
    });
  }

  // --- jobs and configuration -----------------------------------------------------------------

  async listJobs(): Promise<JobView[]> {
    const jobs = await this.stores.jobs.list();
    return Promise.all(jobs.map((job) => this.#view(job)));
  }

  async getJob(jobId: string): Promise<JobView> {
    return this.#view(await this.#job(jobId));
  }

  async createJob(input: unknown, actor: string): Promise<JobView> {
    const job = await this.stores.jobs.create(input as JobDefinitionInput, actor);
    return this.#view(job);
  }

  async updateJob(jobId: string, input: unknown, actor: string, expectedVersion?: number): Promise<JobView> {
    const job = await this.stores.jobs.update(jobId, input as JobDefinitionInput, actor, expectedVersion);
    return this.#view(job);
  }

  async deleteJob(jobId: string, actor: string): Promise<void> {
    if (this.scheduler.isRunning(jobId)) {
      throw new RosterError("CycleInProgress", `Job "${jobId}" is running a cycle; stop it and wait for the cycle to end.`, { jobId });
    }
    this.scheduler.deactivate(jobId);
    if (!(await this.stores.jobs.delete(jobId, actor))) throw notFound(jobId);
    await new InboundRecordStore(inboundDb(this.#options.db)).clearJob(jobId);
    this.telemetry.forgetJob(jobId);
  }

  async exportJob(jobId: string): Promise<JobDefinitionInput> {
    const definition = await this.stores.jobs.exportDefinition(jobId);
    if (definition === null) throw notFound(jobId);
    return definition;
  }

  async audit(jobId: string, limit?: number) {
    await this.#job(jobId);
    return this.stores.jobs.audit(jobId, limit === undefined ? {} : { limit });
  }

  async validateConfiguration(input: unknown) {
    const parsed = jobDefinitionSchema.safeParse(input);
    if (!parsed.success) {
      return {
        valid: false,
        issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })),
      };
    }
    const compiled = compileProvisioningConfig(parsed.data.provisioning);
    if (!compiled.ok) {
      return { valid: false, issues: compiled.errors.map((issue) => ({ path: `provisioning.${issue.path}`, message: issue.message })) };
    }
    if (parsed.data.writeback !== undefined) {
      try {
        compileWriteback(parsed.data.writeback);
      } catch (error) {
        return { valid: false, issues: [{ path: "writeback", message: error instanceof Error ? error.message : String(error) }] };
      }
    }
    return { valid: true, issues: [] };
  }

  // --- lifecycle --------------------------------------------------------------------------------

  async startJob(jobId: string, actor: string): Promise<JobView> {
    const job = await this.stores.jobs.setRunState(jobId, "running", actor);
    this.scheduler.activate(jobId, 0);
    return this.#view(job);
  }

  async stopJob(jobId: string, actor: string): Promise<JobView> {
    this.scheduler.deactivate(jobId);
    return this.#view(await this.stores.jobs.setRunState(jobId, "stopped", actor));
  }

  async restartJob(jobId: string, options: { readonly breakLinks: boolean }, actor: string): Promise<JobView> {
    if (this.scheduler.isRunning(jobId)) {
      throw new RosterError("CycleInProgress", `Job "${jobId}" is running a cycle; stop it and wait for the cycle to end before restarting.`, { jobId });
    }
    const job = await this.stores.jobs.restart(jobId, options, actor);
    if (job.runState === "running") this.scheduler.activate(jobId, 0);
    return this.#view(job);
  }

  async runCycleNow(jobId: string, actor: string): Promise<{ readonly cycleId: string | null }> {
    const job = await this.#job(jobId);
    if (job.quarantine.status === "disabled") {
      throw new RosterError("JobQuarantined", `Job "${jobId}" is disabled after four weeks in quarantine; restart it.`, { jobId });
    }
    await this.stores.jobs.appendAudit({ jobId, actor, action: "run", details: {} });
    this.scheduler.runNow(jobId);
    // The cycle record appears as soon as the runner starts it.
    for (let i = 0; i < 50; i += 1) {
      const current = (await this.stores.cycles.list(jobId, { limit: 1 }))[0];
      if (current !== undefined && current.state === "running") return { cycleId: current.cycleId };
      if (!this.scheduler.isRunning(jobId)) return { cycleId: current?.cycleId ?? null };
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { cycleId: null };
  }

  async status(jobId: string): Promise<JobStatusView> {
    const job = await this.#job(jobId);
    const [recent, escrowed, stagedPending, writebacks] = await Promise.all([
      this.stores.cycles.list(jobId, { limit: 2 }),
      this.stores.escrow.count(jobId),
      this.stores.staged.countPending(jobId),
      this.stores.writebacks.counts(jobId),
    ]);
    const current = recent[0]?.state === "running" ? recent[0] : null;
    const last = recent.find((cycle) => cycle.state !== "running") ?? null;
    const quarantine = job.quarantine;
    this.telemetry.setEscrowed(jobId, escrowed);
    this.telemetry.setQuarantined(jobId, quarantine.status !== "healthy");
    return {
      jobId,
      runState: job.runState,
      currentCycle: current,
      lastCycle: last,
      nextCycleAt: this.scheduler.nextRunAt(jobId)?.toISOString() ?? null,
      quarantine: {
        quarantined: quarantine.status !== "healthy",
        reason: quarantine.status === "healthy" ? null : quarantine.reason,
        since: quarantine.status === "healthy" ? null : new Date(quarantine.seriesBeganAt).toISOString(),
      },
      escrowed,
      stagedPending,
      writebacks,
      agents: this.hub.status().filter((agent) => agent.domains.some((d) => d.toLowerCase() === job.definition.domain.toLowerCase())),
    };
  }

  async cycles(jobId: string, limit?: number) {
    await this.#job(jobId);
    return this.stores.cycles.list(jobId, limit === undefined ? {} : { limit });
  }

  // --- provisioning logs ------------------------------------------------------------------------

  logs(query: Parameters<CoordinatorServices["logs"]>[0], options: { readonly limit?: number; readonly cursor?: string }) {
    return this.logStore.queryPage(query, {
      ...(options.limit === undefined ? {} : { pageSize: options.limit }),
      ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
      order: "desc",
    });
  }

  async logsCsv(query: Parameters<CoordinatorServices["logsCsv"]>[0]) {
    const logs = new PassThrough();
    const steps = new PassThrough();
    const modifiedProperties = new PassThrough();
    const [, summary, stepsText, modifiedText] = await Promise.all([
      this.logStore.exportCsv(query, { logs, steps, modifiedProperties }, { order: "desc" }),
      text(logs),
      text(steps),
      text(modifiedProperties),
    ]);
    return { summary, steps: stepsText, modifiedProperties: modifiedText };
  }

  // --- on-demand --------------------------------------------------------------------------------

  async provisionOnDemand(jobId: string, workerId: string, actor: string): Promise<OnDemandResult> {
    const job = await this.#job(jobId);
    const deps: CycleRunnerDeps = {
      ...this.#deps,
      createDirectory: (j, config) => this.#createDirectory(j, config, true),
    };
    const result = await provisionOnDemand(deps, job, workerId, `ondemand-${randomUUID()}`);
    await this.stores.jobs.appendAudit({ jobId, actor, action: "provisionOnDemand", details: { workerId, action: result.action, status: result.status } });
    if (job.definition.writeback !== undefined) this.writebackWorker.nudge();
    return result;
  }

  // --- staged actions ---------------------------------------------------------------------------

  async stagedActions(jobId: string, limit?: number): Promise<StagedAction[]> {
    await this.#job(jobId);
    return this.stores.staged.pending(jobId, limit === undefined ? {} : { limit });
  }

  async decideStagedActions(jobId: string, decision: "allow" | "reject", actor: string): Promise<{ readonly count: number }> {
    const job = await this.#job(jobId);
    if (this.scheduler.isRunning(jobId)) {
      throw new RosterError("CycleInProgress", `Job "${jobId}" is running a cycle; decide the staged actions after it ends.`, { jobId });
    }
    const actions = await this.stores.staged.decideAll(jobId, decision === "allow" ? "allowed" : "rejected", actor);
    if (decision === "allow") await this.#runStaged(job, actions);
    else {
      const links = actions.map((action) => action.payload["rejectedLink"]).filter((link): link is LinkInput => isLinkInput(link));
      if (links.length > 0) await this.links.upsert(links);
    }
    // The decision ends a TooManyDeletes quarantine.
    const fresh = await this.#job(jobId);
    if (fresh.quarantine.status === "quarantined" && fresh.quarantine.reason === "TooManyDeletes") {
      await this.stores.jobs.setQuarantine(jobId, onCycleResult(fresh.quarantine, { healthy: true }, this.#now().getTime()).state);
    }
    await this.stores.jobs.appendAudit({ jobId, actor, action: decision === "allow" ? "stagedAllowed" : "stagedRejected", details: { count: actions.length } });
    return { count: actions.length };
  }

  async #runStaged(job: JobRecord, actions: readonly StagedAction[]): Promise<void> {
    const cycleId = `staged-${randomUUID()}`;
    const dispatcher = new DecisionDispatcher({ hub: this.hub, domain: job.definition.domain, jobId: job.jobId, cycleId });
    for (let i = 0; i < actions.length; i += 500) {
      const slice = actions.slice(i, i + 500);
      const outcomes = await dispatcher.dispatch(
        slice.map((action) => ({ sourceAnchor: action.sourceAnchor, operations: (action.payload["operations"] ?? []) as never })),
      );
      const links: LinkInput[] = [];
      const records = slice.map((action, index) => {
        const outcome = outcomes[index]!;
        const link = action.payload["link"];
        if (outcome.ok && isLinkInput(link)) links.push(link);
        const allowed: ProvisioningDecision = {
          ...emptyDecision(action.sourceAnchor),
          status: "success",
          action: "Disable",
          targetAnchor: action.targetAnchor,
          modifiedProperties: (action.payload["modifiedProperties"] ?? []) as ProvisioningDecision["modifiedProperties"],
          steps: [
            {
              step: "action",
              status: "success",
              description: `Staged ${action.kind} allowed by an administrator.`,
              details: { StagedActionId: action.id },
            },
          ],
        };
        const decision =
          outcome.failure === null
            ? allowed
            : withFailure(allowed, outcome.failure, `The agent could not carry out the staged ${action.kind}.`);
        return toLogRecord(decision, {
          changeId: randomUUID(),
          cycleId,
          jobId: job.jobId,
          activityDateTime: this.#now(),
          durationInMilliseconds: 0,
          sourceIdentity: { id: action.workerId ?? action.sourceAnchor, displayName: action.displayName },
          targetIdentity: { id: action.targetAnchor, displayName: null },
        });
      });
      if (links.length > 0) await this.links.upsert(links);
      await this.logStore.append(records);
    }
  }

  // --- agents and tokens ------------------------------------------------------------------------

  async agents() {
    return this.hub.status();
  }

  async issueAgentToken(domain: string, ttlMs: number | undefined, actor: string) {
    const issued = await this.#options.registry.issueRegistrationToken(domain, ttlMs === undefined ? {} : { ttlMs });
    this.#logger.info({ actor, domain, tokenId: issued.tokenId }, "agent registration token issued");
    return issued;
  }

  async revokeAgent(agentId: string, actor: string) {
    this.#logger.info({ actor, agentId }, "agent revoked");
    return this.hub.revokeAgent(agentId);
  }

  adminTokens() {
    return this.stores.adminTokens.list();
  }

  issueAdminToken(name: string) {
    return this.stores.adminTokens.issue(name);
  }

  revokeAdminToken(tokenId: string) {
    return this.stores.adminTokens.revoke(tokenId);
  }

  verifyAdminToken(secret: string) {
    return this.stores.adminTokens.verify(secret);
  }

  // --- expressions ------------------------------------------------------------------------------

  async evaluateExpression(expression: string, attributes: Readonly<Record<string, unknown>>) {
    const compiled = compileExpression(expression);
    const outcome = await evaluateExpression(compiled, {
      attributes: attributes as never,
      now: this.#now,
      random: Math.random,
      redacted: false,
    });
    if (outcome.kind !== "value") return { value: outcome.kind, text: null };
    return { value: outcome.value, text: toText(outcome.value) };
  }

  // --- API-driven inbound -----------------------------------------------------------------------

  async bulkUpload(jobId: string, body: unknown, contentType: string | undefined, actor: string) {
    const receipt = await this.bulk.accept(jobId, body, contentType, actor);
    return { requestId: receipt.requestId, location: receipt.location, status: receipt.status };
  }

  async bulkUploadStatus(jobId: string, requestId: string) {
    return this.bulk.status(jobId, requestId);
  }

  async metrics(): Promise<{ readonly contentType: string; readonly body: string }> {
    return this.telemetry.render();
  }

  // --- helpers ----------------------------------------------------------------------------------

  async #job(jobId: string): Promise<JobRecord> {
    const job = await this.stores.jobs.get(jobId);
    if (job === null) throw notFound(jobId);
    return job;
  }

  async #view(job: JobRecord): Promise<JobView> {
    return {
      jobId: job.jobId,
      version: job.version,
      definition: (await this.stores.jobs.exportDefinition(job.jobId)) ?? job.definitionInput,
      runState: job.runState,
      needsInitialCycle: job.needsInitialCycle,
      watermark: job.watermark?.toISOString() ?? null,
      createdAt: job.createdAt.toISOString(),
      updatedAt: job.updatedAt.toISOString(),
    };
  }
}

function notFound(jobId: string): RosterError {
  return new RosterError("NotFound", `Job "${jobId}" does not exist.`, { jobId, field: "jobId" });
}

/** The LDAP attributes the job writes or matches on: read with every entry. */
export function targetAttributesOf(config: CompiledProvisioningConfig): string[] {
  const names = new Set<string>();
  for (const mapping of [...config.attributeMappings, ...config.referenceMappings, ...config.matchingMappings]) {
    names.add(mapping.target);
  }
  return [...names];
}

function writebackValuesFor(job: JobRecord): ((attributes: Readonly<Record<string, DirectoryValue>>) => Record<string, string> | null) | null {
  if (job.definition.writeback === undefined || job.definition.source.type === "api") return null;
  const compiled = compileWriteback(job.definition.writeback);
  return (attributes) => {
    const values = computeWritebackValues(compiled, attributes as never);
    return Object.keys(values).length === 0 ? null : values;
  };
}

/** The API-driven inbound tables live in the same database (migration 0004_inbound). */
function inboundDb(db: Kysely<CoordinatorDatabase>): Kysely<InboundDatabase> {
  return db as unknown as Kysely<InboundDatabase>;
}

function isLinkInput(value: unknown): value is LinkInput {
  return typeof value === "object" && value !== null && typeof (value as { targetAnchor?: unknown }).targetAnchor === "string";
}

