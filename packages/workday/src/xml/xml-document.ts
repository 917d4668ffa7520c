/**
 * Parses incoming XML with @xmldom/xmldom, strictly: any well-formedness error rejects the
 * document (xmldom would otherwise recover and hand back a partial tree).
 */
import { DOMParser, type Document, type Element, type Node } from "@xmldom/xmldom";

export class XmlSyntaxError extends Error {
  override readonly name = "XmlSyntaxError";
}

const parser = new DOMParser({
  // Positions on every node cost time and memory and are never read.
  locator: false,
  onError(level, message) {
    if (level !== "warning") throw new XmlSyntaxError(message);
  },
});

export function parseXml(text: string): Document {
  try {
    return parser.parseFromString(text, "text/xml");
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw error;
    throw new XmlSyntaxError(error instanceof Error ? error.message : String(error));
  }
}

const ELEMENT_NODE = 1;

/** Element children of `parent`, optionally only those with the given namespace and local name. */
export function* childElements(parent: Node, namespace?: string, localName?: string): Generator<Element> {
  for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType !== ELEMENT_NODE) continue;
    const element = child as Element;
    if (localName !== undefined && element.localName !== localName) continue;
    if (namespace !== undefined && element.namespaceURI !== namespace) continue;
    yield element;
  }
}

export function firstChildElement(parent: Node, namespace?: string, localName?: string): Element | undefined {
  for (const element of childElements(parent, namespace, localName)) return element;
  return undefined;
}

/** Text of the first matching child element, trimmed; undefined when there is none. */
export function childText(parent: Node, namespace: string | undefined, localName: string): string | undefined {
  return firstChildElement(parent, namespace, localName)?.textContent?.trim();
}
