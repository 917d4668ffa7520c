import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DATE_TIME_STYLES,
  DEFAULT_DATE_TIME_STYLES,
  type DateTimeKind,
  type DotNetDateFormat,
  type DotNetDateTime,
  compileDateFormat,
  compileDateTimeStyles,
  formatDotNetDateTime,
  parseExactDotNet,
} from "./dotnet-date-format.js";
import { MAX_EPOCH_MS, MIN_EPOCH_MS } from "./functions/date-calendar.js";

function fmt(pattern: string): DotNetDateFormat {
  const compiled = compileDateFormat(pattern);
  if (!compiled.ok) throw new Error(`format ${pattern} did not compile: ${compiled.error}`);
  return compiled.value;
}

function dt(iso: string, subMsTicks = 0, kind: DateTimeKind = "unspecified"): DotNetDateTime {
  return { epochMs: Date.parse(iso), subMsTicks, kind };
}

const format = (value: DotNetDateTime, pattern: string): string => formatDotNetDateTime(value, fmt(pattern));

const NOW = new Date("2021-08-25T17:41:18Z");
const clock = (): Date => NOW;

function parse(text: string, pattern: string, styles: number = DEFAULT_DATE_TIME_STYLES): DotNetDateTime {
  const result = parseExactDotNet(text, fmt(pattern), styles, clock);
  if (typeof result === "string") throw new Error(`"${text}" did not parse with "${pattern}": ${result}`);
  return result;
}

function parseFailure(text: string, pattern: string, styles: number = DEFAULT_DATE_TIME_STYLES): string {
  const result = parseExactDotNet(text, fmt(pattern), styles, clock);
  if (typeof result !== "string") throw new Error(`"${text}" unexpectedly parsed with "${pattern}"`);
  return result;
}

const iso = (value: DotNetDateTime): string => new Date(value.epochMs).toISOString();

// Monday 15 June 2009, 13:45:30.6175425
const SAMPLE = dt("2009-06-15T13:45:30.617Z", 5425);

describe("formatting custom specifiers (invariant culture)", () => {
  it.each([
    ["%d", "15"],
    ["dd", "15"],
    ["ddd", "Mon"],
    ["dddd", "Monday"],
    ["%f", "6"],
    ["ff", "61"],
    ["fff", "617"],
    ["ffff", "6175"],
    ["fffff", "61754"],
    ["ffffff", "617542"],
    ["fffffff", "6175425"],
    ["%F", "6"],
    ["FFFFFFF", "6175425"],
    ["%h", "1"],
    ["hh", "01"],
    ["hhh", "01"],
    ["%H", "13"],
    ["HH", "13"],
    ["%m", "45"],
    ["mm", "45"],
    ["%M", "6"],
    ["MM", "06"],
    ["MMM", "Jun"],
    ["MMMM", "June"],
    ["MMMMM", "June"],
    ["%s", "30"],
    ["ss", "30"],
    ["%t", "P"],
    ["tt", "PM"],
    ["%y", "9"],
    ["yy", "09"],
    ["yyy", "2009"],
    ["yyyy", "2009"],
    ["yyyyy", "02009"],
    ["%z", "+0"],
    ["zz", "+00"],
    ["zzz", "+00:00"],
    ["%g", "A.D."],
    ["%K", ""],
  ])("%s → %s", (pattern, expected) => {
    expect(format(SAMPLE, pattern)).toBe(expected);
  });

  it("pads and trims small values", () => {
    const early = dt("0005-01-02T03:04:05.050Z");
    expect(format(early, "yyyy-M-d H:m:s")).toBe("0005-1-2 3:4:5");
    expect(format(early, "%y|yy|yyy")).toBe("5|05|005");
    expect(format(early, "ss.FFFF")).toBe("05.05");
    expect(format(early, "ss.ffff")).toBe("05.0500");
  });

  it("drops the dot before an empty F fraction, quoted or not", () => {
    const whole = dt("2020-01-01T00:00:07Z");
    expect(format(whole, "ss.FFF")).toBe("07");
    expect(format(whole, "ss'.'FFF")).toBe("07");
    expect(format(whole, "ss.fff")).toBe("07.000");
  });

  it("prints 12-hour clock values around midnight and noon", () => {
    expect(format(dt("2020-01-01T00:05:00Z"), "h:mm tt")).toBe("12:05 AM");
    expect(format(dt("2020-01-01T12:05:00Z"), "h:mm tt")).toBe("12:05 PM");
    expect(format(dt("2020-01-01T23:05:00Z"), "hh:mm t")).toBe("11:05 P");
  });

  it("prints K by kind and z/zzz as the UTC local zone", () => {
    expect(format({ ...SAMPLE, kind: "utc" }, "%K")).toBe("Z");
    expect(format({ ...SAMPLE, kind: "local" }, "%K")).toBe("+00:00");
    expect(format({ ...SAMPLE, kind: "unspecified" }, "%K")).toBe("");
    expect(format({ ...SAMPLE, kind: "utc" }, "zzz")).toBe("+00:00");
  });

  it("handles quotes, escapes, separators and literal letters", () => {
    expect(format(SAMPLE, "yyyy'-'MM\"/\"dd")).toBe("2009-06/15");
    expect(format(SAMPLE, "'It''s' HH")).toBe("Its 13");
    expect(format(SAMPLE, "'a\\'b' HH")).toBe("a'b 13");
    expect(format(SAMPLE, "\\d\\a\\y d")).toBe("day 15");
    expect(format(SAMPLE, "yyyy-MM-ddTHH:mm:ssZ")).toBe("2009-06-15T13:45:30Z");
    expect(format(SAMPLE, "HH:mm/dd")).toBe("13:45/15");
  });

  it.each([
    ["d", "06/15/2009"],
    ["D", "Monday, 15 June 2009"],
    ["f", "Monday, 15 June 2009 13:45"],
    ["F", "Monday, 15 June 2009 13:45:30"],
    ["g", "06/15/2009 13:45"],
    ["G", "06/15/2009 13:45:30"],
    ["m", "June 15"],
    ["M", "June 15"],
    ["o", "2009-06-15T13:45:30.6175425"],
    ["O", "2009-06-15T13:45:30.6175425"],
    ["r", "Mon, 15 Jun 2009 13:45:30 GMT"],
    ["s", "2009-06-15T13:45:30"],
    ["t", "13:45"],
    ["T", "13:45:30"],
    ["u", "2009-06-15 13:45:30Z"],
    ["U", "Monday, 15 June 2009 13:45:30"],
    ["y", "2009 June"],
  ])("standard format %s → %s", (pattern, expected) => {
    expect(format(SAMPLE, pattern)).toBe(expected);
  });

  it("prints the round-trip format with the kind", () => {
    expect(format({ ...SAMPLE, kind: "utc" }, "o")).toBe("2009-06-15T13:45:30.6175425Z");
    expect(format({ ...SAMPLE, kind: "local" }, "o")).toBe("2009-06-15T13:45:30.6175425+00:00");
  });
});

describe("compiling format strings", () => {
  it.each([
    ["", "empty"],
    ["x", "not a standard format"],
    ["K", "not a standard format"],
    ["ffffffff", "more than 7"],
    ["ss.FFFFFFFF", "more than 7"],
    ["yyyy'-MM", "not closed"],
    ['yyyy"-MM', "not closed"],
    ["yyyy\\", "lone backslash"],
    ["yyyy%", '"%"'],
    ["%%", '"%"'],
  ])("%j is rejected (%s)", (pattern, reason) => {
    const compiled = compileDateFormat(pattern);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.error).toContain(reason);
  });

  it("caches compiled formats", () => {
    expect(compileDateFormat("yyyy-MM-dd HH:mm")).toBe(compileDateFormat("yyyy-MM-dd HH:mm"));
  });
});

describe("DateTimeStyles", () => {
  it("reads names in any case and separator, with or without the enum prefix", () => {
    const s = DATE_TIME_STYLES;
    expect(compileDateTimeStyles("AdjustToUniversal")).toEqual({ ok: true, value: s.AdjustToUniversal });
    expect(compileDateTimeStyles("adjusttouniversal, AllowWhiteSpaces")).toEqual({
      ok: true,
      value: s.AdjustToUniversal | s.AllowWhiteSpaces,
    });
    expect(compileDateTimeStyles("DateTimeStyles.RoundtripKind|DateTimeStyles.AllowLeadingWhite")).toEqual({
      ok: true,
      value: s.RoundtripKind | s.AllowLeadingWhite,
    });
    expect(compileDateTimeStyles("None")).toEqual({ ok: true, value: 0 });
    expect(compileDateTimeStyles("16")).toEqual({ ok: true, value: 16 });
  });

  it("treats an empty value as RoundtripKind | AllowLeadingWhite | AllowTrailingWhite", () => {
    expect(compileDateTimeStyles("")).toEqual({ ok: true, value: DEFAULT_DATE_TIME_STYLES });
    expect(DEFAULT_DATE_TIME_STYLES).toBe(128 | 1 | 2);
  });

  it.each([
    ["Bogus", "not a DateTimeStyles name"],
    ["RoundtripKind, AdjustToUniversal", "RoundtripKind cannot be combined"],
    ["AssumeLocal AssumeUniversal", "exclude each other"],
    ["999", "0–255"],
  ])("%j is rejected", (text, reason) => {
    const compiled = compileDateTimeStyles(text);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.error).toContain(reason);
  });
});

describe("ParseExact", () => {
  it("parses the FR example 20150123105347.1Z as UTC", () => {
    const value = parse("20150123105347.1Z", "yyyyMMddHHmmss.fZ");
    expect(iso(value)).toBe("2015-01-23T10:53:47.100Z");
    expect(value.kind).toBe("utc");
  });

  it("converts an offset to UTC (the service's local zone)", () => {
    expect(iso(parse("2020-12-31-08:00", "yyyy-MM-ddzzz"))).toBe("2020-12-31T08:00:00.000Z");
    expect(iso(parse("2020-12-31+08:00", "yyyy-MM-ddzzz"))).toBe("2020-12-30T16:00:00.000Z");
    expect(iso(parse("2020-12-31+0530", "yyyy-MM-ddzzz"))).toBe("2020-12-30T18:30:00.000Z");
    expect(iso(parse("2020-12-31 -8", "yyyy-MM-dd z"))).toBe("2020-12-31T08:00:00.000Z");
    expect(iso(parse("2020-12-31 +08", "yyyy-MM-dd zz"))).toBe("2020-12-30T16:00:00.000Z");
    expect(parse("2020-12-31-08:00", "yyyy-MM-ddzzz").kind).toBe("local");
    expect(parse("2020-12-31-08:00", "yyyy-MM-ddzzz", DATE_TIME_STYLES.AdjustToUniversal).kind).toBe("utc");
  });

  it("reads K as Z, an offset, or nothing", () => {
    expect(parse("2021-01-01T10:00:00Z", "yyyy-MM-ddTHH:mm:ssK").kind).toBe("utc");
    expect(iso(parse("2021-01-01T10:00:00-05:00", "yyyy-MM-ddTHH:mm:ssK"))).toBe("2021-01-01T15:00:00.000Z");
    expect(parse("2021-01-01T10:00:00", "yyyy-MM-ddTHH:mm:ssK").kind).toBe("unspecified");
    expect(parse("2021-01-01T10:00:00", "yyyy-MM-ddTHH:mm:ssK", DATE_TIME_STYLES.AssumeUniversal).kind).toBe("local");
  });

  it("without RoundtripKind, a Z value becomes Local", () => {
    expect(parse("2021-01-01T10:00:00Z", "yyyy-MM-ddTHH:mm:ssK", DATE_TIME_STYLES.None).kind).toBe("local");
  });

  it("reads the SuccessFactors 12-hour form", () => {
    expect(iso(parse("12/31/2023 12:00:00 AM", "M/d/yyyy hh:mm:ss tt"))).toBe("2023-12-31T00:00:00.000Z");
    expect(iso(parse("1/5/2023 12:30:00 PM", "M/d/yyyy hh:mm:ss tt"))).toBe("2023-01-05T12:30:00.000Z");
    expect(iso(parse("1/5/2023 07:30:00 pm", "M/d/yyyy hh:mm:ss tt"))).toBe("2023-01-05T19:30:00.000Z");
    expect(iso(parse("1/5/2023 7:30 P", "M/d/yyyy h:mm t"))).toBe("2023-01-05T19:30:00.000Z");
    // hh without AM/PM is read as AM, as .NET does.
    expect(iso(parse("2023-01-05 12:10", "yyyy-MM-dd hh:mm"))).toBe("2023-01-05T00:10:00.000Z");
  });

  it("reads month and day names case-insensitively and checks the day name", () => {
    expect(iso(parse("Monday, 15 june 2009", "dddd, dd MMMM yyyy"))).toBe("2009-06-15T00:00:00.000Z");
    expect(iso(parse("mon 15-JUN-2009", "ddd dd-MMM-yyyy"))).toBe("2009-06-15T00:00:00.000Z");
    expect(parseFailure("Tuesday, 15 June 2009", "dddd, dd MMMM yyyy")).toContain("does not match the date");
  });

  it("applies the two-digit year window 1950–2049", () => {
    expect(iso(parse("49-01-01", "yy-MM-dd"))).toBe("2049-01-01T00:00:00.000Z");
    expect(iso(parse("50-01-01", "yy-MM-dd"))).toBe("1950-01-01T00:00:00.000Z");
  });

  it("reads f exactly and F optionally, including the optional dot", () => {
    expect(parse("10:00:00.1234567", "HH:mm:ss.fffffff").subMsTicks).toBe(4567);
    expect(parseFailure("10:00:00.12", "HH:mm:ss.fff")).toContain("3 fraction digits");
    expect(iso(parse("2021-01-01 10:00:00", "yyyy-MM-dd HH:mm:ss.FFF"))).toBe("2021-01-01T10:00:00.000Z");
    expect(iso(parse("2021-01-01 10:00:00.5", "yyyy-MM-dd HH:mm:ss.FFF"))).toBe("2021-01-01T10:00:00.500Z");
  });

  it("uses today's date (from the clock) when the format has no date part", () => {
    expect(iso(parse("10:15", "HH:mm"))).toBe("2021-08-25T10:15:00.000Z");
    expect(iso(parse("10:15", "HH:mm", DATE_TIME_STYLES.NoCurrentDateDefault))).toBe("0001-01-01T10:15:00.000Z");
    expect(iso(parse("2019", "yyyy"))).toBe("2019-01-01T00:00:00.000Z");
    expect(iso(parse("03-04", "MM-dd"))).toBe("2021-03-04T00:00:00.000Z");
  });

  it("honours the white-space styles", () => {
    expect(iso(parse("  2021-01-01  ", "yyyy-MM-dd"))).toBe("2021-01-01T00:00:00.000Z");
    expect(parseFailure(" 2021-01-01", "yyyy-MM-dd", DATE_TIME_STYLES.None)).toContain("position 1");
    expect(parseFailure("2021-01-01 ", "yyyy-MM-dd", DATE_TIME_STYLES.None)).toContain("unexpected");
    expect(iso(parse("2021 - 01 -01", "yyyy-MM-dd", DATE_TIME_STYLES.AllowInnerWhite))).toBe(
      "2021-01-01T00:00:00.000Z",
    );
    expect(iso(parse("2021-01-01    10:00", "yyyy-MM-dd HH:mm", DATE_TIME_STYLES.AllowWhiteSpaces))).toBe(
      "2021-01-01T10:00:00.000Z",
    );
  });

  it.each([
    ["2021-13-01", "yyyy-MM-dd", "month 13"],
    ["2021-02-29", "yyyy-MM-dd", "day 29 does not exist"],
    ["2021-01-01 24:00", "yyyy-MM-dd HH:mm", "hour 24"],
    ["2021-01-01 10:60", "yyyy-MM-dd HH:mm", "minute 60"],
    ["2021-01-01 13:00 PM", "yyyy-MM-dd hh:mm tt", "not a 12-hour clock hour"],
    ["2021-01-01 13:00 AM", "yyyy-MM-dd HH:mm tt", "AM contradicts hour 13"],
    ["2021-1-01", "yyyy-MM-dd", "expected a month"],
    ["21-01-01", "yyyy-MM-dd", "4-digit year"],
    ["0000-01-01", "yyyy-MM-dd", "year 0"],
    ["2021-01-01+15:00", "yyyy-MM-ddzzz", "UTC offset"],
    ["2021-01-01+05:60", "yyyy-MM-ddzzz", "UTC offset"],
    ["2021/01/01", "yyyy-MM-dd", 'expected "-"'],
    ["2021-01-01 2021-01-02", "yyyy-MM-dd yyyy-MM-dd", "appears twice"],
    ["2021-01-01Zx", "yyyy-MM-ddZ", "unexpected"],
    ["0001-01-01+01:00", "yyyy-MM-ddzzz", "outside"],
    ["9999-12-31T23:00-01:00", "yyyy-MM-ddTHH:mmzzz", "outside"],
  ])("%j with %j fails (%s)", (text, pattern, reason) => {
    expect(parseFailure(text, pattern)).toContain(reason);
  });

  it("accepts agreeing duplicates and the era", () => {
    expect(iso(parse("2021 2021-01-01", "yyyy yyyy-MM-dd"))).toBe("2021-01-01T00:00:00.000Z");
    expect(iso(parse("2021-01-01 A.D.", "yyyy-MM-dd g"))).toBe("2021-01-01T00:00:00.000Z");
  });

  it("parses the standard formats it prints", () => {
    for (const pattern of ["d", "D", "f", "F", "g", "G", "o", "r", "s", "u", "U"]) {
      const text = format({ ...SAMPLE, kind: "utc" }, pattern);
      expect(format(parse(text, pattern), pattern), pattern).toBe(text);
    }
  });
});

// ---------------------------------------------------------------------------------------
// Property: format then ParseExact gives the value back, for formats built from the
// supported specifiers with separators between the variable-width fields.

interface FormatPlan {
  readonly pattern: string;
  /** Fraction digits kept, 0 when there is no fraction. */
  readonly fractionDigits: number;
  /** Whether the kind survives the round trip (K present, no z). */
  readonly keepsKind: boolean;
}

const SEPARATORS = [" ", "-", "/", ":", "_", ",", ";", "'T'", "\\T", '"at"', "' | '"] as const;

const fractionPart = fc.oneof(
  fc.constant({ text: "", digits: 0 }),
  fc.integer({ min: 1, max: 7 }).map((n) => ({ text: "f".repeat(n), digits: n })),
  fc.integer({ min: 1, max: 7 }).map((n) => ({ text: `.${"f".repeat(n)}`, digits: n })),
  fc.integer({ min: 1, max: 7 }).map((n) => ({ text: "F".repeat(n), digits: n })),
  fc.integer({ min: 1, max: 7 }).map((n) => ({ text: `.${"F".repeat(n)}`, digits: n })),
);

const formatPlan: fc.Arbitrary<FormatPlan> = fc
  .record({
    year: fc.constantFrom("yyyy", "yyyyy"),
    month: fc.constantFrom("%M", "MM", "MMM", "MMMM"),
    day: fc.constantFrom("%d", "dd"),
    clock: fc.constantFrom("H", "HH", "h", "hh"),
    ampm: fc.constantFrom("t", "tt"),
    minute: fc.constantFrom("m", "mm"),
    second: fc.constantFrom("s", "ss"),
    fraction: fractionPart,
    weekday: fc.constantFrom("", "ddd", "dddd"),
    zone: fc.constantFrom("", "K", "zzz", "z", "zz", "Z"),
    seed: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
    separators: fc.array(fc.constantFrom(...SEPARATORS), { minLength: 12, maxLength: 12 }),
  })
  .map((r) => {
    const parts: string[] = [r.year, r.month, r.day, r.minute];
    const twelveHour = r.clock.startsWith("h");
    parts.push(r.clock.length === 1 ? `%${r.clock}` : r.clock);
    if (twelveHour) parts.push(r.ampm.length === 1 ? "%t" : r.ampm);
    // The fraction follows the seconds directly ("ss.fff", "ssfff"); digits right after the
    // seconds need the fixed-width "ss".
    const fractionGlued = r.fraction.text !== "" && !r.fraction.text.startsWith(".");
    parts.push(`${fractionGlued ? "ss" : r.second}${r.fraction.text}`);
    if (r.weekday !== "") parts.push(r.weekday);
    // Deterministic shuffle from the generated seed.
    for (let i = parts.length - 1; i > 0; i--) {
      const j = (r.seed[i] as number) % (i + 1);
      [parts[i], parts[j]] = [parts[j] as string, parts[i] as string];
    }
    // The zone goes last: K may print nothing, and a leading separator would be skipped as white space.
    if (r.zone !== "") parts.push(r.zone);
    const pattern = parts.map((p, i) => (i === 0 ? p : `${r.separators[i] as string}${p}`)).join("");
    return {
      pattern,
      fractionDigits: r.fraction.digits,
      keepsKind: r.zone === "K",
    };
  });

const dateTimeValue: fc.Arbitrary<DotNetDateTime> = fc.record({
  epochMs: fc.integer({ min: MIN_EPOCH_MS, max: MAX_EPOCH_MS }),
  subMsTicks: fc.integer({ min: 0, max: 9999 }),
  kind: fc.constantFrom<DateTimeKind>("unspecified", "utc", "local"),
});

/** The value with its fraction of a second cut to `digits` digits. */
function truncateFraction(value: DotNetDateTime, digits: number): { epochMs: number; subMsTicks: number } {
  const msInSecond = ((value.epochMs % 1000) + 1000) % 1000;
  const secondStart = value.epochMs - msInSecond;
  const ticks = msInSecond * 10_000 + value.subMsTicks;
  const unit = 10 ** (7 - digits);
  const kept = Math.floor(ticks / unit) * unit;
  return { epochMs: secondStart + Math.floor(kept / 10_000), subMsTicks: kept % 10_000 };
}

describe("format ↔ ParseExact round trip (property)", () => {
  it("ParseExact(ToString(value, f), f) gives the value back up to the format's precision", () => {
    fc.assert(
      fc.property(formatPlan, dateTimeValue, (plan, value) => {
        const compiled = fmt(plan.pattern);
        const text = formatDotNetDateTime(value, compiled);
        const parsed = parseExactDotNet(text, compiled, DEFAULT_DATE_TIME_STYLES, clock);
        if (typeof parsed === "string") throw new Error(`${plan.pattern} → ${JSON.stringify(text)}: ${parsed}`);
        expect({ epochMs: parsed.epochMs, subMsTicks: parsed.subMsTicks }).toEqual(
          truncateFraction(value, plan.fractionDigits),
        );
        if (plan.keepsKind) expect(parsed.kind).toBe(value.kind);
      }),
      { numRuns: 2000 },
    );
  });
});
