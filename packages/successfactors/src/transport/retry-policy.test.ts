import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseODataError } from "./odata-error-body.js";
import { backoffDelay, retryAfterMs } from "./retry-policy.js";

describe("backoff", () => {
  it("stays between half and all of the capped exponential delay (property)", () => {
    fc.assert(
      fc.property(
        fc.nat(20),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, base, extra, random) => {
          const policy = { retries: 3, baseDelayMs: base, maxDelayMs: base + extra };
          const ceiling = Math.min(policy.maxDelayMs, base * 2 ** attempt);
          const delay = backoffDelay(attempt, policy, () => random);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(Math.ceil(ceiling));
        },
      ),
    );
  });

  it("reads Retry-After in seconds or as a date", () => {
    const now = Date.parse("2024-06-03T15:00:00Z");
    expect(retryAfterMs("7", now)).toBe(7000);
    expect(retryAfterMs("Mon, 03 Jun 2024 15:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("soon", now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});

describe("OData error bodies", () => {
  it("reads code and message", () => {
    expect(
      parseODataError(
        '{"error":{"code":"COE_GENERAL_SERVER_FAILURE","message":{"lang":"en-US","value":"Invalid property names: foo"}}}',
      ),
    ).toEqual({ code: "COE_GENERAL_SERVER_FAILURE", message: "Invalid property names: foo" });
    expect(parseODataError('{"error":{"message":"plain"}}')).toEqual({ code: undefined, message: "plain" });
  });

  it("ignores bodies that are not OData errors", () => {
    expect(parseODataError("<html>maintenance</html>")).toBeUndefined();
    expect(parseODataError('{"d":{}}')).toBeUndefined();
    expect(parseODataError("{not json")).toBeUndefined();
  });
});
