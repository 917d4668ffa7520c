/**
 * A lightweight, read-only XML tree for Get_Workers pages: plain objects with namespace URIs
 * resolved, entities decoded, and every node numbered in document order (`order`), so XPath
 * results can be sorted and de-duplicated without walking the tree. Comments and processing
 * instructions are not kept, but they still end a text node, as they do in a DOM.
 *
 * Most elements of a page are leaves holding one text node; such an element keeps that text in
 * `leafText` with no children, sparing two objects per leaf. lightTextChildren() gives the text
 * node back (with its document-order number) to whoever asks for text().
 */

export const ELEMENT_NODE = 1;
export const ATTRIBUTE_NODE = 2;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;

export interface LightElement {
  readonly kind: typeof ELEMENT_NODE;
  /** Namespace URI; null for no namespace. */
  readonly namespace: string | null;
  readonly localName: string;
  readonly prefix: string | null;
  /** Attributes other than namespace declarations, in document order. */
  readonly attributes: LightAttribute[];
  /** Child elements and text nodes in document order; empty when the only child is `leafText`. */
  readonly children: LightChild[];
  /** The value of the element's single text child (not CDATA), when that is all it holds. */
  readonly leafText?: string | undefined;
  readonly order: number;
}

export interface LightAttribute {
  readonly kind: typeof ATTRIBUTE_NODE;
  readonly namespace: string | null;
  readonly localName: string;
  readonly prefix: string | null;
  readonly value: string;
  readonly order: number;
}

export interface LightText {
  readonly kind: typeof TEXT_NODE | typeof CDATA_SECTION_NODE;
  readonly value: string;
  readonly order: number;
}

export type LightChild = LightElement | LightText;
export type LightNode = LightElement | LightAttribute | LightText;

/** XPath string-value: an element's descendant text (CDATA included), or the node's value. */
export function lightStringValue(node: LightNode): string {
  if (node.kind !== ELEMENT_NODE) return node.value;
  if (node.leafText !== undefined) return node.leafText;
  const { children } = node;
  // The common case, one text child, needs no concatenation.
  if (children.length === 1 && children[0]!.kind !== ELEMENT_NODE) return children[0]!.value;
  let text = "";
  for (const child of children) text += child.kind === ELEMENT_NODE ? lightStringValue(child) : child.value;
  return text;
}

/** Appends the element's text and CDATA children (the text() step) to `into`. */
export function lightTextChildren(element: LightElement, into: LightNode[]): void {
  if (element.leafText !== undefined) {
    // A leaf's text comes right after its attributes in document order.
    into.push({ kind: TEXT_NODE, value: element.leafText, order: element.order + element.attributes.length + 1 });
    return;
  }
  for (const child of element.children) if (child.kind !== ELEMENT_NODE) into.push(child);
}

/** Element children with that namespace and local name. */
export function* lightChildElements(
  parent: LightElement,
  namespace: string | null,
  localName: string,
): Generator<LightElement> {
  for (const child of parent.children) {
    if (child.kind === ELEMENT_NODE && child.localName === localName && child.namespace === namespace) yield child;
  }
}

export function firstLightChild(
  parent: LightElement,
  namespace: string | null,
  localName: string,
): LightElement | undefined {
  for (const child of lightChildElements(parent, namespace, localName)) return child;
  return undefined;
}
