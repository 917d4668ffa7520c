import { describe, expect, it } from "vitest";
import { percentile } from "./latency-stats.js";

describe("percentile (nearest rank)", () => {
  it("picks the smallest value with at least p% of the values at or below it", () => {
    const values = Array.from({ length: 200 }, (_, i) => 200 - i); // 200 … 1, unsorted on purpose
    expect(percentile(values, 50)).toBe(100);
    expect(percentile(values, 95)).toBe(190);
    expect(percentile(values, 100)).toBe(200);
  });

  it("handles one value and small sets", () => {
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([3, 1, 2], 50)).toBe(2);
    expect(percentile([3, 1, 2], 95)).toBe(3);
  });

  it("does not reorder the caller's array", () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it("refuses no values and percentiles outside (0, 100]", () => {
    expect(() => percentile([], 50)).toThrow(/no values/);
    expect(() => percentile([1], 0)).toThrow(/\(0, 100\]/);
    expect(() => percentile([1], 101)).toThrow(/\(0, 100\]/);
  });
});
