import { describe, expect, it } from "vitest";
import { formatCount, formatDirectoryValue, formatDuration, formatFields, plural } from "./readable-values.js";

describe("readable values", () => {
  it("groups thousands", () => {
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCount(0)).toBe("0");
  });

  it("reads durations in ms, seconds with a decimal, then minutes", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(4_240)).toBe("4.2 s");
    expect(formatDuration(187_000)).toBe("3 min 07 s");
    expect(formatDuration(-5)).toBe("-");
    expect(formatDuration(Number.NaN)).toBe("-");
  });

  it("pluralises by count", () => {
    expect(plural(1, "worker")).toBe("1 worker");
    expect(plural(2_000, "worker")).toBe("2,000 workers");
    expect(plural(3, "entry", "entries")).toBe("3 entries");
  });

  it("quotes directory values so empty and padded strings show", () => {
    expect(formatDirectoryValue("Zoë ")).toBe('"Zoë "');
    expect(formatDirectoryValue("")).toBe('""');
    expect(formatDirectoryValue(["a", "b"])).toBe('["a", "b"]');
    expect(formatDirectoryValue(null)).toBe("(none)");
  });

  it("aligns field values after the longest label", () => {
    expect(formatFields([["A", "1"], ["Longer", "2"]])).toBe("  A:      1\n  Longer: 2\n");
    expect(formatFields([])).toBe("");
  });
});
