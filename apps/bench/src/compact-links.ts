/**
 * The benchmark's link store, compact the way a store's pages are: 100,000 links held as
 * object trees (~30 small objects per worker) make the garbage collector copy and trace
 * millions of objects during the create pass, which then measures the heap rather than
 * the planner. A link is decoded when the next pass asks for it, with its attributes in
 * their original order.
 *
 * A link's values are joined and written, as UTF-16 (so any text survives exactly), to
 * pages of memory outside the JavaScript heap: the garbage collector never sees link
 * text. The field lengths, a few flags and the attribute names (as the number of a
 * shared name list: workers share a handful of such lists) go to one growing
 * Uint32Array. Nothing needs escaping. A link with a multi-valued attribute is kept as
 * the object itself. The anchor of an account the benchmark created is kept as its
 * number (see accountAnchor).
 */
import type { DirectoryValue, ExportedState, LinkState } from "@roster/engine";
import { accountAnchor } from "./account-anchor.js";

const IN_SCOPE = 1;
const HAS_STATE = 2;
const HAS_CN = 4;
const HAS_PARENT = 8;
const DISABLED_KNOWN = 16;
const DISABLED = 32;
const NUMBERED_ANCHOR = 64;

/** flags, attribute names, reference names, anchor number, byte offset in the page; then the lengths. */
const HEADER = 5;

const PAGE_BYTES = 1 << 22;
const BYTES_PER_UNIT = 2;

export class CompactLinks {
  /** By worker index: the number of the page holding the link, the link itself when it is not encoded, or undefined. */
  readonly #pageOf: (number | LinkState | undefined)[] = [];
  /** By worker index: where the link's header starts in #fields. */
  readonly #starts: number[] = [];
  #fields = new Uint32Array(1 << 16);
  #used = 0;
  /** Pages of link text, UTF-16LE; the last one is being filled. */
  readonly #pages: Buffer[] = [];
  /** Bytes used in the last page. */
  #pageUsed = 0;
  /** The values of the link being encoded; encoding is synchronous, so one array serves every link. */
  readonly #parts: string[] = [];
  /** Name lists (attribute or reference names, in order), numbered by position. */
  readonly #names: (readonly string[])[] = [];
  /** Signature of a name list → the numbers of the lists with that signature. */
  readonly #bySignature = new Map<number, number[]>();

  has(index: number): boolean {
    return this.#pageOf[index] !== undefined;
  }

  /** The link's wasInScope, without decoding the rest. */
  wasInScope(index: number): boolean {
    const page = this.#pageOf[index];
    if (page === undefined) return false;
    if (typeof page !== "number") return page.wasInScope;
    return ((this.#fields[this.#starts[index] as number] as number) & IN_SCOPE) !== 0;
  }

  get(index: number): LinkState | null {
    const page = this.#pageOf[index];
    if (page === undefined) return null;
    if (typeof page !== "number") return page;
    return this.#decode(this.#pages[page] as Buffer, this.#starts[index] as number);
  }

  /**
   * Stores a link. `anchor` is the entry's anchor, or the number of an account created
   * by the benchmark (see accountAnchor).
   */
  set(index: number, anchor: string | number, exportedAttributes: ExportedState | null, wasInScope: boolean): void {
    const start = this.#used;
    if (this.#encode(anchor, exportedAttributes, wasInScope)) {
      this.#pageOf[index] = this.#pages.length - 1;
      this.#starts[index] = start;
    } else {
      this.#pageOf[index] = {
        anchor: typeof anchor === "number" ? accountAnchor(anchor) : anchor,
        exportedAttributes,
        wasInScope,
      };
    }
  }

  /** Appends the link to the page being filled; false (and nothing kept) for a multi-valued attribute. */
  #encode(anchor: string | number, state: ExportedState | null, wasInScope: boolean): boolean {
    let flags = wasInScope ? IN_SCOPE : 0;
    let anchorNumber = 0;
    let anchorText = "";
    if (typeof anchor === "number") {
      flags |= NUMBERED_ANCHOR;
      anchorNumber = anchor;
    } else {
      anchorText = anchor;
    }
    // The link's values, joined at once (while they are still in the cache) and appended to the page.
    const parts = this.#parts;
    parts.length = 0;
    let attributeNames = 0;
    let referenceNames = 0;
    if (state === null) {
      parts.push(anchorText);
    } else {
      // The values in insertion order (for-in reads them without a lookup per name).
      const attributes = state.attributes;
      let attributeSignature = 0;
      for (const name in attributes) {
        const value = attributes[name];
        if (typeof value !== "string") {
          parts.length = 0;
          return false;
        }
        parts.push(value);
        attributeSignature = signatureWith(attributeSignature, name);
      }
      const attributeCount = parts.length;
      parts.push(anchorText, state.cn ?? "", state.parentDistinguishedName ?? "");
      const references = state.references;
      let referenceSignature = 0;
      for (const name in references) {
        parts.push(references[name] as string);
        referenceSignature = signatureWith(referenceSignature, name);
      }
      attributeNames = this.#namesNumber(attributes, attributeCount, attributeSignature);
      referenceNames = this.#namesNumber(references, parts.length - attributeCount - 3, referenceSignature);
      flags |= HAS_STATE;
      if (state.cn !== null) flags |= HAS_CN;
      if (state.parentDistinguishedName !== null) flags |= HAS_PARENT;
      if (state.accountDisabled !== null) flags |= DISABLED_KNOWN | (state.accountDisabled ? DISABLED : 0);
    }
    // Joined while the values are still in the cache, then copied out of the heap.
    const text = parts.length === 1 ? (parts[0] as string) : parts.join("");
    const bytes = text.length * BYTES_PER_UNIT;
    if (this.#pages.length === 0 || this.#pageUsed + bytes > PAGE_BYTES) {
      this.#pages.push(Buffer.allocUnsafe(Math.max(PAGE_BYTES, bytes)));
      this.#pageUsed = 0;
    }
    const page = this.#pages[this.#pages.length - 1] as Buffer;
    this.#reserve(HEADER + parts.length);
    const fields = this.#fields;
    let at = this.#used;
    fields[at++] = flags;
    fields[at++] = attributeNames;
    fields[at++] = referenceNames;
    fields[at++] = anchorNumber;
    fields[at++] = this.#pageUsed;
    for (let i = 0; i < parts.length; i++) fields[at++] = (parts[i] as string).length;
    this.#used = at;
    this.#pageUsed += page.write(text, this.#pageUsed, bytes, "utf16le");
    parts.length = 0;
    return true;
  }

  #decode(page: Buffer, start: number): LinkState {
    const fields = this.#fields;
    const flags = fields[start] as number;
    const wasInScope = (flags & IN_SCOPE) !== 0;
    const numbered = (flags & NUMBERED_ANCHOR) !== 0;
    const count = ((flags & HAS_STATE) === 0 ? 1 : 0) + this.#valueCount(flags, start);
    let units = 0;
    for (let k = 0; k < count; k++) units += fields[start + HEADER + k] as number;
    const from = fields[start + 4] as number;
    const text = page.toString("utf16le", from, from + units * BYTES_PER_UNIT);
    // The link's values, in the order they were appended.
    const values: string[] = [];
    let offset = 0;
    for (let k = 0; k < count; k++) {
      const end = offset + (fields[start + HEADER + k] as number);
      values.push(text.slice(offset, end));
      offset = end;
    }
    if ((flags & HAS_STATE) === 0) {
      const anchor = numbered ? accountAnchor(fields[start + 3] as number) : (values[0] as string);
      return { anchor, exportedAttributes: null, wasInScope };
    }
    const attributeNames = this.#names[fields[start + 1] as number] as readonly string[];
    const referenceNames = this.#names[fields[start + 2] as number] as readonly string[];
    const attributes: Record<string, DirectoryValue> = {};
    let v = 0;
    for (const name of attributeNames) setOwn(attributes, name, values[v++] as string);
    const anchorText = values[v++] as string;
    const cn = values[v++] as string;
    const parent = values[v++] as string;
    const references: Record<string, string> = {};
    for (const name of referenceNames) setOwn(references, name, values[v++] as string);
    const state: ExportedState = {
      attributes,
      cn: (flags & HAS_CN) !== 0 ? cn : null,
      parentDistinguishedName: (flags & HAS_PARENT) !== 0 ? parent : null,
      accountDisabled: (flags & DISABLED_KNOWN) !== 0 ? (flags & DISABLED) !== 0 : null,
      references,
    };
    const anchor = numbered ? accountAnchor(fields[start + 3] as number) : anchorText;
    return { anchor, exportedAttributes: state, wasInScope };
  }

  /** How many values a link with state has: its attributes, anchor, cn, parent and references. */
  #valueCount(flags: number, start: number): number {
    if ((flags & HAS_STATE) === 0) return 0;
    const attributes = this.#names[this.#fields[start + 1] as number] as readonly string[];
    const references = this.#names[this.#fields[start + 2] as number] as readonly string[];
    return attributes.length + 3 + references.length;
  }

  /**
   * The number of the list of the record's names, added when new. Workers share a
   * handful of lists; they are found by a signature of the names, then compared.
   */
  #namesNumber(record: Readonly<Record<string, unknown>>, count: number, signature: number): number {
    const key = signatureWith(signature, String(count));
    let numbers = this.#bySignature.get(key);
    if (numbers !== undefined) {
      for (const n of numbers) if (hasNames(record, count, this.#names[n] as readonly string[])) return n;
    } else {
      numbers = [];
      this.#bySignature.set(key, numbers);
    }
    const n = this.#names.push(Object.keys(record)) - 1;
    numbers.push(n);
    return n;
  }

  /** Room for `count` more fields. */
  #reserve(count: number): void {
    if (this.#used + count <= this.#fields.length) return;
    const grown = new Uint32Array(Math.max(this.#fields.length * 4, this.#used + count));
    grown.set(this.#fields);
    this.#fields = grown;
  }
}

/** A running hash of names, cheap enough to compute for every link. */
function signatureWith(signature: number, name: string): number {
  const last = name.length === 0 ? 0 : name.charCodeAt(name.length - 1);
  return (Math.imul(signature, 31) + name.length * 131 + (name.charCodeAt(0) | 0) * 7 + last) | 0;
}

/** Whether the record's names are exactly `names`, in that order. */
function hasNames(record: Readonly<Record<string, unknown>>, count: number, names: readonly string[]): boolean {
  if (names.length !== count) return false;
  let i = 0;
  for (const name in record) if (names[i++] !== name) return false;
  return true;
}

/** Plain assignment, except that a key named "__proto__" becomes an own property (HR data can hold any name). */
function setOwn<T>(record: Record<string, T>, name: string, value: T): void {
  if (name === "__proto__")
    Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
  else record[name] = value;
}
