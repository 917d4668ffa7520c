/**
 * The comparison operators = <> > >= < <= (inside IIF / CBool conditions).
 *
 * - Both sides integers (numbers, or strings such as "10", " -3 ") → numeric comparison,
 *   so `[StatusRehire]=1` matches "1" and "01". Integers beyond 2^53 compare exactly.
 * - Otherwise the text forms compare ordinally (case-sensitive, UTF-16 code units, like
 *   .NET String.CompareOrdinal). Booleans are the text "True"/"False"; a multi-valued
 *   attribute is its first value.
 * - NULL (absent attribute, empty multi-value, or a flow signal) equals NULL and "" and
 *   nothing else; `<>` is the exact negation of `=`; every ordering comparison (< <= > >=)
 *   involving NULL is false. The docs leave IIF on NULL undetermined; treating NULL like ""
 *   for (in)equality makes the documented `IIF([c]="", …)` / `IIF([c]<>"", …)` forms work.
 */
import type { ComparisonOperator } from "./ast.js";
import { isWhitespace } from "./lexer.js";
import type { Value } from "./types.js";
import { isFlowSignal, toText } from "./values.js";

export type Comparator = (left: Value, right: Value) => boolean;

function isAbsent(v: Value): boolean {
  return v === null || v === undefined || isFlowSignal(v) || (Array.isArray(v) && v.length === 0);
}

/** Integers with more digits than this may exceed 2^53 and are compared as bigint. */
const MAX_EXACT_DIGITS = 15;

/** The integer a value stands for, or null when it is not one. */
function integerOf(v: Value): number | bigint | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string") return parseInteger(v);
  if (Array.isArray(v)) return v.length === 0 ? null : integerOf(v[0] as Value);
  return null; // booleans compare as "True"/"False", dates as text
}

function parseInteger(s: string): number | bigint | null {
  let i = 0;
  let end = s.length;
  while (i < end && isWhitespace(s.charCodeAt(i))) i++;
  while (end > i && isWhitespace(s.charCodeAt(end - 1))) end--;
  const sign = s.charCodeAt(i);
  const digitsStart = sign === 43 || sign === 45 ? i + 1 : i; // + or -
  if (digitsStart >= end) return null;
  for (let j = digitsStart; j < end; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return null;
  }
  const text = i === 0 && end === s.length ? s : s.slice(i, end);
  return end - digitsStart > MAX_EXACT_DIGITS ? BigInt(text) : Number(text);
}

/** -1, 0 or 1; both values present. */
function order(a: Value, b: Value): number {
  const x = integerOf(a);
  if (x !== null) {
    const y = integerOf(b);
    // < and > compare number with bigint exactly.
    if (y !== null) return x < y ? -1 : x > y ? 1 : 0;
  }
  const s = toText(a) as string;
  const t = toText(b) as string;
  return s < t ? -1 : s > t ? 1 : 0;
}

function isAbsentOrEmpty(v: Value): boolean {
  return isAbsent(v) || toText(v) === "";
}

const equals: Comparator = (a, b) => {
  if (isAbsent(a) || isAbsent(b)) return isAbsentOrEmpty(a) && isAbsentOrEmpty(b);
  return order(a, b) === 0;
};

export const COMPARATORS: Readonly<Record<ComparisonOperator, Comparator>> = {
  "=": equals,
  "<>": (a, b) => !equals(a, b),
  "<": (a, b) => !isAbsent(a) && !isAbsent(b) && order(a, b) < 0,
  "<=": (a, b) => !isAbsent(a) && !isAbsent(b) && order(a, b) <= 0,
  ">": (a, b) => !isAbsent(a) && !isAbsent(b) && order(a, b) > 0,
  ">=": (a, b) => !isAbsent(a) && !isAbsent(b) && order(a, b) >= 0,
};

export function compareValues(operator: ComparisonOperator, left: Value, right: Value): boolean {
  return COMPARATORS[operator](left, right);
}
