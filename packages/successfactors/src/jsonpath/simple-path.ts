/**
 * A fast path for the JSONPaths that make up almost all of the catalogue: a root `$` followed by
 * `.name` members, `[n]` indexes and `[start:end]` slices (`[-1:]`, the "latest employment").
 * They compile to a list of steps walked without any allocation per call. Everything else
 * (filters, `..`, wildcards, unions, quoted names, scripts) is left to jsonpath-plus.
 *
 * The semantics copy jsonpath-plus exactly for this subset, quirks included, so switching
 * engines never changes a value (a property test compares both on random documents):
 * - a member or index step follows `value[key]` only when `value` is truthy and has `key` as an
 *   own property (so `.length` of an array or a string is its length, `[0]` of a string its first
 *   character, and `[-1]` matches nothing);
 * - a slice applies to arrays only; an empty or zero bound means "from the start" / "to the end"
 *   and negative bounds count from the end.
 */

export interface MemberStep {
  readonly kind: "member";
  readonly key: string;
  /**
   * The key exists on a built-in prototype (`length`, `constructor`, `__proto__`, …), so only an
   * own-property check tells a JSON member from an inherited one. Other keys are read directly:
   * JSON values are never undefined, so `value[key] !== undefined` means an own member (half the
   * cost of Object.hasOwn on every step).
   */
  readonly ownCheck: boolean;
}

export interface SliceStep {
  readonly kind: "slice";
  readonly start: number;
  readonly end: number | undefined;
}

export type SimpleStep = MemberStep | SliceStep;

/** Marks "nothing selected" where a single value is expected. */
export const MISSING: unique symbol = Symbol("missing");

const MEMBER = /\.([A-Za-z_][A-Za-z0-9_]*)/y;
const INDEX = /\[(-?\d+)\]/y;
const SLICE = /\[(-?\d*):(-?\d*)\]/y;
const BUILT_IN_PROTOTYPES: readonly object[] = [
  Object.prototype,
  Array.prototype,
  String.prototype,
  Number.prototype,
  Boolean.prototype,
];

export function memberStep(key: string): MemberStep {
  return { kind: "member", key, ownCheck: BUILT_IN_PROTOTYPES.some((prototype) => key in prototype) };
}

/** The steps of `path` when it lies in the simple subset, otherwise undefined. */
export function compileSimplePath(path: string): readonly SimpleStep[] | undefined {
  if (!path.startsWith("$")) return undefined;
  const steps: SimpleStep[] = [];
  let at = 1;
  while (at < path.length) {
    const step = matchStep(path, at);
    if (step === undefined) return undefined;
    steps.push(step.step);
    at = step.next;
  }
  return steps;
}

function matchStep(path: string, at: number): { step: SimpleStep; next: number } | undefined {
  for (const pattern of [MEMBER, INDEX]) {
    pattern.lastIndex = at;
    const match = pattern.exec(path);
    if (match !== null) return { step: memberStep(match[1]!), next: pattern.lastIndex };
  }
  SLICE.lastIndex = at;
  const slice = SLICE.exec(path);
  if (slice === null) return undefined;
  // jsonpath-plus reads a bound with parseInt and treats 0 and "" alike.
  const start = Number.parseInt(slice[1]!, 10) || 0;
  const end = Number.parseInt(slice[2]!, 10) || undefined;
  return { step: { kind: "slice", start, end }, next: SLICE.lastIndex };
}

/** One member step from `value`, or MISSING. */
export function member(value: unknown, step: MemberStep): unknown {
  if (step.ownCheck) {
    return value && Object.hasOwn(value as object, step.key) ? (value as Record<string, unknown>)[step.key] : MISSING;
  }
  if (value === null || value === undefined) return MISSING;
  const next = (value as Record<string, unknown>)[step.key];
  return next === undefined ? MISSING : next;
}

/** Appends every value `steps` select from `start` to `out`. */
export function selectSimple(steps: readonly SimpleStep[], start: unknown, out: unknown[], from = 0): void {
  let value = start;
  for (let i = from; i < steps.length; i++) {
    const step = steps[i]!;
    if (step.kind === "member") {
      value = member(value, step);
      if (value === MISSING) return;
      continue;
    }
    if (!Array.isArray(value)) return;
    const length = value.length;
    const begin = step.start < 0 ? Math.max(0, step.start + length) : Math.min(length, step.start);
    const end =
      step.end === undefined ? length : step.end < 0 ? Math.max(0, step.end + length) : Math.min(length, step.end);
    for (let k = begin; k < end; k++) selectSimple(steps, value[k], out, i + 1);
    return;
  }
  out.push(value);
}
