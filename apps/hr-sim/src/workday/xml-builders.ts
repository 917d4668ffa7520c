/**
 * The XML serialisers of the Workday endpoint, all fast-xml-parser's XMLBuilder (object trees:
 * "@_name" attributes, "#text" text, arrays for repeated elements). Pages are composed from
 * fragments the builder serialised earlier: an element named in a builder's `stopNodes` takes the
 * "#text" of its tree verbatim, so a cached, already-escaped fragment is placed inside an element
 * the builder writes. Every fragment that goes in that way was itself produced by a builder here.
 */
import { XMLBuilder } from "fast-xml-parser";

export type XmlTree = { [key: string]: unknown };

/**
 * Markup characters, plus the whitespace an attribute value would otherwise lose to attribute
 * normalisation (Formatted_Address spans lines). "&" must come first. Quotes are left out: text
 * needs no escaping for them and the builder always escapes them in attribute values. Each entry
 * is one pass over every value, so the list is as short as correctness allows.
 */
const ENTITIES = [
  { regex: /&/g, val: "&amp;" },
  { regex: /</g, val: "&lt;" },
  { regex: />/g, val: "&gt;" },
  { regex: /\n/g, val: "&#xa;" },
  { regex: /\r/g, val: "&#xd;" },
  { regex: /\t/g, val: "&#x9;" },
];

const BASE_OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  suppressEmptyNode: false,
  suppressBooleanAttributes: false,
  processEntities: true,
  entities: ENTITIES,
  // Callbacks get no path string: building it for every node costs more than the node itself.
  jPath: false,
};

function builder(stopNodes: readonly string[] = []): XMLBuilder {
  return new XMLBuilder({ ...BASE_OPTIONS, stopNodes: stopNodes.map((name) => `..${name}`) });
}

/** Serialises element trees with nothing pre-serialised inside. */
export const FRAGMENT_BUILDER = builder();

/** Names whose content may be a cached fragment inside Personal_Data and Employment_Data. */
export const SECTION_STOP_NODES = [
  "wd:Usage_Data",
  "wd:Job_Classification_Summary_Data",
  "wd:Job_Profile_Summary_Data",
  "wd:Business_Site_Summary_Data",
  "wd:Worker_Status_Data",
] as const;
export const SECTION_BUILDER = builder(SECTION_STOP_NODES);

/**
 * A worker, its Worker_Data content composed from fragments. The builder flattens an element's
 * content at every level above it, so big fragments go in as close to the top as possible.
 */
export const WORKER_BUILDER = builder(["wd:Worker_Data"]);

/** The response envelope around the page's serialised workers. */
export const PAGE_BUILDER = builder(["wd:Response_Data"]);

/**
 * An element (named in a builder's stop nodes) whose content is the already-serialised `xml`.
 * The builder writes a stop node's attributes without entity escaping, so they are limited to
 * XSD boolean flags.
 */
export function preserialised(xml: string, attributes?: Readonly<Record<string, "0" | "1">>): XmlTree {
  return attributes === undefined ? { "#text": xml } : { ...attributes, "#text": xml };
}

/** Serialises `tree` (one or more sibling elements) with the fragment builder. */
export function serialise(tree: XmlTree): string {
  return FRAGMENT_BUILDER.build(tree) as string;
}

export const XML_DECLARATION = { "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" } };

/**
 * A bounded map of serialised fragments. When full it starts over: the keys it holds are few
 * (reference data, management chains, status shapes) and refill in one page.
 */
export class FragmentCache {
  private readonly entries = new Map<string, string>();
  constructor(private readonly capacity: number) {}

  get(key: string, build: () => string): string {
    let value = this.entries.get(key);
    if (value === undefined) {
      if (this.entries.size >= this.capacity) this.entries.clear();
      value = build();
      this.entries.set(key, value);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
