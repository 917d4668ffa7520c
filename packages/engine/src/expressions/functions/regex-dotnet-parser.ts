/**
 * Parses a .NET regular expression (the dialect of Entra's Replace and scoping REGEX
 * MATCH) into a small tree that regex-js-emitter.ts turns into a JavaScript RegExp.
 *
 * It follows .NET's parser where the two dialects differ: \w \d \s \b are Unicode,
 * `$` also matches before a final \n, inline options (?imnsx-imnsx) and (?imnsx:...),
 * (?<name>...) / (?'name'...), \k<name>, \<name>, octal escapes, and an escaped word
 * character that is not a known escape (\q, \_) is an error while any other escaped
 * character is literal (\@, \-, \:). Class subtraction [a-z-[aeiou]] and atomic groups
 * (?>...) become their own nodes, which the emitter spells with lookarounds. Constructs
 * JavaScript cannot express are rejected with a message naming them: possessive
 * quantifiers, conditionals, balancing groups, \G.
 *
 * .NET numbers unnamed groups first, then named groups; both passes below are needed
 * because a backreference may point forward and \12 is octal unless group 12 exists.
 */
import {
  type CodeUnitSet,
  boundaryWordSet,
  complementSet,
  digitSet,
  emitSet,
  isDotNetWordChar,
  isUnsupportedBlockName,
  propertySet,
  spaceSet,
  unionSets,
  wordSet,
} from "./regex-char-sets.js";

const OPTION_IGNORE_CASE = 1;
const OPTION_MULTILINE = 2;
const OPTION_SINGLELINE = 4;
const OPTION_IGNORE_WHITESPACE = 8;
const OPTION_EXPLICIT_CAPTURE = 16;

const OPTION_LETTERS: Readonly<Record<string, number>> = {
  i: OPTION_IGNORE_CASE,
  m: OPTION_MULTILINE,
  s: OPTION_SINGLELINE,
  x: OPTION_IGNORE_WHITESPACE,
  n: OPTION_EXPLICIT_CAPTURE,
};

export type RegexNode =
  | { readonly kind: "sequence"; readonly items: readonly RegexNode[] }
  | { readonly kind: "alternation"; readonly alternatives: readonly RegexNode[] }
  /** One UTF-16 code unit. */
  | { readonly kind: "char"; readonly unit: number; readonly ignoreCase: boolean }
  /** ignoreCase null: a built-in class that is the same under either case option. */
  | { readonly kind: "set"; readonly set: CodeUnitSet; readonly negated: boolean; readonly ignoreCase: boolean | null }
  /** A zero-width assertion, already in JavaScript syntax. */
  | { readonly kind: "assertion"; readonly js: string }
  /** jsIndex 0: non-capturing. */
  | { readonly kind: "group"; readonly jsIndex: number; readonly body: RegexNode }
  | { readonly kind: "lookaround"; readonly open: string; readonly body: RegexNode }
  | {
      readonly kind: "quantifier";
      readonly body: RegexNode;
      readonly min: number;
      readonly max: number;
      readonly lazy: boolean;
    }
  /** `group` is the .NET group number. */
  | { readonly kind: "backreference"; readonly group: number; readonly ignoreCase: boolean }
  /** [base-[excluded]]: a code unit in base but not in excluded (which may itself subtract). */
  | { readonly kind: "subtraction"; readonly base: SetNode; readonly excluded: ClassNode }
  /**
   * (?>body): `captureIndex` is a JavaScript capture that belongs to no .NET group (it is
   * absent from ParsedRegex.groups), used to emulate the atomic match.
   */
  | { readonly kind: "atomic"; readonly captureIndex: number; readonly body: RegexNode };

export type SetNode = Extract<RegexNode, { kind: "set" }>;
/** What a [...] class parses to. */
export type ClassNode = SetNode | Extract<RegexNode, { kind: "subtraction" }>;

export interface ParsedRegex {
  readonly root: RegexNode;
  /** Number of JavaScript capture groups. */
  readonly jsGroupCount: number;
  /** .NET group number → the JavaScript capture indices holding it (several when a name repeats). */
  readonly groups: ReadonlyMap<number, readonly number[]>;
  /** Group name → .NET group number. */
  readonly names: ReadonlyMap<string, number>;
}

/** A syntax problem, with the offset in the pattern where it was found. */
export class RegexSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = "RegexSyntaxError";
  }
}

/** Throws RegexSyntaxError. */
export function parseDotNetRegex(pattern: string): ParsedRegex {
  const scan = new Parser(pattern, undefined);
  scan.parseRoot();
  const numbering = scan.numbering();
  const parser = new Parser(pattern, numbering);
  const root = parser.parseRoot();
  return { root, jsGroupCount: parser.jsGroupCount, groups: numbering.groups, names: numbering.names };
}

interface Numbering {
  readonly groups: ReadonlyMap<number, readonly number[]>;
  readonly names: ReadonlyMap<string, number>;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHexDigit = (c: number): boolean => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isPatternSpace = (c: number): boolean => c === 0x20 || (c >= 0x09 && c <= 0x0d);
const MAX_DECIMAL_DIGITS = 9; // keeps numbers below Int32.MaxValue, as .NET requires
/** Deeper nesting is surely a mistake, and would exhaust the stack of this recursive parser. */
const MAX_GROUP_DEPTH = 100;

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  e: 0x1b,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
};

let wordBoundaryJs: { boundary: string; nonBoundary: string } | undefined;

function wordBoundaries(): { boundary: string; nonBoundary: string } {
  if (wordBoundaryJs === undefined) {
    const w = emitSet(boundaryWordSet());
    wordBoundaryJs = {
      boundary: `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`,
      nonBoundary: `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w}))`,
    };
  }
  return wordBoundaryJs;
}

class Parser {
  private pos = 0;
  private options = 0;
  private depth = 0;
  jsGroupCount = 0;
  private readonly unnamedGroups: number[] = [];
  private readonly namedGroups = new Map<string, number[]>();

  /** `known` is undefined in the first pass, which only collects the groups. */
  constructor(
    private readonly pattern: string,
    private readonly known: Numbering | undefined,
  ) {}

  parseRoot(): RegexNode {
    const root = this.parseAlternation();
    if (this.pos < this.pattern.length) throw this.error("too many )'s: this ) closes no group", this.pos);
    return root;
  }

  numbering(): Numbering {
    const groups = new Map<number, readonly number[]>();
    const names = new Map<string, number>();
    this.unnamedGroups.forEach((js, i) => {
      groups.set(i + 1, [js]);
    });
    let next = this.unnamedGroups.length + 1;
    for (const [name, indices] of this.namedGroups) {
      names.set(name, next);
      groups.set(next, indices);
      next++;
    }
    return { groups, names };
  }

  private error(message: string, offset = this.pos): RegexSyntaxError {
    return new RegexSyntaxError(message, offset);
  }

  private code(at = this.pos): number {
    return this.pattern.charCodeAt(at); // NaN past the end
  }

  private get atEnd(): boolean {
    return this.pos >= this.pattern.length;
  }

  private has(option: number): boolean {
    return (this.options & option) !== 0;
  }

  private skipIgnoredWhitespace(): void {
    if (!this.has(OPTION_IGNORE_WHITESPACE)) return;
    while (!this.atEnd) {
      const c = this.code();
      if (isPatternSpace(c)) this.pos++;
      else if (c === 0x23 /* # */) {
        const nl = this.pattern.indexOf("\n", this.pos);
        this.pos = nl < 0 ? this.pattern.length : nl + 1;
      } else break;
    }
  }

  private parseAlternation(): RegexNode {
    const alternatives: RegexNode[] = [];
    let items: RegexNode[] = [];
    for (;;) {
      this.skipIgnoredWhitespace();
      if (this.atEnd) break;
      const c = this.code();
      if (c === 0x29 /* ) */) break;
      if (c === 0x7c /* | */) {
        this.pos++;
        alternatives.push(sequence(items));
        items = [];
        continue;
      }
      const atomStart = this.pos;
      const atom = this.parseAtom();
      if (atom === undefined) continue;
      items.push(this.parseQuantifier(atom, atomStart));
    }
    if (alternatives.length === 0) return sequence(items);
    alternatives.push(sequence(items));
    return { kind: "alternation", alternatives };
  }

  /** undefined for constructs that match nothing themselves: (?i), (?#...). */
  private parseAtom(): RegexNode | undefined {
    const c = this.code();
    const ignoreCase = this.has(OPTION_IGNORE_CASE);
    switch (c) {
      case 0x28: // (
        return this.parseGroup();
      case 0x5b: // [
        return this.parseClass();
      case 0x5c: // \
        return this.parseEscape();
      case 0x2e: // .
        this.pos++;
        return { kind: "set", set: this.has(OPTION_SINGLELINE) ? [] : [0x0a, 0x0a], negated: true, ignoreCase: null };
      case 0x5e: // ^
        this.pos++;
        return { kind: "assertion", js: this.has(OPTION_MULTILINE) ? "(?:^|(?<=\\n))" : "^" };
      case 0x24: // $
        this.pos++;
        return { kind: "assertion", js: this.has(OPTION_MULTILINE) ? "(?=\\n|$)" : "(?=\\n?$)" };
      case 0x2a: // *
      case 0x2b: // +
      case 0x3f: // ?
        throw this.error(`quantifier '${this.pattern[this.pos]}' follows nothing`);
      case 0x7b: // {
        if (this.isQuantifierBrace(this.pos)) throw this.error("quantifier {x,y} follows nothing");
        break;
    }
    this.pos++;
    return { kind: "char", unit: c, ignoreCase };
  }

  private isQuantifierBrace(at: number): boolean {
    const p = this.pattern;
    if (p.charCodeAt(at) !== 0x7b) return false;
    let i = at + 1;
    const digitsStart = i;
    while (isDigit(p.charCodeAt(i))) i++;
    if (i === digitsStart) return false;
    if (p.charCodeAt(i) === 0x2c /* , */) {
      i++;
      while (isDigit(p.charCodeAt(i))) i++;
    }
    return p.charCodeAt(i) === 0x7d; // }
  }

  private isQuantifierAt(at: number): boolean {
    const c = this.pattern.charCodeAt(at);
    return c === 0x2a || c === 0x2b || c === 0x3f || this.isQuantifierBrace(at);
  }

  private parseQuantifier(atom: RegexNode, atomStart: number): RegexNode {
    this.skipIgnoredWhitespace();
    if (this.atEnd || !this.isQuantifierAt(this.pos)) return atom;
    const start = this.pos;
    const c = this.code();
    let min: number;
    let max: number;
    if (c === 0x2a) [min, max] = [0, Number.POSITIVE_INFINITY];
    else if (c === 0x2b) [min, max] = [1, Number.POSITIVE_INFINITY];
    else if (c === 0x3f) [min, max] = [0, 1];
    else {
      this.pos++; // {
      min = this.scanDecimal();
      max = min;
      if (this.code() === 0x2c) {
        this.pos++;
        max = isDigit(this.code()) ? this.scanDecimal() : Number.POSITIVE_INFINITY;
      }
      if (max < min) throw this.error(`illegal {x,y} with x > y: {${min},${max}}`, start);
    }
    this.pos++; // the quantifier character or the closing }
    let lazy = false;
    if (this.code() === 0x3f) {
      lazy = true;
      this.pos++;
    }
    this.skipIgnoredWhitespace();
    if (!this.atEnd && this.isQuantifierAt(this.pos)) {
      const q = this.pattern.slice(start, this.pos).trim();
      throw this.error(
        `nested quantifier '${this.pattern[this.pos]}' after '${q}' (possessive quantifiers such as *+ or ++ are not supported)`,
      );
    }
    if (atom.kind === "assertion" || atom.kind === "lookaround") {
      throw this.error(
        `quantifier after the zero-width assertion '${this.pattern.slice(atomStart, start)}' cannot be translated`,
        start,
      );
    }
    return { kind: "quantifier", body: atom, min, max, lazy };
  }

  private scanDecimal(): number {
    const start = this.pos;
    while (isDigit(this.code())) this.pos++;
    if (this.pos - start > MAX_DECIMAL_DIGITS) throw this.error("number too large", start);
    return Number(this.pattern.slice(start, this.pos));
  }

  // --- groups -----------------------------------------------------------------------------

  private parseGroup(): RegexNode | undefined {
    const open = this.pos;
    this.pos++; // (
    if (this.code() !== 0x3f /* ? */) {
      if (this.has(OPTION_EXPLICIT_CAPTURE)) return this.groupBody(0, this.options, open);
      const jsIndex = ++this.jsGroupCount;
      this.unnamedGroups.push(jsIndex);
      return this.groupBody(jsIndex, this.options, open);
    }
    this.pos++; // ?
    const c = this.pattern[this.pos];
    switch (c) {
      case ":":
        this.pos++;
        return this.groupBody(0, this.options, open);
      case "=":
      case "!":
        this.pos++;
        return this.lookaround(`(?${c}`, open);
      case ">": {
        this.pos++;
        // Allocated before the body's groups: JavaScript numbers captures by their "(".
        const captureIndex = ++this.jsGroupCount;
        const group = this.groupBody(0, this.options, open);
        return { kind: "atomic", captureIndex, body: (group as { body: RegexNode }).body };
      }
      case "#": {
        const close = this.pattern.indexOf(")", this.pos);
        if (close < 0) throw this.error("unterminated (?#...) comment", open);
        this.pos = close + 1;
        return undefined;
      }
      case "(":
        throw this.error("conditional groups (?(...)...) cannot be translated to JavaScript", open);
      case "<": {
        const next = this.pattern[this.pos + 1];
        if (next === "=" || next === "!") {
          this.pos += 2;
          return this.lookaround(`(?<${next}`, open);
        }
        this.pos++;
        return this.namedGroup(">", open);
      }
      case "'":
        this.pos++;
        return this.namedGroup("'", open);
      default:
        return this.optionGroup(open);
    }
  }

  private namedGroup(close: string, open: number): RegexNode {
    const nameStart = this.pos;
    if (isDigit(this.code())) {
      throw this.error("explicitly numbered groups such as (?<2>...) are not supported; use a name", open);
    }
    const name = this.scanGroupName();
    if (name === "") throw this.error("invalid group name: group names must begin with a word character", nameStart);
    if (this.pattern[this.pos] === "-") {
      throw this.error(`balancing groups (?<${name}-...>...) cannot be translated to JavaScript`, open);
    }
    if (this.pattern[this.pos] !== close) throw this.error(`invalid group name "${name}": expected ${close}`, this.pos);
    this.pos++;
    const jsIndex = ++this.jsGroupCount;
    const indices = this.namedGroups.get(name);
    if (indices === undefined) this.namedGroups.set(name, [jsIndex]);
    else indices.push(jsIndex);
    return this.groupBody(jsIndex, this.options, open);
  }

  private scanGroupName(): string {
    const start = this.pos;
    while (!this.atEnd && isDotNetWordChar(this.code())) this.pos++;
    return this.pattern.slice(start, this.pos);
  }

  private optionGroup(open: number): RegexNode | undefined {
    let options = this.options;
    let enable = true;
    for (;;) {
      const c = this.pattern[this.pos];
      if (c === undefined) throw this.error("not enough )'s: unterminated (?...) group", open);
      if (c === "-") {
        enable = false;
      } else if (c === ")" || c === ":") {
        this.pos++;
        if (c === ")") {
          this.options = options; // applies to the rest of the enclosing group
          return undefined;
        }
        return this.groupBody(0, options, open);
      } else {
        const bit = OPTION_LETTERS[c];
        if (bit === undefined) {
          throw this.error(`unrecognized grouping construct (?${this.pattern.slice(open + 2, this.pos + 1)}`, open);
        }
        options = enable ? options | bit : options & ~bit;
      }
      this.pos++;
    }
  }

  private groupBody(jsIndex: number, options: number, open: number): RegexNode {
    if (++this.depth > MAX_GROUP_DEPTH) throw this.error(`groups are nested more than ${MAX_GROUP_DEPTH} deep`, open);
    const saved = this.options;
    this.options = options;
    const body = this.parseAlternation();
    if (this.code() !== 0x29) throw this.error("not enough )'s: this group is never closed", open);
    this.pos++;
    this.options = saved;
    this.depth--;
    return { kind: "group", jsIndex, body };
  }

  private lookaround(openJs: string, open: number): RegexNode {
    const group = this.groupBody(0, this.options, open);
    return { kind: "lookaround", open: openJs, body: (group as { body: RegexNode }).body };
  }

  // --- escapes ----------------------------------------------------------------------------

  private parseEscape(): RegexNode {
    const backslash = this.pos;
    this.pos++;
    if (this.atEnd) throw this.error("illegal \\ at end of pattern", backslash);
    const c = this.pattern[this.pos] as string;
    switch (c) {
      case "b":
        this.pos++;
        return { kind: "assertion", js: wordBoundaries().boundary };
      case "B":
        this.pos++;
        return { kind: "assertion", js: wordBoundaries().nonBoundary };
      case "A":
        this.pos++;
        return { kind: "assertion", js: "^" };
      case "z":
        this.pos++;
        return { kind: "assertion", js: "$" };
      case "Z":
        this.pos++;
        return { kind: "assertion", js: "(?=\\n?$)" };
      case "G":
        throw this.error("\\G (match where the previous match ended) cannot be translated to JavaScript", backslash);
    }
    const builtin = this.builtinClass(c, backslash);
    if (builtin !== undefined) return builtin;
    const reference = this.backreference(backslash);
    if (reference !== undefined) return reference;
    return { kind: "char", unit: this.scanCharEscape(backslash), ignoreCase: this.has(OPTION_IGNORE_CASE) };
  }

  /** \d \D \w \W \s \S \p{..} \P{..}; the position is on the letter. */
  private builtinClass(c: string, backslash: number): RegexNode | undefined {
    const set = this.builtinSet(c, backslash);
    if (set === undefined) return undefined;
    const isProperty = c === "p" || c === "P";
    return {
      kind: "set",
      set: set.set,
      negated: set.negated,
      ignoreCase: isProperty ? this.has(OPTION_IGNORE_CASE) : null,
    };
  }

  private builtinSet(c: string, backslash: number): { set: CodeUnitSet; negated: boolean } | undefined {
    let set: CodeUnitSet;
    switch (c) {
      case "d":
      case "D":
        set = digitSet();
        break;
      case "w":
      case "W":
        set = wordSet();
        break;
      case "s":
      case "S":
        set = spaceSet();
        break;
      case "p":
      case "P":
        this.pos++;
        return { set: this.propertyName(backslash), negated: c === "P" };
      default:
        return undefined;
    }
    this.pos++;
    return { set, negated: c === c.toUpperCase() };
  }

  private propertyName(backslash: number): CodeUnitSet {
    if (this.pattern[this.pos] !== "{") throw this.error("incomplete \\p{X} character escape", backslash);
    const close = this.pattern.indexOf("}", this.pos);
    if (close < 0) throw this.error("incomplete \\p{X} character escape", backslash);
    const name = this.pattern.slice(this.pos + 1, close);
    this.pos = close + 1;
    const set = propertySet(name);
    if (set !== undefined) return set;
    if (isUnsupportedBlockName(name)) {
      throw this.error(
        `the Unicode block \\p{${name}} is not supported by the translation; use a character range`,
        backslash,
      );
    }
    throw this.error(`unknown property '${name}' in \\p{${name}}`, backslash);
  }

  /** \1, \k<name>, \k'name', \<name>, \<1>; undefined when the escape is not a backreference. */
  private backreference(backslash: number): RegexNode | undefined {
    const back = this.pos;
    let c = this.pattern[this.pos] as string;
    let angled = false;
    let close = "";
    if (c === "k") {
      if (this.pos + 1 < this.pattern.length) {
        this.pos++;
        const opener = this.pattern[this.pos++];
        if (opener === "<" || opener === "'") {
          angled = true;
          close = opener === "'" ? "'" : ">";
        }
      }
      if (!angled || this.atEnd) throw this.error("malformed \\k<...> named back reference", backslash);
      c = this.pattern[this.pos] as string;
    } else if ((c === "<" || c === "'") && this.pos + 1 < this.pattern.length) {
      angled = true;
      close = c === "'" ? "'" : ">";
      this.pos++;
      c = this.pattern[this.pos] as string;
    }

    const code = c.charCodeAt(0);
    if (angled && isDigit(code)) {
      const number = this.scanDecimal();
      if (this.pattern[this.pos++] === close) return this.numberedReference(number, backslash, true);
    } else if (!angled && code >= 0x31 && code <= 0x39) {
      const number = this.scanDecimal();
      const ref = this.numberedReference(number, backslash, number <= 9);
      if (ref !== undefined) return ref;
    } else if (angled && isDotNetWordChar(code)) {
      const name = this.scanGroupName();
      if (this.pattern[this.pos++] === close) {
        if (this.known === undefined) return { kind: "backreference", group: 0, ignoreCase: false };
        const number = this.known.names.get(name);
        if (number === undefined) throw this.error(`reference to undefined group name '${name}'`, backslash);
        return { kind: "backreference", group: number, ignoreCase: this.has(OPTION_IGNORE_CASE) };
      }
    }
    this.pos = back;
    return undefined;
  }

  private numberedReference(number: number, backslash: number, mustExist: boolean): RegexNode | undefined {
    if (this.known === undefined) return { kind: "backreference", group: 0, ignoreCase: false };
    if (number > 0 && this.known.groups.has(number)) {
      return { kind: "backreference", group: number, ignoreCase: this.has(OPTION_IGNORE_CASE) };
    }
    if (mustExist) throw this.error(`reference to undefined group number ${number}`, backslash);
    return undefined; // \12 without 12 groups is the octal escape \12
  }

  /** A single-character escape; the position is on the character after the backslash. */
  private scanCharEscape(backslash: number): number {
    const c = this.pattern[this.pos++] as string;
    const code = c.charCodeAt(0);
    if (code >= 0x30 && code <= 0x37) {
      let value = code - 0x30;
      for (let n = 1; n < 3; n++) {
        const d = this.code() - 0x30;
        if (!(d >= 0 && d <= 7)) break;
        value = value * 8 + d;
        this.pos++;
      }
      return value & 0xff;
    }
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) return simple;
    switch (c) {
      case "x":
        return this.scanHex(2, backslash);
      case "u":
        return this.scanHex(4, backslash);
      case "c": {
        if (this.atEnd) throw this.error("missing control character after \\c", backslash);
        let ctl = this.code();
        this.pos++;
        if (ctl >= 0x61 && ctl <= 0x7a) ctl -= 0x20;
        ctl -= 0x40;
        if (ctl < 0 || ctl >= 0x20) throw this.error("unrecognized control character after \\c", backslash);
        return ctl;
      }
    }
    if (isDotNetWordChar(code)) throw this.error(`unrecognized escape sequence \\${c}`, backslash);
    return code;
  }

  private scanHex(digits: number, backslash: number): number {
    const text = this.pattern.slice(this.pos, this.pos + digits);
    if (text.length < digits || ![...text].every((ch) => isHexDigit(ch.charCodeAt(0)))) {
      throw this.error(`insufficient hex digits in \\${this.pattern[this.pos - 1]}: expected ${digits}`, backslash);
    }
    this.pos += digits;
    return Number.parseInt(text, 16);
  }

  // --- character classes ------------------------------------------------------------------

  private parseClass(): ClassNode {
    const open = this.pos;
    if (++this.depth > MAX_GROUP_DEPTH) {
      throw this.error(`character classes are nested more than ${MAX_GROUP_DEPTH} deep`, open);
    }
    this.pos++; // [
    let negated = false;
    if (this.code() === 0x5e /* ^ */) {
      negated = true;
      this.pos++;
    }
    const parts: CodeUnitSet[] = [];
    let first = true;
    let rangeStart = -1;
    for (;;) {
      if (this.atEnd) throw this.error("unterminated [] set", open);
      const itemStart = this.pos;
      const c = this.code();
      this.pos++;
      if (c === 0x5d /* ] */ && !first) break;
      let unit = c;
      let escaped = false;
      if (c === 0x5c /* \ */) {
        if (this.atEnd) throw this.error("illegal \\ at end of pattern", itemStart);
        const builtin = this.builtinSet(this.pattern[this.pos] as string, itemStart);
        if (builtin !== undefined) {
          if (rangeStart >= 0) {
            throw this.error(
              `cannot include the class ${this.pattern.slice(itemStart, this.pos)} in a character range`,
              itemStart,
            );
          }
          parts.push(builtin.negated ? complementSet(builtin.set) : builtin.set);
          first = false;
          continue;
        }
        unit = this.scanCharEscape(itemStart);
        escaped = true;
      }
      if (rangeStart >= 0) {
        if (c === 0x5b /* [ */ && !escaped) {
          // [a-[b]] is "a" minus [b], as in .NET, not a range ending at "[".
          parts.push([rangeStart, rangeStart]);
          this.pos = itemStart;
          return this.subtraction(parts, negated, open);
        }
        if (unit < rangeStart) throw this.error("[x-y] range in reverse order", itemStart);
        parts.push([rangeStart, unit]);
        rangeStart = -1;
      } else if (
        this.code() === 0x2d /* - */ &&
        this.pos + 1 < this.pattern.length &&
        this.code(this.pos + 1) !== 0x5d
      ) {
        rangeStart = unit;
        this.pos++; // -
      } else if (c === 0x2d && !escaped && !first && this.code() === 0x5b) {
        return this.subtraction(parts, negated, open);
      } else {
        parts.push([unit, unit]);
      }
      first = false;
    }
    this.depth--;
    return this.classSet(parts, negated);
  }

  private classSet(parts: readonly CodeUnitSet[], negated: boolean): SetNode {
    return { kind: "set", set: unionSets(...parts), negated, ignoreCase: this.has(OPTION_IGNORE_CASE) };
  }

  /** The position is on the "[" of the subtracted class, which must end the enclosing one. */
  private subtraction(parts: readonly CodeUnitSet[], negated: boolean, open: number): ClassNode {
    const excluded = this.parseClass();
    if (this.code() !== 0x5d /* ] */) {
      if (this.atEnd) throw this.error("unterminated [] set", open);
      throw this.error("a subtraction must be the last element in a character class", this.pos);
    }
    this.pos++;
    this.depth--;
    return { kind: "subtraction", base: this.classSet(parts, negated), excluded };
  }
}

function sequence(items: readonly RegexNode[]): RegexNode {
  return items.length === 1 ? (items[0] as RegexNode) : { kind: "sequence", items };
}
