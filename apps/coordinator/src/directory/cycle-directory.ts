/**
 * The engine's DirectoryView over the agent hub, shared by every decision of one cycle (or
 * one on-demand provisioning). Hundreds of decisions run at once; each asks about one value
 * at a time, so the questions asked in the same tick are gathered (dataloader) into one
 * query per kind and attribute, at most PROTOCOL_LIMITS.maxQueryValues values each.
 *
 * Answers are not cached between batches: the cycle writes while it decides, so an answer
 * may be stale by the next tick (only "taken" stays true: the cycle never frees a value).
 * What the cycle itself decided is kept instead:
 * - SelectUniqueValue: a candidate found free is reserved at once for the worker that asked,
 *   so two decisions asking in the same batch cannot both get it (compared case- and
 *   space-insensitively, as directories compare these attributes);
 * - links made in this cycle (rememberLink), which the store may not have yet.
 */
import { RosterError, isErrorCode, type DirectoryView, type TargetEntry } from "@roster/engine";
import { PROTOCOL_LIMITS, type DirectoryQuery, type DirectoryQueryAnswer } from "@roster/protocol";
import DataLoader from "dataloader";
import type { AgentHub } from "../agents/agent-hub.js";
import type { LinkStore } from "../store/link-store.js";

export interface CycleDirectoryOptions {
  readonly hub: Pick<AgentHub, "query" | "testConnection">;
  readonly domain: string;
  readonly jobId: string;
  /** Target attributes the job maps: requested with every entry read. */
  readonly attributes: readonly string[];
  readonly links: Pick<LinkStore, "findReferenced">;
  /** Per directory query, including waiting for an agent (the hub's default when absent). */
  readonly queryTimeoutMs?: number;
  /**
   * Views test the connection before anything else (on-demand provisioning). Cycles leave
   * it off and call testConnection() once.
   */
  readonly testConnection?: boolean;
}

export interface CycleDirectoryStats {
  /** Directory queries sent (testConnection not counted). */
  queries: number;
  /** Values and anchors carried by those queries. */
  values: number;
}

type Answer<K extends DirectoryQuery["kind"]> = Extract<DirectoryQueryAnswer, { kind: K }>;

/** How directories compare caseIgnoreMatch values: case- and insignificant-space-insensitive. */
const WHITESPACE = /\s/;
const WHITESPACE_RUN = /\s+/g;
function valueKey(value: string): string {
  const lower = value.toLowerCase();
  return WHITESPACE.test(lower) ? lower.replace(WHITESPACE_RUN, " ").trim() : lower;
}

/** The protocol's anchor: printable ASCII without spaces. */
const ANCHOR_PATTERN = /^[\x21-\x7e]+$/;
/** The protocol's attribute description: a name or numeric OID, with optional options. */
const ATTRIBUTE_PATTERN = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)(?:;[A-Za-z0-9=-]+)*$/;

const MAX_VALUES = PROTOCOL_LIMITS.maxQueryValues;
const NO_ENTRIES: readonly TargetEntry[] = Object.freeze([]);
/** The holder of a value the directory already has; never a source anchor (those are printable). */
const HELD_IN_DIRECTORY = "\u0000directory";

export class CycleDirectory {
  readonly stats: CycleDirectoryStats = { queries: 0, values: 0 };

  readonly #hub: CycleDirectoryOptions["hub"];
  readonly #domain: string;
  readonly #jobId: string;
  readonly #attributes: string[];
  readonly #links: CycleDirectoryOptions["links"];
  readonly #queryOptions: { timeoutMs?: number };
  readonly #testsConnection: boolean;

  /** By lower-cased attribute name. */
  readonly #finders = new Map<string, DataLoader<string, readonly TargetEntry[]>>();
  readonly #takenCheckers = new Map<string, DataLoader<string, boolean>>();
  readonly #anchorReader: DataLoader<string, TargetEntry | null>;
  readonly #referenceReader: DataLoader<string, string | null>;

  /** Lower-cased attribute → value key → the source anchor of the worker holding it. */
  readonly #reservations = new Map<string, Map<string, string>>();
  /** Source anchor → [attribute key, value key] pairs it holds, for release(). */
  readonly #reservedBy = new Map<string, Array<readonly [string, string]>>();
  /** Links made in this cycle: by source anchor and by worker id (source matching value). */
  readonly #linkedAnchors = new Map<string, string>();
  readonly #linkedWorkerIds = new Map<string, string>();
  #connectionTest: Promise<void> | null = null;

  constructor(options: CycleDirectoryOptions) {
    this.#hub = options.hub;
    this.#domain = options.domain;
    this.#jobId = options.jobId;
    this.#links = options.links;
    this.#attributes = checkAttributes(options.attributes);
    this.#queryOptions = options.queryTimeoutMs === undefined ? {} : { timeoutMs: options.queryTimeoutMs };
    this.#testsConnection = options.testConnection === true;
    this.#anchorReader = batchLoader((anchors) => this.#readByAnchor(anchors));
    this.#referenceReader = batchLoader((values) => this.#findReferenced(values));
  }

  /** The DirectoryView for one worker's decision. */
  viewFor(sourceAnchor: string): DirectoryView {
    return this.#testsConnection ? new TestingWorkerView(this, sourceAnchor) : new WorkerView(this, sourceAnchor);
  }

  /** A link made in this cycle that the store may not have yet (creates, matches): resolveReference sees it at once. */
  rememberLink(sourceAnchor: string, workerId: string | null, targetAnchor: string): void {
    this.#linkedAnchors.set(sourceAnchor, targetAnchor);
    if (workerId !== null && workerId !== "") this.#linkedWorkerIds.set(workerId, targetAnchor);
  }

  /** Values chosen by SelectUniqueValue stay taken for the rest of the cycle. */
  reserve(attribute: string, value: string, bySourceAnchor: string): void {
    const attributeKey = attribute.toLowerCase();
    const key = valueKey(value);
    const held = this.#reservationsOf(attributeKey);
    const owner = held.get(key);
    if (owner === bySourceAnchor) return;
    if (owner !== undefined) this.#forgetOwnership(owner, attributeKey, key);
    held.set(key, bySourceAnchor);
    this.#ownedBy(bySourceAnchor).push([attributeKey, key]);
  }

  /**
   * Frees every value the worker holds: isTaken reserves a free candidate as soon as it is
   * answered, so a decision that then failed or was skipped (or whose create failed) gives
   * its candidates back for the rest of the cycle.
   */
  release(sourceAnchor: string): void {
    const owned = this.#reservedBy.get(sourceAnchor);
    if (owned === undefined) return;
    this.#reservedBy.delete(sourceAnchor);
    for (const [attributeKey, key] of owned) {
      const held = this.#reservations.get(attributeKey);
      if (held?.get(key) === sourceAnchor) held.delete(key);
    }
  }

  /**
   * The worker's decision succeeded: its values stay reserved for the rest of the cycle (as
   * release() is never called for it), and the per-worker list kept for release() goes. At
   * 100,000 workers those lists are tens of megabytes.
   */
  settle(sourceAnchor: string): void {
    this.#reservedBy.delete(sourceAnchor);
  }

  /** Checks that an agent serves the domain and reaches its directory; one test shared by concurrent callers. */
  testConnection(): Promise<void> {
    if (this.#connectionTest === null) {
      const test = this.#hub.testConnection(this.#domain, this.#queryOptions).then(
        () => undefined,
        (error: unknown) => {
          this.#connectionTest = null; // a later call tries again
          throw asRosterError(error, "EndpointUnavailable", `Testing the connection to domain "${this.#domain}"`);
        },
      );
      this.#connectionTest = test;
    }
    return this.#connectionTest;
  }

  /** The entry with this anchor, or null when none has it any more. */
  findByAnchor(anchor: string): Promise<TargetEntry | null> {
    if (typeof anchor !== "string" || anchor.length > PROTOCOL_LIMITS.maxIdLength || !ANCHOR_PATTERN.test(anchor)) {
      return Promise.reject(
        new RosterError(
          "InvalidAnchor",
          `The linked anchor ${JSON.stringify(anchor)} is not a valid anchor (printable ASCII without spaces, at most ${PROTOCOL_LIMITS.maxIdLength} characters).`,
          { field: "anchor" },
        ),
      );
    }
    return this.#anchorReader.load(anchor);
  }

  findByMatchingAttribute(attribute: string, value: string): Promise<readonly TargetEntry[]> {
    const invalid = checkQueryValue(attribute, value);
    if (invalid !== null) return Promise.reject(invalid);
    const key = attribute.toLowerCase();
    let loader = this.#finders.get(key);
    if (loader === undefined) {
      loader = batchLoader((values) => this.#findByMatchingAttribute(attribute, values));
      this.#finders.set(key, loader);
    }
    return loader.load(value);
  }

  /**
   * Whether `value` is taken for the worker `askedBy`: held in the directory, or reserved in
   * this cycle by another worker. A free value is reserved for `askedBy` at once.
   */
  isTaken(attribute: string, value: string, askedBy: string): boolean | Promise<boolean> {
    const invalid = checkQueryValue(attribute, value);
    if (invalid !== null) return Promise.reject(invalid);
    const attributeKey = attribute.toLowerCase();
    const key = valueKey(value);
    const owner = this.#reservations.get(attributeKey)?.get(key);
    if (owner !== undefined) return owner !== askedBy;
    let loader = this.#takenCheckers.get(attributeKey);
    if (loader === undefined) {
      loader = batchLoader((values) => this.#isTaken(attribute, values));
      this.#takenCheckers.set(attributeKey, loader);
    }
    return loader.load(value).then((taken) => {
      const held = this.#reservationsOf(attributeKey);
      if (taken) {
        // The cycle never frees a value (it disables, never deletes): no need to ask again.
        if (!held.has(key)) held.set(key, HELD_IN_DIRECTORY);
        return true;
      }
      // Answers are handed out one at a time: the first asker of a free value gets it.
      const holder = held.get(key);
      if (holder !== undefined) return holder !== askedBy;
      held.set(key, askedBy);
      this.#ownedBy(askedBy).push([attributeKey, key]);
      return false;
    });
  }

  /** The target anchor of the worker `sourceAnchorValue` names (its source anchor or worker id), or null. */
  resolveReference(sourceAnchorValue: string, attribute: string): string | null | Promise<string | null> {
    const remembered = this.#rememberedLink(sourceAnchorValue);
    if (remembered !== null) return remembered;
    if (typeof sourceAnchorValue !== "string" || sourceAnchorValue === "") {
      return Promise.reject(
        new RosterError("InvalidRequest", `The reference ${attribute} has no worker value to resolve.`, {
          field: attribute,
        }),
      );
    }
    // A link remembered while the store was being asked is newer than the store's answer.
    return this.#referenceReader
      .load(sourceAnchorValue)
      .then((found) => this.#rememberedLink(sourceAnchorValue) ?? found);
  }

  // --- batches ------------------------------------------------------------------------------

  async #findByMatchingAttribute(
    attribute: string,
    values: readonly string[],
  ): Promise<(readonly TargetEntry[] | Error)[]> {
    const distinct = [...new Set(values)];
    const answer = await this.#query(
      "findByMatchingAttribute",
      {
        kind: "findByMatchingAttribute",
        attribute,
        values: distinct,
        attributes: this.#attributes,
      },
      distinct.length,
    );
    const byValue = new Map<string, readonly TargetEntry[]>();
    for (const match of answer.matches)
      byValue.set(match.value, match.entries.length === 0 ? NO_ENTRIES : (match.entries as readonly TargetEntry[]));
    return values.map(
      (value) =>
        byValue.get(value) ??
        new RosterError(
          "AgentProtocolError",
          `The agent's findByMatchingAttribute answer for domain "${this.#domain}" has no result for ${attribute} = ${JSON.stringify(value)}.`,
          { domain: this.#domain, field: attribute },
        ),
    );
  }

  async #isTaken(attribute: string, values: readonly string[]): Promise<boolean[]> {
    // One spelling per value key: the directory compares them as equal anyway.
    const spellings = new Map<string, string>();
    for (const value of values) {
      const key = valueKey(value);
      if (!spellings.has(key)) spellings.set(key, value);
    }
    const answer = await this.#query(
      "isTaken",
      { kind: "isTaken", attribute, values: [...spellings.values()] },
      spellings.size,
    );
    const taken = new Set<string>();
    for (const value of answer.taken) taken.add(valueKey(value));
    return values.map((value) => taken.has(valueKey(value)));
  }

  async #readByAnchor(anchors: readonly string[]): Promise<(TargetEntry | null)[]> {
    const distinct = [...new Set(anchors)];
    const answer = await this.#query(
      "readByAnchor",
      { kind: "readByAnchor", anchors: distinct, attributes: this.#attributes },
      distinct.length,
    );
    // Agents report anchors in canonical form (lower-case GUID / UUID).
    const byAnchor = new Map<string, TargetEntry>();
    for (const entry of answer.entries) byAnchor.set(entry.anchor.toLowerCase(), entry as TargetEntry);
    return anchors.map((anchor) => byAnchor.get(anchor.toLowerCase()) ?? null);
  }

  async #findReferenced(values: readonly string[]): Promise<(string | null | Error)[]> {
    const distinct = [...new Set(values)];
    let found: Map<string, { readonly targetAnchor: string }>;
    const ambiguous = new Map<string, RosterError>();
    try {
      found = await this.#lookUpLinks(distinct);
    } catch (error) {
      // A value two workers share as matching value fails alone: the rest are asked again.
      const shared = duplicateValues(error);
      if (shared === null) throw error;
      for (const value of shared) ambiguous.set(value, error as RosterError);
      const rest = distinct.filter((value) => !ambiguous.has(value));
      found = rest.length === 0 ? new Map() : await this.#lookUpLinks(rest);
    }
    return values.map((value) => ambiguous.get(value) ?? found.get(value)?.targetAnchor ?? null);
  }

  async #lookUpLinks(values: readonly string[]): Promise<Map<string, { readonly targetAnchor: string }>> {
    try {
      return await this.#links.findReferenced(this.#jobId, values);
    } catch (error) {
      throw asRosterError(error, "InternalError", `Looking up the links of job "${this.#jobId}" that references name`);
    }
  }

  async #query<K extends "findByMatchingAttribute" | "isTaken" | "readByAnchor">(
    kind: K,
    query: Extract<DirectoryQuery, { kind: K }>,
    valueCount: number,
  ): Promise<Answer<K>> {
    this.stats.queries++;
    this.stats.values += valueCount;
    let answer: DirectoryQueryAnswer;
    try {
      answer = await this.#hub.query(this.#domain, query, this.#queryOptions);
    } catch (error) {
      throw asRosterError(error, "InternalError", `The ${kind} query for domain "${this.#domain}"`);
    }
    if (answer.kind !== kind) {
      throw new RosterError(
        "AgentProtocolError",
        `A ${kind} query for domain "${this.#domain}" was answered with a ${answer.kind} answer.`,
        { domain: this.#domain },
      );
    }
    return answer as Answer<K>;
  }

  // --- cycle state --------------------------------------------------------------------------

  #rememberedLink(value: string): string | null {
    return this.#linkedAnchors.get(value) ?? this.#linkedWorkerIds.get(value) ?? null;
  }

  #reservationsOf(attributeKey: string): Map<string, string> {
    let held = this.#reservations.get(attributeKey);
    if (held === undefined) {
      held = new Map();
      this.#reservations.set(attributeKey, held);
    }
    return held;
  }

  #ownedBy(sourceAnchor: string): Array<readonly [string, string]> {
    let owned = this.#reservedBy.get(sourceAnchor);
    if (owned === undefined) {
      owned = [];
      this.#reservedBy.set(sourceAnchor, owned);
    }
    return owned;
  }

  #forgetOwnership(owner: string, attributeKey: string, key: string): void {
    const owned = this.#reservedBy.get(owner);
    if (owned === undefined) return;
    const index = owned.findIndex(([a, k]) => a === attributeKey && k === key);
    if (index >= 0) owned.splice(index, 1);
  }
}

/** One worker's DirectoryView: the shared batches, with isTaken answered for this worker. */
class WorkerView implements DirectoryView {
  constructor(
    protected readonly directory: CycleDirectory,
    private readonly sourceAnchor: string,
  ) {}

  findByAnchor(anchor: string): Promise<TargetEntry | null> {
    return this.directory.findByAnchor(anchor);
  }

  findByMatchingAttribute(attribute: string, value: string): Promise<readonly TargetEntry[]> {
    return this.directory.findByMatchingAttribute(attribute, value);
  }

  isTaken(attribute: string, value: string): boolean | Promise<boolean> {
    return this.directory.isTaken(attribute, value, this.sourceAnchor);
  }

  resolveReference(sourceAnchorValue: string, attribute: string): string | null | Promise<string | null> {
    return this.directory.resolveReference(sourceAnchorValue, attribute);
  }
}

class TestingWorkerView extends WorkerView {
  testConnection(): Promise<void> {
    return this.directory.testConnection();
  }
}

/**
 * Gathers the loads of one tick into one call of `batch`, at most maxQueryValues keys.
 * No cache: answers are only good for the batch that asked (the cycle writes meanwhile).
 */
function batchLoader<V>(batch: (keys: readonly string[]) => Promise<readonly (V | Error)[]>): DataLoader<string, V> {
  return new DataLoader<string, V>(batch, { cache: false, maxBatchSize: MAX_VALUES });
}

function checkQueryValue(attribute: string, value: string): RosterError | null {
  if (typeof attribute !== "string" || !ATTRIBUTE_PATTERN.test(attribute)) {
    return new RosterError("InvalidConfiguration", `${JSON.stringify(attribute)} is not an LDAP attribute name.`, {
      field: "attribute",
    });
  }
  if (typeof value !== "string" || value.length > PROTOCOL_LIMITS.maxAttributeValueLength) {
    return new RosterError(
      "InvalidRequest",
      `The value asked for ${attribute} must be text of at most ${PROTOCOL_LIMITS.maxAttributeValueLength} characters.`,
      { field: attribute },
    );
  }
  return null;
}

function checkAttributes(attributes: readonly string[]): string[] {
  const distinct = [...new Set(attributes)];
  for (const attribute of distinct) {
    if (
      typeof attribute !== "string" ||
      attribute.length > PROTOCOL_LIMITS.maxAttributeNameLength ||
      !ATTRIBUTE_PATTERN.test(attribute)
    ) {
      throw new RosterError(
        "InvalidConfiguration",
        `CycleDirectory option "attributes" holds ${JSON.stringify(attribute)}, which is not an LDAP attribute name.`,
        { field: "attributes" },
      );
    }
  }
  if (distinct.length > PROTOCOL_LIMITS.maxAttributesPerEntry) {
    throw new RosterError(
      "InvalidConfiguration",
      `CycleDirectory option "attributes" names ${distinct.length} attributes; at most ${PROTOCOL_LIMITS.maxAttributesPerEntry} can be read per entry.`,
      { field: "attributes" },
    );
  }
  return distinct;
}

/** The values of a LinkStore.findReferenced DuplicateSourceEntries error, else null. */
function duplicateValues(error: unknown): readonly string[] | null {
  if (!(error instanceof RosterError) || error.code !== "DuplicateSourceEntries") return null;
  const values = error.details.values;
  return Array.isArray(values) && values.length > 0 && values.every((value) => typeof value === "string")
    ? (values as string[])
    : null;
}

function asRosterError(error: unknown, fallback: "InternalError" | "EndpointUnavailable", what: string): RosterError {
  if (error instanceof RosterError) return error;
  const named = error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : "";
  const code = isErrorCode(named) ? named : fallback;
  return new RosterError(
    code,
    `${what} failed: ${error instanceof Error ? error.message : String(error)}`,
    {},
    { cause: error },
  );
}
