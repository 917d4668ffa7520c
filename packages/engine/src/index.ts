/**
 * @roster/engine — the pure provisioning logic: expressions, scoping, matching and
 * planning. No I/O: the directory's answers arrive through callbacks.
 */
export {
  ERROR_CODES,
  RosterError,
  describeErrorCode,
  isErrorCode,
  type ErrorCategory,
  type ErrorCode,
  type ErrorCodeInfo,
} from "./errors/error-codes.js";
export * from "./config/provisioning-config.js";
export type {
  DirectoryOperation,
  DirectoryOperationKind,
  DirectoryValue,
  TargetEntry,
} from "./provisioning/directory-operations.js";
export * from "./expressions/index.js";
export * from "./provisioning/index.js";
export * from "./config/default-mappings/index.js";
export { backoffDelay, retryAfterMs, type RetryPolicy } from "./retry/retry-policy.js";
export * from "./safety/index.js";
