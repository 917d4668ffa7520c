import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IGNORE_ATTRIBUTE_FLOW, IGNORE_OBJECT_FLOW, type EvalContext } from "../expressions/types.js";
import type { DirectoryValue } from "./directory-operations.js";
import {
  applyMappingRules,
  evaluateMappingRaw,
  matchingValueOf,
  sameDirectoryValue,
  toDirectoryValue,
  type CompiledMapping,
} from "./mapping-evaluation.js";

function mapping(overrides: Partial<CompiledMapping> = {}): CompiledMapping {
  return {
    index: 0,
    target: "title",
    type: "Direct",
    role: "attribute",
    source: "Title",
    constant: null,
    expression: null,
    selectUniqueValue: false,
    apply: "Always",
    onlyOnCreate: false,
    defaultValue: null,
    matchingPrecedence: null,
    flowNullValues: false,
    ...overrides,
  };
}

const ctx = (attributes: EvalContext["attributes"]): EvalContext => ({
  attributes,
  now: () => new Date(0),
  random: () => 0,
  redacted: true,
});

describe("mapping-level rules", () => {
  it("leaves nulls out, uses the default value only on create, clears only with Flow null values on update", () => {
    const plain = mapping({ defaultValue: "Staff" });
    expect(applyMappingRules(plain, null, "create")).toBe("Staff");
    expect(applyMappingRules(plain, null, "update")).toBeUndefined();
    expect(applyMappingRules(mapping(), null, "create")).toBeUndefined();
    const flowing = mapping({ flowNullValues: true, defaultValue: "Staff" });
    expect(applyMappingRules(flowing, null, "update")).toBeNull();
    expect(applyMappingRules(flowing, "", "update")).toBeNull();
    expect(applyMappingRules(flowing, null, "create")).toBe("Staff");
    expect(applyMappingRules(flowing, "", "create")).toBeUndefined();
  });

  it("exports empty strings and values as they are", () => {
    expect(applyMappingRules(mapping(), "", "create")).toBe("");
    expect(applyMappingRules(mapping(), "", "update")).toBe("");
    expect(applyMappingRules(mapping({ defaultValue: "x" }), "v", "create")).toBe("v");
  });

  it("turns IgnoreAttributeFlow into 'leave out' and passes IgnoreObjectFlow on", () => {
    expect(
      applyMappingRules(mapping({ defaultValue: "x", flowNullValues: true }), IGNORE_ATTRIBUTE_FLOW, "update"),
    ).toBeUndefined();
    expect(applyMappingRules(mapping(), IGNORE_OBJECT_FLOW, "create")).toBe(IGNORE_OBJECT_FLOW);
  });
});

describe("evaluating mappings", () => {
  it("evaluates Direct, Constant and None and resets the redacted flag", () => {
    const c = ctx({ Title: "Lead" });
    expect(evaluateMappingRaw(mapping(), c)).toBe("Lead");
    expect(c.redacted).toBe(false);
    expect(evaluateMappingRaw(mapping({ type: "Constant", source: null, constant: "Contoso" }), c)).toBe("Contoso");
    expect(evaluateMappingRaw(mapping({ type: "None", source: null }), c)).toBeNull();
    expect(evaluateMappingRaw(mapping(), ctx({}))).toBeNull();
  });

  it("gives the matching value as text, the first of a multi-value, and no value for empty", () => {
    expect(matchingValueOf(mapping(), ctx({ Title: 42 }))).toBe("42");
    expect(matchingValueOf(mapping(), ctx({ Title: ["a", "b"] }))).toBe("a");
    expect(matchingValueOf(mapping(), ctx({ Title: "" }))).toBeNull();
    expect(matchingValueOf(mapping(), ctx({}))).toBeNull();
  });

  it("converts values to directory text", () => {
    expect(toDirectoryValue(true)).toBe("True");
    expect(toDirectoryValue(3)).toBe("3");
    expect(toDirectoryValue(["a", 1, false])).toEqual(["a", "1", "False"]);
    expect(toDirectoryValue([])).toBeNull();
    expect(toDirectoryValue(undefined)).toBeNull();
    expect(toDirectoryValue(new Date("2024-01-02T03:04:05Z"))).toBe("2024-01-02T03:04:05Z");
  });
});

describe("sameDirectoryValue", () => {
  it("compares text exactly and multi-values as sets", () => {
    expect(sameDirectoryValue("a", "a")).toBe(true);
    expect(sameDirectoryValue("a", "A")).toBe(false);
    expect(sameDirectoryValue(["a", "b"], ["b", "a"])).toBe(true);
    expect(sameDirectoryValue(["a"], "a")).toBe(true);
    expect(sameDirectoryValue(["a", "b"], ["a", "c"])).toBe(false);
    expect(sameDirectoryValue("a", undefined)).toBe(false);
    expect(sameDirectoryValue(null, undefined)).toBe(false);
  });

  it("property: symmetric, and order does not matter", () => {
    const value: fc.Arbitrary<DirectoryValue> = fc.oneof(fc.string(), fc.uniqueArray(fc.string(), { maxLength: 4 }));
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameDirectoryValue(a, b)).toBe(sameDirectoryValue(b, a));
        if (typeof a !== "string") expect(sameDirectoryValue(a, [...a].reverse())).toBe(true);
      }),
    );
  });
});
