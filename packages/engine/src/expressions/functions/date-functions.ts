import type { FunctionDef } from "../types.js";

export const dateFunctions: readonly FunctionDef[] = [];
