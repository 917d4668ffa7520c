/** Compile + evaluate end to end with the real function table. */
import { describe, expect, it } from "vitest";
import { RosterError } from "../errors/error-codes.js";
import { compileExpression, evaluateExpression, evaluateToOutcome } from "./compile.js";
import type { EvalContext, ExpressionOutcome } from "./types.js";

function context(attributes: Record<string, unknown> = {}): EvalContext {
  return {
    attributes: attributes as EvalContext["attributes"],
    now: () => new Date("2024-05-06T07:08:09Z"),
    random: () => 0.25,
    redacted: false,
  };
}

const outcome = (source: string, attributes: Record<string, unknown> = {}): ExpressionOutcome =>
  evaluateToOutcome(compileExpression(source), context(attributes));
const value = (source: string, attributes: Record<string, unknown> = {}) =>
  compileExpression(source).evaluate(context(attributes));

describe("expressions with the built-in functions", () => {
  it("Join skips empty and NULL sources", () => {
    expect(value('Join(",", [a], "b")', { a: "x" })).toBe("x,b");
    expect(value('Join(",", [a], "b")', {})).toBe("b");
    expect(value('Join(", ", "", [surname], [givenName])', { surname: "Doe", givenName: "John" })).toBe("Doe, John");
  });

  it("nested IIF with comparisons chooses the right arm", () => {
    const compiled = compileExpression(
      'IIF([StatusRehire]=1, "rehire", IIF([WorkerType] = "Contractor", "contractor", IIF([Level] >= 10, "senior", "employee")))',
    );
    expect(compiled.evaluate(context({ StatusRehire: "1" }))).toBe("rehire");
    expect(compiled.evaluate(context({ StatusRehire: "0", WorkerType: "Contractor" }))).toBe("contractor");
    expect(compiled.evaluate(context({ StatusRehire: "0", WorkerType: "Employee", Level: "12" }))).toBe("senior");
    expect(compiled.evaluate(context({ StatusRehire: "0", WorkerType: "Employee", Level: "9" }))).toBe("employee");
  });

  it("IIF with IsNullOrEmpty / IsPresent conditions and CBool of a comparison", () => {
    expect(value('IIF(IsNullOrEmpty([c]), "none", [c])', {})).toBe("none");
    expect(value('IIF(IsPresent([c]), [c], "none")', { c: "x" })).toBe("x");
    expect(value("CBool([a] = [b])", { a: "x", b: "x" })).toBe(true);
    expect(value("CBool([a] = [b])", { a: "x", b: "y" })).toBe(false);
  });

  it("Switch never evaluates an arm that is not chosen", () => {
    const compiled = compileExpression('Switch([kind], "none", "a", CDate([when]), "b", "ok")');
    expect(compiled.evaluate(context({ kind: "b", when: "not a date" }))).toBe("ok");
    expect(compiled.evaluate(context({ kind: "z", when: "not a date" }))).toBe("none");
    expect(() => compiled.evaluate(context({ kind: "a", when: "not a date" }))).toThrow(
      expect.objectContaining({ code: "ExpressionEvaluationFailed", message: expect.stringMatching(/^CDate: /) }),
    );
  });

  it('the documented guard Switch([d],[d],"","9999-12-31") feeds CDate safely', () => {
    const compiled = compileExpression('CDate(Switch([d], [d], "", "9999-12-31"))');
    expect(compiled.evaluate(context({}))).toBe("12/31/9999 12:00:00 AM");
    expect(compiled.evaluate(context({ d: "2021-06-30+08:00" }))).toBe("6/29/2021 4:00:00 PM");
  });

  it("IgnoreFlowIfNullOrEmpty and the flow keywords become outcomes", () => {
    expect(outcome("IgnoreFlowIfNullOrEmpty([x])", {})).toEqual({ kind: "noFlow" });
    expect(outcome("IgnoreFlowIfNullOrEmpty([x])", { x: "" })).toEqual({ kind: "noFlow" });
    expect(outcome("IgnoreFlowIfNullOrEmpty([x])", { x: "v" })).toEqual({ kind: "value", value: "v", redacted: false });
    expect(
      outcome('IIF(DateDiff("d", Now(), CDate([hire])) > 14, IgnoreObjectFlow, "go")', { hire: "2024-06-30" }),
    ).toEqual({
      kind: "skipObject",
    });
    expect(
      outcome('IIF(DateDiff("d", Now(), CDate([hire])) > 14, IgnoreObjectFlow, "go")', { hire: "2024-05-10" }),
    ).toEqual({
      kind: "value",
      value: "go",
      redacted: false,
    });
  });

  it("Redact marks the outcome as redacted, even with a literal argument", () => {
    expect(outcome("Redact([pw])", { pw: "s3cret" })).toEqual({ kind: "value", value: "s3cret", redacted: true });
    expect(outcome('Redact("fixed")')).toEqual({ kind: "value", value: "fixed", redacted: true });
    expect(outcome('Join("-", Redact([pw]), "x")', { pw: "p" })).toEqual({
      kind: "value",
      value: "p-x",
      redacted: true,
    });
  });

  it("omitted Replace positions, unknown escapes and function-name case", () => {
    expect(value(String.raw`Replace([mobile], , "[()\\s-]+", , "", , )`, { mobile: "+1 (425) 555-0100" })).toBe(
      "+14255550100",
    );
    expect(value(String.raw`Replace([mobile],,"[()\s-]+",,"",,)`, { mobile: "(425) 555-0100" })).toBe("4255550100");
    expect(value('switch([c], "d", "x", "X")', { c: "x" })).toBe("X");
    expect(value("IsNullorEmpty([c])", {})).toBe(true);
  });

  it("number literals: negative, hex, and as arguments", () => {
    expect(value("BitAnd(&HF, &HF7)")).toBe(7);
    expect(value("Mid([x], 1, 3)", { x: "abcdef" })).toBe("abc");
    expect(value('Mid([x], "2", "2")', { x: "abcdef" })).toBe("bc");
    expect(value('DateAdd("d", -10, CDate("2020-03-16T07:00:00Z"))')).toBe("3/6/2020 7:00:00 AM");
    expect(value('Join("", 1000, [id])', { id: "42" })).toBe("100042");
  });

  it("Now and Guid are evaluated per evaluation, not folded", () => {
    const compiled = compileExpression("Now()");
    expect(compiled.evaluate(context())).toBe("5/6/2024 7:08:09 AM");
    const later = { ...context(), now: () => new Date("2025-01-02T03:04:05Z") };
    expect(compiled.evaluate(later)).toBe("1/2/2025 3:04:05 AM");
    let seed = 0;
    const varying = { ...context(), random: () => (seed++ % 97) / 97 };
    const guid = compileExpression("Guid()");
    expect(guid.evaluate(varying)).not.toBe(guid.evaluate(varying));
  });

  it("reports arity and check errors of real functions at compile time with positions", () => {
    expect(() => compileExpression('Join(",",\n  Mid([a], 1))')).toThrow(/^2:3: Mid takes 3 arguments, got 2$/);
    expect(() => compileExpression('Switch([a], "d", "k")')).toThrow(RosterError);
    expect(() => compileExpression("IsNull()")).toThrow(/^1:1: IsNull takes 1 argument, got 0$/);
  });

  it("SelectUniqueValue with an in-memory directory", async () => {
    const taken = new Set(["jdoe", "john.doe"]);
    const isTaken = async (_attribute: string, v: string) => taken.has(v);
    const compiled = compileExpression(`SelectUniqueValue(
      Join("", Left(ToLower([first]), 1), ToLower([last])),
      Join(".", ToLower([first]), ToLower([last])),
      Join(".", ToLower([first]), ToLower(Mid([middle], 1, 1)), ToLower([last]))
    )`);
    expect(compiled.candidates).toHaveLength(3);
    const ctx = context({ first: "John", middle: "Quincy", last: "Doe" });
    const options = { targetAttribute: "sAMAccountName", isTaken, applyMapping: "OnlyOnCreate" as const };
    await expect(evaluateExpression(compiled, ctx, options)).resolves.toEqual({
      kind: "value",
      value: "john.q.doe",
      redacted: false,
    });
    taken.add("john.q.doe");
    await expect(evaluateExpression(compiled, ctx, options)).rejects.toMatchObject({
      code: "SelectUniqueValueExhausted",
    });
  });
});
