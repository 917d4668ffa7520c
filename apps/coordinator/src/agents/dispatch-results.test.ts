import { describe, expect, it } from "vitest";
import { DispatchResults } from "./dispatch-results.js";

const applied = (key: string) => ({ idempotencyKey: key, status: "applied" as const });

describe("DispatchResults", () => {
  it("yields each result once, in arrival order, to every reader, and resolves all at the end", async () => {
    const results = new DispatchResults(3);
    const first: string[] = [];
    const second: string[] = [];
    const readers = [first, second].map(async (into) => {
      for await (const result of results) into.push(result.idempotencyKey);
    });
    results.add(applied("b"));
    await new Promise((resolve) => setTimeout(resolve, 5));
    results.add(applied("a"));
    results.add(applied("c"));
    await Promise.all(readers);
    expect(first).toEqual(["b", "a", "c"]);
    expect(second).toEqual(["b", "a", "c"]);
    expect([...(await results.all).keys()].sort()).toEqual(["a", "b", "c"]);
    expect(results.done).toBe(true);
  });

  it("is complete at once when nothing was dispatched", async () => {
    const results = new DispatchResults(0);
    expect((await results.all).size).toBe(0);
    for await (const _ of results) throw new Error("no result expected");
  });
});
