/**
 * Coercions shared by every function. They follow .NET conventions because the
 * documented examples were produced by a .NET service: booleans print as
 * "True"/"False" and dates as invariant "M/d/yyyy h:mm:ss tt" in UTC.
 */
import { IGNORE_ATTRIBUTE_FLOW, IGNORE_OBJECT_FLOW, type Arg, type FlowSignal, type Scalar, type Value } from "./types.js";

export function isFlowSignal(v: Arg): v is FlowSignal {
  return v === IGNORE_ATTRIBUTE_FLOW || v === IGNORE_OBJECT_FLOW;
}

/** Absent: null, omitted, or an empty multi-value. */
export function isNull(v: Arg): v is null | undefined {
  return v === null || v === undefined || (Array.isArray(v) && v.length === 0);
}

export function isNullOrEmpty(v: Arg): boolean {
  return isNull(v) || v === "";
}

/** "M/d/yyyy h:mm:ss tt" in UTC, the text form of CDate / DateAdd / Now. */
export function formatUsDateTime(d: Date): string {
  const h24 = d.getUTCHours();
  const h12 = h24 % 12 === 0 ? 12 : h24 % 12;
  const mm = String(d.getUTCMinutes()).padStart(2, "0");
  const ss = String(d.getUTCSeconds()).padStart(2, "0");
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h12}:${mm}:${ss} ${h24 < 12 ? "AM" : "PM"}`;
}

/** ISO 8601 UTC without milliseconds unless they are non-zero: 2012-01-01T23:00:00Z. */
export function formatIsoUtc(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}

function scalarToText(v: Scalar): string {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return Number.isInteger(v) ? v.toFixed(0) : String(v);
  return formatIsoUtc(v);
}

/**
 * Text of a value; null (and omitted) stay null. A multi-valued attribute used
 * where a single string is expected yields its first value.
 */
export function toText(v: Arg): string | null {
  if (v === null || v === undefined || isFlowSignal(v)) return null;
  if (Array.isArray(v)) return v.length === 0 ? null : scalarToText(v[0] as Scalar);
  return scalarToText(v as Scalar);
}

/** Text, with null read as "". */
export function toTextOrEmpty(v: Arg): string {
  return toText(v) ?? "";
}

/** Integer from a number or a decimal string ("10", "-3", " 7 "); null when it is not one. */
export function toInteger(v: Arg): number | null {
  if (typeof v === "number") return Number.isInteger(v) ? v : Math.trunc(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  const t = toText(v);
  if (t === null) return null;
  const s = t.trim();
  if (!/^[+-]?\d+$/.test(s)) return null;
  return Number.parseInt(s, 10);
}

/** .NET-style truthiness for conditions: true, "True" (any case), or a non-zero number. */
export function toBoolean(v: Arg): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  const t = toText(v);
  if (t === null) return false;
  const s = t.trim();
  if (/^true$/i.test(s)) return true;
  if (/^[+-]?\d+$/.test(s)) return Number.parseInt(s, 10) !== 0;
  return false;
}

/** Every value of a possibly multi-valued argument, nulls dropped. */
export function toValues(v: Arg): Scalar[] {
  if (v === null || v === undefined || isFlowSignal(v)) return [];
  if (Array.isArray(v)) return v.filter((x): x is Scalar => x !== null && x !== undefined);
  return [v as Scalar];
}

export type { Value };
