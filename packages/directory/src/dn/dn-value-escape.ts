/**
 * RFC 4514 escaping of one attribute value inside a DN (the part after `CN=`).
 *
 * Specials are escaped with a backslash the way AD writes them (`Rivera\, Jo`), except the
 * backslash itself, which becomes `\5C`: ldapts' modifyDN splits the new DN at the first
 * comma not preceded by a backslash, so a value ending in `\\` would be split wrongly.
 * Control characters (including NUL, which RFC 4514 requires) are hex-escaped so a DN never
 * carries raw line breaks into logs or LDIF.
 */

// One scan decides whether anything needs escaping; most HR names need none.
const NEEDS_ESCAPE = /[\\,+"<>;=\u0000-\u001f\u007f]|^[ #]| $/;

const HEX_DIGITS = "0123456789ABCDEF";

function hexByte(code: number): string {
  return "\\" + HEX_DIGITS[code >> 4]! + HEX_DIGITS[code & 15]!;
}

export function escapeDnValue(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  const last = value.length - 1;
  let out = "";
  for (let i = 0; i <= last; i++) {
    const ch = value[i]!;
    const code = value.charCodeAt(i);
    switch (ch) {
      case "\\":
        out += "\\5C";
        break;
      case ",":
      case "+":
      case '"':
      case "<":
      case ">":
      case ";":
      case "=":
        out += "\\" + ch;
        break;
      case "#":
        out += i === 0 ? "\\#" : ch;
        break;
      case " ":
        out += i === 0 || i === last ? "\\ " : ch;
        break;
      default:
        out += code < 0x20 || code === 0x7f ? hexByte(code) : ch;
    }
  }
  return out;
}
