import type { FunctionDef } from "../types.js";

export const textFunctions: readonly FunctionDef[] = [];
