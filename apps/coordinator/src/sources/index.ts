/** HR sources of a provisioning job: Workday, SuccessFactors and the API-driven inbound source. */
export type {
  HrSource,
  ProvisionedOutcome,
  SourceFailure,
  SourceItem,
  SourceTestResult,
  SourceWorker,
  WritebackOutcome,
} from "./hr-source.js";
export type { HrSourceLogger } from "./hr-source-options.js";
export { createHrSource, type CreateHrSourceOptions } from "./create-hr-source.js";
export { createApiSource, type ApiSourceOptions } from "./api-source.js";
export { createWorkdaySource, type WorkdaySourceOptions, WORKDAY_WRITEBACK_FIELDS } from "./workday-source.js";
export {
  createSuccessFactorsSource,
  type SuccessFactorsSourceOptions,
  SUCCESSFACTORS_WRITEBACK_FIELDS,
} from "./successfactors-source.js";
export { toSourceError } from "./source-errors.js";
export {
  compileWriteback,
  computeWritebackValues,
  type CompiledWriteback,
  type CompiledWritebackMapping,
  type WritebackEvaluationOptions,
} from "./writeback-values.js";
