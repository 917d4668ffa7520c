/**
 * Workday as an HrSource: Get_Workers through @roster/workday, each worker turned into a
 * SourceWorker (anchor = WID, workerId = Worker_ID). Only the attributes the job's mappings read
 * are extracted (they decide the Response_Group), plus the name attributes used for log lines.
 */
import {
  createWorkdayClient,
  parseWorkdayConfig,
  type WorkdayClient,
  type WorkdayConfigInput,
  type WorkdayWorker,
  type WorkerItem,
  type WorkerType,
  type WorkPhone,
  type WritebackRequest,
} from "@roster/workday";
import type { HrSource, SourceItem, SourceTestResult, SourceWorker, WritebackOutcome, WritebackTarget } from "./hr-source.js";
import type { HrSourceLogger } from "./hr-source-options.js";
import { sourceFailureOf, toSourceError, writebackFailureOf } from "./source-errors.js";
import { parseFlag, takeWritebackValues, type WritebackParse } from "./writeback-fields.js";
import { displayNameOf, toEngineAttributes, withDisplayAttributes } from "./worker-attributes.js";

const SYSTEM = "Workday";

/** Read for log lines when the source offers them: the formatted preferred name, else the legal name. */
const DISPLAY_ATTRIBUTES = ["PreferredNameData", "FirstName", "LastName"];
const DISPLAY_NAME_CANDIDATES = [["PreferredNameData"], ["FirstName", "LastName"]];

/** A WID is 32 hexadecimal digits; Worker IDs rarely are, but may be, so both are tried. */
const WID_TEXT = /^[0-9a-f]{32}$/i;

export interface WorkdaySourceOptions {
  /** Attributes the job reads (sourceAttributesOf); default the connection's own list. */
  readonly mappedAttributes?: readonly string[];
  readonly logger?: HrSourceLogger;
  /** Replaces global fetch (tests, proxies). */
  readonly fetch?: typeof fetch;
}

/** Throws RosterError("InvalidConfiguration") when the connection or a mapped attribute is not valid. */
export function createWorkdaySource(connection: WorkdayConfigInput, options: WorkdaySourceOptions = {}): HrSource {
  const { mappedAttributes: configured, ...rest } = connection;
  let mapped = configured;
  let displayOnly: ReadonlySet<string> | undefined;
  if (options.mappedAttributes !== undefined) {
    const available = new Set(Object.keys(parseWorkdayConfig(rest).attributes));
    const union = [...new Set([...(configured ?? []), ...options.mappedAttributes])];
    const extended = withDisplayAttributes(union, DISPLAY_ATTRIBUTES, available);
    mapped = [...extended.names];
    displayOnly = extended.displayOnly.size > 0 ? extended.displayOnly : undefined;
  }
  const client = createWorkdayClient(mapped === undefined ? rest : { ...rest, mappedAttributes: mapped }, {
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  return new WorkdaySource(client, displayOnly);
}

class WorkdaySource implements HrSource {
  readonly type = "workday" as const;

  constructor(
    private readonly client: WorkdayClient,
    private readonly displayOnly: ReadonlySet<string> | undefined,
  ) {}

  async testConnection(): Promise<SourceTestResult> {
    try {
      const result = await this.client.testConnection();
      return {
        ok: true,
        details: { source: "workday", version: result.version, serviceUrl: result.serviceUrl },
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
    const read = (id: { wid: string } | { workerId: string }) =>
      this.client.getWorker(id, signal === undefined ? {} : { signal });
    try {
      let item: WorkerItem | null = null;
      if (WID_TEXT.test(workerId)) item = await read({ wid: workerId.toLowerCase() });
      item ??= await read({ workerId });
      return item === null ? null : this.toItem(item);
    } catch (error) {
      throw toSourceError(error, SYSTEM);
    }
  }

  async writeback(worker: WritebackTarget, values: Readonly<Record<string, string>>): Promise<WritebackOutcome> {
    const who = `worker ${worker.workerId} (WID ${worker.sourceAnchor})`;
    const parsed = workdayWritebackOf(writebackWorkerOf(worker), values);
    if (!parsed.ok)
      return { ok: false, message: `Workday: writeback of ${who} not sent: ${parsed.message}`, retryable: false };
    if (parsed.request === null) return { ok: true };
    try {
      await this.client.writeback(parsed.request);
      return { ok: true };
    } catch (error) {
      return writebackFailureOf(error, SYSTEM, who);
    }
  }

  async close(): Promise<void> {
    // Nothing held open: every request is its own HTTP exchange.
  }

  private async *items(open: () => AsyncGenerator<WorkerItem>): AsyncGenerator<SourceItem> {
    try {
      for await (const item of open()) yield this.toItem(item);
    } catch (error) {
      throw toSourceError(error, SYSTEM);
    }
  }

  private toItem(item: WorkerItem): SourceItem {
    if (item.ok) return { ok: true, worker: this.toWorker(item.worker) };
    const { wid, workerId } = item.error.details;
    return {
      ok: false,
      failure: sourceFailureOf(item.error, SYSTEM, {
        sourceAnchor: typeof wid === "string" ? wid : null,
        workerId: typeof workerId === "string" ? workerId : null,
      }),
    };
  }

  private toWorker(worker: WorkdayWorker): SourceWorker {
    return {
      sourceAnchor: worker.wid,
      workerId: worker.workerId,
      displayName: displayNameOf(worker.attributes, DISPLAY_NAME_CANDIDATES),
      ...(worker.workerType === undefined ? {} : { workerType: worker.workerType }),
      attributes: toEngineAttributes(worker.attributes, this.displayOnly),
    };
  }
}

/**
 * By Employee_ID / Contingent_Worker_ID when the import told which (the account writeback needs
 * one of them, so the connector would otherwise look the worker up by WID first), else by WID.
 */
export function writebackWorkerOf(worker: WritebackTarget): WorkdayWritebackWorker {
  const type = worker.workerType;
  return type === "Employee" || type === "Contingent_Worker" ? { workerId: worker.workerId, workerType: type } : { wid: worker.sourceAnchor };
}

export type WorkdayWritebackWorker = { readonly wid: string } | { readonly workerId: string; readonly workerType: WorkerType };

const PHONE_KINDS = [
  { kind: "Landline", prefix: "WorkphoneLandline", hasExtension: true },
  { kind: "Mobile", prefix: "WorkphoneMobile", hasExtension: false },
] as const;

/** The Workday Writeback set's target names (see the engine's workday-writeback mapping set). */
export const WORKDAY_WRITEBACK_FIELDS: readonly string[] = [
  "EmailAddress",
  "UserID",
  ...PHONE_KINDS.flatMap(({ prefix, hasExtension }) => [
    `${prefix}Number`,
    `${prefix}CountryCodeName`,
    `${prefix}CountryCodeNumber`,
    `${prefix}IsPrimary`,
    ...(hasExtension ? [`${prefix}Extension`] : []),
  ]),
];

/** Writeback values → the connector's request; null when there is nothing to write. */
export function workdayWritebackOf(
  worker: WorkdayWritebackWorker,
  values: Readonly<Record<string, string>>,
): WritebackParse<WritebackRequest> {
  const fields = takeWritebackValues(values, WORKDAY_WRITEBACK_FIELDS, "Workday");
  if (!fields.ok) return fields;
  const get = fields.values;
  const phones: WorkPhone[] = [];
  for (const { kind, prefix } of PHONE_KINDS) {
    const number = get.get(`${prefix}Number`);
    const countryCodeName = get.get(`${prefix}CountryCodeName`);
    const countryCodeNumber = get.get(`${prefix}CountryCodeNumber`);
    const extension = get.get(`${prefix}Extension`);
    const primaryText = get.get(`${prefix}IsPrimary`);
    if (number === undefined) {
      // The other parts of a phone mean nothing without its number (IsPrimary is often a constant).
      continue;
    }
    if (countryCodeName === undefined || countryCodeNumber === undefined) {
      const missing = countryCodeName === undefined ? `${prefix}CountryCodeName` : `${prefix}CountryCodeNumber`;
      return {
        ok: false,
        message: `${prefix}Number is given without ${missing}; Workday needs the phone's country code (write the number as "+<calling code> <number>")`,
      };
    }
    const primary = primaryText === undefined ? undefined : parseFlag(primaryText, `${prefix}IsPrimary`);
    if (primary !== undefined && typeof primary !== "boolean") return primary;
    phones.push({
      deviceType: kind,
      number,
      countryCodeName,
      countryCodeNumber,
      ...(extension === undefined ? {} : { extension }),
      ...(primary === undefined ? {} : { primary }),
    });
  }
  const email = get.get("EmailAddress");
  const username = get.get("UserID");
  if (email === undefined && username === undefined && phones.length === 0) return { ok: true, request: null };
  return {
    ok: true,
    request: {
      ...worker,
      ...(email === undefined ? {} : { email }),
      ...(username === undefined ? {} : { username }),
      ...(phones.length === 0 ? {} : { phone: phones }),
    },
  };
}
