// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${name} is .NET replacement syntax, not a template
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RosterError } from "../errors/error-codes.js";
import { compileExpression, evaluateExpression } from "./compile.js";
import { dotNetRegexProblem, escapeDotNetRegex, toJsRegExp, translateDotNetRegex } from "./dotnet-regex.js";
import { firstGroupText, replaceGroupSpans, replaceMatches } from "./functions/regex-replacement.js";

const matches = (pattern: string, input: string): boolean => toJsRegExp(pattern).test(input);
const fullyMatches = (pattern: string, input: string): boolean => toJsRegExp(pattern, { fullMatch: true }).test(input);
const firstMatch = (pattern: string, input: string): string | undefined => toJsRegExp(pattern).exec(input)?.[0];

/** .NET Regex.Replace(input, pattern, replacement) through the translation. */
function regexReplace(input: string, pattern: string, replacement: string): string {
  const re = translateDotNetRegex(pattern, { global: true });
  return replaceMatches(input, re.regex, re, re.replacement(replacement));
}

function translationError(pattern: string): RosterError {
  try {
    toJsRegExp(pattern);
  } catch (err) {
    if (err instanceof RosterError) return err;
    throw err;
  }
  throw new Error(`pattern ${JSON.stringify(pattern)} was accepted`);
}

describe("toJsRegExp: .NET semantics", () => {
  it("treats \\w, \\d and \\s as Unicode classes, like .NET", () => {
    expect(fullyMatches("\\w+", "JoséÅngström_2")).toBe(true);
    expect(fullyMatches("\\w+", "a-b")).toBe(false);
    expect(fullyMatches("\\d+", "12٣")).toBe(true); // ARABIC-INDIC DIGIT THREE is \p{Nd}
    expect(matches("\\s", "\u00a0")).toBe(true);
    expect(matches("\\s", "\u0085")).toBe(true); // NEXT LINE is white space in .NET, not in JavaScript
    expect(matches("\\s", "\ufeff")).toBe(false); // BOM is white space in JavaScript, not in .NET
    expect(fullyMatches("\\W", "é")).toBe(false);
    expect(fullyMatches("\\D", "5")).toBe(false);
    expect(fullyMatches("\\S", " ")).toBe(false);
  });

  it("uses .NET word characters for \\b and \\B", () => {
    expect(matches("\\bé", "café")).toBe(false);
    expect(matches("\\bJosé\\b", "Hi José!")).toBe(true);
    expect(matches("\\bJos\\b", "Hi José!")).toBe(false);
    expect(matches("f\\Bé", "café")).toBe(true);
  });

  it("lets $ match before a final newline, and \\z only at the very end", () => {
    expect(matches("abc$", "abc\n")).toBe(true);
    expect(matches("abc$", "abc\nx")).toBe(false);
    expect(matches("abc\\Z", "abc\n")).toBe(true);
    expect(matches("abc\\z", "abc\n")).toBe(false);
    expect(matches("\\Aabc", "xabc")).toBe(false);
  });

  it("matches any code unit but \\n with `.`, and \\n too under (?s)", () => {
    expect(fullyMatches("a.b", "a\rb")).toBe(true);
    expect(fullyMatches("a.b", "a\u2028b")).toBe(true);
    expect(fullyMatches("a.b", "a\nb")).toBe(false);
    expect(fullyMatches("(?s)a.b", "a\nb")).toBe(true);
    // .NET works on UTF-16 code units: an emoji is two of them.
    expect(fullyMatches(".", "😀")).toBe(false);
    expect(fullyMatches("..", "😀")).toBe(true);
  });

  it("anchors ^ and $ at \\n only under (?m)", () => {
    expect(matches("(?m)^b$", "a\nb\nc")).toBe(true);
    expect(matches("^b$", "a\nb\nc")).toBe(false);
    expect(matches("(?m)^b$", "a\rb\rc")).toBe(false);
  });

  it("maps (?i) at the start to the i flag", () => {
    const re = toJsRegExp("(?i)smith");
    expect(re.flags).toContain("i");
    expect(re.test("SMITH")).toBe(true);
  });

  it("honours (?i:...) and (?-i) scopes that cover part of the pattern", () => {
    expect(fullyMatches("a(?i:b)c", "aBc")).toBe(true);
    expect(fullyMatches("a(?i:b)c", "ABc")).toBe(false);
    expect(fullyMatches("(?i)a(?-i)b", "Ab")).toBe(true);
    expect(fullyMatches("(?i)a(?-i)b", "AB")).toBe(false);
    expect(fullyMatches("x(?i:[a-c]+)", "xAbC")).toBe(true);
    expect(fullyMatches("x(?i:[^a])", "xA")).toBe(false);
    // An option set inside a group ends with the group.
    expect(fullyMatches("((?i)a)a", "Aa")).toBe(true);
    expect(fullyMatches("((?i)a)a", "AA")).toBe(false);
    // A case-sensitive backreference next to case-insensitive atoms stays exact.
    expect(fullyMatches("(?i)(a)x(?-i)\\1", "AXA")).toBe(true);
    expect(fullyMatches("(?i)(a)x(?-i)\\1", "AXa")).toBe(false);
  });

  it("makes [^a] exclude both cases under (?i), as .NET does", () => {
    expect(fullyMatches("(?i)[^a]", "A")).toBe(false);
    expect(fullyMatches("(?i)[^a]", "b")).toBe(true);
  });

  it("supports (?<name>...), (?'name'...) and named backreferences", () => {
    expect(fullyMatches("(?<x>a)\\k<x>", "aa")).toBe(true);
    expect(fullyMatches("(?'x'a)\\k'x'", "aa")).toBe(true);
    expect(fullyMatches("(?<x>a)\\<x>", "aa")).toBe(true);
    expect(fullyMatches("(?<x>a)\\k<x>", "ab")).toBe(false);
  });

  it("numbers unnamed groups before named ones, as .NET does", () => {
    const re = translateDotNetRegex("(?<name>a)(b)");
    expect(re.groupNumber("1")).toBe(1);
    expect(re.groupNumber("name")).toBe(2);
    expect(re.groups.get(1)).toEqual([2]);
    expect(re.groups.get(2)).toEqual([1]);
    expect(fullyMatches("(?<n>x)(y)\\1", "xyy")).toBe(true);
    expect(fullyMatches("(?<n>x)(y)\\1", "xyx")).toBe(false);
    expect(regexReplace("ab", "(?<name>a)(b)", "$1$2")).toBe("ba");
  });

  it("reads \\N as octal when group N does not exist and N > 9", () => {
    expect(fullyMatches("\\101", "A")).toBe(true);
    expect(fullyMatches("(a)\\12", "a\n")).toBe(true);
    expect(fullyMatches("\\0", "\0")).toBe(true);
    expect(translationError("\\1").message).toContain("undefined group number 1");
  });

  it("reads \\x, \\u, \\c, \\e, \\t escapes", () => {
    expect(fullyMatches("\\x41\\u0042\\cA\\e\\t", "AB\u0001\u001b\t")).toBe(true);
    expect(translationError("\\x4").message).toContain("insufficient hex digits");
    expect(translationError("\\u12").message).toContain("insufficient hex digits");
  });

  it("keeps escaped non-word characters literal and rejects unknown escaped word characters", () => {
    expect(fullyMatches("\\@\\-\\:\\;\\=\\,\\<\\>\\/\\'\\\"\\ ", "@-:;=,<>/'\" ")).toBe(true);
    expect(fullyMatches("[\\@\\-\\:x]+", "@-:x")).toBe(true);
    expect(translationError("[\\_]").message).toContain("\\_");
    expect(translationError("\\_").message).toContain("unrecognized escape sequence \\_");
    expect(translationError("\\q").message).toContain("\\q");
    expect(translationError("[\\i]").message).toContain("\\i");
  });

  it("parses character classes as .NET does", () => {
    expect(fullyMatches("[a\\-z]+", "a-z")).toBe(true);
    expect(fullyMatches("[a\\-z]", "b")).toBe(false);
    expect(fullyMatches("[]a]+", "]a")).toBe(true);
    expect(fullyMatches("[^]a]", "]")).toBe(false);
    expect(fullyMatches("[a-]+", "a-")).toBe(true);
    expect(fullyMatches("[\\d-z]+", "1-z")).toBe(true);
    expect(fullyMatches("[[]", "[")).toBe(true);
    expect(fullyMatches("[\\b]", "\b")).toBe(true);
    expect(fullyMatches("[\\p{Lu}\\d]+", "AÉ9")).toBe(true);
    expect(fullyMatches("[\\P{L}]", "a")).toBe(false);
    expect(fullyMatches("[^\\W\\d]+", "ab_é")).toBe(true);
    expect(fullyMatches("[^\\W\\d]", "5")).toBe(false);
    expect(translationError("[z-a]").message).toContain("reverse order");
    expect(translationError("[a-\\d]").message).toContain("character range");
    expect(translationError("[abc").message).toContain("unterminated [] set");
  });

  it("matches every character of the sAMAccountName recipe's class and nothing else", () => {
    const re = toJsRegExp("([\\/\\\\\\[\\]\\:\\;\\|\\=\\,\\+\\*\\?\\<\\>])");
    for (const ch of "/\\[]:;|=,+*?<>") expect(re.test(ch)).toBe(true);
    for (const ch of ".a'- _@") expect(re.test(ch)).toBe(false);
  });

  it("ignores white space and # comments under (?x), but not inside classes", () => {
    expect(fullyMatches("(?x) a b # a comment\n c", "abc")).toBe(true);
    expect(fullyMatches("(?x)[ ]", " ")).toBe(true);
    expect(fullyMatches("(?x)a \\ b", "a b")).toBe(true);
    expect(fullyMatches("(?x)a +", "aaa")).toBe(true);
  });

  it("drops (?#...) comments and makes groups non-capturing under (?n)", () => {
    expect(fullyMatches("a(?#note)b", "ab")).toBe(true);
    const re = translateDotNetRegex("(?n)(a)(?<b>c)");
    expect([...re.groups.keys()]).toEqual([1]);
    expect(re.groupNumber("b")).toBe(1);
  });

  it("translates quantifiers, lazy ones and literal braces", () => {
    expect(fullyMatches("a{2}", "aa")).toBe(true);
    expect(fullyMatches("a{2,}", "aaaa")).toBe(true);
    expect(fullyMatches("a{2,3}", "aaaa")).toBe(false);
    expect(firstMatch("<.+?>", "<a><b>")).toBe("<a>");
    expect(fullyMatches("x{,2}", "x{,2}")).toBe(true);
    expect(fullyMatches("a{", "a{")).toBe(true);
    expect(fullyMatches("a}]", "a}]")).toBe(true);
  });

  it("supports lookarounds", () => {
    expect(firstMatch("(?<=@)\\w+", "jsmith@contoso")).toBe("contoso");
    expect(firstMatch("\\w+(?=@)", "jsmith@contoso")).toBe("jsmith");
    expect(firstMatch("a(?!b)", "abac")).toBe("a");
    expect(toJsRegExp("a(?!b)").exec("abac")?.index).toBe(2);
  });

  it("supports \\p{..} categories and the common named blocks", () => {
    expect(fullyMatches("\\p{L}+", "Ωmega")).toBe(true);
    expect(fullyMatches("\\p{Lu}", "a")).toBe(false);
    expect(fullyMatches("\\P{Lu}", "a")).toBe(true);
    expect(fullyMatches("\\p{IsGreek}+", "αβγ")).toBe(true);
    expect(fullyMatches("\\p{IsBasicLatin}", "é")).toBe(false);
  });

  it("anchors the whole alternation with fullMatch", () => {
    expect(fullyMatches("a|b", "a")).toBe(true);
    expect(fullyMatches("a|b", "ab")).toBe(false);
    expect(matches("a|b", "xbx")).toBe(true);
    expect(fullyMatches("", "")).toBe(true);
  });

  it("returns a fresh RegExp per call, with the g flag when asked", () => {
    const a = toJsRegExp("x", { global: true });
    const b = toJsRegExp("x", { global: true });
    expect(a).not.toBe(b);
    expect(a.flags).toBe("g");
    expect(toJsRegExp("x").flags).toBe("");
  });
});

describe("toJsRegExp: rejected patterns", () => {
  const rejected: [string, string][] = [
    ["a*+", "possessive"],
    ["a++", "possessive"],
    ["a**", "nested quantifier"],
    ["a{2}{3}", "nested quantifier"],
    ["(?(a)b|c)", "conditional"],
    ["(?<a-b>x)", "balancing groups"],
    ["(?<2>x)", "numbered groups"],
    ["[a-z-[aeiou]x]", "subtraction must be the last element"],
    ["[a-z-[aeiou]", "unterminated [] set"],
    ["(?>a", "not enough )'s"],
    ["\\Gabc", "\\G"],
    ["\\p{IsTibetan}", "Unicode block"],
    ["\\p{Foo}", "unknown property"],
    ["\\p{L", "incomplete \\p{X}"],
    ["(a)x(?i)\\1", "backreference"],
    ["(a", "not enough )'s"],
    ["a)", "too many )'s"],
    ["*a", "follows nothing"],
    ["{2}", "follows nothing"],
    ["a{3,2}", "x > y"],
    ["a\\", "end of pattern"],
    ["(?P<n>x)", "unrecognized grouping construct"],
    ["\\k<nope>", "undefined group name 'nope'"],
    ["\\kx", "malformed \\k"],
    ["^*", "zero-width"],
  ];
  it.each(rejected)("rejects %s with a message naming the problem", (pattern, problem) => {
    const err = translationError(pattern);
    expect(err.code).toBe("InvalidExpression");
    expect(err.message).toContain(`"${pattern}"`);
    expect(err.message).toContain(problem);
    expect(dotNetRegexProblem(pattern)).toBe(err.message);
  });

  it("rejects absurdly deep nesting with a clear message instead of exhausting the stack", () => {
    const deep = `${"(".repeat(5000)}a${")".repeat(5000)}`;
    expect(translationError(deep).message).toContain("nested more than 100 deep");
    expect(fullyMatches(`${"(".repeat(100)}a${")".repeat(100)}`, "a")).toBe(true);
  });

  it("reports no problem for valid patterns", () => {
    expect(dotNetRegexProblem("\\+(?<isdCode>\\d* )(?<phoneNumber>\\d{10})")).toBeUndefined();
  });
});

describe(".NET replacement strings", () => {
  it("substitutes $n, ${n}, ${name}, $$, $& and $0", () => {
    expect(regexReplace("+91 9998887777", "\\+(?<isdCode>\\d* )(?<phoneNumber>\\d{10})", "${phoneNumber}")).toBe(
      "9998887777",
    );
    expect(regexReplace("John Smith", "(\\w+) (\\w+)", "$2, $1")).toBe("Smith, John");
    expect(regexReplace("John Smith", "(\\w+) (\\w+)", "${2}x${1}")).toBe("SmithxJohn");
    expect(regexReplace("a1", "\\d", "[$&|$0]")).toBe("a[1|1]");
    expect(regexReplace("price", "price", "$$5")).toBe("$5");
  });

  it("substitutes $`, $', $+ and $_", () => {
    expect(regexReplace("abc", "b", "[$`]")).toBe("a[a]c");
    expect(regexReplace("abc", "b", "[$']")).toBe("a[c]c");
    expect(regexReplace("abc", "(a)(b)", "$+")).toBe("bc");
    expect(regexReplace("abc", "b", "$_")).toBe("aabcc");
  });

  it("keeps a $ that does not name an existing group literal, as .NET does", () => {
    expect(regexReplace("ab", "(a)", "$12")).toBe("$12b");
    expect(regexReplace("ab", "(a)", "${nope}")).toBe("${nope}b");
    expect(regexReplace("ab", "(a)", "$x")).toBe("$xb");
    expect(regexReplace("ab", "(a)", "cost $")).toBe("cost $b");
    expect(regexReplace("ab", "(a)", "${1")).toBe("${1b");
  });

  it('gives "" for a group that did not take part', () => {
    expect(regexReplace("b", "(a)?b", "[$1]")).toBe("[]");
  });

  it("replaces every match, empty matches included, as .NET does", () => {
    expect(regexReplace("john_doe72", "[a-zA-Z_]*", "")).toBe("72");
    expect(regexReplace("john_doe72", "[a-zA-Z_]*", "X")).toBe("XX7X2X");
    expect(regexReplace("abc", "b*", "-")).toBe("-a--c-");
  });

  it("replaces only a group's span in every match, and reads the first match's group", () => {
    const re = translateDotNetRegex("(?<n>\\d)x", { global: true, indices: true });
    expect(replaceGroupSpans("1x2y3x", re.regex, re, re.groupNumber("n") as number, "#")).toBe("#x2y#x");
    const plain = translateDotNetRegex("(?<n>\\d)x");
    expect(firstGroupText("a2x3x", plain.regex, plain, 1)).toBe("2");
    expect(firstGroupText("none", plain.regex, plain, 1)).toBeNull();
  });
});

describe("escapeDotNetRegex", () => {
  it("escapes what .NET Regex.Escape escapes", () => {
    expect(escapeDotNetRegex("a.b*c (d) [e] {f} #g $h ^i |j ?k +l \\m\tn")).toBe(
      "a\\.b\\*c\\ \\(d\\)\\ \\[e]\\ \\{f}\\ \\#g\\ \\$h\\ \\^i\\ \\|j\\ \\?k\\ \\+l\\ \\\\m\\tn",
    );
  });
});

/** Strings of arbitrary UTF-16 code units, lone surrogates included. */
const codeUnitString = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 30,
});

/** Strings built mostly from regex syntax, to reach the parser's corners. */
const regexish = fc
  .array(
    fc.oneof(
      fc.constantFrom(..."\\()[]{}?*+|^$.-<>':=!#,0123456789abdkpPswWDSuxcimnAzZGbB_@ \n"),
      fc.constantFrom(
        "(?<",
        "(?'",
        "(?:",
        "(?=",
        "(?!",
        "(?<=",
        "(?<!",
        "(?i)",
        "(?-i)",
        "(?x)",
        "\\p{L}",
        "\\k<",
        "{2,3}",
        "[^",
      ),
    ),
    { maxLength: 25 },
  )
  .map((parts) => parts.join(""));

describe("translation properties", () => {
  it("an escaped string fully matches itself", () => {
    fc.assert(
      fc.property(codeUnitString, (s) => {
        expect(toJsRegExp(escapeDotNetRegex(s), { fullMatch: true }).test(s)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("an escaped string fully matches itself case-insensitively when it is upper-cased", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-ascii", maxLength: 20 }), (s) => {
        expect(toJsRegExp(`(?i)${escapeDotNetRegex(s)}`, { fullMatch: true }).test(s.toUpperCase())).toBe(true);
      }),
    );
  });

  it("never throws anything but RosterError(InvalidExpression)", () => {
    fc.assert(
      fc.property(fc.oneof(regexish, codeUnitString), (pattern) => {
        try {
          const re = toJsRegExp(pattern, { global: true });
          re.exec("some input 123 \n ÅÉ _@");
        } catch (err) {
          expect(err).toBeInstanceOf(RosterError);
          expect((err as RosterError).code).toBe("InvalidExpression");
        }
      }),
      { numRuns: 2000 },
    );
  });
});

/**
 * Patterns on which .NET and JavaScript agree (ASCII letters, `.`, simple classes,
 * groups, alternation, greedy and lazy quantifiers) on inputs without newlines.
 */
const sharedPattern: fc.Arbitrary<string> = fc.letrec<{ alt: string; seq: string; atom: string }>((tie) => ({
  alt: fc.array(tie("seq"), { minLength: 1, maxLength: 2 }).map((seqs) => seqs.join("|")),
  seq: fc
    .array(
      fc
        .tuple(tie("atom"), fc.constantFrom("", "", "*", "+", "?", "{1,2}", "*?", "+?", "??", "{2}"))
        .map(([a, q]) => a + q),
      { maxLength: 3 },
    )
    .map((atoms) => atoms.join("")),
  atom: fc.oneof(
    { maxDepth: 2, withCrossShrink: true },
    fc.constantFrom("a", "b", "c", ".", "[ab]", "[^b]", "[a-c]", "\\.", "x"),
    tie("alt").map((inner) => `(${inner})`),
    tie("alt").map((inner) => `(?:${inner})`),
  ),
})).alt;

describe("translation agrees with JavaScript where the dialects agree", () => {
  it("finds the same matches and groups", () => {
    fc.assert(
      fc.property(
        sharedPattern,
        fc.string({ unit: fc.constantFrom("a", "b", "c", "x", "."), maxLength: 10 }),
        (pattern, input) => {
          const native = new RegExp(pattern, "g");
          const translated = toJsRegExp(pattern, { global: true });
          expect([...input.matchAll(translated)].map((m) => [m.index, ...m])).toEqual(
            [...input.matchAll(native)].map((m) => [m.index, ...m]),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("character class subtraction", () => {
  const evalContext = {
    attributes: {},
    now: () => new Date("2021-08-25T17:41:18Z"),
    random: () => 0.5,
    redacted: false,
  };

  it('gives "eo" for Replace("hello", , "[a-z-[aeiou]]", , "", , ), as .NET does', async () => {
    const compiled = compileExpression('Replace("hello", , "[a-z-[aeiou]]", , "", , )');
    expect(await evaluateExpression(compiled, evalContext)).toEqual({ kind: "value", value: "eo", redacted: false });
  });

  it("subtracts the excluded class from the base", () => {
    expect(regexReplace("hello world", "[a-z-[aeiou]]", "")).toBe("eo o");
    expect(regexReplace("a1b2c3", "[\\w-[\\d]]", "_")).toBe("_1_2_3");
    expect(regexReplace("abc", "[a-[a]]", "x")).toBe("abc"); // "a" minus [a], as .NET reads [a-[..]]
  });

  it("nests: [a-z-[d-f-[e]]] keeps e", () => {
    expect(regexReplace("abcdefgh", "[a-z-[d-f-[e]]]", "")).toBe("df");
    expect(fullyMatches("[a-z-[d-f-[e]]]+", "abcegh")).toBe(true);
    expect(fullyMatches("[a-z-[d-f-[e]]]", "d")).toBe(false);
  });

  it("subtracts from a negated base", () => {
    expect(regexReplace("ab12-+", "[^a-z-[0-9]]", "_")).toBe("ab12__");
    expect(fullyMatches("[^a-z-[0-9]]", "5")).toBe(false);
    expect(fullyMatches("[^a-z-[0-9]]", "A")).toBe(true);
  });

  it("honours case-insensitive options, whole-pattern and partial", () => {
    expect(regexReplace("HELLO", "(?i)[a-z-[aeiou]]", "")).toBe("EO");
    expect(regexReplace("HELLO", "(?i)[a-z-[AEIOU]]", "")).toBe("EO");
    expect(regexReplace("Ee-Hh", "(?i:[a-z-[e]])|-", "")).toBe("Ee");
    expect(regexReplace("Ee-Hh", "(?i:[a-z-[e]])|H", "")).toBe("Ee-");
  });

  it("quantifies and stays quantifiable", () => {
    expect(firstMatch("[a-z-[aeiou]]{2,}", "a bcd e")).toBe("bcd");
  });

  it("agrees with JavaScript's v-flag subtraction [[B]--[E]] on ASCII", () => {
    const unit = fc.constantFrom(..."abcdefghxyz0123-".split(""));
    const item = fc.oneof(
      unit.filter((c) => c !== "-"),
      fc.constantFrom("a-f", "c-z", "0-9", "b-c", "1-2"),
    );
    const cls = fc.array(item, { minLength: 1, maxLength: 4 }).map((items) => items.join(""));
    fc.assert(
      fc.property(cls, cls, fc.boolean(), fc.array(unit, { maxLength: 12 }), (base, excluded, negated, chars) => {
        const input = chars.join("");
        const caret = negated ? "^" : "";
        const ours = input.replace(toJsRegExp(`[${caret}${base}-[${excluded}]]`, { global: true }), "_");
        const native = input.replace(new RegExp(`[[${caret}${base}]--[${excluded}]]`, "gv"), "_");
        expect(ours).toBe(native);
      }),
    );
  });
});

describe("atomic groups", () => {
  it("match without giving back: (?>a+)b matches aab, (?>a+)ab never matches aaab", () => {
    expect(firstMatch("(?>a+)b", "aab")).toBe("aab");
    expect(matches("(?>a+)ab", "aaab")).toBe(false);
    expect(matches("(?:a+)ab", "aaab")).toBe(true);
    expect(fullyMatches("(?>a|ab)c", "abc")).toBe(false); // the first alternative wins and is kept
    expect(fullyMatches("(?:a|ab)c", "abc")).toBe(true);
    expect(fullyMatches("(?>a*?)a", "a")).toBe(true); // lazy inside: the shortest is kept
  });

  it("repeat under a quantifier and inside lookbehind (right to left, as .NET)", () => {
    expect(firstMatch("(?>a+b)+", "xaabab")).toBe("aabab");
    expect(matches("(?<=a(?>a+))c", "aac")).toBe(false);
    expect(matches("(?<=a(?:a+))c", "aac")).toBe(true);
    expect(matches("(?<=x(?>a+))c", "xaac")).toBe(true);
  });

  it("leave the numbering of the user's groups unchanged", () => {
    const re = translateDotNetRegex("(a)(?>(b)(?<n>c))(d)\\2");
    expect(re.groupCount).toBe(4);
    expect([...re.names]).toEqual([["n", 4]]);
    expect(re.groupNumber("5")).toBeUndefined();
    expect(regexReplace("abcdb", "(a)(?>(b)(?<n>c))(d)\\2", "$1|$2|$3|${n}|$+|$5")).toBe("a|b|d|c|c|$5");
    expect(regexReplace("abcdb", "(a)(?>(b)(?<n>c))(d)\\2", "${1}${3}")).toBe("ad");
    expect(regexReplace("xyzx", "(?>(x))(?>y)(z)\\1", "[$2]")).toBe("[z]");
    expect(matches("(?>(x))(?>y)(z)\\1", "xyzy")).toBe(false);
    expect(firstMatch("(?>x(y))\\1", "xyy")).toBe("xyy"); // \1 is (y), not the hidden capture
    expect(firstMatch("(?>(?>a+)b|a)ab", "aabab")).toBe("aabab"); // nested atomic groups
  });

  it("agree with the plain group when the body cannot give back usefully, groups included", () => {
    const input = fc.array(fc.constantFrom("a", "b", "c", "x"), { maxLength: 14 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(input, fc.constantFrom("+", "*", "{1,2}", "?"), (text, q) => {
        const dotnet = `(x)?(?>([ab]${q}))(c)`;
        const native = new RegExp(`(x)?([ab]${q})(c)`, "g");
        expect(regexReplace(text, dotnet, "<$1|$2|$3>")).toBe(text.replace(native, "<$1|$2|$3>"));
      }),
    );
  });

  it("match the greedy body exactly once: (?>a*)Y is a*Y with a* taking every a", () => {
    const input = fc.array(fc.constantFrom("a", "b"), { maxLength: 10 }).map((cs) => cs.join(""));
    fc.assert(
      fc.property(input, fc.constantFrom("a", "b", "ab"), (text, tail) => {
        // Native model: the a-run is taken whole (it cannot be followed by an "a").
        const native = new RegExp(`a*(?!a)${tail}`, "g");
        expect(regexReplace(text, `(?>a*)${tail}`, "_")).toBe(text.replace(native, "_"));
      }),
    );
  });
});
