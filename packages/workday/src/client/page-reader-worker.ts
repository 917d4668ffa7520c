/**
 * The page-reader thread: parses Get_Workers responses and extracts their workers off the
 * connector's thread (see page-reader-thread.ts). One request at a time, answered in order.
 */
import { parentPort } from "node:worker_threads";
import { WorkerExtractor } from "../extraction/worker-extractor.js";
import { readExtractedPage } from "../response/extracted-page.js";
import { scrubSecret } from "../transport/soap-transport.js";
import { type PageReadReply, type PageReadRequest, toWireError, toWirePage } from "./page-reader-wire.js";

const MAX_EXTRACTORS = 16;
const UTF8 = new TextDecoder();
const extractors = new Map<string, WorkerExtractor>();

function extractorFor(request: PageReadRequest): WorkerExtractor {
  let extractor = extractors.get(request.extractorKey);
  if (extractor === undefined) {
    extractor = new WorkerExtractor(request.attributes, request.requiredAttributes);
    if (extractors.size >= MAX_EXTRACTORS) extractors.delete(extractors.keys().next().value!);
    extractors.set(request.extractorKey, extractor);
  }
  return extractor;
}

parentPort?.on("message", (request: PageReadRequest) => {
  let reply: PageReadReply;
  try {
    const redact = (text: string) => scrubSecret(text, request.secret);
    const page = readExtractedPage(
      UTF8.decode(request.bytes),
      { operation: request.callOperation, httpStatus: request.httpStatus, redact },
      extractorFor(request),
      request.extractOperation,
      request.requestedPage,
    );
    reply = { id: request.id, ok: true, page: toWirePage(page) };
  } catch (error) {
    reply = { id: request.id, ok: false, error: toWireError(error) };
  }
  parentPort!.postMessage(reply);
});
