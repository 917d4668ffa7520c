/**
 * What the REST API (and through it the CLI) can ask of the coordinator. The API layer only
 * validates, authenticates, maps errors to stable codes and serialises; everything else
 * happens behind this interface (src/coordinator.ts composes the real one).
 *
 * Errors: methods throw RosterError. The API maps codes to HTTP statuses:
 * InvalidRequest / InvalidConfiguration / InvalidExpression / InvalidScopingFilter → 400,
 * AuthenticationRequired → 401, NotFound / WorkerNotFound → 404,
 * VersionConflict / CycleInProgress → 409, JobQuarantined → 409, EndpointUnavailable → 503,
 * anything else → 500 (retryable codes 503). Body: { code, message, reason, recommendedAction, details? }.
 */
import type { ProvisioningStep } from "@roster/engine";
import type { AgentStatus } from "../agents/agent-hub.js";
import type { IssuedRegistrationToken } from "../agents/agent-registry.js";
import type { JobDefinitionInput } from "../jobs/job-definition.js";
import type { ProvisioningLogRecord } from "../provisioning-log/log-record.js";
import type { LogPage, LogQuery } from "../provisioning-log/provisioning-log-store.js";
import type {
  AdminToken,
  AuditEntry,
  CycleRecord,
  JobRecord,
  StagedAction,
  WritebackState,
} from "../state/contracts.js";

/** A job as the API shows it (secrets redacted). */
export interface JobView {
  readonly jobId: string;
  readonly version: number;
  readonly definition: JobDefinitionInput;
  readonly runState: JobRecord["runState"];
  readonly needsInitialCycle: boolean;
  readonly watermark: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface JobStatusView {
  readonly jobId: string;
  readonly runState: JobRecord["runState"];
  /** The running cycle, else null. */
  readonly currentCycle: CycleRecord | null;
  readonly lastCycle: CycleRecord | null;
  readonly nextCycleAt: string | null;
  readonly quarantine: {
    readonly quarantined: boolean;
    readonly reason: string | null;
    readonly since: string | null;
  };
  readonly escrowed: number;
  readonly stagedPending: number;
  readonly writebacks: Readonly<Record<WritebackState, number>>;
  readonly agents: readonly AgentStatus[];
}

/** POST /jobs/{id}/provisionOnDemand: the five steps and the log record they agree with. */
export interface OnDemandResult {
  readonly workerId: string;
  readonly action: string;
  readonly status: string;
  readonly steps: readonly ProvisioningStep[];
  /** Exported attributes (redacted), the target entry's DN and anchor after the action. */
  readonly target: { readonly anchor: string | null; readonly dn: string | null };
  readonly modifiedProperties: ProvisioningLogRecord["modifiedProperties"];
  readonly logRecord: ProvisioningLogRecord;
}

export interface CoordinatorServices {
  // jobs and configuration
  listJobs(): Promise<JobView[]>;
  getJob(jobId: string): Promise<JobView>;
  createJob(input: unknown, actor: string): Promise<JobView>;
  updateJob(jobId: string, input: unknown, actor: string, expectedVersion?: number): Promise<JobView>;
  deleteJob(jobId: string, actor: string): Promise<void>;
  /** The definition as JSON with secrets redacted (import it with createJob / updateJob). */
  exportJob(jobId: string): Promise<JobDefinitionInput>;
  audit(jobId: string, limit?: number): Promise<AuditEntry[]>;
  validateConfiguration(input: unknown): Promise<{ readonly valid: boolean; readonly issues: readonly { readonly path: string; readonly message: string }[] }>;

  // lifecycle
  startJob(jobId: string, actor: string): Promise<JobView>;
  /** The current cycle finishes; no more are scheduled. */
  stopJob(jobId: string, actor: string): Promise<JobView>;
  restartJob(jobId: string, options: { readonly breakLinks: boolean }, actor: string): Promise<JobView>;
  /** Runs a cycle now (start if stopped is not implied); resolves when it is queued. */
  runCycleNow(jobId: string, actor: string): Promise<{ readonly cycleId: string | null }>;
  status(jobId: string): Promise<JobStatusView>;
  cycles(jobId: string, limit?: number): Promise<CycleRecord[]>;

  // provisioning logs
  logs(query: LogQuery, options: { readonly limit?: number; readonly cursor?: string }): Promise<LogPage>;
  /** The three CSV files (summary, steps, modified properties) as text. */
  logsCsv(query: LogQuery): Promise<{ readonly summary: string; readonly steps: string; readonly modifiedProperties: string }>;

  // on-demand
  provisionOnDemand(jobId: string, workerId: string, actor: string): Promise<OnDemandResult>;

  // staged actions (accidental-deletion prevention)
  stagedActions(jobId: string, limit?: number): Promise<StagedAction[]>;
  decideStagedActions(jobId: string, decision: "allow" | "reject", actor: string): Promise<{ readonly count: number }>;

  // agents
  agents(): Promise<readonly AgentStatus[]>;
  issueAgentToken(domain: string, ttlMs: number | undefined, actor: string): Promise<IssuedRegistrationToken>;
  revokeAgent(agentId: string, actor: string): Promise<boolean>;

  // admin tokens
  adminTokens(): Promise<AdminToken[]>;
  issueAdminToken(name: string): Promise<{ readonly token: AdminToken; readonly secret: string }>;
  revokeAdminToken(tokenId: string): Promise<boolean>;
  /** For the auth hook. */
  verifyAdminToken(secret: string): Promise<AdminToken | null>;

  // expressions
  evaluateExpression(expression: string, attributes: Readonly<Record<string, unknown>>): Promise<{ readonly value: unknown; readonly text: string | null }>;

  // API-driven inbound (SCIM bulk)
  bulkUpload(jobId: string, body: unknown, contentType: string | undefined, actor: string): Promise<{ readonly requestId: string; readonly location: string; readonly status: unknown }>;
  bulkUploadStatus(jobId: string, requestId: string): Promise<unknown>;

  /** Prometheus text for /metrics. */
  metrics(): Promise<{ readonly contentType: string; readonly body: string }>;
}
