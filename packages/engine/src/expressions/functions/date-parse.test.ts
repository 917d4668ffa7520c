import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RosterError } from "../../errors/error-codes.js";
import { formatUsDateTime } from "../values.js";
import { dateArg, parseDateTimeText } from "./date-parse.js";

function isoOf(text: string): string | undefined {
  const parsed = parseDateTimeText(text);
  return parsed === undefined ? undefined : new Date(parsed.epochMs).toISOString();
}

describe("lenient date/time parsing (CDate forms)", () => {
  it.each([
    ["2020-03-16-07:00", "2020-03-16T07:00:00.000Z"],
    ["2021-06-30+08:00", "2021-06-29T16:00:00.000Z"],
    ["2009-06-15T01:45:30-07:00", "2009-06-15T08:45:30.000Z"],
    ["2021-08-24", "2021-08-24T00:00:00.000Z"],
    ["8/25/2021 5:41:18 PM", "2021-08-25T17:41:18.000Z"],
    ["8/25/2021 12:00:00 AM", "2021-08-25T00:00:00.000Z"],
    ["8/25/2021 12:00:00 PM", "2021-08-25T12:00:00.000Z"],
    ["08/25/2021", "2021-08-25T00:00:00.000Z"],
    ["8-25-2021", "2021-08-25T00:00:00.000Z"],
    ["8/25/21", "2021-08-25T00:00:00.000Z"],
    ["8/25/99", "1999-08-25T00:00:00.000Z"],
    ["12/31/999", "0999-12-31T00:00:00.000Z"],
    ["2012-01-01T23:00:00Z", "2012-01-01T23:00:00.000Z"],
    ["2012-01-01T23:00:00.1234567Z", "2012-01-01T23:00:00.123Z"],
    ["2012-01-01t23:00:00z", "2012-01-01T23:00:00.000Z"],
    ["2012-01-01 23:00:00", "2012-01-01T23:00:00.000Z"],
    ["2012-01-01 23:59:59-08:00", "2012-01-02T07:59:59.000Z"],
    ["2012-01-01T23:59:59+0530", "2012-01-01T18:29:59.000Z"],
    ["2012-01-01T23:59:59 +05", "2012-01-01T18:59:59.000Z"],
    ["2012/01/01 10:00", "2012-01-01T10:00:00.000Z"],
    ["  2021-08-24  ", "2021-08-24T00:00:00.000Z"],
    ["25 Aug 2021", "2021-08-25T00:00:00.000Z"],
    ["25-August-2021 17:41", "2021-08-25T17:41:00.000Z"],
    ["August 25, 2021", "2021-08-25T00:00:00.000Z"],
    ["Sept 5 2021 5:00 pm", "2021-09-05T17:00:00.000Z"],
    ["Wed, 25 Aug 2021 17:41:18 GMT", "2021-08-25T17:41:18.000Z"],
    ["2020-02-29", "2020-02-29T00:00:00.000Z"],
    ["0001-01-01", "0001-01-01T00:00:00.000Z"],
    ["9999-12-31T23:59:59Z", "9999-12-31T23:59:59.000Z"],
  ])("%j → %s", (text, expected) => {
    expect(isoOf(text)).toBe(expected);
  });

  it("keeps 100-ns precision and rounds an 8th fraction digit", () => {
    expect(parseDateTimeText("2012-01-01T23:00:00.1234567Z")?.subMsTicks).toBe(4567);
    expect(parseDateTimeText("2012-01-01T23:00:00.12345678Z")?.subMsTicks).toBe(4568);
    expect(parseDateTimeText("2012-01-01T23:00:00.5Z")?.subMsTicks).toBe(0);
  });

  it.each([
    "",
    "garbage",
    "2021-02-29",
    "2021-13-01",
    "2021-00-10",
    "2021-01-32",
    "2021-01-01T24:00:00",
    "2021-01-01T10:60",
    "2021-01-01T10:00:60",
    "13/01/2021",
    "8/25/2021 13:00 PM",
    "2021-01-01+15:00",
    "2021-01-01+05:60",
    "0001-01-01+01:00",
    "9999-12-31T23:30:00-01:00",
    "0000-01-01",
    "20210824",
    "44000",
  ])("rejects %j", (text) => {
    expect(parseDateTimeText(text)).toBeUndefined();
  });
});

describe("reading dates back (property)", () => {
  const instant = fc
    .integer({ min: Date.parse("0001-01-01T00:00:00Z"), max: Date.parse("9999-12-31T23:59:59.999Z") })
    .map((ms) => new Date(ms));

  it("parses every ISO 8601 UTC instant of years 1–9999 to the same millisecond", () => {
    fc.assert(
      fc.property(instant, (d) => {
        expect(parseDateTimeText(d.toISOString())?.epochMs).toBe(d.getTime());
      }),
    );
  });

  it("reads its own M/d/yyyy h:mm:ss tt text back to the second", () => {
    // formatUsDateTime does not pad years below 1000 to four digits, so start at 1000.
    const modern = fc
      .integer({ min: Date.parse("1000-01-01T00:00:00Z"), max: Date.parse("9999-12-31T23:59:59.999Z") })
      .map((ms) => new Date(ms));
    fc.assert(
      fc.property(modern, (d) => {
        expect(parseDateTimeText(formatUsDateTime(d))?.epochMs).toBe(
          d.getTime() - (((d.getTime() % 1000) + 1000) % 1000),
        );
      }),
    );
  });

  it("applies any offset of ±14:00 as a shift to UTC", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse("1000-01-01T00:00:00Z") / 1000, max: Date.parse("9000-01-01T00:00:00Z") / 1000 }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (seconds, offset) => {
          const wall = new Date(seconds * 1000).toISOString().slice(0, 19);
          const sign = offset < 0 ? "-" : "+";
          const abs = Math.abs(offset);
          const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
          expect(parseDateTimeText(`${wall}${zone}`)?.epochMs).toBe(seconds * 1000 - offset * 60_000);
        },
      ),
    );
  });
});

describe("date arguments", () => {
  it("accept a Date as it is", () => {
    const d = new Date("2012-01-01T23:00:00.250Z");
    expect(dateArg("F", "date", d).epochMs).toBe(d.getTime());
  });

  it("reject NULL, bad text and invalid dates with an error naming the function, argument and value", () => {
    const failure = (value: Parameters<typeof dateArg>[2]): RosterError => {
      try {
        dateArg("DateDiff", "date2", value);
      } catch (err) {
        if (err instanceof RosterError) return err;
      }
      throw new Error("expected a RosterError");
    };
    const nullError = failure(null);
    expect(nullError.code).toBe("ExpressionEvaluationFailed");
    expect(nullError.message).toMatch(/^DateDiff: date2 is NULL/);
    expect(failure(undefined).message).toContain("NULL");
    const bad = failure("31/12/2021");
    expect(bad.message).toContain('"31/12/2021" is not a valid date/time');
    expect(bad.details).toMatchObject({ function: "DateDiff", argument: "date2", value: "31/12/2021" });
    expect(failure(new Date(Number.NaN)).message).toContain("not a valid date");
  });
});
