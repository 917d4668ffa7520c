/**
 * The result of provisioning one worker: what to do (operations for the agent), why
 * (the five documented steps), and what to remember afterwards. Cycles, on-demand
 * provisioning, provisioning logs and dry runs all read this one shape.
 */
import { ERROR_CODES, RosterError, type ErrorCategory, type ErrorCode } from "../errors/error-codes.js";
import type { DirectoryOperation, DirectoryValue } from "./directory-operations.js";
import type { ExportedState } from "./directory-view.js";
import type { MatchTrace } from "./matching.js";
import type { ScopingEvaluation } from "./scoping.js";

/** The primary action, for logs. All operations are in `operations`. */
export type ProvisioningAction = "Create" | "Update" | "Enable" | "Disable" | "Move" | "Rename" | "Skip" | "NoChange";

export type StepName = "testConnection" | "import" | "scope" | "match" | "action";
export type StepStatus = "success" | "warning" | "failure" | "skipped";

export interface ProvisioningStep {
  readonly step: StepName;
  readonly status: StepStatus;
  readonly description: string;
  /** Key/value pairs as the log shows them; redacted values read "[Redact]". */
  readonly details: Readonly<Record<string, string>>;
}

/** An error, skip reason or note with the registry's reason and recommended action. */
export interface DecisionIssue {
  readonly code: ErrorCode;
  readonly message: string;
  readonly category: ErrorCategory;
  readonly retryable: boolean;
  readonly reason: string;
  readonly recommendedAction: string;
}

/** One attribute change as provisioning logs show it. Redacted values read "[Redact]". */
export interface ModifiedProperty {
  readonly name: string;
  readonly oldValue: DirectoryValue | null;
  readonly newValue: DirectoryValue | null;
}

/** A reference that could not be resolved yet; resolve it later with planReferenceResolution. */
export interface DeferredReference {
  readonly attribute: string;
  /** The referenced worker's source anchor (e.g. the manager's WID). */
  readonly sourceAnchorValue: string;
}

/** A SelectUniqueValue candidate chosen in this decision: the caller reserves it for the rest of the cycle. */
export interface ReservedValue {
  readonly attribute: string;
  readonly value: string;
}

export interface ProvisioningDecision {
  /** provisioningStatusInfo.status: failure for errors, skipped for Skip/NoChange, warning when references are deferred. */
  readonly status: StepStatus;
  readonly action: ProvisioningAction;
  /** The worker's source anchor (WID, perPersonUuid), or null when the worker has none. */
  readonly sourceAnchor: string | null;
  /**
   * The target entry acted on: the linked or matched anchor. null for a create (the
   * agent returns the new anchor) and when no entry is involved.
   */
  readonly targetAnchor: string | null;
  /** True when this decision links the worker for the first time (a match or a create). */
  readonly newLink: boolean;
  /** Scoping result, null when scoping was not evaluated. Store it as the link's wasInScope. */
  readonly inScope: boolean | null;
  /** In the order the agent must apply them. Operations after a create use NEW_ENTRY_ANCHOR. */
  readonly operations: readonly DirectoryOperation[];
  readonly modifiedProperties: readonly ModifiedProperty[];
  readonly deferredReferences: readonly DeferredReference[];
  readonly reservedValues: readonly ReservedValue[];
  /**
   * What to persist as the link's exportedAttributes once the operations succeeded;
   * null when it does not change.
   */
  readonly newExportedState: ExportedState | null;
  readonly error: DecisionIssue | null;
  readonly skipReason: DecisionIssue | null;
  /** Warnings that do not fail the worker (ReferenceUnresolved). */
  readonly notes: readonly DecisionIssue[];
  readonly steps: readonly ProvisioningStep[];
  readonly scoping: ScopingEvaluation | null;
  readonly matching: MatchTrace | null;
}

/**
 * Stands for the anchor of the entry created by the same decision: the agent replaces
 * it with the anchor the create returned (references are set after the create).
 */
export const NEW_ENTRY_ANCHOR = "<new-entry>";

export const REDACTED = "[Redact]";

export function decisionIssue(code: ErrorCode, message: string): DecisionIssue {
  const info = ERROR_CODES[code];
  return {
    code,
    message,
    category: info.category,
    retryable: info.retryable,
    reason: info.reason,
    recommendedAction: info.recommendedAction,
  };
}

/** A thrown callback or evaluation error as an issue; anything that is not a RosterError is an InternalError. */
export function issueFromError(error: unknown, context: string): DecisionIssue {
  if (error instanceof RosterError) return decisionIssue(error.code, `${context}: ${error.message}`);
  const text = error instanceof Error ? error.message : String(error);
  return decisionIssue("InternalError", `${context}: ${text}`);
}
