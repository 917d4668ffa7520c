/**
 * Test support for the text, logic and collection functions: calls a definition by name
 * the way the compiler would (evaluated values for eager functions, evaluators for lazy
 * ones), and runs its compile-time check. Used only by tests.
 */
import type { Arg, Attributes, EvalContext, Evaluator, FunctionDef, Value } from "../types.js";
import { NOT_LITERAL } from "../types.js";
import { textFunctions } from "./text-functions.js";

export function testContext(attributes: Attributes = {}): EvalContext {
  return {
    attributes,
    now: () => new Date("2021-08-25T17:41:18Z"),
    random: () => 0.5,
    redacted: false,
  };
}

export function textFunction(name: string): FunctionDef {
  const def = textFunctions.find((f) => f.name.toLowerCase() === name.toLowerCase());
  if (def === undefined) throw new Error(`no text function ${name}`);
  return def;
}

/** Calls `name` with argument values (undefined = omitted position). */
export function invoke(name: string, args: readonly Arg[], ctx: EvalContext = testContext()): Value {
  const def = textFunction(name);
  if (args.length < def.minArgs || args.length > def.maxArgs) {
    throw new Error(`${name} takes ${def.minArgs}..${def.maxArgs} arguments, test passed ${args.length}`);
  }
  if (def.lazy === true) {
    return def.call(
      args.map((a): Evaluator | undefined => (a === undefined ? undefined : () => a)),
      ctx,
    );
  }
  return def.call(args, ctx);
}

/** Calls a lazy function with evaluators as given (to observe which ones run). */
export function invokeLazy(
  name: string,
  evaluators: readonly (Evaluator | undefined)[],
  ctx: EvalContext = testContext(),
): Value {
  const def = textFunction(name);
  if (def.lazy !== true) throw new Error(`${name} is not lazy`);
  return def.call(evaluators, ctx);
}

/** An evaluator that fails the test if it is ever run. */
export function mustNotRun(label: string): Evaluator {
  return () => {
    throw new Error(`${label} was evaluated`);
  };
}

/** The compile-time check's message; "computed" marks a non-literal argument. */
export function checkOf(name: string, args: readonly (Arg | "computed")[]): string | undefined {
  const def = textFunction(name);
  return def.check?.(args.map((a) => (a === "computed" ? NOT_LITERAL : a)));
}
