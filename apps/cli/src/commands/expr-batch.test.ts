import { PassThrough } from "node:stream";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { CollectingStream, linesInput } from "../test-support/streams.js";
import { runExprBatch } from "./expr-batch.js";

async function batch(requests: readonly (object | string)[]): Promise<unknown[]> {
  const output = new CollectingStream();
  const lines = requests.map((r) => (typeof r === "string" ? r : JSON.stringify(r)));
  await runExprBatch({ input: linesInput(lines), output }, { random: () => 0.25 });
  return output.jsonLines();
}

describe("expr eval --batch", () => {
  it("answers several requests, one line each, in input order", async () => {
    const answers = await batch([
      {
        id: "a",
        expression: 'Join(".", [FirstName], [LastName])',
        attributes: { FirstName: "Zoë", LastName: "O'Neil" },
      },
      { id: "b", expression: 'Switch([Active], , "0", "True", "1", "False")', attributes: { Active: "0" } },
      { id: "c", expression: "Mid([x], 2, 3)", attributes: { x: "abcdef" } },
    ]);
    expect(answers).toEqual([
      { id: "a", value: "Zoë.O'Neil" },
      { id: "b", value: "True" },
      { id: "c", value: "bcd" },
    ]);
  });

  it("answers a bad JSON line with InvalidRequest and goes on", async () => {
    const answers = await batch([
      { id: "1", expression: 'ToUpper("a")', attributes: {} },
      '{"id": "2", "expression": ',
      { id: "3", expression: 'ToLower("B")', attributes: {} },
    ]);
    expect(answers).toEqual([
      { id: "1", value: "A" },
      { id: null, error: { code: "InvalidRequest", message: expect.stringMatching(/line 2 is not valid JSON/) } },
      { id: "3", value: "b" },
    ]);
  });

  it("keeps the id of a request with missing or mistyped fields", async () => {
    const answers = await batch([
      { id: "no-attributes", expression: "[x]" },
      { id: "bad-type", expression: "[x]", attributes: { x: { nested: true } } },
      { id: "bad-now", expression: "Now()", attributes: {}, now: "yesterday" },
      { expression: "[x]", attributes: {} },
      "[1, 2]",
    ]);
    expect(answers).toEqual([
      { id: "no-attributes", error: { code: "InvalidRequest", message: expect.stringContaining("attributes") } },
      { id: "bad-type", error: { code: "InvalidRequest", message: expect.stringContaining("attributes.x") } },
      { id: "bad-now", error: { code: "InvalidRequest", message: expect.stringContaining("now") } },
      { id: null, error: { code: "InvalidRequest", message: expect.stringContaining("id") } },
      { id: null, error: { code: "InvalidRequest", message: expect.any(String) } },
    ]);
  });

  it("reports an unknown function as InvalidExpression with its position", async () => {
    const [answer] = await batch([{ id: "f", expression: 'Jion(".", [a])', attributes: {} }]);
    expect(answer).toEqual({
      id: "f",
      error: { code: "InvalidExpression", message: expect.stringMatching(/1:1.*Jion/) },
    });
  });

  it("reports a runtime failure as ExpressionEvaluationFailed", async () => {
    const [answer] = await batch([{ id: "d", expression: "CDate([d])", attributes: { d: "not a date" } }]);
    expect(answer).toMatchObject({ id: "d", error: { code: "ExpressionEvaluationFailed" } });
  });

  it("marks redacted values with logValue and still returns the value", async () => {
    const [answer] = await batch([{ id: "r", expression: "Redact([password])", attributes: { password: "S3cret!" } }]);
    expect(answer).toEqual({ id: "r", value: "S3cret!", logValue: "[Redact]" });
  });

  it("answers noFlow for IgnoreFlowIfNullOrEmpty and skipObject for IgnoreObjectFlow", async () => {
    const answers = await batch([
      { id: "empty", expression: "IgnoreFlowIfNullOrEmpty([title])", attributes: { title: "" } },
      { id: "absent", expression: "IgnoreFlowIfNullOrEmpty([title])", attributes: {} },
      { id: "present", expression: "IgnoreFlowIfNullOrEmpty([title])", attributes: { title: "CFO" } },
      { id: "skip", expression: 'Switch([Active], "keep", "0", IgnoreObjectFlow)', attributes: { Active: "0" } },
    ]);
    expect(answers).toEqual([
      { id: "empty", noFlow: true },
      { id: "absent", noFlow: true },
      { id: "present", value: "CFO" },
      { id: "skip", skipObject: true },
    ]);
  });

  it("resolves SelectUniqueValue against taken values, ignoring case", async () => {
    const expression =
      'SelectUniqueValue(Join("@", [u], "contoso.com"), Join("@", Join("", [u], "2"), "contoso.com"), Join("@", Join("", [u], "3"), "contoso.com"))';
    const answers = await batch([
      {
        id: "free",
        expression,
        attributes: { u: "ana" },
        applyMapping: "OnlyOnCreate",
        targetAttribute: "userPrincipalName",
      },
      { id: "one", expression, attributes: { u: "ana" }, taken: ["ANA@Contoso.com"] },
      { id: "two", expression, attributes: { u: "ana" }, taken: ["ana@contoso.com", "Ana2@contoso.com"] },
      {
        id: "all",
        expression,
        attributes: { u: "ana" },
        taken: ["ana@contoso.com", "ana2@contoso.com", "ana3@contoso.com"],
      },
      { id: "update", expression, attributes: { u: "ana" }, operation: "update" },
      { id: "matching", expression, attributes: { u: "ana" }, matchingPrecedence: 1 },
    ]);
    expect(answers).toEqual([
      { id: "free", value: "ana@contoso.com" },
      { id: "one", value: "ana2@contoso.com" },
      { id: "two", value: "ana3@contoso.com" },
      { id: "all", error: { code: "SelectUniqueValueExhausted", message: expect.any(String) } },
      { id: "update", error: { code: "InvalidExpression", message: expect.stringContaining("update") } },
      { id: "matching", error: { code: "InvalidExpression", message: expect.stringContaining("matching") } },
    ]);
  });

  it("prints Date results as ISO 8601 UTC and uses the given clock", async () => {
    const answers = await batch([
      { id: "date", expression: "DateFromNum([filetime])", attributes: { filetime: "129699324000000000" } },
      { id: "now", expression: "Now()", attributes: {}, now: "2021-08-25T17:41:18Z" },
      { id: "offset", expression: "Now()", attributes: {}, now: "2021-08-25T19:41:18+02:00" },
    ]);
    expect(answers).toEqual([
      { id: "date", value: "2012-01-01T23:00:00Z" },
      { id: "now", value: "8/25/2021 5:41:18 PM" },
      { id: "offset", value: "8/25/2021 5:41:18 PM" },
    ]);
  });

  it("returns multi-valued results as arrays and reuses compiled expressions without mixing values", async () => {
    const requests = Array.from({ length: 50 }, (_, i) => ({
      id: `s${i}`,
      expression: 'Split([v], ",")',
      attributes: { v: `a${i},b${i}` },
    }));
    const answers = await batch(requests);
    expect(answers).toEqual(requests.map((_, i) => ({ id: `s${i}`, value: [`a${i}`, `b${i}`] })));
  });

  it("keeps input order when slow (SelectUniqueValue) and fast requests interleave", async () => {
    const suv = 'SelectUniqueValue(Join("", [n], "1"), Join("", [n], "2"))';
    const requests = Array.from({ length: 40 }, (_, i) =>
      i % 3 === 0
        ? { id: String(i), expression: suv, attributes: { n: `w${i}` }, taken: [`w${i}1`] }
        : i % 3 === 1
          ? `{"id": "${i}", broken`
          : { id: String(i), expression: "ToUpper([n])", attributes: { n: `w${i}` } },
    );
    const answers = (await batch(requests)) as { id: string | null }[];
    expect(answers).toHaveLength(40);
    answers.forEach((answer, i) => {
      if (i % 3 === 0) expect(answer).toEqual({ id: String(i), value: `w${i}2` });
      else if (i % 3 === 1) expect(answer).toMatchObject({ id: null, error: { code: "InvalidRequest" } });
      else expect(answer).toEqual({ id: String(i), value: `W${i}` });
    });
  });

  it("answers each line as soon as it arrives (interactive use)", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const done = runExprBatch({ input, output });
    input.write(`${JSON.stringify({ id: "first", expression: 'ToUpper("x")', attributes: {} })}\n`);
    const [first] = (await once(output, "data")) as [Buffer];
    expect(JSON.parse(first.toString())).toEqual({ id: "first", value: "X" });
    input.end(`${JSON.stringify({ id: "second", expression: 'ToLower("Y")', attributes: {} })}\n\n`);
    const [second] = (await once(output, "data")) as [Buffer];
    expect(JSON.parse(second.toString())).toEqual({ id: "second", value: "y" });
    await expect(done).resolves.toBe(2);
  });
});
