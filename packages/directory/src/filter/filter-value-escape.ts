/**
 * RFC 4515 escaping of assertion values in string filters, e.g. `(employeeID=<value>)`.
 *
 * Only the characters the grammar reserves are escaped (`*`, `(`, `)`, `\`, NUL); other
 * characters, non-ASCII included, travel as UTF-8 as the RFC allows. That matters with
 * ldapts: its filter parser turns each `\XX` into one UTF-16 unit, so hex-escaping the
 * bytes of `Å` would send the wrong bytes. The directory client itself builds filter
 * objects and never needs this; it is for callers that write filter strings.
 */
import { RosterError } from "@roster/engine";

const FILTER_SPECIAL = /[\\*()\u0000]/;
const FILTER_SPECIAL_GLOBAL = /[\\*()\u0000]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\5c",
  "*": "\\2a",
  "(": "\\28",
  ")": "\\29",
  "\u0000": "\\00",
};
const IS_HEX_PAIR = /^[0-9A-Fa-f]{2}$/;
const utf8 = new TextDecoder("utf-8", { fatal: true });

export function escapeFilterValue(value: string): string {
  if (!FILTER_SPECIAL.test(value)) return value;
  return value.replace(FILTER_SPECIAL_GLOBAL, (ch) => ESCAPES[ch]!);
}

/** Inverse of escapeFilterValue for any RFC 4515 assertion value (hex escapes decode as UTF-8). */
export function unescapeFilterValue(escaped: string): string {
  if (!escaped.includes("\\")) {
    assertNoReserved(escaped, 0, escaped.length);
    return escaped;
  }
  let out = "";
  let pending: number[] | undefined;
  let i = 0;
  while (i < escaped.length) {
    const ch = escaped[i]!;
    if (ch === "\\") {
      const pair = escaped.slice(i + 1, i + 3);
      if (!IS_HEX_PAIR.test(pair)) {
        throw invalid(escaped, `"\\${pair}" is not a hex escape`, i);
      }
      pending ??= [];
      pending.push(Number.parseInt(pair, 16));
      i += 3;
      continue;
    }
    if (pending !== undefined) {
      out += decodeBytes(pending, escaped, i);
      pending = undefined;
    }
    assertNoReserved(escaped, i, i + 1);
    out += ch;
    i++;
  }
  if (pending !== undefined) out += decodeBytes(pending, escaped, i);
  return out;
}

/** `(attribute=value)` with the value escaped. */
export function equalityFilter(attribute: string, value: string): string {
  return "(" + attribute + "=" + escapeFilterValue(value) + ")";
}

function decodeBytes(bytes: number[], escaped: string, position: number): string {
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    throw invalid(escaped, "hex escapes are not valid UTF-8", position);
  }
}

function assertNoReserved(text: string, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const ch = text[i]!;
    if (ch === "*" || ch === "(" || ch === ")" || ch === "\u0000") {
      throw invalid(text, `unescaped '${ch === "\u0000" ? "\\0" : ch}'`, i);
    }
  }
}

function invalid(text: string, reason: string, position: number): RosterError {
  return new RosterError("InvalidAttributeSyntax", `LDAP filter value "${text}" is invalid: ${reason} at position ${position}`, {
    value: text,
    position,
  });
}
