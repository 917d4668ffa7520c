import type { FunctionDef } from "../types.js";

export const numberFunctions: readonly FunctionDef[] = [];
