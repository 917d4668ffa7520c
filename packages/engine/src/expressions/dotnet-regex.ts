/**
 * Translation of .NET regular expressions (as written in Entra mappings and scoping
 * filters) to JavaScript RegExp. OWNER: text-functions helper.
 *
 * The translation keeps .NET semantics where the dialects differ (Unicode \w \d \s \b,
 * `$` before a final newline, .NET group numbering, octal escapes, inline options),
 * emulates class subtraction and atomic groups with lookarounds, and rejects what
 * JavaScript cannot express (possessive quantifiers, conditionals, balancing groups, \G)
 * with RosterError("InvalidExpression") naming the pattern and the construct. The resulting
 * RegExp uses no u / m / s flag: it matches UTF-16 code units as .NET does.
 *
 * Translations are cached by pattern and options, so a literal pattern is translated
 * once however often it is evaluated. Known differences that are not emulated: a
 * backreference to a group that did not participate matches "" in JavaScript but fails
 * in .NET; case-insensitive matching uses JavaScript's case folding.
 */
import { RosterError } from "../errors/error-codes.js";
import { parseDotNetRegex, RegexSyntaxError } from "./functions/regex-dotnet-parser.js";
import { emitJavaScript } from "./functions/regex-js-emitter.js";
import { type GroupLookup, parseReplacement, type ReplacementPart } from "./functions/regex-replacement.js";

export interface DotNetRegexOptions {
  /** Anchor the whole pattern (^(?:...)$), as Regex.IsMatch in scoping REGEX MATCH. */
  readonly fullMatch?: boolean;
  /** Add the g flag (Replace). */
  readonly global?: boolean;
  /** Add the d flag, so matches carry the span of every group (Replace by group name). */
  readonly indices?: boolean;
}

const MAX_CACHED_PARTS = 64;

/** A translated pattern with what is needed to read its .NET groups. */
export class DotNetRegex implements GroupLookup {
  readonly groupCount: number;
  private readonly replacements = new Map<string, readonly ReplacementPart[]>();

  constructor(
    /** The .NET pattern. */
    readonly pattern: string,
    /**
     * Shared by every caller of the cache: use it synchronously and leave lastIndex at 0
     * (String.prototype.replace and the helpers in regex-replacement.ts do).
     */
    readonly regex: RegExp,
    readonly groups: ReadonlyMap<number, readonly number[]>,
    readonly names: ReadonlyMap<string, number>,
  ) {
    this.groupCount = Math.max(0, ...groups.keys());
  }

  /** The .NET number of a group given by name, or by number as text ("1"); undefined when there is none. */
  groupNumber(nameOrNumber: string): number | undefined {
    const named = this.names.get(nameOrNumber);
    if (named !== undefined) return named;
    if (!/^\d{1,9}$/.test(nameOrNumber)) return undefined;
    const n = Number(nameOrNumber);
    return n === 0 || this.groups.has(n) ? n : undefined;
  }

  /** A .NET replacement string (with $1, ${name}, $$ ...) parsed for this pattern; cached. */
  replacement(text: string): readonly ReplacementPart[] {
    let parts = this.replacements.get(text);
    if (parts === undefined) {
      if (this.replacements.size >= MAX_CACHED_PARTS) this.replacements.clear();
      parts = parseReplacement(text, this);
      this.replacements.set(text, parts);
    }
    return parts;
  }
}

/**
 * One cache per option combination, keyed by the pattern itself: a literal pattern is the
 * same string object on every call, so the lookup needs no key building. Patterns
 * computed at run time could grow a cache without bound: it is emptied when full.
 */
const MAX_CACHED_PATTERNS = 512;
const caches: Map<string, DotNetRegex | RosterError>[] = Array.from({ length: 8 }, () => new Map());

/**
 * The translated pattern, cached. Throws RosterError("InvalidExpression") naming the
 * pattern and the problem when it is not valid .NET or cannot be translated.
 */
export function translateDotNetRegex(pattern: string, options: DotNetRegexOptions = {}): DotNetRegex {
  const bits =
    (options.fullMatch === true ? 1 : 0) | (options.global === true ? 2 : 0) | (options.indices === true ? 4 : 0);
  const cache = caches[bits] as Map<string, DotNetRegex | RosterError>;
  let entry = cache.get(pattern);
  if (entry === undefined) {
    entry = translate(pattern, options);
    if (cache.size >= MAX_CACHED_PATTERNS) cache.clear();
    cache.set(pattern, entry);
  }
  if (entry instanceof RosterError) throw entry;
  return entry;
}

function translate(pattern: string, options: DotNetRegexOptions): DotNetRegex | RosterError {
  try {
    const parsed = parseDotNetRegex(pattern);
    const emitted = emitJavaScript(parsed);
    const body = options.fullMatch === true ? `^(?:${emitted.source})$` : emitted.source;
    const flags = `${options.global === true ? "g" : ""}${options.indices === true ? "d" : ""}${emitted.ignoreCase ? "i" : ""}`;
    return new DotNetRegex(pattern, new RegExp(body, flags), parsed.groups, parsed.names);
  } catch (err) {
    return invalidPattern(pattern, err);
  }
}

/** The pattern as messages quote it: long ones are cut (the details keep it whole). */
function quoted(pattern: string): string {
  return pattern.length > 120 ? `"${pattern.slice(0, 120)}…"` : `"${pattern}"`;
}

function invalidPattern(pattern: string, err: unknown): RosterError {
  if (err instanceof RegexSyntaxError) {
    const where = err.offset > 0 ? ` (at offset ${err.offset})` : "";
    return new RosterError(
      "InvalidExpression",
      `invalid regular expression ${quoted(pattern)}: ${err.message}${where}`,
      {
        pattern,
        offset: err.offset,
      },
    );
  }
  // A translation the JavaScript engine still refuses (for example a pattern too large).
  const message = err instanceof Error ? err.message : String(err);
  return new RosterError(
    "InvalidExpression",
    `invalid regular expression ${quoted(pattern)}: ${message}`,
    { pattern },
    { cause: err },
  );
}

/**
 * A JavaScript RegExp equivalent to the .NET pattern. Each call returns a fresh RegExp
 * (callers may use lastIndex freely); the translation itself is cached.
 * Throws RosterError("InvalidExpression", ...) naming the construct that cannot be translated.
 */
export function toJsRegExp(pattern: string, options: DotNetRegexOptions = {}): RegExp {
  const { regex } = translateDotNetRegex(pattern, options);
  return new RegExp(regex.source, regex.flags);
}

/** The problem with a .NET pattern, or undefined when it is valid and translatable (for compile-time checks). */
export function dotNetRegexProblem(pattern: string): string | undefined {
  try {
    translateDotNetRegex(pattern);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * Regex.Escape: the pattern that matches `text` literally. Escapes \ * + ? | { [ ( ) ^ $ . #
 * and white space, as .NET does (] and } need no escape).
 */
export function escapeDotNetRegex(text: string): string {
  return text.replace(/[\\*+?|{[()^$.# \t\n\r\f]/g, (ch) => {
    switch (ch) {
      case "\t":
        return "\\t";
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "\f":
        return "\\f";
      default:
        return `\\${ch}`;
    }
  });
}
