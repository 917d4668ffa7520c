/**
 * Turns a validated SCIM User into the flat attribute record the engine's mappings read,
 * using the attribute names of the API-driven source schema:
 *
 *   externalId, userName, active, displayName, …          core single-valued attributes
 *   name.givenName, name.familyName, …                      core complex sub-attributes
 *   emails[type eq "work"].value                            multi-valued, one key per type
 *   addresses[type eq "work"].locality                      (type lower-cased: SCIM compares it case-insensitively)
 *   urn:…:enterprise:2.0:User:employeeNumber                enterprise extension
 *   urn:…:enterprise:2.0:User:manager.value                 the manager's externalId
 *   <custom URN>:<AttrName>                                 custom extensions
 *
 * Null and absent values are left out (the engine reads a missing key as null).
 */
import { CORE_USER_URN, ENTERPRISE_USER_URN } from "./scim-constants.js";
import type { ScimUser } from "./scim-user-schema.js";

export type FlatScalar = string | number | boolean;
export type FlatScimAttributes = Record<string, FlatScalar | readonly FlatScalar[]>;

/** The matching attributes the API-driven defaults and docs use. */
export const SCIM_MATCHING_ATTRIBUTES = {
  externalId: "externalId",
  userName: "userName",
  employeeNumber: `${ENTERPRISE_USER_URN}:employeeNumber`,
} as const;

const CORE_SINGLE = [
  "externalId",
  "userName",
  "displayName",
  "nickName",
  "title",
  "userType",
  "preferredLanguage",
  "locale",
  "timezone",
] as const;
const NAME_PARTS = [
  "formatted",
  "familyName",
  "givenName",
  "middleName",
  "honorificPrefix",
  "honorificSuffix",
] as const;
const NAME_KEYS = NAME_PARTS.map((part) => `name.${part}`);
const ADDRESS_PARTS = ["formatted", "streetAddress", "locality", "region", "postalCode", "country"] as const;
const ENTERPRISE_PARTS = ["employeeNumber", "costCenter", "organization", "division", "department"] as const;
const ENTERPRISE_KEYS = ENTERPRISE_PARTS.map((part) => `${ENTERPRISE_USER_URN}:${part}`);
const MANAGER_VALUE_KEY = `${ENTERPRISE_USER_URN}:manager.value`;
const MANAGER_DISPLAY_NAME_KEY = `${ENTERPRISE_USER_URN}:manager.displayName`;
const CORE_USER_URN_LOWER = CORE_USER_URN.toLowerCase();

// Filter prefixes ("emails[type eq \"work\"].") are built once per (attribute, type). Types are
// client data, so the cache is bounded; a rare type beyond it is built per call.
const PREFIX_CACHE_LIMIT = 256;
const prefixCache = new Map<string, string>();
function typedPrefix(attribute: string, type: string): string {
  const cacheKey = `${attribute}\u0000${type}`;
  let prefix = prefixCache.get(cacheKey);
  if (prefix === undefined) {
    prefix = `${attribute}[type eq ${JSON.stringify(type.toLowerCase())}].`;
    if (prefixCache.size < PREFIX_CACHE_LIMIT) prefixCache.set(cacheKey, prefix);
  }
  return prefix;
}

interface TypedEntry {
  readonly type?: string | null | undefined;
  readonly primary?: boolean | null | undefined;
}

/** Per type, the entry a `[type eq "…"]` filter reads: the primary one if marked, else the first. */
function entriesByType<T extends TypedEntry>(entries: readonly T[]): Map<string, T> {
  const chosen = new Map<string, T>();
  for (const entry of entries) {
    if (typeof entry.type !== "string" || entry.type === "") continue;
    const type = entry.type.toLowerCase();
    const current = chosen.get(type);
    if (current === undefined || (entry.primary === true && current.primary !== true)) chosen.set(type, entry);
  }
  return chosen;
}

export function flattenScimUser(user: ScimUser): FlatScimAttributes {
  const flat: FlatScimAttributes = {};
  const record = user as Record<string, unknown>;

  for (const key of CORE_SINGLE) {
    const value = record[key];
    if (typeof value === "string") flat[key] = value;
  }
  if (typeof user.active === "boolean") flat["active"] = user.active;

  if (user.name) {
    for (let i = 0; i < NAME_PARTS.length; i++) {
      const value = user.name[NAME_PARTS[i]!];
      if (typeof value === "string") flat[NAME_KEYS[i]!] = value;
    }
  }

  if (user.emails) {
    for (const [type, entry] of entriesByType(user.emails)) {
      if (typeof entry.value === "string") flat[`${typedPrefix("emails", type)}value`] = entry.value;
    }
  }
  if (user.phoneNumbers) {
    for (const [type, entry] of entriesByType(user.phoneNumbers)) {
      if (typeof entry.value === "string") flat[`${typedPrefix("phoneNumbers", type)}value`] = entry.value;
    }
  }
  if (user.addresses) {
    for (const [type, entry] of entriesByType(user.addresses)) {
      const prefix = typedPrefix("addresses", type);
      for (const part of ADDRESS_PARTS) {
        const value = entry[part];
        if (typeof value === "string") flat[prefix + part] = value;
      }
    }
  }

  const enterprise = user[ENTERPRISE_USER_URN];
  if (enterprise) {
    for (let i = 0; i < ENTERPRISE_PARTS.length; i++) {
      const value = enterprise[ENTERPRISE_PARTS[i]!];
      if (typeof value === "string") flat[ENTERPRISE_KEYS[i]!] = value;
    }
    if (enterprise.manager) {
      if (typeof enterprise.manager.value === "string") flat[MANAGER_VALUE_KEY] = enterprise.manager.value;
      if (typeof enterprise.manager.displayName === "string")
        flat[MANAGER_DISPLAY_NAME_KEY] = enterprise.manager.displayName;
    }
  }

  for (const key in record) {
    if (!isCustomExtensionKey(key)) continue;
    const extension = record[key];
    if (typeof extension !== "object" || extension === null || Array.isArray(extension)) continue;
    for (const attribute in extension) {
      const value = (extension as Record<string, unknown>)[attribute];
      if (isFlatValue(value)) flat[`${key}:${attribute}`] = value;
    }
  }
  return flat;
}

function isCustomExtensionKey(key: string): boolean {
  if (key.length <= 4 || key.charCodeAt(3) !== 58 /* ":" */ || key.slice(0, 3).toLowerCase() !== "urn") return false;
  return key !== ENTERPRISE_USER_URN && key.toLowerCase() !== CORE_USER_URN_LOWER;
}

function isScalar(value: unknown): value is FlatScalar {
  return (
    typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))
  );
}

function isFlatValue(value: unknown): value is FlatScalar | readonly FlatScalar[] {
  return isScalar(value) || (Array.isArray(value) && value.every(isScalar));
}
