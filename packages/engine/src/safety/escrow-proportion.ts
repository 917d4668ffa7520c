import type { QuarantineReason } from "./quarantine-reason.js";
import { requireCount } from "./safety-input.js";

/** Thresholds of the escrow-proportion rule (documented as "subject to change"). */
export const ESCROW_PROPORTION_RULE = {
  /** Nothing is evaluated below this many failures. */
  minimumFailures: 5_000,
  /** Quarantine when more than numerator/denominator (40%) of the events fail. */
  proportionNumerator: 2,
  proportionDenominator: 5,
  /** Quarantine above this many failures, reference failures left out. */
  maximumFailures: 40_000,
  /** Quarantine above this many failures, reference failures included. */
  maximumTotalFailures: 60_000,
} as const;

export interface EscrowCounts {
  /** Failed events that are not reference updates. */
  readonly failures: number;
  /** Failed reference updates (manager, group members): only the absolute cap counts them. */
  readonly referenceFailures: number;
  /** Successful events (non-reference). */
  readonly successes: number;
}

export type EscrowProportionVerdict =
  | {
      readonly quarantine: false;
      readonly reason: "BelowEvaluationThreshold" | "WithinThresholds";
      readonly explanation: string;
    }
  | {
      readonly quarantine: true;
      readonly reason: Extract<
        QuarantineReason,
        "EncounteredTotalEscrowThreshold" | "EncounteredBaseEscrowThreshold" | "EncounteredEscrowProportionThreshold"
      >;
      readonly explanation: string;
    };

const RULE = ESCROW_PROPORTION_RULE;

/**
 * Applies the escrow-proportion rule to a cycle's counts. Each limit gates on its own count: the
 * 5,000-failure start and the 40% / 40,000 limits use non-reference failures; the 60,000 cap uses
 * all failures (so it can fire when reference failures alone are many). When several limits are
 * crossed the broadest count is reported: total, then base, then proportion.
 */
export function evaluateEscrowProportion(counts: EscrowCounts): EscrowProportionVerdict {
  const object = "escrow-proportion rule";
  const failures = requireCount(counts.failures, object, "failures");
  const referenceFailures = requireCount(counts.referenceFailures, object, "referenceFailures");
  const successes = requireCount(counts.successes, object, "successes");
  const total = failures + referenceFailures;

  if (total > RULE.maximumTotalFailures) {
    return {
      quarantine: true,
      reason: "EncounteredTotalEscrowThreshold",
      explanation: `${total} failures (${failures} plus ${referenceFailures} reference failures) exceed the cap of ${RULE.maximumTotalFailures}.`,
    };
  }
  if (failures < RULE.minimumFailures) {
    return {
      quarantine: false,
      reason: "BelowEvaluationThreshold",
      explanation: `${failures} failures (reference failures left out) is below the ${RULE.minimumFailures} at which the rule starts.`,
    };
  }
  if (failures > RULE.maximumFailures) {
    return {
      quarantine: true,
      reason: "EncounteredBaseEscrowThreshold",
      explanation: `${failures} failures (reference failures left out) exceed ${RULE.maximumFailures}.`,
    };
  }
  const events = failures + successes;
  // Integer cross-multiplication: failures/events > 2/5 without floating-point edge cases.
  if (failures * RULE.proportionDenominator > events * RULE.proportionNumerator) {
    return {
      quarantine: true,
      reason: "EncounteredEscrowProportionThreshold",
      explanation: `${failures} of ${events} events failed (${formatPercent(failures, events)}), more than 40%.`,
    };
  }
  return {
    quarantine: false,
    reason: "WithinThresholds",
    explanation: `${failures} of ${events} events failed (${formatPercent(failures, events)}) and ${total} failures in all: within every limit.`,
  };
}

function formatPercent(part: number, whole: number): string {
  return `${((part / whole) * 100).toFixed(1)}%`;
}
