import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalGuid, guidBytesToString, guidFilterValue, guidStringToBytes } from "./object-guid.js";

describe("objectGUID", () => {
  // MS-DTYP: Data1..Data3 little-endian on the wire.
  const wire = Buffer.from("33221100554477668899aabbccddeeff", "hex");

  it("converts wire bytes to the canonical string form", () => {
    expect(guidBytesToString(wire)).toBe("00112233-4455-6677-8899-aabbccddeeff");
    expect(guidBytesToString(Buffer.alloc(15))).toBeUndefined();
  });

  it("converts strings (any case, optional braces) back to wire bytes", () => {
    expect(guidStringToBytes("{00112233-4455-6677-8899-AABBCCDDEEFF}")).toEqual(wire);
    expect(guidStringToBytes("not-a-guid")).toBeUndefined();
    expect(canonicalGuid("{00112233-4455-6677-8899-AABBCCDDEEFF}")).toBe("00112233-4455-6677-8899-aabbccddeeff");
  });

  it("escapes the wire bytes for string filters", () => {
    expect(guidFilterValue("00112233-4455-6677-8899-aabbccddeeff")).toBe("\\33\\22\\11\\00\\55\\44\\77\\66\\88\\99\\aa\\bb\\cc\\dd\\ee\\ff");
  });

  it("round-trips any 16 bytes (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const text = guidBytesToString(bytes)!;
        expect(text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect(guidStringToBytes(text)).toEqual(Buffer.from(bytes));
      }),
    );
  });
});
