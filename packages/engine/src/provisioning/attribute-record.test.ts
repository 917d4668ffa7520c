import { describe, expect, it } from "vitest";
import { z } from "zod";
import { newAttributeRecord } from "./attribute-record.js";

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
