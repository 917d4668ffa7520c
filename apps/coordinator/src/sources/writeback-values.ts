/**
 * The values a writeback sends for one account: the job's writeback mappings evaluated against
 * the account's exported directory attributes (mail, userPrincipalName, telephoneNumber, …).
 * Writeback never clears a field, so a null result, IgnoreFlowIfNullOrEmpty on an empty value
 * and IgnoreAttributeFlow all leave the target name out.
 */
import {
  compileExpression,
  evaluateToOutcome,
  RosterError,
  toText,
  writebackConfigSchema,
  type Attributes,
  type CompiledExpression,
  type EvalContext,
  type Value,
  type WritebackConfig,
} from "@roster/engine";

export interface CompiledWritebackMapping {
  /** Position in the configuration, for messages. */
  readonly index: number;
  readonly target: string;
  readonly type: "Direct" | "Constant" | "Expression" | "None";
  readonly source: string | null;
  readonly constant: string | null;
  readonly expression: CompiledExpression | null;
}

export interface CompiledWriteback {
  readonly config: WritebackConfig;
  /** Mappings whose values are written (matching mappings only identify the worker). */
  readonly mappings: readonly CompiledWritebackMapping[];
}

/** Validates a writeback configuration and compiles its expressions; RosterError("InvalidConfiguration") lists every problem. */
export function compileWriteback(input: unknown): CompiledWriteback {
  const parsed = writebackConfigSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new RosterError("InvalidConfiguration", `The writeback configuration is not valid: ${problems.join("; ")}`, {
      issues: problems,
    });
  }
  const config = parsed.data;
  const problems: string[] = [];
  const mappings: CompiledWritebackMapping[] = [];
  config.mappings.forEach((mapping, index) => {
    if (mapping.matchingPrecedence !== undefined) return;
    let expression: CompiledExpression | null = null;
    if (mapping.type === "Expression") {
      try {
        expression = compileExpression(mapping.expression);
        if (expression.selectUniqueValue) {
          problems.push(
            `mappings[${index}].expression: "${mapping.target}" uses SelectUniqueValue, which writeback cannot resolve`,
          );
        }
      } catch (error) {
        problems.push(
          `mappings[${index}].expression: "${mapping.target}": ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    mappings.push({
      index,
      target: mapping.target,
      type: mapping.type,
      source: mapping.type === "Direct" ? mapping.source : null,
      constant: mapping.type === "Constant" ? mapping.value : null,
      expression,
    });
  });
  if (problems.length > 0) {
    throw new RosterError("InvalidConfiguration", `The writeback configuration is not valid: ${problems.join("; ")}`, {
      issues: problems,
    });
  }
  return { config, mappings };
}

export interface WritebackEvaluationOptions {
  readonly now?: () => Date;
  /** Uniform in [0, 1). */
  readonly random?: () => number;
}

/**
 * Target name → text for one account. Multi-valued directory values give their first value.
 * IgnoreObjectFlow from any mapping means nothing is written for this account ({}).
 * An expression that fails throws RosterError("ExpressionEvaluationFailed") naming the mapping.
 */
export function computeWritebackValues(
  compiled: CompiledWriteback,
  directoryAttributes: Attributes,
  options: WritebackEvaluationOptions = {},
): Record<string, string> {
  const ctx: EvalContext = {
    attributes: directoryAttributes,
    now: options.now ?? (() => new Date()),
    random: options.random ?? Math.random,
    redacted: false,
  };
  const values: Record<string, string> = {};
  for (const mapping of compiled.mappings) {
    let value: Value | undefined;
    switch (mapping.type) {
      case "Direct":
        value = directoryAttributes[mapping.source as string];
        break;
      case "Constant":
        value = mapping.constant;
        break;
      case "Expression": {
        const outcome = evaluate(mapping, ctx);
        if (outcome.kind === "skipObject") return {};
        value = outcome.kind === "noFlow" ? null : outcome.value;
        break;
      }
      default:
        value = null;
    }
    const text = toText(value);
    if (text !== null) values[mapping.target] = text;
  }
  return values;
}

function evaluate(mapping: CompiledWritebackMapping, ctx: EvalContext) {
  try {
    return evaluateToOutcome(mapping.expression as CompiledExpression, ctx);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RosterError(
      "ExpressionEvaluationFailed",
      `Writeback mapping "${mapping.target}" (mappings[${mapping.index}].expression) failed: ${reason}`,
      { path: `mappings[${mapping.index}].expression`, target: mapping.target },
      { cause: error },
    );
  }
}
