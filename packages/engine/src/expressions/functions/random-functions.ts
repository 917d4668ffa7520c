/** Guid and RandomString: never constant-folded, and drawing only on ctx.random. */
import { type Arg, type EagerFunctionDef, type FunctionDef, NOT_LITERAL } from "../types.js";
import { toText } from "../values.js";
import { describeValue, evaluationError, integerArg, toSafeInteger } from "./number-args.js";
import { generateRandomString, randomStringShapeError } from "./random-string.js";

const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** A version-4 GUID, lower-case and hyphenated (xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx). */
export function randomGuid(random: () => number): string {
  let out = "";
  for (let i = 0; i < 16; i++) {
    let byte = Math.min(255, Math.floor(random() * 256));
    if (i === 6) byte = (byte & 0x0f) | 0x40; // version 4
    if (i === 8) byte = (byte & 0x3f) | 0x80; // RFC 4122 variant
    out += HEX_BYTES[byte];
    if (i === 3 || i === 5 || i === 7 || i === 9) out += "-";
  }
  return out;
}

const guid: EagerFunctionDef = {
  name: "Guid",
  minArgs: 0,
  maxArgs: 0,
  pure: false,
  call: (_args, ctx) => randomGuid(ctx.random),
};

const PARAMETERS = [
  "Length",
  "MinimumNumbers",
  "MinimumSpecialCharacters",
  "MinimumCapital",
  "MinimumLowerCase",
] as const;

const randomString: EagerFunctionDef = {
  name: "RandomString",
  minArgs: 5,
  maxArgs: 6,
  pure: false,
  check: (args) => {
    const values: number[] = [];
    for (let i = 0; i < PARAMETERS.length; i++) {
      const arg = args[i];
      if (arg === NOT_LITERAL) continue;
      if (arg === undefined) return `${PARAMETERS[i]} is required`;
      const n = toSafeInteger(arg);
      if (n === undefined) return `${PARAMETERS[i]} must be a whole number, got ${describeValue(arg)}`;
      values[i] = n;
    }
    // The shape can only be judged when every number is literal.
    if (values.filter((v) => v !== undefined).length < PARAMETERS.length) return undefined;
    const [length, minNumbers, minSpecial, minCapital, minLowerCase] = values as [
      number,
      number,
      number,
      number,
      number,
    ];
    return randomStringShapeError({ length, minNumbers, minSpecial, minCapital, minLowerCase });
  },
  call: (args, ctx) => {
    const [length, minNumbers, minSpecial, minCapital, minLowerCase] = PARAMETERS.map((name, i) =>
      integerArg("RandomString", name, args[i] as Arg),
    ) as [number, number, number, number, number];
    const avoid = toText(args[5]) ?? "";
    const result = generateRandomString(
      { length, minNumbers, minSpecial, minCapital, minLowerCase, avoid },
      ctx.random,
    );
    if (typeof result !== "string")
      throw evaluationError("RandomString", "arguments", `cannot be met: ${result.error}`);
    return result;
  },
};

export const randomFunctions: readonly FunctionDef[] = [guid, randomString];
