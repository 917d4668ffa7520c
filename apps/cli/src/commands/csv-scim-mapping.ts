/**
 * CSV columns → SCIM User attributes for `roster import csv`. A mapping names, per CSV column,
 * the SCIM attribute path it fills, in the notation of the API-driven source schema:
 * `externalId`, `name.givenName`, `emails[type eq "work"].value`, `<enterprise URN>:department`,
 * `<enterprise URN>:manager.value`, `<custom URN>:<Attr>`. Paths are parsed once per import
 * into setters; each row then only assigns values.
 */
import { RosterError } from "@roster/engine";

const CORE_USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE_USER_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const ENT = ENTERPRISE_USER_URN;

/** CSV column → SCIM path; null ignores the column. */
export type ColumnMapping = Readonly<Record<string, string | null>>;

/** Column names understood without a mapping file (compared ignoring case). */
export const DEFAULT_COLUMN_MAPPING: Readonly<Record<string, string>> = {
  externalId: "externalId",
  userName: "userName",
  displayName: "displayName",
  givenName: "name.givenName",
  firstName: "name.givenName",
  familyName: "name.familyName",
  lastName: "name.familyName",
  middleName: "name.middleName",
  email: 'emails[type eq "work"].value',
  workEmail: 'emails[type eq "work"].value',
  personalEmail: 'emails[type eq "home"].value',
  phone: 'phoneNumbers[type eq "work"].value',
  mobile: 'phoneNumbers[type eq "mobile"].value',
  title: "title",
  userType: "userType",
  active: "active",
  locale: "locale",
  preferredLanguage: "preferredLanguage",
  city: 'addresses[type eq "work"].locality',
  country: 'addresses[type eq "work"].country',
  employeeNumber: `${ENT}:employeeNumber`,
  costCenter: `${ENT}:costCenter`,
  organization: `${ENT}:organization`,
  division: `${ENT}:division`,
  department: `${ENT}:department`,
  manager: `${ENT}:manager.value`,
  managerId: `${ENT}:manager.value`,
};
const DEFAULTS_BY_LOWER_NAME = new Map(
  Object.entries(DEFAULT_COLUMN_MAPPING).map(([key, value]) => [key.toLowerCase(), value]),
);

const CORE_SINGLE = new Set([
  "externalId",
  "userName",
  "displayName",
  "nickName",
  "title",
  "userType",
  "preferredLanguage",
  "locale",
  "timezone",
]);
const NAME_PARTS = new Set([
  "formatted",
  "familyName",
  "givenName",
  "middleName",
  "honorificPrefix",
  "honorificSuffix",
]);
const ADDRESS_PARTS = new Set(["formatted", "streetAddress", "locality", "region", "postalCode", "country"]);
const ENTERPRISE_PARTS = new Set(["employeeNumber", "costCenter", "organization", "division", "department"]);
const TYPED_PATH = /^(emails|phoneNumbers|addresses)\[type eq "([^"]+)"\]\.(\w+)$/;

type Setter =
  | { readonly kind: "core"; readonly key: string }
  | { readonly kind: "active" }
  | { readonly kind: "name"; readonly part: string }
  | {
      readonly kind: "typed";
      readonly attribute: "emails" | "phoneNumbers" | "addresses";
      readonly type: string;
      readonly part: string;
    }
  | { readonly kind: "enterprise"; readonly key: string }
  | { readonly kind: "manager"; readonly key: "value" | "displayName" }
  | { readonly kind: "custom"; readonly urn: string; readonly attribute: string };

/** Parses one SCIM path; null when Roster's API-driven source has no such attribute. */
export function parseScimPath(path: string): Setter | null {
  if (CORE_SINGLE.has(path)) return { kind: "core", key: path };
  if (path === "active") return { kind: "active" };
  if (path.startsWith("name.")) {
    const part = path.slice(5);
    return NAME_PARTS.has(part) ? { kind: "name", part } : null;
  }
  const typed = TYPED_PATH.exec(path);
  if (typed !== null) {
    const attribute = typed[1] as "emails" | "phoneNumbers" | "addresses";
    const part = typed[3]!;
    const valid = attribute === "addresses" ? ADDRESS_PARTS.has(part) : part === "value";
    return valid ? { kind: "typed", attribute, type: typed[2]!.toLowerCase(), part } : null;
  }
  if (path.startsWith(`${ENT}:`)) {
    const key = path.slice(ENT.length + 1);
    if (ENTERPRISE_PARTS.has(key)) return { kind: "enterprise", key };
    if (key === "manager.value") return { kind: "manager", key: "value" };
    if (key === "manager.displayName") return { kind: "manager", key: "displayName" };
    return null;
  }
  if (path.slice(0, 4).toLowerCase() === "urn:") {
    const colon = path.lastIndexOf(":");
    const urn = path.slice(0, colon);
    const attribute = path.slice(colon + 1);
    if (attribute === "" || urn.length <= 4 || urn.toLowerCase() === CORE_USER_URN.toLowerCase() || urn === ENT)
      return null;
    return { kind: "custom", urn, attribute };
  }
  return null;
}

interface MappedColumn {
  readonly index: number;
  readonly column: string;
  readonly path: string;
  readonly setter: Setter;
}

export interface CompiledMapping {
  readonly columns: readonly MappedColumn[];
  /** Header columns neither the defaults nor the mapping file know (ignored). */
  readonly unmapped: readonly string[];
  readonly externalIdColumn: string;
  readonly headerLength: number;
}

/**
 * Resolves the header against the mapping file (exact column names) and the defaults
 * (case-insensitive, or a header that is itself a SCIM path). Throws RosterError
 * InvalidConfiguration naming the column.
 */
export function compileMapping(header: readonly string[], overrides: ColumnMapping = {}): CompiledMapping {
  const columns: MappedColumn[] = [];
  const unmapped: string[] = [];
  const byPath = new Map<string, string>();
  const seen = new Set<string>();
  for (const [column, path] of Object.entries(overrides)) {
    if (path !== null && parseScimPath(path) === null) {
      throw new RosterError(
        "InvalidConfiguration",
        `Mapping of column "${column}": "${path}" is not a SCIM attribute path Roster reads (e.g. externalId, name.givenName, emails[type eq "work"].value, ${ENT}:department, urn:<your extension>:<Attr>).`,
        { field: column },
      );
    }
  }
  header.forEach((rawColumn, index) => {
    const column = rawColumn.trim();
    if (seen.has(column)) {
      throw new RosterError("InvalidConfiguration", `CSV header: column "${column}" appears more than once.`, {
        field: column,
      });
    }
    seen.add(column);
    const path = Object.hasOwn(overrides, column)
      ? overrides[column]!
      : (DEFAULTS_BY_LOWER_NAME.get(column.toLowerCase()) ?? (parseScimPath(column) === null ? null : column));
    if (path === null) {
      // Columns the mapping file sets to null are ignored on purpose: no warning for those.
      if (!Object.hasOwn(overrides, column)) unmapped.push(column);
      return;
    }
    const earlier = byPath.get(path);
    if (earlier !== undefined) {
      throw new RosterError(
        "InvalidConfiguration",
        `Columns "${earlier}" and "${column}" both map to "${path}"; map one of them to null in the mapping file.`,
        { field: column },
      );
    }
    byPath.set(path, column);
    columns.push({ index, column, path, setter: parseScimPath(path)! });
  });
  const externalIdColumn = byPath.get("externalId");
  if (externalIdColumn === undefined) {
    throw new RosterError(
      "InvalidConfiguration",
      `No CSV column maps to externalId (columns: ${header.map((column) => `"${column}"`).join(", ")}); name one "externalId" or map it in the mapping file.`,
      { field: "externalId" },
    );
  }
  return { columns, unmapped, externalIdColumn, headerLength: header.length };
}

export interface RowError {
  readonly line: number;
  readonly column: string | null;
  readonly message: string;
}

export type RowResult =
  | { readonly ok: true; readonly externalId: string; readonly user: Record<string, unknown> }
  | { readonly ok: false; readonly errors: readonly RowError[] };

const TRUE_WORDS = new Set(["true", "yes", "y", "1"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0"]);

/** One CSV row as a SCIM User (`data` of a bulk operation). Empty cells are left out. */
export function rowToScimUser(mapping: CompiledMapping, fields: readonly string[], line: number): RowResult {
  if (fields.length !== mapping.headerLength) {
    return {
      ok: false,
      errors: [{ line, column: null, message: `has ${fields.length} fields; the header has ${mapping.headerLength}` }],
    };
  }
  const errors: RowError[] = [];
  const user: Record<string, unknown> = {};
  const schemas = [CORE_USER_URN];
  const objectAt = (parent: Record<string, unknown>, key: string): Record<string, unknown> => {
    let object = parent[key] as Record<string, unknown> | undefined;
    if (object === undefined) {
      object = {};
      parent[key] = object;
    }
    return object;
  };
  const extension = (urn: string): Record<string, unknown> => {
    if (user[urn] === undefined) schemas.push(urn);
    return objectAt(user, urn);
  };
  const typed = new Map<string, Record<string, unknown>>();

  for (const { index, column, setter } of mapping.columns) {
    const value = fields[index]!.trim();
    if (value === "") continue;
    switch (setter.kind) {
      case "core":
        user[setter.key] = value;
        break;
      case "active": {
        const word = value.toLowerCase();
        if (TRUE_WORDS.has(word)) user["active"] = true;
        else if (FALSE_WORDS.has(word)) user["active"] = false;
        else
          errors.push({
            line,
            column,
            message: `${JSON.stringify(value)} is not a boolean (use true/false, yes/no or 1/0)`,
          });
        break;
      }
      case "name": {
        objectAt(user, "name")[setter.part] = value;
        break;
      }
      case "typed": {
        const key = `${setter.attribute}\u0000${setter.type}`;
        let entry = typed.get(key);
        if (entry === undefined) {
          entry = { type: setter.type };
          typed.set(key, entry);
          const list = (user[setter.attribute] as Record<string, unknown>[] | undefined) ?? [];
          list.push(entry);
          user[setter.attribute] = list;
        }
        entry[setter.part] = value;
        break;
      }
      case "enterprise":
        extension(ENT)[setter.key] = value;
        break;
      case "manager": {
        objectAt(extension(ENT), "manager")[setter.key] = value;
        break;
      }
      case "custom":
        extension(setter.urn)[setter.attribute] = value;
        break;
    }
  }
  const externalId = user["externalId"];
  if (typeof externalId !== "string") {
    errors.push({ line, column: mapping.externalIdColumn, message: "is empty; every row needs an externalId" });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, externalId: externalId as string, user: { schemas, ...user } };
}
