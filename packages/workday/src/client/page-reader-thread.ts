/**
 * Reads Get_Workers pages on a worker thread shared by every Workday client of the process.
 * Parsing and extraction are most of an import's CPU (a page of 100 workers is ~1.3 MB of XML);
 * on their own thread they run beside provisioning instead of in its way. The thread is started
 * on first use and does not keep the process alive while idle.
 *
 * If the thread cannot be started or dies, pages are read on the caller's thread from then on;
 * the pages it held fail as transient errors, so the transport fetches and reads them again.
 */
import { Worker } from "node:worker_threads";
import { WorkdayError } from "../errors/workday-error.js";
import type { WorkerExtractor } from "../extraction/worker-extractor.js";
import { type ExtractedPage, readExtractedPage } from "../response/extracted-page.js";
import type { ResponseContext } from "../transport/soap-response.js";
import { fromWireError, fromWirePage, type PageReadReply, type PageReadRequest } from "./page-reader-wire.js";

/** What the caller needs to read one page, on either thread. */
export interface PageReadJob {
  /** The response body (UTF-8). Handed over to the thread: the caller must not use it afterwards. */
  readonly bytes: Uint8Array;
  readonly context: ResponseContext;
  readonly extractOperation: string;
  readonly requestedPage: number;
  readonly extractor: WorkerExtractor;
  /** The extractor's configuration, for the thread's own copy. */
  readonly extractorConfig: Pick<PageReadRequest, "extractorKey" | "attributes" | "requiredAttributes">;
  readonly secret: string;
}

interface Pending {
  readonly job: PageReadJob;
  readonly resolve: (page: ExtractedPage) => void;
  readonly reject: (error: unknown) => void;
}

/** The thread's heap: one page and its tree at a time. */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 } as const;

const UTF8 = new TextDecoder();

function readHere(job: PageReadJob): ExtractedPage {
  return readExtractedPage(UTF8.decode(job.bytes), job.context, job.extractor, job.extractOperation, job.requestedPage);
}

export class PageReaderThread {
  #worker: Worker | undefined;
  #disabled = false;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  /** Whether pages still go to the thread (false after it failed). */
  get threaded(): boolean {
    return !this.#disabled;
  }

  read(job: PageReadJob): Promise<ExtractedPage> {
    const worker = this.#ensureWorker();
    if (worker === undefined) return new Promise((resolve) => resolve(readHere(job)));
    const id = this.#nextId++;
    const request: PageReadRequest = {
      id,
      bytes: job.bytes,
      httpStatus: job.context.httpStatus,
      callOperation: job.context.operation,
      extractOperation: job.extractOperation,
      requestedPage: job.requestedPage,
      ...job.extractorConfig,
      secret: job.secret,
    };
    return new Promise<ExtractedPage>((resolve, reject) => {
      this.#pending.set(id, { job, resolve, reject });
      if (this.#pending.size === 1) worker.ref();
      // Moved, not copied: a page is megabytes.
      worker.postMessage(request, [job.bytes.buffer as ArrayBuffer]);
    });
  }

  /** Stops the thread; what it held fails as transient, later pages are read here. */
  async close(): Promise<void> {
    const worker = this.#worker;
    if (worker === undefined) return;
    this.#fallBack(worker);
    await worker.terminate();
  }

  #ensureWorker(): Worker | undefined {
    if (this.#disabled) return undefined;
    if (this.#worker !== undefined) return this.#worker;
    try {
      const worker = import.meta.url.endsWith(".ts") ? sourceWorker() : new Worker(new URL("./page-reader-worker.js", import.meta.url), { resourceLimits: RESOURCE_LIMITS });
      worker.on("message", (reply: PageReadReply) => this.#settle(reply));
      worker.on("error", () => this.#fallBack(worker));
      worker.on("exit", () => this.#fallBack(worker));
      worker.unref();
      this.#worker = worker;
      return worker;
    } catch {
      this.#disabled = true;
      return undefined;
    }
  }

  #settle(reply: PageReadReply): void {
    const pending = this.#pending.get(reply.id);
    if (pending === undefined) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker?.unref();
    if (reply.ok) pending.resolve(fromWirePage(reply.page));
    else pending.reject(fromWireError(reply.error));
  }

  /**
   * The thread failed or exited: every later page is read here. The pages it held went with it
   * (their bytes were moved), so their reads fail as transient: the transport fetches them again.
   */
  #fallBack(worker: Worker): void {
    if (this.#worker !== worker) return;
    this.#worker = undefined;
    this.#disabled = true;
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const entry of pending) {
      const { operation, httpStatus } = entry.job.context;
      entry.reject(
        new WorkdayError("transient", "InternalError", `The page-reader thread stopped while reading ${operation}; it is read again`, {
          operation,
          httpStatus,
        }),
      );
    }
  }
}

/**
 * Run from TypeScript sources (tests, `node --import tsx`): the thread registers tsx itself
 * (Node 20 does not pass `--import` loaders to a worker's entry module).
 */
function sourceWorker(): Worker {
  const entry = new URL("./page-reader-worker.ts", import.meta.url).href;
  const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, execArgv: ["--conditions=source"], resourceLimits: RESOURCE_LIMITS });
}

let shared: PageReaderThread | undefined;

/** The process's page-reader thread. */
export function sharedPageReader(): PageReaderThread {
  shared ??= new PageReaderThread();
  return shared;
}
