/**
 * Provisioning one worker: the one code path behind cycles, on-demand provisioning,
 * provisioning logs and dry runs. It runs the documented steps in order
 *   test connection (on-demand only; shown only when it fails) → import → scope →
 *   match → action
 * and returns a ProvisioningDecision: the operations for the agent plus the trace.
 * Nothing is written here; every answer from the directory comes through the
 * DirectoryView callbacks, and a callback that throws becomes a failed step with a
 * registry code, never a rejected promise.
 */
import type { Attributes, EvalContext } from "../expressions/types.js";
import { IGNORE_OBJECT_FLOW } from "../expressions/types.js";
import { toText } from "../expressions/values.js";
import type { CompiledProvisioningConfig } from "./compile-config.js";
import {
  decisionIssue,
  issueFromError,
  type DecisionIssue,
  type ProvisioningAction,
  type ProvisioningDecision,
  type ProvisioningStep,
  type StepStatus,
} from "./decision.js";
import { isPending, isPromiseLike, type DirectoryView, type LinkState, type MaybePromise } from "./directory-view.js";
import { evaluateMappingRaw } from "./mapping-evaluation.js";
import {
  computeMatchingValues,
  hasAnyMatchingValue,
  linkedWithoutRead,
  matchByAnchor,
  matchByAttributes,
  type MatchingValue,
  type MatchResult,
  type MatchTrace,
} from "./matching.js";
import { entryBaseline, exportedStateBaseline, type Baseline } from "./baseline.js";
import { planCreate, planLeaveScope, planUpdate, type Plan, type PlanContext } from "./planner.js";
import { evaluateScoping, type ScopingEvaluation } from "./scoping.js";
import {
  actionStep,
  importStep,
  matchStep,
  notReached,
  scopeStep,
  step,
  testConnectionFailed,
  type TraceLevel,
} from "./trace.js";

export interface ProvisionWorkerInput {
  readonly config: CompiledProvisioningConfig;
  /** The worker's imported attributes (null attributes simply absent). */
  readonly worker: Attributes;
  /** The worker's link, or null when it was never created or matched. */
  readonly link: LinkState | null;
  readonly directory: DirectoryView;
  readonly now: () => Date;
  /** Uniform in [0, 1). */
  readonly random: () => number;
  /**
   * How much the steps carry: "full" (the default: on-demand provisioning, dry runs) or
   * "summary" (cycles: status, description and ErrorCode / SkipReason per step; see
   * trace.ts). The rest of the decision is the same either way.
   */
  readonly trace?: TraceLevel;
}

const EMPTY: readonly never[] = Object.freeze([]);

/** Never rejects: any unexpected error becomes an InternalError decision. */
export function provisionWorker(input: ProvisionWorkerInput): Promise<ProvisioningDecision> {
  return Promise.resolve(decideWorker(input));
}

/**
 * provisionWorker without the promise: the decision itself while every DirectoryView
 * callback answers synchronously (a cycle against a cache or snapshot plans a worker
 * with no promise at all), a promise only once one answers asynchronously. The decision
 * is the same either way. Never throws, and a returned promise never rejects.
 */
export function decideWorker(input: ProvisionWorkerInput): MaybePromise<ProvisioningDecision> {
  let decision: MaybePromise<ProvisioningDecision>;
  try {
    decision = decide(input);
  } catch (error) {
    return internalFailure(input, error);
  }
  if (!isPending(decision)) return decision;
  return Promise.resolve(decision).then(undefined, (error: unknown) => internalFailure(input, error));
}

function internalFailure(input: ProvisionWorkerInput, error: unknown): ProvisioningDecision {
  const issue = issueFromError(error, "Provisioning the worker");
  const sourceAnchor = safeText(input.worker, input.config.sourceAnchorAttribute);
  const steps = [step("action", "failure", issue.message, { ErrorCode: issue.code })];
  return failed(sourceAnchor, input.link, steps, issue, null, null, null);
}

function decide(input: ProvisionWorkerInput): MaybePromise<ProvisioningDecision> {
  const { directory } = input;

  // 1. Test connection: on-demand supplies it; it is shown only when it fails.
  if (directory.testConnection !== undefined) {
    let answer: MaybePromise<void>;
    try {
      answer = directory.testConnection();
    } catch (error) {
      return connectionFailed(input, error);
    }
    if (isPromiseLike(answer)) {
      return Promise.resolve(answer).then(
        () => afterConnection(input),
        (error: unknown) => connectionFailed(input, error),
      );
    }
  }
  return afterConnection(input);
}

function connectionFailed(input: ProvisionWorkerInput, error: unknown): ProvisioningDecision {
  const issue = issueFromError(error, "Testing the connection");
  const sourceAnchor = safeText(input.worker, input.config.sourceAnchorAttribute);
  return failed(
    sourceAnchor,
    input.link,
    [testConnectionFailed(issue), notReached("import"), notReached("scope"), notReached("match"), notReached("action")],
    issue,
    null,
    null,
    null,
  );
}

/** Import, scope and match; the action follows once the match is known. */
function afterConnection(input: ProvisionWorkerInput): MaybePromise<ProvisioningDecision> {
  const { config, worker, link, directory } = input;
  const level = input.trace ?? "full";

  // 2. Import: the matching values must exist (ImportSkipped otherwise); scoping is not evaluated then.
  const ctx: EvalContext = { attributes: worker, now: input.now, random: input.random, redacted: false };
  const sourceAnchor = safeText(worker, config.sourceAnchorAttribute);
  let values: MatchingValue[];
  try {
    values = computeMatchingValues(config.matchingMappings, ctx);
  } catch (error) {
    const issue = issueFromError(error, "Evaluating the matching attributes");
    return failed(
      sourceAnchor,
      link,
      importFailedSteps(config, sourceAnchor, null, issue, level),
      issue,
      null,
      null,
      null,
    );
  }
  if (!hasAnyMatchingValue(values) || sourceAnchor === null) {
    const names = config.matchingMappings.map((m) => m.target).join(", ");
    const issue = decisionIssue(
      "ImportSkipped",
      sourceAnchor === null
        ? `The worker has no value for the source anchor attribute ${config.sourceAnchorAttribute}; it cannot be linked. Scoping was not evaluated.`
        : `The worker has no value for any matching attribute (${names}); it cannot be matched. Scoping was not evaluated.`,
    );
    return skipped(
      sourceAnchor,
      link,
      importFailedSteps(config, sourceAnchor, values, issue, level),
      "Skip",
      issue,
      null,
      null,
      null,
    );
  }
  const imported = importStep(config, sourceAnchor, values, null, level);

  // 3. Scope.
  const scoping = evaluateScoping(config.scopingFilters, worker);
  if (!scoping.inScope) return outOfScope(input, sourceAnchor, imported, scoping, level);

  if (config.objectFilter !== null) {
    let ignored: DecisionIssue | null = null;
    try {
      if (evaluateMappingRaw(config.objectFilter, ctx) === IGNORE_OBJECT_FLOW) {
        ignored = decisionIssue(
          "ObjectFlowIgnored",
          "The objectFilter mapping returned IgnoreObjectFlow: the worker is not provisioned now.",
        );
      }
    } catch (error) {
      const issue = issueFromError(error, "Evaluating the objectFilter mapping");
      const steps = [
        imported,
        { ...scopeStep(scoping, null, level), status: "failure" as const, description: issue.message },
        notReached("match"),
        notReached("action"),
      ];
      return failed(sourceAnchor, link, steps, issue, scoping, null, true);
    }
    if (ignored !== null) {
      const steps = [imported, scopeStep(scoping, ignored, level), notReached("match"), skippedActionStep(ignored)];
      return skipped(sourceAnchor, link, steps, "Skip", ignored, scoping, null, true);
    }
  }
  const scoped = scopeStep(scoping, null, level);
  const reached: Reached = { input, ctx, sourceAnchor, imported, scoped, scoping, level };

  // 4. Match: by anchor when linked (without a read when the exported state is known), else by matching attributes.
  if (link !== null && link.exportedAttributes !== null) {
    return act(reached, linkedWithoutRead(link.anchor), exportedStateBaseline(link.exportedAttributes));
  }
  const found = link !== null ? matchByAnchor(link.anchor, directory) : matchByAttributes(values, directory);
  if (isPending(found)) return Promise.resolve(found).then((match) => actOnFound(reached, match));
  return actOnFound(reached, found);
}

/** What the steps before the action established. */
interface Reached {
  readonly input: ProvisionWorkerInput;
  readonly ctx: EvalContext;
  readonly sourceAnchor: string;
  readonly imported: ProvisioningStep;
  readonly scoped: ProvisioningStep;
  readonly scoping: ScopingEvaluation;
  readonly level: TraceLevel;
}

function actOnFound(reached: Reached, match: MatchResult): MaybePromise<ProvisioningDecision> {
  return act(reached, match, match.entry !== null ? entryBaseline(match.entry) : null);
}

// 5. Action.
function act(reached: Reached, match: MatchResult, baseline: Baseline | null): MaybePromise<ProvisioningDecision> {
  const { input, ctx, sourceAnchor, imported, scoped, scoping, level } = reached;
  const { config, link, directory } = input;
  if (match.error !== null) {
    const steps = [imported, scoped, matchStep(match.trace, match.error, false, level), notReached("action")];
    return failed(sourceAnchor, link, steps, match.error, scoping, match.trace, true);
  }
  const plan: PlanContext = { config, ctx, directory, traceCandidates: level === "full" };
  const anchor = link?.anchor ?? match.entry?.anchor ?? null;
  const planned =
    anchor === null || baseline === null ? planCreate(plan) : planUpdate(plan, anchor, baseline, link === null);
  if (isPending(planned)) return Promise.resolve(planned).then((result) => acted(reached, match, anchor, result));
  return acted(reached, match, anchor, planned);
}

function acted(reached: Reached, match: MatchResult, anchor: string | null, result: Plan): ProvisioningDecision {
  const { imported, scoped, level } = reached;
  const steps = [imported, scoped, matchStep(match.trace, null, anchor === null, level), actionStep(result, level)];
  return fromPlan(
    reached.sourceAnchor,
    anchor,
    reached.input.link === null && (anchor !== null || result.action === "Create"),
    true,
    result,
    steps,
    reached.scoping,
    match.trace,
  );
}

/** Out of scope: a linked worker that was in scope is disabled (unless switched off); others are skipped. */
function outOfScope(
  input: ProvisionWorkerInput,
  sourceAnchor: string,
  imported: ProvisioningStep,
  scoping: ScopingEvaluation,
  level: TraceLevel,
): MaybePromise<ProvisioningDecision> {
  const { link, directory } = input;
  const scoped = scopeStep(scoping, null, level);
  if (link === null || !link.wasInScope) {
    const issue = decisionIssue(
      "EntrySynchronizationSkipped",
      link === null
        ? "The worker is out of scope and has no account: nothing to do."
        : "The worker is out of scope and was already handled when it left scope.",
    );
    const steps = [
      imported,
      scoped,
      notReached("match", "Not evaluated: the worker is out of scope."),
      skippedActionStep(issue),
    ];
    return skipped(sourceAnchor, link, steps, "Skip", issue, scoping, null, false);
  }
  if (link.exportedAttributes !== null) {
    const match = linkedWithoutRead(link.anchor);
    const baseline = exportedStateBaseline(link.exportedAttributes);
    return leaveScope(input, sourceAnchor, imported, scoped, scoping, link, match, baseline, level);
  }
  const found = matchByAnchor(link.anchor, directory);
  const judge = (match: MatchResult): ProvisioningDecision => {
    if (match.error !== null || match.entry === null) {
      const error =
        match.error ??
        decisionIssue(
          "InvalidAnchor",
          `The directory entry linked to this worker (anchor ${link.anchor}) no longer exists.`,
        );
      const steps = [imported, scoped, matchStep(match.trace, error, false, level), notReached("action")];
      return failed(sourceAnchor, link, steps, error, scoping, match.trace, false);
    }
    return leaveScope(input, sourceAnchor, imported, scoped, scoping, link, match, entryBaseline(match.entry), level);
  };
  return isPending(found) ? Promise.resolve(found).then(judge) : judge(found);
}

function leaveScope(
  input: ProvisionWorkerInput,
  sourceAnchor: string,
  imported: ProvisioningStep,
  scoped: ProvisioningStep,
  scoping: ScopingEvaluation,
  link: LinkState,
  match: MatchResult,
  baseline: Baseline,
  level: TraceLevel,
): ProvisioningDecision {
  const result = planLeaveScope(input.config, link.anchor, baseline);
  const steps = [imported, scoped, matchStep(match.trace, null, false, level), actionStep(result, level)];
  return fromPlan(sourceAnchor, link.anchor, false, false, result, steps, scoping, match.trace);
}

// ---------------------------------------------------------------------------------------
// Decision assembly

function statusOf(
  action: ProvisioningAction,
  error: DecisionIssue | null,
  notes: readonly DecisionIssue[],
): StepStatus {
  if (error !== null) return "failure";
  if (notes.length > 0) return "warning";
  if (action === "Skip" || action === "NoChange") return "skipped";
  return "success";
}

function fromPlan(
  sourceAnchor: string,
  targetAnchor: string | null,
  newLink: boolean,
  inScope: boolean,
  plan: Plan,
  steps: readonly ProvisioningStep[],
  scoping: ScopingEvaluation | null,
  matching: MatchTrace | null,
): ProvisioningDecision {
  const failedOrSkipped = plan.error !== null || plan.skipReason !== null;
  return {
    status: statusOf(plan.action, plan.error, plan.notes),
    // On failure this is the action that was attempted (Create, Update, ...).
    action: plan.action,
    sourceAnchor,
    targetAnchor,
    newLink: newLink && plan.error === null && (plan.action !== "Skip" || targetAnchor !== null),
    inScope,
    operations: plan.error !== null ? EMPTY : plan.operations,
    modifiedProperties: plan.modifiedProperties,
    deferredReferences: plan.deferredReferences,
    reservedValues: failedOrSkipped ? EMPTY : plan.reservedValues,
    newExportedState: plan.error !== null ? null : plan.newExportedState,
    error: plan.error,
    skipReason: plan.skipReason,
    notes: plan.notes,
    steps,
    scoping,
    matching,
  };
}

function failed(
  sourceAnchor: string | null,
  link: LinkState | null,
  steps: readonly ProvisioningStep[],
  error: DecisionIssue,
  scoping: ScopingEvaluation | null,
  matching: MatchTrace | null,
  inScope: boolean | null,
): ProvisioningDecision {
  return {
    status: "failure",
    action: "Skip",
    sourceAnchor,
    targetAnchor: link?.anchor ?? null,
    newLink: false,
    inScope,
    operations: EMPTY,
    modifiedProperties: EMPTY,
    deferredReferences: EMPTY,
    reservedValues: EMPTY,
    newExportedState: null,
    error,
    skipReason: null,
    notes: EMPTY,
    steps,
    scoping,
    matching,
  };
}

function skipped(
  sourceAnchor: string | null,
  link: LinkState | null,
  steps: readonly ProvisioningStep[],
  action: ProvisioningAction,
  reason: DecisionIssue,
  scoping: ScopingEvaluation | null,
  matching: MatchTrace | null,
  inScope: boolean | null,
): ProvisioningDecision {
  return {
    status: "skipped",
    action,
    sourceAnchor,
    targetAnchor: link?.anchor ?? null,
    newLink: false,
    inScope,
    operations: EMPTY,
    modifiedProperties: EMPTY,
    deferredReferences: EMPTY,
    reservedValues: EMPTY,
    newExportedState: null,
    error: null,
    skipReason: reason,
    notes: EMPTY,
    steps,
    scoping,
    matching,
  };
}

function importFailedSteps(
  config: CompiledProvisioningConfig,
  sourceAnchor: string | null,
  values: readonly MatchingValue[] | null,
  issue: DecisionIssue,
  level: TraceLevel,
): ProvisioningStep[] {
  return [
    importStep(config, sourceAnchor, values, issue, level),
    notReached("scope"),
    notReached("match"),
    notReached("action"),
  ];
}

function skippedActionStep(reason: DecisionIssue): ProvisioningStep {
  return { step: "action", status: "skipped", description: reason.message, details: { SkipReason: reason.code } };
}

function safeText(worker: Attributes, attribute: string): string | null {
  try {
    const text = toText(worker[attribute]);
    return text === null || text === "" ? null : text;
  } catch {
    return null;
  }
}
