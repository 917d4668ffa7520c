/**
 * Turns one `PerPerson` object into `{ personIdExternal, perPersonUuid, attributes }`, or into an
 * error that names the person (page, position, personIdExternal when known) and the field or
 * attribute at fault. A failure never affects the other persons of the page.
 *
 * Values: a JSONPath selecting nothing (or only nulls) gives null, one value gives that value,
 * several give a list. OData dates become ISO text; Int64 values stay the strings OData sends.
 * Selecting an object or array is an error, since attributes are scalars.
 */
import { SuccessFactorsError } from "../errors/successfactors-error.js";
import { CompiledJsonPath, JsonPathSyntaxError } from "../jsonpath/compiled-jsonpath.js";
import { JsonPathSet, Matches } from "../jsonpath/jsonpath-set.js";
import { MISSING } from "../jsonpath/simple-path.js";
import type { AttributeJsonPaths } from "../catalogue/attribute-catalogue.js";
import { looksLikeODataDate, parseODataDate } from "./odata-date.js";

export type AttributeScalar = string | number | boolean;
export type AttributeValue = AttributeScalar | null | readonly AttributeScalar[];

export interface SuccessFactorsPerson {
  /** The matching attribute (and Entra's pre-hire key). */
  readonly personIdExternal: string;
  /** The source anchor; null when the tenant does not expose it. */
  readonly perPersonUuid: string | null;
  /** Every configured attribute; null when its JSONPath selects nothing. */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** Set when the person was re-read as of a future start date (a pre-hire). */
  readonly asOfDate?: string;
}

export type PersonItem =
  | { readonly ok: true; readonly person: SuccessFactorsPerson }
  | { readonly ok: false; readonly error: SuccessFactorsError };

/** Where a person sits in the responses, for error messages. */
export interface PersonPosition {
  readonly operation: string;
  /** 1-based page number. */
  readonly page: number;
  /** 0-based index within the page's `results`. */
  readonly index: number;
}

export interface Extraction {
  readonly item: PersonItem;
  /** The employment start date (ISO) used by the pre-hire lookup, when the person has one. */
  readonly startDate: string | undefined;
}

/**
 * Attribute records are built key by key. A constructor-made object keeps V8's fast
 * in-object layout for longer than an object literal grown past ~18 keys; the prototype is
 * Object.prototype, so the result is an ordinary plain object.
 */
function AttributeRecord(): void {}
AttributeRecord.prototype = Object.prototype;
const AttributeRecordConstructor = AttributeRecord as unknown as new () => Record<string, AttributeValue>;

const INVALID = Symbol("invalid");

/** Reason of the last INVALID conversion (single-threaded, read right after). */
let invalidReason = "";

function convertScalar(value: unknown): AttributeScalar | null | typeof INVALID {
  switch (typeof value) {
    case "string":
      if (!looksLikeODataDate(value)) return value;
      return parseODataDate(value) ?? fail(`malformed OData date ${JSON.stringify(value.slice(0, 40))}`);
    case "number":
      return Number.isFinite(value) ? value : fail("a non-finite number");
    case "boolean":
      return value;
    case "object":
      if (value === null) return null;
      return fail(Array.isArray(value) ? "an array, not a value" : "an object, not a value");
    default:
      return fail(`a value of type ${typeof value}`);
  }
}

/** Attribute value of a selection: null for nothing, the scalar, or a list without nulls. */
function attributeValueOf(selection: unknown): AttributeValue | typeof INVALID {
  if (selection === MISSING) return null;
  if (!(selection instanceof Matches)) return convertScalar(selection);
  const values: AttributeScalar[] = [];
  for (const raw of selection.values) {
    const value = convertScalar(raw);
    if (value === INVALID) return INVALID;
    if (value !== null) values.push(value);
  }
  return values.length === 0 ? null : values.length === 1 ? values[0]! : values;
}

function fail(reason: string): typeof INVALID {
  invalidReason = reason;
  return INVALID;
}

export class PersonExtractor {
  private readonly names: readonly string[];
  private readonly paths: JsonPathSet;
  /** Index of the pre-hire start date path in `paths` (after the attributes), or -1. */
  private readonly startDateIndex: number;

  /** Compiles the attribute list; a JSONPath that does not parse is a configuration error naming it. */
  constructor(attributes: AttributeJsonPaths, startDateJsonPath?: string) {
    this.names = Object.keys(attributes);
    const sources = this.names.map((name) => attributes[name]!);
    // The start date rides along in the same set, so it shares the tree walk.
    if (startDateJsonPath !== undefined) sources.push(startDateJsonPath);
    this.startDateIndex = startDateJsonPath === undefined ? -1 : this.names.length;
    this.paths = new JsonPathSet(sources, (jsonPath, index) =>
      compileAttribute(this.names[index] ?? "(pre-hire start date)", jsonPath),
    );
  }

  extract(raw: unknown, position: PersonPosition): Extraction {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      return this.failure(position, undefined, "field", "(person)", `is ${describe(raw)}, not a PerPerson object`);
    }
    const person = raw as Record<string, unknown>;
    const id = person.personIdExternal;
    if (typeof id !== "string" || id.trim() === "") {
      const what =
        id === undefined || id === null || id === ""
          ? "has no personIdExternal"
          : typeof id === "string"
            ? "has a blank personIdExternal"
            : `has a personIdExternal that is ${describe(id)}, not a string`;
      return this.failure(position, undefined, "field", "personIdExternal", what, "ImportSkipped");
    }
    const uuid = person.perPersonUuid;
    if (uuid !== undefined && uuid !== null && typeof uuid !== "string") {
      return this.failure(position, id, "field", "perPersonUuid", `has a perPersonUuid that is ${describe(uuid)}`);
    }

    const attributes = new AttributeRecordConstructor();
    this.paths.reset(person);
    for (let i = 0; i < this.names.length; i++) {
      let selection: unknown;
      try {
        selection = this.paths.value(i);
      } catch (error) {
        return this.attributeFailure(position, id, i, `could not be evaluated: ${reasonOf(error)}`);
      }
      const value = attributeValueOf(selection);
      if (value === INVALID) return this.attributeFailure(position, id, i, `selected ${invalidReason}`);
      attributes[this.names[i]!] = value;
    }

    let startDate: string | undefined;
    if (this.startDateIndex >= 0) {
      const selection = this.paths.value(this.startDateIndex);
      const value = attributeValueOf(selection instanceof Matches ? selection.values[0] : selection);
      startDate = typeof value === "string" ? value : undefined;
    }
    const personItem: SuccessFactorsPerson = {
      personIdExternal: id,
      perPersonUuid: typeof uuid === "string" ? uuid : null,
      attributes,
    };
    return { item: { ok: true, person: personItem }, startDate };
  }

  private attributeFailure(position: PersonPosition, id: string, index: number, problem: string): Extraction {
    const name = this.names[index]!;
    const jsonPath = this.paths.paths[index]!.source;
    return this.failure(position, id, "attribute", name, `${problem} (JSONPath ${jsonPath})`, "UnprocessableEntity", {
      jsonPath,
    });
  }

  private failure(
    position: PersonPosition,
    id: string | undefined,
    kind: "field" | "attribute",
    name: string,
    problem: string,
    code: "UnprocessableEntity" | "ImportSkipped" = "UnprocessableEntity",
    extra: Record<string, unknown> = {},
  ): Extraction {
    const who = `PerPerson at index ${position.index} of page ${position.page} of ${position.operation}${id === undefined ? "" : ` (personIdExternal ${JSON.stringify(id)})`}`;
    const message =
      kind === "field" ? `SuccessFactors ${who} ${problem}` : `SuccessFactors ${who}: attribute "${name}" ${problem}`;
    const error = new SuccessFactorsError("data", code, message, {
      operation: position.operation,
      page: position.page,
      index: position.index,
      ...(id === undefined ? {} : { personIdExternal: id }),
      ...(kind === "field" ? { field: name } : { attribute: name }),
      ...extra,
    });
    return { item: { ok: false, error }, startDate: undefined };
  }
}

function compileAttribute(name: string, jsonPath: string): CompiledJsonPath {
  try {
    return new CompiledJsonPath(jsonPath);
  } catch (error) {
    const reason = error instanceof JsonPathSyntaxError ? error.message : reasonOf(error);
    throw new SuccessFactorsError(
      "data",
      "InvalidConfiguration",
      `SuccessFactors attribute "${name}" has a JSONPath that does not parse: ${reason} (JSONPath ${jsonPath})`,
      { attribute: name, jsonPath },
    );
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return value === "" ? "an empty string" : "a string";
  return `a ${typeof value}`;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
