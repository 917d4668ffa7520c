/**
 * FormatDateTime(source, dateTimeStyles, inputFormat, outputFormat): DateTime.ParseExact
 * with a .NET format, then ToString with another. Formats are compiled once and cached.
 * The 3-argument form of the guides and of Cloud Sync, FormatDateTime(source, inputFormat,
 * outputFormat), is accepted too: with 3 arguments the styles are the default ones.
 * An absent source stays absent; a source that does not match is an error.
 */
import {
  type DotNetDateFormat,
  type DotNetDateTime,
  DEFAULT_DATE_TIME_STYLES,
  compileDateFormat,
  compileDateTimeStyles,
  formatDotNetDateTime,
  parseExactDotNet,
} from "../dotnet-date-format.js";
import { type Arg, type EagerFunctionDef, NOT_LITERAL } from "../types.js";
import { isNull, toText } from "../values.js";
import { fromJsDate } from "./date-parse.js";
import { describeValue, evaluationError } from "./number-args.js";

type LiteralArg = Arg | typeof NOT_LITERAL;

/** Positions of the arguments: 4 with dateTimeStyles, 3 without (the guides' form). */
interface Positions {
  readonly styles: number | undefined;
  readonly inputFormat: number;
  readonly outputFormat: number;
}
const FOUR_ARGUMENTS: Positions = { styles: 1, inputFormat: 2, outputFormat: 3 };
const THREE_ARGUMENTS: Positions = { styles: undefined, inputFormat: 1, outputFormat: 2 };

function positionsOf(argCount: number): Positions {
  return argCount === 4 ? FOUR_ARGUMENTS : THREE_ARGUMENTS;
}

function checkFormat(argument: string, arg: LiteralArg): string | undefined {
  if (arg === NOT_LITERAL) return undefined;
  if (arg === undefined) return `${argument} is required`;
  const text = toText(arg);
  if (text === null) return `${argument} must be a .NET date/time format string`;
  const compiled = compileDateFormat(text);
  return compiled.ok
    ? undefined
    : `${argument} ${JSON.stringify(text)} is not a valid .NET date/time format: ${compiled.error}`;
}

function checkStyles(arg: LiteralArg): string | undefined {
  if (arg === NOT_LITERAL || arg === undefined) return undefined;
  const text = toText(arg);
  if (text === null) return undefined;
  const compiled = compileDateTimeStyles(text);
  return compiled.ok ? undefined : `dateTimeStyles ${JSON.stringify(text)} is not valid: ${compiled.error}`;
}

function formatArg(argument: string, value: Arg): DotNetDateFormat {
  const text = toText(value);
  if (text === null) {
    throw evaluationError("FormatDateTime", argument, "is NULL; it must be a .NET date/time format string", value);
  }
  const compiled = compileDateFormat(text);
  if (!compiled.ok) {
    const message = `${JSON.stringify(text)} is not a valid .NET date/time format: ${compiled.error}`;
    throw evaluationError("FormatDateTime", argument, message, value);
  }
  return compiled.value;
}

function stylesArg(value: Arg): number {
  const text = toText(value);
  if (text === null) return DEFAULT_DATE_TIME_STYLES;
  const compiled = compileDateTimeStyles(text);
  if (!compiled.ok) {
    throw evaluationError(
      "FormatDateTime",
      "dateTimeStyles",
      `${JSON.stringify(text)} is not valid: ${compiled.error}`,
      value,
    );
  }
  return compiled.value;
}

/** A compile-time parse only checks that the text matches; the date it defaults to does not matter. */
const NO_CLOCK = (): Date => new Date(0);

export const formatDateTimeFunction: EagerFunctionDef = {
  name: "FormatDateTime",
  minArgs: 3,
  maxArgs: 4,
  check: (args) => {
    const p = positionsOf(args.length);
    const source = args[0];
    const styles = p.styles === undefined ? undefined : args[p.styles];
    const inputFormat = args[p.inputFormat];
    const message =
      (source === undefined ? "source is required" : undefined) ??
      checkStyles(styles) ??
      checkFormat("inputFormat", inputFormat) ??
      checkFormat("outputFormat", args[p.outputFormat]);
    if (message !== undefined) return message;
    // A literal source that cannot match its literal input format is a mistake worth reporting now.
    if (source === NOT_LITERAL || source instanceof Date || inputFormat === NOT_LITERAL || styles === NOT_LITERAL) {
      return undefined;
    }
    const text = toText(source);
    const input = compileDateFormat(toText(inputFormat) ?? "");
    const styleFlags = compileDateTimeStyles(toText(styles) ?? "");
    if (text === null || !input.ok || !styleFlags.ok) return undefined;
    const parsed = parseExactDotNet(text, input.value, styleFlags.value, NO_CLOCK);
    return typeof parsed === "string"
      ? `source ${describeValue(text)} does not match the input format ${JSON.stringify(input.value.pattern)}: ${parsed}`
      : undefined;
  },
  call: (args, ctx) => {
    const p = positionsOf(args.length);
    const output = formatArg("outputFormat", args[p.outputFormat]);
    const source = args[0];
    // An absent source stays absent, so the target attribute is left out.
    if (isNull(source)) return null;
    let value: DotNetDateTime | undefined;
    if (source instanceof Date) {
      // A DateTime (from DateFromNum) needs no parsing.
      value = fromJsDate(source);
      if (value === undefined) throw evaluationError("FormatDateTime", "source", "is not a valid date", source);
    } else {
      const input = formatArg("inputFormat", args[p.inputFormat]);
      const styles = p.styles === undefined ? DEFAULT_DATE_TIME_STYLES : stylesArg(args[p.styles]);
      const text = toText(source) ?? "";
      const parsed = parseExactDotNet(text, input, styles, ctx.now);
      if (typeof parsed === "string") {
        const message = `${describeValue(text)} does not match the input format ${JSON.stringify(input.pattern)}: ${parsed}`;
        throw evaluationError("FormatDateTime", "source", message, source);
      }
      value = parsed;
    }
    return formatDotNetDateTime(value, output);
  },
};
