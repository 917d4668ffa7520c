/** Test helper: evaluates one expression mapping of a set through the real compiler. */
import { compileExpression, evaluateExpression } from "../../../expressions/compile.js";
import type { Attributes, ExpressionOutcome } from "../../../expressions/types.js";
import type { AttributeMapping } from "../../provisioning-config.js";

export const FIXED_NOW = new Date("2024-03-01T12:00:00Z");

export function expressionOf(
  mappings: readonly AttributeMapping[],
  target: string,
): AttributeMapping & { type: "Expression" } {
  const mapping = mappings.find(
    (m): m is AttributeMapping & { type: "Expression" } => m.target === target && m.type === "Expression",
  );
  if (mapping === undefined) throw new Error(`no expression mapping for ${target}`);
  return mapping;
}

/** Evaluates the mapping for a create; `taken` holds directory values (compared case-insensitively, like AD). */
export function evaluateMapping(
  mappings: readonly AttributeMapping[],
  target: string,
  attributes: Attributes,
  taken: readonly string[] = [],
): Promise<ExpressionOutcome> {
  const mapping = expressionOf(mappings, target);
  const takenLower = new Set(taken.map((t) => t.toLowerCase()));
  const options = {
    operation: "create" as const,
    targetAttribute: target,
    applyMapping: mapping.apply,
    isTaken: (_attribute: string, value: string) => Promise.resolve(takenLower.has(value.toLowerCase())),
    ...(mapping.matchingPrecedence === undefined ? {} : { matchingPrecedence: mapping.matchingPrecedence }),
  };
  return evaluateExpression(
    compileExpression(mapping.expression),
    { attributes, now: () => FIXED_NOW, random: () => 0.5, redacted: false },
    options,
  );
}

/** The value of an outcome, failing the test for noFlow / skipObject. */
export async function outcomeValue(outcome: Promise<ExpressionOutcome>): Promise<unknown> {
  const result = await outcome;
  if (result.kind !== "value") throw new Error(`expected a value, got ${result.kind}`);
  return result.value;
}
