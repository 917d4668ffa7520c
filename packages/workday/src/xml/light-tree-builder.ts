/**
 * Parses a Get_Workers page into the light tree (light-tree.ts) from the events of the `saxes`
 * SAX parser in namespace-aware mode. Tokenizing, entity decoding, line-ending and attribute-value
 * normalisation, namespace resolution and every well-formedness check (mismatched tags, unknown
 * entities, unbound prefixes, duplicate attributes, `<` in attribute values, content after the
 * root…) are the library's; this module only turns events into plain objects.
 *
 * The tree shows what a DOM (xmldom, which the rest of the connector uses) shows to XPath:
 * comments and processing instructions are dropped but still end a text node, CDATA sections are
 * nodes of their own and empty ones are dropped.
 *
 * Elements named in `defer` (a page's wd:Worker elements) are only logged and built when read
 * (deferred-subtree.ts).
 */
import { SaxesParser, type SaxesAttributeNS, type SaxesAttributeNSIncomplete, type SaxesTagNS } from "saxes";
import {
  DeferredElement,
  OP_CDATA,
  OP_CLOSE,
  OP_OPEN,
  OP_TEXT,
  type LoggedName,
  type SubtreeLog,
} from "./deferred-subtree.js";
import { ElementAssembler, NO_ATTRIBUTES } from "./element-assembler.js";
import { ATTRIBUTE_NODE, type LightElement } from "./light-tree.js";
import { XmlSyntaxError } from "./xml-document.js";

const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

export interface LightParseOptions {
  /** Elements (by namespace URI and local name) whose subtrees are built only when read. */
  readonly defer?: { readonly namespace: string | null; readonly localName: string } | undefined;
}

/** Parses a whole document; returns its root element. Throws XmlSyntaxError when it is not well-formed. */
export function parseLightXml(text: string, options: LightParseOptions = {}): LightElement {
  const builder = new TreeBuilder(options.defer);
  const parser = new SaxesParser({ xmlns: true });
  parser.on("attribute", builder.attribute);
  parser.on("opentag", builder.openTag);
  parser.on("closetag", builder.closeTag);
  parser.on("text", builder.text);
  parser.on("cdata", builder.cdata);
  try {
    parser.write(text).close();
  } catch (error) {
    throw new XmlSyntaxError(error instanceof Error ? error.message : String(error));
  }
  if (builder.root === undefined) throw new XmlSyntaxError("the document has no root element");
  return builder.root;
}

/** Turns parser events into the tree (handlers are bound fields, so the parser calls them directly). */
class TreeBuilder {
  private readonly assembler = new ElementAssembler();
  /** Document-order number of the next node; deferred nodes are counted too. */
  private order = 0;
  /** Open elements of the deferred subtree being logged (0: not in one). */
  private deferredDepth = 0;
  private readonly log: SubtreeLog = { ops: [], values: [], names: [] };
  /** Qualified name → index in log.names of its first meaning. */
  private readonly nameIndexes = new Map<string, number>();
  /**
   * Attributes of the start tag being read, in document order. The parser completes these very
   * objects (namespace URI) before opentag; collecting them here spares a walk over the tag's
   * attribute map, a dictionary-mode object that is slow to enumerate.
   */
  private readonly tagAttributes: SaxesAttributeNS[] = [];

  constructor(private readonly defer: LightParseOptions["defer"]) {}

  get root(): LightElement | undefined {
    return this.assembler.root;
  }

  readonly attribute = (attribute: SaxesAttributeNSIncomplete): void => {
    this.tagAttributes.push(attribute as SaxesAttributeNS);
  };

  readonly openTag = (tag: SaxesTagNS): void => {
    const namespace = tag.uri || null;
    const { defer } = this;
    if (
      this.deferredDepth > 0 ||
      (defer !== undefined && tag.local === defer.localName && namespace === defer.namespace && this.assembler.inside)
    ) {
      this.logOpen(tag, namespace);
      return;
    }
    const order = this.order++;
    let attributes = NO_ATTRIBUTES;
    const { tagAttributes } = this;
    if (tagAttributes.length > 0) {
      attributes = [];
      for (const attribute of tagAttributes) {
        // Namespace declarations are not attributes in the XPath data model.
        if (attribute.uri === XMLNS_NS) continue;
        attributes.push({
          kind: ATTRIBUTE_NODE,
          namespace: attribute.uri || null,
          localName: attribute.local,
          prefix: attribute.prefix || null,
          value: attribute.value,
          order: this.order++,
        });
      }
      tagAttributes.length = 0;
      if (attributes.length === 0) attributes = NO_ATTRIBUTES;
    }
    this.assembler.openElement(namespace, tag.local, tag.prefix || null, attributes, order);
  };

  readonly closeTag = (): void => {
    if (this.deferredDepth > 0) {
      this.log.ops.push(OP_CLOSE);
      this.deferredDepth--;
    } else this.assembler.closeElement();
  };

  readonly text = (value: string): void => {
    if (this.deferredDepth > 0) this.logValue(OP_TEXT, value);
    // Outside the root only whitespace reaches here (the parser rejects anything else).
    else if (this.assembler.inside) this.assembler.text(value, this.order++);
  };

  readonly cdata = (value: string): void => {
    // xmldom drops an empty CDATA section; so does this tree, so text() sees the same nodes.
    if (value === "") return;
    if (this.deferredDepth > 0) this.logValue(OP_CDATA, value);
    else if (this.assembler.inside) this.assembler.cdata(value, this.order++);
  };

  private logValue(op: number, value: string): void {
    const { ops, values } = this.log;
    ops.push(op, values.length);
    values.push(value);
    this.order++;
  }

  private logOpen(tag: SaxesTagNS, namespace: string | null): void {
    const { ops, values } = this.log;
    const start = ops.length;
    const order = this.order++;
    const top = this.deferredDepth++ === 0;
    // The deferred element's own attributes are objects at once, as it is; those inside only logged.
    let attributes = NO_ATTRIBUTES;
    ops.push(OP_OPEN, this.nameIndex(tag.name, namespace, tag.local, tag.prefix), 0);
    let count = 0;
    const { tagAttributes } = this;
    for (const attribute of tagAttributes) {
      if (attribute.uri === XMLNS_NS) continue;
      const attributeNamespace = attribute.uri || null;
      ops.push(this.nameIndex(attribute.name, attributeNamespace, attribute.local, attribute.prefix), values.length);
      values.push(attribute.value);
      count++;
      const attributeOrder = this.order++;
      if (top) {
        if (attributes === NO_ATTRIBUTES) attributes = [];
        attributes.push({
          kind: ATTRIBUTE_NODE,
          namespace: attributeNamespace,
          localName: attribute.local,
          prefix: attribute.prefix || null,
          value: attribute.value,
          order: attributeOrder,
        });
      }
    }
    tagAttributes.length = 0;
    ops[start + 2] = count;
    if (top) {
      this.assembler.addElement(
        new DeferredElement(namespace, tag.local, tag.prefix || null, attributes, order, this.log, start),
      );
    }
  }

  /** Index of a name in the log; one entry per qualified name and namespace. */
  private nameIndex(qualifiedName: string, namespace: string | null, localName: string, prefix: string): number {
    const { names } = this.log;
    const index = this.nameIndexes.get(qualifiedName);
    if (index !== undefined && names[index]!.namespace === namespace) return index;
    // The same prefix bound to another namespace elsewhere in the page: rare, searched.
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      if (name.namespace === namespace && name.localName === localName && name.prefix === (prefix || null)) return i;
    }
    const entry: LoggedName = { namespace, localName, prefix: prefix || null };
    if (index === undefined) this.nameIndexes.set(qualifiedName, names.length);
    names.push(entry);
    return names.length - 1;
  }
}
