import { describe, expect, it } from "vitest";
import { IGNORE_ATTRIBUTE_FLOW } from "../types.js";
import { invoke, testContext } from "./text-test-kit.js";

describe("Append", () => {
  it("appends the suffix (documented example)", () => {
    expect(invoke("Append", ["John.Doe@contoso.com", ".test"])).toBe("John.Doe@contoso.com.test");
  });

  it('reads a NULL part as "" and gives NULL only when both are NULL', () => {
    expect(invoke("Append", [null, ".test"])).toBe(".test");
    expect(invoke("Append", ["a", null])).toBe("a");
    expect(invoke("Append", [null, null])).toBeNull();
  });

  it("appends the first value of a multi-valued source and the text of numbers", () => {
    expect(invoke("Append", [["x", "y"], 7])).toBe("x7");
  });

  it("passes a flow signal through", () => {
    expect(invoke("Append", [IGNORE_ATTRIBUTE_FLOW, "x"])).toBe(IGNORE_ATTRIBUTE_FLOW);
  });
});

describe("CStr", () => {
  it("converts numbers, booleans and references to text", () => {
    expect(invoke("CStr", [42])).toBe("42");
    expect(invoke("CStr", [true])).toBe("True");
    expect(invoke("CStr", [false])).toBe("False");
    expect(invoke("CStr", ["cn=Joe,dc=contoso,dc=com"])).toBe("cn=Joe,dc=contoso,dc=com");
    expect(invoke("CStr", [null])).toBeNull();
  });
});

describe("StripSpaces", () => {
  it("removes every U+0020 and nothing else", () => {
    expect(invoke("StripSpaces", [" John  Smith "])).toBe("JohnSmith");
    expect(invoke("StripSpaces", ["a\tb\u00a0c"])).toBe("a\tb\u00a0c");
    expect(invoke("StripSpaces", [null])).toBeNull();
  });
});

describe("Trim", () => {
  it("trims surrounding white space", () => {
    expect(invoke("Trim", ["  a b \t"])).toBe("a b");
    expect(invoke("Trim", [null])).toBeNull();
  });
});

describe("NormalizeDiacritics", () => {
  it("strips accents (documented example)", () => {
    expect(invoke("NormalizeDiacritics", ["Zoë"])).toBe("Zoe");
    expect(invoke("NormalizeDiacritics", [null])).toBeNull();
  });
});

describe("Redact", () => {
  it("returns the value unchanged and marks the evaluation as redacted", () => {
    const ctx = testContext();
    expect(invoke("Redact", ["s3cret"], ctx)).toBe("s3cret");
    expect(ctx.redacted).toBe(true);
  });

  it("keeps NULL and multi-valued values as they are", () => {
    expect(invoke("Redact", [null])).toBeNull();
    expect(invoke("Redact", [["a", "b"]])).toEqual(["a", "b"]);
  });
});
