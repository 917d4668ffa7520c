import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MAX_EPOCH_MS,
  MIN_EPOCH_MS,
  civilFromDays,
  dayOfWeek,
  daysFromCivil,
  daysInMonth,
  expandTwoDigitYear,
  isLeapYear,
} from "./date-calendar.js";

describe("calendar arithmetic", () => {
  it("knows the Gregorian leap years", () => {
    expect([1600, 2000, 2020, 2024].map(isLeapYear)).toEqual([true, true, true, true]);
    expect([1700, 1900, 2021, 2100].map(isLeapYear)).toEqual([false, false, false, false]);
    expect(daysInMonth(2020, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2021, 4)).toBe(30);
    expect(daysInMonth(2021, 12)).toBe(31);
  });

  it("spans .NET's range 0001-01-01 … 9999-12-31", () => {
    expect(new Date(MIN_EPOCH_MS).toISOString()).toBe("0001-01-01T00:00:00.000Z");
    expect(new Date(MAX_EPOCH_MS).toISOString()).toBe("9999-12-31T23:59:59.999Z");
  });

  it("names the weekday (2009-06-15 was a Monday, 1970-01-04 a Sunday)", () => {
    expect(dayOfWeek(daysFromCivil(2009, 6, 15))).toBe(1);
    expect(dayOfWeek(daysFromCivil(1970, 1, 4))).toBe(0);
    expect(dayOfWeek(daysFromCivil(1601, 1, 1))).toBe(1);
  });

  it("pivots two-digit years at 2049", () => {
    expect(expandTwoDigitYear(0)).toBe(2000);
    expect(expandTwoDigitYear(49)).toBe(2049);
    expect(expandTwoDigitYear(50)).toBe(1950);
    expect(expandTwoDigitYear(99)).toBe(1999);
  });

  it("agrees with the JavaScript Date for every day of years 1–9999 (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: daysFromCivil(1, 1, 1), max: daysFromCivil(9999, 12, 31) }), (days) => {
        const js = new Date(days * 86_400_000);
        const civil = civilFromDays(days);
        expect(civil).toEqual({ year: js.getUTCFullYear(), month: js.getUTCMonth() + 1, day: js.getUTCDate() });
        expect(daysFromCivil(civil.year, civil.month, civil.day)).toBe(days);
        expect(dayOfWeek(days)).toBe(js.getUTCDay());
      }),
      { numRuns: 3000 },
    );
  });
});
