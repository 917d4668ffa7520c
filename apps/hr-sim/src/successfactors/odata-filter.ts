/**
 * The OData v2 `$filter` subset SuccessFactors clients send: and/or/not, parentheses,
 * eq ne gt ge lt le, `in` (SF extension), string/number/boolean/null literals and
 * datetime'…' / datetimeoffset'…'. A path through a to-many navigation matches when any
 * related row does. Parsed once per request into a predicate over a rendered PerPerson.
 */

export class ODataFilterError extends Error {}

export type Literal = string | number | boolean | null | { readonly ms: number };
export type FilterNode = Node;
type Node =
  | { readonly kind: "and" | "or"; readonly left: Node; readonly right: Node }
  | { readonly kind: "not"; readonly operand: Node }
  | { readonly kind: "compare"; readonly op: string; readonly path: readonly string[]; readonly value: Literal }
  | { readonly kind: "in"; readonly path: readonly string[]; readonly values: readonly Literal[] };

type Token = { readonly type: "word" | "string" | "date" | "number" | "punct"; readonly text: string; readonly at: number };

const TOKEN = /\s*(?:(datetimeoffset|datetime)'([^']*)'|'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)(?![\w/])|([A-Za-z_$][\w$]*(?:\/[A-Za-z_$][\w$]*)*)|([(),]))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (match === null) throw new ODataFilterError(`Invalid $filter: unexpected text at position ${at}: "${text.slice(at, at + 20)}"`);
    if (match[1] !== undefined) tokens.push({ type: "date", text: match[2]!, at });
    else if (match[3] !== undefined) tokens.push({ type: "string", text: match[3].replace(/''/g, "'"), at });
    else if (match[4] !== undefined) tokens.push({ type: "number", text: match[4], at });
    else if (match[5] !== undefined) tokens.push({ type: "word", text: match[5], at });
    else tokens.push({ type: "punct", text: match[6]!, at });
  }
  return tokens;
}

const COMPARISONS = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);

/** An OData date literal: naive date-times are UTC, as SuccessFactors reads them. */
export function parseODataDate(text: string): number | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (match === null) return undefined;
  const time = match[2] ?? "00:00:00";
  const zone = match[3] === undefined ? "Z" : match[3].length === 5 ? `${match[3].slice(0, 3)}:${match[3].slice(3)}` : match[3];
  const ms = Date.parse(`${match[1]!}T${time.length === 5 ? `${time}:00` : time}${zone}`);
  return Number.isNaN(ms) ? undefined : ms;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  parse(): Node {
    const node = this.or();
    if (this.position < this.tokens.length) this.fail(`unexpected "${this.tokens[this.position]!.text}"`);
    return node;
  }

  private fail(message: string): never {
    const token = this.tokens[this.position];
    throw new ODataFilterError(`Invalid $filter: ${message}${token === undefined ? " at the end" : ` at position ${token.at}`}`);
  }

  private peekWord(word: string): boolean {
    const token = this.tokens[this.position];
    return token?.type === "word" && token.text === word;
  }

  private or(): Node {
    let left = this.and();
    while (this.peekWord("or")) {
      this.position++;
      left = { kind: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): Node {
    let left = this.unary();
    while (this.peekWord("and")) {
      this.position++;
      left = { kind: "and", left, right: this.unary() };
    }
    return left;
  }

  private unary(): Node {
    if (this.peekWord("not")) {
      this.position++;
      return { kind: "not", operand: this.unary() };
    }
    const token = this.tokens[this.position];
    if (token?.type === "punct" && token.text === "(") {
      this.position++;
      const inner = this.or();
      const close = this.tokens[this.position];
      if (close?.type !== "punct" || close.text !== ")") this.fail('missing ")"');
      this.position++;
      return inner;
    }
    if (token?.type !== "word") this.fail("expected a property path");
    this.position++;
    const path = token.text.split("/");
    const op = this.tokens[this.position];
    if (op?.type !== "word" || (!COMPARISONS.has(op.text) && op.text !== "in")) this.fail(`expected an operator after "${token.text}"`);
    this.position++;
    if (op.text === "in") {
      const values = [this.literal()];
      while (this.tokens[this.position]?.type === "punct" && this.tokens[this.position]!.text === ",") {
        this.position++;
        values.push(this.literal());
      }
      return { kind: "in", path, values };
    }
    return { kind: "compare", op: op.text, path, value: this.literal() };
  }

  private literal(): Literal {
    const token = this.tokens[this.position];
    if (token === undefined) this.fail("expected a value");
    this.position++;
    switch (token.type) {
      case "string":
        return token.text;
      case "number":
        return Number(token.text);
      case "date": {
        const ms = parseODataDate(token.text);
        if (ms === undefined) this.fail(`"${token.text}" is not a valid date literal`);
        return { ms };
      }
      case "word":
        if (token.text === "null") return null;
        if (token.text === "true") return true;
        if (token.text === "false") return false;
        return this.fail(`"${token.text}" is not a value`);
      default:
        return this.fail(`"${token.text}" is not a value`);
    }
  }
}

const DATE_VALUE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;
/** User.status is shown as text but filtered by its code. */
const STATUS_CODES: Readonly<Record<string, string>> = { active: "t", inactive: "f", active_external_suite: "e" };

function valuesAt(node: unknown, path: readonly string[], index: number, out: unknown[]): void {
  if (index === path.length) {
    out.push(node);
    return;
  }
  if (node === null || node === undefined || typeof node !== "object") {
    out.push(null);
    return;
  }
  const record = node as Record<string, unknown>;
  const results = record.results;
  if (Array.isArray(results)) {
    if (results.length === 0) out.push(null);
    for (const row of results) valuesAt(row, path, index, out);
    return;
  }
  valuesAt(record[path[index]!], path, index + 1, out);
}

function compare(value: unknown, op: string, literal: Literal): boolean {
  if (literal === null) return op === "eq" ? value === null || value === undefined : op === "ne" ? value !== null && value !== undefined : false;
  if (value === null || value === undefined) return op === "ne";
  let left: string | number | boolean;
  let right: string | number | boolean;
  if (typeof literal === "object") {
    const match = typeof value === "string" ? DATE_VALUE.exec(value) : null;
    if (match === null) return false;
    left = Number(match[1]);
    right = literal.ms;
  } else {
    left = typeof value === "string" && typeof literal === "string" && STATUS_CODES[value] === literal ? literal : (value as string | number | boolean);
    right = literal;
    if (typeof left === "string" && typeof right === "number") left = Number(left);
  }
  switch (op) {
    case "eq":
      return left === right;
    case "ne":
      return left !== right;
    case "gt":
      return left > right;
    case "ge":
      return left >= right;
    case "lt":
      return left < right;
    default:
      return left <= right;
  }
}

function evaluate(node: Node, person: unknown): boolean {
  switch (node.kind) {
    case "and":
      return evaluate(node.left, person) && evaluate(node.right, person);
    case "or":
      return evaluate(node.left, person) || evaluate(node.right, person);
    case "not":
      return !evaluate(node.operand, person);
    case "compare":
    case "in": {
      const values: unknown[] = [];
      valuesAt(person, node.path, 0, values);
      if (node.kind === "in") return values.some((value) => node.values.some((literal) => compare(value, "eq", literal)));
      return values.some((value) => compare(value, node.op, node.value));
    }
  }
}

export type PersonPredicate = (person: unknown) => boolean;

/** The filter's syntax tree; undefined for no filter. Throws ODataFilterError when malformed. */
export function parseFilter(text: string | undefined): FilterNode | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  return new Parser(tokenize(text)).parse();
}

export function predicateOf(tree: FilterNode | undefined): PersonPredicate {
  if (tree === undefined) return () => true;
  return (person) => evaluate(tree, person);
}

export function compileFilter(text: string | undefined): PersonPredicate {
  return predicateOf(parseFilter(text));
}
