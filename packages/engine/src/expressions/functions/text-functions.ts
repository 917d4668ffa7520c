/**
 * The text, logic and collection functions of the expression language (see the modules
 * listed below for each function's documented semantics and Roster's choices where the
 * reference is silent). CBool lives with the number functions.
 */
import type { FunctionDef } from "../types.js";
import { collectionFunctions } from "./collection-functions.js";
import { logicFunctions } from "./logic-functions.js";
import { textCaseFunctions } from "./text-case-functions.js";
import { replaceFunction } from "./text-replace.js";
import { textStringFunctions } from "./text-string-functions.js";
import { textSubstringFunctions } from "./text-substring-functions.js";

export const textFunctions: readonly FunctionDef[] = [
  ...textStringFunctions,
  ...textSubstringFunctions,
  ...textCaseFunctions,
  replaceFunction,
  ...logicFunctions,
  ...collectionFunctions,
];
