/**
 * AD objectGUID: 16 bytes on the wire, Data1/Data2/Data3 little-endian (MS-DTYP GUID), and
 * the canonical string form `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` used as Roster's anchor.
 */

const HEX = "0123456789abcdef";
const GUID_TEXT = /^\{?([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})\}?$/;

// String position of each wire byte: Data1 reversed, Data2 reversed, Data3 reversed, Data4 as is.
const WIRE_ORDER = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15] as const;

export function guidBytesToString(bytes: Uint8Array): string | undefined {
  if (bytes.length !== 16) return undefined;
  let out = "";
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += "-";
    const b = bytes[WIRE_ORDER[i]!]!;
    out += HEX[b >> 4]! + HEX[b & 15]!;
  }
  return out;
}

/** Wire bytes of a GUID string (braces and upper case accepted), or undefined when it is not a GUID. */
export function guidStringToBytes(guid: string): Buffer | undefined {
  const match = GUID_TEXT.exec(guid);
  if (match === null) return undefined;
  const hex = match.slice(1).join("");
  const bytes = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) {
    bytes[WIRE_ORDER[i]!] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  }
  return bytes;
}

/** Canonical (lower-case, no braces) form of a GUID string, or undefined when it is not a GUID. */
export function canonicalGuid(guid: string): string | undefined {
  const match = GUID_TEXT.exec(guid);
  return match === null ? undefined : match.slice(1).join("-").toLowerCase();
}

/** `\xx\xx…`: the GUID as an RFC 4515 escaped binary assertion value, for `(objectGUID=…)` string filters. */
export function guidFilterValue(guid: string): string | undefined {
  const bytes = guidStringToBytes(guid);
  if (bytes === undefined) return undefined;
  let out = "";
  for (const b of bytes) out += "\\" + HEX[b >> 4]! + HEX[b & 15]!;
  return out;
}
