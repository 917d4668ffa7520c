/**
 * Test support: a directory and link store in memory. It answers the DirectoryView
 * callbacks, applies a decision's operations the way the agent would (so multi-cycle
 * scenarios can be tested end to end), and keeps the links a cycle would keep.
 *
 * Attribute names and values match case-insensitively, as in AD. Reference attributes
 * hold the referenced entry's anchor (the real agent writes a DN).
 */
import type { DirectoryOperation, DirectoryValue, TargetEntry } from "../directory-operations.js";
import type { DirectoryView, ExportedState, LinkState } from "../directory-view.js";
import { NEW_ENTRY_ANCHOR, type ProvisioningDecision } from "../decision.js";
import { parentDn, rdnValue } from "../dn.js";

interface StoredEntry {
  anchor: string;
  dn: string;
  disabled: boolean;
  attributes: Map<string, { name: string; value: DirectoryValue }>;
}

const NO_ENTRIES: readonly TargetEntry[] = Object.freeze([]);

type CallName = "testConnection" | "findByAnchor" | "findByMatchingAttribute" | "isTaken" | "resolveReference";

export interface NewEntry {
  readonly dn: string;
  readonly attributes?: Readonly<Record<string, DirectoryValue>>;
  readonly accountDisabled?: boolean;
  readonly anchor?: string;
}

export class InMemoryDirectory implements DirectoryView {
  private readonly entries = new Map<string, StoredEntry>();
  /** attribute (lower case) → value (lower case) → the anchor holding it, or a set when several do */
  private readonly index = new Map<string, Map<string, string | Set<string>>>();
  private readonly reserved = new Set<string>();
  private nextAnchor = 1;

  /** The caller's link store: source anchor → link. */
  readonly links = new Map<string, LinkState>();
  /** How often each callback was called. */
  readonly calls: Record<CallName, number> = {
    testConnection: 0,
    findByAnchor: 0,
    findByMatchingAttribute: 0,
    isTaken: 0,
    resolveReference: 0,
  };
  /** Make a callback throw (or reject, when `async` is set). */
  readonly failures = new Map<CallName, unknown>();
  /** Answer through promises instead of synchronously, like a remote agent. */
  async = false;

  addEntry(entry: NewEntry): TargetEntry {
    const anchor = entry.anchor ?? this.newAnchor();
    const stored: StoredEntry = {
      anchor,
      dn: entry.dn,
      disabled: entry.accountDisabled ?? false,
      attributes: new Map(),
    };
    this.entries.set(anchor, stored);
    for (const [name, value] of Object.entries(entry.attributes ?? {})) this.setAttribute(stored, name, value);
    return this.snapshot(stored);
  }

  entry(anchor: string): TargetEntry | null {
    const stored = this.entries.get(anchor);
    return stored === undefined ? null : this.snapshot(stored);
  }

  /** Entries whose attribute equals the value (case-insensitive); for assertions. */
  entriesWith(attribute: string, value: string): readonly TargetEntry[] {
    const anchors = this.index.get(attribute.toLowerCase())?.get(value.toLowerCase());
    if (anchors === undefined) return NO_ENTRIES;
    if (typeof anchors === "string") return [this.snapshot(this.entries.get(anchors)!)];
    return [...anchors].map((a) => this.snapshot(this.entries.get(a)!));
  }

  get size(): number {
    return this.entries.size;
  }

  removeEntry(anchor: string): void {
    const stored = this.entries.get(anchor);
    if (stored === undefined) return;
    for (const { name } of [...stored.attributes.values()]) this.setAttribute(stored, name, null);
    this.entries.delete(anchor);
  }

  link(sourceAnchor: string, link: LinkState): void {
    this.links.set(sourceAnchor, link);
  }

  // --- DirectoryView ------------------------------------------------------------------

  /** Absent until enableConnectionTest(): cycles do not test the connection per worker. */
  declare testConnection?: () => void;

  findByAnchor(anchor: string): TargetEntry | null | Promise<TargetEntry | null> {
    return this.answer("findByAnchor", () => this.entry(anchor));
  }

  findByMatchingAttribute(attribute: string, value: string): readonly TargetEntry[] | Promise<readonly TargetEntry[]> {
    return this.answer("findByMatchingAttribute", () => this.entriesWith(attribute, value));
  }

  isTaken(attribute: string, value: string): boolean | Promise<boolean> {
    return this.answer("isTaken", () => {
      const key = `${attribute.toLowerCase()}\u0000${value.toLowerCase()}`;
      return this.reserved.has(key) || this.index.get(attribute.toLowerCase())?.get(value.toLowerCase()) !== undefined;
    });
  }

  resolveReference(sourceAnchorValue: string): string | null | Promise<string | null> {
    return this.answer("resolveReference", () => this.links.get(sourceAnchorValue)?.anchor ?? null);
  }

  /** Turns on testConnection; `error` makes it fail. */
  enableConnectionTest(error?: unknown): void {
    this.testConnection = () => {
      this.calls.testConnection++;
      if (error !== undefined) throw error;
    };
  }

  // --- Applying decisions -------------------------------------------------------------

  /**
   * Applies the operations as the agent would, then updates the link store as a cycle
   * would: link on create/match, exported state, wasInScope, reserved unique values.
   * Returns the anchor of the entry acted on (the new one for a create).
   */
  apply(decision: ProvisioningDecision): string | null {
    let anchor = decision.targetAnchor;
    for (const op of decision.operations) {
      const created = this.applyOperation(op, anchor);
      if (created !== null) anchor = created;
    }
    for (const r of decision.reservedValues)
      this.reserved.add(`${r.attribute.toLowerCase()}\u0000${r.value.toLowerCase()}`);
    const sourceAnchor = decision.sourceAnchor;
    if (sourceAnchor === null || anchor === null || decision.error !== null) return anchor;
    const previous = this.links.get(sourceAnchor);
    if (previous === undefined && !decision.newLink) return anchor;
    const exported: ExportedState | null = decision.newExportedState ?? previous?.exportedAttributes ?? null;
    this.links.set(sourceAnchor, {
      anchor,
      exportedAttributes: exported,
      wasInScope: decision.inScope ?? previous?.wasInScope ?? false,
    });
    return anchor;
  }

  applyOperation(op: DirectoryOperation, createdAnchor: string | null = null): string | null {
    const anchorOf = (a: string): string => (a === NEW_ENTRY_ANCHOR ? (createdAnchor ?? a) : a);
    switch (op.kind) {
      case "create": {
        const entry = this.addEntry({
          dn: `CN=${escapeRdn(op.cn)},${op.parentDn}`,
          attributes: op.attributes,
          accountDisabled: op.accountDisabled,
        });
        return entry.anchor;
      }
      case "update": {
        const stored = this.require(anchorOf(op.anchor));
        for (const [name, value] of Object.entries(op.changes)) this.setAttribute(stored, name, value);
        return null;
      }
      case "enable":
      case "disable":
        this.require(anchorOf(op.anchor)).disabled = op.kind === "disable";
        return null;
      case "move": {
        const stored = this.require(anchorOf(op.anchor));
        stored.dn = `CN=${escapeRdn(rdnValue(stored.dn))},${op.newParentDn}`;
        return null;
      }
      case "rename": {
        const stored = this.require(anchorOf(op.anchor));
        stored.dn = `CN=${escapeRdn(op.newCn)},${parentDn(stored.dn)}`;
        return null;
      }
      case "setReference":
        this.setAttribute(this.require(anchorOf(op.anchor)), op.attribute, op.targetAnchor);
        return null;
      case "delete":
        this.removeEntry(anchorOf(op.anchor));
        return null;
    }
  }

  // --- internals ----------------------------------------------------------------------

  private answer<T>(name: CallName, compute: () => T): T | Promise<T> {
    this.calls[name]++;
    const failure = this.failures.get(name);
    if (this.async) return failure !== undefined ? Promise.reject(failure) : Promise.resolve().then(compute);
    if (failure !== undefined) throw failure;
    return compute();
  }

  private require(anchor: string): StoredEntry {
    const stored = this.entries.get(anchor);
    if (stored === undefined) throw new Error(`No entry with anchor ${anchor}`);
    return stored;
  }

  private newAnchor(): string {
    const n = this.nextAnchor++;
    return `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
  }

  private setAttribute(stored: StoredEntry, name: string, value: DirectoryValue | null): void {
    const key = name.toLowerCase();
    const old = stored.attributes.get(key);
    let byValue = this.index.get(key);
    if (old !== undefined && byValue !== undefined) {
      for (const v of valuesOf(old.value)) unindex(byValue, v.toLowerCase(), stored.anchor);
    }
    if (value === null) {
      stored.attributes.delete(key);
      return;
    }
    stored.attributes.set(key, { name, value });
    if (byValue === undefined) {
      byValue = new Map();
      this.index.set(key, byValue);
    }
    for (const v of valuesOf(value)) {
      const lower = v.toLowerCase();
      const anchors = byValue.get(lower);
      if (anchors === undefined) byValue.set(lower, stored.anchor);
      else if (typeof anchors === "string") {
        if (anchors !== stored.anchor) byValue.set(lower, new Set([anchors, stored.anchor]));
      } else anchors.add(stored.anchor);
    }
  }

  private snapshot(stored: StoredEntry): TargetEntry {
    const attributes: Record<string, DirectoryValue> = {};
    for (const { name, value } of stored.attributes.values()) attributes[name] = value;
    attributes["accountDisabled"] = stored.disabled ? "True" : "False";
    attributes["parentDistinguishedName"] = parentDn(stored.dn);
    return { anchor: stored.anchor, dn: stored.dn, attributes };
  }
}

function unindex(byValue: Map<string, string | Set<string>>, value: string, anchor: string): void {
  const anchors = byValue.get(value);
  if (anchors === anchor) byValue.delete(value);
  else if (typeof anchors === "object") {
    anchors.delete(anchor);
    if (anchors.size === 0) byValue.delete(value);
  }
}

function valuesOf(value: DirectoryValue): readonly string[] {
  return typeof value === "string" ? [value] : value;
}

function escapeRdn(value: string): string {
  return value.replace(/([,+"\\<>;=])/g, "\\$1");
}
