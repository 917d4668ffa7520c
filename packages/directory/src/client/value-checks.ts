/**
 * Checks of HR-derived attribute values before anything is sent, so the failure names the
 * attribute and the limit instead of surfacing as a server-specific error (or, on OpenLDAP,
 * as no error at all).
 */
import { RosterError, type DirectoryValue } from "@roster/engine";

const ATTRIBUTE_NAME = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)$/;
// A lone surrogate cannot be encoded as UTF-8 (String.prototype.isWellFormed is ES2024).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/** Pseudo-attributes of the engine; never written as LDAP attributes. */
export const PSEUDO_ATTRIBUTES = new Set(["accountdisabled", "parentdistinguishedname"]);

export function isPseudoAttribute(name: string): boolean {
  return PSEUDO_ATTRIBUTES.has(name.toLowerCase());
}

export function assertAttributeName(name: string, subject: string): void {
  if (!ATTRIBUTE_NAME.test(name)) {
    throw new RosterError("HybridSynchronizationActiveDirectoryCannotFindAttribute", `${subject}: "${name}" is not a valid LDAP attribute name`, {
      attribute: name,
    });
  }
}

/** The values to write, as a list; [] means "clear". Throws RosterError for values the directory would reject. */
export function checkedValues(
  name: string,
  value: DirectoryValue | null,
  limits: ReadonlyMap<string, number>,
  subject: string,
): readonly string[] {
  if (value === null) return [];
  const values: readonly unknown[] = typeof value === "string" ? [value] : Array.isArray(value) ? value : [value];
  const limit = limits.get(name.toLowerCase());
  for (const item of values) {
    if (typeof item !== "string") {
      throw new RosterError("InvalidAttributeSyntax", `${subject}: attribute ${name} has a value of type ${typeof item}; only text can be written`, {
        attribute: name,
      });
    }
    if (item.length === 0) {
      throw new RosterError(
        "InvalidAttributeSyntax",
        `${subject}: attribute ${name} is an empty string, which directories reject; clear it with null or guard the mapping with IgnoreFlowIfNullOrEmpty`,
        { attribute: name },
      );
    }
    if (!isWellFormedText(item)) {
      throw new RosterError("InvalidAttributeSyntax", `${subject}: attribute ${name} contains an unpaired UTF-16 surrogate`, { attribute: name });
    }
    if (limit !== undefined && item.length > limit) {
      throw new RosterError(
        "AttributeValueTooLong",
        `${subject}: attribute ${name} is ${item.length} characters long; the directory allows at most ${limit}`,
        { attribute: name, length: item.length, limit },
      );
    }
  }
  return values as readonly string[];
}
