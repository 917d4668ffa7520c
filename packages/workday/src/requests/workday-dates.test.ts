import { RosterError } from "@roster/engine";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asOfMoments, isAfterAsOf, toDateTime } from "./workday-dates.js";

describe("asOfMoments", () => {
  it("turns an instant into its UTC date and the instant", () => {
    expect(asOfMoments(new Date("2024-06-03T14:40:00Z"))).toEqual({
      effectiveDate: "2024-06-03Z",
      entryDateTime: "2024-06-03T14:40:00.000Z",
    });
  });

  it("keeps a Workday date with its offset and starts the entry moment at that day", () => {
    expect(asOfMoments("2024-07-01-07:00")).toEqual({
      effectiveDate: "2024-07-01-07:00",
      entryDateTime: "2024-07-01T00:00:00-07:00",
    });
    expect(asOfMoments("2024-07-01")).toEqual({ effectiveDate: "2024-07-01", entryDateTime: "2024-07-01T00:00:00" });
  });

  it("keeps a date-time text and takes its date", () => {
    expect(asOfMoments("2021-02-01T08:00:00+00:00")).toEqual({
      effectiveDate: "2021-02-01+00:00",
      entryDateTime: "2021-02-01T08:00:00+00:00",
    });
  });

  it.each(["yesterday", "2024-02-30", "2024-13-01T00:00:00Z", ""])("rejects %j naming the field", (text) => {
    expect(() => toDateTime(text, "from")).toThrow(RosterError);
    expect(() => toDateTime(text, "from")).toThrow(/^from /);
  });

  it("rejects an invalid Date", () => {
    expect(() => asOfMoments(new Date(Number.NaN), "through")).toThrow(/through is not a valid date/);
  });
});

describe("isAfterAsOf", () => {
  it("compares calendar dates in the hire date's offset", () => {
    // 2024-07-01T03:00Z is still June 30 in UTC-7.
    expect(isAfterAsOf("2024-07-01-07:00", new Date("2024-07-01T03:00:00Z"))).toBe(true);
    expect(isAfterAsOf("2024-07-01-07:00", new Date("2024-07-01T08:00:00Z"))).toBe(false);
    expect(isAfterAsOf("2021-03-15-07:00", new Date("2024-06-03T14:40:00Z"))).toBe(false);
    expect(isAfterAsOf("2024-06-04Z", "2024-06-03")).toBe(true);
    expect(isAfterAsOf("not a date", new Date())).toBe(false);
  });

  it("is never true for a hire date on or before the as-of day (property)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01"), max: new Date("2090-01-01"), noInvalidDate: true }),
        fc.integer({ min: 0, max: 4000 }),
        (asOf, daysBack) => {
          const hire = new Date(asOf.getTime() - daysBack * 86_400_000).toISOString().slice(0, 10);
          expect(isAfterAsOf(`${hire}Z`, asOf)).toBe(false);
          const later = new Date(asOf.getTime() + (daysBack + 1) * 86_400_000).toISOString().slice(0, 10);
          expect(isAfterAsOf(`${later}Z`, asOf)).toBe(true);
        },
      ),
    );
  });
});
