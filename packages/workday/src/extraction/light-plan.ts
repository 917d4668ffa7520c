/**
 * Evaluates a worker's XPaths over the light tree. Each XPath is compiled once: by the light
 * evaluator when it is inside its subset (every catalogue and documented XPath is), otherwise by
 * the xpath library. Those library XPaths run on an xmldom copy of the worker, made at most once
 * per worker and only when such an XPath is configured, inside a wd:Response_Data document root
 * as before, so a custom XPath of any shape keeps working.
 */
import type { Element } from "@xmldom/xmldom";
import { builtLightElement } from "../xml/deferred-subtree.js";
import { domWorkerCopy } from "../xml/light-dom.js";
import { ELEMENT_NODE, type LightElement } from "../xml/light-tree.js";
import { WD_NS } from "../xml/namespaces.js";
import { CompiledXPath, toXPathValue, type XPathValue } from "./compiled-xpath.js";
import { compileLightXPath, type LightXPath } from "./light-xpath/light-xpath.js";
import { XPathPlan, type XPathScope } from "./xpath-plan.js";

/** How one planned XPath is evaluated: light, or index `n` of the library plan. */
type Entry = { readonly light: LightXPath } | { readonly library: number };

export class LightPlan {
  private readonly sources: readonly string[];
  private readonly entries: readonly Entry[];
  private readonly library: XPathPlan | undefined;

  /** Compiles every source; throws XPathSyntaxError for the first that does not parse. */
  constructor(sources: readonly string[]) {
    this.sources = sources;
    const librarySources: string[] = [];
    this.entries = sources.map((source): Entry => {
      // The library is the judge of syntax, so a bad XPath fails the same way everywhere.
      new CompiledXPath(source);
      const light = compileLightXPath(source);
      if (light !== undefined) return { light };
      librarySources.push(source);
      return { library: librarySources.length - 1 };
    });
    this.library = librarySources.length > 0 ? new XPathPlan(librarySources) : undefined;
  }

  source(index: number): string {
    return this.sources[index]!;
  }

  /** XPaths left to the xpath library (outside the light subset). */
  get librarySources(): readonly string[] {
    return this.sources.filter((_, index) => "library" in this.entries[index]!);
  }

  scope(worker: LightElement): LightScope {
    return new LightScope(this.entries, this.library, worker);
  }
}

export class LightScope {
  private readonly holder: LightElement;
  private readonly worker: LightElement;
  private libraryScope: XPathScope | undefined;

  constructor(
    private readonly entries: readonly Entry[],
    private readonly library: XPathPlan | undefined,
    worker: LightElement,
  ) {
    // A page's workers are built from the parse log here, once per extraction, and dropped after.
    this.worker = builtLightElement(worker);
    // The catalogue XPaths start at Response_Data (`wd:Worker/…`) and must see this worker only.
    this.holder = {
      kind: ELEMENT_NODE,
      namespace: WD_NS,
      localName: "Response_Data",
      prefix: "wd",
      attributes: [],
      children: [this.worker],
      order: -1,
    };
  }

  /** Every value of XPath number `index`: node string-values in document order, or a scalar. */
  values(index: number): string[] | string {
    const entry = this.entries[index]!;
    if ("light" in entry) return entry.light.values(this.holder);
    return this.libraryPlan().values(entry.library);
  }

  /** The single value of XPath number `index`: first node's string-value, a scalar, or null. */
  first(index: number): string | null {
    const entry = this.entries[index]!;
    if ("light" in entry) return entry.light.first(this.holder);
    return this.libraryPlan().first(entry.library);
  }

  evaluate(index: number): XPathValue {
    return toXPathValue(this.values(index));
  }

  private libraryPlan(): XPathScope {
    if (this.libraryScope === undefined) {
      const copy: { holder: Element; worker: Element } = domWorkerCopy(this.worker);
      this.libraryScope = this.library!.scope(copy.worker, () => copy.holder);
    }
    return this.libraryScope;
  }
}
