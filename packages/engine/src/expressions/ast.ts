/**
 * Syntax tree of an attribute-mapping expression. Nodes carry source offsets
 * (start inclusive, end exclusive) so compile-time errors can point at them;
 * `stripPositions` gives the position-free shape for structural comparison.
 */
import { IGNORE_ATTRIBUTE_FLOW, IGNORE_OBJECT_FLOW, type Value } from "./types.js";

export type ComparisonOperator = "=" | "<>" | ">" | ">=" | "<" | "<=";

export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = ["=", "<>", ">", ">=", "<", "<="];

interface NodeBase {
  /** Offset of the node's first character in the source. */
  readonly start: number;
  /** Offset just past the node's last character. */
  readonly end: number;
}

/** `Name(arg, , arg)`: an omitted (empty) argument position is `undefined`. */
export interface CallNode extends NodeBase {
  readonly kind: "call";
  /** As written; function names are matched case-insensitively at compile time. */
  readonly name: string;
  /** `F()` has no arguments; a single empty position is not distinguishable from that. */
  readonly args: readonly (ExprNode | undefined)[];
}

/** `[name]`: a source attribute. The name is kept exactly as written. */
export interface AttributeNode extends NodeBase {
  readonly kind: "attribute";
  readonly name: string;
}

/** `"text"` with escapes resolved. */
export interface StringNode extends NodeBase {
  readonly kind: "string";
  readonly value: string;
}

/**
 * An integer literal. `text` is the literal as written: "-?digits" for radix 10,
 * the hex digits after `&H` for radix 16. Use `numberLiteralValue` for its value.
 */
export interface NumberNode extends NodeBase {
  readonly kind: "number";
  readonly radix: 10 | 16;
  readonly text: string;
}

/** A bare word: one of KEYWORDS, in its canonical spelling. */
export interface IdentifierNode extends NodeBase {
  readonly kind: "identifier";
  readonly name: KeywordName;
}

/** `left op right`. Comparisons do not chain, so both sides are operands. */
export interface ComparisonNode extends NodeBase {
  readonly kind: "comparison";
  readonly operator: ComparisonOperator;
  readonly left: OperandNode;
  readonly right: OperandNode;
}

export type OperandNode = CallNode | AttributeNode | StringNode | NumberNode | IdentifierNode;
export type ExprNode = OperandNode | ComparisonNode;
export type LiteralNode = StringNode | NumberNode | IdentifierNode;

/** The bare words the language knows, with their values. */
export const KEYWORDS = {
  vbBinaryCompare: 0,
  vbTextCompare: 1,
  IgnoreAttributeFlow: IGNORE_ATTRIBUTE_FLOW,
  IgnoreObjectFlow: IGNORE_OBJECT_FLOW,
} as const satisfies Record<string, Value>;

export type KeywordName = keyof typeof KEYWORDS;

export const KEYWORD_NAMES = Object.keys(KEYWORDS) as readonly KeywordName[];

const KEYWORD_BY_LOWER_NAME: ReadonlyMap<string, KeywordName> = new Map(KEYWORD_NAMES.map((k) => [k.toLowerCase(), k]));

/** Canonical spelling of a bare word (matched case-insensitively), or undefined when it is not one. */
export function findKeyword(word: string): KeywordName | undefined {
  return KEYWORD_BY_LOWER_NAME.get(word.toLowerCase());
}

/**
 * Value of an integer literal: a number, or, beyond ±2^53, the exact decimal digits as
 * a string (functions such as DateFromNum take FILETIME values larger than that).
 */
export function numberLiteralValue(node: NumberNode): number | string {
  const n = node.radix === 16 ? Number.parseInt(node.text, 16) : Number(node.text);
  if (Number.isSafeInteger(n)) return n === 0 ? 0 : n; // no -0
  return (node.radix === 16 ? BigInt(`0x${node.text}`) : BigInt(node.text)).toString();
}

export function isLiteralNode(node: ExprNode): node is LiteralNode {
  return node.kind === "string" || node.kind === "number" || node.kind === "identifier";
}

/** The value a literal stands for. */
export function literalValue(node: LiteralNode): Value {
  switch (node.kind) {
    case "string":
      return node.value;
    case "number":
      return numberLiteralValue(node);
    case "identifier":
      return KEYWORDS[node.name];
  }
}

/** Attribute names referenced anywhere in the tree, in source order, without duplicates. */
export function collectAttributes(node: ExprNode, into: string[] = []): string[] {
  switch (node.kind) {
    case "attribute":
      if (!into.includes(node.name)) into.push(node.name);
      break;
    case "call":
      for (const arg of node.args) if (arg !== undefined) collectAttributes(arg, into);
      break;
    case "comparison":
      collectAttributes(node.left, into);
      collectAttributes(node.right, into);
      break;
    default:
      break;
  }
  return into;
}

export type WithoutPositions<N> = N extends ExprNode
  ? { [K in Exclude<keyof N, "start" | "end">]: WithoutPositionsField<N[K]> }
  : never;
type WithoutPositionsField<F> = F extends ExprNode
  ? WithoutPositions<F>
  : F extends readonly (infer E)[]
    ? readonly WithoutPositionsField<E>[]
    : F;

/** The tree without source offsets: two parses of equivalent text compare equal with this. */
export function stripPositions<N extends ExprNode>(node: N): WithoutPositions<N>;
export function stripPositions(node: ExprNode): unknown {
  switch (node.kind) {
    case "call":
      return {
        kind: "call",
        name: node.name,
        args: node.args.map((a) => (a === undefined ? undefined : stripPositions(a))),
      };
    case "attribute":
      return { kind: "attribute", name: node.name };
    case "string":
      return { kind: "string", value: node.value };
    case "number":
      return { kind: "number", radix: node.radix, text: node.text };
    case "identifier":
      return { kind: "identifier", name: node.name };
    case "comparison":
      return {
        kind: "comparison",
        operator: node.operator,
        left: stripPositions(node.left),
        right: stripPositions(node.right),
      };
  }
}
