import { describe, expect, it } from "vitest";
import { RosterError } from "../errors/error-codes.js";
import { describeToken, Lexer, positionAt, quoteString, type Token } from "./lexer.js";

function tokens(source: string): Token[] {
  const lexer = new Lexer(source);
  const out: Token[] = [];
  for (;;) {
    const t = lexer.next();
    out.push(t);
    if (t.kind === "end") return out;
  }
}

function kindsAndValues(source: string): [string, string][] {
  return tokens(source).map((t) => [t.kind, t.value]);
}

function lexError(source: string): RosterError {
  try {
    tokens(source);
  } catch (err) {
    if (err instanceof RosterError) return err;
    throw err;
  }
  throw new Error(`no error for ${source}`);
}

describe("Lexer", () => {
  it("splits a call with every kind of token", () => {
    expect(kindsAndValues('IIF([a b]>=-10, "x", &HF7) <> vbTextCompare')).toEqual([
      ["name", "IIF"],
      ["(", "("],
      ["attribute", "a b"],
      ["operator", ">="],
      ["number", "-10"],
      [",", ","],
      ["string", "x"],
      [",", ","],
      ["hex", "F7"],
      [")", ")"],
      ["operator", "<>"],
      ["name", "vbTextCompare"],
      ["end", ""],
    ]);
  });

  it("reads every comparison operator, longest first", () => {
    expect(kindsAndValues("= <> < <= > >=").map(([, v]) => v)).toEqual(["=", "<>", "<", "<=", ">", ">=", ""]);
  });

  it('resolves \\" and \\\\ and keeps any other escape as written', () => {
    expect(tokens(String.raw`"a\"b"`)[0]?.value).toBe('a"b');
    expect(tokens(String.raw`"a\\b"`)[0]?.value).toBe("a\\b");
    expect(tokens(String.raw`"\d"`)[0]?.value).toBe("\\d");
    expect(tokens(String.raw`"\d"`)[0]?.value).toHaveLength(2);
    expect(tokens(String.raw`"\+(?<isdCode>\d* )"`)[0]?.value).toBe(String.raw`\+(?<isdCode>\d* )`);
    expect(tokens(String.raw`"\\+(?<isdCode>\\d* )"`)[0]?.value).toBe(String.raw`\+(?<isdCode>\d* )`);
    expect(tokens(String.raw`"\\\""`)[0]?.value).toBe('\\"');
  });

  it("records offsets of tokens, skipping whitespace, tabs and newlines", () => {
    const [name, paren, attr] = tokens("  Switch\n\t ([x]");
    expect(name).toMatchObject({ start: 2, end: 8 });
    expect(paren).toMatchObject({ start: 11, end: 12 });
    expect(attr).toMatchObject({ start: 12, end: 15, value: "x" });
  });

  it("keeps attribute names exactly, spaces and any character but ] included", () => {
    expect(tokens('[ Employee ID ("x") ]')[0]?.value).toBe(' Employee ID ("x") ');
  });

  it("turns a character that starts no token into an invalid token with a hint", () => {
    const [, , , amp] = tokens('Join("a" & "b")');
    expect(amp).toMatchObject({ kind: "invalid", value: "&" });
    expect(describeToken(amp as Token)).toContain("use Join or Append");
    const [quote] = tokens("'x'");
    expect(describeToken(quote as Token)).toBe(`character "'" (strings use double quotes)`);
    expect(tokens("😀")[0]).toMatchObject({ kind: "invalid", value: "😀", end: 2 });
  });

  it("rejects malformed literals at their position", () => {
    expect(lexError('Join(",",\n  "abc').message).toBe(
      '2:3: unterminated string: expected a closing " before end of input',
    );
    expect(lexError('"abc\\"').message).toMatch(/^1:1: unterminated string/);
    expect(lexError("Mid([a, 1").message).toBe("1:5: unterminated attribute name: expected ] before end of input");
    expect(lexError("[]").message).toBe("1:1: empty attribute name []");
    expect(lexError("- 5").message).toBe('1:2: expected a digit after "-"');
    expect(lexError("12abc").message).toBe('1:1: invalid number "12abc": an integer has digits only');
    expect(lexError("&H").message).toBe('1:3: expected hex digits after "&H"');
    expect(lexError("&HFG").message).toMatch(/^1:1: invalid hex number "&HFG"/);
    const err = lexError('"abc');
    expect(err.code).toBe("InvalidExpression");
    expect(err.details).toEqual({ line: 1, column: 1, offset: 0, expected: ['"'] });
  });
});

describe("positionAt", () => {
  it("counts \\n, \\r\\n and a lone \\r as one line break each", () => {
    const src = "a\nb\r\nc\rd";
    expect(positionAt(src, 0)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(positionAt(src, 2)).toEqual({ line: 2, column: 1, offset: 2 });
    expect(positionAt(src, 4)).toEqual({ line: 2, column: 3, offset: 4 });
    expect(positionAt(src, 5)).toEqual({ line: 3, column: 1, offset: 5 });
    expect(positionAt(src, 7)).toEqual({ line: 4, column: 1, offset: 7 });
    expect(positionAt(src, src.length)).toEqual({ line: 4, column: 2, offset: 8 });
  });
});

describe("quoteString", () => {
  it("escapes quotes and backslashes only", () => {
    expect(quoteString('say "hi"\\d')).toBe(String.raw`"say \"hi\"\\d"`);
    expect(quoteString("")).toBe('""');
    expect(quoteString("line\nbreak")).toBe('"line\nbreak"');
  });
});
