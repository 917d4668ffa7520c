import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IGNORE_ATTRIBUTE_FLOW } from "../types.js";
import { checkOf, invoke } from "./text-test-kit.js";

describe("Join", () => {
  it("skips empty and NULL sources (documented example)", () => {
    expect(invoke("Join", [", ", "", "Doe", "John"])).toBe("Doe, John");
    expect(invoke("Join", [".", "John", null, "Smith"])).toBe("John.Smith");
  });

  it("contributes every value of a multi-valued source", () => {
    expect(invoke("Join", [";", ["a", "", "b"], "c"])).toBe("a;b;c");
  });

  it('joins numbers and booleans as text, and gives "" when nothing is left', () => {
    expect(invoke("Join", ["", 1000, "42"])).toBe("100042");
    expect(invoke("Join", ["-", true])).toBe("True");
    expect(invoke("Join", [",", null, ""])).toBe("");
    expect(invoke("Join", [null, "a", "b"])).toBe("ab");
  });

  it("keeps a Mid of a NULL attribute from breaking the join", () => {
    expect(invoke("Join", [".", invoke("Mid", [null, 1, 1]), "Smith"])).toBe("Smith");
  });

  it("passes a flow signal through", () => {
    expect(invoke("Join", ["@", IGNORE_ATTRIBUTE_FLOW, "contoso.com"])).toBe(IGNORE_ATTRIBUTE_FLOW);
  });

  it("equals filtering then joining", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 3 }),
        fc.array(fc.option(fc.string({ maxLength: 5 })), { minLength: 1 }),
        (sep, values) => {
          expect(invoke("Join", [sep, ...values])).toBe(
            values.filter((v): v is string => v !== null && v !== "").join(sep),
          );
        },
      ),
    );
  });
});

describe("Count", () => {
  it("counts values", () => {
    expect(invoke("Count", [["a", "b", "c"]])).toBe(3);
    expect(invoke("Count", [[]])).toBe(0);
    expect(invoke("Count", [null])).toBe(0);
    expect(invoke("Count", ["single"])).toBe(1);
  });
});

describe("Item", () => {
  const proxies = ["SMTP:a@x", "smtp:b@x", "smtp:c@x"];

  it("returns the value at a 1-based index (documented example)", () => {
    expect(invoke("Item", [proxies, 1])).toBe("SMTP:a@x");
    expect(invoke("Item", [proxies, "3"])).toBe("smtp:c@x");
  });

  it("gives NULL for index 0 and out-of-range indexes (Roster's choice)", () => {
    expect(invoke("Item", [proxies, 0])).toBeNull();
    expect(invoke("Item", [proxies, 4])).toBeNull();
    expect(invoke("Item", [proxies, -1])).toBeNull();
    expect(invoke("Item", [null, 1])).toBeNull();
  });

  it("treats a single value as a list of one", () => {
    expect(invoke("Item", ["only", 1])).toBe("only");
    expect(invoke("Item", ["only", 2])).toBeNull();
  });

  it("rejects a literal index below 1 and a non-integer index", () => {
    expect(checkOf("Item", ["computed", 0])).toMatch(/index \(1-based\) must be at least 1, got 0/);
    expect(checkOf("Item", ["computed", 2])).toBeUndefined();
    expect(() => invoke("Item", [proxies, "first"])).toThrow(/index must be an integer/);
  });
});

describe("RemoveDuplicates", () => {
  it("keeps the first occurrence of each value, case-sensitively", () => {
    expect(invoke("RemoveDuplicates", [["smtp:a", "SMTP:a", "smtp:a", "b", "SMTP:a"]])).toEqual([
      "smtp:a",
      "SMTP:a",
      "b",
    ]);
    expect(invoke("RemoveDuplicates", [null])).toBeNull();
    expect(invoke("RemoveDuplicates", [[]])).toBeNull(); // an empty multi-value is NULL
    expect(invoke("RemoveDuplicates", ["x"])).toEqual(["x"]);
  });

  it("is idempotent and keeps each distinct value once", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "A", "b", ""), { minLength: 1 }), (values) => {
        const once = invoke("RemoveDuplicates", [values]) as string[];
        expect(new Set(once).size).toBe(once.length);
        expect(new Set(once)).toEqual(new Set(values));
        expect(invoke("RemoveDuplicates", [once])).toEqual(once);
      }),
    );
  });
});

describe("Split", () => {
  it("splits literally and keeps spaces (split-01)", () => {
    expect(invoke("Split", ["PermissionSetOne, PermissionSetTwo", ","])).toEqual([
      "PermissionSetOne",
      " PermissionSetTwo",
    ]);
    expect(invoke("Split", ["a,,b", ","])).toEqual(["a", "", "b"]);
    expect(invoke("Split", ["a::b", "::"])).toEqual(["a", "b"]);
  });

  it("keeps NULL as NULL and gives the whole string without a delimiter", () => {
    expect(invoke("Split", [null, ","])).toBeNull();
    expect(invoke("Split", ["a,b", ""])).toEqual(["a,b"]);
    expect(invoke("Split", ["a,b", null])).toEqual(["a,b"]);
  });

  it("round-trips with Join on the same delimiter", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        expect((invoke("Split", [s, ","]) as string[]).join(",")).toBe(s);
      }),
    );
  });
});
