/**
 * SelectUniqueValue answers the same whether the uniqueness check answers synchronously
 * (no promise at all) or asynchronously, and both entry points (evaluateExpression,
 * resolveExpression) agree, with the real function library.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileExpression, evaluateExpression, resolveExpression, type UniquenessChecker } from "./compile.js";
import type { EvalContext, ExpressionOutcome } from "./types.js";

const UPN =
  'SelectUniqueValue(Join("@", Join(".", [first], [last]), "contoso.com"), Join("@", Join(".", Mid([first], 1, 1), [last]), "contoso.com"), [alias], Redact([secret]), Join("@", Join(".", [first], [last]), "contoso.com"))';

function context(attributes: Record<string, string | undefined>): EvalContext {
  return { attributes, now: () => new Date(0), random: () => 0.5, redacted: false };
}

/** A directory whose values are taken case-insensitively; every check is logged. */
function checker(taken: ReadonlySet<string>, async: boolean): UniquenessChecker & { readonly asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    isTaken(attribute, value) {
      asked.push(`${attribute}=${value}`);
      const answer = taken.has(value.toLowerCase());
      return async ? Promise.resolve(answer) : answer;
    },
  };
}

async function settle(run: () => ExpressionOutcome | Promise<ExpressionOutcome>): Promise<unknown> {
  try {
    return { outcome: await run() };
  } catch (error) {
    return { error: error instanceof Error ? { name: error.name, message: error.message } : error };
  }
}

const namePart = fc.constantFrom("ana", "Ana", "bo", "", "Émile", "o'neil", "x");

describe("SelectUniqueValue with a synchronous or an asynchronous check", () => {
  const compiled = compileExpression(UPN);

  it("picks the same candidate, asks the same questions and fails the same way (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            first: namePart,
            last: namePart,
            alias: fc.option(fc.constantFrom("ana@contoso.com", "alias@contoso.com", ""), { nil: undefined }),
            secret: fc.option(fc.constantFrom("hidden@contoso.com", "ana.ana@contoso.com"), { nil: undefined }),
          },
          { requiredKeys: ["first", "last"] },
        ),
        fc.uniqueArray(
          fc.constantFrom(
            "ana.ana@contoso.com",
            "a.ana@contoso.com",
            "alias@contoso.com",
            "hidden@contoso.com",
            "émile.bo@contoso.com",
            "x.x@contoso.com",
          ),
        ),
        async (attributes, takenValues) => {
          const taken = new Set(takenValues);
          const options = (uniqueness: UniquenessChecker) => ({ targetAttribute: "userPrincipalName", uniqueness });
          const sync = checker(taken, false);
          const syncCtx = context(attributes);
          const direct = (() => {
            try {
              return resolveExpression(compiled, syncCtx, options(sync));
            } catch {
              return undefined;
            }
          })();
          // A synchronous check gives the outcome itself, never a promise.
          expect(direct instanceof Promise).toBe(false);

          const viaSync = await settle(() =>
            resolveExpression(compiled, context(attributes), options(checker(taken, false))),
          );
          const async = checker(taken, true);
          const asyncCtx = context(attributes);
          const viaAsync = await settle(() => resolveExpression(compiled, asyncCtx, options(async)));
          const viaFunction = await settle(() =>
            evaluateExpression(compiled, context(attributes), {
              targetAttribute: "userPrincipalName",
              isTaken: (attribute, value) => checker(taken, true).isTaken(attribute, value),
            }),
          );
          expect(viaAsync).toEqual(viaSync);
          expect(viaFunction).toEqual(viaSync);
          expect(async.asked).toEqual(sync.asked);
          // The context ends with the chosen candidate's redaction either way.
          expect(asyncCtx.redacted).toBe(syncCtx.redacted);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("stops at the first free candidate without checking the rest", () => {
    const sync = checker(new Set(), false);
    const outcome = resolveExpression(compiled, context({ first: "Ana", last: "Lee" }), {
      targetAttribute: "userPrincipalName",
      uniqueness: sync,
    });
    expect(outcome).toEqual({ kind: "value", value: "Ana.Lee@contoso.com", redacted: false });
    expect(sync.asked).toEqual(["userPrincipalName=Ana.Lee@contoso.com"]);
  });

  it("lists every taken candidate once when all are taken, hiding redacted ones", async () => {
    const taken = new Set(["ana.lee@contoso.com", "a.lee@contoso.com", "alias@contoso.com", "hidden@contoso.com"]);
    const attributes = { first: "Ana", last: "Lee", alias: "alias@contoso.com", secret: "hidden@contoso.com" };
    for (const async of [false, true]) {
      const attempt = settle(() =>
        resolveExpression(compiled, context(attributes), {
          targetAttribute: "userPrincipalName",
          uniqueness: checker(taken, async),
        }),
      );
      await expect(attempt).resolves.toEqual({
        error: {
          name: "RosterError",
          message:
            'SelectUniqueValue for userPrincipalName: every candidate is already taken: "Ana.Lee@contoso.com", "A.Lee@contoso.com", "alias@contoso.com", [Redact]',
        },
      });
    }
  });

  it("passes a rejected check on as a rejection, a throwing check as an exception", async () => {
    const failing = (async: boolean): UniquenessChecker => ({
      isTaken: () => {
        if (async) return Promise.reject(new Error("directory down"));
        throw new Error("directory down");
      },
    });
    const options = (async: boolean) => ({ targetAttribute: "cn", uniqueness: failing(async) });
    expect(() => resolveExpression(compiled, context({ first: "a", last: "b" }), options(false))).toThrow(
      "directory down",
    );
    await expect(resolveExpression(compiled, context({ first: "a", last: "b" }), options(true))).rejects.toThrow(
      "directory down",
    );
    await expect(evaluateExpression(compiled, context({ first: "a", last: "b" }), options(false))).rejects.toThrow(
      "directory down",
    );
  });
});
