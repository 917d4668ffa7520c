/**
 * The five documented steps of provisioning one object, as logs and on-demand
 * provisioning show them: test connection (only when it fails), import, determine if in
 * scope, match, perform action. Values that a mapping redacts are already "[Redact]" in
 * the inputs here (matching values and modified properties are redacted at the source).
 *
 * Two levels of detail: "full" (on-demand provisioning, dry runs, anyone reading one
 * worker's trace) and "summary" (cycles: every step with its status and description,
 * and ErrorCode / SkipReason where there is one; the values looked at are left out,
 * since the decision carries them anyway: matching values and attempts in `matching`,
 * clause results in `scoping`, changes in `modifiedProperties`).
 */
import type { CompiledProvisioningConfig } from "./compile-config.js";
import type { DecisionIssue, ProvisioningStep, StepName, StepStatus } from "./decision.js";
import type { CompiledMapping } from "./mapping-evaluation.js";
import type { MatchingValue, MatchTrace } from "./matching.js";
import { REDACTED } from "./decision.js";
import type { Plan } from "./planner.js";
import type { ScopingEvaluation } from "./scoping.js";

export type TraceLevel = "full" | "summary";

const NO_DETAILS: Readonly<Record<string, string>> = Object.freeze({});
const OBJECT_FLOW_IGNORED_DETAILS: Readonly<Record<string, string>> = Object.freeze({
  objectFilter: "IgnoreObjectFlow",
});

/** The summary's details: the issue's code only. */
function codeOnly(key: "ErrorCode" | "SkipReason", issue: DecisionIssue | null): Readonly<Record<string, string>> {
  if (issue === null) return NO_DETAILS;
  const details: Record<string, string> = {};
  details[key] = issue.code;
  return details;
}
const NO_FILTER_DETAILS: Readonly<Record<string, string>> = Object.freeze({
  "Scoping filters": "none: every worker is in scope",
});

export function step(
  name: StepName,
  status: StepStatus,
  description: string,
  details: Readonly<Record<string, string>> = NO_DETAILS,
): ProvisioningStep {
  return { step: name, status, description, details };
}

const NOT_REACHED_TEXT: Record<StepName, string> = {
  testConnection: "Not evaluated.",
  import: "Not evaluated: the connection test failed.",
  scope: "Not evaluated: the import did not succeed.",
  match: "Not evaluated.",
  action: "Not evaluated.",
};

const notReachedCache = new Map<string, ProvisioningStep>();

/** A skipped step that was not reached (shared, frozen: these are built per worker). */
export function notReached(name: StepName, because?: string): ProvisioningStep {
  const key = `${name}\u0000${because ?? ""}`;
  let cached = notReachedCache.get(key);
  if (cached === undefined) {
    cached = Object.freeze(step(name, "skipped", because ?? NOT_REACHED_TEXT[name]));
    notReachedCache.set(key, cached);
  }
  return cached;
}

export function testConnectionFailed(issue: DecisionIssue): ProvisioningStep {
  return step("testConnection", "failure", `Could not reach the directory: ${issue.message}`, {
    ErrorCode: issue.code,
  });
}

/** Trace keys of a matching mapping, built once per mapping. */
const labels = new WeakMap<CompiledMapping, { readonly imported: string; readonly matched: string }>();
function labelsOf(mapping: CompiledMapping): { readonly imported: string; readonly matched: string } {
  let l = labels.get(mapping);
  if (l === undefined) {
    l = {
      imported: `${mapping.target} (matching, precedence ${mapping.matchingPrecedence})`,
      matched: `${mapping.target} (precedence ${mapping.matchingPrecedence})`,
    };
    labels.set(mapping, l);
  }
  return l;
}

export function importStep(
  config: CompiledProvisioningConfig,
  sourceAnchor: string | null,
  values: readonly MatchingValue[] | null,
  failure: DecisionIssue | null,
  level: TraceLevel = "full",
): ProvisioningStep {
  if (level === "summary") {
    return failure === null
      ? step("import", "success", `Imported worker ${sourceAnchor} from the source.`)
      : step("import", "failure", failure.message, codeOnly("ErrorCode", failure));
  }
  const details: Record<string, string> = {};
  details[config.sourceAnchorAttribute] = sourceAnchor ?? "(none)";
  if (values !== null) {
    for (const v of values) {
      details[labelsOf(v.mapping).imported] = v.value === null ? "(no value)" : v.redacted ? REDACTED : v.value;
    }
  }
  if (failure !== null) {
    details["ErrorCode"] = failure.code;
    return step("import", "failure", failure.message, details);
  }
  return step("import", "success", `Imported worker ${sourceAnchor} from the source.`, details);
}

const IN_SCOPE_WITHOUT_FILTERS: ProvisioningStep = Object.freeze(
  step("scope", "success", "The worker is in scope (no scoping filters).", NO_FILTER_DETAILS),
);

export function scopeStep(
  evaluation: ScopingEvaluation,
  objectFlowIgnored: DecisionIssue | null,
  level: TraceLevel = "full",
): ProvisioningStep {
  if (evaluation.filters.length === 0 && objectFlowIgnored === null) return IN_SCOPE_WITHOUT_FILTERS;
  if (level === "summary") {
    if (!evaluation.inScope) return step("scope", "skipped", "The worker is out of scope: no scoping filter matched.");
    if (objectFlowIgnored !== null)
      return step("scope", "skipped", objectFlowIgnored.message, OBJECT_FLOW_IGNORED_DETAILS);
    return step("scope", "success", "The worker is in scope.");
  }
  let details: Readonly<Record<string, string>> = NO_FILTER_DETAILS;
  if (evaluation.filters.length > 0) {
    const d: Record<string, string> = {};
    for (const filter of evaluation.filters)
      for (const clause of filter.clauses) d[clause.text] = clause.result ? "true" : "false";
    details = d;
  }
  if (!evaluation.inScope)
    return step("scope", "skipped", "The worker is out of scope: no scoping filter matched.", details);
  if (objectFlowIgnored !== null) {
    return step("scope", "skipped", objectFlowIgnored.message, { ...details, objectFilter: "IgnoreObjectFlow" });
  }
  return step("scope", "success", "The worker is in scope.", details);
}

/**
 * Detail keys are made of configuration names, the same for every worker: the last one
 * built is kept, so the common case (one matching attribute, one SelectUniqueValue
 * mapping) builds no string per worker.
 */
let lastAttempt = { attribute: "", precedence: Number.NaN, key: "" };
function attemptKey(attribute: string, precedence: number): string {
  if (lastAttempt.attribute !== attribute || lastAttempt.precedence !== precedence) {
    lastAttempt = { attribute, precedence, key: `${attribute} (precedence ${precedence})` };
  }
  return lastAttempt.key;
}

let lastUniqueValue = { attribute: "", key: "" };
function uniqueValueKey(attribute: string): string {
  if (lastUniqueValue.attribute !== attribute) lastUniqueValue = { attribute, key: `SelectUniqueValue ${attribute}` };
  return lastUniqueValue.key;
}

export function matchStep(
  trace: MatchTrace,
  error: DecisionIssue | null,
  willCreate: boolean,
  level: TraceLevel = "full",
): ProvisioningStep {
  if (level === "summary") {
    if (error !== null) return step("match", "failure", error.message, codeOnly("ErrorCode", error));
    return step("match", "success", matchDescription(trace, willCreate));
  }
  const details: Record<string, string> = {};
  for (const attempt of trace.attempts) {
    const key = attemptKey(attempt.attribute, attempt.precedence);
    if (attempt.value === null) details[key] = "no value: not searched";
    else {
      const n = attempt.candidates.length;
      details[key] =
        `${attempt.value}: ${n} candidate${n === 1 ? "" : "s"}${n > 0 ? ` (${attempt.candidates.join("; ")})` : ""}`;
    }
  }
  if (trace.anchor !== null) details["Anchor"] = trace.anchor;
  if (error !== null) {
    details["ErrorCode"] = error.code;
    return step("match", "failure", error.message, details);
  }
  return step("match", "success", matchDescription(trace, willCreate), details);
}

function matchDescription(trace: MatchTrace, willCreate: boolean): string {
  switch (trace.outcome) {
    case "linked":
      return `Linked to directory entry ${trace.anchor}; compared with the exported state (the directory was not read).`;
    case "matched":
      return trace.method === "anchor" ? `Found the linked entry ${trace.matchedDn}.` : `Matched ${trace.matchedDn}.`;
    default:
      return willCreate ? "No directory entry matches: a new account is created." : "No directory entry matches.";
  }
}

/**
 * The exported (or attempted) attribute values are the decision's modifiedProperties,
 * the log's "Modified Properties"; the step lists what is not there: the target, the
 * SelectUniqueValue candidates tried and the deferred references.
 */
export function actionStep(plan: Plan, level: TraceLevel = "full"): ProvisioningStep {
  if (level === "summary") {
    if (plan.error !== null) return step("action", "failure", plan.error.message, codeOnly("ErrorCode", plan.error));
    if (plan.skipReason !== null) {
      return step("action", "skipped", plan.skipReason.message, codeOnly("SkipReason", plan.skipReason));
    }
    return step("action", plan.notes.length > 0 ? "warning" : "success", plan.description);
  }
  const details: Record<string, string> = {};
  if (plan.target !== null) details["Target"] = plan.target;
  details["Modified properties"] = String(plan.modifiedProperties.length);
  // Keys come from the configuration only, never from worker data: objects with
  // per-worker keys each get their own hidden class, which is slow at 100k workers.
  for (const a of plan.uniqueValueTrace) {
    const key = uniqueValueKey(a.attribute);
    const tried = `${a.value} (${a.taken ? "taken" : "available"})`;
    const before = details[key];
    details[key] = before === undefined ? tried : `${before}, ${tried}`;
  }
  for (const ref of plan.deferredReferences)
    details[ref.attribute] = `deferred: worker ${ref.sourceAnchorValue} has no account yet`;
  if (plan.error !== null) {
    details["ErrorCode"] = plan.error.code;
    return step("action", "failure", plan.error.message, details);
  }
  if (plan.skipReason !== null) {
    details["SkipReason"] = plan.skipReason.code;
    return step("action", "skipped", plan.skipReason.message, details);
  }
  return step("action", plan.notes.length > 0 ? "warning" : "success", plan.description, details);
}
