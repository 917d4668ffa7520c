/**
 * Evaluates tester requests with the real compiler. Compiled expressions (and compile
 * errors) are cached by text, because mapping-set tests send the same expressions for
 * many attribute records.
 */
import {
  compileExpression,
  evaluateExpression,
  formatIsoUtc,
  RosterError,
  type CompiledExpression,
  type EvalContext,
  type EvaluateOptions,
  type ExpressionOutcome,
} from "@roster/engine";
import { BoundedCache } from "./bounded-cache.js";
import { createCryptoRandom } from "./crypto-random.js";
import {
  answerFromError,
  type ExpressionAnswer,
  type ExpressionRequest,
  type JsonValue,
} from "./expression-request.js";

export const COMPILED_EXPRESSION_CACHE_SIZE = 1024;

/** Used when a request names no target attribute. */
export const DEFAULT_TARGET_ATTRIBUTE = "value";

type CompileResult = { readonly compiled: CompiledExpression } | { readonly error: unknown };

export interface EvaluatorOptions {
  /** The real clock by default; used when a request has no `now`. */
  readonly clock?: () => Date;
  /** Uniform in [0, 1); crypto-backed by default. */
  readonly random?: () => number;
}

export class ExpressionEvaluator {
  readonly #cache = new BoundedCache<string, CompileResult>(COMPILED_EXPRESSION_CACHE_SIZE);
  readonly #clock: () => Date;
  readonly #random: () => number;

  constructor(options: EvaluatorOptions = {}) {
    this.#clock = options.clock ?? (() => new Date());
    this.#random = options.random ?? createCryptoRandom();
  }

  async evaluate(request: ExpressionRequest): Promise<ExpressionAnswer> {
    const compiledOrError = this.#compile(request.expression);
    if ("error" in compiledOrError) return answerFromError(compiledOrError.error);
    try {
      const outcome = await evaluateExpression(
        compiledOrError.compiled,
        this.#context(request),
        evaluateOptions(request),
      );
      return answerFromOutcome(outcome);
    } catch (error) {
      return answerFromError(error);
    }
  }

  #compile(expression: string): CompileResult {
    const cached = this.#cache.get(expression);
    if (cached !== undefined) return cached;
    let result: CompileResult;
    try {
      result = { compiled: compileExpression(expression) };
    } catch (error) {
      result = { error };
    }
    this.#cache.set(expression, result);
    return result;
  }

  #context(request: ExpressionRequest): EvalContext {
    let now = this.#clock;
    if (request.now !== undefined) {
      const fixed = Date.parse(request.now);
      now = () => new Date(fixed);
    }
    return { attributes: request.attributes, now, random: this.#random, redacted: false };
  }
}

function evaluateOptions(request: ExpressionRequest): EvaluateOptions {
  const options: { -readonly [K in keyof EvaluateOptions]: EvaluateOptions[K] } = {};
  if (request.operation !== undefined) options.operation = request.operation;
  // SelectUniqueValue names the attribute it checks; `taken` is one list, so any name does.
  options.targetAttribute = request.targetAttribute ?? DEFAULT_TARGET_ATTRIBUTE;
  if (request.matchingPrecedence !== undefined) options.matchingPrecedence = request.matchingPrecedence;
  if (request.applyMapping !== undefined) options.applyMapping = request.applyMapping;
  if (request.taken !== undefined) {
    // AD compares these values case-insensitively.
    const taken = new Set(request.taken.map((value) => value.toLowerCase()));
    options.isTaken = (_attribute, value) => Promise.resolve(taken.has(value.toLowerCase()));
  } else {
    options.isTaken = () => Promise.resolve(false);
  }
  return options;
}

function answerFromOutcome(outcome: ExpressionOutcome): ExpressionAnswer {
  switch (outcome.kind) {
    case "noFlow":
      return { noFlow: true };
    case "skipObject":
      return { skipObject: true };
    case "value": {
      const value = toJsonValue(outcome.value);
      return outcome.redacted ? { value, logValue: "[Redact]" } : { value };
    }
  }
}

type OutcomeValue = Extract<ExpressionOutcome, { kind: "value" }>["value"];

function toJsonValue(value: OutcomeValue): JsonValue {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((item: unknown) => scalarToJson(item));
  return scalarToJson(value);
}

function scalarToJson(value: unknown): JsonValue {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()))
      throw new RosterError("ExpressionEvaluationFailed", "The expression produced an invalid date.");
    return formatIsoUtc(value);
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new RosterError("ExpressionEvaluationFailed", `The expression produced the non-finite number ${value}.`);
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  throw new RosterError("InternalError", `The expression produced a value of unexpected type ${typeof value}.`);
}
