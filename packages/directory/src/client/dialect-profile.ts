/**
 * What differs between the two directory dialects: the anchor attribute and its encoding,
 * how one entry is looked up by anchor, and which objects count as user accounts.
 */
import { EqualityFilter, type Entry, type Filter, type SearchOptions } from "ldapts";
import type { Dialect } from "../config/directory-config.js";
import { canonicalGuid, guidBytesToString, guidStringToBytes } from "../ad/object-guid.js";

export interface DialectProfile {
  readonly dialect: Dialect;
  /** objectGUID (AD) or entryUUID (OpenLDAP). */
  readonly anchorAttribute: string;
  /** Attributes ldapts must hand back as Buffers (it matches these names case-sensitively). */
  readonly bufferAttributes: string[];
  readonly defaultUserFilter: string;
  /** The canonical form of an anchor given by the engine, or undefined when it cannot be one. */
  canonicalAnchor(anchor: string): string | undefined;
  /** The anchor of a search result entry, in canonical form. */
  anchorOf(entry: Entry): string | undefined;
  /** Equality assertion on the anchor attribute (binary for objectGUID). */
  anchorFilter(canonicalAnchor: string): Filter;
  /** Where and how to search for exactly the entry with this anchor. */
  anchorLookup(canonicalAnchor: string, baseDn: string): { readonly base: string; readonly options: SearchOptions };
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function firstValue(entry: Entry, name: string): Buffer | string | undefined {
  const value = entry[name] ?? entry[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  return first;
}

const activeDirectory: DialectProfile = {
  dialect: "ad",
  anchorAttribute: "objectGUID",
  bufferAttributes: ["objectGUID", "objectguid", "objectSid", "objectsid"],
  // objectClass=user alone also matches computer accounts.
  defaultUserFilter: "(&(objectCategory=person)(objectClass=user))",
  canonicalAnchor: canonicalGuid,
  anchorOf(entry) {
    const value = firstValue(entry, "objectGUID");
    return Buffer.isBuffer(value) ? guidBytesToString(value) : undefined;
  },
  anchorFilter(anchor) {
    return new EqualityFilter({ attribute: "objectGUID", value: guidStringToBytes(anchor)! });
  },
  anchorLookup(anchor) {
    // AD resolves the extended DN form <GUID=…> wherever the object lives, even after moves.
    return { base: `<GUID=${anchor}>`, options: { scope: "base" } };
  },
};

const openLdap: DialectProfile = {
  dialect: "openldap",
  anchorAttribute: "entryUUID",
  bufferAttributes: [],
  defaultUserFilter: "(objectClass=user)",
  canonicalAnchor(anchor) {
    return UUID.test(anchor) ? anchor.toLowerCase() : undefined;
  },
  anchorOf(entry) {
    const value = firstValue(entry, "entryUUID");
    return typeof value === "string" ? value.toLowerCase() : undefined;
  },
  anchorFilter(anchor) {
    return new EqualityFilter({ attribute: "entryUUID", value: anchor });
  },
  anchorLookup(anchor, baseDn) {
    return { base: baseDn, options: { scope: "sub", filter: new EqualityFilter({ attribute: "entryUUID", value: anchor }) } };
  },
};

export function dialectProfile(dialect: Dialect): DialectProfile {
  return dialect === "ad" ? activeDirectory : openLdap;
}
