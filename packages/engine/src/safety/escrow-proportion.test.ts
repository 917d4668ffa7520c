import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RosterError } from "../errors/error-codes.js";
import { evaluateEscrowProportion } from "./escrow-proportion.js";

const verdict = (failures: number, successes = 0, referenceFailures = 0) =>
  evaluateEscrowProportion({ failures, referenceFailures, successes });

describe("evaluateEscrowProportion: the documented examples", () => {
  it("4,000 failures → no quarantine (below 5,000 the rule does not start)", () => {
    expect(verdict(4_000)).toMatchObject({ quarantine: false, reason: "BelowEvaluationThreshold" });
  });

  it("45,000 failures → quarantine", () => {
    expect(verdict(45_000)).toMatchObject({ quarantine: true, reason: "EncounteredBaseEscrowThreshold" });
  });

  it("30,000 failed with 5,000 succeeded → quarantine (more than 40% failed)", () => {
    const result = verdict(30_000, 5_000);
    expect(result).toMatchObject({ quarantine: true, reason: "EncounteredEscrowProportionThreshold" });
    expect(result.explanation).toContain("30000 of 35000");
  });

  it("20,000 failed with 100,000 succeeded → no quarantine", () => {
    expect(verdict(20_000, 100_000)).toMatchObject({ quarantine: false, reason: "WithinThresholds" });
  });

  it("40,000 failures plus 21,000 reference failures = 61,000 → quarantine (absolute cap)", () => {
    const result = verdict(40_000, 0, 21_000);
    expect(result).toMatchObject({ quarantine: true, reason: "EncounteredTotalEscrowThreshold" });
    expect(result.explanation).toContain("61000");
  });
});

describe("evaluateEscrowProportion: boundaries", () => {
  it("starts evaluating at exactly 5,000 failures", () => {
    expect(verdict(4_999)).toMatchObject({ quarantine: false, reason: "BelowEvaluationThreshold" });
    // 5,000 failures, nothing succeeded: evaluated, and 100% > 40%.
    expect(verdict(5_000)).toMatchObject({ quarantine: true, reason: "EncounteredEscrowProportionThreshold" });
    // Reference failures do not count toward the 5,000.
    expect(verdict(4_999, 0, 50_000).quarantine).toBe(false);
  });

  it("exactly 40% failed is not more than 40%", () => {
    expect(verdict(5_000, 7_500)).toMatchObject({ quarantine: false, reason: "WithinThresholds" });
    expect(verdict(5_001, 7_500)).toMatchObject({ quarantine: true, reason: "EncounteredEscrowProportionThreshold" });
    expect(verdict(20_000, 30_000).quarantine).toBe(false);
    expect(verdict(20_000, 29_999).quarantine).toBe(true);
  });

  it("leaves reference failures out of the 40% proportion", () => {
    // 10,000 / 100,000 = 10% even though 30,000 reference updates also failed.
    expect(verdict(10_000, 90_000, 30_000).quarantine).toBe(false);
  });

  it("exactly 40,000 failures is not more than 40,000", () => {
    expect(verdict(40_000, 1_000_000)).toMatchObject({ quarantine: false, reason: "WithinThresholds" });
    expect(verdict(40_001, 1_000_000)).toMatchObject({ quarantine: true, reason: "EncounteredBaseEscrowThreshold" });
  });

  it("exactly 60,000 failures including references is not over the cap", () => {
    expect(verdict(39_000, 1_000_000, 21_000)).toMatchObject({ quarantine: false, reason: "WithinThresholds" });
    expect(verdict(39_000, 1_000_000, 21_001)).toMatchObject({
      quarantine: true,
      reason: "EncounteredTotalEscrowThreshold",
    });
    expect(verdict(0, 0, 60_001)).toMatchObject({ quarantine: true, reason: "EncounteredTotalEscrowThreshold" });
  });
});

describe("evaluateEscrowProportion: properties", () => {
  const counts = fc.record({
    failures: fc.nat({ max: 200_000 }),
    referenceFailures: fc.nat({ max: 100_000 }),
    successes: fc.nat({ max: 2_000_000 }),
  });

  it("matches the rule as written, in exact arithmetic", () => {
    fc.assert(
      fc.property(counts, ({ failures, referenceFailures, successes }) => {
        const expected =
          failures + referenceFailures > 60_000 ||
          (failures >= 5_000 && (failures > 40_000 || failures / (failures + successes) > 0.4));
        expect(evaluateEscrowProportion({ failures, referenceFailures, successes }).quarantine).toBe(expected);
      }),
    );
  });

  it("is monotone: more failures (of either kind) or fewer successes never lift a quarantine", () => {
    fc.assert(
      fc.property(
        counts,
        fc.nat({ max: 50_000 }),
        fc.nat({ max: 50_000 }),
        fc.nat({ max: 50_000 }),
        (c, more, moreRef, fewer) => {
          if (!evaluateEscrowProportion(c).quarantine) return;
          const worse = {
            failures: c.failures + more,
            referenceFailures: c.referenceFailures + moreRef,
            successes: Math.max(0, c.successes - fewer),
          };
          expect(evaluateEscrowProportion(worse).quarantine).toBe(true);
        },
      ),
    );
  });

  it("rejects counts that are not non-negative integers", () => {
    expect(() => verdict(-1)).toThrowError(RosterError);
    expect(() => verdict(Number.NaN)).toThrowError(/failures/);
    expect(() => verdict(10, 2.5)).toThrowError(/successes/);
    expect(() => verdict(10, 0, Number.POSITIVE_INFINITY)).toThrowError(/referenceFailures/);
  });
});
