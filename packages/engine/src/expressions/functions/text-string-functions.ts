/**
 * Append, CStr, StripSpaces, Trim, NormalizeDiacritics and Redact.
 *
 * Conventions shared by the text functions: a NULL source gives NULL (the attribute stays
 * absent) unless the reference documents otherwise; a multi-valued source counts as its
 * first value; a flow signal (IgnoreAttributeFlow / IgnoreObjectFlow) as source is
 * passed through, so IgnoreFlowIfNullOrEmpty keeps its meaning when nested.
 */
import { normalizeDiacritics } from "../normalize-diacritics.js";
import type { EagerFunctionDef, FunctionDef, Value } from "../types.js";
import { isFlowSignal, toText } from "../values.js";

/** A one-argument text function: NULL in, NULL out. */
function textMap(name: string, map: (text: string) => string): EagerFunctionDef {
  return {
    name,
    minArgs: 1,
    maxArgs: 1,
    call: (args) => {
      const source = args[0];
      if (isFlowSignal(source)) return source;
      const text = toText(source);
      return text === null ? null : map(text);
    },
  };
}

/**
 * Append(source, suffix): concatenation, like .NET string +, where a NULL part counts as
 * "". Both NULL gives NULL.
 */
const append: EagerFunctionDef = {
  name: "Append",
  minArgs: 2,
  maxArgs: 2,
  call: (args) => {
    const [source, suffix] = args;
    if (isFlowSignal(source)) return source;
    if (isFlowSignal(suffix)) return suffix;
    const a = toText(source);
    const b = toText(suffix);
    if (a === null && b === null) return null;
    return (a ?? "") + (b ?? "");
  },
};

/** Redact(value): the value unchanged; logs and traces show "[Redact]" instead. */
const redact: EagerFunctionDef = {
  name: "Redact",
  minArgs: 1,
  maxArgs: 1,
  call: (args, ctx) => {
    ctx.redacted = true;
    return (args[0] ?? null) as Value;
  },
};

export const textStringFunctions: readonly FunctionDef[] = [
  append,
  // CStr: numbers as digits, booleans as "True"/"False", references as their DN (already text).
  textMap("CStr", (text) => text),
  // Only U+0020; tabs and no-break spaces stay.
  textMap("StripSpaces", (text) => (text.includes(" ") ? text.replaceAll(" ", "") : text)),
  // Not in the app-provisioning reference (Cloud Sync has it): a harmless extension, trimming white space.
  textMap("Trim", (text) => text.trim()),
  textMap("NormalizeDiacritics", normalizeDiacritics),
  redact,
];
