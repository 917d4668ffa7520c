/**
 * Public compile / evaluate API of the expression language.
 * OWNER: expressions-core helper. The signatures below are the contract other
 * modules (provisioning, CLI, bench) code against; keep them stable.
 */
import type { ApplyMapping } from "../config/provisioning-config.js";
import type { EvalContext, ExpressionOutcome, UniquenessCheck, Value } from "./types.js";
import type { ExprNode } from "./ast.js";

export interface CompiledExpression {
  /** The expression text as given. */
  readonly source: string;
  readonly ast: ExprNode;
  /** Names of the source attributes referenced ([name]), in first-seen order, without duplicates. */
  readonly attributes: readonly string[];
  /** The top-level call is SelectUniqueValue: `candidates` are its compiled rules, in order. */
  readonly selectUniqueValue: boolean;
  readonly candidates: readonly CompiledExpression[];
  /** Synchronous evaluation. Throws RosterError("ExpressionEvaluationFailed") on a runtime error,
   *  and RosterError("InvalidExpression") when called on a SelectUniqueValue expression. */
  evaluate(ctx: EvalContext): Value;
}

/** Throws RosterError("InvalidExpression", message, { line, column, expected }) on a syntax or arity error. */
export declare function compileExpression(source: string): CompiledExpression;

export interface EvaluateOptions {
  /** Defaults to "create". */
  readonly operation?: "create" | "update";
  /** The mapped target attribute; the attribute SelectUniqueValue checks uniqueness of. */
  readonly targetAttribute?: string;
  readonly matchingPrecedence?: number;
  readonly applyMapping?: ApplyMapping;
  /** Needed by SelectUniqueValue. */
  readonly isTaken?: UniquenessCheck;
}

/**
 * Evaluates to an outcome: a value (with the redacted flag), noFlow or skipObject.
 * SelectUniqueValue is resolved here: candidates in order, the first not taken wins;
 * all taken → RosterError("SelectUniqueValueExhausted"). Using SelectUniqueValue on
 * update, on a matching attribute, or with applyMapping "Always" → RosterError("InvalidExpression").
 */
export declare function evaluateExpression(
  compiled: CompiledExpression,
  ctx: EvalContext,
  options?: EvaluateOptions,
): Promise<ExpressionOutcome>;

/** Turns a plain value into an outcome (noFlow / skipObject for the flow signals). */
export declare function toOutcome(value: Value, redacted: boolean): ExpressionOutcome;
