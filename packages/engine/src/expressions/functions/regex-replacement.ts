/**
 * .NET Regex.Replace substitutions and the three regex modes of Replace, on top of a
 * translated pattern (dotnet-regex.ts).
 *
 * Substitutions, as .NET reads them: $number and ${number} (only when that group exists,
 * otherwise the text stays literal: "$12" with one group is "$12"), ${name}, $$ → "$",
 * $& and $0 → the match, $` and $' → the text before / after it, $+ → the last group,
 * $_ → the whole input. Any other "$" is literal.
 */

/** What the replacement needs to know about the pattern's groups. */
export interface GroupLookup {
  /** Highest .NET group number (0 when the pattern has none). */
  readonly groupCount: number;
  /** .NET group number → JavaScript capture indices (several when a name repeats). */
  readonly groups: ReadonlyMap<number, readonly number[]>;
  /** Group name → .NET group number. */
  readonly names: ReadonlyMap<string, number>;
}

const TEXT_BEFORE = -1;
const TEXT_AFTER = -2;
const LAST_GROUP = -3;
const WHOLE_INPUT = -4;

/** Literal text, or a .NET group number (0 = the match), or one of the negative specials. */
export type ReplacementPart = string | number;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isNameChar = (ch: string): boolean => /^[\p{L}\p{Mn}\p{Nd}\p{Pc}]$/u.test(ch);

function hasGroup(lookup: GroupLookup, n: number): boolean {
  return n === 0 || lookup.groups.has(n);
}

export function parseReplacement(text: string, lookup: GroupLookup): readonly ReplacementPart[] {
  const parts: ReplacementPart[] = [];
  let literal = "";
  const push = (part: number): void => {
    if (literal !== "") parts.push(literal);
    literal = "";
    parts.push(part);
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch !== "$" || i + 1 >= text.length) {
      literal += ch;
      i++;
      continue;
    }
    const next = text[i + 1] as string;
    if (next === "{") {
      let j = i + 2;
      let group: number | undefined;
      if (isDigit(text.charCodeAt(j))) {
        while (isDigit(text.charCodeAt(j))) j++;
        const n = Number(text.slice(i + 2, j));
        if (hasGroup(lookup, n)) group = n;
      } else {
        while (j < text.length && isNameChar(text[j] as string)) j++;
        group = lookup.names.get(text.slice(i + 2, j));
      }
      if (group !== undefined && text[j] === "}") {
        push(group);
        i = j + 1;
        continue;
      }
    } else if (isDigit(next.charCodeAt(0))) {
      let j = i + 1;
      while (isDigit(text.charCodeAt(j))) j++;
      const n = Number(text.slice(i + 1, j));
      if (hasGroup(lookup, n)) {
        push(n);
        i = j;
        continue;
      }
    } else {
      const special = { "&": 0, "`": TEXT_BEFORE, "'": TEXT_AFTER, "+": LAST_GROUP, _: WHOLE_INPUT }[next];
      if (next === "$") {
        literal += "$";
        i += 2;
        continue;
      }
      if (special !== undefined) {
        push(special);
        i += 2;
        continue;
      }
    }
    literal += "$";
    i++;
  }
  if (literal !== "" || parts.length === 0) parts.push(literal);
  return parts;
}

/** The text of .NET group `n` in a match ("" when it did not participate). */
export function groupText(match: RegExpExecArray, lookup: GroupLookup, n: number): string {
  if (n === 0) return match[0];
  const indices = lookup.groups.get(n);
  if (indices === undefined) return "";
  for (let k = indices.length - 1; k >= 0; k--) {
    const value = match[indices[k] as number];
    if (value !== undefined) return value;
  }
  return "";
}

function expand(parts: readonly ReplacementPart[], match: RegExpExecArray, input: string, lookup: GroupLookup): string {
  let out = "";
  for (const part of parts) {
    if (typeof part === "string") out += part;
    else if (part >= 0) out += groupText(match, lookup, part);
    else if (part === TEXT_BEFORE) out += input.slice(0, match.index);
    else if (part === TEXT_AFTER) out += input.slice(match.index + match[0].length);
    else if (part === LAST_GROUP) out += groupText(match, lookup, lookup.groupCount);
    else out += input;
  }
  return out;
}

/**
 * Regex.Replace(input, pattern, replacement): every match replaced. `regex` must have
 * the g flag. Empty matches behave as in .NET: "[a-zA-Z_]*" on "john_doe72" with ""
 * gives "72".
 */
export function replaceMatches(
  input: string,
  regex: RegExp,
  lookup: GroupLookup,
  parts: readonly ReplacementPart[],
): string {
  const only = parts[0];
  if (parts.length === 1 && typeof only === "string") {
    // No substitutions: the native replace, with "$" kept literal.
    return only.includes("$") ? input.replace(regex, () => only) : input.replace(regex, only);
  }
  let out = "";
  let last = 0;
  regex.lastIndex = 0;
  for (let m = regex.exec(input); m !== null; m = regex.exec(input)) {
    out += input.slice(last, m.index) + expand(parts, m, input, lookup);
    last = m.index + m[0].length;
    if (m[0] === "") regex.lastIndex++;
  }
  regex.lastIndex = 0;
  return out + input.slice(last);
}

/**
 * In every match, replaces only the span of .NET group `group` by the literal
 * `replacement` (Replace mode 4). `regex` needs the g and d flags. A match in which the
 * group did not participate is left as it is.
 */
export function replaceGroupSpans(
  input: string,
  regex: RegExp,
  lookup: GroupLookup,
  group: number,
  replacement: string,
): string {
  const indices = group === 0 ? [0] : (lookup.groups.get(group) ?? []);
  let out = "";
  let last = 0;
  regex.lastIndex = 0;
  for (let m = regex.exec(input); m !== null; m = regex.exec(input)) {
    if (m[0] === "") regex.lastIndex++;
    let span: [number, number] | undefined;
    for (let k = indices.length - 1; k >= 0 && span === undefined; k--) span = m.indices?.[indices[k] as number];
    // A group inside a lookbehind may start before text already written: leave that match alone.
    if (span === undefined || span[0] < last) continue;
    out += input.slice(last, span[0]) + replacement;
    last = span[1];
  }
  regex.lastIndex = 0;
  return out + input.slice(last);
}

/** The text of .NET group `group` in the first match, or null when there is no match or the group did not take part. */
export function firstGroupText(input: string, regex: RegExp, lookup: GroupLookup, group: number): string | null {
  regex.lastIndex = 0;
  const m = regex.exec(input);
  regex.lastIndex = 0;
  if (m === null) return null;
  if (group === 0) return m[0];
  const indices = lookup.groups.get(group) ?? [];
  for (let k = indices.length - 1; k >= 0; k--) {
    const value = m[indices[k] as number];
    if (value !== undefined) return value;
  }
  return null;
}
