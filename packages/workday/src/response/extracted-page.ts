/**
 * A Get_Workers page read to the end: paging counters and each worker extracted (or its error).
 * This is what the page-reader thread sends back, so everything in it survives structured clone
 * once errors are flattened (see client/page-reader-thread.ts).
 */
import type { ExtractionResult, WorkerExtractor } from "../extraction/worker-extractor.js";
import { readLightSoapBody, type ResponseContext } from "../transport/soap-response.js";
import { readWorkersPage } from "./workers-page.js";

export interface ExtractedPage {
  /** Page number Workday reports (falls back to the one requested). */
  readonly page: number;
  /** Undefined when Workday sent no Response_Results. */
  readonly totalPages: number | undefined;
  readonly totalResults: number | undefined;
  /** One per wd:Worker, in document order. */
  readonly results: readonly ExtractionResult[];
}

/**
 * Parses a 2xx Get_Workers response and extracts every worker. `context.operation` names the call
 * (e.g. "Get_Workers (full import) page 3"), `extractOperation` the query, for worker errors.
 */
export function readExtractedPage(
  text: string,
  context: ResponseContext,
  extractor: WorkerExtractor,
  extractOperation: string,
  requestedPage: number,
): ExtractedPage {
  const page = readWorkersPage(readLightSoapBody(text, context), context.operation, requestedPage);
  return {
    page: page.page,
    totalPages: page.totalPages,
    totalResults: page.totalResults,
    results: page.workers.map((worker, index) =>
      extractor.extract(worker, { operation: extractOperation, page: page.page, index: index + 1 }),
    ),
  };
}
