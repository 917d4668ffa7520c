/**
 * The Workday connector: Get_Workers imports (full, incremental, single worker, future hires),
 * Test Connection and writeback, on top of the SOAP transport. Imports are async generators that
 * yield one item per worker, page by page, so a tenant of any size streams through in bounded
 * memory; a worker that cannot be read becomes an error item and the others go on.
 */
import type { AttributeXPaths, CatalogueVersion } from "../catalogue/attribute-catalogue.js";
import {
  attributeDefinitionsOf,
  parseWorkdayConfig,
  type WorkdayConfig,
  type WorkdayConfigInput,
} from "../config/workday-config.js";
import { WorkdayError } from "../errors/workday-error.js";
import { WorkerExtractor, type ExtractionResult, type WorkerItem } from "../extraction/worker-extractor.js";
import { getWorkersRequest, type GetWorkersQuery, type WorkerReference } from "../requests/get-workers-request.js";
import {
  REFERENCE_ONLY_RESPONSE_GROUP,
  responseGroupFor,
  TEST_CONNECTION_RESPONSE_GROUP,
  withFlags,
  type ResponseGroup,
} from "../requests/response-group.js";
import { asOfMoments, isAfterAsOf, toDateTime, type AsOf } from "../requests/workday-dates.js";
import { type ExtractedPage, readExtractedPage } from "../response/extracted-page.js";
import { readWorkersPage, type WorkersPage } from "../response/workers-page.js";
import { readLightSoapBody } from "../transport/soap-response.js";
import { SoapTransport, type WorkdayLogger } from "../transport/soap-transport.js";
import { type PageReadJob, type PageReaderThread, sharedPageReader } from "./page-reader-thread.js";
import { streamPages } from "./page-stream.js";
import { integrationIdOf, writeBack, type WritebackResult } from "./writeback.js";
import type { WorkerType, WritebackRequest } from "./writeback-input.js";

export interface WorkdayClientOptions {
  readonly logger?: WorkdayLogger;
  /** Replaces global fetch (tests, proxies). */
  readonly fetch?: typeof fetch;
  /** Clock for "now" (as-of moments, watermarks, effective dates). */
  readonly now?: () => Date;
  /** Uniform in [0, 1); retry jitter. */
  readonly random?: () => number;
  /**
   * Parse and extract import pages on the process's page-reader thread (default true), beside
   * the caller's work instead of in its way; false reads them on the caller's thread.
   */
  readonly readPagesOnThread?: boolean;
}

export interface ImportOptions {
  readonly signal?: AbortSignal;
}

export interface TestConnectionResult {
  readonly version: string;
  readonly serviceUrl: string;
}

export interface WorkdayClient {
  /** Version, URL and the attributes extracted (no credentials). */
  readonly settings: {
    readonly version: string;
    readonly catalogueVersion: CatalogueVersion;
    readonly serviceUrl: string;
    /** Name → XPath of every attribute extracted (the mapped ones, when mappedAttributes is set). */
    readonly attributes: AttributeXPaths;
    /** Those of `attributes` whose values are lists. */
    readonly multiValuedAttributes: readonly string[];
  };
  /** The zero-length Updated window for one record; throws WorkdayError when Workday is not usable. */
  testConnection(): Promise<TestConnectionResult>;
  /** Everyone ever hired or contracted, as of `asOf` (default now, which becomes the watermark). */
  importAll(options?: ImportOptions & { readonly asOf?: AsOf }): AsyncGenerator<WorkerItem>;
  /** Workers with transactions entered, or taking effect, between `from` and `through` (default now). */
  importChanges(options: ImportOptions & { readonly from: AsOf; readonly through?: AsOf }): AsyncGenerator<WorkerItem>;
  /** One worker, or null when Workday has none with that ID. */
  getWorker(
    id: { readonly wid: string } | { readonly workerId: string },
    options?: { readonly asOf?: AsOf; readonly signal?: AbortSignal },
  ): Promise<WorkerItem | null>;
  /** Writes work email/phones and/or the sign-in name back to Workday. */
  writeback(request: WritebackRequest): Promise<WritebackResult>;
}

const GET_WORKERS = "Get_Workers";

export function createWorkdayClient(input: WorkdayConfigInput, options: WorkdayClientOptions = {}): WorkdayClient {
  return new WorkdayConnector(parseWorkdayConfig(input), options);
}

class WorkdayConnector implements WorkdayClient {
  readonly settings: WorkdayClient["settings"];
  private readonly transport: SoapTransport;
  private readonly extractor: WorkerExtractor;
  private readonly extractorConfig: PageReadJob["extractorConfig"];
  private readonly pageReader: PageReaderThread | undefined;
  private readonly responseGroup: ResponseGroup;
  private readonly now: () => Date;
  private readonly logger: WorkdayLogger | undefined;

  constructor(
    private readonly config: WorkdayConfig,
    options: WorkdayClientOptions,
  ) {
    this.settings = Object.freeze({
      version: config.version,
      catalogueVersion: config.catalogueVersion,
      serviceUrl: config.serviceUrl,
      attributes: config.attributes,
      multiValuedAttributes: config.multiValuedAttributes,
    });
    const attributes = attributeDefinitionsOf(config);
    this.extractor = new WorkerExtractor(attributes, config.requiredAttributes);
    this.extractorConfig = {
      extractorKey: JSON.stringify([attributes, config.requiredAttributes]),
      attributes,
      requiredAttributes: config.requiredAttributes,
    };
    this.pageReader = options.readPagesOnThread === false ? undefined : sharedPageReader();
    this.responseGroup = responseGroupFor(Object.values(config.attributes));
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger;
    this.transport = new SoapTransport({
      credentials: { username: config.username, password: config.password },
      timeoutMs: config.timeoutMs,
      retry: { retries: config.retries, baseDelayMs: config.retryBaseDelayMs, maxDelayMs: config.retryMaxDelayMs },
      logger: options.logger,
      fetch: options.fetch,
      random: options.random,
    });
  }

  private urlFor(version: string): string {
    return `${this.config.serviceUrl}/${version}`;
  }

  private async getWorkersPage(
    query: Omit<GetWorkersQuery, "version">,
    operation: string,
    signal?: AbortSignal,
    retries?: number,
  ): Promise<WorkersPage> {
    const payload = getWorkersRequest({ ...query, version: this.config.version });
    const response = await this.transport.callWith(
      this.urlFor(this.config.version),
      operation,
      payload,
      { idempotent: true, signal, retries },
      readLightSoapBody,
    );
    return readWorkersPage(response, operation, query.page);
  }

  /** A Get_Workers page with its workers extracted (on the page-reader thread unless disabled). */
  private async getExtractedPage(
    query: Omit<GetWorkersQuery, "version">,
    operation: string,
    extractOperation: string,
    signal?: AbortSignal,
  ): Promise<ExtractedPage> {
    const payload = getWorkersRequest({ ...query, version: this.config.version });
    const url = this.urlFor(this.config.version);
    const { pageReader } = this;
    if (pageReader === undefined) {
      return this.transport.callWith(url, operation, payload, { idempotent: true, signal }, (text, context) =>
        readExtractedPage(text, context, this.extractor, extractOperation, query.page),
      );
    }
    return this.transport.callWith(url, operation, payload, { idempotent: true, signal }, {
      bytes: (bytes, context) =>
        pageReader.read({
          bytes,
          context,
          extractOperation,
          requestedPage: query.page,
          extractor: this.extractor,
          extractorConfig: this.extractorConfig,
          secret: this.config.password,
        }),
    });
  }

  async testConnection(): Promise<TestConnectionResult> {
    const now = this.now();
    const moment = toDateTime(now, "now");
    await this.getWorkersPage(
      {
        criteria: {
          transactionLog: { updatedFrom: moment, updatedThrough: moment },
          excludeInactiveWorkers: true,
          excludeEmployees: true,
          excludeContingentWorkers: true,
        },
        asOf: asOfMoments(now),
        page: 1,
        count: 1,
        responseGroup: TEST_CONNECTION_RESPONSE_GROUP,
      },
      `${GET_WORKERS} (test connection)`,
      undefined,
      0,
    );
    return { version: this.config.version, serviceUrl: this.config.serviceUrl };
  }

  importAll(options: ImportOptions & { readonly asOf?: AsOf } = {}): AsyncGenerator<WorkerItem> {
    const asOf = options.asOf ?? this.now();
    const moments = asOfMoments(asOf, "asOf");
    const group = withFlags(this.responseGroup, "Include_Transaction_Log_Data");
    const criteria = { transactionLog: { transactionTypes: this.config.fullImportTransactionTypes } };
    return this.queryItems(
      `${GET_WORKERS} (full import)`,
      (page) => ({ criteria, asOf: moments, page, count: this.config.pageSize, responseGroup: group }),
      asOf,
      options.signal,
    );
  }

  async *importChanges(
    options: ImportOptions & { readonly from: AsOf; readonly through?: AsOf },
  ): AsyncGenerator<WorkerItem> {
    const through = options.through ?? this.now();
    const from = toDateTime(options.from, "from");
    const until = toDateTime(through, "through");
    if (options.from instanceof Date && through instanceof Date && options.from.getTime() > through.getTime()) {
      throw new WorkdayError("data", "InvalidRequest", `importChanges: from (${from}) is after through (${until})`, {
        operation: GET_WORKERS,
      });
    }
    const moments = asOfMoments(through, "through");
    const seen = new Set<string>();
    const windows = [
      { name: "updated", transactionLog: { updatedFrom: from, updatedThrough: until } },
      { name: "effective", transactionLog: { effectiveFrom: from, effectiveThrough: until } },
    ];
    for (const window of windows) {
      const items = this.queryItems(
        `${GET_WORKERS} (${window.name} window)`,
        (page) => ({
          criteria: { transactionLog: window.transactionLog },
          asOf: moments,
          page,
          count: this.config.pageSize,
          responseGroup: this.responseGroup,
        }),
        through,
        options.signal,
        seen,
      );
      yield* items;
    }
  }

  async getWorker(
    id: { readonly wid: string } | { readonly workerId: string },
    options: { readonly asOf?: AsOf; readonly signal?: AbortSignal } = {},
  ): Promise<WorkerItem | null> {
    const references: WorkerReference[] =
      "wid" in id
        ? [{ type: "WID", id: id.wid }]
        : [
            { type: "Employee_ID", id: id.workerId },
            { type: "Contingent_Worker_ID", id: id.workerId },
          ];
    if (references.some((reference) => reference.id.trim() === "")) {
      throw new WorkdayError("data", "InvalidRequest", "getWorker: the worker ID is empty", { operation: GET_WORKERS });
    }
    const asOf = options.asOf ?? this.now();
    const operation = `${GET_WORKERS} (${"wid" in id ? `WID ${id.wid}` : `Worker ID ${id.workerId}`})`;
    const page = await this.getExtractedPage(
      { references, asOf: asOfMoments(asOf), page: 1, count: references.length, responseGroup: this.responseGroup },
      operation,
      operation,
      options.signal,
    );
    let results = page.results;
    if (results.length > 1 && "workerId" in id) {
      results = results.filter((result) => !result.item.ok || result.item.worker.workerId === id.workerId);
    }
    if (results.length === 0) return null;
    if (results.length > 1) {
      return {
        ok: false,
        error: new WorkdayError(
          "data",
          "DuplicateSourceEntries",
          `${operation} matches ${results.length} workers in Workday`,
          "workerId" in id ? { operation, workerId: id.workerId } : { operation, wid: id.wid },
        ),
      };
    }
    if (options.asOf === undefined) results = await this.withFutureHires(results, asOf, options.signal);
    return results[0]!.item;
  }

  /** Streams a paged query's workers (skipping WIDs in `delivered`), future hires re-read as of their hire date. */
  private async *queryItems(
    operation: string,
    queryFor: (page: number) => Omit<GetWorkersQuery, "version">,
    asOf: AsOf,
    signal?: AbortSignal,
    delivered?: Set<string>,
  ): AsyncGenerator<WorkerItem> {
    const pages = streamPages(
      (page, pageSignal) => this.getExtractedPage(queryFor(page), `${operation} page ${page}`, operation, pageSignal),
      this.config.pageSize,
      signal,
    );
    for await (const page of pages) {
      let extracted = page.results;
      if (delivered !== undefined) {
        // Overlapping queries (the two incremental windows): a worker already delivered is skipped.
        extracted = extracted.filter((result) => {
          if (!result.item.ok) return true;
          if (delivered.has(result.item.worker.wid)) return false;
          delivered.add(result.item.worker.wid);
          return true;
        });
      }
      const results = await this.withFutureHires(extracted, asOf, signal);
      this.logger?.debug?.(
        { operation, page: page.page, totalPages: page.totalPages, workers: results.length },
        `Workday ${operation}: page read`,
      );
      for (const result of results) yield result.item;
    }
  }

  /**
   * Workers hired after the as-of moment are shown by Workday as inactive pre-hires; like Entra,
   * re-read them by WID as of their hire date so they arrive with Active=1 and their future data.
   */
  private async withFutureHires(
    results: readonly ExtractionResult[],
    asOf: AsOf,
    signal?: AbortSignal,
  ): Promise<readonly ExtractionResult[]> {
    if (!this.config.futureHireLookup) return results;
    const byHireDate = new Map<string, string[]>();
    for (const result of results) {
      if (!result.item.ok || result.hireDate === undefined || !isAfterAsOf(result.hireDate, asOf)) continue;
      const wids = byHireDate.get(result.hireDate) ?? [];
      wids.push(result.item.worker.wid);
      byHireDate.set(result.hireDate, wids);
    }
    if (byHireDate.size === 0) return results;
    const replacements = new Map<string, ExtractionResult>();
    for (const [hireDate, wids] of byHireDate) {
      const operation = `${GET_WORKERS} (future hires as of ${hireDate})`;
      try {
        const page = await this.getExtractedPage(
          {
            references: wids.map((wid) => ({ type: "WID", id: wid })),
            asOf: asOfMoments(hireDate, "hire date"),
            page: 1,
            count: wids.length,
            responseGroup: this.responseGroup,
          },
          operation,
          operation,
          signal,
        );
        for (const result of page.results) {
          if (result.item.ok) replacements.set(result.item.worker.wid, result);
        }
      } catch (error) {
        // A lookup Workday rejects leaves the pre-hire as first read; outages still stop the import.
        if (!(error instanceof WorkdayError) || error.kind !== "data") throw error;
        this.logger?.warn?.(
          { operation, code: error.code },
          `Workday ${operation} failed: ${error.message}; keeping the pre-hire view`,
        );
      }
    }
    return results.map((result) => (result.item.ok ? (replacements.get(result.item.worker.wid) ?? result) : result));
  }

  writeback(request: WritebackRequest): Promise<WritebackResult> {
    return writeBack(
      {
        transport: this.transport,
        serviceUrl: this.config.serviceUrl,
        version: this.config.version,
        contactWriteback: this.config.contactWriteback,
        now: this.now,
        integrationIdFor: (wid) => this.integrationIdFor(wid),
      },
      request,
    );
  }

  /** Workday_Account_for_Worker_Update names workers by Employee/Contingent Worker ID, so look the WID up. */
  private async integrationIdFor(wid: string): Promise<{ kind: WorkerType; id: string }> {
    const operation = `${GET_WORKERS} (reference of WID ${wid})`;
    const page = await this.getWorkersPage(
      {
        references: [{ type: "WID", id: wid }],
        asOf: asOfMoments(this.now()),
        page: 1,
        count: 1,
        responseGroup: REFERENCE_ONLY_RESPONSE_GROUP,
      },
      operation,
    );
    const found = page.workers[0] && integrationIdOf(page.workers[0]);
    if (found) return found;
    throw new WorkdayError(
      "data",
      "InvalidAnchor",
      `Workday has no worker with WID ${wid} (or it has no Employee_ID / Contingent_Worker_ID), so its username cannot be written back`,
      {
        operation,
        wid,
      },
    );
  }
}
