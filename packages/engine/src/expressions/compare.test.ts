import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMPARISON_OPERATORS } from "./ast.js";
import { compareValues } from "./compare.js";
import { IGNORE_ATTRIBUTE_FLOW, type Value } from "./types.js";

describe("compareValues", () => {
  it("compares numerically when both sides are integers, numbers or integer strings", () => {
    expect(compareValues("=", "1", 1)).toBe(true);
    expect(compareValues("=", "01", "1")).toBe(true);
    expect(compareValues("=", " 7 ", 7)).toBe(true);
    expect(compareValues(">", "10", "9")).toBe(true);
    expect(compareValues("<", -10, "-9")).toBe(true);
    expect(compareValues(">=", "+3", 3)).toBe(true);
  });

  it("compares integers beyond 2^53 exactly", () => {
    expect(compareValues(">", "9223372036854775807", "9223372036854775806")).toBe(true);
    expect(compareValues("=", "9007199254740993", 9007199254740992)).toBe(false);
    expect(compareValues("=", "129699324000000000", "0129699324000000000")).toBe(true);
  });

  it("compares ordinally as text otherwise, case-sensitive", () => {
    expect(compareValues(">", "10a", "9")).toBe(false); // "1" < "9"
    expect(compareValues("<", "B", "a")).toBe(true); // upper case sorts first
    expect(compareValues("=", "abc", "ABC")).toBe(false);
    expect(compareValues("<>", "abc", "ABC")).toBe(true);
    expect(compareValues("=", "1.0", "1")).toBe(false);
  });

  it('compares booleans as the text "True"/"False"', () => {
    expect(compareValues("=", true, "True")).toBe(true);
    expect(compareValues("=", false, "False")).toBe(true);
    expect(compareValues("=", true, "true")).toBe(false);
    expect(compareValues("=", true, 1)).toBe(false);
  });

  it("uses the first value of a multi-valued attribute", () => {
    expect(compareValues("=", ["a", "b"], "a")).toBe(true);
    expect(compareValues(">", ["5"], 4)).toBe(true);
  });

  it('treats NULL like "" for = and <>, and makes ordering with NULL false', () => {
    expect(compareValues("=", null, "")).toBe(true);
    expect(compareValues("=", "", null)).toBe(true);
    expect(compareValues("=", null, null)).toBe(true);
    expect(compareValues("=", [], "")).toBe(true);
    expect(compareValues("=", null, "x")).toBe(false);
    expect(compareValues("<>", null, "x")).toBe(true);
    expect(compareValues("<>", null, "")).toBe(false);
    expect(compareValues("=", null, 0)).toBe(false);
    for (const op of ["<", "<=", ">", ">="] as const) {
      expect(compareValues(op, null, "x")).toBe(false);
      expect(compareValues(op, "x", null)).toBe(false);
      expect(compareValues(op, null, null)).toBe(false);
    }
  });

  it("treats a flow signal like NULL", () => {
    expect(compareValues("=", IGNORE_ATTRIBUTE_FLOW, "")).toBe(true);
    expect(compareValues("<", IGNORE_ATTRIBUTE_FLOW, "x")).toBe(false);
  });

  const value: fc.Arbitrary<Value> = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -1000, max: 1000 }),
    fc.integer({ min: -1000, max: 1000 }).map(String),
    fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
    fc.string({ maxLength: 4 }),
    fc.constantFrom("", "True", "False", " 5", "05", "a"),
  );

  it("property: <> is the negation of =, and the result is always a boolean", () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(compareValues("<>", a, b)).toBe(!compareValues("=", a, b));
        for (const op of COMPARISON_OPERATORS) expect(typeof compareValues(op, a, b)).toBe("boolean");
      }),
    );
  });

  it("property: for present values exactly one of <, =, > holds, and swapping sides mirrors them", () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        fc.pre(a !== null && b !== null);
        const lt = compareValues("<", a, b);
        const eq = compareValues("=", a, b);
        const gt = compareValues(">", a, b);
        expect([lt, eq, gt].filter(Boolean)).toHaveLength(1);
        expect(compareValues(">", b, a)).toBe(lt);
        expect(compareValues("=", b, a)).toBe(eq);
        expect(compareValues("<=", a, b)).toBe(lt || eq);
        expect(compareValues(">=", a, b)).toBe(gt || eq);
      }),
    );
  });
});
