/**
 * Joining a worker to a directory entry. A linked worker is found by its stored anchor
 * (renames never break the link); otherwise the matching attributes are tried in
 * precedence order and the first that finds exactly one entry wins. No combined
 * (AND) matching, as documented.
 */
import type { EvalContext } from "../expressions/types.js";
import { decisionIssue, issueFromError, REDACTED, type DecisionIssue } from "./decision.js";
import type { TargetEntry } from "./directory-operations.js";
import { isPromiseLike, type DirectoryView, type MaybePromise } from "./directory-view.js";
import { matchingValueOf, type CompiledMapping } from "./mapping-evaluation.js";

const NO_CANDIDATES: readonly string[] = Object.freeze([]);

export interface MatchingValue {
  readonly mapping: CompiledMapping;
  /** null when the worker yields no value for this matching attribute. */
  readonly value: string | null;
  readonly redacted: boolean;
}

export interface MatchAttempt {
  readonly attribute: string;
  readonly precedence: number;
  /** As shown in logs ("[Redact]" when the mapping redacts). null: no value, not searched. */
  readonly value: string | null;
  /** DNs of the entries found; empty when none (or not searched). */
  readonly candidates: readonly string[];
}

export type MatchOutcome = "matched" | "noMatch" | "duplicate" | "linked" | "invalidAnchor" | "error";

export interface MatchTrace {
  /** "anchor" for a linked worker, "matchingAttributes" otherwise. */
  readonly method: "anchor" | "matchingAttributes";
  readonly anchor: string | null;
  readonly attempts: readonly MatchAttempt[];
  readonly outcome: MatchOutcome;
  /** DN of the entry found, when it was read. */
  readonly matchedDn: string | null;
}

export interface MatchResult {
  readonly entry: TargetEntry | null;
  readonly trace: MatchTrace;
  readonly error: DecisionIssue | null;
}

/**
 * Matching values in precedence order. Throws what an expression throws
 * (the caller turns that into a failed import step).
 */
export function computeMatchingValues(mappings: readonly CompiledMapping[], ctx: EvalContext): MatchingValue[] {
  // Sized up front: usually one matching attribute, and a pushed-to array would reserve room for 16.
  const values = new Array<MatchingValue>(mappings.length);
  for (let i = 0; i < mappings.length; i++) {
    const mapping = mappings[i] as CompiledMapping;
    const value = matchingValueOf(mapping, ctx);
    values[i] = { mapping, value, redacted: ctx.redacted };
  }
  return values;
}

export function hasAnyMatchingValue(values: readonly MatchingValue[]): boolean {
  for (const v of values) if (v.value !== null) return true;
  return false;
}

/**
 * Tries the matching attributes in precedence order: 0 → next, 1 → matched, more →
 * DuplicateTargetEntries. Synchronous while the directory answers synchronously; it
 * only turns into a promise at the first asynchronous answer.
 */
export function matchByAttributes(
  values: readonly MatchingValue[],
  directory: DirectoryView,
): MaybePromise<MatchResult> {
  return matchFrom(values, 0, [], directory);
}

function matchFrom(
  values: readonly MatchingValue[],
  start: number,
  attempts: MatchAttempt[],
  directory: DirectoryView,
): MaybePromise<MatchResult> {
  for (let i = start; i < values.length; i++) {
    const { mapping, value, redacted } = values[i]!;
    const shown = value === null ? null : redacted ? REDACTED : value;
    if (value === null) {
      attempts.push({
        attribute: mapping.target,
        precedence: mapping.matchingPrecedence ?? 0,
        value: null,
        candidates: NO_CANDIDATES,
      });
      continue;
    }
    let answer: MaybePromise<readonly TargetEntry[]>;
    try {
      answer = directory.findByMatchingAttribute(mapping.target, value);
    } catch (error) {
      return searchFailed(mapping, shown, attempts, error);
    }
    if (isPromiseLike(answer)) return awaitCandidates(values, i, attempts, directory, answer);
    const result = judgeCandidates(mapping, shown, answer, attempts);
    if (result !== null) return result;
  }
  return {
    entry: null,
    trace: { method: "matchingAttributes", anchor: null, attempts, outcome: "noMatch", matchedDn: null },
    error: null,
  };
}

async function awaitCandidates(
  values: readonly MatchingValue[],
  index: number,
  attempts: MatchAttempt[],
  directory: DirectoryView,
  pending: PromiseLike<readonly TargetEntry[]>,
): Promise<MatchResult> {
  const { mapping, value, redacted } = values[index]!;
  const shown = redacted ? REDACTED : value;
  let found: readonly TargetEntry[];
  try {
    found = await pending;
  } catch (error) {
    return searchFailed(mapping, shown, attempts, error);
  }
  return judgeCandidates(mapping, shown, found, attempts) ?? matchFrom(values, index + 1, attempts, directory);
}

/** Records the attempt; the result when it decides the match (one or several entries), else null. */
function judgeCandidates(
  mapping: CompiledMapping,
  shown: string | null,
  found: readonly TargetEntry[],
  attempts: MatchAttempt[],
): MatchResult | null {
  const candidates = found.length === 0 ? NO_CANDIDATES : found.map((e) => e.dn);
  attempts.push({ attribute: mapping.target, precedence: mapping.matchingPrecedence ?? 0, value: shown, candidates });
  if (found.length === 0) return null;
  if (found.length === 1) {
    const entry = found[0]!;
    return {
      entry,
      trace: { method: "matchingAttributes", anchor: entry.anchor, attempts, outcome: "matched", matchedDn: entry.dn },
      error: null,
    };
  }
  return {
    entry: null,
    trace: { method: "matchingAttributes", anchor: null, attempts, outcome: "duplicate", matchedDn: null },
    error: decisionIssue(
      "DuplicateTargetEntries",
      `${found.length} directory entries have ${mapping.target} = ${shown}: ${candidates.join("; ")}.`,
    ),
  };
}

function searchFailed(
  mapping: CompiledMapping,
  shown: string | null,
  attempts: MatchAttempt[],
  error: unknown,
): MatchResult {
  attempts.push({
    attribute: mapping.target,
    precedence: mapping.matchingPrecedence ?? 0,
    value: shown,
    candidates: NO_CANDIDATES,
  });
  return {
    entry: null,
    trace: { method: "matchingAttributes", anchor: null, attempts, outcome: "error", matchedDn: null },
    error: issueFromError(error, `Searching the directory for ${mapping.target} = ${shown}`),
  };
}

/** Reads the linked entry; a vanished entry is InvalidAnchor. Synchronous when the directory is. */
export function matchByAnchor(anchor: string, directory: DirectoryView): MaybePromise<MatchResult> {
  let answer: MaybePromise<TargetEntry | null>;
  try {
    answer = directory.findByAnchor(anchor);
  } catch (error) {
    return anchorReadFailed(anchor, error);
  }
  if (isPromiseLike(answer)) {
    return Promise.resolve(answer).then(
      (entry) => judgeAnchor(anchor, entry),
      (error: unknown) => anchorReadFailed(anchor, error),
    );
  }
  return judgeAnchor(anchor, answer);
}

function judgeAnchor(anchor: string, entry: TargetEntry | null): MatchResult {
  if (entry === null) {
    return {
      entry: null,
      trace: { method: "anchor", anchor, attempts: [], outcome: "invalidAnchor", matchedDn: null },
      error: decisionIssue(
        "InvalidAnchor",
        `The directory entry linked to this worker (anchor ${anchor}) no longer exists.`,
      ),
    };
  }
  return {
    entry,
    trace: { method: "anchor", anchor, attempts: [], outcome: "matched", matchedDn: entry.dn },
    error: null,
  };
}

function anchorReadFailed(anchor: string, error: unknown): MatchResult {
  return {
    entry: null,
    trace: { method: "anchor", anchor, attempts: [], outcome: "error", matchedDn: null },
    error: issueFromError(error, `Reading the linked entry ${anchor}`),
  };
}

/** A linked worker compared against its exported state: the directory is not read. */
export function linkedWithoutRead(anchor: string): MatchResult {
  return {
    entry: null,
    trace: { method: "anchor", anchor, attempts: [], outcome: "linked", matchedDn: null },
    error: null,
  };
}
