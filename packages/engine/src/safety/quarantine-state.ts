import { RosterError } from "../errors/error-codes.js";
import type { QuarantineReason } from "./quarantine-reason.js";
import { DAY_MS, requireTime } from "./safety-input.js";

/** A job quarantined for longer than this is disabled. */
export const QUARANTINE_DISABLE_AFTER_MS = 28 * DAY_MS;

/** The normal gap between incremental cycles (fixed, as in the service's "about every 40 minutes"). */
export const DEFAULT_INCREMENTAL_INTERVAL_MS = 40 * 60_000;

/** While quarantined the interval grows toward, and stops at, one cycle a day. */
export const QUARANTINED_MAX_INTERVAL_MS = DAY_MS;

export type QuarantineState =
  | { readonly status: "healthy" }
  | {
      readonly status: "quarantined";
      readonly reason: QuarantineReason;
      /** When this run of quarantine began (Graph: seriesBegan); the 4-week clock runs from here. */
      readonly seriesBeganAt: number;
      /** When the current reason was imposed (Graph: currentBegan). */
      readonly currentBeganAt: number;
      /** Cycles that ended still failing since the quarantine began. */
      readonly failedCycles: number;
    }
  | {
      readonly status: "disabled";
      readonly reason: QuarantineReason;
      readonly seriesBeganAt: number;
      readonly disabledAt: number;
    };

/** The outcome of a cycle as the quarantine rules see it. */
export type QuarantineCycleResult =
  | { readonly healthy: true }
  | { readonly healthy: false; readonly reason: QuarantineReason };

/** Who must be told about a transition: one email on entry, another when the reason changes. */
export type QuarantineNotice = "entered" | "reasonChanged" | "exited" | "disabled";

export interface QuarantineTransition {
  readonly state: QuarantineState;
  readonly notice?: QuarantineNotice;
}

export const HEALTHY_JOB_STATE: QuarantineState = Object.freeze({ status: "healthy" });

/** Puts the job in quarantine, or updates the reason of a quarantine already under way. */
export function enterQuarantine(state: QuarantineState, reason: QuarantineReason, at: number): QuarantineTransition {
  requireTime(at, "quarantine", "at");
  switch (state.status) {
    case "healthy":
      return {
        state: { status: "quarantined", reason, seriesBeganAt: at, currentBeganAt: at, failedCycles: 0 },
        notice: "entered",
      };
    case "quarantined":
      if (state.reason === reason) return { state };
      return { state: { ...state, reason, currentBeganAt: at }, notice: "reasonChanged" };
    case "disabled":
      return { state };
  }
}

/**
 * Applies a finished cycle: a healthy cycle ends a quarantine, a failing one starts or prolongs
 * it, and a quarantine older than 4 weeks disables the job. A disabled job stays disabled until
 * it is restarted.
 */
export function onCycleResult(state: QuarantineState, result: QuarantineCycleResult, at: number): QuarantineTransition {
  requireTime(at, "quarantine", "at");
  switch (state.status) {
    case "disabled":
      return { state };
    case "healthy":
      return result.healthy ? { state } : enterQuarantine(state, result.reason, at);
    case "quarantined": {
      if (result.healthy) return { state: HEALTHY_JOB_STATE, notice: "exited" };
      const reasonChanged = state.reason !== result.reason;
      const prolonged: QuarantineTransition = {
        state: {
          ...state,
          failedCycles: state.failedCycles + 1,
          ...(reasonChanged ? { reason: result.reason, currentBeganAt: at } : {}),
        },
        ...(reasonChanged ? { notice: "reasonChanged" as const } : {}),
      };
      return disableIfExpired(prolonged.state, at) ?? prolonged;
    }
  }
}

/**
 * Disables a job quarantined for more than 4 weeks. The coordinator also calls this on its own
 * timer, since a quarantined job's cycles are a day apart. Returns undefined when nothing changes.
 */
export function disableIfExpired(state: QuarantineState, now: number): QuarantineTransition | undefined {
  requireTime(now, "quarantine", "now");
  if (state.status !== "quarantined" || now - state.seriesBeganAt <= QUARANTINE_DISABLE_AFTER_MS) return undefined;
  return {
    state: { status: "disabled", reason: state.reason, seriesBeganAt: state.seriesBeganAt, disabledAt: now },
    notice: "disabled",
  };
}

/**
 * Gap before the next incremental cycle. Healthy: the fixed base interval. Quarantined: the base
 * interval doubled per cycle that failed since quarantine began, capped at one day. With the
 * 40-minute base: 40 min right after entry, then 80 min, 2 h 40, 5 h 20, 10 h 40, 21 h 20, and 24 h
 * from the sixth failed cycle on (reached about 42 h after quarantine began). Disabled: undefined
 * (no cycles run).
 */
export function incrementalIntervalMs(
  state: QuarantineState,
  baseIntervalMs: number = DEFAULT_INCREMENTAL_INTERVAL_MS,
): number | undefined {
  if (!Number.isFinite(baseIntervalMs) || baseIntervalMs <= 0) {
    throw new RosterError(
      "InvalidConfiguration",
      `Cycle schedule: baseIntervalMs must be a positive number of milliseconds, got ${String(baseIntervalMs)}.`,
      {
        object: "cycleSchedule",
        field: "baseIntervalMs",
        value: baseIntervalMs,
      },
    );
  }
  switch (state.status) {
    case "healthy":
      return baseIntervalMs;
    case "quarantined":
      // The exponent is capped so 2 ** n stays finite; 2^20 × any sane base is far past a day. A base
      // already longer than a day is kept: quarantine never speeds cycles up.
      return Math.max(
        baseIntervalMs,
        Math.min(QUARANTINED_MAX_INTERVAL_MS, baseIntervalMs * 2 ** Math.min(state.failedCycles, 20)),
      );
    case "disabled":
      return undefined;
  }
}

/** What "Restart provisioning" resets. Source↔target links are kept. */
export interface RestartEffect {
  readonly state: QuarantineState;
  readonly clearEscrow: true;
  readonly clearWatermark: true;
}

/** Restart clears quarantine (or the disabled state) and escrow, and forces a new initial cycle. */
export function restartProvisioning(state: QuarantineState): RestartEffect & { readonly notice?: QuarantineNotice } {
  const base = { state: HEALTHY_JOB_STATE, clearEscrow: true, clearWatermark: true } as const;
  return state.status === "quarantined" ? { ...base, notice: "exited" } : base;
}
