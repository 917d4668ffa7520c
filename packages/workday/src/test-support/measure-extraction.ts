/**
 * Measures what the connector spends per worker outside the network: parsing a Get_Workers page
 * and extracting the default catalogue (the shared-prefix plan, and for comparison every XPath
 * evaluated whole). Not a test; run it by hand:
 *
 *   node --conditions=source --import tsx packages/workday/src/test-support/measure-extraction.ts
 *
 * Pages are serialised without indentation, as Workday sends them. Each figure is the best of
 * several rounds, so other load on the machine inflates it less.
 */
import { XMLSerializer, type Element } from "@xmldom/xmldom";
import { catalogueForVersion } from "../catalogue/attribute-catalogue.js";
import { CompiledXPath } from "../extraction/compiled-xpath.js";
import { WorkerExtractor } from "../extraction/worker-extractor.js";
import { readWorkersPage } from "../response/workers-page.js";
import { readSoapBody } from "../transport/soap-response.js";
import { exampleWorkers, getWorkersResponseXml, numberedWorker, type ExampleShape } from "./example-workers.js";

const WORKERS_PER_PAGE = Number(process.env.WORKERS_PER_PAGE ?? 100);
const ROUNDS = 15;

function stripIndentation(node: Element): void {
  for (let child = node.firstChild; child !== null; ) {
    const next = child.nextSibling;
    if (child.nodeType === 3 && child.nodeValue!.trim() === "") node.removeChild(child);
    else if (child.nodeType === 1) stripIndentation(child as Element);
    child = next;
  }
}

function compactPage(shape: ExampleShape): string {
  const [first, second] = exampleWorkers(shape);
  const workers = Array.from({ length: WORKERS_PER_PAGE }, (_, index) =>
    numberedWorker(index % 2 === 0 ? first! : second!, index + 1),
  );
  const xml = getWorkersResponseXml(workers, { page: 1, totalPages: 1, totalResults: WORKERS_PER_PAGE }, shape);
  const reparsed = readSoapBody(xml, { operation: "measure", httpStatus: 200, redact: (text) => text })!;
  stripIndentation(reparsed.ownerDocument!.documentElement!);
  return new XMLSerializer().serializeToString(reparsed.ownerDocument!);
}

/** Best time of each task over ROUNDS rounds; the tasks alternate so load spikes hit all alike. */
function best(...tasks: (() => void)[]): number[] {
  const fastest = tasks.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < ROUNDS; round++) {
    tasks.forEach((task, index) => {
      const started = performance.now();
      task();
      fastest[index] = Math.min(fastest[index]!, performance.now() - started);
    });
  }
  return fastest;
}

function measure(shape: ExampleShape): void {
  const xml = compactPage(shape);
  const catalogue = catalogueForVersion(shape);
  const extractor = new WorkerExtractor(catalogue);
  const wholeXPaths = Object.values(catalogue).map((source) => new CompiledXPath(source));

  const parse = () => {
    readWorkersPage(readSoapBody(xml, { operation: "measure", httpStatus: 200, redact: (text) => text }), "measure", 1);
  };
  const page = readWorkersPage(
    readSoapBody(xml, { operation: "measure", httpStatus: 200, redact: (text) => text }),
    "measure",
    1,
  );
  const holder = WorkerExtractor.holderFor(page.workers[0]!.ownerDocument!);
  let failures = 0;
  const extractWithPlan = () => {
    page.workers.forEach((worker, index) => {
      if (!extractor.extract(worker, holder, { operation: "measure", page: 1, index: index + 1 }).item.ok) failures++;
    });
  };
  const extractWhole = () => {
    for (const worker of page.workers) {
      holder.appendChild(worker);
      for (const xpath of wholeXPaths) xpath.evaluate(holder);
      holder.removeChild(worker);
    }
  };
  const [parseMs, planMs, wholeMs] = best(parse, extractWithPlan, extractWhole) as [number, number, number];

  const perWorker = (ms: number) => `${((ms * 1000) / WORKERS_PER_PAGE).toFixed(0)} µs`;
  console.log(
    `${shape}: ${Object.keys(catalogue).length} attributes, ${WORKERS_PER_PAGE} workers/page, ${(xml.length / WORKERS_PER_PAGE / 1024).toFixed(1)} KiB/worker` +
      `\n  parse (xmldom)                 ${perWorker(parseMs)} per worker` +
      `\n  extract, shared-prefix plan    ${perWorker(planMs)} per worker` +
      `\n  extract, each XPath whole      ${perWorker(wholeMs)} per worker` +
      (failures > 0 ? `\n  (${failures} extraction failures!)` : ""),
  );
}

measure("v21.1");
measure("v30+");
