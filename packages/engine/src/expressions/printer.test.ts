import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RosterError } from "../errors/error-codes.js";
import { COMPARISON_OPERATORS, type ExprNode, KEYWORD_NAMES, type OperandNode, stripPositions } from "./ast.js";
import { quoteString } from "./lexer.js";
import { parseExpression } from "./parser.js";
import { printExpression } from "./printer.js";

// Generated trees carry dummy positions; comparisons go through stripPositions.
const at = { start: 0, end: 0 };

const text = fc.string({ unit: "grapheme", maxLength: 12 });

const leaf: fc.Arbitrary<OperandNode> = fc
  .oneof(
    fc.record({ kind: fc.constant("attribute" as const), name: text.filter((s) => s.length > 0 && !s.includes("]")) }),
    fc.record({
      kind: fc.constant("string" as const),
      value: fc.oneof(text, fc.constantFrom("\\", '"', '\\"', "\\d", "a\\")),
    }),
    fc.record({
      kind: fc.constant("number" as const),
      radix: fc.constant(10 as const),
      text: fc.stringMatching(/^-?[0-9]{1,22}$/),
    }),
    fc.record({
      kind: fc.constant("number" as const),
      radix: fc.constant(16 as const),
      text: fc.stringMatching(/^[0-9A-Fa-f]{1,18}$/),
    }),
    fc.record({ kind: fc.constant("identifier" as const), name: fc.constantFrom(...KEYWORD_NAMES) }),
  )
  .map((n) => ({ ...n, ...at }) as OperandNode);

const { expr } = fc.letrec<{ expr: ExprNode; operand: OperandNode; call: OperandNode }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    tie("operand"),
    fc
      .record({ operator: fc.constantFrom(...COMPARISON_OPERATORS), left: tie("operand"), right: tie("operand") })
      .map((c) => ({ kind: "comparison" as const, ...c, ...at })),
  ),
  operand: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("call")),
  call: fc
    .record({
      name: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/),
      args: fc.array(fc.option(tie("expr"), { nil: undefined, freq: 4 }), { maxLength: 5 }),
    })
    // A lone empty position reads as "no arguments": `F()`.
    .map(({ name, args }) => ({
      kind: "call" as const,
      name,
      args: args.length === 1 && args[0] === undefined ? [] : args,
      ...at,
    })),
}));

describe("printExpression", () => {
  it("prints canonical source, omitted positions as the docs write them", () => {
    expect(printExpression(parseExpression('Replace([x],,"re",,"",,)'))).toBe('Replace([x], , "re", , "", , )');
    expect(printExpression(parseExpression(' IIF( [a]=1 ,"y" ,\n"n")'))).toBe('IIF([a] = 1, "y", "n")');
    expect(printExpression(parseExpression("BitAnd(&hF, -007)"))).toBe("BitAnd(&HF, -007)");
    expect(printExpression(parseExpression("ignoreobjectflow"))).toBe("IgnoreObjectFlow");
    expect(printExpression(parseExpression(String.raw`Replace([m], , "\d+", , "", , )`))).toBe(
      String.raw`Replace([m], , "\\d+", , "", , )`,
    );
  });

  it("refuses an attribute name that brackets cannot hold", () => {
    expect(() => printExpression({ kind: "attribute", name: "a]b", ...at })).toThrow(RosterError);
    expect(() => printExpression({ kind: "attribute", name: "", ...at })).toThrow(/cannot be written in brackets/);
  });

  it("property: print then parse gives the same tree", () => {
    fc.assert(
      fc.property(expr, (ast) => {
        expect(stripPositions(parseExpression(printExpression(ast)))).toEqual(stripPositions(ast));
      }),
      { numRuns: 500 },
    );
  });

  it("property: printing is a fixed point after one parse", () => {
    fc.assert(
      fc.property(expr, (ast) => {
        const printed = printExpression(ast);
        expect(printExpression(parseExpression(printed))).toBe(printed);
      }),
      { numRuns: 300 },
    );
  });

  it("property: any string round-trips through quoting and parsing", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.stringMatching(/^[\\"a ]*$/)), (value) => {
        const node = parseExpression(quoteString(value));
        expect(node).toMatchObject({ kind: "string", value });
        expect(parseExpression(`Join("", ${quoteString(value)}, [a])`)).toMatchObject({ args: [{}, { value }, {}] });
      }),
      { numRuns: 1000 },
    );
  });
});
