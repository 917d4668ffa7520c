/**
 * Argument helpers shared by the text, logic and collection functions: integer
 * arguments with clear errors at run time, and the same rules as compile-time checks
 * of literal arguments.
 */
import { RosterError } from "../../errors/error-codes.js";
import { type Arg, NOT_LITERAL } from "../types.js";
import { toInteger, toText } from "../values.js";

/** A literal argument as FunctionDef.check sees it. */
export type CheckArg = Arg | typeof NOT_LITERAL;

/** A run-time failure caused by the worker's data (or a computed argument). */
export function evaluationError(functionName: string, message: string): RosterError {
  return new RosterError("ExpressionEvaluationFailed", `${functionName}: ${message}`, { function: functionName });
}

function describe(v: Arg): string {
  if (v === undefined) return "an omitted argument";
  if (v === null) return "null";
  const text = toText(v);
  return text === null ? "no value" : JSON.stringify(text);
}

/** An integer argument ("3" and 3 alike); throws naming the function and the parameter. */
export function integerArg(v: Arg, functionName: string, parameter: string): number {
  const n = toInteger(v);
  if (n === null) throw evaluationError(functionName, `${parameter} must be an integer, got ${describe(v)}`);
  return n;
}

/** Compile-time form of integerArg: a message when a literal is not an integer ≥ min. */
export function checkIntegerLiteral(
  v: CheckArg,
  parameter: string,
  min = Number.NEGATIVE_INFINITY,
): string | undefined {
  if (v === undefined || v === NOT_LITERAL) return undefined;
  const n = toInteger(v);
  if (n === null) return `${parameter} must be an integer, got ${describe(v)}`;
  if (n < min) return `${parameter} must be at least ${min}, got ${n}`;
  return undefined;
}

/** A literal argument's text, or undefined when it is computed, omitted or null. */
export function literalText(v: CheckArg): string | undefined {
  if (v === undefined || v === NOT_LITERAL) return undefined;
  return toText(v) ?? undefined;
}

/** The first message of several checks. */
export function firstProblem(...problems: (string | undefined)[]): string | undefined {
  return problems.find((p) => p !== undefined);
}
