import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loopRecordBuilder, newAttributeRecord, recordBuilder } from "./attribute-record.js";

describe("newAttributeRecord", () => {
  it("is an ordinary plain object", () => {
    const record = newAttributeRecord<string>();
    for (let i = 0; i < 30; i++) record[`attribute${i}`] = `value${i}`;
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(record.constructor).toBe(Object);
    expect(Object.keys(record)).toHaveLength(30);
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
    expect(z.record(z.string(), z.string()).parse(record)).toEqual({ ...record });
    expect(newAttributeRecord()).toEqual({});
  });
});

describe("recordBuilder", () => {
  /** What the builders replace: the record built name by name. */
  function byHand(names: readonly string[], values: readonly (string | undefined)[]): Record<string, string> {
    const record: Record<string, string> = {};
    names.forEach((name, i) => {
      const value = values[i];
      if (value !== undefined) record[name] = value;
    });
    return record;
  }

  const name = fc.oneof(
    fc.string({ minLength: 1 }),
    fc.constantFrom('a"b', "back\\slash", "line\nbreak", "\u2028", "constructor", "toString", "0", "17", "x y", "é"),
  );

  it("builds the record the names and values give, names in order, undefined left out (property)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { maxLength: 30 }).chain((names) =>
          fc.tuple(
            fc.constant(names),
            fc.array(fc.option(fc.string(), { nil: undefined }), {
              minLength: names.length,
              maxLength: names.length,
            }),
          ),
        ),
        ([names, values]) => {
          const expected = byHand(names, values);
          for (const build of [recordBuilder<string>(names), loopRecordBuilder<string>(names)]) {
            const record = build(values);
            expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
            expect(Object.entries(record)).toEqual(Object.entries(expected));
            expect(JSON.stringify(record)).toBe(JSON.stringify(expected));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("gives a new record every time", () => {
    const build = recordBuilder<string>(["a", "b"]);
    const first = build(["1", undefined]);
    const second = build(["1", undefined]);
    expect(first).not.toBe(second);
    expect(second).toEqual({ a: "1" });
  });
});
