/**
 * ConvertToBase64 (UTF-16LE bytes, as .NET Encoding.Unicode) and ConvertToUTF8Hex
 * (UTF-8 bytes as upper-case hex). An absent source stays absent.
 */
import type { EagerFunctionDef, FunctionDef } from "../types.js";
import { toText } from "../values.js";

const convertToBase64: EagerFunctionDef = {
  name: "ConvertToBase64",
  minArgs: 1,
  maxArgs: 1,
  call: (args) => {
    const text = toText(args[0]);
    return text === null ? null : Buffer.from(text, "utf16le").toString("base64");
  },
};

const convertToUtf8Hex: EagerFunctionDef = {
  name: "ConvertToUTF8Hex",
  minArgs: 1,
  maxArgs: 1,
  call: (args) => {
    const text = toText(args[0]);
    return text === null ? null : Buffer.from(text, "utf8").toString("hex").toUpperCase();
  },
};

export const encodingFunctions: readonly FunctionDef[] = [convertToBase64, convertToUtf8Hex];
