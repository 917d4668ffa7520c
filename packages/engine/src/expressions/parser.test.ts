import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_EXPRESSION_LENGTH } from "../config/provisioning-config.js";
import { RosterError } from "../errors/error-codes.js";
import { type CallNode, type ExprNode, stripPositions } from "./ast.js";
import { MAX_NESTING_DEPTH, parseExpression } from "./parser.js";

const shape = (source: string) => stripPositions(parseExpression(source));

function parseError(source: string): RosterError {
  try {
    parseExpression(source);
  } catch (err) {
    if (err instanceof RosterError) return err;
    throw err;
  }
  throw new Error(`parsed without error: ${source}`);
}

const attr = (name: string) => ({ kind: "attribute", name });
const str = (value: string) => ({ kind: "string", value });
const num = (text: string) => ({ kind: "number", radix: 10, text });

describe("parseExpression: grammar", () => {
  it("parses omitted argument positions, trailing ones included, with or without spaces", () => {
    const expected = {
      kind: "call",
      name: "Replace",
      args: [attr("x"), undefined, str("re"), undefined, str(""), undefined, undefined],
    };
    expect(shape('Replace([x], , "re", , "", , )')).toEqual(expected);
    expect(shape('Replace([x],,"re",,"",,)')).toEqual(expected);
  });

  it("distinguishes F(), F(,) and F(a,)", () => {
    expect((parseExpression("Now()") as CallNode).args).toEqual([]);
    expect((parseExpression("Now( \n )") as CallNode).args).toEqual([]);
    expect((parseExpression("F(,)") as CallNode).args).toEqual([undefined, undefined]);
    expect(shape("ToLower([x], )")).toEqual({ kind: "call", name: "ToLower", args: [attr("x"), undefined] });
  });

  it("allows whitespace and newlines between any tokens, including before the parenthesis", () => {
    expect(shape('Switch\n  (\t[a] ,\r\n "x"  )')).toEqual({
      kind: "call",
      name: "Switch",
      args: [attr("a"), str("x")],
    });
    expect(shape('Append ([a], "b")')).toEqual({ kind: "call", name: "Append", args: [attr("a"), str("b")] });
  });

  it("parses integers, negative integers and &H hex literals", () => {
    expect(shape('DateAdd("d", -10, Now())')).toEqual({
      kind: "call",
      name: "DateAdd",
      args: [str("d"), num("-10"), { kind: "call", name: "Now", args: [] }],
    });
    expect(shape("BitAnd(&HF, &hf7)")).toEqual({
      kind: "call",
      name: "BitAnd",
      args: [
        { kind: "number", radix: 16, text: "F" },
        { kind: "number", radix: 16, text: "f7" },
      ],
    });
  });

  it("parses the bare words in any case into their canonical spelling", () => {
    expect(shape('InStr([a], "x", 1, VBTEXTCOMPARE)')).toMatchObject({
      args: [attr("a"), str("x"), num("1"), { kind: "identifier", name: "vbTextCompare" }],
    });
    expect(shape("vbBinaryCompare")).toEqual({ kind: "identifier", name: "vbBinaryCompare" });
    expect(shape("ignoreattributeflow")).toEqual({ kind: "identifier", name: "IgnoreAttributeFlow" });
    expect(shape("IgnoreObjectFlow")).toEqual({ kind: "identifier", name: "IgnoreObjectFlow" });
  });

  it("parses comparisons inside arguments and at the top level", () => {
    expect(shape('IIF([StatusRehire]=1, "y", "n")')).toEqual({
      kind: "call",
      name: "IIF",
      args: [{ kind: "comparison", operator: "=", left: attr("StatusRehire"), right: num("1") }, str("y"), str("n")],
    });
    for (const op of ["=", "<>", ">", ">=", "<", "<="]) {
      expect(shape(`CBool([a] ${op} [b])`)).toMatchObject({ args: [{ kind: "comparison", operator: op }] });
    }
    expect(shape("[a]<=[b]")).toEqual({ kind: "comparison", operator: "<=", left: attr("a"), right: attr("b") });
  });

  it("accepts a bare attribute or literal as the whole expression", () => {
    expect(shape("[givenName]")).toEqual(attr("givenName"));
    expect(shape(' "Contoso" ')).toEqual(str("Contoso"));
    expect(shape("42")).toEqual(num("42"));
  });

  it("records start and end offsets of nodes", () => {
    const node = parseExpression(' Join(",", [a] = "x")') as CallNode;
    expect(node).toMatchObject({ start: 1, end: 21 });
    expect(node.args[1]).toMatchObject({ kind: "comparison", start: 11, end: 20 });
  });

  it(`accepts exactly ${MAX_EXPRESSION_LENGTH} characters`, () => {
    const longest = `"${"x".repeat(MAX_EXPRESSION_LENGTH - 2)}"`;
    expect(shape(longest)).toEqual(str("x".repeat(MAX_EXPRESSION_LENGTH - 2)));
    expect(parseError(`${longest} `).message).toBe(
      `1:${MAX_EXPRESSION_LENGTH + 1}: expression is ${MAX_EXPRESSION_LENGTH + 1} characters long; at most ${MAX_EXPRESSION_LENGTH} are allowed`,
    );
  });

  it(`allows calls nested ${MAX_NESTING_DEPTH} deep and rejects deeper nesting`, () => {
    const nested = (depth: number) => `${"F(".repeat(depth)}[a]${")".repeat(depth)}`;
    let node: ExprNode = parseExpression(nested(MAX_NESTING_DEPTH));
    let depth = 0;
    while (node.kind === "call") {
      depth++;
      node = node.args[0] as ExprNode;
    }
    expect(depth).toBe(MAX_NESTING_DEPTH);
    const err = parseError(nested(3000));
    expect(err.code).toBe("InvalidExpression");
    expect(err.message).toBe(
      `1:${2 * MAX_NESTING_DEPTH + 1}: function calls are nested more than ${MAX_NESTING_DEPTH} levels deep`,
    );
  });
});

describe("parseExpression: errors", () => {
  it("says what was expected after an argument, with line and column", () => {
    const err = parseError('Join(", ", [a]');
    expect(err.code).toBe("InvalidExpression");
    expect(err.message).toBe('1:15: expected "," or ")" after argument 2 of Join, found end of input');
    expect(err.details).toEqual({ line: 1, column: 15, offset: 14, expected: [",", ")"] });
  });

  it("counts lines and columns across newlines", () => {
    expect(parseError('Join(",",\n  [a] [b])').message).toBe(
      '2:7: expected "," or ")" after argument 2 of Join, found attribute [b]',
    );
  });

  it("names the argument position when a value is missing", () => {
    expect(parseError("Mid([a], =)").message).toBe(
      '1:10: expected a value, "," or ")" for argument 2 of Mid, found "="',
    );
    expect(parseError("Mid([a], (1))").message).toBe('1:10: expected argument 2 of Mid, found "("');
    expect(parseError("IIF([a] = , 1, 2)").message).toBe('1:11: expected the right side of "=", found ","');
    expect(parseError('Join("a" & "b")').message).toBe(
      '1:10: expected "," or ")" after argument 1 of Join, found character "&" (& concatenation is not supported; use Join or Append)',
    );
    expect(parseError("Join(").message).toBe(
      '1:6: expected a value, "," or ")" for argument 1 of Join, found end of input',
    );
  });

  it("rejects unknown bare words, listing the allowed ones", () => {
    const err = parseError('IIF(true, "a", "b")');
    expect(err.message).toMatch(
      /^1:5: unknown word "true": the bare words allowed are vbBinaryCompare, vbTextCompare, IgnoreAttributeFlow, IgnoreObjectFlow/,
    );
    expect(err.details.expected).toEqual([
      "vbBinaryCompare",
      "vbTextCompare",
      "IgnoreAttributeFlow",
      "IgnoreObjectFlow",
    ]);
    expect(parseError("givenName").message).toMatch(/^1:1: unknown word "givenName"/);
  });

  it("rejects chained comparisons", () => {
    expect(parseError("IIF([a] = [b] = [c], 1, 2)").message).toBe(
      '1:15: comparisons cannot be chained: found "=" after the comparison =; nest IIF instead',
    );
  });

  it("rejects empty input and text after the expression", () => {
    expect(parseError("").message).toBe("1:1: expected an expression, found end of input");
    expect(parseError(" \n ").message).toBe("2:2: expected an expression, found end of input");
    expect(parseError('Join(",", [a]))').message).toBe('1:15: expected end of input after the expression, found ")"');
    expect(parseError('[a] "b"').message).toBe('1:5: expected end of input after the expression, found string "b"');
  });
});

describe("parseExpression: robustness", () => {
  /** Property: parsing either succeeds or throws InvalidExpression with a valid position. */
  const expectOnlyInvalidExpression = (source: string): boolean => {
    try {
      parseExpression(source);
      return true;
    } catch (err) {
      if (!(err instanceof RosterError) || err.code !== "InvalidExpression") return false;
      const { line, column } = err.details as { line: number; column: number };
      return line >= 1 && column >= 1 && err.message.startsWith(`${line}:${column}: `);
    }
  };

  it("throws nothing but InvalidExpression for arbitrary text", () => {
    const text = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: "grapheme", maxLength: 40 }));
    fc.assert(fc.property(text, expectOnlyInvalidExpression), { numRuns: 1000 });
  });

  it("throws nothing but InvalidExpression for arbitrary token soup", () => {
    const piece = fc.constantFrom(
      "IIF",
      "Join",
      "(",
      ")",
      ",",
      " ",
      "\n",
      '"',
      '\\"',
      "\\",
      "[",
      "]",
      "[a]",
      '"x"',
      "-",
      "-1",
      "7",
      "&H",
      "&HF",
      "&",
      "=",
      "<",
      ">",
      "<>",
      "vbTextCompare",
      "true",
      "'",
      "x",
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }).map((parts) => parts.join("")),
        expectOnlyInvalidExpression,
      ),
      {
        numRuns: 3000,
      },
    );
  });
});
