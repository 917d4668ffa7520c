/**
 * Replace(source, oldValue, regexPattern, regexGroupName, replacementValue,
 *         replacementAttributeName, template)
 *
 * Which positions are given (not omitted) decides the mode; everything is case-sensitive:
 * 1. oldValue + replacementValue: ordinal replace-all of oldValue in source.
 * 2. oldValue + template: replace-all of oldValue in template by source.
 * 3. regexPattern + replacementValue: .NET Regex.Replace, with $1 / ${name} substitutions.
 * 4. regexPattern + regexGroupName + replacementValue: in every match only the span of
 *    the named group is replaced, by the literal replacementValue.
 * 5. regexPattern + regexGroupName + replacementAttributeName: source if it has a value;
 *    otherwise the group's text in the first match in the replacement attribute (NULL
 *    when it does not match).
 * A NULL source gives NULL in modes 1 to 4 (there is nothing to replace in, and an
 * absent attribute is better left absent than turned into "" or a bare template); in
 * mode 5 it is what selects the replacement attribute. A NULL oldValue, pattern or
 * template leaves the source unchanged / gives NULL; a NULL replacementValue counts as "".
 * Regexes are translated once per pattern (dotnet-regex.ts caches them) and checked when
 * the expression is compiled if they are literals.
 */
import {
  type DotNetRegex,
  type DotNetRegexOptions,
  dotNetRegexProblem,
  translateDotNetRegex,
} from "../dotnet-regex.js";
import type { Arg, EagerFunctionDef, Value } from "../types.js";
import { isFlowSignal, isNullOrEmpty, toText } from "../values.js";
import { firstGroupText, replaceGroupSpans, replaceMatches } from "./regex-replacement.js";
import { type CheckArg, evaluationError, literalText } from "./text-args.js";

const SOURCE = 0;
const OLD_VALUE = 1;
const PATTERN = 2;
const GROUP = 3;
const REPLACEMENT = 4;
const REPLACEMENT_ATTRIBUTE = 5;
const TEMPLATE = 6;

type Mode = 1 | 2 | 3 | 4 | 5;

// Shared option objects: no allocation per call.
const GLOBAL: DotNetRegexOptions = Object.freeze({ global: true });
const GLOBAL_WITH_INDICES: DotNetRegexOptions = Object.freeze({ global: true, indices: true });

/** The mode from the given (not omitted) positions, or a message saying what is missing. */
function modeOf(args: readonly unknown[]): Mode | string {
  if (args[PATTERN] !== undefined) {
    if (args[GROUP] !== undefined) {
      if (args[REPLACEMENT] !== undefined) return 4;
      if (args[REPLACEMENT_ATTRIBUTE] !== undefined) return 5;
      return "regexGroupName needs replacementValue (argument 5) or replacementAttributeName (argument 6)";
    }
    if (args[REPLACEMENT] !== undefined) return 3;
    return "regexPattern needs replacementValue (argument 5), or regexGroupName with replacementAttributeName";
  }
  if (args[OLD_VALUE] !== undefined) {
    if (args[REPLACEMENT] !== undefined) return 1;
    if (args[TEMPLATE] !== undefined) return 2;
    return "oldValue needs replacementValue (argument 5) or template (argument 7)";
  }
  return "give oldValue (argument 2) or regexPattern (argument 3)";
}

function check(args: readonly CheckArg[]): string | undefined {
  const given = (i: number): boolean => args[i] !== undefined;
  if (!given(SOURCE)) return "the source (argument 1) is required";
  if (given(OLD_VALUE) && given(PATTERN))
    return "give either oldValue (argument 2) or regexPattern (argument 3), not both";
  if (given(GROUP) && given(REPLACEMENT) && given(REPLACEMENT_ATTRIBUTE)) {
    return "with regexGroupName give either replacementValue (argument 5) or replacementAttributeName (argument 6), not both";
  }
  const mode = modeOf(args);
  if (typeof mode === "string") return mode;
  const pattern = literalText(args[PATTERN]);
  if (pattern === undefined) return undefined;
  const problem = dotNetRegexProblem(pattern);
  if (problem !== undefined) return problem;
  const group = literalText(args[GROUP]);
  if (group !== undefined && translateDotNetRegex(pattern).groupNumber(group) === undefined) {
    return `regexGroupName "${group}" is not a group of the pattern "${pattern}"`;
  }
  return undefined;
}

function groupNumberOf(pattern: string, groupArg: Arg, regex: DotNetRegex): number {
  const name = toText(groupArg) ?? "";
  const number = regex.groupNumber(name);
  if (number === undefined)
    throw evaluationError("Replace", `regexGroupName "${name}" is not a group of the pattern "${pattern}"`);
  return number;
}

/** Ordinal replace-all; "$" in the replacement is literal (a string replacement would expand $&). */
function replaceLiteral(text: string, oldValue: string, replacement: string): string {
  return replacement.includes("$")
    ? text.replaceAll(oldValue, () => replacement)
    : text.replaceAll(oldValue, replacement);
}

function call(args: readonly Arg[]): ReturnType<EagerFunctionDef["call"]> {
  const sourceArg = args[SOURCE];
  if (isFlowSignal(sourceArg)) return sourceArg;
  const mode = modeOf(args);
  if (typeof mode === "string") throw evaluationError("Replace", mode);
  const source = toText(sourceArg);

  if (mode === 5) {
    if (!isNullOrEmpty(source)) return source;
    const pattern = toText(args[PATTERN]);
    const input = toText(args[REPLACEMENT_ATTRIBUTE]);
    if (pattern === null || input === null) return null;
    const re = translateDotNetRegex(pattern);
    return firstGroupText(input, re.regex, re, groupNumberOf(pattern, args[GROUP], re));
  }
  if (source === null) return null;

  switch (mode) {
    case 1: {
      const oldValue = toText(args[OLD_VALUE]);
      if (oldValue === null || oldValue === "") return source; // .NET refuses an empty oldValue
      return replaceLiteral(source, oldValue, toText(args[REPLACEMENT]) ?? "");
    }
    case 2: {
      const oldValue = toText(args[OLD_VALUE]);
      const template = toText(args[TEMPLATE]);
      if (template === null) return null;
      if (oldValue === null || oldValue === "") return template;
      return replaceLiteral(template, oldValue, source);
    }
    case 3: {
      const pattern = toText(args[PATTERN]);
      if (pattern === null) return source;
      const re = translateDotNetRegex(pattern, GLOBAL);
      return replaceMatches(source, re.regex, re, re.replacement(toText(args[REPLACEMENT]) ?? ""));
    }
    case 4: {
      const pattern = toText(args[PATTERN]);
      if (pattern === null) return source;
      const re = translateDotNetRegex(pattern, GLOBAL_WITH_INDICES);
      const group = groupNumberOf(pattern, args[GROUP], re);
      return replaceGroupSpans(source, re.regex, re, group, toText(args[REPLACEMENT]) ?? "");
    }
  }
}

/**
 * Replace with a literal regexPattern and replacementValue (mode 3, the common form in
 * mappings), prepared when the expression is compiled: the pattern is translated and
 * the replacement parsed once, and the call is a function of the source alone. Behaves
 * exactly as `call` with those arguments. undefined when the arguments are not of that
 * form. `literals` are as FunctionDef.check receives them.
 */
export function specializeReplace(literals: readonly CheckArg[]): ((source: Arg) => Value) | undefined {
  if (modeOf(literals) !== 3) return undefined;
  const pattern = literals[PATTERN];
  const replacement = literals[REPLACEMENT];
  if (typeof pattern !== "string" || typeof replacement !== "string") return undefined;
  let re: DotNetRegex;
  try {
    re = translateDotNetRegex(pattern, GLOBAL);
  } catch {
    return undefined; // reported by check; left to the general call otherwise
  }
  // The shared RegExp has the g flag: replaceMatches (and String.prototype.replace) start at lastIndex 0 and leave it there.
  const regex = re.regex;
  const parts = re.replacement(replacement);
  return (sourceArg) => {
    if (isFlowSignal(sourceArg)) return sourceArg;
    const source = toText(sourceArg);
    if (source === null) return null;
    return replaceMatches(source, regex, re, parts);
  };
}

export const replaceFunction: EagerFunctionDef = {
  name: "Replace",
  minArgs: 3,
  maxArgs: 7,
  check,
  call,
};
