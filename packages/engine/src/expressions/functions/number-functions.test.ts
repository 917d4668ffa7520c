import { describe, expect, it } from "vitest";
import { RosterError } from "../../errors/error-codes.js";
import { type Arg, IGNORE_ATTRIBUTE_FLOW, NOT_LITERAL } from "../types.js";
import { dateFunctions } from "./date-functions.js";
import { numberFunctions } from "./number-functions.js";
import { textFunctions } from "./text-functions.js";
import { functionCaller } from "./test-support/random-test-context.js";

const { call, def } = functionCaller(numberFunctions);

function failure(name: string, ...args: Arg[]): RosterError {
  try {
    call(name, ...args);
  } catch (err) {
    if (err instanceof RosterError) return err;
    throw err;
  }
  throw new Error(`${name} did not fail`);
}

describe("BitAnd", () => {
  it("ANDs the FR example BitAnd(&HF, &HF7) = 7 (hex literals arrive as numbers)", () => {
    expect(call("BitAnd", 0xf, 0xf7)).toBe(7);
  });

  it("tests userAccountControl flags, from numbers, decimal text and &H text", () => {
    expect(call("BitAnd", "514", 2)).toBe(2); // ACCOUNTDISABLE set
    expect(call("BitAnd", "512", "2")).toBe(0);
    expect(call("BitAnd", "&H202", "&h2")).toBe(2);
    expect(call("BitAnd", 0, 0xffff)).toBe(0);
  });

  it("works beyond 32 bits and with negative (two's complement) values", () => {
    expect(call("BitAnd", 0xffffffff, 0x80000000)).toBe(0x80000000);
    expect(call("BitAnd", 2 ** 40 + 5, 2 ** 40 + 1)).toBe(2 ** 40 + 1);
    expect(call("BitAnd", -1, 12345)).toBe(12345);
    expect(call("BitAnd", "9223372036854775807", "9223372036854775807")).toBe("9223372036854775807");
  });

  it("reports arguments that are not integers, naming them", () => {
    expect(failure("BitAnd", null, 1).message).toBe("BitAnd: value1 must be an integer, got NULL");
    expect(failure("BitAnd", 1, "1.5").message).toBe('BitAnd: value2 must be an integer, got "1.5"');
    expect(failure("BitAnd", 1, true).message).toContain("value2 must be an integer");
    expect(def("BitAnd").check?.(["x", NOT_LITERAL])).toContain("value1 must be an integer");
    expect(def("BitAnd").check?.([NOT_LITERAL, undefined])).toBe("value2 is required");
    expect(def("BitAnd").check?.([0xf, 0xf7])).toBeUndefined();
  });
});

describe("CBool", () => {
  it.each([
    [true, true],
    [false, false],
    [1, true],
    [-3, true],
    [0, false],
    ["True", true],
    ["true", true],
    ["False", false],
    ["1", true],
    ["0", false],
    ["yes", false],
    ["", false],
    [null, false],
    [IGNORE_ATTRIBUTE_FLOW, false],
  ] as [Arg, boolean][])("CBool(%j) = %j", (input, expected) => {
    expect(call("CBool", input)).toBe(expected);
  });
});

describe("ConvertToBase64", () => {
  it("encodes the UTF-16LE bytes: FR example", () => {
    expect(call("ConvertToBase64", "Hello world!")).toBe("SABlAGwAbABvACAAdwBvAHIAbABkACEA");
  });

  it("handles non-ASCII text, numbers, empty and absent values", () => {
    expect(call("ConvertToBase64", "é€")).toBe(Buffer.from([0xe9, 0x00, 0xac, 0x20]).toString("base64"));
    expect(call("ConvertToBase64", "😀")).toBe(Buffer.from([0x3d, 0xd8, 0x00, 0xde]).toString("base64"));
    expect(call("ConvertToBase64", 12)).toBe("MQAyAA==");
    expect(call("ConvertToBase64", "")).toBe("");
    expect(call("ConvertToBase64", null)).toBeNull();
  });
});

describe("ConvertToUTF8Hex", () => {
  it("gives upper-case hex of the UTF-8 bytes: FR example", () => {
    expect(call("ConvertToUTF8Hex", "Hello world!")).toBe("48656C6C6F20776F726C6421");
  });

  it("encodes multi-byte characters and passes NULL through", () => {
    expect(call("ConvertToUTF8Hex", "é")).toBe("C3A9");
    expect(call("ConvertToUTF8Hex", "€😀")).toBe("E282ACF09F9880");
    expect(call("ConvertToUTF8Hex", "")).toBe("");
    expect(call("ConvertToUTF8Hex", null)).toBeNull();
  });
});

describe("the function table", () => {
  it("defines no function twice across the text, date and number modules", () => {
    const names = [...textFunctions, ...dateFunctions, ...numberFunctions].map((f) => f.name.toLowerCase());
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it("holds the number, encoding and random functions with their documented arity", () => {
    const arity = Object.fromEntries(numberFunctions.map((f) => [f.name, [f.minArgs, f.maxArgs]]));
    expect(arity).toEqual({
      BitAnd: [2, 2],
      CBool: [1, 1],
      ConvertToBase64: [1, 1],
      ConvertToUTF8Hex: [1, 1],
      Guid: [0, 0],
      RandomString: [5, 6],
    });
  });
});
