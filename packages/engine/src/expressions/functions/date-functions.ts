/**
 * Date functions: CDate, DateAdd, DateDiff, DateFromNum, FormatDateTime, Now, NumFromDate.
 * Dates travel between functions as the text "M/d/yyyy h:mm:ss tt" (UTC); DateFromNum
 * hands over a Date, which every date argument accepts as well.
 */
import type { DotNetDateTime } from "../dotnet-date-format.js";
import { type Arg, type EagerFunctionDef, type FunctionDef, NOT_LITERAL } from "../types.js";
import { formatUsDateTime, isNull, toText } from "../values.js";
import { MAX_FILETIME, dateOfFileTime, fileTimeOf } from "./date-filetime.js";
import { formatDateTimeFunction } from "./date-format-datetime.js";
import { type DateInterval, INTERVAL_LIST, addInterval, diffInterval, parseInterval } from "./date-intervals.js";
import { DATE_FORMS_HINT, dateArg, parseDateTimeText } from "./date-parse.js";
import {
  bigIntegerToValue,
  describeValue,
  evaluationError,
  integerArg,
  toBigInteger,
  toSafeInteger,
} from "./number-args.js";

type LiteralArg = Arg | typeof NOT_LITERAL;

/** The text form every date function returns. */
function usText(value: DotNetDateTime): string {
  return formatUsDateTime(new Date(value.epochMs));
}

// ---------------------------------------------------------------------------------------
// Compile-time checks of literal arguments (computed ones are NOT_LITERAL and pass)

function checkDate(argument: string, arg: LiteralArg): string | undefined {
  if (arg === NOT_LITERAL || arg instanceof Date) return undefined;
  if (arg === undefined) return `${argument} is required`;
  const text = toText(arg);
  if (text === null) return `${argument} must be a date, not ${describeValue(arg)}`;
  return parseDateTimeText(text) === undefined
    ? `${argument} ${describeValue(arg)} is not a valid date/time; ${DATE_FORMS_HINT}`
    : undefined;
}

function checkInterval(arg: LiteralArg): string | undefined {
  if (arg === NOT_LITERAL) return undefined;
  if (arg === undefined) return "interval is required";
  const text = toText(arg);
  return text !== null && parseInterval(text) !== undefined
    ? undefined
    : `interval ${describeValue(arg)} is not supported; use ${INTERVAL_LIST}`;
}

function checkWholeNumber(argument: string, arg: LiteralArg): string | undefined {
  if (arg === NOT_LITERAL) return undefined;
  if (arg === undefined) return `${argument} is required`;
  return toSafeInteger(arg) === undefined ? `${argument} must be a whole number, got ${describeValue(arg)}` : undefined;
}

function firstMessage(...messages: (string | undefined)[]): string | undefined {
  return messages.find((m) => m !== undefined);
}

// ---------------------------------------------------------------------------------------
// Runtime argument coercion

function intervalArg(fn: string, value: Arg): DateInterval {
  const text = toText(value);
  const interval = text === null ? undefined : parseInterval(text);
  if (interval === undefined) {
    throw evaluationError(fn, "interval", `${describeValue(value)} is not supported; use ${INTERVAL_LIST}`, value);
  }
  return interval;
}

// ---------------------------------------------------------------------------------------

const cdate: EagerFunctionDef = {
  name: "CDate",
  minArgs: 1,
  maxArgs: 1,
  check: (args) => checkDate("expression", args[0]),
  call: (args) => usText(dateArg("CDate", "expression", args[0])),
};

const now: EagerFunctionDef = {
  name: "Now",
  minArgs: 0,
  maxArgs: 0,
  pure: false,
  call: (_args, ctx) => formatUsDateTime(ctx.now()),
};

const dateAdd: EagerFunctionDef = {
  name: "DateAdd",
  minArgs: 3,
  maxArgs: 3,
  check: (args) =>
    firstMessage(checkInterval(args[0]), checkWholeNumber("value", args[1]), checkDate("dateTime", args[2])),
  call: (args) => {
    const interval = intervalArg("DateAdd", args[0]);
    const amount = integerArg("DateAdd", "value", args[1]);
    const date = dateArg("DateAdd", "dateTime", args[2]);
    const result = addInterval(date, interval, amount);
    if (result === undefined) {
      throw evaluationError(
        "DateAdd",
        "value",
        `${amount} "${interval}" moves ${usText(date)} outside years 1–9999`,
        args[1],
      );
    }
    return usText(result);
  },
};

const dateDiff: EagerFunctionDef = {
  name: "DateDiff",
  minArgs: 3,
  maxArgs: 3,
  check: (args) => firstMessage(checkInterval(args[0]), checkDate("date1", args[1]), checkDate("date2", args[2])),
  call: (args) => {
    const interval = intervalArg("DateDiff", args[0]);
    return diffInterval(interval, dateArg("DateDiff", "date1", args[1]), dateArg("DateDiff", "date2", args[2]));
  },
};

/** AD's "never expires" value, worth naming when someone converts it. */
const NEVER_EXPIRES = 9_223_372_036_854_775_807n;

const dateFromNum: EagerFunctionDef = {
  name: "DateFromNum",
  minArgs: 1,
  maxArgs: 1,
  check: (args) => {
    const arg = args[0];
    if (arg === NOT_LITERAL) return undefined;
    if (arg === undefined) return "value is required";
    const ticks = toBigInteger(arg);
    if (ticks === undefined) return `value must be an AD FILETIME integer, got ${describeValue(arg)}`;
    return dateOfFileTime(ticks) === undefined ? fileTimeRangeMessage(ticks) : undefined;
  },
  call: (args) => {
    const value = args[0];
    // An absent attribute (e.g. lastLogonTimestamp never set) stays absent.
    if (isNull(value)) return null;
    const ticks = toBigInteger(value);
    if (ticks === undefined) {
      throw evaluationError(
        "DateFromNum",
        "value",
        `must be an AD FILETIME integer, got ${describeValue(value)}`,
        value,
      );
    }
    const date = dateOfFileTime(ticks);
    if (date === undefined) throw evaluationError("DateFromNum", "value", fileTimeRangeMessage(ticks), value);
    return date;
  },
};

function fileTimeRangeMessage(ticks: bigint): string {
  const never = ticks === NEVER_EXPIRES ? ' (AD uses it for "never expires")' : "";
  return `${ticks}${never} is outside the FILETIME range of a date, 0 … ${MAX_FILETIME} (1601-01-01 … 9999-12-31)`;
}

const numFromDate: EagerFunctionDef = {
  name: "NumFromDate",
  minArgs: 1,
  maxArgs: 1,
  check: (args) => checkDate("value", args[0]),
  call: (args) => {
    const date = dateArg("NumFromDate", "value", args[0]);
    const ticks = fileTimeOf(date);
    if (ticks === undefined) {
      throw evaluationError(
        "NumFromDate",
        "value",
        `${usText(date)} is before 1601-01-01, which FILETIME cannot express`,
        args[0],
      );
    }
    return bigIntegerToValue(ticks);
  },
};

export const dateFunctions: readonly FunctionDef[] = [
  cdate,
  dateAdd,
  dateDiff,
  dateFromNum,
  formatDateTimeFunction,
  now,
  numFromDate,
];
