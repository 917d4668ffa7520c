/** `roster expr eval '<expression>' --attributes '<json>'`: evaluates one expression. */
import type { Writable } from "node:stream";
import { ExpressionEvaluator, type EvaluatorOptions } from "../expression-evaluator.js";
import { describeZodError, errorAnswer, requestFieldsSchema, type ExpressionAnswer } from "../expression-request.js";

/** The command-line options as commander hands them over (all text). */
export interface ExprEvalOptions {
  readonly attributes?: string;
  readonly now?: string;
  readonly taken?: string;
  readonly operation?: string;
  readonly targetAttribute?: string;
  readonly matchingPrecedence?: string;
  readonly applyMapping?: string;
}

/** Prints the answer as one JSON line; resolves with the exit code (1 on error). */
export async function runExprEval(
  expression: string,
  options: ExprEvalOptions,
  output: Writable,
  evaluatorOptions: EvaluatorOptions = {},
): Promise<number> {
  const answer = await evaluateFromOptions(expression, options, evaluatorOptions);
  output.write(`${JSON.stringify(answer)}\n`);
  return "error" in answer ? 1 : 0;
}

async function evaluateFromOptions(
  expression: string,
  options: ExprEvalOptions,
  evaluatorOptions: EvaluatorOptions,
): Promise<ExpressionAnswer> {
  const fields: Record<string, unknown> = { expression };
  for (const [name, text] of [
    ["attributes", options.attributes ?? "{}"],
    ["taken", options.taken],
  ] as const) {
    if (text === undefined) continue;
    try {
      fields[name] = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return errorAnswer("InvalidRequest", `--${name} is not valid JSON: ${reason}`);
    }
  }
  if (options.now !== undefined) fields.now = options.now;
  if (options.operation !== undefined) fields.operation = options.operation;
  if (options.targetAttribute !== undefined) fields.targetAttribute = options.targetAttribute;
  if (options.applyMapping !== undefined) fields.applyMapping = options.applyMapping;
  if (options.matchingPrecedence !== undefined) {
    // Keep non-numeric text as text so validation names the option instead of guessing.
    const text = options.matchingPrecedence.trim();
    fields.matchingPrecedence = /^-?\d+$/.test(text) ? Number(text) : text;
  }
  const request = requestFieldsSchema.safeParse(fields);
  if (!request.success) return errorAnswer("InvalidRequest", describeZodError(request.error));
  return new ExpressionEvaluator(evaluatorOptions).evaluate(request.data);
}
