/** Pure safety rules for provisioning cycles: accidental deletions, escrow and quarantine. */
export {
  checkAccidentalDeletions,
  type AccidentalDeletionSetting,
  type DeletionGuardDecision,
  type DeletionGuardOptions,
  type PlannedDeprovisions,
} from "./accidental-deletion-guard.js";
export {
  ESCROW_PROPORTION_RULE,
  evaluateEscrowProportion,
  type EscrowCounts,
  type EscrowProportionVerdict,
} from "./escrow-proportion.js";
export {
  ESCROW_RETENTION_MS,
  createEscrowEntry,
  escrowRetryOffsetMs,
  escrowRetrySchedule,
  isDue,
  isEscrowExpired,
  nextEscrowRetryAt,
  recordEscrowRetryFailure,
  type EscrowEntry,
  type EscrowRetryOutcome,
} from "./escrow-retry-schedule.js";
export { QUARANTINE_REASONS, isQuarantineReason, type QuarantineReason } from "./quarantine-reason.js";
export {
  DEFAULT_INCREMENTAL_INTERVAL_MS,
  HEALTHY_JOB_STATE,
  QUARANTINED_MAX_INTERVAL_MS,
  QUARANTINE_DISABLE_AFTER_MS,
  disableIfExpired,
  enterQuarantine,
  incrementalIntervalMs,
  onCycleResult,
  restartProvisioning,
  type QuarantineCycleResult,
  type QuarantineNotice,
  type QuarantineState,
  type QuarantineTransition,
  type RestartEffect,
} from "./quarantine-state.js";
