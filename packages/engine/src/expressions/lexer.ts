/**
 * Tokenizer of the expression language. Malformed literals (an unterminated
 * string, `&H` without digits) throw at once; a character that starts no token
 * becomes an "invalid" token, so the parser can say what it expected instead.
 */
import { RosterError } from "../errors/error-codes.js";

export type TokenKind =
  | "name"
  | "attribute"
  | "string"
  | "number"
  | "hex"
  | "("
  | ")"
  | ","
  | "operator"
  | "invalid"
  | "end";

export interface Token {
  readonly kind: TokenKind;
  readonly start: number;
  readonly end: number;
  /**
   * name: the word; attribute: the name between the brackets; string: the text with
   * escapes resolved; number: the literal as written; hex: the digits after &H;
   * operator / punctuation / invalid: the characters themselves; end: "".
   */
  readonly value: string;
}

export interface SourcePosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
  readonly offset: number;
}

/** Line and column of an offset; \n, \r\n and a lone \r each end a line. */
export function positionAt(source: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const stop = Math.min(offset, source.length);
  for (let i = 0; i < stop; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || (c === 13 && source.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}

/**
 * RosterError("InvalidExpression") whose message starts with "line:column: ".
 * `expected` lists what would have been accepted at that point, when known.
 */
export function expressionError(
  source: string,
  offset: number,
  message: string,
  expected?: readonly string[],
): RosterError {
  const pos = positionAt(source, offset);
  const details: Record<string, unknown> = { line: pos.line, column: pos.column, offset };
  if (expected !== undefined) details.expected = expected;
  return new RosterError("InvalidExpression", `${pos.line}:${pos.column}: ${message}`, details);
}

const CH_TAB = 9;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_QUOTE = 34;
const CH_AMP = 38;
const CH_LPAREN = 40;
const CH_RPAREN = 41;
const CH_COMMA = 44;
const CH_MINUS = 45;
const CH_LT = 60;
const CH_EQ = 61;
const CH_GT = 62;
const CH_LBRACKET = 91;
const CH_BACKSLASH = 92;
const CH_NBSP = 0xa0;
const CH_BOM = 0xfeff;

export function isWhitespace(c: number): boolean {
  // CH_TAB..CH_CR covers tab, LF, VT, FF and CR.
  return c === CH_SPACE || (c >= CH_TAB && c <= CH_CR) || c === CH_NBSP || c === CH_BOM;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isNamePart(c: number): boolean {
  return isNameStart(c) || isDigit(c);
}

/** Text of a string literal for printing: `"` and `\` are escaped, everything else is kept. */
export function quoteString(value: string): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === CH_QUOTE || c === CH_BACKSLASH) {
      out += `${value.slice(from, i)}\\`;
      from = i;
    }
  }
  return `${out}${value.slice(from)}"`;
}

export class Lexer {
  private pos = 0;

  constructor(private readonly source: string) {}

  next(): Token {
    const src = this.source;
    const len = src.length;
    let i = this.pos;
    while (i < len && isWhitespace(src.charCodeAt(i))) i++;
    if (i >= len) {
      this.pos = len;
      return { kind: "end", start: len, end: len, value: "" };
    }
    const start = i;
    const c = src.charCodeAt(i);
    switch (c) {
      case CH_LPAREN:
        return this.token("(", start, start + 1, "(");
      case CH_RPAREN:
        return this.token(")", start, start + 1, ")");
      case CH_COMMA:
        return this.token(",", start, start + 1, ",");
      case CH_EQ:
        return this.token("operator", start, start + 1, "=");
      case CH_LT: {
        const n = src.charCodeAt(i + 1);
        if (n === CH_GT) return this.token("operator", start, start + 2, "<>");
        if (n === CH_EQ) return this.token("operator", start, start + 2, "<=");
        return this.token("operator", start, start + 1, "<");
      }
      case CH_GT:
        return src.charCodeAt(i + 1) === CH_EQ
          ? this.token("operator", start, start + 2, ">=")
          : this.token("operator", start, start + 1, ">");
      case CH_QUOTE:
        return this.string(start);
      case CH_LBRACKET:
        return this.attribute(start);
      case CH_AMP:
        return this.hex(start);
      default:
        break;
    }
    if (isDigit(c) || c === CH_MINUS) return this.number(start);
    if (isNameStart(c)) {
      i++;
      while (i < len && isNamePart(src.charCodeAt(i))) i++;
      return this.token("name", start, i, src.slice(start, i));
    }
    const cp = src.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    return this.token("invalid", start, start + width, src.slice(start, start + width));
  }

  private token(kind: TokenKind, start: number, end: number, value: string): Token {
    this.pos = end;
    return { kind, start, end, value };
  }

  private string(start: number): Token {
    const src = this.source;
    const len = src.length;
    let value = "";
    let from = start + 1;
    let i = from;
    for (;;) {
      if (i >= len) {
        throw expressionError(src, start, 'unterminated string: expected a closing " before end of input', ['"']);
      }
      const c = src.charCodeAt(i);
      if (c === CH_QUOTE) break;
      if (c === CH_BACKSLASH) {
        const n = src.charCodeAt(i + 1);
        if (n === CH_QUOTE || n === CH_BACKSLASH) {
          // \" and \\ stand for the character; any other escape is kept as written (docs write "\d" for a regex \d).
          value += src.slice(from, i);
          from = i + 1;
          i += 2;
          continue;
        }
      }
      i++;
    }
    value += src.slice(from, i);
    return this.token("string", start, i + 1, value);
  }

  private attribute(start: number): Token {
    const src = this.source;
    const close = src.indexOf("]", start + 1);
    if (close < 0) {
      throw expressionError(src, start, "unterminated attribute name: expected ] before end of input", ["]"]);
    }
    if (close === start + 1) throw expressionError(src, start, "empty attribute name []", ["an attribute name"]);
    return this.token("attribute", start, close + 1, src.slice(start + 1, close));
  }

  private number(start: number): Token {
    const src = this.source;
    const len = src.length;
    let i = start;
    if (src.charCodeAt(i) === CH_MINUS) {
      i++;
      if (!isDigit(src.charCodeAt(i))) throw expressionError(src, i, 'expected a digit after "-"', ["a digit"]);
    }
    while (i < len && isDigit(src.charCodeAt(i))) i++;
    if (i < len && isNamePart(src.charCodeAt(i))) {
      let j = i;
      while (j < len && isNamePart(src.charCodeAt(j))) j++;
      throw expressionError(src, start, `invalid number "${src.slice(start, j)}": an integer has digits only`, [
        "a digit",
      ]);
    }
    return this.token("number", start, i, src.slice(start, i));
  }

  private hex(start: number): Token {
    const src = this.source;
    const len = src.length;
    const h = src.charCodeAt(start + 1);
    if (h !== 72 && h !== 104) return this.token("invalid", start, start + 1, "&");
    let i = start + 2;
    while (i < len && isHexDigit(src.charCodeAt(i))) i++;
    if (i === start + 2) throw expressionError(src, i, 'expected hex digits after "&H"', ["a hex digit"]);
    if (i < len && isNamePart(src.charCodeAt(i))) {
      let j = i;
      while (j < len && isNamePart(src.charCodeAt(j))) j++;
      throw expressionError(src, start, `invalid hex number "${src.slice(start, j)}": expected hex digits 0-9 A-F`, [
        "a hex digit",
      ]);
    }
    return this.token("hex", start, i, src.slice(start + 2, i));
  }
}

const INVALID_CHARACTER_HINTS: Readonly<Record<string, string>> = {
  "'": "strings use double quotes",
  "\u201c": "a typographic quote; strings use straight double quotes",
  "\u201d": "a typographic quote; strings use straight double quotes",
  "\u201e": "a typographic quote; strings use straight double quotes",
  "&": "& concatenation is not supported; use Join or Append",
  "+": "there is no + operator; use Join or Append to concatenate",
  "!": "use <> for not equal",
};

const MAX_SHOWN = 30;

function shorten(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/** How a token is named in "found …" messages. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case "end":
      return "end of input";
    case "name":
      return `word ${shorten(token.value)}`;
    case "attribute":
      return `attribute [${shorten(token.value)}]`;
    case "string":
      return `string ${quoteString(shorten(token.value))}`;
    case "number":
      return `number ${shorten(token.value)}`;
    case "hex":
      return `number &H${shorten(token.value)}`;
    case "invalid": {
      const hint = INVALID_CHARACTER_HINTS[token.value];
      return hint === undefined ? `character "${token.value}"` : `character "${token.value}" (${hint})`;
    }
    default:
      return `"${token.value}"`;
  }
}
