import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backoffDelay, retryAfterMs } from "./retry-policy.js";

describe("backoffDelay", () => {
  it("doubles per attempt and stays between half and all of the capped delay (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 600_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, baseDelayMs, extra, random) => {
          const policy = { retries: 5, baseDelayMs, maxDelayMs: baseDelayMs + extra };
          const ceiling = Math.min(policy.maxDelayMs, baseDelayMs * 2 ** attempt);
          const delay = backoffDelay(attempt, policy, () => random);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(Math.ceil(ceiling));
          expect(delay).toBeLessThanOrEqual(policy.maxDelayMs);
        },
      ),
    );
  });

  it("grows exponentially before the cap", () => {
    const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 10_000 };
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, policy, () => 0))).toEqual([50, 100, 200, 400]);
    expect(backoffDelay(10, policy, () => 0.999999)).toBe(10_000);
  });
});

describe("retryAfterMs", () => {
  it("reads Retry-After in seconds or as a date", () => {
    const now = Date.parse("2024-06-03T15:00:00Z");
    expect(retryAfterMs("7", now)).toBe(7000);
    expect(retryAfterMs("Mon, 03 Jun 2024 15:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
