/**
 * Evaluates many XPaths against one worker at a time without walking the same path again for
 * each of them. Catalogue XPaths share long leading child steps (wd:Worker/wd:Worker_Data/
 * wd:Employment_Data/…), so the plan keeps those prefixes in a trie, resolves each prefix once
 * per worker, and lets the XPath library evaluate only the remainder from the prefix's nodes.
 * A prefix step `wd:Name` or `wd:Name[@wd:type='X']` is a direct child scan; one with other
 * predicates (`wd:Worker_Job_Data[@wd:Primary_Job=1]`) is evaluated by the library on its own.
 * A last step `text()` or `@wd:Name`, or a path of element steps only, is read directly too, so
 * most catalogue XPaths never reach the library (whose per-call set-up costs more than the walk).
 *
 * This is exact for downward paths: `p/rest` selects, for each node of `p` in document order, the
 * nodes `rest` selects from it (predicates, position() included, are relative to that node);
 * those subtrees are disjoint, so concatenating keeps document order and adds no duplicates.
 * Expressions of any other shape are evaluated whole.
 *
 * A scope is made for one wd:Worker element. Catalogue paths start `wd:Worker/…` from a
 * Response_Data holding only that worker, so the root step resolves to the worker itself without
 * moving it anywhere; a Response_Data holder is asked for (and the worker moved into it) only when
 * an expression is evaluated whole or its root step has predicates. Expressions that might look
 * outside the worker's subtree (`..`, axes, absolute paths in predicates, lang()) are always
 * evaluated whole in the holder, so they see exactly what they saw before.
 */
import type { Attr, Element, Node } from "@xmldom/xmldom";
import { WD_NS } from "../xml/namespaces.js";
import { CompiledXPath, nodeStringValue, toXPathValue, type XPathValue } from "./compiled-xpath.js";
import {
  finalStep,
  mayLeaveSubtree,
  sharedStep,
  splitDownwardPath,
  type AttributeName,
  type SharedStep,
} from "./location-path.js";

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** Prefix id of the context node itself. */
const CONTEXT = -1;

/** One shared step: from each node of `parent`, a direct child scan or the step evaluated alone. */
interface PrefixStep {
  readonly parent: number;
  readonly child: Extract<SharedStep, { kind: "child" }> | undefined;
  readonly xpath: CompiledXPath | undefined;
}

/** How a planned XPath gets its values from its prefix's nodes. */
type Reading =
  | { readonly kind: "library"; readonly remainder: CompiledXPath }
  | { readonly kind: "nodes" }
  | { readonly kind: "text" }
  | ({ readonly kind: "attribute" } & AttributeName);

interface PlannedXPath {
  readonly source: string;
  readonly prefix: number;
  readonly reading: Reading;
}

export class XPathPlan {
  private readonly prefixSteps: PrefixStep[] = [];
  private readonly entries: PlannedXPath[];

  /** Compiles every source; throws XPathSyntaxError for the first that does not parse. */
  constructor(sources: readonly string[]) {
    const prefixIds = new Map<string, number>();
    this.entries = sources.map((source): PlannedXPath => {
      const whole = new CompiledXPath(source);
      const steps = mayLeaveSubtree(source) ? undefined : splitDownwardPath(source);
      if (steps === undefined) return { source, prefix: CONTEXT, reading: { kind: "library", remainder: whole } };
      let shared = 0;
      while (shared < steps.length && sharedStep(steps[shared]!) !== undefined) shared++;
      if (shared === 0) return { source, prefix: CONTEXT, reading: { kind: "library", remainder: whole } };
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
              ? { parent: prefix, child: step, xpath: undefined }
              : { parent: prefix, child: undefined, xpath: new CompiledXPath(step.step) },
          );
        }
        prefix = id;
      }
      if (shared === steps.length) return { source, prefix, reading: { kind: "nodes" } };
      const last = shared === steps.length - 1 ? finalStep(steps[shared]!) : undefined;
      if (last !== undefined) return { source, prefix, reading: last };
      return {
        source,
        prefix,
        reading: { kind: "library", remainder: new CompiledXPath(steps.slice(shared).join("/")) },
      };
    });
  }

  get size(): number {
    return this.entries.length;
  }

  source(index: number): string {
    return this.entries[index]!.source;
  }

  /**
   * A per-worker evaluator; it caches the shared prefixes' nodes for that worker. `context` returns
   * a Response_Data element holding just `worker`; it is called only when an expression needs it.
   */
  scope(worker: Element, context: () => Node): XPathScope {
    return new XPathScope(this.prefixSteps, this.entries, worker, context);
  }
}

export class XPathScope {
  private readonly prefixNodes: (Node[] | undefined)[];

  constructor(
    private readonly prefixSteps: readonly PrefixStep[],
    private readonly entries: readonly PlannedXPath[],
    private readonly worker: Element,
    private readonly context: () => Node,
  ) {
    this.prefixNodes = new Array<Node[] | undefined>(prefixSteps.length);
  }

  /** Every value of the plan's XPath number `index`: node string-values in document order, or a scalar. */
  values(index: number): string[] | string {
    const { prefix, reading } = this.entries[index]!;
    if (prefix === CONTEXT) return (reading as { remainder: CompiledXPath }).remainder.evaluateRaw(this.context());
    const starts = this.nodesOf(prefix);
    if (reading.kind === "library" && starts.length === 1) return reading.remainder.evaluateRaw(starts[0]!);
    const values: string[] = [];
    // The starts are in document order and what each yields lies in its own subtree, in order.
    for (const start of starts) {
      switch (reading.kind) {
        case "library": {
          const raw = reading.remainder.evaluateRaw(start);
          if (typeof raw === "string") values.push(raw);
          else for (const value of raw) values.push(value);
          break;
        }
        case "nodes":
          values.push(nodeStringValue(start));
          break;
        case "text":
          for (let child = start.firstChild; child !== null; child = child.nextSibling) {
            if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE)
              values.push(child.nodeValue ?? "");
          }
          break;
        case "attribute": {
          const attribute = attributeOf(start, reading);
          if (attribute !== undefined) values.push(attribute.value);
          break;
        }
      }
    }
    return values;
  }

  /** The single value of XPath number `index`: first node's string-value, a scalar, or null. */
  first(index: number): string | null {
    const { prefix, reading } = this.entries[index]!;
    if (prefix === CONTEXT) return (reading as { remainder: CompiledXPath }).remainder.evaluateFirst(this.context());
    for (const start of this.nodesOf(prefix)) {
      switch (reading.kind) {
        case "library": {
          const value = reading.remainder.evaluateFirst(start);
          if (value !== null) return value;
          break;
        }
        case "nodes":
          return nodeStringValue(start);
        case "text":
          for (let child = start.firstChild; child !== null; child = child.nextSibling) {
            if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) return child.nodeValue ?? "";
          }
          break;
        case "attribute": {
          const attribute = attributeOf(start, reading);
          if (attribute !== undefined) return attribute.value;
          break;
        }
      }
    }
    return null;
  }

  /** values() as an XPathValue: a string for one value, a list for several, null for none. */
  evaluate(index: number): XPathValue {
    return toXPathValue(this.values(index));
  }

  private nodesOf(prefix: number): Node[] {
    const cached = this.prefixNodes[prefix];
    if (cached !== undefined) return cached;
    const step = this.prefixSteps[prefix]!;
    let nodes: Node[] = [];
    if (step.parent === CONTEXT && step.child !== undefined) {
      // The holder's only child is the worker.
      if (childMatches(this.worker, step.child)) nodes = [this.worker];
    } else {
      const parents: readonly Node[] = step.parent === CONTEXT ? [this.context()] : this.nodesOf(step.parent);
      if (step.xpath !== undefined) {
        if (parents.length === 1) nodes = step.xpath.selectNodes(parents[0]!);
        else for (const parent of parents) for (const node of step.xpath.selectNodes(parent)) nodes.push(node);
      } else {
        for (const parent of parents) {
          for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
            if (childMatches(child, step.child!)) nodes.push(child);
          }
        }
      }
    }
    this.prefixNodes[prefix] = nodes;
    return nodes;
  }
}

function childMatches(node: Node, step: Extract<SharedStep, { kind: "child" }>): boolean {
  if (node.nodeType !== ELEMENT_NODE || (node as Element).localName !== step.localName || node.namespaceURI !== WD_NS) {
    return false;
  }
  if (step.attribute === undefined) return true;
  return attributeOf(node, step.attribute)?.value === step.attribute.value;
}

/** The element's attribute with that name (wd namespace or none), as XPath's attribute axis sees it. */
function attributeOf(node: Node, name: AttributeName): Attr | undefined {
  const attributes = (node as Element).attributes;
  if (attributes === undefined || attributes === null) return undefined;
  for (let i = 0; i < attributes.length; i++) {
    const attribute = attributes.item(i)!;
    if (attribute.localName !== name.localName) continue;
    if (name.namespaced ? attribute.namespaceURI === WD_NS : !attribute.namespaceURI) return attribute;
  }
  return undefined;
}
