/**
 * The coordinator's REST answers as they arrive over the wire (docs/api.md; the coordinator's
 * src/api/coordinator-services.ts is the source of truth). Timestamps are ISO 8601 strings.
 * Declared here rather than imported so the CLI does not depend on the coordinator package.
 */

export type JobRunState = "stopped" | "running" | "disabled";

/** A job definition as JSON (the CLI reads and writes it, but never interprets it deeply). */
export type JobDefinitionJson = Readonly<Record<string, unknown>>;

export interface JobView {
  readonly jobId: string;
  readonly version: number;
  readonly definition: JobDefinitionJson;
  readonly runState: JobRunState;
  readonly needsInitialCycle: boolean;
  readonly watermark: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface AuditEntry {
  readonly id: string;
  readonly jobId: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export type CycleKind = "initial" | "incremental";
export type CycleState = "running" | "completed" | "failed" | "stopped";

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
  readonly kind: CycleKind;
  readonly state: CycleState;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly through: string;
  readonly from: string | null;
  readonly counts: CycleCounts;
  readonly processed: number;
  readonly error: string | null;
}

export interface AgentStatus {
  readonly agentId: string;
  readonly connectionId: string;
  readonly hostname: string;
  readonly agentVersion: string;
  readonly domains: readonly string[];
  readonly inFlight: number;
  readonly credits: number;
  readonly queries: number;
  readonly connectedAt: string;
  readonly lastHeartbeatAt: string | null;
}

export type WritebackState = "pending" | "done" | "failed";

export interface JobStatusView {
  readonly jobId: string;
  readonly runState: JobRunState;
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

export type StepName = "testConnection" | "import" | "scope" | "match" | "action";
export type StepStatus = "success" | "warning" | "failure" | "skipped";

export interface ProvisioningStep {
  readonly step: StepName;
  readonly status: StepStatus;
  readonly description: string;
  readonly details: Readonly<Record<string, string>>;
}

export type DirectoryValue = string | readonly string[];

export interface ModifiedProperty {
  readonly name: string;
  readonly oldValue: DirectoryValue | null;
  readonly newValue: DirectoryValue | null;
}

export type LogAction = "create" | "update" | "delete" | "disable" | "stagedDelete" | "other";
export const LOG_ACTIONS: readonly LogAction[] = ["create", "update", "delete", "disable", "stagedDelete", "other"];
export const LOG_STATUSES: readonly StepStatus[] = ["success", "warning", "failure", "skipped"];

export interface LogIdentity {
  readonly id: string | null;
  readonly displayName: string | null;
}

export interface ProvisioningLogRecord {
  readonly id: string;
  readonly changeId: string;
  readonly cycleId: string;
  readonly jobId: string;
  readonly activityDateTime: string;
  readonly durationInMilliseconds: number;
  readonly action: LogAction;
  readonly status: StepStatus;
  readonly sourceIdentity: LogIdentity;
  readonly targetIdentity: LogIdentity;
  readonly errorCode: string | null;
  readonly errorCategory: string | null;
  readonly reason: string | null;
  readonly additionalDetails: string | null;
  readonly recommendedAction: string | null;
  readonly steps: readonly ProvisioningStep[];
  readonly modifiedProperties: readonly ModifiedProperty[];
}

export interface LogPage {
  readonly records: readonly ProvisioningLogRecord[];
  readonly nextCursor: string | null;
}

export type LogCsvFile = "summary" | "steps" | "modifiedProperties";
export const LOG_CSV_FILES: readonly LogCsvFile[] = ["summary", "steps", "modifiedProperties"];

/** Filters of GET /logs and /logs/csv (all optional; times are ISO 8601). */
export interface LogFilters {
  readonly jobId?: string;
  readonly cycleId?: string;
  readonly workerId?: string;
  readonly action?: LogAction;
  readonly status?: StepStatus;
  readonly from?: string;
  readonly to?: string;
}

export interface OnDemandResult {
  readonly workerId: string;
  readonly action: string;
  readonly status: string;
  readonly steps: readonly ProvisioningStep[];
  readonly target: { readonly anchor: string | null; readonly dn: string | null };
  readonly modifiedProperties: readonly ModifiedProperty[];
  readonly logRecord: ProvisioningLogRecord;
}

export type StagedState = "pending" | "allowed" | "rejected";

export interface StagedAction {
  readonly id: string;
  readonly jobId: string;
  readonly cycleId: string;
  readonly sourceAnchor: string;
  readonly workerId: string | null;
  readonly displayName: string | null;
  readonly kind: "disable" | "delete";
  readonly targetAnchor: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly state: StagedState;
  readonly createdAt: string;
  readonly decidedAt: string | null;
  readonly decidedBy: string | null;
}

export interface IssuedAgentToken {
  readonly tokenId: string;
  readonly token: string;
  readonly domain: string;
  readonly expiresAt: string;
}

export interface AdminToken {
  readonly tokenId: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface IssuedAdminToken {
  readonly token: AdminToken;
  readonly secret: string;
}

/** Every error answer of the API has this body. */
export interface ApiErrorBody {
  readonly code: string;
  readonly message: string;
  readonly reason?: string;
  readonly recommendedAction?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}
