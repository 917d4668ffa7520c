/**
 * Measures the CPU the connector spends per worker outside the network: parsing a Get_Workers
 * page, and extracting the attributes the default Workday → AD mapping reads, or the whole
 * catalogue. Not a test; run it by hand:
 *
 *   node --conditions=source --import tsx packages/workday/src/test-support/measure-extraction.ts
 *
 * Pages are serialised without indentation, as Workday sends them. Times are process CPU time
 * (process.cpuUsage), the best of several rounds, so other load on the machine inflates them less.
 */
import { compileProvisioningConfigOrThrow, workdayToActiveDirectory } from "@roster/engine";
import { XMLSerializer, type Element } from "@xmldom/xmldom";
import { catalogueForVersion, type AttributeXPaths } from "../catalogue/attribute-catalogue.js";
import { WorkerExtractor } from "../extraction/worker-extractor.js";
import { readWorkersPage, type WorkersPage } from "../response/workers-page.js";
import { readSoapBody } from "../transport/soap-response.js";
import { exampleWorkers, getWorkersResponseXml, numberedWorker, type ExampleShape } from "./example-workers.js";

const WORKERS_PER_PAGE = Number(process.env.WORKERS_PER_PAGE ?? 200);
const ROUNDS = 15;
const CONTEXT = { operation: "measure", httpStatus: 200, redact: (text: string) => text };

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
  const reparsed = readSoapBody(xml, CONTEXT)!;
  stripIndentation(reparsed.ownerDocument!.documentElement!);
  return new XMLSerializer().serializeToString(reparsed.ownerDocument!);
}

/** Source attributes of the default Workday → AD mapping set, plus its anchor. */
function defaultMappedNames(): string[] {
  const config = compileProvisioningConfigOrThrow(workdayToActiveDirectory());
  const names = new Set<string>([config.sourceAnchorAttribute]);
  for (const mapping of config.mappings) {
    if (mapping.source !== null) names.add(mapping.source);
    for (const name of mapping.expression?.attributes ?? []) names.add(name);
  }
  return [...names];
}

/** Best CPU time in µs of `task` over ROUNDS rounds. */
function bestCpu(task: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.cpuUsage();
    task();
    const used = process.cpuUsage(started);
    best = Math.min(best, used.user + used.system);
  }
  return best;
}

function extractionCpu(xml: string, attributes: AttributeXPaths): number {
  const extractor = new WorkerExtractor(attributes);
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    // Extraction may detach workers, so every round reads a fresh page.
    const page: WorkersPage = readWorkersPage(readSoapBody(xml, CONTEXT), "measure", 1);
    const holder = WorkerExtractor.holderFor(page.workers[0]!.ownerDocument!);
    const started = process.cpuUsage();
    page.workers.forEach((worker, index) => {
      const result = extractor.extract(worker, holder, { operation: "measure", page: 1, index: index + 1 });
      if (!result.item.ok) throw result.item.error;
    });
    const used = process.cpuUsage(started);
    best = Math.min(best, used.user + used.system);
  }
  return best;
}

function measure(shape: ExampleShape): void {
  const xml = compactPage(shape);
  const catalogue = catalogueForVersion(shape);
  const mapped = Object.fromEntries(defaultMappedNames().map((name) => [name, catalogue[name]!]));
  const parse = bestCpu(() => readWorkersPage(readSoapBody(xml, CONTEXT), "measure", 1));
  const perWorker = (us: number) => `${(us / WORKERS_PER_PAGE).toFixed(0)} µs`;
  console.log(
    `${shape}: ${WORKERS_PER_PAGE} workers/page, ${(xml.length / WORKERS_PER_PAGE / 1024).toFixed(1)} KiB/worker` +
      `\n  parse (xmldom)                               ${perWorker(parse)} per worker` +
      `\n  extract ${String(Object.keys(mapped).length).padStart(2)} default-mapped attributes         ${perWorker(extractionCpu(xml, mapped))} per worker` +
      `\n  extract all ${Object.keys(catalogue).length} catalogue attributes          ${perWorker(extractionCpu(xml, catalogue))} per worker`,
  );
}

measure("v21.1");
measure("v30+");
