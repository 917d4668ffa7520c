/**
 * Differential tests: the saxes-built light tree + light evaluator against @xmldom/xmldom + the xpath
 * library, on generated Get_Workers responses. The generator follows the element and attribute
 * names of the catalogue XPaths (so predicates match sometimes and sometimes not), with random
 * presence, repetition and order, values from the predicates' literals, entities, CDATA, comments,
 * line breaks, and the Workday namespace under varying prefixes (or as the default namespace).
 */
import type { Element } from "@xmldom/xmldom";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  WORKDAY_DOCUMENTED_CUSTOM_XPATHS,
  WORKDAY_V21_CATALOGUE,
  WORKDAY_V30_CATALOGUE,
} from "../../catalogue/attribute-catalogue.js";
import { builtLightElement } from "../../xml/deferred-subtree.js";
import { parseLightXml } from "../../xml/light-tree-builder.js";
import { ELEMENT_NODE, type LightElement } from "../../xml/light-tree.js";
import { WD_NS } from "../../xml/namespaces.js";
import { parseXml } from "../../xml/xml-document.js";
import { CompiledXPath } from "../compiled-xpath.js";
import { HIRE_DATE_XPATH, WID_XPATH, WORKER_ID_XPATH } from "../worker-extractor.js";
import { compileLightXPath } from "./light-xpath.js";
import { parseXPath, type Expression, type Step } from "./xpath-syntax.js";

const SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";

/** Custom XPaths that exercise the rest of the supported subset. */
const EXTRA_XPATHS = [
  "wd:Worker//wd:ID[@wd:type='WID']/text()",
  "wd:Worker/wd:Worker_Data/wd:Personal_Data//wd:Email_Address",
  "wd:Worker//wd:Phone_Data//@wd:Formatted_Phone",
  "wd:Worker/*/wd:Worker_ID",
  "wd:Worker/wd:*/wd:User_ID/text()",
  "wd:Worker/wd:Worker_Reference/wd:ID[2]",
  "wd:Worker/wd:Worker_Reference/wd:ID[last()]/@wd:type",
  "wd:Worker/wd:Worker_Reference/wd:ID[position() > 1][1]",
  "wd:Worker/wd:Worker_Data/wd:Personal_Data/wd:Contact_Data/wd:Phone_Data[not(@wd:Formatted_Phone)]/@wd:Workday_Traditional_Formatted_Phone",
  "wd:Worker/wd:Worker_Data/wd:Personal_Data/wd:Contact_Data/wd:Phone_Data[wd:Usage_Data/wd:Type_Data/@wd:Primary > 0]/@wd:Formatted_Phone",
  "wd:Worker/wd:Worker_Data/wd:Personal_Data/wd:Contact_Data/wd:Email_Address_Data[count(wd:Usage_Data) = 1]/wd:Email_Address",
  "wd:Worker/wd:Worker_Data/wd:Personal_Data/wd:Contact_Data/wd:Email_Address_Data[wd:Usage_Data/@wd:Public != wd:Usage_Data/wd:Type_Data/@wd:Primary]/wd:Email_Address",
  "normalize-space(wd:Worker/wd:Worker_Data/wd:Personal_Data/wd:Name_Data/wd:Legal_Name_Data/wd:Name_Detail_Data/wd:First_Name)",
  "concat(wd:Worker/wd:Worker_Data/wd:Worker_ID, '-', wd:Worker/wd:Worker_Data/wd:User_ID)",
  "substring-after(wd:Worker/wd:Worker_Data/wd:User_ID, 'W')",
  "substring-before(wd:Worker/wd:Worker_Data/wd:User_ID, '1')",
  "contains(wd:Worker/wd:Worker_Data/wd:User_ID, '&')",
  "starts-with(wd:Worker/wd:Worker_Data/wd:Worker_ID, '1') or boolean(wd:Worker/wd:Worker_Data/wd:Universal_ID)",
  "wd:Worker/wd:Worker_Data/wd:Employment_Data/wd:Worker_Job_Data[@wd:Primary_Job = true()]/wd:Position_Data/wd:Position_ID",
  "wd:Worker/wd:Worker_Data/wd:Employment_Data/wd:Worker_Job_Data[number(@wd:Primary_Job) + 1 = 2 and -1 < 0]/@wd:Primary_Job",
  "wd:Worker/wd:Worker_Reference/wd:ID[@type]/text()",
  "wd:Worker/wd:Worker_Reference/wd:ID/@type",
  "wd:Worker/wd:Worker_Data/wd:Personal_Data/wd:Contact_Data/wd:Phone_Data[.//@wd:Descriptor = 'WORK']/@wd:Formatted_Phone",
  "string(wd:Worker/wd:Worker_Data/wd:Organization_Data)",
  "wd:Worker/wd:Worker_Data/wd:Organization_Data/wd:Worker_Organization_Data/wd:Organization_Data/wd:Organization_Name/text()",
  "translate(wd:Worker/wd:Worker_Data/wd:User_ID, 'abc', 'X')",
];

const ALL_XPATHS = [
  ...new Set([
    WID_XPATH,
    WORKER_ID_XPATH,
    HIRE_DATE_XPATH,
    ...Object.values(WORKDAY_V21_CATALOGUE),
    ...Object.values(WORKDAY_V30_CATALOGUE),
    ...Object.values(WORKDAY_DOCUMENTED_CUSTOM_XPATHS),
    ...EXTRA_XPATHS,
  ]),
];

/** Element local name → the child element names and attribute names the XPaths use below it. */
interface Shape {
  readonly children: Map<string, Shape>;
  readonly attributes: Set<string>;
}
const newShape = (): Shape => ({ children: new Map(), attributes: new Set() });
const literals = new Set<string>(["1", "0", "true", " 1 ", "Work", "work"]);

function collect(expression: Expression, shape: Shape): void {
  switch (expression.kind) {
    case "path":
      collectSteps(expression.steps, shape);
      break;
    case "literal":
      literals.add(expression.value);
      break;
    case "call":
      for (const argument of expression.args) collect(argument, shape);
      break;
    case "binary":
      collect(expression.left, shape);
      collect(expression.right, shape);
      break;
    case "negate":
      collect(expression.operand, shape);
      break;
    default:
      break;
  }
}

function collectSteps(steps: readonly Step[], start: Shape): void {
  let shape = start;
  for (const step of steps) {
    if (step.test.kind !== "name" || step.test.localName === null) continue;
    if (step.axis === "attribute") {
      shape.attributes.add(`${step.test.prefix ?? ""}:${step.test.localName}`);
      continue;
    }
    let child = shape.children.get(step.test.localName);
    if (child === undefined) {
      child = newShape();
      shape.children.set(step.test.localName, child);
    }
    shape = child;
    for (const predicate of step.predicates) collect(predicate, shape);
  }
}

const responseData = newShape();
for (const source of ALL_XPATHS) collect(parseXPath(source), responseData);

const TEXTS = ["", " ", "a & b", "<tag>", "\"quoted\" 'single'", "x\r\ny", "tab\there", "Zoë 日本", "]]", "W1&#x41;"];

interface Prefixes {
  /** Prefix for wd elements ("" for the default namespace). */
  readonly element: string;
  /** Prefix for wd attributes (never the default namespace). */
  readonly attribute: string;
}

const escapeText = (text: string) =>
  text
    .replace(/&(?!#x41;)/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, "&quot;").replace(/\t/g, "&#9;");

/** Random serialisation of one element of `shape`, built from the random source `rng`. */
function serialise(name: string, shape: Shape, depth: number, pick: () => number, prefixes: Prefixes): string {
  const choose = <T>(items: readonly T[]): T => items[Math.floor(pick() * items.length)]!;
  const qualified = prefixes.element === "" ? name : `${prefixes.element}:${name}`;
  let attributes = "";
  for (const attribute of shape.attributes) {
    if (pick() < 0.4) continue;
    const [prefix, local] = attribute.split(":") as [string, string];
    const qualifiedAttribute = prefix === "" ? local : `${prefixes.attribute}:${local}`;
    attributes += ` ${qualifiedAttribute}="${escapeAttribute(pick() < 0.7 ? choose([...literals]) : choose(TEXTS))}"`;
  }
  if (pick() < 0.1) attributes += ` ${prefixes.attribute}:Extra='x'`;
  let content = "";
  const children = [...shape.children];
  if (children.length === 0 || depth > 9) {
    const value = pick() < 0.6 ? choose([...literals]) : choose(TEXTS);
    const form = pick();
    if (form < 0.1) content = `<![CDATA[${value}]]>`;
    else if (form < 0.2) content = `${escapeText(value)}<!-- note -->${escapeText(choose(TEXTS))}`;
    else if (form < 0.25) content = `${escapeText(value)}<![CDATA[&raw<]]>`;
    else content = escapeText(value);
  } else {
    const parts: string[] = [];
    for (const [childName, childShape] of children) {
      const copies = pick() < 0.25 ? 0 : pick() < 0.7 ? 1 : 2;
      for (let i = 0; i < copies; i++) parts.push(serialise(childName, childShape, depth + 1, pick, prefixes));
    }
    if (pick() < 0.3) parts.reverse();
    if (pick() < 0.1) parts.push("\n  ");
    content = parts.join("");
  }
  return `<${qualified}${attributes}>${content}</${qualified}>`;
}

function responseXml(seed: number, prefixes: Prefixes, soapPrefix: string): string {
  let state = seed >>> 0 || 1;
  // A small deterministic generator, so fast-check can shrink the seed.
  const pick = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const workerShape = responseData.children.get("Worker")!;
  const worker = serialise("Worker", workerShape, 0, pick, prefixes);
  const declarations =
    (prefixes.element === "" ? ` xmlns="${WD_NS}"` : ` xmlns:${prefixes.element}="${WD_NS}"`) +
    (prefixes.attribute === prefixes.element ? "" : ` xmlns:${prefixes.attribute}="${WD_NS}"`);
  const wd = prefixes.element === "" ? "" : `${prefixes.element}:`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\r\n<${soapPrefix}:Envelope xmlns:${soapPrefix}="${SOAP_NS}"><${soapPrefix}:Body>` +
    `<${wd}Get_Workers_Response${declarations}><${wd}Response_Data>${worker}</${wd}Response_Data></${wd}Get_Workers_Response>` +
    `</${soapPrefix}:Body></${soapPrefix}:Envelope>`
  );
}

/** The wd:Worker element, found through the light tree and built from the parse log, as the client reads it. */
function lightWorker(xml: string): LightElement {
  let element = parseLightXml(xml, { defer: { namespace: WD_NS, localName: "Worker" } });
  for (let depth = 0; depth < 4; depth++) {
    element = element.children.find((child): child is LightElement => child.kind === ELEMENT_NODE)!;
  }
  return builtLightElement(element);
}

function domWorker(xml: string): Element {
  return parseXml(xml).getElementsByTagNameNS(WD_NS, "Worker")[0]!;
}

const compiled = ALL_XPATHS.map((source) => ({
  source,
  library: new CompiledXPath(source),
  light: compileLightXPath(source),
}));

const prefixesArbitrary = fc.record({
  element: fc.constantFrom("wd", "bsvc", "ns0", ""),
  attribute: fc.constantFrom("wd", "bsvc", "a"),
});

describe("the light XPath evaluator", () => {
  it("supports every catalogue, documented and extra XPath", () => {
    expect(compiled.filter((entry) => entry.light === undefined).map((entry) => entry.source)).toEqual([]);
  });

  it("leaves constructs outside its subset to the library", () => {
    for (const source of [
      "../wd:Worker",
      "/wd:Response_Data",
      "wd:Worker | wd:Other",
      "count(wd:Worker)",
      "$x",
      "wd:Worker/@*",
      "wd:Worker/node()",
      "substring('abc', 2)",
      "(wd:Worker)[1]",
      "ancestor::wd:X",
      "wd:Worker[x:y]",
    ]) {
      expect(compileLightXPath(source), source).toBeUndefined();
    }
  });

  it("gives the xpath library's results on generated workers (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        prefixesArbitrary,
        fc.constantFrom("env", "soapenv", "S"),
        (seed, prefixes, soapPrefix) => {
          const xml = responseXml(seed, prefixes, soapPrefix);
          const worker = domWorker(xml);
          const holder = worker.ownerDocument!.createElementNS(WD_NS, "wd:Response_Data");
          holder.appendChild(worker);
          const lightHolder: LightElement = {
            kind: ELEMENT_NODE,
            namespace: WD_NS,
            localName: "Response_Data",
            prefix: "wd",
            attributes: [],
            children: [lightWorker(xml)],
            order: -1,
          };
          for (const { source, library, light } of compiled) {
            expect(light!.values(lightHolder), source).toEqual(library.evaluateRaw(holder));
            expect(light!.first(lightHolder), source).toEqual(library.evaluateFirst(holder));
          }
        },
      ),
      { numRuns: 100 },
    );
  }, 120_000);

  it("finds values on the generated documents (the generator is not trivially empty)", () => {
    let found = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const xml = responseXml(seed * 7919, { element: "wd", attribute: "wd" }, "env");
      const lightHolder: LightElement = {
        kind: ELEMENT_NODE,
        namespace: WD_NS,
        localName: "Response_Data",
        prefix: "wd",
        attributes: [],
        children: [lightWorker(xml)],
        order: -1,
      };
      for (const { light } of compiled) if (light!.first(lightHolder) !== null) found++;
    }
    expect(found).toBeGreaterThan(40 * 20);
  });
});
