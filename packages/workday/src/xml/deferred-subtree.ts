/**
 * Deferred subtrees: a page's wd:Worker elements are recorded during the SAX parse as a compact
 * log (numbers, plus the text and attribute values) instead of thousands of objects, and each is
 * built into light-tree objects only when it is read. A page's tree would otherwise outlive
 * several young-generation collections and be copied by each; a worker built for its extraction
 * dies young. Nothing built is cached, so each reader gets (and drops) its own copy.
 */
import { ElementAssembler, NO_ATTRIBUTES } from "./element-assembler.js";
import { ATTRIBUTE_NODE, ELEMENT_NODE, type LightAttribute, type LightChild, type LightElement } from "./light-tree.js";

export const OP_OPEN = 0;
export const OP_CLOSE = 1;
export const OP_TEXT = 2;
export const OP_CDATA = 3;

export interface LoggedName {
  readonly namespace: string | null;
  readonly localName: string;
  readonly prefix: string | null;
}

/**
 * The log of a page's deferred subtrees. `ops` holds, per event:
 * OPEN name attributeCount (name value)*, TEXT value, CDATA value, or CLOSE, where a name is an
 * index into `names` and a value an index into `values`. Document-order numbers are not stored:
 * replaying the events in order and counting gives them back.
 */
export interface SubtreeLog {
  readonly ops: number[];
  readonly values: string[];
  readonly names: LoggedName[];
}

/** An element whose content is built from the log on every read of `children` or `leafText`. */
export class DeferredElement implements LightElement {
  readonly kind: typeof ELEMENT_NODE = ELEMENT_NODE;

  constructor(
    readonly namespace: string | null,
    readonly localName: string,
    readonly prefix: string | null,
    readonly attributes: LightAttribute[],
    readonly order: number,
    private readonly log: SubtreeLog,
    /** Index of this element's OPEN in the log. */
    private readonly start: number,
  ) {}

  get children(): LightChild[] {
    return this.build().children;
  }

  get leafText(): string | undefined {
    return this.build().leafText;
  }

  /** A plain light-tree copy of this element and everything in it. */
  build(): LightElement {
    const { ops, values, names } = this.log;
    const assembler = new ElementAssembler();
    let order = this.order;
    for (let i = this.start; ; ) {
      const op = ops[i]!;
      if (op === OP_OPEN) {
        const name = names[ops[i + 1]!]!;
        const count = ops[i + 2]!;
        const elementOrder = order++;
        let attributes = NO_ATTRIBUTES;
        if (count > 0) {
          attributes = new Array<LightAttribute>(count);
          for (let a = 0; a < count; a++) {
            const attributeName = names[ops[i + 3 + 2 * a]!]!;
            attributes[a] = {
              kind: ATTRIBUTE_NODE,
              namespace: attributeName.namespace,
              localName: attributeName.localName,
              prefix: attributeName.prefix,
              value: values[ops[i + 4 + 2 * a]!]!,
              order: order++,
            };
          }
        }
        assembler.openElement(name.namespace, name.localName, name.prefix, attributes, elementOrder);
        i += 3 + 2 * count;
      } else if (op === OP_CLOSE) {
        if (assembler.closeElement() === 0) return assembler.root!;
        i += 1;
      } else {
        if (op === OP_TEXT) assembler.text(values[ops[i + 1]!]!, order++);
        else assembler.cdata(values[ops[i + 1]!]!, order++);
        i += 2;
      }
    }
  }
}

/** `element` with its whole subtree as plain objects: deferred elements built, others as they are. */
export function builtLightElement(element: LightElement): LightElement {
  return element instanceof DeferredElement ? element.build() : element;
}
