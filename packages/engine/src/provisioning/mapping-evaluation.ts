/**
 * Evaluation of one attribute mapping for one worker, and the mapping-level rules:
 * Apply (Always / only on create), "default value if null" (create only), "Flow null
 * values" (update clears), the flow signals, and conversion to directory text.
 *
 * Hot path: no allocation beyond the value itself. The redacted flag is read from the
 * evaluation context (Redact() sets it) instead of being wrapped in an outcome object.
 */
import type { ApplyMapping } from "../config/provisioning-config.js";
import type { CompiledExpression } from "../expressions/compile.js";
import {
  IGNORE_ATTRIBUTE_FLOW,
  IGNORE_OBJECT_FLOW,
  type EvalContext,
  type FlowSignal,
  type Value,
} from "../expressions/types.js";
import { toText } from "../expressions/values.js";
import type { DirectoryValue } from "./directory-operations.js";

/** How the planner treats a mapping's target. */
export type MappingRole =
  /** An ordinary directory attribute. */
  | "attribute"
  /** "True" disables the account, "False" enables it. */
  | "accountDisabled"
  /** The OU: where a create goes, a move on update. */
  | "parentDistinguishedName"
  /** The RDN value: part of the create, a rename on update. */
  | "cn"
  /** IgnoreObjectFlow here skips the whole worker. Never written. */
  | "objectFilter"
  /** The value is another worker's source anchor (manager), set by reference after create/update. */
  | "reference";

export type MappingType = "Direct" | "Constant" | "Expression" | "None";

export interface CompiledMapping {
  /** Position in the configuration, for messages ("mappings[3]"). */
  readonly index: number;
  readonly target: string;
  readonly type: MappingType;
  readonly role: MappingRole;
  /** Direct: the source attribute. */
  readonly source: string | null;
  /** Constant: the fixed text. */
  readonly constant: string | null;
  readonly expression: CompiledExpression | null;
  readonly selectUniqueValue: boolean;
  readonly apply: ApplyMapping;
  readonly onlyOnCreate: boolean;
  readonly defaultValue: string | null;
  readonly matchingPrecedence: number | null;
  readonly flowNullValues: boolean;
}

export type Operation = "create" | "update";

/**
 * The mapping's value before the mapping-level rules: directory text, null (absent) or
 * a flow signal. Synchronous; SelectUniqueValue mappings are resolved by the planner.
 * Sets `ctx.redacted`. Throws what the expression throws (ExpressionEvaluationFailed).
 */
export function evaluateMappingRaw(mapping: CompiledMapping, ctx: EvalContext): DirectoryValue | null | FlowSignal {
  ctx.redacted = false;
  switch (mapping.type) {
    case "Direct":
      return toDirectoryValue(ctx.attributes[mapping.source as string]);
    case "Constant":
      return mapping.constant;
    case "Expression":
      return toDirectoryValue((mapping.expression as CompiledExpression).evaluate(ctx));
    default:
      return null;
  }
}

/**
 * Applies the mapping-level rules to a raw value:
 * - `undefined`: leave the attribute out (null without Flow null values, IgnoreAttributeFlow,
 *   an empty result with Flow null values on create, no default);
 * - `null`: clear it (update with Flow null values);
 * - IGNORE_OBJECT_FLOW: skip the worker;
 * - otherwise the value to write (the default value on create when the source is null).
 * Apply "only on create" is checked by the caller, which does not evaluate such mappings on update.
 */
export function applyMappingRules(
  mapping: CompiledMapping,
  raw: DirectoryValue | null | FlowSignal,
  operation: Operation,
): DirectoryValue | null | undefined | typeof IGNORE_OBJECT_FLOW {
  if (raw === IGNORE_OBJECT_FLOW) return IGNORE_OBJECT_FLOW;
  if (raw === IGNORE_ATTRIBUTE_FLOW) return undefined;
  // With Flow null values an empty result counts as null (AD removes the value, never writes "").
  if (raw === null || (raw === "" && mapping.flowNullValues)) {
    if (operation === "create") return raw === null && mapping.defaultValue !== null ? mapping.defaultValue : undefined;
    return mapping.flowNullValues ? null : undefined;
  }
  return raw;
}

/** The matching value: text of the mapping's value regardless of Apply; no default value; empty → null. */
export function matchingValueOf(mapping: CompiledMapping, ctx: EvalContext): string | null {
  const raw = evaluateMappingRaw(mapping, ctx);
  if (raw === null || typeof raw === "symbol") return null;
  const text = typeof raw === "string" ? raw : (raw[0] ?? null);
  return text === null || text === "" ? null : text;
}

/** Expression values as directory text: scalars via the .NET text rules, multi-values as string arrays. */
export function toDirectoryValue(value: Value | undefined): DirectoryValue | null | FlowSignal {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (value === IGNORE_ATTRIBUTE_FLOW || value === IGNORE_OBJECT_FLOW) return value;
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    const texts: string[] = [];
    for (const item of value) {
      const text = toText(item);
      if (text !== null) texts.push(text);
    }
    return texts.length === 0 ? null : texts;
  }
  return toText(value);
}

/** Equality of directory values: strings exactly, multi-values as sets. */
export function sameDirectoryValue(
  a: DirectoryValue | null | undefined,
  b: DirectoryValue | null | undefined,
): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (typeof a === "string" || typeof b === "string") {
    // A single-element multi-value equals its only value.
    if (typeof a === "string") return typeof b !== "string" && b.length === 1 && b[0] === a;
    return a.length === 1 && a[0] === b;
  }
  if (a.length !== b.length) return false;
  for (const item of a) if (!b.includes(item)) return false;
  for (const item of b) if (!a.includes(item)) return false;
  return true;
}
