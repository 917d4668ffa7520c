/**
 * The SuccessFactors connector: PerPerson imports (full, incremental, one person, pre-hires),
 * Test Connection and writeback through `POST /odata/v2/upsert`, on top of the OData transport.
 * Imports are async generators that yield one item per person, page by page, so a tenant of any
 * size streams through in bounded memory; a person that cannot be read becomes an error item and
 * the others go on. The generator's return value summarises the run (for the watermark).
 */
import type { AttributeJsonPaths } from "../catalogue/attribute-catalogue.js";
import { startDatePath, type EmploymentSelection } from "../catalogue/employment-selection.js";
import {
  parseSuccessFactorsConfig,
  type SuccessFactorsConfig,
  type SuccessFactorsConfigInput,
} from "../config/successfactors-config.js";
import { SuccessFactorsError } from "../errors/successfactors-error.js";
import { PersonExtractor, type PersonItem } from "../extraction/person-extractor.js";
import { expansionsFor } from "../query/expand-list.js";
import { isoDay } from "../query/odata-literals.js";
import { fullImportFilter, incrementalFilter, preHireFilter, singlePersonFilter } from "../query/person-filters.js";
import { personQueryUrl, type PersonQuery } from "../query/person-query.js";
import { readPersonPage, type PersonPage } from "../response/person-page.js";
import { AuthHeader } from "../transport/auth-header.js";
import { ODataTransport, type SuccessFactorsLogger } from "../transport/odata-transport.js";
import { readUpsertResult, type WritebackResult } from "../writeback/upsert-result.js";
import { planUpsert, type WritebackRequest } from "../writeback/writeback-request.js";
import { streamPages } from "./page-stream.js";

/** A moment: a Date or ISO 8601 text. */
export type Moment = Date | string;

export interface SuccessFactorsClientOptions {
  readonly logger?: SuccessFactorsLogger;
  /** Replaces global fetch (tests, proxies). */
  readonly fetch?: typeof fetch;
  /** Clock for "now" (default as-of and through moments). */
  readonly now?: () => Date;
  /** Uniform in [0, 1); retry jitter. */
  readonly random?: () => number;
}

export interface ImportSummary {
  /** The upper bound of the query (`lastModifiedDateTime le …`): the next watermark. */
  readonly through: Date;
  readonly pages: number;
  readonly persons: number;
  readonly failed: number;
  /** Persons re-read as of their future start date. */
  readonly preHires: number;
}

export interface TestConnectionResult {
  readonly baseUrl: string;
  readonly authType: "basic" | "bearer";
  /** personIdExternal of the first person returned, or null for an empty tenant. */
  readonly samplePersonIdExternal: string | null;
}

export interface SuccessFactorsClient {
  /** URL, page size, attribute list and expansions in effect (no credentials). */
  readonly settings: {
    readonly baseUrl: string;
    readonly authType: "basic" | "bearer";
    readonly customPageSize: number;
    readonly employmentSelection: EmploymentSelection;
    readonly attributes: AttributeJsonPaths;
    readonly expand: readonly string[];
  };
  /** Reads one person (no retries); throws SuccessFactorsError when SuccessFactors is not usable. */
  testConnection(options?: { readonly signal?: AbortSignal }): Promise<TestConnectionResult>;
  /** Every person with employment data, active or terminated, modified up to `asOf` (default now). */
  importAll(options?: {
    readonly asOf?: Moment;
    readonly signal?: AbortSignal;
  }): AsyncGenerator<PersonItem, ImportSummary, undefined>;
  /** Persons changed, or whose records took effect, between `from` and `through` (default now). */
  importChanges(options: {
    readonly from: Moment;
    readonly through?: Moment;
    readonly signal?: AbortSignal;
  }): AsyncGenerator<PersonItem, ImportSummary, undefined>;
  /** One person by personIdExternal (optionally as of a day); null when SuccessFactors has none. */
  getPerson(
    personIdExternal: string,
    options?: { readonly asOfDate?: Moment; readonly signal?: AbortSignal },
  ): Promise<PersonItem | null>;
  /** Upserts business email, phones and username; a failed row fails this person only (`ok: false`). */
  writeback(request: WritebackRequest, options?: { readonly signal?: AbortSignal }): Promise<WritebackResult>;
}

const PER_PERSON = "PerPerson";

export function createSuccessFactorsClient(
  input: SuccessFactorsConfigInput,
  options: SuccessFactorsClientOptions = {},
): SuccessFactorsClient {
  return new SuccessFactorsConnector(parseSuccessFactorsConfig(input), options);
}

function toDate(moment: Moment, field: string): Date {
  const date = moment instanceof Date ? moment : new Date(moment);
  if (Number.isNaN(date.getTime())) {
    throw new SuccessFactorsError("data", "InvalidRequest", `${field} is not a valid date or ISO 8601 moment`, {
      field,
    });
  }
  return date;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function toDay(moment: Moment, field: string): string {
  if (typeof moment === "string" && DAY.test(moment)) {
    toDate(`${moment}T00:00:00Z`, field);
    return moment;
  }
  return isoDay(toDate(moment, field));
}

class SuccessFactorsConnector implements SuccessFactorsClient {
  readonly settings: SuccessFactorsClient["settings"];
  private readonly transport: ODataTransport;
  private readonly extractor: PersonExtractor;
  private readonly now: () => Date;
  private readonly logger: SuccessFactorsLogger | undefined;

  constructor(
    private readonly config: SuccessFactorsConfig,
    options: SuccessFactorsClientOptions,
  ) {
    const auth = new AuthHeader(config.auth);
    const startDate = startDatePath(config.employmentSelection);
    this.extractor = new PersonExtractor(config.attributes, config.preHireLookup ? startDate : undefined);
    this.settings = Object.freeze({
      baseUrl: config.baseUrl,
      authType: auth.type,
      customPageSize: config.customPageSize,
      employmentSelection: config.employmentSelection,
      attributes: config.attributes,
      expand: Object.freeze(expansionsFor(Object.values(config.attributes), config.additionalExpansions)),
    });
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger;
    this.transport = new ODataTransport({
      auth,
      timeoutMs: config.timeoutMs,
      retry: { retries: config.retries, baseDelayMs: config.retryBaseDelayMs, maxDelayMs: config.retryMaxDelayMs },
      maxResponseBytes: config.maxResponseBytes,
      logger: options.logger,
      fetch: options.fetch,
      random: options.random,
    });
  }

  private query(query: Omit<PersonQuery, "expand">): string {
    return personQueryUrl(this.config.baseUrl, { expand: this.settings.expand, ...query });
  }

  async testConnection(options: { readonly signal?: AbortSignal } = {}): Promise<TestConnectionResult> {
    const operation = `${PER_PERSON} (test connection)`;
    const url = personQueryUrl(this.config.baseUrl, { expand: [], select: ["personIdExternal"], top: 1 });
    const body = await this.transport.json({ method: "GET", url, operation, signal: options.signal, retries: 0 });
    const page = readPersonPage(body, operation);
    const first = page.results[0] as { personIdExternal?: unknown } | undefined;
    return {
      baseUrl: this.config.baseUrl,
      authType: this.settings.authType,
      samplePersonIdExternal: typeof first?.personIdExternal === "string" ? first.personIdExternal : null,
    };
  }

  importAll(
    options: { readonly asOf?: Moment; readonly signal?: AbortSignal } = {},
  ): AsyncGenerator<PersonItem, ImportSummary, undefined> {
    const through = options.asOf === undefined ? this.now() : toDate(options.asOf, "asOf");
    const url = this.query({
      filter: fullImportFilter(through),
      pageSize: this.config.customPageSize,
      snapshot: this.config.snapshotPaging,
    });
    return this.importPages(`${PER_PERSON} (full import)`, url, through, options.signal);
  }

  importChanges(options: {
    readonly from: Moment;
    readonly through?: Moment;
    readonly signal?: AbortSignal;
  }): AsyncGenerator<PersonItem, ImportSummary, undefined> {
    const from = toDate(options.from, "from");
    const through = options.through === undefined ? this.now() : toDate(options.through, "through");
    if (from.getTime() > through.getTime()) {
      throw new SuccessFactorsError(
        "data",
        "InvalidRequest",
        `importChanges: from (${from.toISOString()}) is after through (${through.toISOString()})`,
        { field: "from" },
      );
    }
    const url = this.query({
      filter: incrementalFilter(from, through),
      pageSize: this.config.customPageSize,
      snapshot: this.config.snapshotPaging,
    });
    return this.importPages(`${PER_PERSON} (incremental import)`, url, through, options.signal);
  }

  async getPerson(
    personIdExternal: string,
    options: { readonly asOfDate?: Moment; readonly signal?: AbortSignal } = {},
  ): Promise<PersonItem | null> {
    if (typeof personIdExternal !== "string" || personIdExternal.trim() === "") {
      throw new SuccessFactorsError("data", "InvalidRequest", "getPerson: personIdExternal is empty", {
        field: "personIdExternal",
      });
    }
    const asOfDate = options.asOfDate === undefined ? undefined : toDay(options.asOfDate, "asOfDate");
    const operation = `${PER_PERSON} (person ${JSON.stringify(personIdExternal)}${asOfDate ? ` as of ${asOfDate}` : ""})`;
    const url = this.query({
      filter: singlePersonFilter(personIdExternal, this.config.useInOperator),
      ...(asOfDate === undefined ? {} : { asOfDate }),
    });
    return this.readOne(url, operation, asOfDate, options.signal);
  }

  async writeback(
    request: WritebackRequest,
    options: { readonly signal?: AbortSignal } = {},
  ): Promise<WritebackResult> {
    const plan = planUpsert(request, this.config.writeback);
    const operation = `upsert (writeback of person ${JSON.stringify(plan.personIdExternal)})`;
    if (plan.rows.length === 0) {
      return {
        ok: true,
        personIdExternal: plan.personIdExternal,
        userId: plan.userId,
        userKeySource: plan.userKeySource,
        rows: [],
      };
    }
    if (plan.userKeySource === "personIdExternal" && plan.rows.some((row) => row.entity === "User")) {
      this.logger?.debug?.(
        { operation, personIdExternal: plan.personIdExternal },
        "SuccessFactors writeback: no userId given, the User is keyed by personIdExternal (wrong after a rehire or conversion)",
      );
    }
    const body = await this.transport.json({
      method: "POST",
      url: `${this.config.baseUrl}upsert?$format=json`,
      operation,
      body: JSON.stringify(plan.rows.map((row) => row.body)),
      signal: options.signal,
    });
    return readUpsertResult(body, plan, operation, (text) => this.transport.redact(text));
  }

  /** Fetches a page; transport errors carry the page number. */
  private async fetchPage(url: string, operation: string, signal: AbortSignal): Promise<PersonPage> {
    const body = await this.transport.json({ method: "GET", url, operation, signal });
    return readPersonPage(body, operation);
  }

  /** `__next` as sent, except that it may never send the credentials to another host. */
  private resolveNext(next: string, current: string, operation: string): string {
    let url: URL;
    try {
      url = new URL(next, current);
    } catch {
      throw new SuccessFactorsError(
        "data",
        "UnprocessableEntity",
        `SuccessFactors sent a d.__next for ${operation} that is not a URL`,
        {
          operation,
        },
      );
    }
    if (url.origin === this.config.origin) return url.href;
    this.logger?.warn?.(
      { operation, nextOrigin: url.origin },
      `SuccessFactors sent a d.__next on another host for ${operation}; following its path on the configured host`,
    );
    return `${this.config.origin}${url.pathname}${url.search}`;
  }

  private async *importPages(
    operation: string,
    firstUrl: string,
    through: Date,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<PersonItem, ImportSummary, undefined> {
    const asOfDay = isoDay(through);
    let pages = 0;
    let persons = 0;
    let failed = 0;
    let preHires = 0;
    const pageStream = streamPages(
      firstUrl,
      (url, number, linked) => this.fetchPage(url, `${operation} page ${number}`, linked),
      (next, current) => this.resolveNext(next, current, operation),
      signal,
      operation,
    );
    for await (const { page, number } of pageStream) {
      pages = number;
      for (let index = 0; index < page.results.length; index++) {
        const { item, startDate } = this.extractor.extract(page.results[index], { operation, page: number, index });
        let result = item;
        if (item.ok && startDate !== undefined && startDate.slice(0, 10) > asOfDay) {
          result = await this.readPreHire(item, startDate.slice(0, 10), signal);
          if (result.ok && result.person.asOfDate !== undefined) preHires++;
        }
        persons++;
        if (!result.ok) failed++;
        yield result;
      }
    }
    return { through, pages, persons, failed, preHires };
  }

  /**
   * Re-reads a pre-hire as of its start date, as Entra does (the record before that date is
   * minimal). A person SuccessFactors does not return for that query (User.status not t, f or e)
   * keeps its minimal record; a failed re-read fails this person only, unless it is an auth error.
   */
  private async readPreHire(
    item: Extract<PersonItem, { ok: true }>,
    startDay: string,
    signal: AbortSignal | undefined,
  ): Promise<PersonItem> {
    const id = item.person.personIdExternal;
    const operation = `${PER_PERSON} (pre-hire ${JSON.stringify(id)} as of ${startDay})`;
    const url = this.query({ filter: preHireFilter(id, this.config.useInOperator), asOfDate: startDay });
    try {
      return (await this.readOne(url, operation, startDay, signal)) ?? item;
    } catch (error) {
      if (!(error instanceof SuccessFactorsError) || error.kind === "auth") throw error;
      return { ok: false, error: withPerson(error, id) };
    }
  }

  private async readOne(
    url: string,
    operation: string,
    asOfDate: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<PersonItem | null> {
    const body = await this.transport.json({ method: "GET", url, operation, signal });
    const page = readPersonPage(body, operation);
    if (page.results.length === 0) return null;
    if (page.results.length > 1) {
      this.logger?.warn?.(
        { operation, count: page.results.length },
        `SuccessFactors returned several persons for ${operation}; using the first`,
      );
    }
    const { item } = this.extractor.extract(page.results[0], { operation, page: 1, index: 0 });
    if (!item.ok || asOfDate === undefined) return item;
    return { ok: true, person: { ...item.person, asOfDate } };
  }
}

function withPerson(error: SuccessFactorsError, personIdExternal: string): SuccessFactorsError {
  return new SuccessFactorsError(
    error.kind,
    error.code,
    `${error.message} (person ${JSON.stringify(personIdExternal)})`,
    { ...error.details, personIdExternal },
    { cause: error },
  );
}
