/**
 * Turns what happened to a decision's operations into what the logs and the link store
 * record: a decision whose operations failed at the agent becomes a failed decision, with
 * the agent's error code on the action step, so the trace and the log record agree.
 */
import {
  ERROR_CODES,
  type DecisionIssue,
  type ErrorCode,
  isErrorCode,
  type ProvisioningDecision,
  type ProvisioningStep,
} from "@roster/engine";

/** A registry issue for a code that may come from outside (an agent, a source). */
export function issueFor(code: string, message: string): DecisionIssue {
  const known: ErrorCode = isErrorCode(code) ? code : "InternalError";
  const info = ERROR_CODES[known];
  return {
    code: known,
    message: known === code ? message : `${code}: ${message}`,
    category: info.category,
    retryable: info.retryable,
    reason: info.reason,
    recommendedAction: info.recommendedAction,
  };
}

/** The decision as it turned out when the agent failed one of its operations. */
export function withFailure(
  decision: ProvisioningDecision,
  failure: { readonly errorCode: string; readonly message: string; readonly retryable: boolean },
  stepDescription: string,
): ProvisioningDecision {
  const issue = { ...issueFor(failure.errorCode, failure.message), retryable: failure.retryable };
  const steps: ProvisioningStep[] = decision.steps.map((step) =>
    step.step === "action"
      ? {
          step: "action",
          status: "failure",
          description: stepDescription,
          details: { ...step.details, ErrorCode: issue.code, Reason: issue.reason, Details: issue.message },
        }
      : step,
  );
  return { ...decision, status: "failure", error: issue, steps };
}

/** A decision for a worker the source could not read (no engine run). */
export function sourceFailureDecision(
  sourceAnchor: string | null,
  code: string,
  message: string,
  retryable: boolean,
): ProvisioningDecision {
  const issue = { ...issueFor(code, message), retryable };
  const notReached = (step: ProvisioningStep["step"]): ProvisioningStep => ({
    step,
    status: "skipped",
    description: "Not reached: the worker could not be imported.",
    details: {},
  });
  return {
    ...emptyDecision(sourceAnchor),
    status: "failure",
    error: issue,
    steps: [
      {
        step: "import",
        status: "failure",
        description: "The worker could not be imported from the HR source.",
        details: { ErrorCode: issue.code, Reason: issue.reason, Details: message },
      },
      notReached("scope"),
      notReached("match"),
      notReached("action"),
    ],
  };
}

/** A decision that plans nothing (the base of decisions made outside the engine: staged actions run later). */
export function emptyDecision(sourceAnchor: string | null): ProvisioningDecision {
  return {
    status: "skipped",
    action: "Skip",
    sourceAnchor,
    targetAnchor: null,
    newLink: false,
    inScope: null,
    operations: [],
    modifiedProperties: [],
    deferredReferences: [],
    reservedValues: [],
    newExportedState: null,
    error: null,
    skipReason: null,
    notes: [],
    steps: [],
    scoping: null,
    matching: null,
  };
}
