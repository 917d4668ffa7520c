/**
 * Bulk reads: matching (many values of one attribute, one OR filter per chunk), uniqueness
 * checks for SelectUniqueValue candidates, and reads by anchor. Filters are built as ldapts
 * filter objects, so HR values travel as raw assertion values and cannot change a filter's
 * structure, whatever characters they contain.
 */
import type { TargetEntry } from "@roster/engine";
import { AndFilter, EqualityFilter, OrFilter, type Entry, type Filter } from "ldapts";
import { toRosterError } from "../errors/ldap-error-mapping.js";
import type { ClientContext } from "./client-context.js";
import { entryValues, toTargetEntry, type RequestedAttributes } from "./target-entry.js";
import { assertAttributeName, isPseudoAttribute } from "./value-checks.js";

const PAGE_SIZE = 500;
const WHITESPACE_RUN = /\s+/g;

/** How directories compare caseIgnoreMatch values: case- and insignificant-space-insensitive. */
export function matchKey(value: string): string {
  return value.replace(WHITESPACE_RUN, " ").trim().toLowerCase();
}

export interface FindOptions {
  /** Attributes to report on each TargetEntry (default: all user attributes the server returns). */
  readonly attributes?: readonly string[];
}

/**
 * Accounts whose `attribute` equals one of `values` (case-insensitively), per input value.
 * Every input value is a key of the result; more than one entry under a key is a duplicate match.
 */
export async function findByMatchingAttribute(
  ctx: ClientContext,
  attribute: string,
  values: readonly string[],
  options: FindOptions = {},
): Promise<Map<string, TargetEntry[]>> {
  const subject = `find accounts by ${attribute}`;
  assertAttributeName(attribute, subject);
  const requested: RequestedAttributes = options.attributes === undefined ? "all" : options.attributes.filter((name) => !isPseudoAttribute(name));
  if (requested !== "all") for (const name of requested) assertAttributeName(name, subject);

  const result = new Map<string, TargetEntry[]>();
  const inputsByKey = groupByMatchKey(values, (value) => result.set(value, []));
  const searchAttributes = requested === "all" ? ["*", ctx.profile.anchorAttribute, "userAccountControl"] : [...requested, attribute, ctx.profile.anchorAttribute, "userAccountControl"];
  const base = ctx.config.baseDn;

  await forEachChunk(ctx, [...inputsByKey.keys()], async (chunk) => {
    const filter = new AndFilter({ filters: [ctx.userFilter, anyOf(attribute, originals(chunk, inputsByKey))] });
    const entries = await search(ctx, base, filter, searchAttributes, subject);
    for (const entry of entries) {
      const target = toTargetEntry(entry, ctx.profile, requested);
      if (target === undefined) continue;
      // Matching usually precedes updates of the same accounts: remember where they are.
      ctx.anchorDns.set(target.anchor, target.dn);
      const seen = new Set<string>();
      for (const value of entryValues(entry, attribute)) {
        const key = matchKey(value);
        if (seen.has(key)) continue;
        seen.add(key);
        for (const input of inputsByKey.get(key) ?? []) result.get(input)!.push(target);
      }
    }
  });
  return result;
}

/**
 * Whether each candidate value is already held by any object (users, computers, groups) in
 * the domain, compared case-insensitively as AD does.
 */
export async function isTaken(ctx: ClientContext, attribute: string, values: readonly string[]): Promise<Map<string, boolean>> {
  const subject = `check uniqueness of ${attribute}`;
  assertAttributeName(attribute, subject);
  const result = new Map<string, boolean>();
  const inputsByKey = groupByMatchKey(values, (value) => result.set(value, false));
  const base = await ctx.domainRoot();
  await forEachChunk(ctx, [...inputsByKey.keys()], async (chunk) => {
    const entries = await search(ctx, base, anyOf(attribute, originals(chunk, inputsByKey)), [attribute], subject);
    for (const entry of entries) {
      for (const value of entryValues(entry, attribute)) {
        for (const input of inputsByKey.get(matchKey(value)) ?? []) result.set(input, true);
      }
    }
  });
  return result;
}

/** The accounts with these anchors; anchors that are malformed or no longer exist are absent from the result. */
export async function readByAnchor(ctx: ClientContext, anchors: readonly string[], attributes?: readonly string[]): Promise<Map<string, TargetEntry>> {
  const subject = `read accounts by ${ctx.profile.anchorAttribute}`;
  const requested: RequestedAttributes = attributes === undefined ? "all" : attributes.filter((name) => !isPseudoAttribute(name));
  if (requested !== "all") for (const name of requested) assertAttributeName(name, subject);

  const inputsByAnchor = new Map<string, string[]>();
  for (const anchor of anchors) {
    const canonical = typeof anchor === "string" ? ctx.profile.canonicalAnchor(anchor) : undefined;
    if (canonical === undefined) continue;
    const inputs = inputsByAnchor.get(canonical);
    if (inputs === undefined) inputsByAnchor.set(canonical, [anchor]);
    else inputs.push(anchor);
  }
  const result = new Map<string, TargetEntry>();
  const base = await ctx.domainRoot();
  const searchAttributes = requested === "all" ? ["*", ctx.profile.anchorAttribute, "userAccountControl"] : [...requested, ctx.profile.anchorAttribute, "userAccountControl"];
  await forEachChunk(ctx, [...inputsByAnchor.keys()], async (chunk) => {
    const filter = chunk.length === 1 ? ctx.profile.anchorFilter(chunk[0]!) : new OrFilter({ filters: chunk.map((anchor) => ctx.profile.anchorFilter(anchor)) });
    for (const entry of await search(ctx, base, filter, searchAttributes, subject)) {
      const target = toTargetEntry(entry, ctx.profile, requested);
      if (target === undefined) continue;
      ctx.anchorDns.set(target.anchor, target.dn);
      for (const input of inputsByAnchor.get(target.anchor) ?? []) result.set(input, target);
    }
  });
  return result;
}

/** The distinct input spellings behind these keys: the server applies the attribute's own matching rule. */
function originals(keys: readonly string[], inputsByKey: ReadonlyMap<string, readonly string[]>): string[] {
  const values = new Set<string>();
  for (const key of keys) for (const input of inputsByKey.get(key)!) values.add(input);
  return [...values];
}

function anyOf(attribute: string, values: readonly string[]): Filter {
  if (values.length === 1) return new EqualityFilter({ attribute, value: values[0]! });
  return new OrFilter({ filters: values.map((value) => new EqualityFilter({ attribute, value })) });
}

/** Input values grouped by their match key; empty and non-string values are never looked up. */
function groupByMatchKey(values: readonly string[], register: (value: string) => void): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const value of values) {
    if (typeof value !== "string") continue;
    register(value);
    const key = matchKey(value);
    if (key === "") continue;
    const inputs = byKey.get(key);
    if (inputs === undefined) byKey.set(key, [value]);
    else inputs.push(value);
  }
  return byKey;
}

async function forEachChunk(ctx: ClientContext, keys: readonly string[], work: (chunk: readonly string[]) => Promise<void>): Promise<void> {
  const size = ctx.config.searchChunkSize;
  const chunks: Promise<void>[] = [];
  for (let i = 0; i < keys.length; i += size) chunks.push(work(keys.slice(i, i + size)));
  await Promise.all(chunks);
}

async function search(ctx: ClientContext, base: string, filter: Filter, attributes: string[], subject: string): Promise<Entry[]> {
  try {
    const result = await ctx.pool.run((client) =>
      client.search(base, {
        scope: "sub",
        filter,
        attributes,
        explicitBufferAttributes: ctx.profile.bufferAttributes,
        paged: { pageSize: PAGE_SIZE },
      }),
    );
    return result.searchEntries;
  } catch (error) {
    throw toRosterError(error, { subject: `${subject} under "${base}"`, missingObject: "parent" });
  }
}
