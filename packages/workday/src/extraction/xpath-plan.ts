/**
 * Evaluates many XPaths against one worker at a time without walking the same path again for
 * each of them. Catalogue XPaths share long leading child steps (wd:Worker/wd:Worker_Data/
 * wd:Employment_Data/…), so the plan keeps those prefixes in a trie, resolves each prefix once
 * per worker, and lets the XPath library evaluate only the remainder from the prefix's nodes.
 * A prefix step without predicate is a direct child scan; one with predicates
 * (`wd:Worker_Job_Data[@wd:Primary_Job=1]`) is evaluated by the library on its own.
 *
 * This is exact for downward paths: `p/rest` selects, for each node of `p` in document order, the
 * nodes `rest` selects from it (predicates, position() included, are relative to that node);
 * those subtrees are disjoint, so concatenating keeps document order and adds no duplicates.
 * Expressions of any other shape are evaluated whole.
 */
import type { Element, Node } from "@xmldom/xmldom";
import { WD_NS } from "../xml/namespaces.js";
import { CompiledXPath, toXPathValue, type XPathValue } from "./compiled-xpath.js";
import { sharedStep, splitDownwardPath } from "./location-path.js";

const ELEMENT_NODE = 1;
/** Prefix id of the context node itself. */
const CONTEXT = -1;

/** One shared step: from each node of `parent`, a direct child scan or the step evaluated alone. */
interface PrefixStep {
  readonly parent: number;
  readonly localName: string | undefined;
  readonly xpath: CompiledXPath | undefined;
}

interface PlannedXPath {
  readonly source: string;
  readonly prefix: number;
  readonly remainder: CompiledXPath;
}

export class XPathPlan {
  private readonly prefixSteps: PrefixStep[] = [];
  private readonly entries: PlannedXPath[];

  /** Compiles every source; throws XPathSyntaxError for the first that does not parse. */
  constructor(sources: readonly string[]) {
    const prefixIds = new Map<string, number>();
    this.entries = sources.map((source) => {
      const whole = new CompiledXPath(source);
      const steps = splitDownwardPath(source);
      if (steps === undefined) return { source, prefix: CONTEXT, remainder: whole };
      let shared = 0;
      while (shared < steps.length - 1 && sharedStep(steps[shared]!) !== undefined) shared++;
      if (shared === 0) return { source, prefix: CONTEXT, remainder: whole };
      let prefix = CONTEXT;
      let key = "";
      for (let i = 0; i < shared; i++) {
        key += `/${steps[i]!}`;
        let id = prefixIds.get(key);
        if (id === undefined) {
          id = this.prefixSteps.length;
          prefixIds.set(key, id);
          const step = sharedStep(steps[i]!)!;
          this.prefixSteps.push(
            step.kind === "child"
              ? { parent: prefix, localName: step.localName, xpath: undefined }
              : { parent: prefix, localName: undefined, xpath: new CompiledXPath(step.step) },
          );
        }
        prefix = id;
      }
      return { source, prefix, remainder: new CompiledXPath(steps.slice(shared).join("/")) };
    });
  }

  get size(): number {
    return this.entries.length;
  }

  source(index: number): string {
    return this.entries[index]!.source;
  }

  /** A per-context evaluator; it caches the shared prefixes' nodes for that context. */
  scope(context: Node): XPathScope {
    return new XPathScope(this.prefixSteps, this.entries, context);
  }
}

export class XPathScope {
  private readonly prefixNodes: (Node[] | undefined)[];

  constructor(
    private readonly prefixSteps: readonly PrefixStep[],
    private readonly entries: readonly PlannedXPath[],
    private readonly context: Node,
  ) {
    this.prefixNodes = new Array<Node[] | undefined>(prefixSteps.length);
  }

  /** Value of the plan's XPath number `index`; throws what the XPath library throws. */
  evaluate(index: number): XPathValue {
    const entry = this.entries[index]!;
    if (entry.prefix === CONTEXT) return entry.remainder.evaluate(this.context);
    const starts = this.nodesOf(entry.prefix);
    if (starts.length === 0) return null;
    if (starts.length === 1) return entry.remainder.evaluate(starts[0]!);
    const values: string[] = [];
    for (const start of starts) {
      const raw = entry.remainder.evaluateRaw(start);
      if (typeof raw === "string") values.push(raw);
      else for (const value of raw) values.push(value);
    }
    return toXPathValue(values);
  }

  private nodesOf(prefix: number): Node[] {
    const cached = this.prefixNodes[prefix];
    if (cached !== undefined) return cached;
    const step = this.prefixSteps[prefix]!;
    const parents: readonly Node[] = step.parent === CONTEXT ? [this.context] : this.nodesOf(step.parent);
    let nodes: Node[] = [];
    if (step.xpath !== undefined) {
      if (parents.length === 1) nodes = step.xpath.selectNodes(parents[0]!);
      else for (const parent of parents) for (const node of step.xpath.selectNodes(parent)) nodes.push(node);
    } else {
      for (const parent of parents) {
        for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
          if (
            child.nodeType === ELEMENT_NODE &&
            (child as Element).localName === step.localName &&
            (child as Element).namespaceURI === WD_NS
          )
            nodes.push(child);
        }
      }
    }
    this.prefixNodes[prefix] = nodes;
    return nodes;
  }
}
