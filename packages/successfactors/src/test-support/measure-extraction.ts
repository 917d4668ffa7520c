/**
 * Throwaway measurement (not a test): per-person extraction cost for several attribute lists,
 * with the fast path and with jsonpath-plus alone, next to the cost of JSON.parse for the same
 * person (the floor of any import). Run: npx tsx --conditions=source packages/successfactors/src/test-support/measure-extraction.ts
 */
import {
  DEFAULT_ATTRIBUTE_NAMES,
  SUCCESSFACTORS_CATALOGUE_JSONPATHS,
  type AttributeJsonPaths,
} from "../catalogue/attribute-catalogue.js";
import { applyEmploymentSelection, type EmploymentSelection } from "../catalogue/employment-selection.js";
import { PersonExtractor } from "../extraction/person-extractor.js";
import { CompiledJsonPath } from "../jsonpath/compiled-jsonpath.js";
import { amaraOkonkwo } from "./example-persons.js";

const PERSONS = 20_000;
const ROUNDS = 5;

function population(): Record<string, unknown>[] {
  return Array.from({ length: PERSONS }, (_, i) => {
    const person = amaraOkonkwo();
    person.personIdExternal = String(200000 + i);
    return person;
  });
}

function select(names: readonly string[], selection: EmploymentSelection): AttributeJsonPaths {
  return Object.fromEntries(
    names.map((name) => [name, applyEmploymentSelection(SUCCESSFACTORS_CATALOGUE_JSONPATHS[name]!, selection)]),
  );
}

/**
 * Extraction alone: one parsed page of 100 distinct persons, extracted over and over (the page
 * stays in cache, as it does right after JSON.parse in an import).
 */
function timeExtractor(label: string, extractor: PersonExtractor, page: readonly unknown[]): void {
  const rounds = 200;
  let best = Number.POSITIVE_INFINITY;
  for (let trial = 0; trial < ROUNDS; trial++) {
    const started = process.hrtime.bigint();
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < page.length; i++) {
        const { item } = extractor.extract(page[i], { operation: "measure", page: 1, index: i });
        if (!item.ok) throw item.error;
      }
    }
    best = Math.min(best, Number(process.hrtime.bigint() - started) / (rounds * page.length));
  }
  console.log(`${label.padEnd(58)} ${(best / 1000).toFixed(2).padStart(7)} µs/person`);
}

/** The same list evaluated by jsonpath-plus only (the fast path switched off). */
function timeJsonPathPlusOnly(label: string, attributes: AttributeJsonPaths, page: readonly unknown[]): void {
  const paths = Object.values(attributes).map((path) => new CompiledJsonPath(path, { forceJsonPathPlus: true }));
  const out: unknown[] = [];
  const rounds = 20;
  let best = Number.POSITIVE_INFINITY;
  for (let trial = 0; trial < ROUNDS; trial++) {
    const started = process.hrtime.bigint();
    for (let round = 0; round < rounds; round++) {
      for (const person of page) {
        for (const path of paths) {
          out.length = 0;
          path.select(person, out);
        }
      }
    }
    best = Math.min(best, Number(process.hrtime.bigint() - started) / (rounds * page.length));
  }
  console.log(`${label.padEnd(58)} ${(best / 1000).toFixed(2).padStart(7)} µs/person`);
}

function pagesOf(persons: readonly unknown[]): string[] {
  const pages: string[] = [];
  for (let i = 0; i < persons.length; i += 100)
    pages.push(JSON.stringify({ d: { results: persons.slice(i, i + 100) } }));
  return pages;
}

function timeJsonParse(pages: readonly string[], persons: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    for (const page of pages) JSON.parse(page);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / persons);
  }
  const bytes = pages.reduce((sum, page) => sum + page.length, 0) / persons;
  console.log(
    `${`JSON.parse of the page (${Math.round(bytes)} bytes/person)`.padEnd(58)} ${(best / 1000).toFixed(2).padStart(7)} µs/person`,
  );
  return best;
}

const persons = population();
const defaults = select(DEFAULT_ATTRIBUTE_NAMES, "first");
const catalogue = select(Object.keys(SUCCESSFACTORS_CATALOGUE_JSONPATHS), "first");
const simpleOnly = Object.fromEntries(Object.entries(defaults).filter(([, path]) => !path.includes("?(")));

console.log(`${PERSONS} persons, best of ${ROUNDS} rounds, Node ${process.version}`);
const pages = pagesOf(persons);
timeJsonParse(pages, PERSONS);
const page = (JSON.parse(pages[0]!) as { d: { results: unknown[] } }).d.results;
for (const [label, attributes] of [
  [`default list (${Object.keys(defaults).length} attributes)`, defaults],
  [`default list without the email filter (${Object.keys(simpleOnly).length})`, simpleOnly],
  [`default list, "latest" root`, select(DEFAULT_ATTRIBUTE_NAMES, "latest")],
  [`default list, "active" root (filters)`, select(DEFAULT_ATTRIBUTE_NAMES, "active")],
  [`whole catalogue (${Object.keys(catalogue).length} attributes)`, catalogue],
] as const) {
  timeExtractor(label, new PersonExtractor(attributes, "$.employmentNav.results[0].startDate"), page);
  timeJsonPathPlusOnly(`  same, jsonpath-plus only`, attributes, page);
}
