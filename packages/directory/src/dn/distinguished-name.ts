/**
 * Distinguished names (RFC 4514): parsing, formatting and semantic comparison.
 *
 * Directories answer with different spellings of the same DN (AD: `CN=Rivera\, Jo,OU=…`;
 * OpenLDAP: `cn=Rivera\2C Jo,ou=…`), and HR mappings add their own (`OU=Users, DC=…`), so
 * DNs are compared by their normalised form, never as raw strings.
 */
import { RosterError } from "@roster/engine";
import { escapeDnValue } from "./dn-value-escape.js";

export interface AttributeTypeAndValue {
  readonly type: string;
  readonly value: string;
  /** The value was written in the `#hex` (BER) form; `value` then keeps that literal text. */
  readonly hexForm?: true;
}

/** One RDN: usually a single type/value pair, several for multi-valued RDNs (`cn=a+uid=b`). */
export type Rdn = readonly AttributeTypeAndValue[];

const ATTRIBUTE_TYPE = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)*)$/;
const IS_HEX_PAIR = /^[0-9A-Fa-f]{2}$/;
const IS_HEX_DIGIT = /[0-9A-Fa-f]/;
const ESCAPABLE = new Set([",", "+", '"', "\\", "<", ">", ";", "=", "#", " "]);
const utf8 = new TextDecoder("utf-8", { fatal: true });

function syntaxError(dn: string, reason: string, position: number): RosterError {
  return new RosterError(
    "InvalidAttributeSyntax",
    `"${dn}" is not a valid distinguished name: ${reason} at position ${position}`,
    { dn, position },
  );
}

/** Parses a DN into its RDNs, leftmost (the entry's own RDN) first. The empty string is the root DN. */
export function parseDn(dn: string): Rdn[] {
  const rdns: Rdn[] = [];
  const length = dn.length;
  let i = skipSpaces(dn, 0);
  if (i === length) return rdns;

  let current: AttributeTypeAndValue[] = [];
  for (;;) {
    // attribute type
    const equals = dn.indexOf("=", i);
    if (equals === -1) throw syntaxError(dn, "missing '='", i);
    const type = dn.slice(i, equals).trim();
    if (!ATTRIBUTE_TYPE.test(type)) throw syntaxError(dn, `invalid attribute type "${type}"`, i);
    i = skipSpaces(dn, equals + 1);

    // attribute value
    let value = "";
    let hexForm = false;
    const plainEnd = dn[i] === "#" ? -1 : plainValueEnd(dn, i);
    if (dn[i] === "#") {
      let end = i + 1;
      while (end < length && IS_HEX_DIGIT.test(dn[end]!)) end++;
      if ((end - i - 1) % 2 !== 0 || end === i + 1) throw syntaxError(dn, "malformed #hex value", i);
      value = dn.slice(i, end);
      hexForm = true;
      i = skipSpaces(dn, end);
    } else if (plainEnd !== -1) {
      // Fast path: no escapes in this value (most DNs).
      let end = plainEnd;
      while (end > i && dn.charCodeAt(end - 1) === 32) end--;
      value = dn.slice(i, end);
      i = plainEnd;
    } else {
      let significant = 0; // length of `value` up to its last escaped or non-space character
      let pending: number[] | undefined; // bytes of consecutive \XX escapes, decoded as UTF-8 together
      const flush = (): void => {
        if (pending === undefined) return;
        try {
          value += utf8.decode(Uint8Array.from(pending));
        } catch {
          throw syntaxError(dn, "hex escapes are not valid UTF-8", i);
        }
        pending = undefined;
        significant = value.length;
      };
      while (i < length) {
        const ch = dn[i]!;
        if (ch === "\\") {
          const pair = dn.slice(i + 1, i + 3);
          if (IS_HEX_PAIR.test(pair)) {
            pending ??= [];
            pending.push(Number.parseInt(pair, 16));
            i += 3;
            continue;
          }
          const escaped = dn[i + 1];
          if (escaped === undefined || !ESCAPABLE.has(escaped)) {
            throw syntaxError(dn, "invalid escape sequence", i);
          }
          flush();
          value += escaped;
          significant = value.length;
          i += 2;
          continue;
        }
        if (ch === "," || ch === "+") break;
        if (ch === '"' || ch === "<" || ch === ">" || ch === ";") {
          throw syntaxError(dn, `unescaped '${ch}'`, i);
        }
        flush();
        value += ch;
        if (ch !== " ") significant = value.length;
        i++;
      }
      flush();
      value = value.slice(0, significant); // unescaped trailing spaces are not part of the value
    }
    current.push(hexForm ? { type, value, hexForm: true } : { type, value });

    if (i === length) {
      rdns.push(current);
      return rdns;
    }
    const separator = dn[i];
    if (separator === ",") {
      rdns.push(current);
      current = [];
    } else if (separator !== "+") {
      throw syntaxError(dn, `unexpected '${separator ?? ""}'`, i);
    }
    i = skipSpaces(dn, i + 1);
    if (i === length) throw syntaxError(dn, "empty RDN", i);
  }
}

/** End of a value starting at `from` that has no escapes and no forbidden characters, or -1 if it has any. */
function plainValueEnd(dn: string, from: number): number {
  for (let i = from; i < dn.length; i++) {
    switch (dn.charCodeAt(i)) {
      case 44: // ,
      case 43: // +
        return i;
      case 92: // \
      case 34: // "
      case 60: // <
      case 62: // >
      case 59: // ;
        return -1;
    }
  }
  return dn.length;
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] === " ") i++;
  return i;
}

export function formatRdn(rdn: Rdn): string {
  let out = "";
  for (let i = 0; i < rdn.length; i++) {
    const ava = rdn[i]!;
    if (i > 0) out += "+";
    out += ava.type + "=" + (ava.hexForm ? ava.value : escapeDnValue(ava.value));
  }
  return out;
}

export function formatDn(rdns: readonly Rdn[]): string {
  return rdns.map(formatRdn).join(",");
}

/** Case-insensitive, whitespace-insensitive form for comparison (caseIgnoreMatch semantics). */
export function normalizeDn(dn: string): string {
  return parseDn(dn)
    .map((rdn) => {
      const parts = rdn.map((ava) => {
        const value = ava.hexForm ? ava.value.toLowerCase() : escapeDnValue(normalizeValue(ava.value));
        return ava.type.toLowerCase() + "=" + value;
      });
      if (parts.length > 1) parts.sort();
      return parts.join("+");
    })
    .join(",");
}

const WHITESPACE_RUN = /\s+/g;

function normalizeValue(value: string): string {
  return value.replace(WHITESPACE_RUN, " ").trim().toLowerCase();
}

/** True when both DNs name the same entry. Throws RosterError (InvalidAttributeSyntax) for an invalid DN. */
export function dnEquals(a: string, b: string): boolean {
  return a === b || normalizeDn(a) === normalizeDn(b);
}

/**
 * Index of the comma that ends the first RDN, or -1 for a single-RDN DN. Skips escaped
 * characters; hex escapes never contain a comma, so skipping one character after `\` is enough.
 */
function firstRdnEnd(dn: string): number {
  for (let i = 0; i < dn.length; i++) {
    const ch = dn.charCodeAt(i);
    if (ch === 92 /* \ */) i++;
    else if (ch === 44 /* , */) return i;
  }
  return -1;
}

/** The parent of `dn` as the directory spelled it ("" for a single-RDN DN). No full parse: used per search result. */
export function parentDnOf(dn: string): string {
  const end = firstRdnEnd(dn);
  return end === -1 ? "" : dn.slice(end + 1).trimStart();
}

/** Splits a DN into its own RDN (parsed) and the parent DN text. */
export function splitDn(dn: string): { readonly rdn: Rdn; readonly parentDn: string } {
  const end = firstRdnEnd(dn);
  const rdns = parseDn(end === -1 ? dn : dn.slice(0, end));
  const rdn = rdns[0];
  if (rdn === undefined) throw syntaxError(dn, "the root DN has no RDN", 0);
  return { rdn, parentDn: end === -1 ? "" : dn.slice(end + 1).trimStart() };
}

/** `CN=<escaped cn>,<parent>`: the DN of a new account. */
export function childDn(rdnType: string, rdnValue: string, parentDn: string): string {
  const rdn = rdnType + "=" + escapeDnValue(rdnValue);
  return parentDn === "" ? rdn : rdn + "," + parentDn;
}
