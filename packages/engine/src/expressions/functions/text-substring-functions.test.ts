import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RosterError } from "../../errors/error-codes.js";
import { checkOf, invoke } from "./text-test-kit.js";

describe("Left", () => {
  it("follows the documented rules", () => {
    expect(invoke("Left", ["John Doe", 3])).toBe("Joh");
    expect(invoke("Left", ["John Doe", 0])).toBe("");
    expect(invoke("Left", ["John Doe", -1])).toBe("John Doe");
    expect(invoke("Left", [null, 3])).toBe("");
    expect(invoke("Left", ["Jo", 5])).toBe("Jo");
  });

  it("accepts the count as a quoted number", () => {
    expect(invoke("Left", ["John", "2"])).toBe("Jo");
  });

  it("rejects a count that is not an integer, at run time and for literals", () => {
    expect(() => invoke("Left", ["John", "two"])).toThrow(RosterError);
    expect(() => invoke("Left", ["John", "two"])).toThrow(/Left: numChars must be an integer, got "two"/);
    expect(checkOf("Left", ["computed", "x"])).toMatch(/numChars must be an integer/);
    expect(checkOf("Left", ["computed", 3])).toBeUndefined();
    expect(checkOf("Left", ["computed", "computed"])).toBeUndefined();
  });
});

describe("Mid", () => {
  it("takes a 1-based substring, the rest when the length runs past the end", () => {
    expect(invoke("Mid", ["John", 1, 3])).toBe("Joh");
    expect(invoke("Mid", ["Doe", 1, 5])).toBe("Doe");
    expect(invoke("Mid", ["Smith", 2, 3])).toBe("mit");
    expect(invoke("Mid", ["Smith", "2", "10"])).toBe("mith");
  });

  it('gives "" past the end, NULL for NULL, and the rest for an omitted length', () => {
    expect(invoke("Mid", ["abc", 5, 1])).toBe("");
    expect(invoke("Mid", ["abc", 4, 1])).toBe("");
    expect(invoke("Mid", [null, 1, 1])).toBeNull();
    expect(invoke("Mid", ["abcdef", 3, undefined])).toBe("cdef");
  });

  it("rejects start < 1 and a negative length", () => {
    expect(() => invoke("Mid", ["abc", 0, 1])).toThrow(/start is 1-based/);
    expect(() => invoke("Mid", ["abc", 1, -1])).toThrow(/length must not be negative/);
    expect(checkOf("Mid", ["computed", 0, 1])).toMatch(/start must be at least 1/);
    expect(checkOf("Mid", ["computed", 1, -2])).toMatch(/length must be at least 0/);
    expect(checkOf("Mid", ["computed", 1, 20])).toBeUndefined();
  });

  it("agrees with substring arithmetic for any start and length", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.integer({ min: 1, max: 25 }), fc.nat(25), (s, start, length) => {
        expect(invoke("Mid", [s, start, length])).toBe(s.substring(start - 1, start - 1 + length));
      }),
    );
  });
});

describe("Word", () => {
  it("returns the n-th word (documented examples)", () => {
    expect(invoke("Word", ["The quick brown fox", 3, " "])).toBe("brown");
    expect(invoke("Word", ["This,string!has&many separators", 3, ",!&#"])).toBe("has");
  });

  it("does not count empty words between adjacent delimiters (VB)", () => {
    expect(invoke("Word", ["a,,b", 2, ","])).toBe("b");
    expect(invoke("Word", [",,a", 1, ","])).toBe("a");
  });

  it('gives "" for number < 1, a NULL string, or too few words', () => {
    expect(invoke("Word", ["a b", 0, " "])).toBe("");
    expect(invoke("Word", ["a b", -1, " "])).toBe("");
    expect(invoke("Word", [null, 1, " "])).toBe("");
    expect(invoke("Word", ["a b", 3, " "])).toBe("");
    expect(invoke("Word", [",,,", 1, ","])).toBe("");
  });

  it("treats the whole string as one word without delimiters", () => {
    expect(invoke("Word", ["John", 1, " "])).toBe("John");
    expect(invoke("Word", ["a b", 1, ""])).toBe("a b");
    expect(invoke("Word", ["a b", 1, null])).toBe("a b");
  });

  it("rejects a word number that is not an integer", () => {
    expect(() => invoke("Word", ["a", "x", " "])).toThrow(/wordNumber must be an integer/);
    expect(checkOf("Word", ["computed", "third", " "])).toMatch(/wordNumber must be an integer/);
  });
});

describe("InStr", () => {
  it("finds 1-based positions (documented examples)", () => {
    expect(invoke("InStr", ["The quick brown fox", "quick"])).toBe(5);
    expect(invoke("InStr", ["repEated", "e", 3, 0])).toBe(7);
  });

  it("is binary by default and case-insensitive with vbTextCompare", () => {
    expect(invoke("InStr", ["repEated", "e", 3])).toBe(7);
    expect(invoke("InStr", ["repEated", "e", 3, 1])).toBe(4);
    expect(invoke("InStr", ["repEated", "e", 3, "vbTextCompare"])).toBe(4);
    expect(invoke("InStr", ["repEated", "e", 3, "vbBinaryCompare"])).toBe(7);
    expect(invoke("InStr", ["STRASSE straße", "SSE", 1, 1])).toBe(5);
    expect(invoke("InStr", ["straße STRASSE", "sse", 1, 1])).toBe(12); // ß is not folded to SS, so positions stay exact
    expect(invoke("InStr", ["xßy", "Y", 1, 1])).toBe(3);
  });

  it("gives 0 when not found, for NULL, and when start is past the end", () => {
    expect(invoke("InStr", ["abc", "d"])).toBe(0);
    expect(invoke("InStr", [null, "a"])).toBe(0);
    expect(invoke("InStr", ["abc", null])).toBe(0);
    expect(invoke("InStr", ["abc", "a", 4])).toBe(0);
    expect(invoke("InStr", ["", "a"])).toBe(0);
  });

  it("gives start for an empty search string (VB)", () => {
    expect(invoke("InStr", ["abc", "", 2])).toBe(2);
  });

  it("rejects a bad start or compareType", () => {
    expect(() => invoke("InStr", ["abc", "a", 0])).toThrow(/start is 1-based/);
    expect(() => invoke("InStr", ["abc", "a", 1, 2])).toThrow(/compareType must be vbBinaryCompare or vbTextCompare/);
    expect(checkOf("InStr", ["computed", "a", 1, "vbFancy"])).toMatch(/compareType/);
    expect(checkOf("InStr", ["computed", "a", 0])).toMatch(/start must be at least 1/);
    expect(checkOf("InStr", ["computed", "a", undefined, 1])).toBeUndefined();
  });

  it("agrees with indexOf for binary comparison", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 15 }),
        fc.string({ minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 16 }),
        (s, t, start) => {
          const expected = start > s.length ? 0 : s.indexOf(t, start - 1) + 1;
          expect(invoke("InStr", [s, t, start])).toBe(expected);
        },
      ),
    );
  });
});
