/**
 * XPath 1.0 through the `xpath` package: parsed once with xpath.parse, evaluated per context node
 * with the `wd` namespace resolver and `isHtml: false` (with xmldom 0.9 the library would
 * otherwise match names case-insensitively, so a misspelt element would still match).
 *
 * An attribute is single-valued unless declared multi-valued. A single value is the string-value
 * of the first selected node in document order (what XPath's string() gives, and what Entra's
 * connector reads) or a string/number/boolean expression's value; null when nothing is selected.
 * A multi-valued attribute is the list of every selected node's string-value, in document order.
 */
import * as xpath from "xpath";
import type { Node } from "@xmldom/xmldom";
import { XPATH_NAMESPACES } from "../xml/namespaces.js";

export type XPathValue = string | readonly string[] | null;

/** The parts of the library's result objects used here (its typings omit xpath.parse). */
interface LibraryResult {
  stringValue(): string;
  /** Node sets only: every node in document order, and the first of them (null when empty). */
  toArray?: () => LibraryNode[];
  first?: () => LibraryNode | null;
}
interface LibraryNode {
  readonly nodeType: number;
  readonly nodeValue: string | null;
  readonly textContent: string | null;
}
interface LibraryExpression {
  evaluate(options: EvaluateOptions): LibraryResult;
}
interface EvaluateOptions {
  node: unknown;
  readonly namespaces: { getNamespace(prefix: string): string | undefined };
  readonly isHtml: false;
}

const parseExpression = (xpath as unknown as { parse(source: string): LibraryExpression }).parse;

const ATTRIBUTE_NODE = 2;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

const namespaceResolver = {
  getNamespace: (prefix: string): string | undefined => XPATH_NAMESPACES[prefix],
};

export class XPathSyntaxError extends Error {
  override readonly name = "XPathSyntaxError";
}

/** XPath string-value of a selected node. */
export function nodeStringValue(node: LibraryNode): string {
  switch (node.nodeType) {
    case ATTRIBUTE_NODE:
    case TEXT_NODE:
    case CDATA_SECTION_NODE:
      return node.nodeValue ?? "";
    default:
      return node.textContent ?? "";
  }
}

export class CompiledXPath {
  readonly source: string;
  private readonly expression: LibraryExpression;
  // Evaluation is synchronous, so one options object per expression can be reused.
  private readonly options: EvaluateOptions = { node: null, namespaces: namespaceResolver, isHtml: false };

  constructor(source: string) {
    this.source = source;
    try {
      this.expression = parseExpression(source);
    } catch (error) {
      throw new XPathSyntaxError(error instanceof Error ? error.message : String(error));
    }
  }

  /** Raw evaluation: the selected nodes' string values, or the expression's scalar value. */
  evaluateRaw(context: Node): string[] | string {
    this.options.node = context;
    try {
      const result = this.expression.evaluate(this.options);
      if (typeof result.toArray !== "function") return result.stringValue();
      const nodes = result.toArray();
      const values = new Array<string>(nodes.length);
      for (let i = 0; i < nodes.length; i++) values[i] = nodeStringValue(nodes[i]!);
      return values;
    } finally {
      this.options.node = null;
    }
  }

  /** The selected nodes in document order; the expression must be a location path. */
  selectNodes(context: Node): Node[] {
    this.options.node = context;
    try {
      const result = this.expression.evaluate(this.options);
      if (typeof result.toArray !== "function") throw new Error(`XPath ${this.source} does not select nodes`);
      return result.toArray() as unknown as Node[];
    } finally {
      this.options.node = null;
    }
  }

  /** Single-valued reading: the first selected node's string-value, the scalar's value, or null. */
  evaluateFirst(context: Node): string | null {
    this.options.node = context;
    try {
      const result = this.expression.evaluate(this.options);
      if (typeof result.first !== "function") return result.stringValue();
      const node = result.first();
      return node === null ? null : nodeStringValue(node);
    } finally {
      this.options.node = null;
    }
  }

  /** Every selected node's value (a scalar as one string); a list only when several nodes match. */
  evaluate(context: Node): XPathValue {
    return toXPathValue(this.evaluateRaw(context));
  }
}

export function toXPathValue(raw: string[] | string): XPathValue {
  if (typeof raw === "string") return raw;
  if (raw.length === 0) return null;
  return raw.length === 1 ? raw[0]! : raw;
}
