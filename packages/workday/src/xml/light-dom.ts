/**
 * Bridges between the light tree and @xmldom/xmldom: an xmldom copy of one worker for the XPaths
 * only the xpath library evaluates, and a light copy of an xmldom element (tests build and edit
 * example workers with DOM operations).
 */
import { DOMImplementation, type Document, type Element, type Node } from "@xmldom/xmldom";
import {
  ATTRIBUTE_NODE,
  CDATA_SECTION_NODE,
  ELEMENT_NODE,
  TEXT_NODE,
  type LightAttribute,
  type LightChild,
  type LightElement,
} from "./light-tree.js";
import { WD_NS } from "./namespaces.js";

const XMLNS_NS = "http://www.w3.org/2000/xmlns/";
const implementation = new DOMImplementation();

const qualified = (prefix: string | null, localName: string) =>
  prefix === null ? localName : `${prefix}:${localName}`;

function appendCopy(document: Document, parent: Node, source: LightElement): Element {
  const element = document.createElementNS(source.namespace, qualified(source.prefix, source.localName));
  for (const attribute of source.attributes) {
    element.setAttributeNS(attribute.namespace, qualified(attribute.prefix, attribute.localName), attribute.value);
  }
  if (source.leafText !== undefined) element.appendChild(document.createTextNode(source.leafText));
  for (const child of source.children) {
    if (child.kind === ELEMENT_NODE) appendCopy(document, element, child);
    else if (child.kind === TEXT_NODE) element.appendChild(document.createTextNode(child.value));
    else element.appendChild(document.createCDATASection(child.value));
  }
  parent.appendChild(element);
  return element;
}

/**
 * An xmldom document whose root is a wd:Response_Data holding a copy of `worker` alone: the
 * context the catalogue XPaths are written for.
 */
export function domWorkerCopy(worker: LightElement): { readonly holder: Element; readonly worker: Element } {
  const document = implementation.createDocument(WD_NS, "wd:Response_Data", null);
  const holder = document.documentElement!;
  return { holder, worker: appendCopy(document, holder, worker) };
}

/** A light copy of an xmldom element (comments and processing instructions dropped). */
export function lightFromDom(source: Element): LightElement {
  let order = 0;
  const copy = (element: Element): LightElement => {
    const elementOrder = order++;
    const attributes: LightAttribute[] = [];
    for (let i = 0; i < element.attributes.length; i++) {
      const attribute = element.attributes.item(i)!;
      if (attribute.namespaceURI === XMLNS_NS) continue;
      attributes.push({
        kind: ATTRIBUTE_NODE,
        namespace: attribute.namespaceURI || null,
        localName: attribute.localName ?? attribute.name,
        prefix: attribute.prefix || null,
        value: attribute.value,
        order: order++,
      });
    }
    let children: LightChild[] = [];
    for (let child = element.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === ELEMENT_NODE) children.push(copy(child as Element));
      else if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) {
        children.push({ kind: child.nodeType, value: child.nodeValue ?? "", order: order++ });
      }
    }
    // The same shape the tree builder gives: a lone text child is kept as leafText.
    let leafText: string | undefined;
    const only = children.length === 1 ? children[0]! : undefined;
    if (only !== undefined && only.kind === TEXT_NODE) {
      leafText = only.value;
      children = [];
    }
    return {
      kind: ELEMENT_NODE,
      namespace: element.namespaceURI || null,
      localName: element.localName ?? element.nodeName,
      prefix: element.prefix || null,
      attributes,
      children,
      leafText,
      order: elementOrder,
    };
  };
  return copy(source);
}
