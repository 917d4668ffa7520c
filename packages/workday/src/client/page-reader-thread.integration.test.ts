/**
 * The page-reader thread (a real worker thread): the same page, errors included, as reading on
 * the caller's thread; faults and broken XML rejected with the same typed errors; a thread that
 * goes away fails its pages as transient (to be fetched again) and hands later ones back.
 */
import { afterEach, describe, expect, it } from "vitest";
import { WORKDAY_V21_CATALOGUE } from "../catalogue/attribute-catalogue.js";
import { WorkdayError } from "../errors/workday-error.js";
import { WorkerExtractor } from "../extraction/worker-extractor.js";
import { type ExtractedPage, readExtractedPage } from "../response/extracted-page.js";
import { exampleWorkers, getWorkersResponseXml, numberedWorker } from "../test-support/example-workers.js";
import type { ResponseContext } from "../transport/soap-response.js";
import { type PageReadJob, PageReaderThread } from "./page-reader-thread.js";

const SECRET = "s3cret-Pa55";
const attributes = {
  FirstName: WORKDAY_V21_CATALOGUE.FirstName!,
  Active: WORKDAY_V21_CATALOGUE.Active!,
  // Fails on every worker: the prefix hr is not bound.
  Broken: "wd:Worker/wd:Worker_Data/hr:Custom_Field/text()",
};
const extractor = new WorkerExtractor(attributes, []);
const context: ResponseContext = {
  operation: "Get_Workers (full import) page 2",
  httpStatus: 200,
  redact: (text) => text.split(SECRET).join("***"),
};

function job(text: string, overrides: Partial<PageReadJob> = {}): PageReadJob {
  return {
    bytes: new TextEncoder().encode(text),
    context,
    extractOperation: "Get_Workers (full import)",
    requestedPage: 2,
    extractor,
    extractorConfig: { extractorKey: JSON.stringify(attributes), attributes, requiredAttributes: [] },
    secret: SECRET,
    ...overrides,
  };
}

function pageXml(workers: number): string {
  const [first, second] = exampleWorkers("v21.1");
  const elements = Array.from({ length: workers }, (_, index) => numberedWorker(index % 2 === 0 ? first! : second!, index + 1));
  return getWorkersResponseXml(elements, { page: 2, totalPages: 3, totalResults: 250 }, "v21.1");
}

/** Errors compared by what callers read from them. */
function comparable(page: ExtractedPage) {
  return page.results.map((result) =>
    result.item.ok
      ? result
      : { error: { type: result.item.error.constructor.name, kind: result.item.error.kind, code: result.item.error.code, message: result.item.error.message, details: result.item.error.details } },
  );
}

let reader: PageReaderThread | undefined;
afterEach(async () => {
  await reader?.close();
  reader = undefined;
});

describe("PageReaderThread", () => {
  it("reads a page on its thread exactly as the caller's thread would, worker errors included", async () => {
    reader = new PageReaderThread();
    const text = pageXml(40);
    const here = readExtractedPage(text, context, extractor, "Get_Workers (full import)", 2);
    const there = await reader.read(job(text));
    expect(reader.threaded).toBe(true);
    expect({ ...there, results: comparable(there) }).toEqual({ ...here, results: comparable(here) });
    expect(there.totalPages).toBe(3);
    const failed = there.results.find((result) => !result.item.ok);
    expect(failed?.item.ok === false && failed.item.error).toBeInstanceOf(WorkdayError);
    expect(failed?.item.ok === false && failed.item.error.details).toMatchObject({ attribute: "Broken", page: 2 });
  });

  it("rejects a fault and a broken response with the typed error the caller's thread would throw", async () => {
    reader = new PageReaderThread();
    const fault =
      '<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><env:Fault>' +
      `<faultcode>SOAP-ENV:Client.validationError</faultcode><faultstring>Invalid ID value '${SECRET}'</faultstring>` +
      "</env:Fault></env:Body></env:Envelope>";
    const error = await reader.read(job(fault)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkdayError);
    expect(error).toMatchObject({ kind: "data", code: "UnprocessableEntity" });
    expect((error as Error).message).not.toContain(SECRET);

    const truncated = pageXml(3).slice(0, 2_000);
    await expect(reader.read(job(truncated))).rejects.toMatchObject({ kind: "data", message: expect.stringMatching(/not well-formed/) });
  });

  it("fails what the thread held when it stopped as transient (the transport fetches it again) and reads later pages here", async () => {
    reader = new PageReaderThread();
    const text = pageXml(20);
    const pending = reader.read(job(text)).catch((caught: unknown) => caught);
    await reader.close();
    expect(await pending).toMatchObject({ kind: "transient", details: { operation: "Get_Workers (full import) page 2" } });
    expect(reader.threaded).toBe(false);
    expect((await reader.read(job(text))).results).toHaveLength(20);
  });
});
