/**
 * .NET custom date/time format strings (invariant culture): a compiler from pattern to
 * tokens, DateTime.ToString(format) and DateTime.ParseExact(text, format, styles).
 *
 * The provisioning service's local time zone is UTC, so a parsed offset is converted to
 * UTC, Local and Utc kinds share one clock, and `z`/`zz`/`zzz` always print +00:00.
 * Compiled patterns are cached, so a literal format is parsed once, not on every call.
 */
import {
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  TICKS_PER_MS,
  civilFromDays,
  dayNumber,
  dayOfWeek,
  daysInMonth,
  epochMsOf,
  expandTwoDigitYear,
  isInDateTimeRange,
} from "./functions/date-calendar.js";

export type DateTimeKind = "unspecified" | "utc" | "local";

/** A .NET DateTime: 100-ns precision, years 1–9999, with its Kind. */
export interface DotNetDateTime {
  /** Wall-clock milliseconds since 1970-01-01, read in UTC (the service's local zone). */
  readonly epochMs: number;
  /** 100-ns ticks below the millisecond, 0–9999. */
  readonly subMsTicks: number;
  readonly kind: DateTimeKind;
}

/** System.Globalization.DateTimeStyles. */
export const DATE_TIME_STYLES = {
  None: 0,
  AllowLeadingWhite: 1,
  AllowTrailingWhite: 2,
  AllowInnerWhite: 4,
  AllowWhiteSpaces: 7,
  NoCurrentDateDefault: 8,
  AdjustToUniversal: 16,
  AssumeLocal: 32,
  AssumeUniversal: 64,
  RoundtripKind: 128,
} as const;

/** What an empty dateTimeStyles argument means in FormatDateTime. */
export const DEFAULT_DATE_TIME_STYLES =
  DATE_TIME_STYLES.RoundtripKind | DATE_TIME_STYLES.AllowLeadingWhite | DATE_TIME_STYLES.AllowTrailingWhite;

export type Compiled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

// ---------------------------------------------------------------------------------------
// Format compilation

type CountedField = "year" | "month" | "day" | "hour12" | "hour24" | "minute" | "second" | "ampm" | "offset" | "era";

export type DateFormatTokenKind = CountedField | "literal" | "fraction" | "roundtripKind" | "utcDesignator";

/**
 * One piece of a compiled format. Every token has every field: one object shape keeps the
 * format and parse loops monomorphic.
 * - fraction: f (exact digits) or F (`trimZeros`); `optionalDot` is an unquoted "." right before an F run
 * - roundtripKind: K, "Z" for Utc, "+00:00" for Local, nothing for Unspecified
 * - utcDesignator: unquoted Z (and GMT of the "r" pattern), printed as is, marks UTC when parsing
 */
export interface DateFormatToken {
  readonly kind: DateFormatTokenKind;
  /** How often the specifier letter repeats (1 for the others). */
  readonly count: number;
  /** Literal text, or the spelling of the UTC designator. */
  readonly text: string;
  readonly trimZeros: boolean;
  readonly optionalDot: boolean;
}

function token(
  kind: DateFormatTokenKind,
  count = 1,
  text = "",
  trimZeros = false,
  optionalDot = false,
): DateFormatToken {
  return { kind, count, text, trimZeros, optionalDot };
}

export interface DotNetDateFormat {
  readonly pattern: string;
  readonly tokens: readonly DateFormatToken[];
}

/** Standard (one-character) formats of the invariant culture, as custom patterns. */
const STANDARD_FORMATS: Readonly<Record<string, string>> = {
  d: "MM/dd/yyyy",
  D: "dddd, dd MMMM yyyy",
  f: "dddd, dd MMMM yyyy HH:mm",
  F: "dddd, dd MMMM yyyy HH:mm:ss",
  g: "MM/dd/yyyy HH:mm",
  G: "MM/dd/yyyy HH:mm:ss",
  m: "MMMM dd",
  M: "MMMM dd",
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  r: "ddd, dd MMM yyyy HH':'mm':'ss ",
  R: "ddd, dd MMM yyyy HH':'mm':'ss ",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: "HH:mm",
  T: "HH:mm:ss",
  u: "yyyy'-'MM'-'dd HH':'mm':'ss",
  U: "dddd, dd MMMM yyyy HH:mm:ss",
  y: "yyyy MMMM",
  Y: "yyyy MMMM",
};
/** Standard formats ending in a UTC designator that a custom pattern cannot spell. */
const STANDARD_UTC_SUFFIX: Readonly<Record<string, string>> = { r: "GMT", R: "GMT", u: "Z" };

const COUNTED_FIELDS: Readonly<Record<string, CountedField>> = {
  y: "year",
  M: "month",
  d: "day",
  h: "hour12",
  H: "hour24",
  m: "minute",
  s: "second",
  t: "ampm",
  z: "offset",
  g: "era",
};

const MAX_FRACTION_DIGITS = 7;

function tokenize(pattern: string): Compiled<DateFormatToken[]> {
  const tokens: DateFormatToken[] = [];
  let literal = "";
  const flush = (): void => {
    if (literal !== "") tokens.push(token("literal", 1, literal));
    literal = "";
  };
  const n = pattern.length;
  let i = 0;
  while (i < n) {
    const c = pattern[i] as string;
    const field = COUNTED_FIELDS[c];
    if (field !== undefined) {
      let end = i + 1;
      while (end < n && pattern[end] === c) end++;
      flush();
      tokens.push(token(field, end - i));
      i = end;
      continue;
    }
    switch (c) {
      case "f":
      case "F": {
        let end = i + 1;
        while (end < n && pattern[end] === c) end++;
        if (end - i > MAX_FRACTION_DIGITS) {
          return {
            ok: false,
            error: `"${c.repeat(end - i)}" asks for more than ${MAX_FRACTION_DIGITS} fraction digits`,
          };
        }
        flush();
        tokens.push(token("fraction", end - i, "", c === "F"));
        i = end;
        break;
      }
      case ".": {
        if (pattern[i + 1] === "F") {
          let end = i + 2;
          while (end < n && pattern[end] === "F") end++;
          const count = end - i - 1;
          if (count > MAX_FRACTION_DIGITS) {
            return {
              ok: false,
              error: `"${"F".repeat(count)}" asks for more than ${MAX_FRACTION_DIGITS} fraction digits`,
            };
          }
          flush();
          tokens.push(token("fraction", count, "", true, true));
          i = end;
        } else {
          literal += c;
          i++;
        }
        break;
      }
      case "K":
        flush();
        tokens.push(token("roundtripKind"));
        i++;
        break;
      case "Z":
        flush();
        tokens.push(token("utcDesignator", 1, "Z"));
        i++;
        break;
      case "'":
      case '"': {
        let j = i + 1;
        let closed = false;
        while (j < n) {
          const q = pattern[j] as string;
          if (q === c) {
            closed = true;
            break;
          }
          if (q === "\\") {
            if (j + 1 >= n) break;
            literal += pattern[j + 1];
            j += 2;
          } else {
            literal += q;
            j++;
          }
        }
        if (!closed) return { ok: false, error: `the quoted text starting at position ${i + 1} is not closed` };
        i = j + 1;
        break;
      }
      case "\\":
        if (i + 1 >= n) return { ok: false, error: "it ends with a lone backslash" };
        literal += pattern[i + 1];
        i += 2;
        break;
      case "%":
        // "%d" makes a single specifier a custom format; the next character is read normally.
        if (i + 1 >= n || pattern[i + 1] === "%") {
          return { ok: false, error: `"%" at position ${i + 1} must be followed by one format specifier` };
        }
        i++;
        break;
      default:
        // ':' and '/' are the invariant separators, i.e. themselves; other characters are literal.
        literal += c;
        i++;
    }
  }
  flush();
  return { ok: true, value: tokens };
}

function compileUncached(pattern: string): Compiled<DotNetDateFormat> {
  if (pattern.length === 0) return { ok: false, error: "the format is empty" };
  let custom = pattern;
  let utcSuffix: string | undefined;
  if (pattern.length === 1) {
    const standard = STANDARD_FORMATS[pattern];
    if (standard === undefined) {
      return {
        ok: false,
        error: `"${pattern}" is not a standard format; write "%${pattern}" for a single custom specifier`,
      };
    }
    custom = standard;
    utcSuffix = STANDARD_UTC_SUFFIX[pattern];
  }
  const tokens = tokenize(custom);
  if (!tokens.ok) return tokens;
  if (utcSuffix !== undefined) tokens.value.push(token("utcDesignator", 1, utcSuffix));
  return { ok: true, value: { pattern, tokens: tokens.value } };
}

const FORMAT_CACHE_LIMIT = 512;
const formatCache = new Map<string, Compiled<DotNetDateFormat>>();

/** Compiles (once, then from cache) a .NET standard or custom date/time format string. */
export function compileDateFormat(pattern: string): Compiled<DotNetDateFormat> {
  let compiled = formatCache.get(pattern);
  if (compiled === undefined) {
    compiled = compileUncached(pattern);
    // Computed formats could grow the cache without bound; literal ones are few.
    if (formatCache.size >= FORMAT_CACHE_LIMIT) formatCache.clear();
    formatCache.set(pattern, compiled);
  }
  return compiled;
}

// ---------------------------------------------------------------------------------------
// DateTimeStyles

const STYLE_NAMES: ReadonlyMap<string, number> = new Map(
  Object.entries(DATE_TIME_STYLES).map(([name, flag]) => [name.toLowerCase(), flag] as const),
);
const STYLE_SEPARATOR = /[\s,|]+/;
const styleCache = new Map<string, Compiled<number>>();

function compileStylesUncached(text: string): Compiled<number> {
  const trimmed = text.trim();
  let flags = 0;
  if (/^\d+$/.test(trimmed)) {
    flags = Number.parseInt(trimmed, 10);
    if (flags > 255) return { ok: false, error: `${trimmed} is not a DateTimeStyles value (0–255)` };
  } else {
    for (const part of trimmed.split(STYLE_SEPARATOR)) {
      if (part === "") continue;
      const name = part.toLowerCase().replace(/^(?:system\.globalization\.)?datetimestyles\./, "");
      const flag = STYLE_NAMES.get(name);
      if (flag === undefined) {
        return {
          ok: false,
          error: `"${part}" is not a DateTimeStyles name (${Object.keys(DATE_TIME_STYLES).join(", ")})`,
        };
      }
      flags |= flag;
    }
  }
  const s = DATE_TIME_STYLES;
  if (flags & s.RoundtripKind && flags & (s.AdjustToUniversal | s.AssumeLocal | s.AssumeUniversal)) {
    return {
      ok: false,
      error: "RoundtripKind cannot be combined with AdjustToUniversal, AssumeLocal or AssumeUniversal",
    };
  }
  if (flags & s.AssumeLocal && flags & s.AssumeUniversal) {
    return { ok: false, error: "AssumeLocal and AssumeUniversal exclude each other" };
  }
  return { ok: true, value: flags };
}

/**
 * Parses a DateTimeStyles argument: names separated by commas, "|" or spaces
 * ("AdjustToUniversal, AllowWhiteSpaces", "DateTimeStyles.RoundtripKind"), or the numeric value.
 * An empty text means the FormatDateTime default.
 */
export function compileDateTimeStyles(text: string): Compiled<number> {
  if (text.trim() === "") return { ok: true, value: DEFAULT_DATE_TIME_STYLES };
  let compiled = styleCache.get(text);
  if (compiled === undefined) {
    compiled = compileStylesUncached(text);
    if (styleCache.size >= FORMAT_CACHE_LIMIT) styleCache.clear();
    styleCache.set(text, compiled);
  }
  return compiled;
}

// ---------------------------------------------------------------------------------------
// Names (invariant culture)

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;
const MONTH_ABBREVIATIONS = MONTH_NAMES.map((m) => m.slice(0, 3));
const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
const DAY_ABBREVIATIONS = DAY_NAMES.map((d) => d.slice(0, 3));

// ---------------------------------------------------------------------------------------
// Formatting

/** "00" … "99": most fields print with two digits, and this skips padStart on the hot path. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));

function pad(value: number, width: number): string {
  if (width === 2 && value < 100) return TWO_DIGITS[value] as string;
  return String(value).padStart(width, "0");
}

const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000] as const;

/** DateTime.ToString(format, CultureInfo.InvariantCulture). */
export function formatDotNetDateTime(value: DotNetDateTime, format: DotNetDateFormat): string {
  const days = dayNumber(value.epochMs);
  const msOfDay = value.epochMs - days * MS_PER_DAY;
  const date = civilFromDays(days);
  const hour = Math.floor(msOfDay / MS_PER_HOUR);
  const minute = Math.floor((msOfDay % MS_PER_HOUR) / MS_PER_MINUTE);
  const second = Math.floor((msOfDay % MS_PER_MINUTE) / MS_PER_SECOND);
  const fractionTicks = (msOfDay % MS_PER_SECOND) * TICKS_PER_MS + value.subMsTicks;
  let out = "";
  for (const token of format.tokens) {
    switch (token.kind) {
      case "literal":
      case "utcDesignator":
        out += token.text;
        break;
      case "year":
        out += token.count <= 2 ? pad(date.year % 100, token.count) : pad(date.year, token.count);
        break;
      case "month":
        out +=
          token.count <= 2
            ? pad(date.month, token.count)
            : ((token.count === 3 ? MONTH_ABBREVIATIONS : MONTH_NAMES)[date.month - 1] as string);
        break;
      case "day":
        out +=
          token.count <= 2
            ? pad(date.day, token.count)
            : ((token.count === 3 ? DAY_ABBREVIATIONS : DAY_NAMES)[dayOfWeek(days)] as string);
        break;
      case "hour12":
        out += pad(hour % 12 === 0 ? 12 : hour % 12, Math.min(token.count, 2));
        break;
      case "hour24":
        out += pad(hour, Math.min(token.count, 2));
        break;
      case "minute":
        out += pad(minute, Math.min(token.count, 2));
        break;
      case "second":
        out += pad(second, Math.min(token.count, 2));
        break;
      case "fraction": {
        let digits = pad(Math.floor(fractionTicks / (POW10[MAX_FRACTION_DIGITS - token.count] as number)), token.count);
        if (token.trimZeros) {
          let end = digits.length;
          while (end > 0 && digits[end - 1] === "0") end--;
          digits = digits.slice(0, end);
          // .NET drops a "." that would be left dangling before an empty F fraction.
          if (digits === "" && out.endsWith(".")) out = out.slice(0, -1);
        }
        if (digits !== "") out += token.optionalDot ? `.${digits}` : digits;
        break;
      }
      case "ampm":
        out += token.count === 1 ? (hour < 12 ? "A" : "P") : hour < 12 ? "AM" : "PM";
        break;
      case "offset":
        // Utc kind has offset zero, Local and Unspecified use the local zone, which is UTC.
        out += token.count === 1 ? "+0" : token.count === 2 ? "+00" : "+00:00";
        break;
      case "roundtripKind":
        out += value.kind === "utc" ? "Z" : value.kind === "local" ? "+00:00" : "";
        break;
      case "era":
        out += "A.D.";
        break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Exact parsing

function isWhite(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Mutable cursor over the text being parsed. */
class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  skipWhite(): void {
    while (this.pos < this.text.length && isWhite(this.text.charCodeAt(this.pos))) this.pos++;
  }

  /** Reads min..max digits greedily; -1 when fewer than min are there. */
  digits(min: number, max: number): number {
    const start = this.pos;
    let value = 0;
    while (this.pos - start < max && this.pos < this.text.length) {
      const code = this.text.charCodeAt(this.pos);
      if (!isDigitCode(code)) break;
      value = value * 10 + (code - 0x30);
      this.pos++;
    }
    if (this.pos - start < min) {
      this.pos = start;
      return -1;
    }
    return value;
  }

  /** Case-insensitive match of one of `words`, longest first; the index or -1. */
  word(words: readonly string[]): number {
    let best = -1;
    let bestLength = 0;
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      if (w.length > bestLength && this.text.slice(this.pos, this.pos + w.length).toLowerCase() === w.toLowerCase()) {
        best = i;
        bestLength = w.length;
      }
    }
    this.pos += bestLength;
    return best;
  }

  /** +hh, +h, +hh:mm, +hhmm as minutes east of UTC; undefined when not there or invalid. */
  offset(count: number): number | undefined {
    const sign = this.text[this.pos];
    if (sign !== "+" && sign !== "-") return undefined;
    this.pos++;
    let minutes = 0;
    const hours = count === 2 ? this.digits(2, 2) : this.digits(1, 2);
    if (hours < 0) return undefined;
    if (count >= 3) {
      if (this.text[this.pos] === ":") this.pos++;
      minutes = this.digits(2, 2);
      if (minutes < 0 || minutes >= 60) return undefined;
    }
    const total = hours * 60 + minutes;
    if (total > 14 * 60) return undefined;
    return sign === "-" ? -total : total;
  }
}

/** Where a parse failed, for messages. */
function at(s: Scanner): string {
  return `at position ${s.pos + 1}`;
}

const UTC_WORDS = ["Z", "GMT"] as const;
const ERA_WORDS = ["A.D.", "AD"] as const;
const AMPM_WORDS = ["AM", "PM"] as const;
const AMPM_LETTERS = ["A", "P"] as const;

/** Sets a field once; a second occurrence must agree (.NET CheckNewValue). */
function merge(current: number, value: number): number | undefined {
  return current === -1 || current === value ? value : undefined;
}

/**
 * DateTime.ParseExact(text, format, InvariantCulture, styles). Returns the parsed value, or a
 * short reason why the text does not match. `now` (the injected clock) supplies today's
 * date when the format has no date part, unless NoCurrentDateDefault is set; it is not
 * called otherwise.
 */
export function parseExactDotNet(
  text: string,
  format: DotNetDateFormat,
  styles: number,
  now: () => Date,
): DotNetDateTime | string {
  const s = new Scanner(text);
  const innerWhite = (styles & DATE_TIME_STYLES.AllowInnerWhite) !== 0;
  if (styles & DATE_TIME_STYLES.AllowLeadingWhite) s.skipWhite();
  let year = -1;
  let month = -1;
  let day = -1;
  let hour = -1;
  let minute = -1;
  let second = -1;
  let fraction = -1;
  let weekday = -1;
  let ampm = -1; // 0 = AM, 1 = PM
  let twelveHour = false;
  let offset: number | undefined;
  let utc = false;
  const tokens = format.tokens;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t] as DateFormatToken;
    if (innerWhite) s.skipWhite();
    let value: number | undefined;
    switch (token.kind) {
      case "literal": {
        const lit = token.text;
        for (let k = 0; k < lit.length; k++) {
          const ch = lit[k] as string;
          if (ch === " " && innerWhite) s.skipWhite();
          else if (text[s.pos] === ch) s.pos++;
          else return `expected "${ch}" ${at(s)}`;
        }
        continue;
      }
      case "year": {
        const v = token.count <= 2 ? s.digits(token.count, 2) : s.digits(token.count, token.count);
        if (v < 0) return `expected a ${token.count <= 2 ? "2" : token.count}-digit year ${at(s)}`;
        value = merge(year, token.count <= 2 ? expandTwoDigitYear(v) : v);
        if (value === undefined) return "the year appears twice with different values";
        year = value;
        continue;
      }
      case "month": {
        const v =
          token.count <= 2
            ? s.digits(token.count, 2)
            : s.word(token.count === 3 ? MONTH_ABBREVIATIONS : MONTH_NAMES) + 1;
        if (v <= 0) return `expected a month ${at(s)}`;
        value = merge(month, v);
        if (value === undefined) return "the month appears twice with different values";
        month = value;
        continue;
      }
      case "day": {
        if (token.count <= 2) {
          const v = s.digits(token.count, 2);
          if (v < 0) return `expected a day ${at(s)}`;
          value = merge(day, v);
          if (value === undefined) return "the day appears twice with different values";
          day = value;
        } else {
          const v = s.word(token.count === 3 ? DAY_ABBREVIATIONS : DAY_NAMES);
          if (v < 0) return `expected a day name ${at(s)}`;
          value = merge(weekday, v);
          if (value === undefined) return "the day name appears twice with different values";
          weekday = value;
        }
        continue;
      }
      case "hour12":
      case "hour24":
      case "minute":
      case "second": {
        const v = s.digits(token.count < 2 ? 1 : 2, 2);
        if (v < 0) return `expected ${token.count < 2 ? "1 or 2" : "2"} digits for "${token.kind}" ${at(s)}`;
        if (token.kind === "minute") value = merge(minute, v);
        else if (token.kind === "second") value = merge(second, v);
        else value = merge(hour, v);
        if (value === undefined) return `the ${token.kind} appears twice with different values`;
        if (token.kind === "minute") minute = v;
        else if (token.kind === "second") second = v;
        else {
          hour = v;
          if (token.kind === "hour12") twelveHour = true;
        }
        continue;
      }
      case "fraction": {
        if (token.optionalDot) {
          if (text[s.pos] !== ".") continue;
          s.pos++;
        }
        const start = s.pos;
        const v = s.digits(0, token.count);
        const read = s.pos - start;
        if (!token.trimZeros && read < token.count) return `expected ${token.count} fraction digits ${at(s)}`;
        const ticks = read === 0 ? 0 : v * (POW10[MAX_FRACTION_DIGITS - read] as number);
        value = merge(fraction, ticks);
        if (value === undefined) return "the fraction appears twice with different values";
        fraction = value;
        continue;
      }
      case "ampm": {
        const v = s.word(token.count === 1 ? AMPM_LETTERS : AMPM_WORDS);
        if (v < 0) return `expected ${token.count === 1 ? "A or P" : "AM or PM"} ${at(s)}`;
        value = merge(ampm, v);
        if (value === undefined) return "AM/PM appears twice with different values";
        ampm = value;
        continue;
      }
      case "offset": {
        const v = s.offset(token.count);
        if (v === undefined) return `expected a UTC offset such as ${token.count >= 3 ? "-08:00" : "-08"} ${at(s)}`;
        if ((offset !== undefined && offset !== v) || (utc && v !== 0)) return "conflicting time zones";
        offset = v;
        continue;
      }
      case "roundtripKind": {
        if (text[s.pos] === "Z") {
          s.pos++;
          if (offset !== undefined && offset !== 0) return "conflicting time zones";
          utc = true;
        } else if (text[s.pos] === "+" || text[s.pos] === "-") {
          const v = s.offset(3);
          if (v === undefined) return `expected a UTC offset such as -08:00 ${at(s)}`;
          if ((offset !== undefined && offset !== v) || (utc && v !== 0)) return "conflicting time zones";
          offset = v;
        }
        continue;
      }
      case "utcDesignator": {
        if (s.word(UTC_WORDS) < 0) return `expected "${token.text}" ${at(s)}`;
        if (offset !== undefined && offset !== 0) return "conflicting time zones";
        utc = true;
        continue;
      }
      case "era":
        if (s.word(ERA_WORDS) < 0) return `expected "A.D." ${at(s)}`;
        continue;
    }
  }
  if (styles & DATE_TIME_STYLES.AllowTrailingWhite) s.skipWhite();
  if (s.pos < text.length) return `unexpected "${text.slice(s.pos)}" ${at(s)}`;

  const zoneMinutes = utc ? 0 : offset;
  if (year === -1 && month === -1 && day === -1) {
    if (styles & DATE_TIME_STYLES.NoCurrentDateDefault) {
      year = month = day = 1;
    } else {
      // Today in the parsed zone, or in the local zone (UTC).
      const today = civilFromDays(dayNumber(now().getTime() + (zoneMinutes ?? 0) * MS_PER_MINUTE));
      ({ year, month, day } = today);
    }
  } else if (month === -1 && day === -1) {
    month = day = 1;
  } else {
    if (year === -1) year = civilFromDays(dayNumber(now().getTime())).year;
    if (month === -1) month = 1;
    if (day === -1) day = 1;
  }
  if (hour === -1) hour = 0;
  if (twelveHour) {
    if (hour > 12) return `hour ${hour} is not a 12-hour clock hour`;
    if (ampm === 1) hour = hour === 12 ? 12 : hour + 12;
    else if (hour === 12) hour = 0;
  } else if ((ampm === 0 && hour >= 12) || (ampm === 1 && hour < 12)) {
    return `${ampm === 0 ? "AM" : "PM"} contradicts hour ${hour}`;
  }
  if (year < 1 || year > 9999) return `year ${year} is out of range`;
  if (month < 1 || month > 12) return `month ${month} is out of range`;
  if (day < 1 || day > daysInMonth(year, month)) return `day ${day} does not exist in ${year}-${pad(month, 2)}`;
  if (hour > 23) return `hour ${hour} is out of range`;
  if (minute > 59) return `minute ${minute} is out of range`;
  if (second > 59) return `second ${second} is out of range`;
  const msOfDay = hour * MS_PER_HOUR + Math.max(minute, 0) * MS_PER_MINUTE + Math.max(second, 0) * MS_PER_SECOND;
  const fractionTicks = Math.max(fraction, 0);
  const wall = epochMsOf(year, month, day, msOfDay) + Math.floor(fractionTicks / TICKS_PER_MS);
  if (weekday !== -1 && weekday !== dayOfWeek(dayNumber(wall))) {
    return `${DAY_NAMES[weekday]} does not match the date ${year}-${pad(month, 2)}-${pad(day, 2)}`;
  }

  const adjust = (styles & DATE_TIME_STYLES.AdjustToUniversal) !== 0;
  let epochMs = wall;
  let kind: DateTimeKind;
  if (zoneMinutes !== undefined) {
    epochMs = wall - zoneMinutes * MS_PER_MINUTE;
    kind = adjust || (utc && styles & DATE_TIME_STYLES.RoundtripKind) ? "utc" : "local";
  } else if (styles & (DATE_TIME_STYLES.AssumeLocal | DATE_TIME_STYLES.AssumeUniversal)) {
    kind = adjust ? "utc" : "local";
  } else {
    kind = adjust ? "utc" : "unspecified";
  }
  if (!isInDateTimeRange(epochMs)) return "the date is outside 0001-01-01 … 9999-12-31 after the offset is applied";
  return { epochMs, subMsTicks: fractionTicks % TICKS_PER_MS, kind };
}
