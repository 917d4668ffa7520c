/**
 * Sets of UTF-16 code units for the .NET → JavaScript regex translation.
 *
 * .NET matches one UTF-16 code unit at a time and its \w, \d, \s and \p{..} are
 * Unicode-aware. A JavaScript RegExp without the u flag also works on code units but
 * has ASCII-only \w / \d / \b and no \p{..}. Rather than switching to the u flag (which
 * changes how `.` and negated classes treat surrogate pairs), every class is expanded
 * into explicit code-unit ranges computed from the engine's own Unicode tables, once
 * per category. The result matches .NET exactly on the BMP and needs no u flag.
 *
 * A set is a flat, sorted array of inclusive, non-overlapping, non-adjacent
 * [lo, hi, lo, hi, ...] pairs within 0..0xFFFF.
 */
export type CodeUnitSet = readonly number[];

const MAX_UNIT = 0xffff;

/** Union of any number of sets. */
export function unionSets(...sets: readonly CodeUnitSet[]): CodeUnitSet {
  const pairs: [number, number][] = [];
  for (const set of sets) for (let i = 0; i < set.length; i += 2) pairs.push([set[i] as number, set[i + 1] as number]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const last = out.length - 1;
    if (last > 0 && lo <= (out[last] as number) + 1) {
      if (hi > (out[last] as number)) out[last] = hi;
    } else {
      out.push(lo, hi);
    }
  }
  return out;
}

export function complementSet(set: CodeUnitSet): CodeUnitSet {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < set.length; i += 2) {
    const lo = set[i] as number;
    if (lo > next) out.push(next, lo - 1);
    next = (set[i + 1] as number) + 1;
  }
  if (next <= MAX_UNIT) out.push(next, MAX_UNIT);
  return out;
}

function setHas(set: CodeUnitSet, c: number): boolean {
  for (let i = 0; i < set.length; i += 2) {
    if (c < (set[i] as number)) return false;
    if (c <= (set[i + 1] as number)) return true;
  }
  return false;
}

export function setsEqual(a: CodeUnitSet, b: CodeUnitSet): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function setFromPredicate(test: (c: number) => boolean): CodeUnitSet {
  const out: number[] = [];
  let start = -1;
  for (let c = 0; c <= MAX_UNIT + 1; c++) {
    const inside = c <= MAX_UNIT && test(c);
    if (inside && start < 0) start = c;
    else if (!inside && start >= 0) {
      out.push(start, c - 1);
      start = -1;
    }
  }
  return out;
}

/** The single-code-unit lower and upper case forms of c (invariant casing), c included. */
export function caseVariants(c: number): number[] {
  const ch = String.fromCharCode(c);
  const variants = [c];
  for (const v of [ch.toLowerCase(), ch.toUpperCase()]) {
    if (v.length === 1) {
      const code = v.charCodeAt(0);
      if (!variants.includes(code)) variants.push(code);
    }
  }
  return variants;
}

/** The set plus every case variant of its members (case-insensitive matching spelled out). */
export function caseClosure(set: CodeUnitSet): CodeUnitSet {
  const extra: number[] = [];
  for (let i = 0; i < set.length; i += 2) {
    for (let c = set[i] as number; c <= (set[i + 1] as number); c++) {
      for (const v of caseVariants(c)) if (v !== c) extra.push(v, v);
    }
  }
  return extra.length === 0 ? set : unionSets(set, extra);
}

// --- Unicode categories ------------------------------------------------------------------

/** The general categories .NET accepts in \p{..} (names are case-sensitive, as in .NET). */
const GENERAL_CATEGORIES: ReadonlySet<string> = new Set([
  "C",
  "Cc",
  "Cf",
  "Cn",
  "Co",
  "Cs",
  "L",
  "Ll",
  "Lm",
  "Lo",
  "Lt",
  "Lu",
  "M",
  "Mc",
  "Me",
  "Mn",
  "N",
  "Nd",
  "Nl",
  "No",
  "P",
  "Pc",
  "Pd",
  "Pe",
  "Pf",
  "Pi",
  "Po",
  "Ps",
  "S",
  "Sc",
  "Sk",
  "Sm",
  "So",
  "Z",
  "Zl",
  "Zp",
  "Zs",
]);

/**
 * The .NET named blocks (\p{IsGreek}) most likely in HR data. .NET knows more; those are
 * rejected with a clear message rather than guessed.
 */
const NAMED_BLOCKS: ReadonlyMap<string, readonly [number, number]> = new Map([
  ["IsBasicLatin", [0x0000, 0x007f]],
  ["IsLatin-1Supplement", [0x0080, 0x00ff]],
  ["IsLatinExtended-A", [0x0100, 0x017f]],
  ["IsLatinExtended-B", [0x0180, 0x024f]],
  ["IsIPAExtensions", [0x0250, 0x02af]],
  ["IsSpacingModifierLetters", [0x02b0, 0x02ff]],
  ["IsCombiningDiacriticalMarks", [0x0300, 0x036f]],
  ["IsGreek", [0x0370, 0x03ff]],
  ["IsGreekandCoptic", [0x0370, 0x03ff]],
  ["IsCyrillic", [0x0400, 0x04ff]],
  ["IsCyrillicSupplement", [0x0500, 0x052f]],
  ["IsArmenian", [0x0530, 0x058f]],
  ["IsHebrew", [0x0590, 0x05ff]],
  ["IsArabic", [0x0600, 0x06ff]],
  ["IsDevanagari", [0x0900, 0x097f]],
  ["IsThai", [0x0e00, 0x0e7f]],
  ["IsGeorgian", [0x10a0, 0x10ff]],
  ["IsHangulJamo", [0x1100, 0x11ff]],
  ["IsLatinExtendedAdditional", [0x1e00, 0x1eff]],
  ["IsGreekExtended", [0x1f00, 0x1fff]],
  ["IsGeneralPunctuation", [0x2000, 0x206f]],
  ["IsCurrencySymbols", [0x20a0, 0x20cf]],
  ["IsLetterlikeSymbols", [0x2100, 0x214f]],
  ["IsHiragana", [0x3040, 0x309f]],
  ["IsKatakana", [0x30a0, 0x30ff]],
  ["IsCJKUnifiedIdeographs", [0x4e00, 0x9fff]],
  ["IsHangulSyllables", [0xac00, 0xd7af]],
  ["IsHalfwidthandFullwidthForms", [0xff00, 0xffef]],
]);

const propertyCache = new Map<string, CodeUnitSet>();

function cached(key: string, build: () => CodeUnitSet): CodeUnitSet {
  let set = propertyCache.get(key);
  if (set === undefined) {
    set = Object.freeze(build()) as CodeUnitSet;
    propertyCache.set(key, set);
  }
  return set;
}

function setOfUnicodeClass(jsClass: string): CodeUnitSet {
  const re = new RegExp(`^${jsClass}$`, "u");
  return setFromPredicate((c) => re.test(String.fromCharCode(c)));
}

/**
 * The code units of a \p{name} category or block, or undefined when .NET does not know
 * the name (the caller reports it). Throws nothing.
 */
export function propertySet(name: string): CodeUnitSet | undefined {
  if (GENERAL_CATEGORIES.has(name)) return cached(`gc:${name}`, () => setOfUnicodeClass(`\\p{${name}}`));
  const block = NAMED_BLOCKS.get(name);
  if (block !== undefined) return cached(`blk:${name}`, () => [block[0], block[1]]);
  return undefined;
}

/** True when the name looks like a .NET block name that this translation does not list. */
export function isUnsupportedBlockName(name: string): boolean {
  return /^Is[A-Za-z][A-Za-z0-9-]*$/.test(name) && !NAMED_BLOCKS.has(name);
}

/** .NET \w: [\p{L}\p{Mn}\p{Nd}\p{Pc}]. */
export function wordSet(): CodeUnitSet {
  return cached("\\w", () => setOfUnicodeClass("[\\p{L}\\p{Mn}\\p{Nd}\\p{Pc}]"));
}

/** What .NET \b treats as a word character: \w plus ZERO WIDTH (NON-)JOINER. */
export function boundaryWordSet(): CodeUnitSet {
  return cached("\\b", () => unionSets(wordSet(), [0x200c, 0x200d]));
}

/** .NET \d: \p{Nd}. */
export function digitSet(): CodeUnitSet {
  return cached("\\d", () => setOfUnicodeClass("\\p{Nd}"));
}

/** .NET \s: char.IsWhiteSpace, i.e. [\t-\r\x85\p{Z}]. */
export function spaceSet(): CodeUnitSet {
  return cached("\\s", () => unionSets([0x09, 0x0d, 0x85, 0x85], setOfUnicodeClass("\\p{Z}")));
}

/** Words are what .NET's word-character test accepts (used for group names and escapes). */
export function isDotNetWordChar(c: number): boolean {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f) return true;
  if (c < 0x80) return false;
  return setHas(boundaryWordSet(), c);
}

// --- emitting ---------------------------------------------------------------------------

const CLASS_SAFE_ASCII = /^[A-Za-z0-9 !"#%&',:;<=>@_`~]$/;

function classUnit(c: number): string {
  const ch = String.fromCharCode(c);
  if (c < 0x80 && CLASS_SAFE_ASCII.test(ch)) return ch;
  return `\\u${c.toString(16).padStart(4, "0")}`;
}

function rangesText(set: CodeUnitSet): string {
  let out = "";
  for (let i = 0; i < set.length; i += 2) {
    const lo = set[i] as number;
    const hi = set[i + 1] as number;
    out += classUnit(lo);
    if (hi > lo) out += (hi > lo + 1 ? "-" : "") + classUnit(hi);
  }
  return out;
}

/**
 * A JavaScript class (no u flag needed) matching the set, or everything outside it when
 * `negated`. Negation stays structural (`[^...]`) because under the i flag JavaScript, like
 * .NET, negates after case folding: [^a] excludes "A" too, an explicit complement would not.
 */
export function emitSet(set: CodeUnitSet, negated = false): string {
  if (set.length === 0) return negated ? "[\\s\\S]" : "[]";
  return `[${negated ? "^" : ""}${rangesText(set)}]`;
}
