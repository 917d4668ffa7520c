/**
 * SuccessFactors as an HrSource: PerPerson through @roster/successfactors, each person turned
 * into a SourceWorker (anchor = perPersonUuid, workerId = personIdExternal). When the job's
 * mapped attributes are known and the connection keeps the default list, only those catalogue
 * attributes are read, which also keeps $expand small.
 */
import {
  createSuccessFactorsClient,
  SUCCESSFACTORS_CATALOGUE_JSONPATHS,
  type PersonItem,
  type SuccessFactorsClient,
  type SuccessFactorsConfigInput,
  type SuccessFactorsPerson,
  type WritebackRequest,
} from "@roster/successfactors";
import { RosterError } from "@roster/engine";
import type { HrSource, SourceItem, SourceTestResult, SourceWorker, WritebackOutcome } from "./hr-source.js";
import type { HrSourceLogger } from "./hr-source-options.js";
import { sourceFailureOf, toSourceError, writebackFailureOf } from "./source-errors.js";
import { parseFlag, takeWritebackValues, type WritebackParse } from "./writeback-fields.js";
import { displayNameOf, toEngineAttributes, withDisplayAttributes } from "./worker-attributes.js";

const SYSTEM = "SuccessFactors";

const DISPLAY_ATTRIBUTES = ["displayName", "firstName", "lastName"];
const DISPLAY_NAME_CANDIDATES = [["displayName"], ["firstName", "lastName"]];

export interface SuccessFactorsSourceOptions {
  /** Attributes the job reads (sourceAttributesOf); default the connection's own list. */
  readonly mappedAttributes?: readonly string[];
  readonly logger?: HrSourceLogger;
  /** Replaces global fetch (tests, proxies). */
  readonly fetch?: typeof fetch;
}

/** Throws RosterError("InvalidConfiguration") when the connection or a mapped attribute is not valid. */
export function createSuccessFactorsSource(
  connection: SuccessFactorsConfigInput,
  options: SuccessFactorsSourceOptions = {},
): HrSource {
  let input = connection;
  let displayOnly: ReadonlySet<string> | undefined;
  if (options.mappedAttributes !== undefined) {
    const narrowed = narrowAttributes(connection, options.mappedAttributes);
    input = narrowed.input;
    displayOnly = narrowed.displayOnly.size > 0 ? narrowed.displayOnly : undefined;
  }
  const client = createSuccessFactorsClient(input, {
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  return new SuccessFactorsSource(client, displayOnly);
}

/**
 * Checks that every mapped attribute is in the connection's list (catalogue or custom), and
 * with the default list reads only the mapped catalogue attributes plus the display names.
 */
function narrowAttributes(
  connection: SuccessFactorsConfigInput,
  mapped: readonly string[],
): { input: SuccessFactorsConfigInput; displayOnly: ReadonlySet<string> } {
  const custom = Object.keys(connection.extraAttributes ?? {});
  const listed =
    connection.attributes === undefined
      ? Object.keys(SUCCESSFACTORS_CATALOGUE_JSONPATHS)
      : Array.isArray(connection.attributes)
        ? connection.attributes
        : Object.keys(connection.attributes);
  const available = new Set([...listed, ...custom]);
  const unknown = mapped.filter((name) => !available.has(name));
  if (unknown.length > 0) {
    throw new RosterError(
      "InvalidConfiguration",
      `SuccessFactors has no attribute ${unknown.map((name) => JSON.stringify(name)).join(", ")} read by the job's mappings: use a catalogue name or add it to the connection's extraAttributes with a JSONPath`,
      { fields: ["source.connection.extraAttributes"], attributes: unknown },
    );
  }
  const { names, displayOnly } = withDisplayAttributes(mapped, DISPLAY_ATTRIBUTES, available);
  if (connection.attributes !== undefined) return { input: connection, displayOnly: new Set() };
  const customNames = new Set(custom);
  // Custom attributes come from extraAttributes anyway; the list names catalogue attributes only.
  const catalogueNames = names.filter((name) => !customNames.has(name));
  return { input: { ...connection, attributes: catalogueNames }, displayOnly };
}

class SuccessFactorsSource implements HrSource {
  readonly type = "successfactors" as const;

  constructor(
    private readonly client: SuccessFactorsClient,
    private readonly displayOnly: ReadonlySet<string> | undefined,
  ) {}

  async testConnection(signal?: AbortSignal): Promise<SourceTestResult> {
    try {
      const result = await this.client.testConnection(signal === undefined ? {} : { signal });
      return {
        ok: true,
        details: {
          source: "successfactors",
          baseUrl: result.baseUrl,
          authType: result.authType,
          ...(result.samplePersonIdExternal === null ? {} : { samplePersonIdExternal: result.samplePersonIdExternal }),
        },
      };
    } catch (error) {
      throw toSourceError(error, SYSTEM);
    }
  }

  importAll(options: { readonly through: Date; readonly signal?: AbortSignal }): AsyncIterable<SourceItem> {
    return this.items(() =>
      this.client.importAll({ asOf: options.through, ...(options.signal ? { signal: options.signal } : {}) }),
    );
  }

  importChanges(options: {
    readonly from: Date;
    readonly through: Date;
    readonly signal?: AbortSignal;
  }): AsyncIterable<SourceItem> {
    return this.items(() =>
      this.client.importChanges({
        from: options.from,
        through: options.through,
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    );
  }

  async getWorker(workerId: string, signal?: AbortSignal): Promise<SourceItem | null> {
    try {
      const item = await this.client.getPerson(workerId, signal === undefined ? {} : { signal });
      return item === null ? null : this.toItem(item);
    } catch (error) {
      throw toSourceError(error, SYSTEM);
    }
  }

  async writeback(
    worker: { readonly sourceAnchor: string; readonly workerId: string },
    values: Readonly<Record<string, string>>,
  ): Promise<WritebackOutcome> {
    const who = `person ${worker.workerId}`;
    const parsed = successFactorsWritebackOf(worker.workerId, values);
    if (!parsed.ok) {
      return {
        ok: false,
        message: `SuccessFactors: writeback of ${who} not sent: ${parsed.message}`,
        retryable: false,
      };
    }
    if (parsed.request === null) return { ok: true };
    try {
      const result = await this.client.writeback(parsed.request);
      if (result.ok) return { ok: true };
      // Rows SuccessFactors refused (unknown picklist id, duplicate username, personal primary email).
      return {
        ok: false,
        message: result.error?.message ?? `SuccessFactors did not write every row for ${who}`,
        retryable: result.error?.retryable ?? false,
      };
    } catch (error) {
      return writebackFailureOf(error, SYSTEM, who);
    }
  }

  async close(): Promise<void> {
    // Nothing held open: every request is its own HTTP exchange.
  }

  private async *items(open: () => AsyncGenerator<PersonItem, unknown, undefined>): AsyncGenerator<SourceItem> {
    try {
      for await (const item of open()) yield this.toItem(item);
    } catch (error) {
      throw toSourceError(error, SYSTEM);
    }
  }

  private toItem(item: PersonItem): SourceItem {
    if (item.ok) return { ok: true, worker: this.toWorker(item.person) };
    const { personIdExternal } = item.error.details;
    const id = typeof personIdExternal === "string" ? personIdExternal : null;
    // The anchor (perPersonUuid) of a person that failed to extract is not known.
    return { ok: false, failure: sourceFailureOf(item.error, SYSTEM, { sourceAnchor: null, workerId: id }) };
  }

  private toWorker(person: SuccessFactorsPerson): SourceWorker {
    return {
      // perPersonUuid is the immutable anchor; a tenant that does not expose it (older Employee
      // Central releases, or an API user without the field permission) falls back to
      // personIdExternal, which is stable unless HR re-keys the person.
      sourceAnchor: person.perPersonUuid ?? person.personIdExternal,
      workerId: person.personIdExternal,
      displayName: displayNameOf(person.attributes, DISPLAY_NAME_CANDIDATES),
      attributes: toEngineAttributes(person.attributes, this.displayOnly),
    };
  }
}

/** The SuccessFactors Writeback set's target names (see the engine's successfactors-writeback mapping set). */
export const SUCCESSFACTORS_WRITEBACK_FIELDS: readonly string[] = [
  "email",
  "emailType",
  "emailIsPrimary",
  "businessPhoneNumber",
  "businessPhoneType",
  "businessPhoneIsPrimary",
  "cellPhoneNumber",
  "cellPhoneType",
  "cellPhoneIsPrimary",
  "username",
  "userId",
];

/** The matching attribute identifies the person (the worker's personIdExternal); it is not written. */
const IDENTITY_FIELDS = ["personIdExternal"];

type Row = { address?: string; number?: string; typeId?: string; isPrimary?: boolean };

/** Writeback values → the connector's upsert request; null when there is nothing to write. */
export function successFactorsWritebackOf(
  personIdExternal: string,
  values: Readonly<Record<string, string>>,
): WritebackParse<WritebackRequest> {
  const fields = takeWritebackValues(values, SUCCESSFACTORS_WRITEBACK_FIELDS, SYSTEM, IDENTITY_FIELDS);
  if (!fields.ok) return fields;
  const get = fields.values;
  const rowOf = (value: string | undefined, prefix: string, key: "address" | "number") => {
    if (value === undefined) return { ok: true as const, row: undefined };
    const row: Row = { [key]: value };
    const typeId = get.get(`${prefix}Type`);
    if (typeId !== undefined) row.typeId = typeId;
    const primaryText = get.get(`${prefix}IsPrimary`);
    if (primaryText !== undefined) {
      const primary = parseFlag(primaryText, `${prefix}IsPrimary`);
      if (typeof primary !== "boolean") return primary;
      row.isPrimary = primary;
    }
    return { ok: true as const, row };
  };
  const email = rowOf(get.get("email"), "email", "address");
  if (!email.ok) return email;
  const business = rowOf(get.get("businessPhoneNumber"), "businessPhone", "number");
  if (!business.ok) return business;
  const cell = rowOf(get.get("cellPhoneNumber"), "cellPhone", "number");
  if (!cell.ok) return cell;
  const username = get.get("username");
  const userId = get.get("userId");
  if (email.row === undefined && business.row === undefined && cell.row === undefined && username === undefined) {
    return { ok: true, request: null };
  }
  return {
    ok: true,
    request: {
      personIdExternal,
      ...(userId === undefined ? {} : { userId }),
      ...(email.row === undefined ? {} : { email: email.row as WritebackEmail }),
      ...(business.row === undefined ? {} : { businessPhone: business.row as WritebackPhone }),
      ...(cell.row === undefined ? {} : { cellPhone: cell.row as WritebackPhone }),
      ...(username === undefined ? {} : { username }),
    },
  };
}

type WritebackEmail = Exclude<NonNullable<WritebackRequest["email"]>, string>;
type WritebackPhone = Exclude<NonNullable<WritebackRequest["businessPhone"]>, string>;
