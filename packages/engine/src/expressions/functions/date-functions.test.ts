import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RosterError } from "../../errors/error-codes.js";
import { type Arg, NOT_LITERAL, type Value } from "../types.js";
import { dateFunctions } from "./date-functions.js";
import { fakeContext, functionCaller } from "./test-support/random-test-context.js";

/** The clock of the FR DateDiff table: 8/25/2021 5:41:18 PM. */
const NOW = "2021-08-25T17:41:18Z";
let clock = NOW;
const { call, def } = functionCaller(dateFunctions, () => fakeContext({ now: clock }));

function withClock<T>(iso: string, run: () => T): T {
  const previous = clock;
  clock = iso;
  try {
    return run();
  } finally {
    clock = previous;
  }
}

function failure(name: string, ...args: Arg[]): RosterError {
  try {
    call(name, ...args);
  } catch (err) {
    if (err instanceof RosterError) return err;
    throw err;
  }
  throw new Error(`${name} did not fail`);
}

function check(name: string, ...args: (Arg | typeof NOT_LITERAL)[]): string | undefined {
  return def(name).check?.(args);
}

const HIRE_DATE = "2012-03-16-07:00";

describe("CDate", () => {
  it.each([
    ["2020-03-16-07:00", "3/16/2020 7:00:00 AM"],
    ["2021-06-30+08:00", "6/29/2021 4:00:00 PM"],
    ["2009-06-15T01:45:30-07:00", "6/15/2009 8:45:30 AM"],
    ["2021-08-24", "8/24/2021 12:00:00 AM"],
    ["8/25/2021 5:41:18 PM", "8/25/2021 5:41:18 PM"],
    ["2012-01-01T23:00:00.9999999Z", "1/1/2012 11:00:00 PM"],
    ["2021-08-24 10:15:30", "8/24/2021 10:15:30 AM"],
    ["2021-06-30T20:00:00-05:00", "7/1/2021 1:00:00 AM"],
    ["2021-01-01T12:00:00Z", "1/1/2021 12:00:00 PM"],
    ["2021-01-01T00:30:00Z", "1/1/2021 12:30:00 AM"],
    ["2020-02-29", "2/29/2020 12:00:00 AM"],
  ])("CDate(%j) = %j (documented forms, offsets converted to UTC)", (input, expected) => {
    expect(call("CDate", input)).toBe(expected);
  });

  it("accepts the Date that DateFromNum returns", () => {
    expect(call("CDate", new Date("2012-01-01T23:00:00Z"))).toBe("1/1/2012 11:00:00 PM");
  });

  it("reads its own output back unchanged", () => {
    const text = call("CDate", "2009-06-15T01:45:30-07:00") as string;
    expect(call("CDate", text)).toBe(text);
  });

  it("throws for NULL and for text that is not a date, naming the value", () => {
    expect(failure("CDate", null).message).toMatch(/^CDate: expression is NULL/);
    const bad = failure("CDate", "2021-02-29");
    expect(bad.code).toBe("ExpressionEvaluationFailed");
    expect(bad.message).toContain('"2021-02-29" is not a valid date/time');
  });

  it("rejects a literal non-date at compile time and lets computed values through", () => {
    expect(check("CDate", "not a date")).toContain('"not a date" is not a valid date/time');
    expect(check("CDate", "2021-08-24")).toBeUndefined();
    expect(check("CDate", NOT_LITERAL)).toBeUndefined();
  });
});

describe("Now", () => {
  it("is the injected clock as M/d/yyyy h:mm:ss tt and is never folded", () => {
    expect(call("Now")).toBe("8/25/2021 5:41:18 PM");
    expect(withClock("2021-07-02T15:33:38.900Z", () => call("Now"))).toBe("7/2/2021 3:33:38 PM");
    expect(def("Now").pure).toBe(false);
  });
});

describe("DateAdd", () => {
  it.each([
    ["d", 7, "3/23/2012 7:00:00 AM"],
    ["d", -10, "3/6/2012 7:00:00 AM"],
    ["ww", 2, "3/30/2012 7:00:00 AM"],
    ["m", 10, "1/16/2013 7:00:00 AM"],
    ["yyyy", 2, "3/16/2014 7:00:00 AM"],
  ])("FR table: DateAdd(%j, %j, CDate(hire date)) = %j", (interval, value, expected) => {
    expect(call("DateAdd", interval, value, call("CDate", HIRE_DATE))).toBe(expected);
  });

  it("adds hours, minutes and seconds, across midnight and month ends", () => {
    const start = "2021-12-31T22:30:00Z";
    expect(call("DateAdd", "h", 2, start)).toBe("1/1/2022 12:30:00 AM");
    expect(call("DateAdd", "n", 90, start)).toBe("1/1/2022 12:00:00 AM");
    expect(call("DateAdd", "s", -1, "2022-01-01")).toBe("12/31/2021 11:59:59 PM");
    expect(call("DateAdd", "h", 0, start)).toBe("12/31/2021 10:30:00 PM");
  });

  it("accepts the value as a quoted number and the date as Now() text", () => {
    expect(call("DateAdd", "d", "10", call("Now"))).toBe("9/4/2021 5:41:18 PM");
    expect(call("DateAdd", "d", " -3 ", call("Now"))).toBe("8/22/2021 5:41:18 PM");
  });

  it("keeps the day of month, clamped to the end of a shorter month (.NET AddMonths)", () => {
    expect(call("DateAdd", "m", 1, "2021-01-31")).toBe("2/28/2021 12:00:00 AM");
    expect(call("DateAdd", "m", 1, "2020-01-31")).toBe("2/29/2020 12:00:00 AM");
    expect(call("DateAdd", "m", -1, "2021-03-31T08:00:00Z")).toBe("2/28/2021 8:00:00 AM");
    expect(call("DateAdd", "m", 2, "2021-01-31")).toBe("3/31/2021 12:00:00 AM");
    expect(call("DateAdd", "m", -13, "2021-01-15")).toBe("12/15/2019 12:00:00 AM");
    expect(call("DateAdd", "yyyy", 1, "2020-02-29")).toBe("2/28/2021 12:00:00 AM");
    expect(call("DateAdd", "yyyy", 4, "2020-02-29")).toBe("2/29/2024 12:00:00 AM");
    expect(call("DateAdd", "yyyy", -100, "2000-02-29")).toBe("2/28/1900 12:00:00 AM");
  });

  it("matches interval names case-insensitively and takes a Date", () => {
    expect(call("DateAdd", "YYYY", 1, new Date("2012-01-01T23:00:00Z"))).toBe("1/1/2013 11:00:00 PM");
    expect(call("DateAdd", "D", 1, "2021-08-24")).toBe("8/25/2021 12:00:00 AM");
  });

  it("reports bad intervals, values, dates and results out of range", () => {
    expect(failure("DateAdd", "q", 1, NOW).message).toContain('DateAdd: interval "q" is not supported');
    expect(failure("DateAdd", "d", "1.5", NOW).message).toContain('DateAdd: value must be a whole number, got "1.5"');
    expect(failure("DateAdd", "d", null, NOW).message).toContain("got NULL");
    expect(failure("DateAdd", "d", 1, null).message).toContain("DateAdd: dateTime is NULL");
    expect(failure("DateAdd", "d", 1, "someday").message).toContain('"someday" is not a valid date/time');
    expect(failure("DateAdd", "yyyy", 8000, NOW).message).toContain("outside years 1–9999");
    expect(failure("DateAdd", "d", -1, "0001-01-01").message).toContain("outside years 1–9999");
  });

  it("rejects literal mistakes at compile time", () => {
    expect(check("DateAdd", "q", 1, NOT_LITERAL)).toContain('interval "q" is not supported');
    expect(check("DateAdd", "dd", 1, NOT_LITERAL)).toContain("is not supported");
    expect(check("DateAdd", undefined, 1, NOT_LITERAL)).toBe("interval is required");
    expect(check("DateAdd", "d", "ten", NOT_LITERAL)).toContain("value must be a whole number");
    expect(check("DateAdd", "d", undefined, NOT_LITERAL)).toBe("value is required");
    expect(check("DateAdd", "d", 1, "31/12/2021")).toContain("dateTime");
    expect(check("DateAdd", "ww", "-2", "2021-08-24")).toBeUndefined();
    expect(check("DateAdd", NOT_LITERAL, NOT_LITERAL, NOT_LITERAL)).toBeUndefined();
  });
});

describe("DateDiff", () => {
  it.each([
    ["d", "2021-08-18+08:00", "2021-08-31+08:00", 13],
    ["d", "8/25/2021 5:41:18 PM", HIRE_DATE, -3449],
    ["ww", "8/25/2021 5:41:18 PM", HIRE_DATE, -493],
    ["m", "8/25/2021 5:41:18 PM", HIRE_DATE, -113],
    ["yyyy", "8/25/2021 5:41:18 PM", HIRE_DATE, -9],
    ["d", "2021-08-31+08:00", "2021-08-31+08:00", 0],
    ["h", "2021-08-24", "2021-08-25", 24],
    ["n", "2021-08-24", "2021-08-25", 1440],
    ["s", "2021-08-24", "2021-08-25", 86400],
  ])("FR table: DateDiff(%j, CDate(%j), CDate(%j)) = %d", (interval, date1, date2, expected) => {
    expect(call("DateDiff", interval, call("CDate", date1), call("CDate", date2))).toBe(expected);
  });

  it("counts days until the hire date from Now(), truncating toward zero", () => {
    const daysUntil = (hire: string): Value => call("DateDiff", "d", call("Now"), call("CDate", hire));
    expect(daysUntil(HIRE_DATE)).toBe(-3449);
    expect(daysUntil("2021-08-25T23:00:00Z")).toBe(0); // later today
    expect(daysUntil("2021-08-26T17:41:17Z")).toBe(0); // a second short of a day
    expect(daysUntil("2021-08-26T17:41:18Z")).toBe(1);
    expect(daysUntil("2021-08-24T20:00:00Z")).toBe(0); // yesterday evening: less than a day ago
    expect(daysUntil("2021-08-24")).toBe(-1); // yesterday midnight
    expect(daysUntil("2021-08-31+08:00")).toBe(4);
    expect(withClock("2021-08-25T00:00:00Z", () => daysUntil("2021-08-24"))).toBe(-1);
  });

  it("counts calendar boundaries for m, yyyy and Sunday-start weeks", () => {
    expect(call("DateDiff", "m", "2021-01-31T23:59:59Z", "2021-02-01")).toBe(1);
    expect(call("DateDiff", "m", "2021-02-01", "2021-01-31T23:59:59Z")).toBe(-1);
    expect(call("DateDiff", "yyyy", "2021-12-31T23:59:59Z", "2022-01-01")).toBe(1);
    expect(call("DateDiff", "yyyy", "2021-01-01", "2021-12-31")).toBe(0);
    expect(call("DateDiff", "ww", "2021-08-28T23:00:00Z", "2021-08-29T01:00:00Z")).toBe(1); // Saturday → Sunday
    expect(call("DateDiff", "ww", "2021-08-29", "2021-09-04T23:59:59Z")).toBe(0); // Sunday → Saturday
    expect(call("DateDiff", "ww", "2021-08-29", "2021-09-05")).toBe(1);
  });

  it("truncates hours, minutes and seconds toward zero in both directions", () => {
    expect(call("DateDiff", "h", "2021-08-24T10:00:00Z", "2021-08-24T12:59:59Z")).toBe(2);
    expect(call("DateDiff", "h", "2021-08-24T12:59:59Z", "2021-08-24T10:00:00Z")).toBe(-2);
    expect(call("DateDiff", "n", "2021-08-24T10:00:59Z", "2021-08-24T10:01:00Z")).toBe(0);
    expect(call("DateDiff", "s", "2021-08-24T10:00:00.9999999Z", "2021-08-24T10:00:01Z")).toBe(0);
    expect(call("DateDiff", "s", "2021-08-24T10:00:01Z", "2021-08-24T10:00:00.0000001Z")).toBe(0);
    expect(call("DateDiff", "s", "2021-08-24T10:00:00.0000001Z", "2021-08-24T10:00:01.0000001Z")).toBe(1);
    expect(Object.is(call("DateDiff", "d", "2021-08-25T10:00:00Z", "2021-08-25T09:00:00Z"), 0)).toBe(true);
  });

  it("counts across leap days and centuries", () => {
    expect(call("DateDiff", "d", "2020-02-28", "2020-03-01")).toBe(2);
    expect(call("DateDiff", "d", "2021-02-28", "2021-03-01")).toBe(1);
    expect(call("DateDiff", "d", "1900-02-28", "1900-03-01")).toBe(1);
    expect(call("DateDiff", "d", "0001-01-01", "9999-12-31")).toBe(3_652_058);
  });

  it("reports bad arguments and checks literals at compile time", () => {
    expect(failure("DateDiff", "w", NOW, NOW).message).toContain('interval "w" is not supported');
    expect(failure("DateDiff", "d", NOW, null).message).toContain("DateDiff: date2 is NULL");
    expect(failure("DateDiff", "d", "x", NOW).message).toContain('DateDiff: date1 "x" is not a valid date/time');
    expect(check("DateDiff", "y", NOT_LITERAL, NOT_LITERAL)).toContain('interval "y" is not supported');
    expect(check("DateDiff", "d", "yesterday", NOT_LITERAL)).toContain("date1");
    expect(check("DateDiff", "d", NOT_LITERAL, "2021-08-24")).toBeUndefined();
  });

  const instant = fc
    .integer({ min: Date.parse("1601-01-01T00:00:00Z") / 1000, max: Date.parse("9000-12-31T23:59:59Z") / 1000 })
    .map((s) => new Date(s * 1000));
  const interval = fc.constantFrom("yyyy", "m", "d", "ww", "h", "n", "s");

  it("is antisymmetric: DateDiff(i, a, b) = -DateDiff(i, b, a) (property)", () => {
    fc.assert(
      fc.property(interval, instant, instant, (i, a, b) => {
        expect(call("DateDiff", i, a, b)).toBe(-(call("DateDiff", i, b, a) as number) || 0);
      }),
    );
  });

  it("undoes DateAdd for every interval (property)", () => {
    fc.assert(
      fc.property(interval, instant, fc.integer({ min: -500, max: 500 }), (i, start, n) => {
        const later = call("DateAdd", i, n, start);
        expect(call("DateDiff", i, start, later)).toBe(n);
      }),
    );
  });
});

describe("DateFromNum", () => {
  it("converts the FR example 129699324000000000 to 2012-01-01T23:00:00Z", () => {
    const result = call("DateFromNum", 129699324000000000);
    expect(result).toBeInstanceOf(Date);
    expect((result as Date).toISOString()).toBe("2012-01-01T23:00:00.000Z");
  });

  it("takes numeric text, including values beyond 2^53, and keeps the millisecond", () => {
    expect((call("DateFromNum", "129699324000000000") as Date).toISOString()).toBe("2012-01-01T23:00:00.000Z");
    expect((call("DateFromNum", "129699324001239999") as Date).toISOString()).toBe("2012-01-01T23:00:00.123Z");
    expect((call("DateFromNum", "2650467743999999999") as Date).toISOString()).toBe("9999-12-31T23:59:59.999Z");
    expect((call("DateFromNum", 0) as Date).toISOString()).toBe("1601-01-01T00:00:00.000Z");
  });

  it("passes an absent value through as NULL", () => {
    expect(call("DateFromNum", null)).toBeNull();
    expect(call("DateFromNum", [])).toBeNull();
  });

  it("rejects negative, too large and non-numeric values, naming AD's never-expires value", () => {
    expect(failure("DateFromNum", -1).message).toContain("outside the FILETIME range");
    expect(failure("DateFromNum", "2650467744000000000").message).toContain("outside the FILETIME range");
    expect(failure("DateFromNum", "9223372036854775807").message).toContain('"never expires"');
    expect(failure("DateFromNum", "12.5").message).toContain("must be an AD FILETIME integer");
    expect(failure("DateFromNum", "2012-01-01").message).toContain("must be an AD FILETIME integer");
    expect(check("DateFromNum", "abc")).toContain("must be an AD FILETIME integer");
    expect(check("DateFromNum", "9223372036854775807")).toContain("never expires");
    expect(check("DateFromNum", "129699324000000000")).toBeUndefined();
  });
});

describe("NumFromDate", () => {
  it("gives the FILETIME of the FR example and of equivalent offsets", () => {
    expect(call("NumFromDate", "2012-01-01T23:00:00Z")).toBe(129699324000000000);
    expect(call("NumFromDate", "2012-01-01 15:00:00-08:00")).toBe(129699324000000000);
    expect(call("NumFromDate", "2012-01-02T07:00:00+08:00")).toBe(129699324000000000);
    expect(call("NumFromDate", "1/1/2012 11:00:00 PM")).toBe(129699324000000000);
    expect(call("NumFromDate", new Date("2012-01-01T23:00:00Z"))).toBe(129699324000000000);
    expect(call("NumFromDate", "1601-01-01T00:00:00Z")).toBe(0);
  });

  it("returns exact decimal text when a double cannot hold every tick", () => {
    expect(call("NumFromDate", "2012-01-01T23:00:00.1234567Z")).toBe("129699324001234567");
    expect(call("NumFromDate", "9999-12-31T23:59:59Z")).toBe("2650467743990000000");
  });

  it("reports NULL, bad text and dates before 1601", () => {
    expect(failure("NumFromDate", null).message).toContain("NumFromDate: value is NULL");
    expect(failure("NumFromDate", "31.12.2021").message).toContain("not a valid date/time");
    expect(failure("NumFromDate", "1600-12-31T23:59:59Z").message).toContain("before 1601-01-01");
    expect(check("NumFromDate", "tomorrow")).toContain("not a valid date/time");
  });

  const wholeSecondDates = fc
    .integer({ min: Date.parse("1601-01-01T00:00:00Z") / 1000, max: Date.parse("9999-12-31T23:59:59Z") / 1000 })
    .map((s) => new Date(s * 1000));

  it("round-trips through DateFromNum for every whole-second date of years 1601–9999 (property)", () => {
    fc.assert(
      fc.property(wholeSecondDates, (d) => {
        const fileTime = call("NumFromDate", d.toISOString());
        expect(call("DateFromNum", fileTime)).toEqual(d);
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with the FILETIME formula (property)", () => {
    fc.assert(
      fc.property(wholeSecondDates, (d) => {
        const fileTime = call("NumFromDate", d.toISOString());
        expect(BigInt(fileTime as number | string)).toBe((BigInt(d.getTime()) + 11_644_473_600_000n) * 10_000n);
      }),
    );
  });
});

describe("FormatDateTime", () => {
  it("FR example: 20150123105347.1Z with yyyyMMddHHmmss.fZ → yyyy-MM-dd", () => {
    expect(call("FormatDateTime", "20150123105347.1Z", undefined, "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")).toBe(
      "2015-01-23",
    );
  });

  it("accepts the 3-argument form (source, inputFormat, outputFormat) of the guides", () => {
    expect(call("FormatDateTime", "20150123105347.1Z", "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")).toBe("2015-01-23");
  });

  it("keeps the wall-clock date of a Workday date with a negative offset", () => {
    expect(call("FormatDateTime", "2020-12-31-08:00", undefined, "yyyy-MM-ddzzz", "yyyy-MM-dd")).toBe("2020-12-31");
    expect(call("FormatDateTime", "2020-12-31-08:00", undefined, "yyyy-MM-ddzzz", "yyyy-MM-ddTHH:mm:ssK")).toBe(
      "2020-12-31T08:00:00+00:00",
    );
    // A positive offset at midnight is the previous day in UTC.
    expect(call("FormatDateTime", "2020-12-31+08:00", undefined, "yyyy-MM-ddzzz", "yyyy-MM-dd")).toBe("2020-12-30");
  });

  it("reads the SuccessFactors 12-hour form", () => {
    expect(call("FormatDateTime", "12/31/2023 12:00:00 AM", undefined, "M/d/yyyy hh:mm:ss tt", "yyyy-MM-dd")).toBe(
      "2023-12-31",
    );
  });

  it("applies DateTimeStyles, empty meaning RoundtripKind with leading and trailing white space", () => {
    expect(call("FormatDateTime", " 2021-01-02 ", "", "yyyy-MM-dd", "dd.MM.yyyy")).toBe("02.01.2021");
    expect(call("FormatDateTime", "2021-01-02T10:00:00Z", undefined, "yyyy-MM-ddTHH:mm:ssK", "o")).toBe(
      "2021-01-02T10:00:00.0000000Z",
    );
    expect(call("FormatDateTime", "2021-01-02T10:00:00-02:00", "AdjustToUniversal", "yyyy-MM-ddTHH:mm:ssK", "%K")).toBe(
      "Z",
    );
    expect(failure("FormatDateTime", " 2021-01-02", "None", "yyyy-MM-dd", "d").message).toContain("does not match");
    expect(failure("FormatDateTime", "x", "Sideways", "yyyy", "d").message).toContain(
      '"Sideways" is not a DateTimeStyles name',
    );
  });

  it("uses today's date from the clock when the input has no date", () => {
    expect(call("FormatDateTime", "10:15", undefined, "HH:mm", "yyyy-MM-dd HH:mm")).toBe("2021-08-25 10:15");
  });

  it("formats a Date from DateFromNum without parsing it", () => {
    expect(call("FormatDateTime", new Date("2012-01-01T23:00:00Z"), undefined, "ignored", "yyyy-MM-dd HH:mm")).toBe(
      "2012-01-01 23:00",
    );
  });

  it("passes an absent source through as NULL", () => {
    expect(call("FormatDateTime", null, undefined, "yyyy-MM-dd", "yyyy")).toBeNull();
  });

  it("reports a source that does not match, naming the value and the format", () => {
    const err = failure("FormatDateTime", "31/12/2020", undefined, "yyyy-MM-dd", "yyyy");
    expect(err.code).toBe("ExpressionEvaluationFailed");
    expect(err.message).toContain('FormatDateTime: source "31/12/2020" does not match the input format "yyyy-MM-dd"');
    expect(failure("FormatDateTime", "", undefined, "yyyy-MM-dd", "yyyy").message).toContain("does not match");
  });

  it("reports computed formats that are invalid or NULL", () => {
    expect(failure("FormatDateTime", "2021", undefined, "yyyy'", "yyyy").message).toContain("inputFormat");
    expect(failure("FormatDateTime", "2021", undefined, "yyyy", null).message).toContain("outputFormat is NULL");
    expect(failure("FormatDateTime", "2021", undefined, "yyyy", "").message).toContain("the format is empty");
  });

  it("checks literal formats, styles and sources at compile time", () => {
    expect(check("FormatDateTime", NOT_LITERAL, undefined, "yyyy-MM-ddffffffff", "yyyy")).toContain("inputFormat");
    expect(check("FormatDateTime", NOT_LITERAL, undefined, "yyyy-MM-dd", "q")).toContain("outputFormat");
    expect(check("FormatDateTime", NOT_LITERAL, undefined, undefined, "yyyy")).toBe("inputFormat is required");
    expect(check("FormatDateTime", NOT_LITERAL, "Roundtrip", "yyyy", "yyyy")).toContain("dateTimeStyles");
    expect(check("FormatDateTime", "2021-13-01", undefined, "yyyy-MM-dd", "yyyy")).toContain("month 13");
    expect(check("FormatDateTime", "2021", "yyyy'", "yyyy")).toContain("inputFormat");
    expect(check("FormatDateTime", NOT_LITERAL, undefined, "yyyy-MM-ddzzz", "yyyy-MM-dd")).toBeUndefined();
    expect(check("FormatDateTime", NOT_LITERAL, NOT_LITERAL, NOT_LITERAL, NOT_LITERAL)).toBeUndefined();
  });
});

describe("the function table", () => {
  it("defines each date function once with its documented arity", () => {
    const arity = Object.fromEntries(dateFunctions.map((f) => [f.name, [f.minArgs, f.maxArgs]]));
    expect(arity).toEqual({
      CDate: [1, 1],
      DateAdd: [3, 3],
      DateDiff: [3, 3],
      DateFromNum: [1, 1],
      FormatDateTime: [3, 4],
      Now: [0, 0],
      NumFromDate: [1, 1],
    });
  });
});
