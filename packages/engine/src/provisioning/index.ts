/**
 * Public surface of the provisioning brain. Pure: the directory's answers come through
 * DirectoryView callbacks (synchronous or asynchronous).
 *
 * 1. When a job is saved: compileProvisioningConfig(json) → every issue with its path
 *    (and line:column inside expressions), or the compiled configuration.
 * 2. Per worker (cycle, on-demand, dry run): provisionWorker({ config, worker, link,
 *    directory, now, random }) → ProvisioningDecision. It never rejects.
 * 3. The caller then, on success of `operations` (in order; NEW_ENTRY_ANCHOR stands for
 *    the anchor the create returns): stores the link { anchor, exportedAttributes:
 *    newExportedState ?? previous, wasInScope: inScope }, reserves `reservedValues` for
 *    the rest of the cycle, and keeps `deferredReferences` for a reference pass
 *    (planReferenceResolution, withResolvedReferences).
 */
export {
  type CompileConfigResult,
  type CompiledProvisioningConfig,
  type ConfigIssue,
  compileProvisioningConfig,
  compileProvisioningConfigOrThrow,
  formatConfigIssue,
} from "./compile-config.js";
export {
  type DecisionIssue,
  type DeferredReference,
  type ModifiedProperty,
  NEW_ENTRY_ANCHOR,
  type ProvisioningAction,
  type ProvisioningDecision,
  type ProvisioningStep,
  REDACTED,
  type ReservedValue,
  type StepName,
  type StepStatus,
} from "./decision.js";
export type { DirectoryView, ExportedState, LinkState, MaybePromise } from "./directory-view.js";
export { normalizeDn, parentDn, rdnValue, sameDn } from "./dn.js";
export type { CompiledMapping, MappingRole } from "./mapping-evaluation.js";
export type { MatchAttempt, MatchOutcome, MatchTrace } from "./matching.js";
export { planReferenceResolution, type UniqueValueAttempt, withResolvedReferences } from "./planner.js";
export { decideWorker, type ProvisionWorkerInput, provisionWorker } from "./provision-worker.js";
export type { TraceLevel } from "./trace.js";
export {
  type ClauseEvaluation,
  type CompiledScopingClause,
  type CompiledScopingFilter,
  compileScopingFilters,
  evaluateScoping,
  type FilterEvaluation,
  type ScopingEvaluation,
  type ScopingIssue,
} from "./scoping.js";
export { sourceAttributesOf } from "./source-attributes.js";
