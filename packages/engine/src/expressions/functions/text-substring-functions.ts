/**
 * Left, Mid, Word and InStr. Positions count UTF-16 code units, as in .NET.
 */
import type { Arg, EagerFunctionDef, FunctionDef } from "../types.js";
import { isFlowSignal, toText } from "../values.js";
import {
  type CheckArg,
  checkIntegerLiteral,
  evaluationError,
  firstProblem,
  integerArg,
  literalText,
} from "./text-args.js";
import { NOT_LITERAL } from "../types.js";

/**
 * Left(string, numChars): "" for 0 characters, the whole input for a negative count,
 * "" for a NULL string, the whole string when it is shorter (all as documented).
 */
const left: EagerFunctionDef = {
  name: "Left",
  minArgs: 2,
  maxArgs: 2,
  check: (args) => checkIntegerLiteral(args[1], "numChars"),
  call: (args) => {
    const source = args[0];
    if (isFlowSignal(source)) return source;
    const count = integerArg(args[1], "Left", "numChars");
    const text = toText(source);
    if (text === null || count === 0) return "";
    return count < 0 || count >= text.length ? text : text.slice(0, count);
  },
};

/**
 * Mid(source, start, length): start is 1-based; a length past the end gives the rest;
 * a start past the end gives "". An omitted length means the rest of the string. A NULL
 * source stays NULL, so Join skips it. start < 1 or a negative length is an error, as
 * in VB's Mid.
 */
const mid: EagerFunctionDef = {
  name: "Mid",
  minArgs: 3,
  maxArgs: 3,
  check: (args) => firstProblem(checkIntegerLiteral(args[1], "start", 1), checkIntegerLiteral(args[2], "length", 0)),
  call: (args) => {
    const source = args[0];
    if (isFlowSignal(source)) return source;
    const start = integerArg(args[1], "Mid", "start");
    if (start < 1) throw evaluationError("Mid", `start is 1-based and must be at least 1, got ${start}`);
    const lengthArg = args[2];
    const length = lengthArg === undefined ? Number.POSITIVE_INFINITY : integerArg(lengthArg, "Mid", "length");
    if (length < 0) throw evaluationError("Mid", `length must not be negative, got ${length}`);
    const text = toText(source);
    if (text === null) return null;
    if (start === 1 && length >= text.length) return text;
    return text.slice(start - 1, start - 1 + length);
  },
};

/**
 * Word(string, wordNumber, delimiters): every character of `delimiters` separates words;
 * runs of delimiters do not make empty words (VB semantics). "" when wordNumber < 1, the
 * string is NULL, or there are fewer words. NULL or "" delimiters: the string is one word.
 */
const word: EagerFunctionDef = {
  name: "Word",
  minArgs: 3,
  maxArgs: 3,
  check: (args) => checkIntegerLiteral(args[1], "wordNumber"),
  call: (args) => {
    const source = args[0];
    if (isFlowSignal(source)) return source;
    const number = integerArg(args[1], "Word", "wordNumber");
    const text = toText(source);
    if (text === null || number < 1) return "";
    return nthWord(text, number, toText(args[2]) ?? "");
  },
};

function nthWord(text: string, number: number, delimiters: string): string {
  let seen = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && delimiters.includes(text.charAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !delimiters.includes(text.charAt(i))) i++;
    if (++seen === number) return text.slice(start, i);
  }
  return "";
}

// --- InStr --------------------------------------------------------------------------------

const BINARY_COMPARE = 0;
const TEXT_COMPARE = 1;

/** vbBinaryCompare (0) or vbTextCompare (1): the parser hands the bare names over as numbers; names as text are accepted too. */
function compareType(v: Arg): number | undefined {
  if (v === undefined || v === null) return BINARY_COMPARE;
  const text = toText(v)?.trim().toLowerCase();
  if (text === "0" || text === "vbbinarycompare") return BINARY_COMPARE;
  if (text === "1" || text === "vbtextcompare") return TEXT_COMPARE;
  return undefined;
}

function checkCompareType(v: CheckArg): string | undefined {
  if (v === NOT_LITERAL || compareType(v) !== undefined) return undefined;
  return `compareType must be vbBinaryCompare or vbTextCompare, got ${JSON.stringify(literalText(v) ?? String(v))}`;
}

/** Upper-cases each code unit on its own, so positions in the folded text are positions in the original. */
function foldCase(s: string): string {
  const whole = s.toUpperCase();
  if (whole.length === s.length) return whole;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s.charAt(i);
    const upper = ch.toUpperCase();
    out += upper.length === 1 ? upper : ch;
  }
  return out;
}

/**
 * InStr(value1, value2[, start[, compareType]]): the 1-based position of value2 in
 * value1 from `start` (1-based, default 1), or 0 when it is not found. Binary
 * (case-sensitive) by default, as in VB. A NULL value1 or value2 gives 0; an empty value2
 * gives `start` (VB), unless start is past the end.
 */
const inStr: EagerFunctionDef = {
  name: "InStr",
  minArgs: 2,
  maxArgs: 4,
  check: (args) => firstProblem(checkIntegerLiteral(args[2], "start", 1), checkCompareType(args[3])),
  call: (args) => {
    const [haystackArg, needleArg, startArg, compareArg] = args;
    if (isFlowSignal(haystackArg)) return haystackArg;
    const start = startArg === undefined || startArg === null ? 1 : integerArg(startArg, "InStr", "start");
    if (start < 1) throw evaluationError("InStr", `start is 1-based and must be at least 1, got ${start}`);
    const compare = compareType(compareArg);
    if (compare === undefined) {
      throw evaluationError(
        "InStr",
        `compareType must be vbBinaryCompare or vbTextCompare, got ${JSON.stringify(toText(compareArg))}`,
      );
    }
    const haystack = toText(haystackArg);
    const needle = toText(needleArg);
    if (haystack === null || needle === null || haystack === "" || start > haystack.length) return 0;
    if (needle === "") return start;
    const index =
      compare === BINARY_COMPARE
        ? haystack.indexOf(needle, start - 1)
        : foldCase(haystack).indexOf(foldCase(needle), start - 1);
    return index < 0 ? 0 : index + 1;
  },
};

export const textSubstringFunctions: readonly FunctionDef[] = [left, mid, word, inStr];
