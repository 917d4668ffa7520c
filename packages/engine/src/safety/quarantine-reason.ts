/**
 * Why a job is quarantined, spelled as Graph's `quarantineReason` values so status APIs can
 * report them unchanged. Roster raises these:
 * - `EncounteredQuarantineException`: the target refuses every call (bad credentials, no connection).
 * - `EncounteredEscrowProportionThreshold`: more than 40% of a cycle's events failed.
 * - `EncounteredBaseEscrowThreshold`: more than 40,000 failures, reference failures left out.
 * - `EncounteredTotalEscrowThreshold`: more than 60,000 failures, reference failures included.
 * - `TooManyDeletes`: the accidental-deletion threshold was exceeded.
 * - `QuarantineOnDemand`: an operator quarantined the job by hand.
 * The split of the escrow rule over Base/Total/Proportion is our reading of Graph's names.
 */
export const QUARANTINE_REASONS = [
  "EncounteredQuarantineException",
  "EncounteredEscrowProportionThreshold",
  "EncounteredBaseEscrowThreshold",
  "EncounteredTotalEscrowThreshold",
  "TooManyDeletes",
  "QuarantineOnDemand",
] as const;

export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

const REASON_SET: ReadonlySet<string> = new Set(QUARANTINE_REASONS);

export function isQuarantineReason(value: string): value is QuarantineReason {
  return REASON_SET.has(value);
}
