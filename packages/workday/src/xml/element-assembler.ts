/**
 * Assembles light-tree elements from a stream of open/text/close steps, in document order, for
 * the SAX tree builder and for replaying a deferred subtree. The children of all open elements
 * wait on one stack and each element gets an exact-size array when it closes: no growing arrays,
 * and a leaf holding one text node gets none at all (its text goes to `leafText`).
 */
import {
  CDATA_SECTION_NODE,
  ELEMENT_NODE,
  TEXT_NODE,
  type LightAttribute,
  type LightChild,
  type LightElement,
} from "./light-tree.js";

/** Most elements have no attributes or no element children; they share these lists (the tree is read-only). */
export const NO_ATTRIBUTES: LightAttribute[] = [];
const NO_CHILDREN: LightChild[] = [];

/** A light element while it is open: its children and leaf text are set when it closes. */
type OpenElement = { -readonly [K in keyof LightElement]: LightElement[K] };

export class ElementAssembler {
  /** The outermost element, once opened. */
  root: LightElement | undefined;
  private readonly open: OpenElement[] = [];
  /** Where each open element's children start in `pending`. */
  private readonly starts: number[] = [];
  /** Children of the open elements; a text node is its value until its parent closes. */
  private readonly pending: (LightChild | string)[] = [];
  /** Document-order number of each entry of `pending`. */
  private readonly orders: number[] = [];

  /** Whether an element is open (text outside the root is ignored). */
  get inside(): boolean {
    return this.open.length > 0;
  }

  openElement(
    namespace: string | null,
    localName: string,
    prefix: string | null,
    attributes: LightAttribute[],
    order: number,
  ): void {
    const element: OpenElement = {
      kind: ELEMENT_NODE,
      namespace,
      localName,
      prefix,
      attributes,
      children: NO_CHILDREN,
      leafText: undefined,
      order,
    };
    if (this.open.length === 0) this.root = element;
    else this.add(element, order);
    this.open.push(element);
    this.starts.push(this.pending.length);
  }

  /** Adds a finished element (e.g. a deferred one) as a child of the innermost open element. */
  addElement(element: LightElement): void {
    this.add(element, element.order);
  }

  /** Closes the innermost open element; returns how many elements are still open. */
  closeElement(): number {
    const element = this.open.pop()!;
    const start = this.starts.pop()!;
    const { pending, orders } = this;
    const count = pending.length - start;
    if (count === 1 && typeof pending[start] === "string") element.leafText = pending[start];
    else if (count > 0) {
      const children = new Array<LightChild>(count);
      for (let i = 0; i < count; i++) {
        const child = pending[start + i]!;
        children[i] = typeof child === "string" ? { kind: TEXT_NODE, value: child, order: orders[start + i]! } : child;
      }
      element.children = children;
    }
    pending.length = start;
    orders.length = start;
    return this.open.length;
  }

  text(value: string, order: number): void {
    this.add(value, order);
  }

  cdata(value: string, order: number): void {
    this.add({ kind: CDATA_SECTION_NODE, value, order }, order);
  }

  private add(child: LightChild | string, order: number): void {
    this.pending.push(child);
    this.orders.push(order);
  }
}
