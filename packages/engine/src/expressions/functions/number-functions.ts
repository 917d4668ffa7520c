/**
 * Number functions (BitAnd, CBool), plus the encoding and random functions, which the
 * function table receives through this module.
 */
import type { EagerFunctionDef, FunctionDef } from "../types.js";
import { NOT_LITERAL } from "../types.js";
import { toBoolean } from "../values.js";
import { encodingFunctions } from "./encoding-functions.js";
import { bigIntegerToValue, describeValue, evaluationError, toBigInteger } from "./number-args.js";
import { randomFunctions } from "./random-functions.js";

const BIT_AND_ARGS = ["value1", "value2"] as const;

const bitAnd: EagerFunctionDef = {
  name: "BitAnd",
  minArgs: 2,
  maxArgs: 2,
  check: (args) => {
    for (let i = 0; i < 2; i++) {
      const arg = args[i];
      if (arg === NOT_LITERAL) continue;
      if (arg === undefined) return `${BIT_AND_ARGS[i]} is required`;
      if (toBigInteger(arg) === undefined) return `${BIT_AND_ARGS[i]} must be an integer, got ${describeValue(arg)}`;
    }
    return undefined;
  },
  call: (args) => {
    const [a, b] = BIT_AND_ARGS.map((name, i) => {
      const value = args[i];
      const n = toBigInteger(value);
      if (n === undefined)
        throw evaluationError("BitAnd", name, `must be an integer, got ${describeValue(value)}`, value);
      return n;
    }) as [bigint, bigint];
    // BigInt: JavaScript's & works on 32-bit signed integers, AD flags are Int64.
    return bigIntegerToValue(a & b);
  },
};

const cbool: EagerFunctionDef = {
  name: "CBool",
  minArgs: 1,
  maxArgs: 1,
  call: (args) => toBoolean(args[0]),
};

export const numberFunctions: readonly FunctionDef[] = [bitAnd, cbool, ...encodingFunctions, ...randomFunctions];
