/**
 * What changed between two versions of a job definition: the top-level keys (for the audit
 * log) and whether the change forces a new initial cycle (every worker re-evaluated), as a
 * change to the source, the domain, the mappings, the scoping filters or the anchor does.
 */
import type { JobDefinition } from "./job-definition.js";
import { redactJobDefinition } from "./redact-definition.js";

/** Top-level keys whose values differ, in a stable order. */
export function changedTopLevelKeys(before: JobDefinition, after: JobDefinition): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changed: string[] = [];
  for (const key of keys) {
    if (!deepEqual((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key])) {
      changed.push(key);
    }
  }
  return changed.sort();
}

/**
 * True when the next cycle must be an initial one. A new secret alone (password rotation)
 * does not count: it changes how the source is reached, not which workers it returns.
 */
export function requiresInitialCycle(before: JobDefinition, after: JobDefinition): boolean {
  if (before.domain !== after.domain) return true;
  if (!deepEqual(redactJobDefinition(before).source, redactJobDefinition(after).source)) return true;
  const p = before.provisioning;
  const q = after.provisioning;
  return (
    p.sourceAnchorAttribute !== q.sourceAnchorAttribute ||
    !deepEqual(p.mappings, q.mappings) ||
    !deepEqual(p.scopingFilters, q.scopingFilters)
  );
}

/** Structural equality of JSON-like values (object key order does not matter). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, index) => deepEqual(item, other[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const leftKeys = Object.keys(left).filter((key) => left[key] !== undefined);
  const rightKeys = Object.keys(right).filter((key) => right[key] !== undefined);
  if (leftKeys.length !== rightKeys.length) return false;
  return leftKeys.every((key) => Object.hasOwn(right, key) && deepEqual(left[key], right[key]));
}
