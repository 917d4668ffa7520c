import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffCeiling, backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from "./backoff.js";

const policyArbitrary: fc.Arbitrary<BackoffPolicy> = fc
  .record({
    initialDelayMs: fc.integer({ min: 1, max: 10_000 }),
    extra: fc.integer({ min: 0, max: 600_000 }),
    multiplier: fc.double({ min: 1, max: 4, noNaN: true }),
    jitter: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ initialDelayMs, extra, multiplier, jitter }) => ({
    initialDelayMs,
    maxDelayMs: initialDelayMs + extra,
    multiplier,
    jitter,
  }));

describe("backoffDelay", () => {
  it("stays within [ceiling × (1 − jitter), ceiling] and never exceeds maxDelayMs", () => {
    fc.assert(
      fc.property(
        policyArbitrary,
        fc.integer({ min: 0, max: 5000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (policy, attempt, random) => {
          const delay = backoffDelay(attempt, policy, () => random);
          const ceiling = backoffCeiling(attempt, policy);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling * (1 - policy.jitter)));
          expect(delay).toBeLessThanOrEqual(ceiling);
          expect(delay).toBeLessThanOrEqual(policy.maxDelayMs);
          expect(Number.isInteger(delay)).toBe(true);
        },
      ),
    );
  });

  it("grows from the initial delay to the cap and stays there", () => {
    const ceilings = [0, 1, 2, 3, 10, 100, 10_000].map((attempt) => backoffCeiling(attempt, DEFAULT_BACKOFF));
    expect(ceilings).toEqual([1000, 2000, 4000, 8000, 60_000, 60_000, 60_000]);
  });

  it("spreads agents out: the same attempt gives different delays for different random draws", () => {
    const low = backoffDelay(4, DEFAULT_BACKOFF, () => 0);
    const high = backoffDelay(4, DEFAULT_BACKOFF, () => 0.999_999);
    expect(low).toBe(8000);
    expect(high).toBe(15_999);
  });
});
