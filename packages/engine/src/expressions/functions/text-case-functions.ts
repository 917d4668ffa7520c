/**
 * ToLower, ToUpper and PCase.
 *
 * .NET casing maps one character to one character (simple case mapping): "ß" stays "ß"
 * in ToUpper, where JavaScript's toUpperCase gives "SS". The helpers below keep that
 * one-to-one rule and only fall back to per-character work when JavaScript would
 * change the length.
 */
import type { Arg, EagerFunctionDef, FunctionDef } from "../types.js";
import { isFlowSignal, toText } from "../values.js";
import { type CheckArg, evaluationError, literalText } from "./text-args.js";

// --- cultures -----------------------------------------------------------------------------

const cultureCache = new Map<string, string | null>();

/** The canonical BCP 47 name of an RFC 4646 culture name, or null when it is not one. */
function canonicalCulture(name: string): string | null {
  let canonical = cultureCache.get(name);
  if (canonical === undefined) {
    try {
      canonical = Intl.getCanonicalLocales(name)[0] ?? null;
    } catch {
      canonical = null;
    }
    if (cultureCache.size > 256) cultureCache.clear();
    cultureCache.set(name, canonical);
  }
  return canonical;
}

/** Languages whose casing differs from the invariant one (dotted / dotless i, Lithuanian dot). */
const SPECIAL_CASING_LANGUAGES = /^(tr|az|lt)(-|$)/i;

/** undefined: invariant casing. Throws naming the culture when it is not a valid name. */
function cultureArg(v: Arg, functionName: string): string | undefined {
  if (v === undefined || isFlowSignal(v)) return undefined;
  const name = toText(v);
  if (name === null || name === "") return undefined;
  const canonical = canonicalCulture(name);
  if (canonical === null)
    throw evaluationError(
      functionName,
      `culture "${name}" is not a valid RFC 4646 culture name (such as en-US or tr-TR)`,
    );
  return SPECIAL_CASING_LANGUAGES.test(canonical) ? canonical : undefined;
}

function checkCulture(v: CheckArg): string | undefined {
  const name = literalText(v);
  if (name === undefined || name === "" || canonicalCulture(name) !== null) return undefined;
  return `culture "${name}" is not a valid RFC 4646 culture name (such as en-US or tr-TR)`;
}

// --- one-to-one casing --------------------------------------------------------------------

function mapChar(ch: string, upper: boolean, locale: string | undefined): string {
  const mapped =
    locale === undefined
      ? upper
        ? ch.toUpperCase()
        : ch.toLowerCase()
      : upper
        ? ch.toLocaleUpperCase(locale)
        : ch.toLocaleLowerCase(locale);
  if (mapped.length === ch.length) return mapped;
  if (locale !== undefined) return mapChar(ch, upper, undefined);
  if (ch === "\u0130") return "i"; // İ: the only letter whose full lower case has two characters
  return ch;
}

/** Upper or lower case, one character for one character. */
export function changeCase(s: string, upper: boolean, locale?: string): string {
  const whole =
    locale === undefined
      ? upper
        ? s.toUpperCase()
        : s.toLowerCase()
      : upper
        ? s.toLocaleUpperCase(locale)
        : s.toLocaleLowerCase(locale);
  if (whole.length === s.length) return whole;
  let out = "";
  for (const ch of s) out += mapChar(ch, upper, locale);
  return out;
}

/** Title-case form of one character (.NET ToTitleCase uses it for the first letter of a word). */
const TITLE_CASE_DIGRAPHS: Readonly<Record<string, string>> = {
  "\u01c4": "\u01c5",
  "\u01c5": "\u01c5",
  "\u01c6": "\u01c5",
  "\u01c7": "\u01c8",
  "\u01c8": "\u01c8",
  "\u01c9": "\u01c8",
  "\u01ca": "\u01cb",
  "\u01cb": "\u01cb",
  "\u01cc": "\u01cb",
  "\u01f1": "\u01f2",
  "\u01f2": "\u01f2",
  "\u01f3": "\u01f2",
};

function titleChar(ch: string): string {
  return TITLE_CASE_DIGRAPHS[ch] ?? mapChar(ch, true, undefined);
}

// --- PCase ----------------------------------------------------------------------------------

const LETTER = /^\p{L}$/u;
/**
 * .NET ToTitleCase's word separators: spaces, line/paragraph separators, control and
 * format characters, all punctuation and all symbols. The apostrophe is punctuation, so
 * "john's" becomes "John'S" (pcase-04-apostrophe).
 */
const SEPARATOR = /^[\p{Z}\p{Cc}\p{Cf}\p{P}\p{S}]$/u;

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

function isLetter(c: number, ch: () => string): boolean {
  return c < 0x80 ? isAsciiLetter(c) : LETTER.test(ch());
}

function isDefaultSeparator(c: number, ch: () => string): boolean {
  if (c < 0x80) return !isAsciiLetter(c) && !(c >= 0x30 && c <= 0x39);
  return SEPARATOR.test(ch());
}

/**
 * Upper-cases the word starts that `isWordStart` picks, copying the rest of the
 * (already lower-cased) text in slices. `isWordStart` sees each code point in order.
 */
function titleCaseWordStarts(lower: string, isWordStart: (c: number, ch: () => string) => boolean): string {
  let out = "";
  let copied = 0;
  for (let i = 0; i < lower.length; ) {
    const c = lower.codePointAt(i) as number;
    const size = c > 0xffff ? 2 : 1;
    const at = i;
    if (isWordStart(c, () => lower.slice(at, at + size))) {
      const ch = lower.slice(i, i + size);
      const title = c >= 0x61 && c <= 0x7a ? String.fromCharCode(c - 0x20) : titleChar(ch);
      if (title !== ch) {
        out += lower.slice(copied, i) + title;
        copied = i + size;
      }
    }
    i += size;
  }
  return copied === 0 ? lower : out + lower.slice(copied);
}

/**
 * .NET ToTitleCase applied to the lower-cased text: a letter starts a word and is
 * title-cased; letters, digits and marks after it belong to the word; a separator ends
 * it. A non-letter outside a word is copied, so "1st" gives "1St" as in .NET.
 */
function titleCaseDefault(lower: string): string {
  let inWord = false;
  return titleCaseWordStarts(lower, (c, ch) => {
    if (inWord) {
      if (isDefaultSeparator(c, ch)) inWord = false;
      return false;
    }
    inWord = isLetter(c, ch);
    return inWord;
  });
}

/** With wordSeparators given: the first character after a separator (or at the start) is upper-cased. */
function titleCaseWithSeparators(lower: string, separators: string): string {
  let atStart = true;
  return titleCaseWordStarts(lower, (_c, ch) => {
    if (separators.includes(ch())) {
      atStart = true;
      return false;
    }
    const start = atStart;
    atStart = false;
    return start;
  });
}

/**
 * PCase(source[, wordSeparators]). Every word is lower-cased first, so all-capital words
 * are converted too ("PABLO" → "Pablo"), unlike .NET ToTitleCase which keeps acronyms.
 * An omitted, null or empty wordSeparators means the default .NET separators.
 */
export function properCase(source: string, wordSeparators?: string): string {
  const lower = changeCase(source, false);
  return wordSeparators === undefined || wordSeparators === ""
    ? titleCaseDefault(lower)
    : titleCaseWithSeparators(lower, wordSeparators);
}

// --- definitions ----------------------------------------------------------------------------

function caseFunction(name: string, upper: boolean): EagerFunctionDef {
  return {
    name,
    minArgs: 1,
    maxArgs: 2,
    check: (args) => checkCulture(args[1]),
    call: (args) => {
      const source = args[0];
      if (isFlowSignal(source)) return source;
      const text = toText(source);
      if (text === null) return null;
      return changeCase(text, upper, cultureArg(args[1], name));
    },
  };
}

const pcase: EagerFunctionDef = {
  name: "PCase",
  minArgs: 1,
  maxArgs: 2,
  call: (args) => {
    const source = args[0];
    if (isFlowSignal(source)) return source;
    const text = toText(source);
    if (text === null) return null;
    return properCase(text, toText(args[1]) ?? undefined);
  },
};

export const textCaseFunctions: readonly FunctionDef[] = [
  caseFunction("ToLower", false),
  caseFunction("ToUpper", true),
  pcase,
];
