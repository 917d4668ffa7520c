/**
 * `roster expr eval --batch`: JSON Lines in, one JSON line out per request, in input
 * order. Lines are handled one at a time as they arrive, so a caller can also talk to
 * the process interactively. A bad line yields an error line and the batch goes on.
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { once } from "node:events";
import { ExpressionEvaluator, type EvaluatorOptions } from "../expression-evaluator.js";
import { batchRequestSchema, describeZodError, errorAnswer, type ExpressionAnswer } from "../expression-request.js";

export interface BatchStreams {
  readonly input: Readable;
  readonly output: Writable;
}

/** Reads requests until the input ends. Resolves with the number of lines answered. */
export async function runExprBatch(streams: BatchStreams, options: EvaluatorOptions = {}): Promise<number> {
  const evaluator = new ExpressionEvaluator(options);
  const lines = createInterface({ input: streams.input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  let answered = 0;
  for await (const line of lines) {
    lineNumber += 1;
    // Blank lines (e.g. a trailing newline pair) carry no request.
    if (line.trim() === "") continue;
    const answer = await answerLine(line, lineNumber, evaluator);
    if (!streams.output.write(`${JSON.stringify(answer)}\n`)) await once(streams.output, "drain");
    answered += 1;
  }
  return answered;
}

type BatchAnswer = { readonly id: string | number | null } & ExpressionAnswer;

async function answerLine(line: string, lineNumber: number, evaluator: ExpressionEvaluator): Promise<BatchAnswer> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { id: null, ...errorAnswer("InvalidRequest", `Input line ${lineNumber} is not valid JSON: ${reason}`) };
  }
  const id = readableId(parsed);
  const request = batchRequestSchema.safeParse(parsed);
  if (!request.success) {
    return { id, ...errorAnswer("InvalidRequest", `Input line ${lineNumber}: ${describeZodError(request.error)}`) };
  }
  return { id: request.data.id, ...(await evaluator.evaluate(request.data)) };
}

/** The request's id when it can be read even though the request is invalid. */
function readableId(parsed: unknown): string | number | null {
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return null;
  const id = (parsed as { id?: unknown }).id;
  return typeof id === "string" || (typeof id === "number" && Number.isFinite(id)) ? id : null;
}
