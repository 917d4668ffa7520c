import { describe, expect, it } from "vitest";
import { CollectingStream } from "../test-support/streams.js";
import { runExprEval, type ExprEvalOptions } from "./expr-eval.js";

async function evaluate(expression: string, options: ExprEvalOptions): Promise<{ code: number; answer: unknown }> {
  const output = new CollectingStream();
  const code = await runExprEval(expression, options, output);
  const lines = output.jsonLines();
  expect(lines).toHaveLength(1);
  return { code, answer: lines[0] };
}

describe("expr eval", () => {
  it("prints the value without an id and exits 0", async () => {
    await expect(evaluate('Join("@", [u], "contoso.com")', { attributes: '{"u": "ana"}' })).resolves.toEqual({
      code: 0,
      answer: { value: "ana@contoso.com" },
    });
  });

  it("takes --now, --taken and the mapping options", async () => {
    await expect(evaluate('DateAdd("d", 1, Now())', { now: "2021-08-25T17:41:18Z" })).resolves.toEqual({
      code: 0,
      answer: { value: "8/26/2021 5:41:18 PM" },
    });
    const suv = 'SelectUniqueValue(Join("", [u], "1"), Join("", [u], "2"))';
    await expect(
      evaluate(suv, {
        attributes: '{"u": "bo"}',
        taken: '["BO1"]',
        applyMapping: "OnlyOnCreate",
        targetAttribute: "sAMAccountName",
      }),
    ).resolves.toEqual({
      code: 0,
      answer: { value: "bo2" },
    });
    const misuse = await evaluate(suv, { attributes: '{"u": "bo"}', matchingPrecedence: "2" });
    expect(misuse).toMatchObject({ code: 1, answer: { error: { code: "InvalidExpression" } } });
  });

  it("prints the error JSON and exits 1 on bad input or a bad expression", async () => {
    await expect(evaluate("[x]", { attributes: "{x: 1}" })).resolves.toMatchObject({
      code: 1,
      answer: { error: { code: "InvalidRequest", message: expect.stringContaining("--attributes") } },
    });
    await expect(evaluate("[x]", { matchingPrecedence: "first" })).resolves.toMatchObject({
      code: 1,
      answer: { error: { code: "InvalidRequest", message: expect.stringContaining("matchingPrecedence") } },
    });
    await expect(evaluate("Nope([x])", {})).resolves.toMatchObject({
      code: 1,
      answer: { error: { code: "InvalidExpression" } },
    });
  });
});
