/**
 * Argument helpers shared by the date, number, encoding and random functions: numeric
 * coercion and the runtime error every function throws for data it cannot use.
 */
import { RosterError } from "../../errors/error-codes.js";
import type { Arg } from "../types.js";
import { isFlowSignal, toText } from "../values.js";

/** A runtime failure of `fn` caused by the value of `argument`. */
export function evaluationError(fn: string, argument: string, message: string, value?: Arg): RosterError {
  const details: Record<string, unknown> = { function: fn, argument };
  if (value !== undefined && !isFlowSignal(value)) {
    details.value = value instanceof Date ? describeDate(value) : value;
  }
  return new RosterError("ExpressionEvaluationFailed", `${fn}: ${argument} ${message}`, details);
}

function describeDate(date: Date): string {
  return Number.isNaN(date.getTime()) ? "Invalid Date" : date.toISOString();
}

const MAX_QUOTED_LENGTH = 100;

/** How a value is quoted in messages: "text", 42, NULL. */
export function describeValue(value: Arg): string {
  if (value === undefined) return "omitted";
  if (value instanceof Date) return describeDate(value);
  const text = toText(value);
  if (text === null) return "NULL";
  if (typeof value === "number") return text;
  // Long values would swamp the message; the start is enough to recognise them.
  return JSON.stringify(text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text);
}

const DECIMAL_INTEGER = /^[+-]?\d+$/;
const HEX_INTEGER = /^&H([0-9a-f]+)$/i;

/** An integer of any size from a number, a decimal string or a VBA hex string (&HF7); undefined if it is none. */
export function toBigInteger(value: Arg): bigint | undefined {
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value) : undefined;
  if (typeof value === "boolean" || value instanceof Date) return undefined;
  const text = toText(value);
  if (text === null) return undefined;
  const trimmed = text.trim();
  if (DECIMAL_INTEGER.test(trimmed)) return BigInt(trimmed);
  const hex = HEX_INTEGER.exec(trimmed);
  return hex === null ? undefined : BigInt(`0x${hex[1]}`);
}

/** A safe integer from a number or a quoted number ("10", "-3"); undefined if it is none. */
export function toSafeInteger(value: Arg): number | undefined {
  const big = toBigInteger(value);
  if (big === undefined) return undefined;
  const n = Number(big);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Like toSafeInteger, but throws a clear error naming the function and the argument. */
export function integerArg(fn: string, argument: string, value: Arg): number {
  const n = toSafeInteger(value);
  if (n === undefined) {
    throw evaluationError(fn, argument, `must be a whole number, got ${describeValue(value)}`, value);
  }
  return n;
}

/**
 * A large integer as a number when the double holds it exactly (FILETIME values of whole
 * seconds usually do), otherwise as its exact decimal text, so no digit is silently lost.
 */
export function bigIntegerToValue(big: bigint): number | string {
  const n = Number(big);
  return BigInt(n) === big ? n : big.toString();
}
