/**
 * IIF, Switch, Not, Coalesce, IgnoreFlowIfNullOrEmpty and the Is* tests.
 *
 * IIF and Switch are lazy: only the condition / source, the keys up to the first match
 * and the chosen value are evaluated, so an arm that would fail (CDate of an empty
 * date) is never touched when another arm is chosen.
 */
import type { Arg, EagerFunctionDef, Evaluator, FunctionDef, LazyFunctionDef, Value } from "../types.js";
import { IGNORE_ATTRIBUTE_FLOW } from "../types.js";
import { isFlowSignal, isNull, isNullOrEmpty, toBoolean, toText } from "../values.js";

/** IIF(condition, valueIfTrue, valueIfFalse). An omitted arm gives NULL. */
const iif: LazyFunctionDef = {
  name: "IIF",
  lazy: true,
  minArgs: 3,
  maxArgs: 3,
  check: (args) => (args[0] === undefined ? "the condition (argument 1) is required" : undefined),
  call: (args, ctx) => {
    const [condition, ifTrue, ifFalse] = args;
    const chosen = condition !== undefined && toBoolean(condition(ctx)) ? ifTrue : ifFalse;
    return chosen === undefined ? null : chosen(ctx);
  },
};

/** The text a Switch source or key compares by: NULL reads as "", booleans as "True"/"False". */
function switchText(v: Value): string {
  return toText(v) ?? "";
}

/**
 * Switch(source, defaultValue, key1, value1, ...): ordinal, case-sensitive comparison;
 * a NULL or empty source matches the key "" (the documented emptiness test); a boolean
 * source matches "True"/"False". Keys are evaluated in order until one matches. No match
 * gives defaultValue, or NULL when it is omitted.
 */
const switchFunction: LazyFunctionDef = {
  name: "Switch",
  lazy: true,
  minArgs: 4,
  maxArgs: Number.POSITIVE_INFINITY,
  check: (args) => {
    if (args.length % 2 !== 0) {
      return `needs key/value pairs after the source and the default value, so an even number of arguments; got ${args.length} (key ${(args.length - 2 + 1) / 2} has no value)`;
    }
    if (args[0] === undefined) return "the source (argument 1) is required";
    for (let i = 2; i < args.length; i += 2) {
      if (args[i] === undefined) return `key ${i / 2} (argument ${i + 1}) is omitted`;
    }
    return undefined;
  },
  call: (args, ctx) => {
    const source = args[0] === undefined ? null : args[0](ctx);
    if (isFlowSignal(source)) return source;
    const text = switchText(source);
    for (let i = 2; i + 1 < args.length; i += 2) {
      const key = args[i];
      if (switchText(key === undefined ? null : key(ctx)) === text) return evaluateOrNull(args[i + 1], ctx);
    }
    return evaluateOrNull(args[1], ctx);
  },
};

function evaluateOrNull(arm: Evaluator | undefined, ctx: Parameters<Evaluator>[0]): Value {
  return arm === undefined ? null : arm(ctx);
}

/**
 * Not(source): "True" (or boolean true) gives False, any other value True, as documented.
 * "True" is matched as .NET bool.Parse does: ignoring case and surrounding white space.
 */
function isTrue(v: Arg): boolean {
  if (typeof v === "boolean") return v;
  const text = toText(v);
  return text !== null && text.trim().toLowerCase() === "true";
}

function predicate(name: string, test: (v: Arg) => boolean): EagerFunctionDef {
  return { name, minArgs: 1, maxArgs: 1, call: (args) => test(args[0]) };
}

/** A single value that reads as text; multi-valued attributes (more than one value) and NULL are not strings. */
function isString(v: Arg): boolean {
  if (v === null || v === undefined || isFlowSignal(v)) return false;
  if (Array.isArray(v)) return v.length === 1;
  return true;
}

/** Coalesce(source1, ..., sourceN): the first argument that is not NULL. "" is a value and wins. */
const coalesce: EagerFunctionDef = {
  name: "Coalesce",
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  call: (args) => {
    for (const v of args) if (!isNull(v)) return v as Value;
    return null;
  },
};

/** IgnoreFlowIfNullOrEmpty(expression): IgnoreAttributeFlow for NULL or "", the value otherwise. */
const ignoreFlowIfNullOrEmpty: EagerFunctionDef = {
  name: "IgnoreFlowIfNullOrEmpty",
  minArgs: 1,
  maxArgs: 1,
  call: (args) => {
    const v = args[0];
    return isNullOrEmpty(v) ? IGNORE_ATTRIBUTE_FLOW : (v as Value);
  },
};

export const logicFunctions: readonly FunctionDef[] = [
  iif,
  switchFunction,
  predicate("Not", (v) => !isTrue(v)),
  predicate("IsNull", (v) => isNull(v)),
  predicate("IsNullOrEmpty", (v) => isNullOrEmpty(v)),
  predicate("IsPresent", (v) => !isNullOrEmpty(v)),
  predicate("IsString", isString),
  coalesce,
  ignoreFlowIfNullOrEmpty,
];
