import { describe, expect, it } from "vitest";
import { IGNORE_ATTRIBUTE_FLOW, IGNORE_OBJECT_FLOW, type Evaluator } from "../types.js";
import { checkOf, invoke, invokeLazy, mustNotRun } from "./text-test-kit.js";

const value =
  (v: ReturnType<Evaluator>): Evaluator =>
  () =>
    v;

describe("IIF", () => {
  it("chooses by the condition", () => {
    expect(invoke("IIF", [true, "USA", "Other"])).toBe("USA");
    expect(invoke("IIF", [false, "USA", "Other"])).toBe("Other");
    expect(invoke("IIF", ["True", "t", "f"])).toBe("t");
    expect(invoke("IIF", ["true", "t", "f"])).toBe("t");
    expect(invoke("IIF", [1, "t", "f"])).toBe("t");
    expect(invoke("IIF", [0, "t", "f"])).toBe("f");
    expect(invoke("IIF", ["False", "t", "f"])).toBe("f");
    expect(invoke("IIF", [null, "t", "f"])).toBe("f");
  });

  it("evaluates only the chosen arm", () => {
    expect(invokeLazy("IIF", [value(true), value("yes"), mustNotRun("valueIfFalse")])).toBe("yes");
    expect(invokeLazy("IIF", [value(false), mustNotRun("valueIfTrue"), value("no")])).toBe("no");
  });

  it("gives NULL for an omitted arm and passes flow signals through", () => {
    expect(invoke("IIF", [true, undefined, "x"])).toBeNull();
    expect(invoke("IIF", [false, "x", IGNORE_ATTRIBUTE_FLOW])).toBe(IGNORE_ATTRIBUTE_FLOW);
  });

  it("requires the condition", () => {
    expect(checkOf("IIF", [undefined, "a", "b"])).toMatch(/condition/);
    expect(checkOf("IIF", ["computed", "a", "b"])).toBeUndefined();
  });
});

describe("Switch", () => {
  const accountDisabled = (active: ReturnType<Evaluator>) =>
    invoke("Switch", [active, undefined, "0", "True", "1", "False"]);

  it("maps Workday's Active flag to accountDisabled (hr-default-mappings A.2 row 5)", () => {
    expect(accountDisabled("1")).toBe("False");
    expect(accountDisabled("0")).toBe("True");
    expect(accountDisabled(1)).toBe("False");
  });

  it("gives NULL when nothing matches and the default is omitted", () => {
    expect(accountDisabled("2")).toBeNull();
    expect(accountDisabled(null)).toBeNull();
  });

  it("returns the value of the first matching key, or the default (documented example)", () => {
    const tz = (state: string) =>
      invoke("Switch", [
        state,
        "Australia/Sydney",
        "NSW",
        "Australia/Sydney",
        "QLD",
        "Australia/Brisbane",
        "SA",
        "Australia/Adelaide",
      ]);
    expect(tz("QLD")).toBe("Australia/Brisbane");
    expect(tz("WA")).toBe("Australia/Sydney");
    expect(invoke("Switch", ["a", "d", "a", "first", "a", "second"])).toBe("first");
  });

  it("compares ordinally and case-sensitively", () => {
    expect(invoke("Switch", ["qld", "default", "QLD", "Brisbane"])).toBe("default");
  });

  it('matches a NULL or empty source to the key ""', () => {
    const country = (c: ReturnType<Evaluator>) => invoke("Switch", [c, c, "", "Other"]);
    expect(country(null)).toBe("Other");
    expect(country("")).toBe("Other");
    expect(country([])).toBe("Other");
    expect(country("US")).toBe("US");
  });

  it('matches a boolean source to the keys "True" and "False"', () => {
    expect(invoke("Switch", [true, "none", "True", "present", "False", "absent"])).toBe("present");
    expect(invoke("Switch", [false, "none", "True", "present", "False", "absent"])).toBe("absent");
  });

  it("compares a multi-valued source by its first value", () => {
    expect(invoke("Switch", [["b", "a"], "none", "a", "A", "b", "B"])).toBe("B");
  });

  it("evaluates keys only until one matches, and only the chosen value", () => {
    expect(
      invokeLazy("Switch", [
        value("x"),
        mustNotRun("default"),
        value("x"),
        value("hit"),
        mustNotRun("key 2"),
        mustNotRun("value 2"),
      ]),
    ).toBe("hit");
    expect(
      invokeLazy("Switch", [
        value("z"),
        value("default"),
        value("x"),
        mustNotRun("value 1"),
        value("y"),
        mustNotRun("value 2"),
      ]),
    ).toBe("default");
  });

  it("rejects an odd number of arguments and omitted keys at compile time", () => {
    expect(checkOf("Switch", ["computed", "d", "k1", "v1", "k2"])).toMatch(
      /even number of arguments; got 5 \(key 2 has no value\)/,
    );
    expect(checkOf("Switch", ["computed", undefined, "0", "True", "1", "False"])).toBeUndefined();
    expect(checkOf("Switch", ["computed", "d", undefined, "v"])).toMatch(/key 1 \(argument 3\) is omitted/);
    expect(checkOf("Switch", [undefined, "d", "k", "v"])).toMatch(/source/);
  });

  it("passes a flow signal chosen as value through", () => {
    expect(invoke("Switch", ["x", "d", "x", IGNORE_OBJECT_FLOW])).toBe(IGNORE_OBJECT_FLOW);
  });
});

describe("Not", () => {
  it("gives False for True and True for anything else", () => {
    expect(invoke("Not", ["True"])).toBe(false);
    expect(invoke("Not", [" true "])).toBe(false);
    expect(invoke("Not", [true])).toBe(false);
    expect(invoke("Not", ["False"])).toBe(true);
    expect(invoke("Not", [false])).toBe(true);
    expect(invoke("Not", ["1"])).toBe(true);
    expect(invoke("Not", [null])).toBe(true);
  });
});

describe("IsNull, IsNullOrEmpty, IsPresent, IsString", () => {
  it("tell an absent value from an empty one", () => {
    expect(invoke("IsNull", [null])).toBe(true);
    expect(invoke("IsNull", [[]])).toBe(true);
    expect(invoke("IsNull", [""])).toBe(false);
    expect(invoke("IsNullOrEmpty", [null])).toBe(true);
    expect(invoke("IsNullOrEmpty", [""])).toBe(true);
    expect(invoke("IsNullOrEmpty", [" "])).toBe(false);
    expect(invoke("IsPresent", ["x"])).toBe(true);
    expect(invoke("IsPresent", [""])).toBe(false);
    expect(invoke("IsPresent", [null])).toBe(false);
  });

  it("IsString is true for one present value of any scalar type", () => {
    expect(invoke("IsString", ["x"])).toBe(true);
    expect(invoke("IsString", [""])).toBe(true);
    expect(invoke("IsString", [5])).toBe(true);
    expect(invoke("IsString", [true])).toBe(true);
    expect(invoke("IsString", [["one"]])).toBe(true);
    expect(invoke("IsString", [["a", "b"]])).toBe(false);
    expect(invoke("IsString", [null])).toBe(false);
  });
});

describe("Coalesce", () => {
  it("returns the first value that is not NULL (documented example)", () => {
    expect(invoke("Coalesce", [null, "John.Doe@contoso.com"])).toBe("John.Doe@contoso.com");
    expect(invoke("Coalesce", ["mail@x", "upn@x"])).toBe("mail@x");
  });

  it("lets an empty string win, and falls back to the last argument as default", () => {
    expect(invoke("Coalesce", ["", "x"])).toBe("");
    expect(invoke("Coalesce", [null, null, "default"])).toBe("default");
    expect(invoke("Coalesce", [null, undefined, []])).toBeNull();
    expect(invoke("Coalesce", [null, ["a", "b"]])).toEqual(["a", "b"]);
  });
});

describe("IgnoreFlowIfNullOrEmpty", () => {
  it('signals IgnoreAttributeFlow for NULL or "" and passes other values through', () => {
    expect(invoke("IgnoreFlowIfNullOrEmpty", [null])).toBe(IGNORE_ATTRIBUTE_FLOW);
    expect(invoke("IgnoreFlowIfNullOrEmpty", [""])).toBe(IGNORE_ATTRIBUTE_FLOW);
    expect(invoke("IgnoreFlowIfNullOrEmpty", [[]])).toBe(IGNORE_ATTRIBUTE_FLOW);
    expect(invoke("IgnoreFlowIfNullOrEmpty", ["Sales"])).toBe("Sales");
    expect(invoke("IgnoreFlowIfNullOrEmpty", [" "])).toBe(" ");
  });

  it("drops an unmatched Switch (documented example)", () => {
    const title = (prefix: string) =>
      invoke("IgnoreFlowIfNullOrEmpty", [
        invoke("Switch", [prefix, "", "3443", "Dr.", "3444", "Prof.", "3445", "Prof. Dr."]),
      ]);
    expect(title("3444")).toBe("Prof.");
    expect(title("9999")).toBe(IGNORE_ATTRIBUTE_FLOW);
  });
});
