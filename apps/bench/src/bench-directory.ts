/**
 * The directory the benchmark plans against: in memory and answering synchronously,
 * so the numbers measure the engine, not I/O. It keeps what a real cycle keeps: the
 * links (with exported state, in the compact form a store would hold), SelectUniqueValue
 * reservations, and the source anchor → account map that manager references resolve
 * through.
 */
import type { DirectoryView, LinkState, ProvisioningDecision, TargetEntry } from "@roster/engine";
import { accountAnchor } from "./account-anchor.js";
import { CompactLinks } from "./compact-links.js";

const NO_ENTRIES: readonly TargetEntry[] = Object.freeze([]);

export class BenchDirectory implements DirectoryView {
  /** attribute (as mapped, and lower case) → taken values (lower case). */
  readonly #taken = new Map<string, Set<string>>();
  /**
   * Source anchor (WID) → the account: the number of an account created here (see
   * accountAnchor; a small integer, not a string per worker), or a matched entry's anchor.
   */
  readonly #accountBySourceAnchor = new Map<string, number | string>();
  readonly #links = new CompactLinks();
  #nextAccount = 1;

  /** The link of worker `index`, or null when it has none. */
  link(index: number): LinkState | null {
    return this.#links.get(index);
  }

  findByAnchor(): TargetEntry | null {
    // Every link the benchmark stores carries its exported state, so the planner never reads by anchor.
    throw new Error("BenchDirectory: unexpected read by anchor");
  }

  findByMatchingAttribute(): readonly TargetEntry[] {
    // The directory starts empty and every WorkerID is unique: new workers never match.
    return NO_ENTRIES;
  }

  isTaken(attribute: string, value: string): boolean {
    // The planner passes the mapping's own target string, so the exact name usually hits.
    const values = this.#taken.get(attribute) ?? this.#taken.get(attribute.toLowerCase());
    return values?.has(this.#folded(value)) === true;
  }

  #lastValue = "";
  #lastFolded = "";
  /** Lower case; the value found free is reserved right after, so the last one is kept. */
  #folded(value: string): string {
    if (value !== this.#lastValue) {
      this.#lastValue = value;
      this.#lastFolded = value.toLowerCase();
    }
    return this.#lastFolded;
  }

  resolveReference(sourceAnchorValue: string): string | null {
    const account = this.#accountBySourceAnchor.get(sourceAnchorValue);
    if (account === undefined) return null;
    if (typeof account === "string") return account;
    // Consecutive workers mostly share a manager: the last anchor made is kept.
    if (account !== this.#lastAccount) {
      this.#lastAccount = account;
      this.#lastAnchor = accountAnchor(account);
    }
    return this.#lastAnchor;
  }

  #lastAccount = 0;
  #lastAnchor = "";

  /**
   * What a cycle must remember before it plans the next worker: the values SelectUniqueValue chose
   * (taken from now on) and the new account of a created worker (so later reports resolve it as
   * their manager).
   */
  reserve(index: number, decision: ProvisioningDecision): void {
    if (decision.error !== null) return;
    for (const { attribute, value } of decision.reservedValues) {
      let values = this.#taken.get(attribute) ?? this.#taken.get(attribute.toLowerCase());
      if (values === undefined) {
        values = new Set();
        // One set per attribute, reachable by the name as mapped and in lower case.
        this.#taken.set(attribute.toLowerCase(), values);
        this.#taken.set(attribute, values);
      }
      values.add(this.#folded(value));
    }
    if (this.#links.has(index)) return;
    let account: number | string | null = decision.targetAnchor;
    if (account === null && decision.action === "Create") account = this.#nextAccount++;
    if (account === null) return;
    if (decision.sourceAnchor !== null) this.#accountBySourceAnchor.set(decision.sourceAnchor, account);
    this.#newAccounts.set(index, account);
  }

  readonly #newAccounts = new Map<number, number | string>();

  /** Stores the link and exported state of a decision already reserved. */
  apply(index: number, decision: ProvisioningDecision): void {
    if (decision.error !== null) return;
    const links = this.#links;
    if (links.has(index)) {
      // Linked already: only a changed state or scope needs a new link record (and only then is it decoded).
      const wasInScope = links.wasInScope(index);
      const inScope = decision.inScope ?? wasInScope;
      if (decision.newExportedState === null && inScope === wasInScope) return;
      const previous = links.get(index) as LinkState;
      links.set(index, previous.anchor, decision.newExportedState ?? previous.exportedAttributes, inScope);
      return;
    }
    const account = this.#newAccounts.get(index);
    if (account === undefined) return;
    this.#newAccounts.delete(index);
    links.set(index, account, decision.newExportedState, decision.inScope ?? true);
  }
}
