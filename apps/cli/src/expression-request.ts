/**
 * One expression-tester request (a `--batch` line or the options of `expr eval`) and its
 * JSON answer. Both commands share this so a batch line and a single eval behave the same.
 */
import { z } from "zod";
import { APPLY_MAPPING, RosterError } from "@roster/engine";

const scalarSchema = z.union([z.string(), z.number(), z.boolean()]);

/** Attribute values as JSON can carry them: scalars, null (absent) and multi-valued lists. */
export const attributesSchema = z.record(z.string(), z.union([scalarSchema, z.null(), z.array(scalarSchema)]));

export const requestFieldsSchema = z.object({
  expression: z.string().min(1, "must not be empty"),
  attributes: attributesSchema,
  now: z.iso.datetime({ offset: true }).optional(),
  taken: z.array(z.string()).optional(),
  operation: z.enum(["create", "update"]).optional(),
  targetAttribute: z.string().min(1).optional(),
  matchingPrecedence: z.number().int().min(1).max(100).optional(),
  applyMapping: z.enum(APPLY_MAPPING).optional(),
});
export type ExpressionRequest = z.infer<typeof requestFieldsSchema>;

export const batchRequestSchema = requestFieldsSchema.extend({ id: z.string() });

/** JSON form of an evaluation result. */
export type ExpressionAnswer =
  | { readonly value: JsonValue; readonly logValue?: "[Redact]" }
  | { readonly noFlow: true }
  | { readonly skipObject: true }
  | { readonly error: { readonly code: string; readonly message: string } };

export type JsonValue = string | number | boolean | null | readonly JsonValue[];

export function errorAnswer(code: string, message: string): ExpressionAnswer {
  return { error: { code, message } };
}

/** Any thrown value as an error answer; RosterErrors keep their registry code. */
export function answerFromError(error: unknown): ExpressionAnswer {
  if (error instanceof RosterError) return errorAnswer(error.code, error.message);
  const message = error instanceof Error ? error.message : String(error);
  return errorAnswer("InternalError", message);
}

/** "attributes.Active: expected string; id: required" from a zod error. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.length === 0 ? "request" : issue.path.map(String).join(".");
      return `${path}: ${issue.message}`;
    })
    .join("; ");
}
