/**
 * Search results → the engine's TargetEntry: attribute values as text under the names the
 * caller asked for (directories answer in their own case), plus the pseudo-attributes
 * accountDisabled and parentDistinguishedName.
 */
import type { DirectoryValue, TargetEntry } from "@roster/engine";
import type { Entry } from "ldapts";
import { isAccountDisabled, parseUserAccountControl } from "../ad/user-account-control.js";
import { parentDnOf } from "../dn/distinguished-name.js";
import type { DialectProfile } from "./dialect-profile.js";

/** Never reported as attribute values: secrets and binary identifiers. */
const HIDDEN_ATTRIBUTES = new Set(["unicodepwd", "userpassword", "objectguid", "objectsid", "ntsecuritydescriptor", "entryuuid"]);

export type RequestedAttributes = readonly string[] | "all";

export function toTargetEntry(entry: Entry, profile: DialectProfile, requested: RequestedAttributes): TargetEntry | undefined {
  const anchor = profile.anchorOf(entry);
  if (anchor === undefined) return undefined;

  const byLowerName = new Map<string, string>();
  for (const key of Object.keys(entry)) {
    if (key !== "dn") byLowerName.set(key.toLowerCase(), key);
  }
  const attributes: Record<string, DirectoryValue | null> = {};
  if (requested === "all") {
    for (const [lower, key] of byLowerName) {
      if (!HIDDEN_ATTRIBUTES.has(lower)) attributes[key] = toDirectoryValue(entry[key]);
    }
  } else {
    for (const name of requested) {
      const key = byLowerName.get(name.toLowerCase());
      attributes[name] = key === undefined ? null : toDirectoryValue(entry[key]);
    }
  }
  const uacKey = byLowerName.get("useraccountcontrol");
  const uac = uacKey === undefined ? undefined : parseUserAccountControl(entry[uacKey]);
  attributes["accountDisabled"] = uac !== undefined && isAccountDisabled(uac) ? "True" : "False";
  attributes["parentDistinguishedName"] = parentDnOf(entry.dn);
  return { anchor, dn: entry.dn, attributes };
}

/** ldapts value → DirectoryValue; binary values (not valid UTF-8) become base64. Empty → null. */
export function toDirectoryValue(value: Entry[string] | undefined): DirectoryValue | null {
  if (value === undefined) return null;
  if (typeof value === "string") return value;
  if (Buffer.isBuffer(value)) return value.toString("base64");
  if (value.length === 0) return null;
  const texts = (value as ReadonlyArray<string | Buffer>).map((v) => (typeof v === "string" ? v : v.toString("base64")));
  return texts.length === 1 ? texts[0]! : texts;
}

/** The values of an attribute of a search entry, case-insensitively, as strings. */
export function entryValues(entry: Entry, name: string): string[] {
  let value = entry[name];
  if (value === undefined) {
    const wanted = name.toLowerCase();
    for (const key of Object.keys(entry)) {
      if (key.toLowerCase() === wanted) {
        value = entry[key];
        break;
      }
    }
  }
  if (value === undefined) return [];
  const list = Array.isArray(value) ? (value as ReadonlyArray<string | Buffer>) : [value];
  return list.map((v) => (typeof v === "string" ? v : v.toString("base64")));
}
