/**
 * The value model of the expression language (see docs/expressions.md).
 *
 * - `null` means the attribute is absent. An empty string is a present value.
 * - Multi-valued attributes are arrays of scalars.
 * - Date objects appear only where a function hands a DateTime over (DateFromNum);
 *   CDate / DateAdd / Now hand dates over as text "M/d/yyyy h:mm:ss tt".
 * - The two flow signals are results, not data: IgnoreAttributeFlow (the target
 *   attribute is left out) and IgnoreObjectFlow (the whole object is skipped).
 */
export type Scalar = string | number | boolean | Date;

export const IGNORE_ATTRIBUTE_FLOW: unique symbol = Symbol.for("roster.IgnoreAttributeFlow");
export const IGNORE_OBJECT_FLOW: unique symbol = Symbol.for("roster.IgnoreObjectFlow");
export type FlowSignal = typeof IGNORE_ATTRIBUTE_FLOW | typeof IGNORE_OBJECT_FLOW;

export type Value = Scalar | null | readonly Scalar[] | FlowSignal;

/** An argument as a function receives it: `undefined` marks an omitted (empty) position. */
export type Arg = Value | undefined;

/** Source attributes of one object. A missing key reads as null. */
export type Attributes = Readonly<Record<string, Value | undefined>>;

/** Everything an evaluation may observe. Clock and randomness are injected for tests. */
export interface EvalContext {
  readonly attributes: Attributes;
  readonly now: () => Date;
  /** Uniform in [0, 1). */
  readonly random: () => number;
  /** Set to true by Redact(): the value is used but traces and logs show "[Redact]". */
  redacted: boolean;
}

/** A compiled sub-expression. */
export type Evaluator = (ctx: EvalContext) => Value;

interface FunctionDefBase {
  /** Canonical name as documented (e.g. "IgnoreFlowIfNullOrEmpty"). Lookup is case-insensitive. */
  readonly name: string;
  readonly minArgs: number;
  /** Use Number.POSITIVE_INFINITY for variadic functions. */
  readonly maxArgs: number;
  /** False for Now, Guid, RandomString: never constant-folded. Defaults to true. */
  readonly pure?: boolean;
  /**
   * Compile-time check of the argument list (count rules, literal arguments such as
   * a DateAdd interval or a regex). Returns an error message, or undefined when fine.
   * `args` are the literal values where an argument is a literal, `NOT_LITERAL`
   * where it is computed, and undefined where it is omitted.
   */
  readonly check?: (args: readonly (Arg | typeof NOT_LITERAL)[]) => string | undefined;
}

/** Receives evaluated arguments. */
export interface EagerFunctionDef extends FunctionDefBase {
  readonly lazy?: false;
  readonly call: (args: readonly Arg[], ctx: EvalContext) => Value;
}

/** Receives unevaluated arguments (IIF, Switch): arms not chosen are never evaluated. */
export interface LazyFunctionDef extends FunctionDefBase {
  readonly lazy: true;
  readonly call: (args: readonly (Evaluator | undefined)[], ctx: EvalContext) => Value;
}

export type FunctionDef = EagerFunctionDef | LazyFunctionDef;

/** Marks a computed (non-literal) argument for FunctionDef.check. */
export const NOT_LITERAL: unique symbol = Symbol.for("roster.NotLiteral");

/** What an expression mapping yields, as the planner and the CLI see it. */
export type ExpressionOutcome =
  | { readonly kind: "value"; readonly value: Exclude<Value, FlowSignal>; readonly redacted: boolean }
  | { readonly kind: "noFlow" }
  | { readonly kind: "skipObject" };

/**
 * Answers whether `value` is already taken in the target directory for `attribute`
 * (SelectUniqueValue). Values chosen earlier in the same cycle count as taken.
 */
export type UniquenessCheck = (attribute: string, value: string) => boolean | Promise<boolean>;
