/**
 * The lenient date/time parser behind CDate, DateAdd, DateDiff and NumFromDate: the
 * usual .NET DateTime.Parse forms of the invariant culture, converted to UTC.
 *
 *   2021-08-24   2021-06-30+08:00   2020-03-16-07:00   2009-06-15T01:45:30-07:00
 *   2012-01-01T23:00:00.1234567Z   2021-08-24 10:00:00   2021/08/24
 *   8/25/2021 5:41:18 PM   8/25/21   12/31/999   25 Aug 2021 10:00   August 25, 2021   Wed, 25 Aug 2021 17:41:18 GMT
 *
 * A value without an offset is taken as UTC (the service's local zone).
 */
import type { DotNetDateTime } from "../dotnet-date-format.js";
import type { Arg } from "../types.js";
import { toText } from "../values.js";
import {
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  TICKS_PER_MS,
  daysInMonth,
  epochMsOf,
  expandTwoDigitYear,
  isInDateTimeRange,
} from "./date-calendar.js";
import { describeValue, evaluationError } from "./number-args.js";

const WHITE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const COLON = 0x3a;
const DOT = 0x2e;
const COMMA = 0x2c;
const SLASH = 0x2f;
const MINUS = 0x2d;
const PLUS = 0x2b;

function isWhiteCode(c: number): boolean {
  return c === WHITE || (c >= TAB && c <= CR);
}

function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isLetterCode(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

const MONTH_WORDS: ReadonlyMap<string, number> = new Map(
  [
    ["jan", "january"],
    ["feb", "february"],
    ["mar", "march"],
    ["apr", "april"],
    ["may"],
    ["jun", "june"],
    ["jul", "july"],
    ["aug", "august"],
    ["sep", "sept", "september"],
    ["oct", "october"],
    ["nov", "november"],
    ["dec", "december"],
  ].flatMap((words, i) => words.map((w) => [w, i + 1] as const)),
);
const WEEKDAY_PREFIXES: ReadonlySet<string> = new Set(["sun", "mon", "tue", "wed", "thu", "fri", "sat"]);

/**
 * Cursor over the text, reading without allocating: numbers leave their value and digit
 * count in `value` and `length`.
 */
class DateScanner {
  pos = 0;
  value = 0;
  length = 0;
  constructor(readonly text: string) {}

  code(): number {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }

  /** Skips white space; true when there was some. */
  skipWhite(): boolean {
    const start = this.pos;
    while (isWhiteCode(this.code())) this.pos++;
    return this.pos > start;
  }

  skip(code: number): boolean {
    if (this.code() !== code) return false;
    this.pos++;
    return true;
  }

  /** Skips a "-" or "/" between date parts. */
  skipDateSeparator(): boolean {
    const c = this.code();
    if (c !== MINUS && c !== SLASH) return false;
    this.pos++;
    return true;
  }

  /** Reads a run of up to `max` digits; false when it is shorter than `min`. */
  number(min: number, max: number): boolean {
    const start = this.pos;
    let value = 0;
    while (this.pos - start < max && isDigitCode(this.code())) {
      value = value * 10 + (this.text.charCodeAt(this.pos) - 0x30);
      this.pos++;
    }
    this.value = value;
    this.length = this.pos - start;
    return this.length >= min;
  }

  /** Reads a run of ASCII letters, lower-cased. */
  word(): string {
    const start = this.pos;
    while (isLetterCode(this.code())) this.pos++;
    return this.text.slice(start, this.pos).toLowerCase();
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }
}

/** What follows the date: time of day (without its fraction), the fraction in ticks, and the offset. */
interface Tail {
  msOfDay: number;
  ticks: number;
  offsetMinutes: number;
}

/** Reads the optional time, AM/PM and zone after the date up to the end of the text, into `out`. */
function parseTail(s: DateScanner, out: Tail): boolean {
  const hadWhite = s.skipWhite();
  let needTime = false;
  const c = s.code();
  if (c === 0x54 || c === 0x74) {
    // "T" / "t" separates date and time
    s.pos++;
    s.skipWhite();
    needTime = true;
  }
  if (needTime || (hadWhite && isDigitCode(s.code()))) {
    if (!s.number(1, 2)) return false;
    let hour = s.value;
    if (!s.skip(COLON) || !s.number(1, 2)) return false;
    const minute = s.value;
    let second = 0;
    let ticks = 0;
    if (s.skip(COLON)) {
      if (!s.number(1, 2)) return false;
      second = s.value;
      const f = s.code();
      if ((f === DOT || f === COMMA) && isDigitCode(s.text.charCodeAt(s.pos + 1))) {
        s.pos++;
        ticks = fractionTicks(s);
      }
    }
    const beforeMeridiem = s.pos;
    s.skipWhite();
    const m = s.code() | 0x20; // lower-case letter
    if ((m === 0x61 || m === 0x70) && isMeridiem(s)) {
      if (hour > 12) return false;
      hour = m === 0x70 ? (hour === 12 ? 12 : hour + 12) : hour === 12 ? 0 : hour;
    } else {
      s.pos = beforeMeridiem;
    }
    if (hour > 23 || minute > 59 || second > 59) return false;
    out.msOfDay = hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * MS_PER_SECOND;
    out.ticks = ticks;
  }
  s.skipWhite();
  if (!s.atEnd()) {
    const offset = parseZone(s);
    if (offset === undefined) return false;
    out.offsetMinutes = offset;
    s.skipWhite();
  }
  return s.atEnd();
}

/** "AM", "PM", "a.m.", "P.M."; advances past it when it is one. */
function isMeridiem(s: DateScanner): boolean {
  const start = s.pos;
  s.pos++;
  s.skip(DOT);
  if ((s.code() | 0x20) === 0x6d) {
    s.pos++;
    s.skip(DOT);
    if (!isLetterCode(s.code())) return true;
  }
  s.pos = start;
  return false;
}

/** Ticks (100 ns) of the fraction digits at the cursor, any number of them, rounded at the 8th like .NET. */
function fractionTicks(s: DateScanner): number {
  let ticks = 0;
  let digits = 0;
  let roundUp = false;
  while (isDigitCode(s.code())) {
    const d = s.text.charCodeAt(s.pos) - 0x30;
    if (digits < 7) ticks = ticks * 10 + d;
    else if (digits === 7) roundUp = d >= 5;
    digits++;
    s.pos++;
  }
  for (let i = digits; i < 7; i++) ticks *= 10;
  return roundUp ? ticks + 1 : ticks;
}

/** Minutes east of UTC: "Z", "GMT", "UTC", "+8", "-07", "-07:00", "+0530", "+530"; undefined when invalid. */
function parseZone(s: DateScanner): number | undefined {
  const c = s.code();
  if (c === PLUS || c === MINUS) {
    s.pos++;
    if (!s.number(1, 4)) return undefined;
    let hours = s.value;
    let minutes = 0;
    if (s.length > 2) {
      hours = Math.floor(s.value / 100);
      minutes = s.value % 100;
    } else if (s.skip(COLON)) {
      if (!s.number(2, 2)) return undefined;
      minutes = s.value;
    }
    if (minutes >= 60 || hours * 60 + minutes > 14 * 60) return undefined;
    return c === MINUS ? -(hours * 60 + minutes) : hours * 60 + minutes;
  }
  const word = s.word();
  return word === "z" || word === "gmt" || word === "utc" ? 0 : undefined;
}

/** The date part: year-first, month-first, "d MMM yyyy" or "MMM d, yyyy", after an optional weekday. */
function parseDate(s: DateScanner, out: { year: number; month: number; day: number }): boolean {
  if (isLetterCode(s.code())) {
    const start = s.pos;
    const word = s.word();
    if (WEEKDAY_PREFIXES.has(word.slice(0, 3)) && !MONTH_WORDS.has(word)) {
      s.skip(DOT);
      s.skip(COMMA);
      if (!s.skipWhite()) return false;
    } else {
      s.pos = start;
    }
  }
  if (isLetterCode(s.code())) {
    // MMM d, yyyy
    const month = MONTH_WORDS.get(s.word());
    if (month === undefined) return false;
    s.skip(DOT);
    if (!s.skipWhite() || !s.number(1, 2)) return false;
    const day = s.value;
    s.skip(COMMA);
    if (!s.skipWhite() || !s.number(4, 4)) return false;
    out.year = s.value;
    out.month = month;
    out.day = day;
    return true;
  }
  if (!s.number(1, 4)) return false;
  const first = s.value;
  if (s.length === 4) {
    // yyyy-M-d, yyyy/M/d
    if (!s.skipDateSeparator() || !s.number(1, 2)) return false;
    const month = s.value;
    if (!s.skipDateSeparator() || !s.number(1, 2)) return false;
    out.year = first;
    out.month = month;
    out.day = s.value;
    return true;
  }
  if (s.length > 2) return false;
  const sep = s.code();
  if ((sep === MINUS || sep === SLASH) && isDigitCode(s.text.charCodeAt(s.pos + 1))) {
    // M/d/yyyy, M-d-yyyy, M/d/yy
    s.pos++;
    if (!s.number(1, 2)) return false;
    const day = s.value;
    // Two-digit years use the 2049 window; three or four digits are the year itself.
    if (!s.skip(sep) || !s.number(2, 4)) return false;
    out.year = s.length === 2 ? expandTwoDigitYear(s.value) : s.value;
    out.month = first;
    out.day = day;
    return true;
  }
  // d MMM yyyy, d-MMM-yyyy
  let separated = false;
  while (isWhiteCode(s.code()) || s.code() === MINUS) {
    s.pos++;
    separated = true;
  }
  const month = MONTH_WORDS.get(s.word());
  if (!separated || month === undefined) return false;
  s.skip(DOT);
  s.skip(COMMA);
  separated = false;
  while (isWhiteCode(s.code()) || s.code() === MINUS) {
    s.pos++;
    separated = true;
  }
  if (!separated || !s.number(4, 4)) return false;
  out.year = s.value;
  out.month = month;
  out.day = first;
  return true;
}

/** Parses one of the supported forms into a UTC DateTime; undefined when the text is none of them. */
export function parseDateTimeText(text: string): DotNetDateTime | undefined {
  const s = new DateScanner(text);
  s.skipWhite();
  const date = { year: 0, month: 0, day: 0 };
  if (!parseDate(s, date)) return undefined;
  const { year, month, day } = date;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const tail: Tail = { msOfDay: 0, ticks: 0, offsetMinutes: 0 };
  if (!parseTail(s, tail)) return undefined;
  const epochMs =
    epochMsOf(year, month, day, tail.msOfDay) +
    Math.floor(tail.ticks / TICKS_PER_MS) -
    tail.offsetMinutes * MS_PER_MINUTE;
  if (!isInDateTimeRange(epochMs)) return undefined;
  return { epochMs, subMsTicks: tail.ticks % TICKS_PER_MS, kind: "utc" };
}

/** Text examples used in error messages. */
export const DATE_FORMS_HINT =
  "use a form such as 2021-06-30, 2021-06-30+08:00, 2009-06-15T01:45:30-07:00 or 8/25/2021 5:41:18 PM";

/** A JS Date (from DateFromNum) as a UTC DateTime; undefined when it is invalid or out of range. */
export function fromJsDate(date: Date): DotNetDateTime | undefined {
  const epochMs = date.getTime();
  return Number.isFinite(epochMs) && isInDateTimeRange(epochMs) ? { epochMs, subMsTicks: 0, kind: "utc" } : undefined;
}

/**
 * A date argument: a Date, or text in one of the supported forms (the text CDate, DateAdd
 * and Now return included). NULL and unparseable values throw an error naming the value.
 */
export function dateArg(fn: string, argument: string, value: Arg): DotNetDateTime {
  if (value instanceof Date) {
    const parsed = fromJsDate(value);
    if (parsed === undefined)
      throw evaluationError(fn, argument, "is not a valid date between years 1 and 9999", value);
    return parsed;
  }
  const text = toText(value);
  if (text === null) {
    throw evaluationError(
      fn,
      argument,
      `is NULL (the attribute is absent); guard it, e.g. Switch([attr], [attr], "", "9999-12-31")`,
      value,
    );
  }
  const parsed = parseDateTimeText(text);
  if (parsed === undefined) {
    throw evaluationError(fn, argument, `${describeValue(value)} is not a valid date/time; ${DATE_FORMS_HINT}`, value);
  }
  return parsed;
}
