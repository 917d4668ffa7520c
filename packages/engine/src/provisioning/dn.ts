/**
 * The little DN handling the planner needs: the parent and the RDN value of an entry's
 * DN, and a comparison form. Escaping of values written to the directory is the
 * agent's job; here we only read DNs the directory gave us or a mapping produced.
 */

/** Index of the first comma that separates the RDN from its parent, or -1. Honours `\,` escapes. */
function firstRdnEnd(dn: string): number {
  for (let i = 0; i < dn.length; i++) {
    const ch = dn.charCodeAt(i);
    if (ch === 92 /* \ */) i++;
    else if (ch === 44 /* , */) return i;
  }
  return -1;
}

/** The parent DN ("OU=Users,DC=x" for "CN=a,OU=Users,DC=x"); "" for a single-RDN DN. */
export function parentDn(dn: string): string {
  const end = firstRdnEnd(dn);
  return end < 0 ? "" : dn.slice(end + 1).trim();
}

/** The unescaped value of the first RDN ("Smith, John" for "CN=Smith\, John,OU=x"). */
export function rdnValue(dn: string): string {
  const end = firstRdnEnd(dn);
  const rdn = end < 0 ? dn : dn.slice(0, end);
  const eq = rdn.indexOf("=");
  const raw = (eq < 0 ? rdn : rdn.slice(eq + 1)).trim();
  return unescapeDnValue(raw);
}

function unescapeDnValue(value: string): string {
  if (!value.includes("\\")) return value;
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch !== "\\" || i + 1 >= value.length) {
      out += ch;
      continue;
    }
    const hex = value.slice(i + 1, i + 3);
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      out += String.fromCharCode(Number.parseInt(hex, 16));
      i += 2;
    } else {
      out += value[i + 1];
      i++;
    }
  }
  return out;
}

/**
 * Comparison form of a DN: attribute types and values lower-cased, blanks around the
 * separators removed. "OU=Dallas, OU=Users,DC=Contoso" and "ou=dallas,ou=users,dc=contoso"
 * compare equal; directory DN matching is case-insensitive for the usual attributes.
 */
export function normalizeDn(dn: string): string {
  let out = "";
  let start = 0;
  let separator = "";
  for (let i = 0; i <= dn.length; i++) {
    if (i < dn.length) {
      const ch = dn.charCodeAt(i);
      if (ch === 92 /* \ */) {
        i++;
        continue;
      }
      if (ch !== 44 /* , */ && ch !== 43 /* + (multi-valued RDN) */) continue;
    }
    const part = dn.slice(start, i);
    const eq = part.indexOf("=");
    out += separator + (eq < 0 ? part.trim() : `${part.slice(0, eq).trim()}=${part.slice(eq + 1).trim()}`);
    separator = i < dn.length ? dn[i]! : "";
    start = i + 1;
  }
  return out.toLowerCase();
}

export function sameDn(a: string, b: string): boolean {
  return a === b || normalizeDn(a) === normalizeDn(b);
}
