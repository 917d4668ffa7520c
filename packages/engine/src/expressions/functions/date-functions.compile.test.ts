/** The date, number, encoding and random functions through the real compiler and evaluator. */
import { describe, expect, it } from "vitest";
import { RosterError } from "../../errors/error-codes.js";
import { compileExpression } from "../compile.js";
import type { Value } from "../types.js";
import { fakeContext } from "./test-support/random-test-context.js";

const NOW = "2021-08-25T17:41:18Z";

function evaluate(expression: string, attributes: Record<string, Value> = {}, now = NOW): Value {
  return compileExpression(expression).evaluate(fakeContext({ now, attributes }));
}

/** FILETIME of an ISO instant, computed independently of the functions under test. */
function fileTime(iso: string): bigint {
  return (BigInt(Date.parse(iso)) + 11_644_473_600_000n) * 10_000n;
}

describe("documented recipes, end to end", () => {
  it("Workday accountExpires: NumFromDate(Join(FormatDateTime(ContractEndDate, yyyy-MM-ddzzz), 23:59:59-08:00))", () => {
    const expression =
      'NumFromDate(Join("", FormatDateTime([ContractEndDate], ,"yyyy-MM-ddzzz","yyyy-MM-dd"), " 23:59:59-08:00"))';
    const result = evaluate(expression, { ContractEndDate: "2020-12-31-08:00" });
    expect(BigInt(result as number)).toBe(fileTime("2021-01-01T07:59:59Z"));
  });

  it("SuccessFactors accountExpires: endDate in M/d/yyyy hh:mm:ss tt, with the T separator", () => {
    const expression =
      'NumFromDate(Join("",FormatDateTime([endDate], ,"M/d/yyyy hh:mm:ss tt","yyyy-MM-dd"),"T23:59:59-08:00"))';
    const result = evaluate(expression, { endDate: "12/31/2023 12:00:00 AM" });
    expect(BigInt(result as number)).toBe(fileTime("2024-01-01T07:59:59Z"));
  });

  it("the guides' 3-argument FormatDateTime", () => {
    expect(evaluate('FormatDateTime([d], "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")', { d: "20150123105347.1Z" })).toBe(
      "2015-01-23",
    );
  });

  it("FR DateDiff example 2: enable the account only within five days of the hire date", () => {
    const expression =
      'Switch([Active], , "1", IIF(DateDiff("d", Now(), CDate([StatusHireDate])) > 5, "False", "True"), "0", "False")';
    expect(evaluate(expression, { Active: "1", StatusHireDate: "2021-09-15-07:00" })).toBe("False");
    expect(evaluate(expression, { Active: "1", StatusHireDate: "2021-08-29-07:00" })).toBe("True");
    expect(evaluate(expression, { Active: "1", StatusHireDate: "2021-08-29-07:00" }, "2021-08-20T00:00:00Z")).toBe(
      "False",
    );
    expect(evaluate(expression, { Active: "0", StatusHireDate: "2021-08-29-07:00" })).toBe("False");
  });

  it("FR DateAdd example and quoted numbers", () => {
    expect(evaluate('DateAdd("d", 7, CDate([StatusHireDate]))', { StatusHireDate: "2012-03-16-07:00" })).toBe(
      "3/23/2012 7:00:00 AM",
    );
    expect(evaluate('DateAdd("d", "10", Now())')).toBe("9/4/2021 5:41:18 PM");
    expect(evaluate('DateAdd("d", -10, CDate("2012-03-16-07:00"))')).toBe("3/6/2012 7:00:00 AM");
  });

  it("other FR examples", () => {
    expect(evaluate("BitAnd(&HF, &HF7)")).toBe(7);
    expect(evaluate("CBool([a] = [b])", { a: "x", b: "x" })).toBe(true);
    expect(evaluate("CBool([a] = [b])", { a: "x", b: "y" })).toBe(false);
    expect(evaluate('ConvertToBase64("Hello world!")')).toBe("SABlAGwAbABvACAAdwBvAHIAbABkACEA");
    expect(evaluate('ConvertToUTF8Hex("Hello world!")')).toBe("48656C6C6F20776F726C6421");
    expect((evaluate("DateFromNum(129699324000000000)") as Date).toISOString()).toBe("2012-01-01T23:00:00.000Z");
    expect(evaluate('CDate("2021-06-30+08:00")')).toBe("6/29/2021 4:00:00 PM");
    expect(evaluate("Guid()")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(evaluate("Redact(RandomString(6,3,0,0,3))")).toMatch(/^(?=(?:.*\d){3})(?=(?:.*[a-z]){3})[0-9a-z]{6}$/);
  });
});

describe("compile-time behaviour", () => {
  it("rejects literal mistakes with InvalidExpression", () => {
    for (const expression of [
      'DateAdd("q", 1, Now())',
      'DateDiff("d", Now(), CDate("31/12/2021"))',
      'FormatDateTime([d], , "yyyy-MM-dd\'", "yyyy")',
      'FormatDateTime([d], "Sideways", "yyyy", "yyyy")',
      "RandomString(3, 2, 2, 0, 0)",
      'BitAnd("x", 1)',
      'DateFromNum("9223372036854775807")',
    ]) {
      expect(() => compileExpression(expression), expression).toThrow(RosterError);
      try {
        compileExpression(expression);
      } catch (err) {
        expect((err as RosterError).code, expression).toBe("InvalidExpression");
      }
    }
  });

  it("folds pure calls on literals, but never Now, Guid or RandomString", () => {
    const cdate = compileExpression('CDate("2021-06-30+08:00")');
    expect(cdate.evaluate(fakeContext({ now: "2030-01-01T00:00:00Z" }))).toBe("6/29/2021 4:00:00 PM");
    const now = compileExpression("Now()");
    expect(now.evaluate(fakeContext({ now: "2030-01-01T00:00:00Z" }))).toBe("1/1/2030 12:00:00 AM");
    expect(now.evaluate(fakeContext({ now: "2031-01-01T00:00:00Z" }))).toBe("1/1/2031 12:00:00 AM");
    const guid = compileExpression("Guid()");
    expect(guid.evaluate(fakeContext({ seed: 1 }))).not.toBe(guid.evaluate(fakeContext({ seed: 2 })));
  });

  it("keeps a literal FormatDateTime that needs today's date a runtime call", () => {
    const compiled = compileExpression('FormatDateTime("10:15", , "HH:mm", "yyyy-MM-dd HH:mm")');
    expect(compiled.evaluate(fakeContext({ now: "2030-05-06T23:00:00Z" }))).toBe("2030-05-06 10:15");
  });

  it("reports runtime failures as ExpressionEvaluationFailed naming the function and value", () => {
    const compiled = compileExpression('DateDiff("d", Now(), CDate([StatusHireDate]))');
    expect(() => compiled.evaluate(fakeContext({ attributes: {} }))).toThrow(/CDate: expression is NULL/);
    try {
      compiled.evaluate(fakeContext({ attributes: { StatusHireDate: "soon" } }));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(RosterError);
      expect((err as RosterError).code).toBe("ExpressionEvaluationFailed");
      expect((err as RosterError).message).toContain('"soon" is not a valid date/time');
    }
  });
});
