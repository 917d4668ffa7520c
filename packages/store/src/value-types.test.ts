import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseInt8, postgresTypeParsers } from "./value-types.js";

describe("int8 values", () => {
  it("are numbers inside ±2^53 and exact bigints outside", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (value) => {
        const parsed = parseInt8(value.toString());
        const safe = value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER);
        expect(typeof parsed).toBe(safe ? "number" : "bigint");
        expect(BigInt(parsed)).toBe(value);
      }),
    );
  });

  it("node-postgres parsers match PGlite's for int8, int8[], date and timestamp", () => {
    const { getTypeParser } = postgresTypeParsers();
    const parse = (oid: number, text: string) =>
      (getTypeParser as (oid: number, format: string) => (text: string) => unknown)(oid, "text")(text);
    expect(parse(20, "42")).toBe(42);
    expect(parse(20, "9007199254740993")).toBe(9007199254740993n);
    expect(parse(1016, "{1,NULL,9007199254740993}")).toEqual([1, null, 9007199254740993n]);
    expect(parse(1082, "2024-02-29")).toBe("2024-02-29");
    expect(parse(1182, "{2024-02-29,NULL}")).toEqual(["2024-02-29", null]);
    expect(parse(1114, "2024-02-29 10:11:12.5")).toBe("2024-02-29 10:11:12.5");
    expect(parse(23, "7")).toBe(7);
  });
});
