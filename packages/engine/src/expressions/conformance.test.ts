/**
 * Runs the hand-computed conformance cases (conformance-cases.ts) through the real
 * compiler and evaluator, and a sample of them end to end through `roster expr eval --batch`.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RosterError } from "../errors/error-codes.js";
import { compileExpression, evaluateExpression, type EvaluateOptions } from "./compile.js";
import { CONFORMANCE_CASES, type ConformanceCase } from "./conformance-cases.js";
import type { EvalContext, ExpressionOutcome } from "./types.js";
import { formatIsoUtc } from "./values.js";

const DEFAULT_NOW = "2021-08-25T17:41:18Z";

function contextOf(c: ConformanceCase): EvalContext {
  const now = new Date(c.now ?? DEFAULT_NOW);
  let seed = 0x2545f491;
  return {
    attributes: c.attributes ?? {},
    now: () => now,
    random: () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed / 4_294_967_296;
    },
    redacted: false,
  };
}

function optionsOf(c: ConformanceCase): EvaluateOptions {
  const taken = new Set((c.taken ?? []).map((v) => v.toLowerCase()));
  return {
    ...(c.operation === undefined ? {} : { operation: c.operation }),
    targetAttribute: c.targetAttribute ?? "value",
    ...(c.matchingPrecedence === undefined ? {} : { matchingPrecedence: c.matchingPrecedence }),
    ...(c.applyMapping === undefined ? {} : { applyMapping: c.applyMapping }),
    isTaken: (_attribute, value) => taken.has(value.toLowerCase()),
  };
}

/** The outcome as the CLI would print it (dates as ISO UTC text). */
type Observed =
  | { kind: "value"; value: unknown; redacted: boolean }
  | { kind: "noFlow" }
  | { kind: "skipObject" }
  | { kind: "error"; code: string; message: string };

function plain(v: unknown): unknown {
  if (v instanceof Date) return formatIsoUtc(v);
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

async function run(c: ConformanceCase): Promise<Observed> {
  let outcome: ExpressionOutcome;
  try {
    outcome = await evaluateExpression(compileExpression(c.expression), contextOf(c), optionsOf(c));
  } catch (err) {
    if (err instanceof RosterError) return { kind: "error", code: err.code, message: err.message };
    throw err;
  }
  if (outcome.kind !== "value") return { kind: outcome.kind };
  return { kind: "value", value: plain(outcome.value), redacted: outcome.redacted };
}

function describeObserved(o: Observed): string {
  return JSON.stringify(o, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

describe("expression conformance (documented semantics)", () => {
  it("has a large set of uniquely named cases", () => {
    const ids = CONFORMANCE_CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(150);
  });

  it.each(CONFORMANCE_CASES.map((c) => [c.id, c] as const))("%s", async (_id, c) => {
    const observed = await run(c);
    const seen = describeObserved(observed);
    const e = c.expect;
    if ("error" in e) {
      expect(observed.kind, seen).toBe("error");
      if (observed.kind === "error") {
        expect(observed.code, seen).toBe(e.error);
        expect(observed.message.length, seen).toBeGreaterThan(0);
      }
      return;
    }
    if ("noFlow" in e) return void expect(observed, seen).toEqual({ kind: "noFlow" });
    if ("skipObject" in e) return void expect(observed, seen).toEqual({ kind: "skipObject" });
    expect(observed.kind, seen).toBe("value");
    if (observed.kind !== "value") return;
    if ("integer" in e) {
      const v = observed.value;
      expect(typeof v === "number" ? Number.isInteger(v) : typeof v === "string" || typeof v === "bigint", seen).toBe(
        true,
      );
      expect(String(v), seen).toBe(e.integer);
      expect(observed.redacted, seen).toBe(false);
    } else if ("satisfies" in e) {
      expect(e.satisfies(observed.value), `${e.describe}; got ${seen}`).toBe(true);
    } else {
      expect(observed.value, seen).toEqual(e.value);
      expect(observed.redacted, seen).toBe(e.redacted ?? false);
    }
  });
});

// ---- end to end through the CLI -----------------------------------------------------

const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const E2E_IDS = [
  "syntax-nested",
  "wt-accountdisabled-0",
  "wt-sam-02-second",
  "suv-04-all-taken-escrow",
  "numfromdate-03-recipe",
  "ignoreflow-02-empty",
  "wg-ignoreobjectflow-01-far-future",
  "datediff-01-days-future",
  "redact-01",
  "split-02-comma",
  "switch-06-odd-params",
  "wwb-ext-isd-single-backslash",
];

function cliExpectation(c: ConformanceCase): unknown {
  const e = c.expect;
  if ("error" in e) return { id: c.id, error: { code: e.error, message: expect.any(String) } };
  if ("noFlow" in e) return { id: c.id, noFlow: true };
  if ("skipObject" in e) return { id: c.id, skipObject: true };
  if ("integer" in e) return { id: c.id, value: expect.toSatisfy((v: unknown) => String(v) === e.integer) };
  if ("satisfies" in e) return { id: c.id, value: expect.toSatisfy(e.satisfies) };
  return e.redacted === true ? { id: c.id, value: e.value, logValue: "[Redact]" } : { id: c.id, value: e.value };
}

describe("expression conformance through `expr eval --batch`", () => {
  it("answers a sample of the cases in the documented line format", { timeout: 60_000 }, () => {
    const cases = E2E_IDS.map((id) => {
      const c = CONFORMANCE_CASES.find((x) => x.id === id);
      if (c === undefined) throw new Error(`no conformance case ${id}`);
      return c;
    });
    const input = cases
      .map((c) =>
        JSON.stringify({
          id: c.id,
          expression: c.expression,
          attributes: c.attributes ?? {},
          now: c.now ?? DEFAULT_NOW,
          ...(c.taken === undefined ? {} : { taken: c.taken }),
          ...(c.operation === undefined ? {} : { operation: c.operation }),
          ...(c.targetAttribute === undefined ? {} : { targetAttribute: c.targetAttribute }),
          ...(c.matchingPrecedence === undefined ? {} : { matchingPrecedence: c.matchingPrecedence }),
          ...(c.applyMapping === undefined ? {} : { applyMapping: c.applyMapping }),
        }),
      )
      .join("\n");
    const result = spawnSync(
      process.execPath,
      ["--import", "tsx", "--conditions=source", "apps/cli/src/main.ts", "expr", "eval", "--batch"],
      { cwd: REPO_ROOT, input: `${input}\n`, encoding: "utf8", timeout: 55_000 },
    );
    expect(result.error).toBeUndefined();
    const answers = result.stdout
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as unknown);
    expect(answers).toEqual(cases.map(cliExpectation));
  });
});
