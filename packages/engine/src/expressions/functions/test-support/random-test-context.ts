/**
 * Test support: an evaluation context with a fixed clock and seeded randomness, and
 * direct calls of eager function definitions by name.
 */
import type { Arg, EagerFunctionDef, EvalContext, FunctionDef, Value } from "../../types.js";

/** mulberry32: a small, well-distributed PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface FakeContextOptions {
  readonly now?: string;
  readonly seed?: number;
  readonly attributes?: Record<string, Value>;
}

export function fakeContext(options: FakeContextOptions = {}): EvalContext {
  const now = new Date(options.now ?? "2021-08-25T17:41:18Z");
  return {
    attributes: options.attributes ?? {},
    now: () => now,
    random: seededRandom(options.seed ?? 1),
    redacted: false,
  };
}

/** A function definition's direct caller: `call("CDate", "2021-08-24")`. */
export function functionCaller(
  defs: readonly FunctionDef[],
  ctx: () => EvalContext = () => fakeContext(),
): { call: (name: string, ...args: Arg[]) => Value; def: (name: string) => EagerFunctionDef } {
  const def = (name: string): EagerFunctionDef => {
    const found = defs.find((d) => d.name === name);
    if (found === undefined || found.lazy === true) throw new Error(`no eager function ${name}`);
    return found;
  };
  return { def, call: (name, ...args) => def(name).call(args, ctx()) };
}
