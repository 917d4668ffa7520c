/** The built-in function table, keyed by lower-case name (function names are matched case-insensitively). */
import type { FunctionDef } from "../types.js";
import { textFunctions } from "./text-functions.js";
import { dateFunctions } from "./date-functions.js";
import { numberFunctions } from "./number-functions.js";

export const BUILTIN_FUNCTIONS: ReadonlyMap<string, FunctionDef> = new Map(
  [...textFunctions, ...dateFunctions, ...numberFunctions].map((f) => [f.name.toLowerCase(), f] as const),
);

export function lookupFunction(name: string): FunctionDef | undefined {
  return BUILTIN_FUNCTIONS.get(name.toLowerCase());
}
