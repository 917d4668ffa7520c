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
import { dotNetRegexProblem, translateDotNetRegex } from "../dotnet-regex.js";
import type { Arg, EagerFunctionDef } from "../types.js";
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

/** The mode from the given positions, or a message saying what is missing. */
function modeOf(given: (i: number) => boolean): Mode | string {
  if (given(PATTERN)) {
    if (given(GROUP)) {
      if (given(REPLACEMENT)) return 4;
      if (given(REPLACEMENT_ATTRIBUTE)) return 5;
      return "regexGroupName needs replacementValue (argument 5) or replacementAttributeName (argument 6)";
    }
    if (given(REPLACEMENT)) return 3;
    return "regexPattern needs replacementValue (argument 5), or regexGroupName with replacementAttributeName";
  }
  if (given(OLD_VALUE)) {
    if (given(REPLACEMENT)) return 1;
    if (given(TEMPLATE)) return 2;
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
  const mode = modeOf(given);
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

function groupNumberOf(pattern: string, groupArg: Arg, regexGroupNumber: (name: string) => number | undefined): number {
  const name = toText(groupArg) ?? "";
  const number = regexGroupNumber(name);
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
  const mode = modeOf((i) => args[i] !== undefined);
  if (typeof mode === "string") throw evaluationError("Replace", mode);
  const source = toText(sourceArg);

  if (mode === 5) {
    if (!isNullOrEmpty(source)) return source;
    const pattern = toText(args[PATTERN]);
    const input = toText(args[REPLACEMENT_ATTRIBUTE]);
    if (pattern === null || input === null) return null;
    const re = translateDotNetRegex(pattern);
    return firstGroupText(
      input,
      re.regex,
      re,
      groupNumberOf(pattern, args[GROUP], (n) => re.groupNumber(n)),
    );
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
      const re = translateDotNetRegex(pattern, { global: true });
      return replaceMatches(source, re.regex, re, re.replacement(toText(args[REPLACEMENT]) ?? ""));
    }
    case 4: {
      const pattern = toText(args[PATTERN]);
      if (pattern === null) return source;
      const re = translateDotNetRegex(pattern, { global: true, indices: true });
      const group = groupNumberOf(pattern, args[GROUP], (n) => re.groupNumber(n));
      return replaceGroupSpans(source, re.regex, re, group, toText(args[REPLACEMENT]) ?? "");
    }
  }
}

export const replaceFunction: EagerFunctionDef = {
  name: "Replace",
  minArgs: 3,
  maxArgs: 7,
  check,
  call,
};
