/**
 * What the provisioning brain may ask about the outside world, and the link state the
 * caller keeps per worker. The engine does no I/O: cycles, on-demand provisioning and
 * dry runs each supply their own DirectoryView (a live agent, a snapshot, a fixture).
 */
import type { DirectoryValue, TargetEntry } from "./directory-operations.js";

/** Callbacks may answer synchronously (caches, fixtures) or asynchronously (the agent). */
export type MaybePromise<T> = T | PromiseLike<T>;

export interface DirectoryView {
  /** On-demand only: throws (ideally a RosterError) when the directory cannot be reached. */
  testConnection?(): MaybePromise<void>;
  /** The linked entry, or null when it no longer exists. */
  findByAnchor(anchor: string): MaybePromise<TargetEntry | null>;
  /** Entries whose `attribute` equals `value` (the agent LDAP-escapes the value). */
  findByMatchingAttribute(attribute: string, value: string): MaybePromise<readonly TargetEntry[]>;
  /** SelectUniqueValue: is `value` taken for `attribute`? Values reserved earlier in the cycle count as taken. */
  isTaken(attribute: string, value: string): MaybePromise<boolean>;
  /**
   * A reference (manager): the referenced worker's source anchor → the anchor of that
   * worker's linked target entry, or null when it has none (yet).
   */
  resolveReference(sourceAnchorValue: string, attribute: string): MaybePromise<string | null>;
}

/**
 * What Roster last wrote to the linked entry; compared against instead of reading the
 * directory. Persist it with the link (it is plain JSON).
 */
export interface ExportedState {
  /**
   * Ordinary attributes by their configured target names. After a create this is the
   * same object as the create operation's attributes: treat both as immutable.
   */
  readonly attributes: Readonly<Record<string, DirectoryValue>>;
  readonly cn: string | null;
  readonly parentDistinguishedName: string | null;
  /** null when unknown (accountDisabled is not mapped). */
  readonly accountDisabled: boolean | null;
  /** Reference attribute (manager) → the referenced entry's anchor. */
  readonly references: Readonly<Record<string, string>>;
}

/** The source↔target link of one worker, as the caller stores it. */
export interface LinkState {
  /** Target anchor (objectGUID / entryUUID). */
  readonly anchor: string;
  /** null when unknown (e.g. linked by an older version): the entry is then read by anchor. */
  readonly exportedAttributes: ExportedState | null;
  /** Whether the worker was in scope when last evaluated; leaving scope disables only then. */
  readonly wasInScope: boolean;
}

export function isPromiseLike<T>(value: MaybePromise<T>): value is PromiseLike<T> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

/**
 * isPromiseLike for the engine's own results, which are native promises whenever they
 * are pending: an instanceof check instead of looking up `then` on every plain result.
 * Answers from a DirectoryView may be any thenable: use isPromiseLike for those.
 */
export function isPending<T>(value: MaybePromise<T>): value is PromiseLike<T> {
  return value instanceof Promise;
}
