/** Job definitions: schema, validation with paths, redaction of secrets, and what a change implies. */
export * from "./job-definition.js";
export { changedTopLevelKeys, deepEqual, requiresInitialCycle } from "./definition-changes.js";
export {
  formatSecretPath,
  redactDetails,
  redactedSecretPaths,
  redactJobDefinition,
  restoreRedactedSecrets,
  type RestoredSecrets,
} from "./redact-definition.js";
export {
  formatJobIssue,
  invalidJobDefinition,
  type JobDefinitionIssue,
  type JobValidationResult,
  parseJobDefinitionOrThrow,
  validateJobDefinition,
} from "./validate-job.js";
