/**
 * Micro-benchmark of reading one Get_Workers page: parse + extraction, per worker, the previous
 * way (xmldom document + xpath library through XPathPlan) against the current one (light tree built
 * from saxes events + light XPath evaluator). Not a test; run it by hand:
 *
 *   npx tsx --conditions=source packages/workday/src/bench/extraction-bench.ts
 *
 * The page holds WORKERS_PER_PAGE (default 500) numbered copies of the spec's two example workers,
 * without indentation, as Workday sends it. Times are process CPU time, best of ROUNDS rounds.
 * Both ways must give the same values; the script fails otherwise.
 */
import { isDeepStrictEqual } from "node:util";
import { compileProvisioningConfigOrThrow, workdayToActiveDirectory } from "@roster/engine";
import { type Element, XMLSerializer } from "@xmldom/xmldom";
import { catalogueForVersion, type AttributeXPaths } from "../catalogue/attribute-catalogue.js";
import { HIRE_DATE_XPATH, WID_XPATH, WORKER_ID_XPATH, WorkerExtractor } from "../extraction/worker-extractor.js";
import { XPathPlan } from "../extraction/xpath-plan.js";
import { readWorkersPage } from "../response/workers-page.js";
import {
  exampleWorkers,
  getWorkersResponseXml,
  numberedWorker,
  type ExampleShape,
} from "../test-support/example-workers.js";
import { readLightSoapBody, readSoapBody } from "../transport/soap-response.js";
import { WD_NS } from "../xml/namespaces.js";
import { childElements, firstChildElement } from "../xml/xml-document.js";

const WORKERS_PER_PAGE = Number(process.env.WORKERS_PER_PAGE ?? 500);
const ROUNDS = Number(process.env.ROUNDS ?? 10);
const CONTEXT = { operation: "bench", httpStatus: 200, redact: (text: string) => text };

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
  const document = readSoapBody(xml, CONTEXT)!.ownerDocument!;
  stripIndentation(document.documentElement!);
  return new XMLSerializer().serializeToString(document);
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

type Values = (string | null)[][];

/** The previous reading: xmldom page, each worker moved into a Response_Data holder, XPathPlan. */
function previousWay(xml: string, attributes: AttributeXPaths): Values {
  const payload = readSoapBody(xml, CONTEXT)!;
  const data = firstChildElement(payload, WD_NS, "Response_Data")!;
  const workers = [...childElements(data, WD_NS, "Worker")];
  const plan = new XPathPlan([WID_XPATH, WORKER_ID_XPATH, HIRE_DATE_XPATH, ...Object.values(attributes)]);
  const holder = payload.ownerDocument!.createElementNS(WD_NS, "wd:Response_Data");
  return workers.map((worker) => {
    let held = false;
    const scope = plan.scope(worker, () => {
      if (!held) holder.appendChild(worker);
      held = true;
      return holder;
    });
    const values: (string | null)[] = [];
    for (let i = 0; i < plan.size; i++) values.push(scope.first(i));
    if (held) holder.removeChild(worker);
    return values;
  });
}

/** The current reading, as the client does it. */
function currentWay(xml: string, extractor: WorkerExtractor, names: readonly string[]): Values {
  const page = readWorkersPage(readLightSoapBody(xml, CONTEXT), "bench", 1);
  return page.workers.map((worker, index) => {
    const { item, hireDate } = extractor.extract(worker, { operation: "bench", page: 1, index: index + 1 });
    if (!item.ok) throw item.error;
    const attributes = names.map((name) => item.worker.attributes[name] as string | null);
    return [item.worker.wid, item.worker.workerId, hireDate ?? null, ...attributes];
  });
}

function bestCpuMs(task: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.cpuUsage();
    task();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

function measure(shape: ExampleShape, label: string, xml: string, attributes: AttributeXPaths): void {
  const names = Object.keys(attributes);
  const extractor = new WorkerExtractor(attributes);
  const previous = previousWay(xml, attributes);
  const current = currentWay(xml, extractor, names);
  if (!isDeepStrictEqual(previous, current)) throw new Error(`${shape} ${label}: the two ways disagree`);
  const old = bestCpuMs(() => previousWay(xml, attributes)) / WORKERS_PER_PAGE;
  const now = bestCpuMs(() => currentWay(xml, extractor, names)) / WORKERS_PER_PAGE;
  console.log(
    `${shape.padEnd(6)} ${label.padEnd(28)} old ${old.toFixed(3)} ms/worker   new ${now.toFixed(3)} ms/worker   ×${(old / now).toFixed(1)}`,
  );
}

for (const shape of ["v21.1", "v30+"] as const) {
  const xml = compactPage(shape);
  const catalogue = catalogueForVersion(shape);
  const mapped = Object.fromEntries(defaultMappedNames().map((name) => [name, catalogue[name]!]));
  console.log(
    `${shape}: ${WORKERS_PER_PAGE} workers/page, ${(xml.length / WORKERS_PER_PAGE / 1024).toFixed(1)} KiB/worker`,
  );
  measure(shape, `${Object.keys(mapped).length} default-mapped attributes`, xml, mapped);
  measure(shape, `all ${Object.keys(catalogue).length} catalogue attributes`, xml, catalogue);
}
