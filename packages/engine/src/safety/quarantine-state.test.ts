import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RosterError } from "../errors/error-codes.js";
import { QUARANTINE_REASONS, type QuarantineReason } from "./quarantine-reason.js";
import {
  DEFAULT_INCREMENTAL_INTERVAL_MS,
  HEALTHY_JOB_STATE,
  QUARANTINE_DISABLE_AFTER_MS,
  disableIfExpired,
  enterQuarantine,
  incrementalIntervalMs,
  onCycleResult,
  restartProvisioning,
  type QuarantineCycleResult,
  type QuarantineState,
} from "./quarantine-state.js";

const MIN = 60_000;
const H = 60 * MIN;
const D = 24 * H;
const T0 = Date.parse("2026-05-04T08:00:00Z");
const failing = (reason: QuarantineReason = "EncounteredQuarantineException"): QuarantineCycleResult => ({
  healthy: false,
  reason,
});

describe("quarantine state machine", () => {
  it("enters quarantine once with one notice, and stays on repeated failures without new notices", () => {
    const entered = enterQuarantine(HEALTHY_JOB_STATE, "EncounteredQuarantineException", T0);
    expect(entered).toEqual({
      state: {
        status: "quarantined",
        reason: "EncounteredQuarantineException",
        seriesBeganAt: T0,
        currentBeganAt: T0,
        failedCycles: 0,
      },
      notice: "entered",
    });
    const again = onCycleResult(entered.state, failing(), T0 + H);
    expect(again.notice).toBeUndefined();
    expect(again.state).toMatchObject({ status: "quarantined", failedCycles: 1, seriesBeganAt: T0 });
  });

  it("a failing cycle on a healthy job enters quarantine; a healthy one changes nothing", () => {
    expect(onCycleResult(HEALTHY_JOB_STATE, failing("TooManyDeletes"), T0)).toMatchObject({
      state: { status: "quarantined", reason: "TooManyDeletes" },
      notice: "entered",
    });
    expect(onCycleResult(HEALTHY_JOB_STATE, { healthy: true }, T0)).toEqual({ state: HEALTHY_JOB_STATE });
  });

  it("sends another notice when the reason changes, keeping the series start", () => {
    const q = enterQuarantine(HEALTHY_JOB_STATE, "EncounteredQuarantineException", T0).state;
    const changed = onCycleResult(q, failing("EncounteredEscrowProportionThreshold"), T0 + 2 * H);
    expect(changed.notice).toBe("reasonChanged");
    expect(changed.state).toMatchObject({
      reason: "EncounteredEscrowProportionThreshold",
      seriesBeganAt: T0,
      currentBeganAt: T0 + 2 * H,
    });
    expect(enterQuarantine(q, "QuarantineOnDemand", T0 + H).notice).toBe("reasonChanged");
    expect(enterQuarantine(q, "EncounteredQuarantineException", T0 + H)).toEqual({ state: q });
  });

  it("a successful cycle takes the job out of quarantine", () => {
    const q = enterQuarantine(HEALTHY_JOB_STATE, "TooManyDeletes", T0).state;
    expect(onCycleResult(q, { healthy: true }, T0 + H)).toEqual({ state: HEALTHY_JOB_STATE, notice: "exited" });
  });

  it("disables the job after more than 4 weeks in quarantine, not at exactly 4 weeks", () => {
    const q = enterQuarantine(HEALTHY_JOB_STATE, "EncounteredQuarantineException", T0).state;
    expect(onCycleResult(q, failing(), T0 + 28 * D).state.status).toBe("quarantined");
    const disabled = onCycleResult(q, failing(), T0 + 28 * D + 1);
    expect(disabled).toEqual({
      state: {
        status: "disabled",
        reason: "EncounteredQuarantineException",
        seriesBeganAt: T0,
        disabledAt: T0 + 28 * D + 1,
      },
      notice: "disabled",
    });
    // The coordinator's own timer can disable between the day-apart cycles.
    expect(disableIfExpired(q, T0 + QUARANTINE_DISABLE_AFTER_MS)).toBeUndefined();
    expect(disableIfExpired(q, T0 + QUARANTINE_DISABLE_AFTER_MS + 1)?.state.status).toBe("disabled");
    expect(disableIfExpired(HEALTHY_JOB_STATE, T0 + 100 * D)).toBeUndefined();
  });

  it("a reason change does not restart the 4-week clock", () => {
    let state: QuarantineState = enterQuarantine(HEALTHY_JOB_STATE, "EncounteredQuarantineException", T0).state;
    state = onCycleResult(state, failing("EncounteredBaseEscrowThreshold"), T0 + 27 * D).state;
    expect(onCycleResult(state, failing("EncounteredBaseEscrowThreshold"), T0 + 29 * D).state.status).toBe("disabled");
  });

  it("a disabled job ignores cycle results and new reasons until restarted", () => {
    const q = enterQuarantine(HEALTHY_JOB_STATE, "EncounteredQuarantineException", T0).state;
    const disabled = onCycleResult(q, failing(), T0 + 30 * D).state;
    expect(onCycleResult(disabled, { healthy: true }, T0 + 31 * D)).toEqual({ state: disabled });
    expect(enterQuarantine(disabled, "TooManyDeletes", T0 + 31 * D)).toEqual({ state: disabled });
    expect(incrementalIntervalMs(disabled)).toBeUndefined();
    expect(restartProvisioning(disabled)).toEqual({
      state: HEALTHY_JOB_STATE,
      clearEscrow: true,
      clearWatermark: true,
    });
  });

  it("restart clears quarantine and escrow and forces an initial cycle", () => {
    const q = enterQuarantine(HEALTHY_JOB_STATE, "TooManyDeletes", T0).state;
    expect(restartProvisioning(q)).toEqual({
      state: HEALTHY_JOB_STATE,
      clearEscrow: true,
      clearWatermark: true,
      notice: "exited",
    });
    expect(restartProvisioning(HEALTHY_JOB_STATE).state).toBe(HEALTHY_JOB_STATE);
  });

  it("rejects a time that is not a finite number", () => {
    expect(() => enterQuarantine(HEALTHY_JOB_STATE, "TooManyDeletes", Number.NaN)).toThrowError(RosterError);
    expect(() => onCycleResult(HEALTHY_JOB_STATE, { healthy: true }, Number.POSITIVE_INFINITY)).toThrowError(/at/);
  });
});

describe("incremental interval while quarantined", () => {
  const afterFailures = (failedCycles: number): QuarantineState => ({
    status: "quarantined",
    reason: "EncounteredQuarantineException",
    seriesBeganAt: T0,
    currentBeganAt: T0,
    failedCycles,
  });

  it("is the fixed 40 minutes when healthy", () => {
    expect(incrementalIntervalMs(HEALTHY_JOB_STATE)).toBe(40 * MIN);
    expect(incrementalIntervalMs(HEALTHY_JOB_STATE, 20 * MIN)).toBe(20 * MIN);
  });

  it("doubles per failed cycle from 40 minutes and settles at once a day", () => {
    const curve = [0, 1, 2, 3, 4, 5, 6, 7, 100].map((n) => incrementalIntervalMs(afterFailures(n)));
    expect(curve).toEqual([40 * MIN, 80 * MIN, 160 * MIN, 320 * MIN, 640 * MIN, 1280 * MIN, D, D, D]);
  });

  it("never shrinks as failures accumulate, and stays within [base, max(base, 1 day)] (property)", () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000 }), fc.integer({ min: 1, max: 2 * D }), (n, base) => {
        const now = incrementalIntervalMs(afterFailures(n), base)!;
        const next = incrementalIntervalMs(afterFailures(n + 1), base)!;
        expect(next).toBeGreaterThanOrEqual(now);
        expect(now).toBeGreaterThanOrEqual(base);
        expect(now).toBeLessThanOrEqual(Math.max(base, D));
      }),
    );
  });

  it("rejects a base interval that is not positive", () => {
    expect(() => incrementalIntervalMs(HEALTHY_JOB_STATE, 0)).toThrowError(/baseIntervalMs/);
    expect(() => incrementalIntervalMs(HEALTHY_JOB_STATE, Number.NaN)).toThrowError(RosterError);
  });

  it("cycles reach a day apart after about 42 hours of quarantine", () => {
    let state: QuarantineState = enterQuarantine(HEALTHY_JOB_STATE, "EncounteredQuarantineException", T0).state;
    let at = T0;
    while (incrementalIntervalMs(state) !== D) {
      at += incrementalIntervalMs(state)!;
      state = onCycleResult(state, failing(), at).state;
    }
    expect(at - T0).toBe(2520 * MIN);
    expect(DEFAULT_INCREMENTAL_INTERVAL_MS).toBe(40 * MIN);
  });

  it("accepts every documented reason (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...QUARANTINE_REASONS), fc.constantFrom(...QUARANTINE_REASONS), (first, second) => {
        const q = enterQuarantine(HEALTHY_JOB_STATE, first, T0).state;
        const next = onCycleResult(q, { healthy: false, reason: second }, T0 + H);
        expect(next.notice).toBe(first === second ? undefined : "reasonChanged");
        expect(next.state).toMatchObject({ status: "quarantined", reason: second });
      }),
    );
  });
});
