/**
 * One provisioning-log record (the fields of Graph's provisioningObjectSummary that Roster
 * keeps) and its pure builder from an engine decision.
 */
import type {
  ModifiedProperty,
  ProvisioningAction,
  ProvisioningDecision,
  ProvisioningStep,
  StepStatus,
} from "@roster/engine";

/** provisioningAction as the log shows it; "other" covers skips and "already in sync". */
export type LogAction = "create" | "update" | "delete" | "disable" | "stagedDelete" | "other";
export const LOG_ACTIONS: readonly LogAction[] = ["create", "update", "delete", "disable", "stagedDelete", "other"];
export const LOG_STATUSES: readonly StepStatus[] = ["success", "warning", "failure", "skipped"];

export interface LogIdentity {
  readonly id: string | null;
  readonly displayName: string | null;
}

export interface ProvisioningLogRecord {
  readonly id: string;
  /** Unique per change: the join key of the three CSV files. */
  readonly changeId: string;
  readonly cycleId: string;
  readonly jobId: string;
  readonly activityDateTime: Date;
  readonly durationInMilliseconds: number;
  readonly action: LogAction;
  readonly status: StepStatus;
  readonly sourceIdentity: LogIdentity;
  readonly targetIdentity: LogIdentity;
  readonly errorCode: string | null;
  readonly errorCategory: string | null;
  readonly reason: string | null;
  /** The specific message (names the object and field); `reason` is the code's general reason. */
  readonly additionalDetails: string | null;
  readonly recommendedAction: string | null;
  readonly steps: readonly ProvisioningStep[];
  /** Already redacted by the engine: secret values read "[Redact]". */
  readonly modifiedProperties: readonly ModifiedProperty[];
}

export interface LogRecordContext {
  readonly changeId: string;
  readonly cycleId: string;
  readonly jobId: string;
  readonly activityDateTime: Date;
  readonly durationInMilliseconds: number;
  /** Default: the change id. */
  readonly id?: string;
  /** The worker's id in the HR system (Workday employee ID); default: the decision's source anchor. */
  readonly sourceIdentity?: Partial<LogIdentity>;
  /** Default id: the decision's target anchor (pass the new anchor after a create). */
  readonly targetIdentity?: Partial<LogIdentity>;
}

const ACTION_OF: Readonly<Record<ProvisioningAction, LogAction>> = {
  Create: "create",
  Update: "update",
  Enable: "update",
  Move: "update",
  Rename: "update",
  Disable: "disable",
  Skip: "other",
  NoChange: "other",
};

/** The log's provisioningAction for an engine action. */
export function logActionOf(action: ProvisioningAction): LogAction {
  return ACTION_OF[action];
}

/** Builds the record to append for a decision; pure (ids and times come from the context). */
export function toLogRecord(decision: ProvisioningDecision, context: LogRecordContext): ProvisioningLogRecord {
  // An error wins over a skip reason; a skip reason explains a skipped status.
  const issue = decision.error ?? decision.skipReason;
  return {
    id: context.id ?? context.changeId,
    changeId: context.changeId,
    cycleId: context.cycleId,
    jobId: context.jobId,
    activityDateTime: context.activityDateTime,
    durationInMilliseconds: context.durationInMilliseconds,
    action: ACTION_OF[decision.action],
    status: decision.status,
    sourceIdentity: {
      id: context.sourceIdentity?.id ?? decision.sourceAnchor,
      displayName: context.sourceIdentity?.displayName ?? null,
    },
    targetIdentity: {
      id: context.targetIdentity?.id ?? decision.targetAnchor,
      displayName: context.targetIdentity?.displayName ?? null,
    },
    errorCode: issue?.code ?? null,
    errorCategory: issue?.category ?? null,
    reason: issue?.reason ?? null,
    additionalDetails: issue?.message ?? null,
    recommendedAction: issue?.recommendedAction ?? null,
    steps: decision.steps,
    modifiedProperties: decision.modifiedProperties,
  };
}
