/**
 * The directory's attribute schema, so mappings can be validated against it ("does this
 * attribute exist, is it single-valued, how long may it be"). AD describes each attribute
 * as an attributeSchema object (with rangeUpper); OpenLDAP publishes RFC 4512
 * attributeTypes descriptions in its subschema entry.
 */
import { isPseudoAttribute } from "../client/value-checks.js";

export interface SchemaAttribute {
  /** The primary name, in the schema's spelling. */
  readonly name: string;
  readonly singleValued: boolean;
  /** Maximum length in characters, when the schema states one (AD rangeUpper, OpenLDAP `{n}`). */
  readonly maxLength?: number;
  /** Maintained by the directory (systemOnly / NO-USER-MODIFICATION). */
  readonly readOnly: boolean;
}

export interface DirectorySchema {
  /** Keyed by lower-cased name; every alias of an attribute is a key. */
  readonly attributes: ReadonlyMap<string, SchemaAttribute>;
}

/** Mapped target attributes the schema does not know (pseudo-attributes are never reported). */
export function findUnknownAttributes(schema: DirectorySchema, names: readonly string[]): string[] {
  return names.filter((name) => !isPseudoAttribute(name) && !schema.attributes.has(name.toLowerCase()));
}

const SYNTAX_BOUND = /\{(\d+)\}$/;
const TOKEN = /\s*(\(|\)|'(?:[^'\\]|\\[0-9a-fA-F]{2})*'|[^\s()']+)/y;

/** Parses one RFC 4512 AttributeTypeDescription; undefined when it is not one. */
export function parseAttributeTypeDescription(description: string): { names: string[]; attribute: SchemaAttribute } | undefined {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(description); match !== null; match = TOKEN.exec(description)) tokens.push(match[1]!);
  if (tokens[0] !== "(" || tokens[tokens.length - 1] !== ")") return undefined;

  const names: string[] = [];
  let singleValued = false;
  let readOnly = false;
  let maxLength: number | undefined;
  for (let i = 2; i < tokens.length - 1; i++) {
    const token = tokens[i]!;
    if (token === "NAME") {
      if (tokens[i + 1] === "(") {
        for (i += 2; i < tokens.length && tokens[i] !== ")"; i++) names.push(unquote(tokens[i]!));
      } else {
        names.push(unquote(tokens[++i] ?? ""));
      }
    } else if (token === "SINGLE-VALUE") singleValued = true;
    else if (token === "NO-USER-MODIFICATION") readOnly = true;
    else if (token === "SYNTAX") {
      const bound = SYNTAX_BOUND.exec(unquote(tokens[++i] ?? ""));
      if (bound !== null) maxLength = Number(bound[1]);
    }
  }
  const name = names[0];
  if (name === undefined || name === "") return undefined;
  return { names, attribute: { name, singleValued, readOnly, ...(maxLength === undefined ? {} : { maxLength }) } };
}

function unquote(token: string): string {
  return token.startsWith("'") && token.endsWith("'") ? token.slice(1, -1) : token;
}

export function schemaFromAttributeTypes(descriptions: readonly string[]): DirectorySchema {
  const attributes = new Map<string, SchemaAttribute>();
  for (const description of descriptions) {
    const parsed = parseAttributeTypeDescription(description);
    if (parsed === undefined) continue;
    for (const name of parsed.names) attributes.set(name.toLowerCase(), parsed.attribute);
  }
  return { attributes };
}

export interface AttributeSchemaObject {
  readonly lDAPDisplayName: string;
  readonly isSingleValued?: string;
  readonly rangeUpper?: string;
  readonly systemOnly?: string;
  readonly attributeSyntax?: string;
}

// AD string syntaxes (Unicode, case-insensitive, IA5/printable, numeric string): rangeUpper is a length for these only.
const AD_STRING_SYNTAXES = new Set(["2.5.5.12", "2.5.5.4", "2.5.5.5", "2.5.5.6"]);

export function schemaFromAttributeSchemaObjects(objects: readonly AttributeSchemaObject[]): DirectorySchema {
  const attributes = new Map<string, SchemaAttribute>();
  for (const object of objects) {
    if (object.lDAPDisplayName === "") continue;
    const isString = object.attributeSyntax !== undefined && AD_STRING_SYNTAXES.has(object.attributeSyntax);
    const rangeUpper = object.rangeUpper === undefined || !isString ? Number.NaN : Number(object.rangeUpper);
    attributes.set(object.lDAPDisplayName.toLowerCase(), {
      name: object.lDAPDisplayName,
      singleValued: object.isSingleValued?.toUpperCase() === "TRUE",
      readOnly: object.systemOnly?.toUpperCase() === "TRUE",
      ...(Number.isInteger(rangeUpper) && rangeUpper > 0 ? { maxLength: rangeUpper } : {}),
    });
  }
  return { attributes };
}
