import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AnchorDnCache } from "./anchor-dn-cache.js";

describe("AnchorDnCache", () => {
  it("forgets the least recently used anchor first, counting reads as use", () => {
    const cache = new AnchorDnCache(2);
    cache.set("a", "cn=A");
    cache.set("b", "cn=B");
    expect(cache.get("a")).toBe("cn=A"); // b is now the oldest
    cache.set("c", "cn=C");
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe("cn=A");
    expect(cache.get("c")).toBe("cn=C");
    expect(cache.size).toBe(2);
  });

  it("replaces the DN of an anchor, deletes, and remembers nothing at capacity 0", () => {
    const cache = new AnchorDnCache(3);
    cache.set("a", "cn=A,ou=Old");
    cache.set("a", "cn=A,ou=New");
    expect(cache.get("a")).toBe("cn=A,ou=New");
    cache.delete("a");
    expect(cache.get("a")).toBeUndefined();
    const off = new AnchorDnCache(0);
    off.set("a", "cn=A");
    expect(off.get("a")).toBeUndefined();
    expect(() => new AnchorDnCache(-1)).toThrow(RangeError);
  });

  it("behaves like a list of the most recently used entries, never above capacity", () => {
    const operation = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), anchor: fc.integer({ min: 0, max: 7 }), dn: fc.string() }),
      fc.record({ kind: fc.constant("get" as const), anchor: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ kind: fc.constant("delete" as const), anchor: fc.integer({ min: 0, max: 7 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(operation, { maxLength: 60 }), (capacity, operations) => {
        const cache = new AnchorDnCache(capacity);
        // The model: [anchor, dn] pairs, most recently used last.
        let model: Array<[string, string]> = [];
        for (const op of operations) {
          const anchor = `a${op.anchor}`;
          const index = model.findIndex(([key]) => key === anchor);
          if (op.kind === "set") {
            if (index >= 0) model.splice(index, 1);
            model.push([anchor, op.dn]);
            if (model.length > capacity) model = model.slice(1);
          } else if (op.kind === "get") {
            const expected = index >= 0 ? model[index]![1] : undefined;
            if (index >= 0) model.push(...model.splice(index, 1));
            expect(cache.get(anchor)).toBe(expected);
          } else {
            if (index >= 0) model.splice(index, 1);
            cache.delete(anchor);
          }
          if (op.kind === "set") cache.set(anchor, op.dn);
          expect(cache.size).toBe(model.length);
        }
      }),
    );
  });
});
