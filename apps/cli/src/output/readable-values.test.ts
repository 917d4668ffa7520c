import { describe, expect, it } from "vitest";
import {
  durationBetween,
  formatCount,
  formatDirectoryValue,
  formatDuration,
  formatNonZero,
  formatTimestamp,
  plural,
} from "./readable-values.js";

describe("readable values", () => {
  it("formats durations at a useful precision", () => {
    expect([0, 850, 42_300, 187_000, 7_500_000, 3 * 86_400_000 + 4 * 3_600_000].map(formatDuration)).toEqual([
      "0 ms",
      "850 ms",
      "42s",
      "3m 07s",
      "2h 05m",
      "3d 04h",
    ]);
    expect(formatDuration(-5)).toBe("-");
    expect(formatDuration(Number.NaN)).toBe("-");
    expect(durationBetween("2025-03-03T08:00:00Z", "2025-03-03T08:01:30Z", 0)).toBe(90_000);
    expect(durationBetween("2025-03-03T08:00:00Z", null, Date.parse("2025-03-03T08:00:02Z"))).toBe(2000);
  });

  it("formats timestamps without milliseconds and keeps text that is not a time", () => {
    expect(formatTimestamp("2025-03-03T07:40:00.123Z")).toBe("2025-03-03T07:40:00Z");
    expect(formatTimestamp("2025-03-03T08:40:00+01:00")).toBe("2025-03-03T07:40:00Z");
    expect(formatTimestamp(null)).toBe("-");
    expect(formatTimestamp("soon")).toBe("soon");
  });

  it("formats counts, plurals and non-zero lists", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect([plural(1, "worker"), plural(2, "worker"), plural(0, "entry", "entries")]).toEqual([
      "1 worker",
      "2 workers",
      "0 entries",
    ]);
    expect(
      formatNonZero([
        ["a", 0],
        ["b", 2000],
        ["c", 1],
      ]),
    ).toBe("b 2,000, c 1");
    expect(formatNonZero([["a", 0]])).toBe("none");
  });

  it("quotes directory values so empty and multi-valued ones show", () => {
    expect(formatDirectoryValue(null)).toBe("(none)");
    expect(formatDirectoryValue("")).toBe('""');
    expect(formatDirectoryValue(["a", 'b "c"'])).toBe('["a", "b \\"c\\""]');
  });
});
