/**
 * Parses the part of XPath 1.0 the light evaluator supports into a syntax tree: relative
 * location paths (child, attribute, self, descendant, descendant-or-self axes; name, `*`,
 * `prefix:*`, text() and node() tests; `//` and `.`), predicates, literals, numbers, and/or,
 * comparisons, arithmetic and a set of core functions. Anything else (absolute paths, `..` and
 * other axes, unions, variables, filter expressions, other functions) throws UnsupportedXPath, and
 * the caller leaves that expression to the xpath library. The source has already been accepted by
 * the library, so this parser only needs to be right about what it accepts.
 */

export class UnsupportedXPath extends Error {
  override readonly name = "UnsupportedXPath";
}

export type Axis = "child" | "attribute" | "self" | "descendant" | "descendant-or-self";

export type NodeTest =
  /** `localName` null for `*` or `prefix:*`; `prefix` null for an unprefixed name. */
  | { readonly kind: "name"; readonly prefix: string | null; readonly localName: string | null }
  | { readonly kind: "text" }
  | { readonly kind: "node" };

export interface Step {
  readonly axis: Axis;
  readonly test: NodeTest;
  readonly predicates: readonly Expression[];
}

export type Expression =
  | { readonly kind: "path"; readonly steps: readonly Step[] }
  | { readonly kind: "literal"; readonly value: string }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "call"; readonly name: string; readonly args: readonly Expression[] }
  | {
      readonly kind: "binary";
      readonly operator: BinaryOperator;
      readonly left: Expression;
      readonly right: Expression;
    }
  | { readonly kind: "negate"; readonly operand: Expression };

export type BinaryOperator = "or" | "and" | "=" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "div" | "mod";

type TokenType =
  | "("
  | ")"
  | "["
  | "]"
  | "."
  | ".."
  | "@"
  | ","
  | "::"
  | "operator"
  | "nametest"
  | "nodetype"
  | "function"
  | "axis"
  | "literal"
  | "number";

interface Token {
  readonly type: TokenType;
  readonly value: string;
}

const NODE_TYPES = new Set(["comment", "text", "processing-instruction", "node"]);
const OPERATOR_NAMES = new Set(["and", "or", "mod", "div"]);
const NCNAME_START = /[A-Za-z_\u00C0-\uFFFF]/;
const NCNAME_CHAR = /[\w.\u00B7\u00C0-\uFFFF-]/;
const DIGIT = /[0-9]/;
const SPACE = /[ \t\r\n]/;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  // After an operand, `*` multiplies and a name is an operator (XPath 1.0 §3.7).
  const afterOperand = (): boolean => {
    const last = tokens[tokens.length - 1];
    if (last === undefined) return false;
    return !["@", "::", "(", "[", ",", "operator"].includes(last.type);
  };
  const readName = (): string => {
    const start = i;
    while (i < source.length && NCNAME_CHAR.test(source[i]!)) i++;
    return source.slice(start, i);
  };
  const peekNonSpace = (from: number): number => {
    let j = from;
    while (j < source.length && SPACE.test(source[j]!)) j++;
    return j;
  };
  while (i < source.length) {
    const char = source[i]!;
    if (SPACE.test(char)) {
      i++;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (char === "'" || char === '"') {
      const end = source.indexOf(char, i + 1);
      if (end < 0) throw new UnsupportedXPath("unterminated literal");
      tokens.push({ type: "literal", value: source.slice(i + 1, end) });
      i = end + 1;
    } else if (DIGIT.test(char) || (char === "." && DIGIT.test(source[i + 1] ?? ""))) {
      const start = i;
      while (i < source.length && DIGIT.test(source[i]!)) i++;
      if (source[i] === ".") {
        i++;
        while (i < source.length && DIGIT.test(source[i]!)) i++;
      }
      tokens.push({ type: "number", value: source.slice(start, i) });
    } else if (two === "..") {
      tokens.push({ type: "..", value: two });
      i += 2;
    } else if (two === "::") {
      tokens.push({ type: "::", value: two });
      i += 2;
    } else if (two === "//" || two === "!=" || two === "<=" || two === ">=") {
      tokens.push({ type: "operator", value: two });
      i += 2;
    } else if ("()[].@,".includes(char)) {
      tokens.push({ type: char as TokenType, value: char });
      i++;
    } else if ("/|+-=<>".includes(char)) {
      tokens.push({ type: "operator", value: char });
      i++;
    } else if (char === "*") {
      tokens.push(afterOperand() ? { type: "operator", value: "*" } : { type: "nametest", value: "*" });
      i++;
    } else if (NCNAME_START.test(char)) {
      let name = readName();
      if (source[i] === ":" && source[i + 1] !== ":") {
        if (source[i + 1] === "*") {
          tokens.push({ type: "nametest", value: `${name}:*` });
          i += 2;
          continue;
        }
        i++;
        name += `:${readName()}`;
      }
      if (afterOperand()) {
        if (!OPERATOR_NAMES.has(name)) throw new UnsupportedXPath(`unexpected name ${name}`);
        tokens.push({ type: "operator", value: name });
        continue;
      }
      const next = peekNonSpace(i);
      if (source[next] === "(") tokens.push({ type: NODE_TYPES.has(name) ? "nodetype" : "function", value: name });
      else if (source.startsWith("::", next)) tokens.push({ type: "axis", value: name });
      else tokens.push({ type: "nametest", value: name });
    } else {
      throw new UnsupportedXPath(`unsupported character ${char}`);
    }
  }
  return tokens;
}

const ARITIES: Readonly<Record<string, readonly [number, number]>> = {
  string: [0, 1],
  concat: [2, Number.POSITIVE_INFINITY],
  translate: [3, 3],
  "normalize-space": [0, 1],
  contains: [2, 2],
  "starts-with": [2, 2],
  "substring-before": [2, 2],
  "substring-after": [2, 2],
  position: [0, 0],
  last: [0, 0],
  count: [1, 1],
  not: [1, 1],
  boolean: [1, 1],
  true: [0, 0],
  false: [0, 0],
  number: [0, 1],
};

const SUPPORTED_AXES = new Set<string>(["child", "attribute", "self", "descendant", "descendant-or-self"]);
const DESCENDANT_OR_SELF: Step = { axis: "descendant-or-self", test: { kind: "node" }, predicates: [] };

class Parser {
  private index = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  parse(): Expression {
    const expression = this.or();
    if (this.index < this.tokens.length) throw new UnsupportedXPath(`unexpected ${this.tokens[this.index]!.value}`);
    return expression;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private isOperator(...values: string[]): boolean {
    const token = this.peek();
    return token !== undefined && token.type === "operator" && values.includes(token.value);
  }

  private expect(type: TokenType): Token {
    const token = this.tokens[this.index];
    if (token === undefined || token.type !== type) throw new UnsupportedXPath(`expected ${type}`);
    this.index++;
    return token;
  }

  private binary(next: () => Expression, operators: readonly BinaryOperator[]): Expression {
    let left = next();
    while (this.isOperator(...operators)) {
      const operator = this.tokens[this.index++]!.value as BinaryOperator;
      left = { kind: "binary", operator, left, right: next() };
    }
    return left;
  }

  private or = (): Expression => this.binary(this.and, ["or"]);
  private and = (): Expression => this.binary(this.equality, ["and"]);
  private equality = (): Expression => this.binary(this.relational, ["=", "!="]);
  private relational = (): Expression => this.binary(this.additive, ["<", "<=", ">", ">="]);
  private additive = (): Expression => this.binary(this.multiplicative, ["+", "-"]);
  private multiplicative = (): Expression => this.binary(this.unary, ["*", "div", "mod"]);

  private unary = (): Expression => {
    if (this.isOperator("-")) {
      this.index++;
      return { kind: "negate", operand: this.unary() };
    }
    const operand = this.pathExpression();
    if (this.isOperator("|")) throw new UnsupportedXPath("unions are not supported");
    return operand;
  };

  private pathExpression(): Expression {
    const token = this.peek();
    if (token === undefined) throw new UnsupportedXPath("unexpected end");
    switch (token.type) {
      case "literal":
        this.index++;
        return this.noFilter({ kind: "literal", value: token.value });
      case "number":
        this.index++;
        return this.noFilter({ kind: "number", value: Number(token.value) });
      case "function":
        return this.noFilter(this.call());
      case "(":
        throw new UnsupportedXPath("parenthesised expressions are not supported");
      case "operator":
        throw new UnsupportedXPath("absolute location paths are not supported");
      default:
        return { kind: "path", steps: this.relativePath() };
    }
  }

  /** A primary expression may not be followed by predicates or a path here. */
  private noFilter(expression: Expression): Expression {
    const token = this.peek();
    if (
      token !== undefined &&
      (token.type === "[" || (token.type === "operator" && (token.value === "/" || token.value === "//")))
    ) {
      throw new UnsupportedXPath("filter expressions are not supported");
    }
    return expression;
  }

  private call(): Expression {
    const name = this.expect("function").value;
    const arity = ARITIES[name];
    if (arity === undefined) throw new UnsupportedXPath(`function ${name}() is not supported`);
    this.expect("(");
    const args: Expression[] = [];
    if (this.peek()?.type !== ")") {
      args.push(this.or());
      while (this.peek()?.type === ",") {
        this.index++;
        args.push(this.or());
      }
    }
    this.expect(")");
    if (args.length < arity[0] || args.length > arity[1]) throw new UnsupportedXPath(`wrong arity for ${name}()`);
    return { kind: "call", name, args };
  }

  private relativePath(): Step[] {
    const steps = [this.step()];
    while (this.isOperator("/", "//")) {
      if (this.tokens[this.index++]!.value === "//") steps.push(DESCENDANT_OR_SELF);
      steps.push(this.step());
    }
    // descendant-or-self::node() is evaluated over elements only, which is exact only when a
    // child or attribute step follows (text nodes have neither).
    steps.forEach((step, index) => {
      const next = steps[index + 1];
      if (
        step.axis === "descendant-or-self" &&
        step.test.kind === "node" &&
        (next === undefined || (next.axis !== "child" && next.axis !== "attribute"))
      ) {
        throw new UnsupportedXPath("descendant-or-self must be followed by a child or attribute step");
      }
    });
    return steps;
  }

  private step(): Step {
    const token = this.peek();
    if (token === undefined) throw new UnsupportedXPath("unexpected end");
    if (token.type === ".") {
      this.index++;
      return { axis: "self", test: { kind: "node" }, predicates: [] };
    }
    if (token.type === "..") throw new UnsupportedXPath("the parent axis is not supported");
    let axis: Axis = "child";
    if (token.type === "@") {
      this.index++;
      axis = "attribute";
    } else if (token.type === "axis") {
      if (!SUPPORTED_AXES.has(token.value)) throw new UnsupportedXPath(`axis ${token.value} is not supported`);
      axis = token.value as Axis;
      this.index++;
      this.expect("::");
    }
    const test = this.nodeTest(axis);
    const predicates: Expression[] = [];
    while (this.peek()?.type === "[") {
      this.index++;
      predicates.push(this.or());
      this.expect("]");
    }
    return { axis, test, predicates };
  }

  private nodeTest(axis: Axis): NodeTest {
    const token = this.peek();
    if (token?.type === "nodetype") {
      this.index++;
      this.expect("(");
      this.expect(")");
      // Comments and processing instructions are not in the light tree, so node() may only be
      // used where it cannot reach them.
      if (token.value === "text" && axis === "child") return { kind: "text" };
      if (token.value === "node" && (axis === "self" || axis === "descendant-or-self")) return { kind: "node" };
      throw new UnsupportedXPath(`${axis}::${token.value}() is not supported`);
    }
    const name = this.expect("nametest").value;
    // The self axis is only supported as `.`: a name test there depends on the node's kind.
    if (axis === "self") throw new UnsupportedXPath("self:: with a name test is not supported");
    // An attribute wildcard would also select namespace declarations in the DOM.
    if (axis === "attribute" && name.endsWith("*")) throw new UnsupportedXPath("attribute wildcards are not supported");
    if (name === "*") return { kind: "name", prefix: null, localName: null };
    const colon = name.indexOf(":");
    if (colon < 0) return { kind: "name", prefix: null, localName: name };
    const localName = name.slice(colon + 1);
    return { kind: "name", prefix: name.slice(0, colon), localName: localName === "*" ? null : localName };
  }
}

export function parseXPath(source: string): Expression {
  return new Parser(tokenize(source)).parse();
}
