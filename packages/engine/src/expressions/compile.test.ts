/**
 * The compiler against a small stand-in function table, so its machinery (laziness,
 * folding, checks, error wrapping, SelectUniqueValue) is tested independently of the
 * real library; compile-builtins.test.ts runs the same paths with the real functions.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { RosterError } from "../errors/error-codes.js";
import { compileExpression, evaluateExpression, evaluateToOutcome, toOutcome } from "./compile.js";
import {
  type Arg,
  type EvalContext,
  type FunctionDef,
  IGNORE_ATTRIBUTE_FLOW,
  IGNORE_OBJECT_FLOW,
  NOT_LITERAL,
} from "./types.js";

const probe = vi.hoisted(() => ({ catCalls: 0, ticks: 0, lookups: 0, checkArgs: [] as unknown[][] }));

vi.mock("./functions/index.js", async () => {
  const { toTextOrEmpty, toBoolean } = await import("./values.js");
  const types = await import("./types.js");
  const defs: FunctionDef[] = [
    {
      name: "Cat",
      minArgs: 1,
      maxArgs: Number.POSITIVE_INFINITY,
      call: (args) => {
        probe.catCalls++;
        return args.map((a) => toTextOrEmpty(a)).join("");
      },
    },
    {
      name: "Args",
      minArgs: 0,
      maxArgs: Number.POSITIVE_INFINITY,
      call: (args: readonly Arg[]) => args.map((a) => (a === undefined ? "<omitted>" : String(a))).join("|"),
    },
    {
      name: "When",
      lazy: true,
      minArgs: 3,
      maxArgs: 3,
      call: (args, ctx) => {
        const [cond, yes, no] = args;
        const chosen = toBoolean(cond?.(ctx)) ? yes : no;
        return chosen === undefined ? null : chosen(ctx);
      },
    },
    {
      name: "Boom",
      minArgs: 0,
      maxArgs: 1,
      call: () => {
        throw new Error("kaput");
      },
    },
    {
      name: "Refuse",
      minArgs: 0,
      maxArgs: 0,
      call: () => {
        throw new RosterError("InvalidExpression", "refused on purpose");
      },
    },
    { name: "Tick", minArgs: 0, maxArgs: 0, pure: false, call: () => ++probe.ticks },
    { name: "Clock", minArgs: 0, maxArgs: 0, call: (_args, ctx) => ctx.now().toISOString() },
    {
      name: "Secret",
      minArgs: 1,
      maxArgs: 1,
      call: (args, ctx) => {
        ctx.redacted = true;
        return args[0] ?? null;
      },
    },
    { name: "Signal", minArgs: 0, maxArgs: 0, call: () => types.IGNORE_ATTRIBUTE_FLOW },
    { name: "Pair", minArgs: 0, maxArgs: 0, call: () => ["a", "b"] },
    {
      name: "Strict",
      minArgs: 1,
      maxArgs: 2,
      check: (args) => {
        probe.checkArgs.push([...args]);
        const first = args[0];
        if (first === types.NOT_LITERAL || first === "ok") return undefined;
        return `the first argument must be "ok", not ${JSON.stringify(first)}`;
      },
      call: (args) => toTextOrEmpty(args[0]),
    },
    {
      name: "Crashy",
      minArgs: 1,
      maxArgs: 1,
      check: () => {
        throw new Error("check crashed");
      },
      call: () => null,
    },
  ];
  const table = new Map(defs.map((d) => [d.name.toLowerCase(), d] as const));
  return {
    BUILTIN_FUNCTIONS: table,
    lookupFunction: (name: string) => {
      probe.lookups++;
      return table.get(name.toLowerCase());
    },
  };
});

function context(attributes: Record<string, unknown> = {}): EvalContext {
  return {
    attributes: attributes as EvalContext["attributes"],
    now: () => new Date("2024-05-06T07:08:09Z"),
    random: () => 0.5,
    redacted: false,
  };
}

function compileError(source: string): RosterError {
  try {
    compileExpression(source);
  } catch (err) {
    if (err instanceof RosterError) return err;
    throw err;
  }
  throw new Error(`compiled without error: ${source}`);
}

function evalError(source: string, attributes: Record<string, unknown> = {}): RosterError {
  const compiled = compileExpression(source);
  try {
    compiled.evaluate(context(attributes));
  } catch (err) {
    if (err instanceof RosterError) return err;
    throw err;
  }
  throw new Error(`evaluated without error: ${source}`);
}

const run = (source: string, attributes: Record<string, unknown> = {}) =>
  compileExpression(source).evaluate(context(attributes));

beforeEach(() => {
  probe.catCalls = 0;
  probe.ticks = 0;
  probe.lookups = 0;
  probe.checkArgs = [];
});

describe("compileExpression", () => {
  it("lists referenced attributes in first-seen order without duplicates", () => {
    const compiled = compileExpression("When([b] = [a], Cat([a], [c]), [b])");
    expect(compiled.attributes).toEqual(["b", "a", "c"]);
    expect(compiled.source).toBe("When([b] = [a], Cat([a], [c]), [b])");
    expect(compiled.selectUniqueValue).toBe(false);
    expect(compiled.candidates).toEqual([]);
  });

  it("reads attributes directly; a missing one is null, prototype names included", () => {
    expect(run("[givenName]", { givenName: "Ada" })).toBe("Ada");
    expect(run("[givenName]", {})).toBeNull();
    expect(run("[constructor]", {})).toBeNull();
    expect(run("[toString]", { toString: "x" })).toBe("x");
    expect(run("[multi]", { multi: ["a", "b"] })).toEqual(["a", "b"]);
  });

  it("evaluates literals, keywords and comparisons", () => {
    expect(run('"x"')).toBe("x");
    expect(run("-12")).toBe(-12);
    expect(run("&HF7")).toBe(247);
    expect(run("129699324000000000")).toBe("129699324000000000");
    expect(run("vbTextCompare")).toBe(1);
    expect(run("IgnoreObjectFlow")).toBe(IGNORE_OBJECT_FLOW);
    expect(run("[a] = 1", { a: "01" })).toBe(true);
    expect(run("[a] <> [b]", { a: "x" })).toBe(true);
  });

  it("passes omitted positions as undefined to eager functions", () => {
    expect(run('Args([a], , "x", , )', { a: "A" })).toBe("A|<omitted>|x|<omitted>|<omitted>");
    expect(run("Args()")).toBe("");
    expect(run('Args([a], [b], [c], [d], "e")', { a: 1, b: true })).toBe("1|true|null|null|e");
  });

  it("matches function names case-insensitively", () => {
    expect(run('cAT("a", [b])', { b: "c" })).toBe("ac");
  });

  it("evaluates lazy functions' arms only when chosen", () => {
    const compiled = compileExpression('When([c] = "1", "yes", Boom([x]))');
    expect(compiled.evaluate(context({ c: "1" }))).toBe("yes");
    expect(() => compiled.evaluate(context({ c: "0" }))).toThrow(/^Boom: kaput$/);
  });

  it("folds calls whose arguments are constant, once at compile time", () => {
    const compiled = compileExpression('Cat("a", Cat("b", "c"), 1)');
    expect(probe.catCalls).toBe(2);
    expect(compiled.evaluate(context())).toBe("abc1");
    expect(compiled.evaluate(context())).toBe("abc1");
    expect(probe.catCalls).toBe(2);
    // A computed argument keeps the call at run time, the constant part stays folded.
    const partly = compileExpression('Cat([a], Cat("b", "c"))');
    probe.catCalls = 0;
    expect(partly.evaluate(context({ a: "x" }))).toBe("xbc");
    expect(probe.catCalls).toBe(1);
  });

  it("folds lazy calls and comparisons with constant arguments", () => {
    const compiled = compileExpression('When("a" = "a", Cat("y"), Boom())');
    probe.catCalls = 0;
    expect(compiled.evaluate(context())).toBe("y");
    expect(probe.catCalls).toBe(0);
  });

  it("does not fold impure functions, Redact-like functions or failing calls", () => {
    const tick = compileExpression("Tick()");
    expect(tick.evaluate(context())).toBe(1);
    expect(tick.evaluate(context())).toBe(2);

    const secret = compileExpression('Secret("p@ss")');
    const ctx = context();
    expect(evaluateToOutcome(secret, ctx)).toEqual({ kind: "value", value: "p@ss", redacted: true });

    // A call that fails while folding (here: no clock at compile time) is left for run time.
    expect(compileExpression("Clock()").evaluate(context())).toBe("2024-05-06T07:08:09.000Z");
    const boom = compileExpression('Boom("x")');
    expect(() => boom.evaluate(context())).toThrow(RosterError);
  });

  it("freezes folded multi-values so evaluations cannot share mutations", () => {
    const value = compileExpression("Pair()").evaluate(context());
    expect(value).toEqual(["a", "b"]);
    expect(Object.isFrozen(value)).toBe(true);
  });

  it("does not look functions up when evaluating", () => {
    const compiled = compileExpression('When([a] = "x", Cat([a], "!"), Args([a], Tick()))');
    const afterCompile = probe.lookups;
    expect(afterCompile).toBe(4);
    for (let i = 0; i < 5; i++) compiled.evaluate(context({ a: i % 2 === 0 ? "x" : "y" }));
    expect(probe.lookups).toBe(afterCompile);
  });
});

describe("compileExpression: compile-time errors", () => {
  it("names an unknown function with its position, suggesting a close name", () => {
    const err = compileError('Cat("a",\n  Fooo([x]))');
    expect(err.code).toBe("InvalidExpression");
    expect(err.message).toBe('2:3: unknown function "Fooo"');
    expect(err.details).toMatchObject({ line: 2, column: 3, offset: 11 });
    expect(compileError("Catt([a])").message).toBe('1:1: unknown function "Catt"; did you mean Cat?');
    expect(compileError("SelectUniqueValu([a], [b])").message).toContain("did you mean SelectUniqueValue?");
  });

  it("checks the argument count, omitted positions included", () => {
    expect(compileError("Cat()").message).toBe("1:1: Cat takes at least 1 argument, got 0");
    expect(compileError('Cat("a", When(1, 2))').message).toBe("1:10: When takes 3 arguments, got 2");
    expect(compileError("Strict(1, , )").message).toBe("1:1: Strict takes 1 to 2 arguments, got 3");
    expect(compileError("Tick( , )").message).toBe("1:1: Tick takes 0 arguments, got 2");
  });

  it("runs FunctionDef.check with literal, folded, computed and omitted arguments", () => {
    compileExpression("Strict([a], )");
    compileExpression('Strict(Cat("o", "k"), [b])');
    expect(probe.checkArgs).toEqual([
      [NOT_LITERAL, undefined],
      ["ok", NOT_LITERAL],
    ]);
    const err = compileError('Cat([a], Strict("bad"))');
    expect(err.message).toBe('1:10: Strict: the first argument must be "ok", not "bad"');
    expect(err.details).toMatchObject({ line: 1, column: 10 });
    expect(compileError("Crashy([a])").message).toBe("1:1: Crashy: check crashed");
  });

  it("rejects SelectUniqueValue anywhere but at the top, with too few rules, or with an empty rule", () => {
    expect(compileError("Cat(SelectUniqueValue([a], [b]))").message).toBe(
      "1:5: SelectUniqueValue can only be the whole expression (the top-level call); it cannot be nested inside another function or a comparison",
    );
    expect(compileError('SelectUniqueValue([a], [b]) = "x"').message).toMatch(
      /^1:1: SelectUniqueValue can only be the whole expression/,
    );
    expect(compileError("SelectUniqueValue(Cat(SelectUniqueValue([a], [b])), [c])").message).toMatch(
      /^1:23: SelectUniqueValue/,
    );
    expect(compileError("SelectUniqueValue(Cat([a]))").message).toBe(
      "1:1: SelectUniqueValue needs at least 2 rules, got 1",
    );
    expect(compileError("SelectUniqueValue([a], , [b])").message).toBe("1:1: rule 2 of SelectUniqueValue is empty");
  });
});

describe("runtime errors", () => {
  it("wraps a function's exception into ExpressionEvaluationFailed naming the function and position", () => {
    const err = evalError('Cat("a",\n Boom([x]))');
    expect(err.code).toBe("ExpressionEvaluationFailed");
    expect(err.message).toBe("Boom: kaput");
    expect(err.details).toEqual({ function: "Boom", line: 2, column: 2, offset: 10 });
    expect((err.cause as Error).message).toBe("kaput");
  });

  it("lets RosterErrors through unchanged", () => {
    const err = evalError("Cat([a], Refuse())");
    expect(err.code).toBe("InvalidExpression");
    expect(err.message).toBe("refused on purpose");
  });
});

describe("outcomes", () => {
  it("maps the flow signals and values", () => {
    expect(toOutcome(IGNORE_ATTRIBUTE_FLOW, false)).toEqual({ kind: "noFlow" });
    expect(toOutcome(IGNORE_OBJECT_FLOW, true)).toEqual({ kind: "skipObject" });
    expect(toOutcome("x", true)).toEqual({ kind: "value", value: "x", redacted: true });
    expect(toOutcome(null, false)).toEqual({ kind: "value", value: null, redacted: false });
  });

  it("evaluateToOutcome resets the redacted flag first", () => {
    const ctx = context({ a: "x" });
    ctx.redacted = true;
    expect(evaluateToOutcome(compileExpression("[a]"), ctx)).toEqual({ kind: "value", value: "x", redacted: false });
    expect(evaluateToOutcome(compileExpression("Signal()"), ctx)).toEqual({ kind: "noFlow" });
    expect(evaluateToOutcome(compileExpression("IgnoreObjectFlow"), ctx)).toEqual({ kind: "skipObject" });
  });

  it("evaluateExpression settles without SelectUniqueValue and rejects (does not throw) on errors", async () => {
    const ctx = context({ a: "v" });
    await expect(evaluateExpression(compileExpression("Secret([a])"), ctx)).resolves.toEqual({
      kind: "value",
      value: "v",
      redacted: true,
    });
    const pending = evaluateExpression(compileExpression("Boom()"), ctx);
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).rejects.toMatchObject({ code: "ExpressionEvaluationFailed", message: "Boom: kaput" });
  });
});

describe("SelectUniqueValue", () => {
  const SUV =
    'SelectUniqueValue(Cat([first], ".", [last]), [missing], Signal(), Cat([first], "_", [last]), Cat([first], ".", [last]), Secret("hidden"))';

  function takenSet(...values: string[]) {
    const taken = new Set(values);
    const checked: string[] = [];
    const isTaken = async (attribute: string, value: string) => {
      checked.push(`${attribute}=${value}`);
      return taken.has(value);
    };
    return { isTaken, checked };
  }

  const ctx = () => context({ first: "ada", last: "lovelace" });

  it("compiles each rule as a candidate", () => {
    const compiled = compileExpression(SUV);
    expect(compiled.selectUniqueValue).toBe(true);
    expect(compiled.candidates.map((c) => c.source)).toEqual([
      'Cat([first], ".", [last])',
      "[missing]",
      "Signal()",
      'Cat([first], "_", [last])',
      'Cat([first], ".", [last])',
      'Secret("hidden")',
    ]);
    expect(compiled.attributes).toEqual(["first", "last", "missing"]);
    expect(() => compiled.evaluate(ctx())).toThrow(/SelectUniqueValue has to check the target directory/);
    expect(() => evaluateToOutcome(compiled, ctx())).toThrow(RosterError);
  });

  it("returns the first candidate that is not taken, skipping empty ones and not re-checking duplicates", async () => {
    const { isTaken, checked } = takenSet("ada.lovelace");
    const outcome = await evaluateExpression(compileExpression(SUV), ctx(), {
      targetAttribute: "sAMAccountName",
      isTaken,
    });
    expect(outcome).toEqual({ kind: "value", value: "ada_lovelace", redacted: false });
    expect(checked).toEqual(["sAMAccountName=ada.lovelace", "sAMAccountName=ada_lovelace"]);
  });

  it("keeps the redacted flag of the winning candidate", async () => {
    const { isTaken } = takenSet("ada.lovelace", "ada_lovelace");
    const outcome = await evaluateExpression(compileExpression(SUV), ctx(), {
      targetAttribute: "cn",
      isTaken,
      operation: "create",
      applyMapping: "OnlyOnCreate",
    });
    expect(outcome).toEqual({ kind: "value", value: "hidden", redacted: true });
  });

  it("fails with SelectUniqueValueExhausted listing the candidates tried (redacted ones hidden)", async () => {
    const { isTaken } = takenSet("ada.lovelace", "ada_lovelace", "hidden");
    const failure = evaluateExpression(compileExpression(SUV), ctx(), { targetAttribute: "cn", isTaken });
    await expect(failure).rejects.toMatchObject({
      code: "SelectUniqueValueExhausted",
      message: 'SelectUniqueValue for cn: every candidate is already taken: "ada.lovelace", "ada_lovelace", [Redact]',
      details: { attribute: "cn", candidates: ['"ada.lovelace"', '"ada_lovelace"', "[Redact]"] },
    });
    await expect(
      evaluateExpression(compileExpression("SelectUniqueValue([x], [y])"), ctx(), { targetAttribute: "cn", isTaken }),
    ).rejects.toMatchObject({
      code: "SelectUniqueValueExhausted",
      message: "SelectUniqueValue for cn: none of the 2 rules produced a value",
    });
  });

  it("passes IgnoreObjectFlow from a candidate through as skipObject", async () => {
    const { isTaken } = takenSet();
    const outcome = await evaluateExpression(
      compileExpression("SelectUniqueValue([none], IgnoreObjectFlow, [first])"),
      ctx(),
      {
        targetAttribute: "cn",
        isTaken,
      },
    );
    expect(outcome).toEqual({ kind: "skipObject" });
  });

  it("rejects misuse with InvalidExpression", async () => {
    const compiled = compileExpression(SUV);
    const { isTaken } = takenSet();
    const cases: [Parameters<typeof evaluateExpression>[2], RegExp][] = [
      [
        { targetAttribute: "cn", isTaken, operation: "update" },
        /^SelectUniqueValue for cn: can only be used when an object is created/,
      ],
      [
        { targetAttribute: "cn", isTaken, matchingPrecedence: 1 },
        /^SelectUniqueValue for cn: is not allowed on a matching attribute/,
      ],
      [
        { targetAttribute: "cn", isTaken, applyMapping: "Always" },
        /only during object creation \("OnlyOnCreate"\), not "Always"/,
      ],
      [{ isTaken }, /^SelectUniqueValue: needs the target attribute/],
      [{ targetAttribute: "cn" }, /^SelectUniqueValue for cn: needs a uniqueness check/],
      [undefined, /^SelectUniqueValue: needs the target attribute/],
    ];
    for (const [options, message] of cases) {
      await expect(evaluateExpression(compiled, ctx(), options)).rejects.toMatchObject({
        code: "InvalidExpression",
        message: expect.stringMatching(message),
      });
    }
  });

  it("propagates a candidate's evaluation error", async () => {
    const { isTaken } = takenSet();
    await expect(
      evaluateExpression(compileExpression("SelectUniqueValue(Boom(), [first])"), ctx(), {
        targetAttribute: "cn",
        isTaken,
      }),
    ).rejects.toMatchObject({ code: "ExpressionEvaluationFailed" });
  });
});
