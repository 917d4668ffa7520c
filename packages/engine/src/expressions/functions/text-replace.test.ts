// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is .NET replacement syntax, not a template
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RosterError } from "../../errors/error-codes.js";
import { compileExpression } from "../compile.js";
import { translateDotNetRegex } from "../dotnet-regex.js";
import { type Arg, IGNORE_ATTRIBUTE_FLOW, NOT_LITERAL, type Value } from "../types.js";
import { checkOf, invoke, testContext } from "./text-test-kit.js";
import { specializeReplace } from "./text-replace.js";
import { expressionStringLiteral } from "../../config/default-mappings/expression-text.js";

const _ = undefined; // an omitted position

/** Replace with its seven positions; trailing ones may be left out. */
function replace(...args: Arg[]): Value {
  const all = [...args];
  while (all.length < 7) all.push(undefined);
  return invoke("Replace", all);
}

describe("Replace mode 1: oldValue + replacementValue", () => {
  it("replaces every occurrence, case-sensitively (documented examples)", () => {
    expect(replace("Product Developer", "Product Developer", _, _, "Software Engineer")).toBe("Software Engineer");
    expect(replace("john.doe@contoso.com", "@contoso.com", _, _, "")).toBe("john.doe");
    expect(replace("a-b-c", "-", _, _, "+")).toBe("a+b+c");
    expect(replace("ABC abc", "abc", _, _, "x")).toBe("ABC x");
  });

  it('takes $ in the replacement literally and reads a NULL replacement as ""', () => {
    expect(replace("a", "a", _, _, "$&$1")).toBe("$&$1");
    expect(replace("a-b", "-", _, _, null)).toBe("ab");
  });

  it("leaves the source unchanged for an empty or NULL oldValue", () => {
    expect(replace("abc", "", _, _, "x")).toBe("abc");
    expect(replace("abc", null, _, _, "x")).toBe("abc");
  });
});

describe("Replace mode 2: oldValue + template", () => {
  it("puts the source into the template (documented example)", () => {
    expect(replace("jsmith", "<username>", _, _, _, _, "<username>@contoso.com")).toBe("jsmith@contoso.com");
    expect(replace("x", "<u>", _, _, _, _, "<u>.<u>")).toBe("x.x");
    expect(replace("a$&b", "<u>", _, _, _, _, "[<u>]")).toBe("[a$&b]");
  });
});

describe("Replace mode 3: regexPattern + replacementValue", () => {
  it("extracts with a named group (documented example)", () => {
    expect(replace("+91 9998887777", _, "\\+(?<isdCode>\\d* )(?<phoneNumber>\\d{10})", _, "${phoneNumber}")).toBe(
      "9998887777",
    );
  });

  it("cleans up phone numbers; the + stays, since the pattern does not remove it", () => {
    expect(replace("+1 (999) 888-7777", _, "[()\\s-]+", _, "")).toBe("+19998887777");
  });

  it("handles empty matches as .NET does (documented example)", () => {
    expect(replace("john_doe72", _, "[a-zA-Z_]*", _, "")).toBe("72");
  });

  it("strips leading zeros and left-pads to 8 characters", () => {
    expect(replace("000123", _, "^0+", _, "")).toBe("123");
    expect(replace("0000000012345", _, "(.*?)(?<id>.{0,8})$", _, "${id}")).toBe("00012345");
  });

  it("accepts the single-backslash spelling some docs use (\\+ and \\d kept by the string parser)", () => {
    expect(replace("+44 7700900123", _, "\\+(?<cc>\\d+) ", _, "00${cc}")).toBe("00447700900123");
  });
});

describe("Replace: the sAMAccountName recipe (hr-default-mappings A.2 row 4)", () => {
  const invalidChars = "([\\/\\\\\\[\\]\\:\\;\\|\\=\\,\\+\\*\\?\\<\\>])";
  const samAccountName = (userId: string | null): Value =>
    replace(invoke("Mid", [replace(userId, _, invalidChars, _, ""), 1, 20]), _, "(\\.)*$", _, "");

  it.each([
    ["O'Brien, Jr.", "O'Brien Jr"],
    ["a.b...", "a.b"],
    ["jo[h]n/smith\\x", "johnsmithx"],
    ["a=b;c:d|e+f*g?h<i>j,k", "abcdefghijk"],
    ["abcdefghijklmnopqr...xyz", "abcdefghijklmnopqr"],
    ["plain", "plain"],
    ["....", ""],
  ])("%s → %s", (userId, expected) => {
    expect(samAccountName(userId)).toBe(expected);
  });

  it("keeps a NULL UserID NULL", () => {
    expect(samAccountName(null)).toBeNull();
  });
});

describe("Replace mode 4: regexPattern + regexGroupName + replacementValue", () => {
  it("replaces only the group's span (documented examples)", () => {
    expect(replace("545 Tremont Street", _, "(?<streetNumber>^\\d*)", "streetNumber", "888")).toBe(
      "888 Tremont Street",
    );
    expect(replace("jsmith@contoso.com", _, "(?<Suffix>@(.)*)", "Suffix", "")).toBe("jsmith");
  });

  it("replaces the group in every match and keeps the rest of each match", () => {
    expect(replace("a1b a2b", _, "a(?<d>\\d)b", "d", "#")).toBe("a#b a#b");
    expect(replace("a1b a2b", _, "a(\\d)b", "1", "$1")).toBe("a$1b a$1b");
  });

  it("leaves a match alone when the group did not take part", () => {
    expect(replace("ab ax", _, "a(?<x>x)?", "x", "Y")).toBe("ab aY");
  });
});

describe("Replace mode 5: regexPattern + regexGroupName + replacementAttributeName", () => {
  const pattern = "\\+(?<isdCode>\\d* )(?<phoneNumber>\\d{10})";

  it("returns the source when it has a value", () => {
    expect(replace("123", _, pattern, "phoneNumber", _, "+91 8887779999")).toBe("123");
  });

  it("extracts the group from the replacement attribute when the source is empty or NULL (documented example)", () => {
    expect(replace("", _, pattern, "phoneNumber", _, "+91 8887779999")).toBe("8887779999");
    expect(replace(null, _, pattern, "phoneNumber", _, "+91 8887779999")).toBe("8887779999");
  });

  it("gives NULL when the replacement attribute is NULL or does not match", () => {
    expect(replace("", _, pattern, "phoneNumber", _, null)).toBeNull();
    expect(replace("", _, pattern, "phoneNumber", _, "unknown")).toBeNull();
  });
});

describe("Replace: NULL and multi-valued sources", () => {
  it("keeps a NULL source NULL in modes 1 to 4", () => {
    expect(replace(null, "a", _, _, "b")).toBeNull();
    expect(replace(null, "<u>", _, _, _, _, "<u>@x")).toBeNull();
    expect(replace(null, _, "a", _, "b")).toBeNull();
    expect(replace(null, _, "(?<g>a)", "g", "b")).toBeNull();
  });

  it("works on the first value of a multi-valued source", () => {
    expect(replace(["a-b", "c-d"], "-", _, _, "")).toBe("ab");
  });
});

describe("Replace: errors", () => {
  it("rejects a literal regex that .NET or the translation refuses, at compile time", () => {
    expect(checkOf("Replace", ["computed", _, "(?<x>a", _, ""])).toMatch(
      /invalid regular expression "\(\?<x>a": not enough \)'s/,
    );
    expect(checkOf("Replace", ["computed", _, "(?(a)b|c)", _, ""])).toMatch(/conditional/);
    expect(checkOf("Replace", ["computed", _, "[()\\s-]+", _, "", _, _])).toBeUndefined();
  });

  it("rejects a group name the literal pattern does not have", () => {
    expect(checkOf("Replace", ["computed", _, "(?<Suffix>@.*)", "suffix", ""])).toMatch(
      /regexGroupName "suffix" is not a group/,
    );
    expect(checkOf("Replace", ["computed", _, "(?<Suffix>@.*)", "Suffix", ""])).toBeUndefined();
    expect(() => replace("a@b", _, "(?<Suffix>@.*)", "nope", "")).toThrow(/regexGroupName "nope" is not a group/);
  });

  it("rejects argument combinations that select no mode", () => {
    expect(checkOf("Replace", ["computed", "x", _, _, _, _, _])).toMatch(/oldValue needs replacementValue/);
    expect(checkOf("Replace", ["computed", _, "x", _, _, _, _])).toMatch(/regexPattern needs replacementValue/);
    expect(checkOf("Replace", ["computed", _, "(?<g>x)", "g", _, _, _])).toMatch(/regexGroupName needs/);
    expect(checkOf("Replace", ["computed", _, _, _, "x", _, _])).toMatch(/give oldValue/);
    expect(checkOf("Replace", ["computed", "a", "b", _, "x", _, _])).toMatch(/not both/);
    expect(checkOf("Replace", [_, "a", _, _, "x", _, _])).toMatch(/source/);
    expect(() => replace("a", "x")).toThrow(/oldValue needs replacementValue/);
  });

  it("raises InvalidExpression for a computed pattern that is not valid", () => {
    let error: unknown;
    try {
      replace("abc", _, "a(", _, "");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RosterError);
    expect((error as RosterError).code).toBe("InvalidExpression");
  });
});

describe("Replace with a literal pattern, prepared when compiled", () => {
  const patterns = [
    "([\\/\\\\\\[\\]\\:\\;\\|\\=\\,\\+\\*\\?\\<\\>])",
    "(\\.)*$",
    "[a-z_]*",
    "(?<first>\\w)(\\w*)",
    "a|",
    "^",
  ];
  const replacements = ["", "-", "$1", "${first}.", "$$", "[$&]", "$'|$`", "$+$_"];

  it("gives what the general call gives, for any source (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...patterns),
        fc.constantFrom(...replacements),
        fc.option(fc.oneof(fc.string(), fc.constantFrom("john.doe+1\n", "a..", "[x]:y", "")), { nil: undefined }),
        (pattern, replacement, source) => {
          const prepared = compileExpression(
            `Replace([s], , ${expressionStringLiteral(pattern)}, , ${expressionStringLiteral(replacement)}, , )`,
          );
          // The pattern and replacement read from attributes: the general call, looked up per evaluation.
          const general = compileExpression("Replace([s], , [p], , [r], , )");
          const attributes = { s: source, p: pattern, r: replacement };
          const run = (compiled: typeof prepared) => {
            try {
              return { value: compiled.evaluate(testContext(attributes)) };
            } catch (error) {
              return { error: error instanceof Error ? error.message : String(error) };
            }
          };
          expect(run(prepared)).toEqual(run(general));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("is prepared only for a literal pattern and replacement (mode 3)", () => {
    expect(specializeReplace(["x", _, "a+", _, "b", _, _])).toBeTypeOf("function");
    expect(specializeReplace(["x", _, NOT_LITERAL, _, "b", _, _])).toBeUndefined();
    expect(specializeReplace(["x", _, "a+", _, NOT_LITERAL, _, _])).toBeUndefined();
    expect(specializeReplace(["x", "a", _, _, "b", _, _])).toBeUndefined(); // mode 1
    expect(specializeReplace(["x", _, "a+", "1", "b", _, _])).toBeUndefined(); // mode 4
    expect(specializeReplace(["x", _, "(", _, "b", _, _])).toBeUndefined(); // invalid: left to the check
  });

  it("leaves its shared RegExp ready for the next evaluation", () => {
    const compiled = compileExpression('Replace([s], , "o", , "0", , )');
    for (const source of ["foo", "boo", "o", "xo"]) {
      expect(compiled.evaluate(testContext({ s: source }))).toBe(source.replaceAll("o", "0"));
    }
    expect(translateDotNetRegex("o", { global: true }).regex.lastIndex).toBe(0);
  });

  it("still evaluates a computed argument the mode ignores, as the general call does", () => {
    // replacementAttributeName is ignored in mode 3, but evaluating it may redact the result.
    const compiled = compileExpression('Replace([s], , "a", , "b", Redact([x]), )');
    const ctx = testContext({ s: "aa", x: "secret" });
    expect(compiled.evaluate(ctx)).toBe("bb");
    expect(ctx.redacted).toBe(true);
  });

  it("passes flow signals and NULL through as the general call does", () => {
    const compiled = compileExpression('Replace(IgnoreFlowIfNullOrEmpty([s]), , "a", , "b", , )');
    expect(compiled.evaluate(testContext({}))).toBe(IGNORE_ATTRIBUTE_FLOW);
    expect(compileExpression('Replace([s], , "a", , "b", , )').evaluate(testContext({}))).toBeNull();
  });
});
