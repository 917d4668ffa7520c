/**
 * Public compile / evaluate API of the expression language.
 *
 * compileExpression parses once and turns the tree into a tree of closures: function
 * lookups, arity and literal-argument checks happen here, and calls whose arguments
 * are all constant are folded. Evaluating is then only closure calls and property
 * reads. SelectUniqueValue is not a table function: it is the top-level call only,
 * resolved by evaluateExpression against the target directory.
 */
import type { ApplyMapping } from "../config/provisioning-config.js";
import { RosterError } from "../errors/error-codes.js";
import { type CallNode, collectAttributes, type ExprNode, isLiteralNode, literalValue } from "./ast.js";
import { COMPARATORS } from "./compare.js";
import { BUILTIN_FUNCTIONS, lookupFunction } from "./functions/index.js";
import { replaceFunction, specializeReplace } from "./functions/text-replace.js";
import { expressionError, positionAt } from "./lexer.js";
import { parseExpression } from "./parser.js";
import {
  type Arg,
  type EvalContext,
  type Evaluator,
  type ExpressionOutcome,
  type EagerFunctionDef,
  type FunctionDef,
  type LazyFunctionDef,
  IGNORE_ATTRIBUTE_FLOW,
  IGNORE_OBJECT_FLOW,
  NOT_LITERAL,
  type Value,
} from "./types.js";
import { isFlowSignal, isNullOrEmpty, toText } from "./values.js";

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

const SELECT_UNIQUE_VALUE = "SelectUniqueValue";

function isSelectUniqueValue(name: string): boolean {
  return name.toLowerCase() === "selectuniquevalue";
}

/** Throws RosterError("InvalidExpression", message, { line, column, expected }) on a syntax or arity error. */
export function compileExpression(source: string): CompiledExpression {
  const ast = parseExpression(source);
  if (ast.kind === "call" && isSelectUniqueValue(ast.name)) return compileSelectUniqueValue(source, ast);
  return compiledExpression(source, ast, compileNode(source, ast).run);
}

function compiledExpression(text: string, ast: ExprNode, evaluate: Evaluator): CompiledExpression {
  return { source: text, ast, attributes: collectAttributes(ast), selectUniqueValue: false, candidates: [], evaluate };
}

function compileSelectUniqueValue(source: string, ast: CallNode): CompiledExpression {
  if (ast.args.length < 2) {
    throw expressionError(source, ast.start, `${SELECT_UNIQUE_VALUE} needs at least 2 rules, got ${ast.args.length}`);
  }
  const candidates = ast.args.map((rule, i) => {
    if (rule === undefined)
      throw expressionError(source, ast.start, `rule ${i + 1} of ${SELECT_UNIQUE_VALUE} is empty`);
    return compiledExpression(source.slice(rule.start, rule.end), rule, compileNode(source, rule).run);
  });
  return {
    source,
    ast,
    attributes: collectAttributes(ast),
    selectUniqueValue: true,
    candidates,
    evaluate: () => {
      throw new RosterError(
        "InvalidExpression",
        `${SELECT_UNIQUE_VALUE} has to check the target directory: evaluate it with evaluateExpression (with targetAttribute and isTaken)`,
        { expression: source },
      );
    },
  };
}

// ---------------------------------------------------------------------------------------
// Tree → closures

/** A compiled sub-expression; `constant` when its value is known at compile time. */
interface Compiled {
  readonly run: Evaluator;
  readonly constant: boolean;
  readonly value: Value;
}

function constant(value: Value): Compiled {
  const frozen = Array.isArray(value) ? Object.freeze(value) : value; // shared by every evaluation
  return { run: () => frozen, constant: true, value: frozen };
}

function computed(run: Evaluator): Compiled {
  return { run, constant: false, value: null };
}

function compileNode(source: string, node: ExprNode): Compiled {
  if (isLiteralNode(node)) return constant(literalValue(node));
  switch (node.kind) {
    case "attribute":
      return computed(attributeReader(node.name));
    case "comparison": {
      const compare = COMPARATORS[node.operator];
      const left = compileNode(source, node.left);
      const right = compileNode(source, node.right);
      if (left.constant && right.constant) return constant(compare(left.value, right.value));
      const l = left.run;
      const r = right.run;
      return computed((ctx) => compare(l(ctx), r(ctx)));
    }
    case "call":
      return compileCall(source, node);
  }
}

function attributeReader(name: string): Evaluator {
  // A name such as "constructor" would otherwise read Object.prototype.
  if (name in Object.prototype)
    return (ctx) => (Object.hasOwn(ctx.attributes, name) ? (ctx.attributes[name] ?? null) : null);
  return (ctx) => ctx.attributes[name] ?? null;
}

function compileCall(source: string, node: CallNode): Compiled {
  if (isSelectUniqueValue(node.name)) {
    throw expressionError(
      source,
      node.start,
      `${SELECT_UNIQUE_VALUE} can only be the whole expression (the top-level call); it cannot be nested inside another function or a comparison`,
    );
  }
  const def = lookupFunction(node.name);
  if (def === undefined) throw unknownFunction(source, node);
  const count = node.args.length;
  if (count < def.minArgs || count > def.maxArgs) {
    throw expressionError(source, node.start, `${def.name} takes ${arityText(def)}, got ${count}`);
  }
  const args = node.args.map((arg) => (arg === undefined ? undefined : compileNode(source, arg)));
  if (def.check !== undefined) runCheck(source, node, def, args);

  const run =
    def.lazy === true
      ? lazyCall(source, node, def, args)
      : (preparedCall(source, node, def, args) ?? eagerCall(source, node, def, args));
  if (def.pure !== false && args.every((a) => a === undefined || a.constant)) return fold(run);
  return computed(run);
}

/** The arguments as FunctionDef.check sees them: literal values, NOT_LITERAL, or undefined when omitted. */
function literalsOf(args: readonly (Compiled | undefined)[]): (Arg | typeof NOT_LITERAL)[] {
  return args.map((a) => (a === undefined ? undefined : a.constant ? a.value : NOT_LITERAL));
}

/** A call prepared for fixed arguments after the first: a function of the first argument alone. */
type PreparedCall = (first: Arg) => Value;

/** Functions with a form worth preparing when compiled, given their literal arguments. */
const PREPARERS: ReadonlyMap<
  FunctionDef,
  (literals: readonly (Arg | typeof NOT_LITERAL)[]) => PreparedCall | undefined
> = new Map([[replaceFunction, specializeReplace]]);

/**
 * The call prepared at compile time, when the function has such a form and every
 * argument after the first is a constant or omitted (so evaluating only the first
 * changes nothing: constants have no effect to keep). undefined otherwise.
 */
function preparedCall(
  source: string,
  node: CallNode,
  def: EagerFunctionDef,
  args: readonly (Compiled | undefined)[],
): Evaluator | undefined {
  const prepare = PREPARERS.get(def);
  const first = args[0];
  if (prepare === undefined || first === undefined) return undefined;
  for (let i = 1; i < args.length; i++) if (args[i]?.constant === false) return undefined;
  const call = prepare(literalsOf(args));
  if (call === undefined) return undefined;
  const read = first.run;
  return (ctx) => {
    const value = read(ctx);
    try {
      return call(value);
    } catch (err) {
      throw runtimeError(source, node, def, err);
    }
  };
}

function runCheck(source: string, node: CallNode, def: FunctionDef, args: readonly (Compiled | undefined)[]): void {
  const literals = literalsOf(args);
  let message: string | undefined;
  try {
    message = def.check?.(literals);
  } catch (err) {
    message = err instanceof Error ? err.message : String(err);
  }
  if (message !== undefined) {
    throw expressionError(source, node.start, message.startsWith(def.name) ? message : `${def.name}: ${message}`);
  }
}

/** Evaluates a call with constant arguments once; on failure (or a Redact) it stays a runtime call. */
function fold(run: Evaluator): Compiled {
  const foldCtx: EvalContext = {
    attributes: {},
    now: () => {
      throw new Error("no clock while folding");
    },
    random: () => {
      throw new Error("no randomness while folding");
    },
    redacted: false,
  };
  try {
    const value = run(foldCtx);
    // Redact marks the evaluation, which a constant cannot do.
    if (!foldCtx.redacted) return constant(value);
  } catch {
    // The error is raised again when the expression is evaluated, with the worker's context.
  }
  return computed(run);
}

function eagerCall(
  source: string,
  node: CallNode,
  def: EagerFunctionDef,
  args: readonly (Compiled | undefined)[],
): Evaluator {
  const fn = def.call;
  const fail = (err: unknown): never => {
    throw runtimeError(source, node, def, err);
  };
  const evs: ArgEvaluator[] = args.map((a) => (a === undefined ? omitted : a.run));
  // Small arities as array literals: the common case, and cheaper than filling an array.
  switch (evs.length) {
    case 0: {
      const none: readonly Arg[] = Object.freeze([]);
      return (ctx) => {
        try {
          return fn(none, ctx);
        } catch (err) {
          return fail(err);
        }
      };
    }
    case 1: {
      const [a] = evs as [ArgEvaluator];
      return (ctx) => {
        const values: Arg[] = [a(ctx)];
        try {
          return fn(values, ctx);
        } catch (err) {
          return fail(err);
        }
      };
    }
    case 2: {
      const [a, b] = evs as [ArgEvaluator, ArgEvaluator];
      return (ctx) => {
        const values: Arg[] = [a(ctx), b(ctx)];
        try {
          return fn(values, ctx);
        } catch (err) {
          return fail(err);
        }
      };
    }
    case 3: {
      const [a, b, c] = evs as [ArgEvaluator, ArgEvaluator, ArgEvaluator];
      return (ctx) => {
        const values: Arg[] = [a(ctx), b(ctx), c(ctx)];
        try {
          return fn(values, ctx);
        } catch (err) {
          return fail(err);
        }
      };
    }
    default: {
      const n = evs.length;
      return (ctx) => {
        const values: Arg[] = new Array<Arg>(n);
        for (let i = 0; i < n; i++) values[i] = (evs[i] as ArgEvaluator)(ctx);
        try {
          return fn(values, ctx);
        } catch (err) {
          return fail(err);
        }
      };
    }
  }
}

/** Evaluates one argument of an eager call; an omitted position gives undefined. */
type ArgEvaluator = (ctx: EvalContext) => Arg;

const omitted: ArgEvaluator = () => undefined;

function lazyCall(
  source: string,
  node: CallNode,
  def: LazyFunctionDef,
  args: readonly (Compiled | undefined)[],
): Evaluator {
  const fn = def.call;
  const evaluators: readonly (Evaluator | undefined)[] = Object.freeze(args.map((a) => a?.run));
  return (ctx) => {
    try {
      return fn(evaluators, ctx);
    } catch (err) {
      throw runtimeError(source, node, def, err);
    }
  };
}

/** RosterErrors (from nested calls, or raised on purpose) pass through; anything else is wrapped, naming the function. */
function runtimeError(source: string, node: CallNode, def: FunctionDef, err: unknown): RosterError {
  if (err instanceof RosterError) return err;
  const pos = positionAt(source, node.start);
  const message = err instanceof Error ? err.message : String(err);
  return new RosterError(
    "ExpressionEvaluationFailed",
    `${def.name}: ${message}`,
    { function: def.name, line: pos.line, column: pos.column, offset: pos.offset },
    { cause: err },
  );
}

function arityText(def: FunctionDef): string {
  const plural = (n: number): string => (n === 1 ? "argument" : "arguments");
  if (def.minArgs === def.maxArgs) return `${def.minArgs} ${plural(def.minArgs)}`;
  if (def.maxArgs === Number.POSITIVE_INFINITY) return `at least ${def.minArgs} ${plural(def.minArgs)}`;
  return `${def.minArgs} to ${def.maxArgs} arguments`;
}

function unknownFunction(source: string, node: CallNode): RosterError {
  const suggestion = closestFunctionName(node.name);
  const hint = suggestion === undefined ? "" : `; did you mean ${suggestion}?`;
  return expressionError(source, node.start, `unknown function "${node.name}"${hint}`);
}

function closestFunctionName(name: string): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  // Only close matches: one edit for short names, two for longer ones.
  let bestDistance = lower.length <= 4 ? 2 : 3;
  for (const known of [...BUILTIN_FUNCTIONS.values()].map((d) => d.name).concat(SELECT_UNIQUE_VALUE)) {
    const d = editDistance(lower, known.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = known;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
    }
    prev = cur;
  }
  return prev[b.length] as number;
}

// ---------------------------------------------------------------------------------------
// Outcomes

/**
 * Answers whether `value` is taken for `attribute`, synchronously (a cache, a snapshot)
 * or asynchronously (the agent). An object rather than a function so a caller can pass
 * something it already has (no closure per evaluation on the planner's hot path).
 */
export interface UniquenessChecker {
  isTaken(attribute: string, value: string): boolean | PromiseLike<boolean>;
}

export interface EvaluateOptions {
  /** Defaults to "create". */
  readonly operation?: "create" | "update";
  /** The mapped target attribute; the attribute SelectUniqueValue checks uniqueness of. */
  readonly targetAttribute?: string;
  readonly matchingPrecedence?: number;
  readonly applyMapping?: ApplyMapping;
  /** Needed by SelectUniqueValue (or `uniqueness`). May answer synchronously. */
  readonly isTaken?: (attribute: string, value: string) => boolean | PromiseLike<boolean>;
  /** The same check as an object; used when given, instead of `isTaken`. */
  readonly uniqueness?: UniquenessChecker;
}

const NO_FLOW: ExpressionOutcome = Object.freeze({ kind: "noFlow" });
const SKIP_OBJECT: ExpressionOutcome = Object.freeze({ kind: "skipObject" });
const NO_OPTIONS: EvaluateOptions = Object.freeze({});

/** Turns a plain value into an outcome (noFlow / skipObject for the flow signals). */
export function toOutcome(value: Value, redacted: boolean): ExpressionOutcome {
  if (value === IGNORE_ATTRIBUTE_FLOW) return NO_FLOW;
  if (value === IGNORE_OBJECT_FLOW) return SKIP_OBJECT;
  return { kind: "value", value: value ?? null, redacted };
}

/**
 * Synchronous evaluation to an outcome, for every expression except SelectUniqueValue
 * (the planner's hot path). Resets ctx.redacted first.
 */
export function evaluateToOutcome(compiled: CompiledExpression, ctx: EvalContext): ExpressionOutcome {
  ctx.redacted = false;
  const value = compiled.evaluate(ctx); // throws InvalidExpression for SelectUniqueValue
  return toOutcome(value, ctx.redacted);
}

/**
 * Evaluates to an outcome: a value (with the redacted flag), noFlow or skipObject.
 * SelectUniqueValue is resolved here: candidates in order, the first not taken wins;
 * all taken → RosterError("SelectUniqueValueExhausted"). Using SelectUniqueValue on
 * update, on a matching attribute, or with applyMapping "Always" → RosterError("InvalidExpression").
 * Only SelectUniqueValue awaits; any other expression gives an already settled promise.
 */
export function evaluateExpression(
  compiled: CompiledExpression,
  ctx: EvalContext,
  options: EvaluateOptions = NO_OPTIONS,
): Promise<ExpressionOutcome> {
  try {
    return Promise.resolve(resolveExpression(compiled, ctx, options));
  } catch (err) {
    return Promise.reject(err);
  }
}

/**
 * evaluateExpression without the promise: synchronous unless a SelectUniqueValue check
 * answers asynchronously, so a directory that answers synchronously costs no promise.
 * Throws (synchronously) what evaluation throws; a returned promise rejects instead.
 * The outcome is the same as evaluateExpression's, whichever way the check answers.
 */
export function resolveExpression(
  compiled: CompiledExpression,
  ctx: EvalContext,
  options: EvaluateOptions = NO_OPTIONS,
): ExpressionOutcome | Promise<ExpressionOutcome> {
  if (compiled.selectUniqueValue) return selectUniqueValue(compiled, ctx, options);
  return evaluateToOutcome(compiled, ctx);
}

function misuse(compiled: CompiledExpression, message: string, target: string | undefined): RosterError {
  const details: Record<string, unknown> = { expression: compiled.source };
  if (target !== undefined) details.attribute = target;
  return new RosterError(
    "InvalidExpression",
    `${SELECT_UNIQUE_VALUE}${target === undefined ? "" : ` for ${target}`}: ${message}`,
    details,
  );
}

function selectUniqueValue(
  compiled: CompiledExpression,
  ctx: EvalContext,
  options: EvaluateOptions,
): ExpressionOutcome | Promise<ExpressionOutcome> {
  const { targetAttribute: target, isTaken, uniqueness } = options;
  if ((options.operation ?? "create") !== "create") {
    throw misuse(
      compiled,
      'can only be used when an object is created, not on update; apply the mapping "OnlyOnCreate"',
      target,
    );
  }
  if (options.matchingPrecedence !== undefined) {
    throw misuse(
      compiled,
      `is not allowed on a matching attribute (matching precedence ${options.matchingPrecedence})`,
      target,
    );
  }
  if (options.applyMapping === "Always") {
    throw misuse(
      compiled,
      'needs the mapping to apply only during object creation ("OnlyOnCreate"), not "Always"',
      target,
    );
  }
  if (target === undefined)
    throw misuse(compiled, "needs the target attribute to check uniqueness against (targetAttribute)", target);
  const checker = uniqueness ?? (isTaken === undefined ? undefined : { isTaken });
  if (checker === undefined)
    throw misuse(compiled, "needs a uniqueness check against the target directory (isTaken)", target);
  return selectFrom(compiled, ctx, target, checker, 0, null);
}

/**
 * The candidates already checked and found taken, for the duplicate check and the
 * exhausted message. Only built once a candidate is taken: the common case (the first
 * candidate is free) allocates nothing but the outcome.
 */
interface TakenCandidates {
  readonly texts: string[];
  readonly redacted: boolean[];
}

/**
 * Tries the candidates from `start` on. Stays synchronous while the checker answers
 * synchronously; at the first promise it continues from there asynchronously, so both
 * ways try the same candidates in the same order.
 */
function selectFrom(
  compiled: CompiledExpression,
  ctx: EvalContext,
  target: string,
  checker: UniquenessChecker,
  start: number,
  takenSoFar: TakenCandidates | null,
): ExpressionOutcome | Promise<ExpressionOutcome> {
  const candidates = compiled.candidates;
  let taken = takenSoFar;
  for (let i = start; i < candidates.length; i++) {
    ctx.redacted = false;
    const value = (candidates[i] as CompiledExpression).evaluate(ctx);
    if (value === IGNORE_OBJECT_FLOW) return SKIP_OBJECT;
    if (isFlowSignal(value) || isNullOrEmpty(value)) continue;
    const text = toText(value);
    if (text === null || text === "" || taken?.texts.includes(text) === true) continue;
    const redacted = ctx.redacted;
    const answer = checker.isTaken(target, text);
    if (isThenable(answer)) {
      const soFar = taken;
      const next = i + 1;
      return Promise.resolve(answer).then((isTaken) => {
        if (!isTaken) return chosen(ctx, text, redacted);
        return selectFrom(compiled, ctx, target, checker, next, withTaken(soFar, text, redacted));
      });
    }
    if (!answer) return chosen(ctx, text, redacted);
    taken = withTaken(taken, text, redacted);
  }
  throw exhausted(compiled, target, taken);
}

function chosen(ctx: EvalContext, text: string, redacted: boolean): ExpressionOutcome {
  ctx.redacted = redacted;
  return { kind: "value", value: text, redacted };
}

function withTaken(taken: TakenCandidates | null, text: string, redacted: boolean): TakenCandidates {
  const list = taken ?? { texts: [], redacted: [] };
  list.texts.push(text);
  list.redacted.push(redacted);
  return list;
}

function exhausted(compiled: CompiledExpression, target: string, taken: TakenCandidates | null): RosterError {
  const shown =
    taken === null ? [] : taken.texts.map((text, i) => (taken.redacted[i] ? "[Redact]" : JSON.stringify(text)));
  const message =
    shown.length === 0
      ? `${SELECT_UNIQUE_VALUE} for ${target}: none of the ${compiled.candidates.length} rules produced a value`
      : `${SELECT_UNIQUE_VALUE} for ${target}: every candidate is already taken: ${shown.join(", ")}`;
  return new RosterError("SelectUniqueValueExhausted", message, { attribute: target, candidates: shown });
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}
