/**
 * Compiles a supported XPath 1.0 expression (xpath-syntax.ts) once into closures that evaluate
 * it over the light tree, with the xpath library's semantics: node-sets in document order without
 * duplicates, predicates with context position and size, XPath comparisons between node-sets and
 * scalars, and the library's number parsing. Name tests resolve prefixes through
 * XPATH_NAMESPACES and compare namespace URIs, so the prefixes a response uses do not matter.
 *
 * Expressions whose result or any string conversion would need a number turned into a string are
 * left to the library (its number formatting is not reproduced); compileLightXPath returns
 * undefined for them and for every unsupported construct.
 */
import {
  ELEMENT_NODE,
  lightStringValue,
  lightTextChildren,
  type LightElement,
  type LightNode,
} from "../../xml/light-tree.js";
import { XPATH_NAMESPACES } from "../../xml/namespaces.js";
import { parseXPath, UnsupportedXPath, type Expression, type NodeTest, type Step } from "./xpath-syntax.js";

type Value = LightNode[] | string | number | boolean;
type ValueType = "nodes" | "string" | "number" | "boolean";
type Evaluate = (node: LightNode, position: number, size: number) => Value;
type NodesOf = (node: LightNode) => LightNode[];
type Select = (node: LightNode, into: LightNode[]) => void;

// The library's number syntax (stricter than Number(): no exponent, hex or Infinity).
const NUMBER_FORMAT = /^\s*-?[0-9]*\.?[0-9]+\s*$/;
const XPATH_SPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;
const XPATH_SPACE_RUN = /[ \t\r\n]+/g;

const parseNumber = (text: string): number => (NUMBER_FORMAT.test(text) ? Number.parseFloat(text) : Number.NaN);

function toBoolean(value: Value): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "number") return value !== 0 && !Number.isNaN(value);
  if (typeof value === "string") return value.length > 0;
  return value;
}

function toNumber(value: Value): number {
  if (Array.isArray(value)) return value.length === 0 ? Number.NaN : parseNumber(lightStringValue(value[0]!));
  if (typeof value === "string") return parseNumber(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** Never called with a number: the compiler rejects number-to-string conversions. */
function toText(value: Value): string {
  if (Array.isArray(value)) return value.length === 0 ? "" : lightStringValue(value[0]!);
  if (typeof value === "boolean") return value ? "true" : "false";
  return value as string;
}

function compareScalars(operator: string, left: string | number | boolean, right: string | number | boolean): boolean {
  if (operator === "=" || operator === "!=") {
    let equal: boolean;
    if (typeof left === "boolean" || typeof right === "boolean") equal = toBoolean(left) === toBoolean(right);
    else if (typeof left === "number" || typeof right === "number") equal = toNumber(left) === toNumber(right);
    else equal = left === right;
    return operator === "=" ? equal : !equal;
  }
  const a = toNumber(left);
  const b = toNumber(right);
  switch (operator) {
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    default:
      return a >= b;
  }
}

/** XPath 1.0 §3.4: node-sets compare existentially, by string-value or number. */
function compare(operator: string, left: Value, right: Value): boolean {
  const leftNodes = Array.isArray(left);
  const rightNodes = Array.isArray(right);
  if (leftNodes && rightNodes) {
    const rightValues = right.map(lightStringValue);
    for (const node of left) {
      const value = lightStringValue(node);
      for (const other of rightValues) if (compareScalars(operator, value, comparable(operator, other))) return true;
    }
    return false;
  }
  if (leftNodes || rightNodes) {
    const nodes = (leftNodes ? left : right) as LightNode[];
    const scalar = (leftNodes ? right : left) as string | number | boolean;
    if (typeof scalar === "boolean") {
      return leftNodes
        ? compareScalars(operator, nodes.length > 0, scalar)
        : compareScalars(operator, scalar, nodes.length > 0);
    }
    for (const node of nodes) {
      const text = lightStringValue(node);
      const value = typeof scalar === "number" ? parseNumber(text) : comparable(operator, text);
      if (leftNodes ? compareScalars(operator, value, scalar) : compareScalars(operator, scalar, value)) return true;
    }
    return false;
  }
  return compareScalars(operator, left as string | number | boolean, right as string | number | boolean);
}

/** Relational operators compare node string-values as numbers. */
const comparable = (operator: string, text: string): string | number =>
  operator === "=" || operator === "!=" ? text : parseNumber(text);

function sortUnique(nodes: LightNode[]): LightNode[] {
  nodes.sort((a, b) => a.order - b.order);
  let kept = 0;
  for (let i = 0; i < nodes.length; i++)
    if (i === 0 || nodes[i]!.order !== nodes[kept - 1]!.order) nodes[kept++] = nodes[i]!;
  nodes.length = kept;
  return nodes;
}

function resolvePrefix(prefix: string | null): string | null {
  if (prefix === null) return null;
  const namespace = XPATH_NAMESPACES[prefix];
  if (namespace === undefined) throw new UnsupportedXPath(`prefix ${prefix} is not declared`);
  return namespace;
}

/** Whether an element/attribute matches a name test (localName null: any name). */
function nameMatcher(test: Extract<NodeTest, { kind: "name" }>): (node: LightNode) => boolean {
  const namespace = resolvePrefix(test.prefix);
  const { localName } = test;
  if (test.prefix === null && localName === null) return () => true;
  if (localName === null) return (node) => (node as LightElement).namespace === namespace;
  return (node) => (node as LightElement).localName === localName && (node as LightElement).namespace === namespace;
}

function descendants(
  node: LightNode,
  includeSelf: boolean,
  matches: (node: LightNode) => boolean,
  into: LightNode[],
): void {
  if (node.kind !== ELEMENT_NODE) return;
  if (includeSelf && matches(node)) into.push(node);
  for (const child of node.children) if (child.kind === ELEMENT_NODE) descendants(child, true, matches, into);
}

function axisSelector(step: Step): Select {
  const { axis, test } = step;
  if (test.kind === "node") {
    if (axis === "self") return (node, into) => void into.push(node);
    // descendant-or-self::node() before a child/attribute step: elements are enough.
    return (node, into) => descendants(node, true, () => true, into);
  }
  if (test.kind === "text") {
    return (node, into) => {
      if (node.kind === ELEMENT_NODE) lightTextChildren(node, into);
    };
  }
  const matches = nameMatcher(test);
  switch (axis) {
    case "attribute":
      return (node, into) => {
        if (node.kind !== ELEMENT_NODE) return;
        for (const attribute of node.attributes) if (matches(attribute)) into.push(attribute);
      };
    case "child":
      return (node, into) => {
        if (node.kind !== ELEMENT_NODE) return;
        for (const child of node.children) if (child.kind === ELEMENT_NODE && matches(child)) into.push(child);
      };
    case "descendant":
      return (node, into) => descendants(node, false, matches, into);
    case "descendant-or-self":
      return (node, into) => descendants(node, true, matches, into);
    default:
      throw new UnsupportedXPath(`axis ${axis} is not supported`);
  }
}

function compileStep(step: Step): Select {
  const select = axisSelector(step);
  if (step.predicates.length === 0) return select;
  const predicates = step.predicates.map((predicate) => compile(predicate).evaluate);
  const candidates: LightNode[] = [];
  return (node, into) => {
    candidates.length = 0;
    select(node, candidates);
    let current = candidates.slice();
    for (const predicate of predicates) {
      const size = current.length;
      const kept: LightNode[] = [];
      for (let i = 0; i < size; i++) {
        const candidate = current[i]!;
        const value = predicate(candidate, i + 1, size);
        if (typeof value === "number" ? value === i + 1 : toBoolean(value)) kept.push(candidate);
      }
      current = kept;
    }
    for (const kept of current) into.push(kept);
  };
}

function compilePath(steps: readonly Step[]): NodesOf {
  const selectors = steps.map(compileStep);
  // Once a descendant step has run, the set may hold nested nodes: results then need sorting.
  const reorders = steps.map((_, index) =>
    steps.slice(0, index + 1).some((step) => step.axis.startsWith("descendant")),
  );
  return (start) => {
    let nodes: LightNode[] = [start];
    for (let s = 0; s < selectors.length; s++) {
      const next: LightNode[] = [];
      const select = selectors[s]!;
      for (let n = 0; n < nodes.length; n++) select(nodes[n]!, next);
      nodes = reorders[s] && nodes.length > 1 ? sortUnique(next) : next;
      if (nodes.length === 0) break;
    }
    return nodes;
  };
}

interface Compiled {
  readonly type: ValueType;
  readonly evaluate: Evaluate;
}

/** An argument that the function reads as a string; numbers would need library formatting. */
function stringArgument(expression: Expression): Evaluate {
  const argument = compile(expression);
  if (argument.type === "number") throw new UnsupportedXPath("number-to-string conversion is not supported");
  const { evaluate } = argument;
  if (argument.type === "string") return evaluate;
  return (node, position, size) => toText(evaluate(node, position, size));
}

function translator(from: string, to: string): Map<string, string> {
  const table = new Map<string, string>();
  for (let i = 0; i < from.length; i++) if (!table.has(from[i]!)) table.set(from[i]!, i < to.length ? to[i]! : "");
  return table;
}

function translate(text: string, table: Map<string, string>): string {
  let result = "";
  for (let i = 0; i < text.length; i++) {
    const replacement = table.get(text[i]!);
    result += replacement === undefined ? text[i]! : replacement;
  }
  return result;
}

function compileCall(name: string, args: readonly Expression[]): Compiled {
  const contextText: Evaluate = (node) => lightStringValue(node);
  switch (name) {
    case "string": {
      const argument = args.length === 0 ? contextText : stringArgument(args[0]!);
      return { type: "string", evaluate: argument };
    }
    case "concat": {
      const parts = args.map(stringArgument);
      return {
        type: "string",
        evaluate: (node, position, size) => {
          let text = "";
          for (const part of parts) text += part(node, position, size) as string;
          return text;
        },
      };
    }
    case "translate": {
      const [value, from, to] = args.map(stringArgument) as [Evaluate, Evaluate, Evaluate];
      const constant = args[1]!.kind === "literal" && args[2]!.kind === "literal";
      const table = constant
        ? translator((args[1] as { value: string }).value, (args[2] as { value: string }).value)
        : undefined;
      return {
        type: "string",
        evaluate: (node, position, size) =>
          translate(
            value(node, position, size) as string,
            table ?? translator(from(node, position, size) as string, to(node, position, size) as string),
          ),
      };
    }
    case "normalize-space": {
      const argument = args.length === 0 ? contextText : stringArgument(args[0]!);
      return {
        type: "string",
        evaluate: (node, position, size) =>
          (argument(node, position, size) as string).replace(XPATH_SPACE, "").replace(XPATH_SPACE_RUN, " "),
      };
    }
    case "contains":
    case "starts-with":
    case "substring-before":
    case "substring-after": {
      const [first, second] = args.map(stringArgument) as [Evaluate, Evaluate];
      const operation = STRING_OPERATIONS[name]!;
      return {
        type: name === "contains" || name === "starts-with" ? "boolean" : "string",
        evaluate: (node, position, size) =>
          operation(first(node, position, size) as string, second(node, position, size) as string),
      };
    }
    case "position":
      return { type: "number", evaluate: (_node, position) => position };
    case "last":
      return { type: "number", evaluate: (_node, _position, size) => size };
    case "count": {
      const argument = compile(args[0]!);
      if (argument.type !== "nodes") throw new UnsupportedXPath("count() needs a node-set");
      return {
        type: "number",
        evaluate: (node, position, size) => (argument.evaluate(node, position, size) as LightNode[]).length,
      };
    }
    case "not":
    case "boolean": {
      const { evaluate } = compile(args[0]!);
      const negate = name === "not";
      return {
        type: "boolean",
        evaluate: (node, position, size) => toBoolean(evaluate(node, position, size)) !== negate,
      };
    }
    case "true":
    case "false": {
      const value = name === "true";
      return { type: "boolean", evaluate: () => value };
    }
    case "number": {
      const argument = args.length === 0 ? contextText : compile(args[0]!).evaluate;
      return { type: "number", evaluate: (node, position, size) => toNumber(argument(node, position, size)) };
    }
    default:
      throw new UnsupportedXPath(`function ${name}() is not supported`);
  }
}

const STRING_OPERATIONS: Readonly<Record<string, (a: string, b: string) => string | boolean>> = {
  contains: (a, b) => a.includes(b),
  "starts-with": (a, b) => a.startsWith(b),
  "substring-before": (a, b) => {
    const at = a.indexOf(b);
    return at < 0 ? "" : a.slice(0, at);
  },
  "substring-after": (a, b) => {
    const at = a.indexOf(b);
    return at < 0 ? "" : a.slice(at + b.length);
  },
};

function compile(expression: Expression): Compiled {
  switch (expression.kind) {
    case "path": {
      const nodesOf = compilePath(expression.steps);
      return { type: "nodes", evaluate: (node) => nodesOf(node) };
    }
    case "literal": {
      const { value } = expression;
      return { type: "string", evaluate: () => value };
    }
    case "number": {
      const { value } = expression;
      return { type: "number", evaluate: () => value };
    }
    case "negate": {
      const { evaluate } = compile(expression.operand);
      return { type: "number", evaluate: (node, position, size) => -toNumber(evaluate(node, position, size)) };
    }
    case "call":
      return compileCall(expression.name, expression.args);
    case "binary": {
      const left = compile(expression.left).evaluate;
      const right = compile(expression.right).evaluate;
      const { operator } = expression;
      switch (operator) {
        case "or":
          return {
            type: "boolean",
            evaluate: (n, p, s) => toBoolean(left(n, p, s)) || toBoolean(right(n, p, s)),
          };
        case "and":
          return {
            type: "boolean",
            evaluate: (n, p, s) => toBoolean(left(n, p, s)) && toBoolean(right(n, p, s)),
          };
        case "=":
        case "!=":
        case "<":
        case "<=":
        case ">":
        case ">=":
          return { type: "boolean", evaluate: (n, p, s) => compare(operator, left(n, p, s), right(n, p, s)) };
        default: {
          const arithmetic = ARITHMETIC[operator]!;
          return {
            type: "number",
            evaluate: (n, p, s) => arithmetic(toNumber(left(n, p, s)), toNumber(right(n, p, s))),
          };
        }
      }
    }
  }
}

const ARITHMETIC: Readonly<Record<string, (a: number, b: number) => number>> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  div: (a, b) => a / b,
  mod: (a, b) => a % b,
};

/** A compiled expression, evaluated with a wd:Response_Data element as the context node. */
export class LightXPath {
  constructor(
    readonly source: string,
    private readonly type: ValueType,
    private readonly evaluate: Evaluate,
  ) {}

  /** The selected nodes' string-values in document order, or the expression's string value. */
  values(context: LightElement): string[] | string {
    const value = this.evaluate(context, 1, 1);
    if (!Array.isArray(value)) return toText(value);
    const values = new Array<string>(value.length);
    for (let i = 0; i < value.length; i++) values[i] = lightStringValue(value[i]!);
    return values;
  }

  /** The first selected node's string-value (null when none), or the expression's string value. */
  first(context: LightElement): string | null {
    const value = this.evaluate(context, 1, 1);
    if (!Array.isArray(value)) return toText(value);
    return value.length === 0 ? null : lightStringValue(value[0]!);
  }

  get returnsNodes(): boolean {
    return this.type === "nodes";
  }
}

/** The light evaluator for `source`, or undefined when the expression is outside the supported subset. */
export function compileLightXPath(source: string): LightXPath | undefined {
  try {
    const compiled = compile(parseXPath(source));
    if (compiled.type === "number") return undefined;
    return new LightXPath(source, compiled.type, compiled.evaluate);
  } catch (error) {
    if (error instanceof UnsupportedXPath) return undefined;
    throw error;
  }
}
