import { RosterError } from "../errors/error-codes.js";
import { requireCount } from "./safety-input.js";

/** The job's "Prevent accidental deletions" setting. */
export interface AccidentalDeletionSetting {
  readonly enabled: boolean;
  /** A cycle may disable/delete at most this many objects before they are staged. */
  readonly threshold: number;
}

/** What one cycle plans to deprovision (scope exits, leavers, source deletes; groups count too). */
export interface PlannedDeprovisions {
  readonly disables: number;
  readonly deletes: number;
}

export type DeletionGuardDecision =
  | {
      readonly outcome: "allow";
      readonly count: number;
      readonly reason: string;
    }
  | {
      readonly outcome: "stage";
      readonly count: number;
      readonly threshold: number;
      /** Log action for each staged disable. */
      readonly disableAction: "StagedAction";
      /** Log action for each staged delete. */
      readonly deleteAction: "StagedDelete";
      /** The job is quarantined with this reason. */
      readonly quarantineReason: "TooManyDeletes";
      readonly reason: string;
    };

export interface DeletionGuardOptions {
  /** An administrator chose "Allow deletes" for the staged objects: this cycle runs them. */
  readonly approvedByAdministrator?: boolean;
}

/**
 * Decides whether a cycle's disables and deletes may run. The count is per cycle and covers both
 * kinds. The documentation says both "above the threshold" and "when the threshold is met"; we
 * stage only when the count is strictly greater than the threshold.
 */
export function checkAccidentalDeletions(
  setting: AccidentalDeletionSetting,
  planned: PlannedDeprovisions,
  options: DeletionGuardOptions = {},
): DeletionGuardDecision {
  const object = "accidental-deletion check";
  if (typeof setting.enabled !== "boolean") {
    throw new RosterError("InvalidConfiguration", `Accidental-deletion setting: enabled must be true or false.`, {
      object: "accidentalDeletionPrevention",
      field: "enabled",
    });
  }
  if (!Number.isSafeInteger(setting.threshold) || setting.threshold < 0) {
    throw new RosterError(
      "InvalidConfiguration",
      `Accidental-deletion setting: threshold must be a non-negative integer, got ${String(setting.threshold)}.`,
      { object: "accidentalDeletionPrevention", field: "threshold", value: setting.threshold },
    );
  }
  const count = requireCount(planned.disables, object, "disables") + requireCount(planned.deletes, object, "deletes");

  if (!setting.enabled) {
    return { outcome: "allow", count, reason: "Accidental-deletion prevention is off." };
  }
  if (count <= setting.threshold) {
    return {
      outcome: "allow",
      count,
      reason: `${count} planned disables/deletes is within the threshold of ${setting.threshold}.`,
    };
  }
  if (options.approvedByAdministrator === true) {
    return {
      outcome: "allow",
      count,
      reason: `${count} planned disables/deletes exceeds the threshold of ${setting.threshold}, but an administrator allowed the deletes.`,
    };
  }
  return {
    outcome: "stage",
    count,
    threshold: setting.threshold,
    disableAction: "StagedAction",
    deleteAction: "StagedDelete",
    quarantineReason: "TooManyDeletes",
    reason:
      `${count} planned disables/deletes (${planned.disables} disables, ${planned.deletes} deletes) exceeds the ` +
      `accidental-deletion threshold of ${setting.threshold}; they are staged and the job is quarantined until an ` +
      `administrator allows or rejects them.`,
  };
}
