import { RosterError } from "@roster/engine";
import fc from "fast-check";
import { FilterParser, type EqualityFilter } from "ldapts";
import { describe, expect, it } from "vitest";
import { anyText } from "../test-support/arbitraries.js";
import { equalityFilter, escapeFilterValue, unescapeFilterValue } from "./filter-value-escape.js";

describe("escapeFilterValue", () => {
  it("escapes exactly the RFC 4515 reserved characters", () => {
    expect(escapeFilterValue("*")).toBe("\\2a");
    expect(escapeFilterValue("a(b)c")).toBe("a\\28b\\29c");
    expect(escapeFilterValue("a\\b")).toBe("a\\5cb");
    expect(escapeFilterValue("nul\u0000")).toBe("nul\\00");
    expect(escapeFilterValue("Smith, Jr.")).toBe("Smith, Jr.");
    expect(escapeFilterValue("Åsa Öberg")).toBe("Åsa Öberg");
    expect(equalityFilter("cn", "*)(uid=*")).toBe("(cn=\\2a\\29\\28uid=\\2a)");
  });

  it("round-trips any string (property)", () => {
    fc.assert(
      fc.property(anyText({ maxLength: 60 }), (value) => {
        const escaped = escapeFilterValue(value);
        expect(escaped).not.toMatch(/[*()\u0000]/);
        expect(unescapeFilterValue(escaped)).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });

  it("produces filters ldapts parses back to the same assertion value (property)", () => {
    fc.assert(
      fc.property(anyText({ minLength: 1 }), (value) => {
        const parsed = FilterParser.parseString(equalityFilter("employeeID", value)) as EqualityFilter;
        expect(parsed.attribute).toBe("employeeID");
        expect(parsed.value).toBe(value);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("unescapeFilterValue", () => {
  it("decodes multi-byte hex escapes as UTF-8", () => {
    expect(unescapeFilterValue("\\c3\\85sa")).toBe("Åsa");
  });

  it.each([
    ["a*", "unescaped '*'"],
    ["\\zz", "not a hex escape"],
    ["\\c3", "not valid UTF-8"],
    ["(", "unescaped '('"],
  ])("rejects %j", (text, reason) => {
    expect(() => unescapeFilterValue(text)).toThrow(RosterError);
    expect(() => unescapeFilterValue(text)).toThrow(reason);
  });
});
