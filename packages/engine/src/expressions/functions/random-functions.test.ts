import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RosterError } from "../../errors/error-codes.js";
import { type Arg, NOT_LITERAL } from "../types.js";
import { numberFunctions } from "./number-functions.js";
import { fakeContext, functionCaller, seededRandom } from "./test-support/random-test-context.js";
import { randomGuid } from "./random-functions.js";
import { DIGITS, LOWER_CASE, SPECIAL_CHARACTERS, UPPER_CASE, generateRandomString } from "./random-string.js";

let seed = 1;
const { call, def } = functionCaller(numberFunctions, () => fakeContext({ seed }));

function failure(name: string, ...args: Arg[]): RosterError {
  try {
    call(name, ...args);
  } catch (err) {
    if (err instanceof RosterError) return err;
    throw err;
  }
  throw new Error(`${name} did not fail`);
}

const count = (text: string, pool: string): number => [...text].filter((c) => pool.includes(c)).length;

describe("Guid", () => {
  it("is a lower-case hyphenated version-4 GUID drawn from ctx.random", () => {
    seed = 7;
    const a = call("Guid") as string;
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(call("Guid")).toBe(a); // same seed, same GUID: no hidden randomness
    seed = 8;
    expect(call("Guid")).not.toBe(a);
    expect(def("Guid").pure).toBe(false);
  });

  it("keeps its shape at the ends of the random range", () => {
    expect(randomGuid(() => 0)).toBe("00000000-0000-4000-8000-000000000000");
    expect(randomGuid(() => 0.9999999999)).toBe("ffffffff-ffff-4fff-bfff-ffffffffffff");
  });
});

describe("RandomString", () => {
  it("meets the FR examples", () => {
    seed = 3;
    const six = call("RandomString", 6, 3, 0, 0, 3) as string;
    expect(six).toHaveLength(6);
    expect(count(six, DIGITS)).toBe(3);
    expect(count(six, LOWER_CASE)).toBe(3);

    const ten = call("RandomString", 10, 2, 2, 2, 1, "?,") as string;
    expect(ten).toHaveLength(10);
    expect(count(ten, DIGITS)).toBeGreaterThanOrEqual(2);
    expect(count(ten, SPECIAL_CHARACTERS)).toBeGreaterThanOrEqual(2);
    expect(count(ten, UPPER_CASE)).toBeGreaterThanOrEqual(2);
    expect(count(ten, LOWER_CASE)).toBeGreaterThanOrEqual(1);
    expect(ten).not.toMatch(/[?,]/);
    expect(def("RandomString").pure).toBe(false);
  });

  it("accepts quoted numbers and the maximum length", () => {
    expect(call("RandomString", "256", "0", "0", "0", "0")).toHaveLength(256);
    expect(call("RandomString", 1, 0, 1, 0, 0)).toMatch(/^[~!@#$%^&*_\-+=`|\\(){}[\]:;"'<>,.?/]$/);
  });

  it("reports impossible requests clearly", () => {
    expect(failure("RandomString", 3, 2, 2, 0, 0).message).toContain(
      "Length 3 is less than the sum of the minimums (4)",
    );
    expect(failure("RandomString", 257, 0, 0, 0, 0).message).toContain("between 1 and 256");
    expect(failure("RandomString", 0, 0, 0, 0, 0).message).toContain("between 1 and 256");
    expect(failure("RandomString", 5, -1, 0, 0, 0).message).toContain("MinimumNumbers must not be negative");
    expect(failure("RandomString", 5, 1, 0, 0, 0, DIGITS).message).toContain("excludes every one of the numbers");
    expect(failure("RandomString", "x", 1, 0, 0, 0).message).toContain(
      'RandomString: Length must be a whole number, got "x"',
    );
    expect(
      failure("RandomString", 2, 0, 0, 0, 0, DIGITS + UPPER_CASE + LOWER_CASE + SPECIAL_CHARACTERS).message,
    ).toContain("excludes every allowed character");
  });

  it("checks literal numbers at compile time", () => {
    const check = def("RandomString").check;
    expect(check?.([3, 2, 2, 0, 0])).toContain("less than the sum");
    expect(check?.([300, 0, 0, 0, 0])).toContain("between 1 and 256");
    expect(check?.([10, "two", 0, 0, 0])).toContain("MinimumNumbers must be a whole number");
    expect(check?.([10, undefined, 0, 0, 0])).toBe("MinimumNumbers is required");
    expect(check?.([NOT_LITERAL, 2, 2, 0, 0])).toBeUndefined();
    expect(check?.([10, 2, 2, 2, 1, "?,"])).toBeUndefined();
  });

  const spec = fc
    .record({
      minNumbers: fc.integer({ min: 0, max: 20 }),
      minSpecial: fc.integer({ min: 0, max: 20 }),
      minCapital: fc.integer({ min: 0, max: 20 }),
      minLowerCase: fc.integer({ min: 0, max: 20 }),
      extra: fc.integer({ min: 0, max: 100 }),
      avoid: fc.string({
        unit: fc.constantFrom(...(DIGITS + UPPER_CASE + LOWER_CASE + SPECIAL_CHARACTERS)),
        maxLength: 30,
      }),
      seed: fc.integer(),
    })
    .map((r) => ({
      ...r,
      length: Math.max(1, r.minNumbers + r.minSpecial + r.minCapital + r.minLowerCase + r.extra),
    }));

  it("always meets its minimums and never uses an avoided character (property)", () => {
    fc.assert(
      fc.property(spec, (s) => {
        const result = generateRandomString(s, seededRandom(s.seed));
        const classes: [string, number][] = [
          [DIGITS, s.minNumbers],
          [SPECIAL_CHARACTERS, s.minSpecial],
          [UPPER_CASE, s.minCapital],
          [LOWER_CASE, s.minLowerCase],
        ];
        const impossible = classes.some(([pool, min]) => min > 0 && [...pool].every((c) => s.avoid.includes(c)));
        if (impossible) {
          expect(typeof result).toBe("object");
          return;
        }
        if (typeof result !== "string") throw new Error(result.error);
        expect(result).toHaveLength(s.length);
        for (const [pool, min] of classes) expect(count(result, pool)).toBeGreaterThanOrEqual(min);
        for (const c of result) expect(s.avoid.includes(c)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("places the required classes at random positions", () => {
    // With one digit among 20 characters, the digit must not always land in the same place.
    const positions = new Set<number>();
    for (let s = 1; s <= 40; s++) {
      const result = generateRandomString(
        { length: 20, minNumbers: 1, minSpecial: 0, minCapital: 0, minLowerCase: 19, avoid: "" },
        seededRandom(s),
      ) as string;
      positions.add(result.search(/\d/));
    }
    expect(positions.size).toBeGreaterThan(5);
  });
});
