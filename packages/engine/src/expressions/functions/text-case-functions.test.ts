import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RosterError } from "../../errors/error-codes.js";
import { checkOf, invoke } from "./text-test-kit.js";

describe("ToLower / ToUpper", () => {
  it("use invariant casing when the culture is omitted or empty", () => {
    expect(invoke("ToLower", ["John.Smith@Contoso.com"])).toBe("john.smith@contoso.com");
    expect(invoke("ToLower", ["ISTANBUL", undefined])).toBe("istanbul");
    expect(invoke("ToLower", ["ISTANBUL", ""])).toBe("istanbul");
    expect(invoke("ToUpper", ["istanbul"])).toBe("ISTANBUL");
  });

  it("use the culture's rules when one is given", () => {
    expect(invoke("ToLower", ["ISTANBUL", "tr-TR"])).toBe("ıstanbul");
    expect(invoke("ToUpper", ["istanbul", "tr-TR"])).toBe("İSTANBUL");
    expect(invoke("ToLower", ["ISTANBUL", "en-US"])).toBe("istanbul");
    expect(invoke("ToUpper", ["istanbul", "de-DE"])).toBe("ISTANBUL");
  });

  it("map one character to one character, as .NET does", () => {
    expect(invoke("ToUpper", ["Straße"])).toBe("STRAßE");
    expect(invoke("ToLower", ["İSTANBUL"])).toBe("istanbul");
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 20 }), (s) => {
        expect((invoke("ToUpper", [s]) as string).length).toBe(s.length);
        expect((invoke("ToLower", [s]) as string).length).toBe(s.length);
      }),
    );
  });

  it("keep NULL as NULL", () => {
    expect(invoke("ToLower", [null])).toBeNull();
    expect(invoke("ToUpper", [null, "en-US"])).toBeNull();
  });

  it("reject an invalid culture, naming it", () => {
    expect(() => invoke("ToLower", ["A", "not a culture!"])).toThrow(RosterError);
    expect(() => invoke("ToLower", ["A", "not a culture!"])).toThrow(
      /culture "not a culture!" is not a valid RFC 4646 culture name/,
    );
    expect(checkOf("ToUpper", ["computed", "en_US!"])).toMatch(/culture "en_US!"/);
    expect(checkOf("ToUpper", ["computed", "ja-JP"])).toBeUndefined();
    expect(checkOf("ToUpper", ["computed", "computed"])).toBeUndefined();
  });
});

describe("PCase", () => {
  it("proper-cases with the default separators (documented examples)", () => {
    expect(invoke("PCase", ["PABLO GONSALVES (SECOND)"])).toBe("Pablo Gonsalves (Second)");
    expect(invoke("PCase", ["GREGORY JAMES"])).toBe("Gregory James");
  });

  it("uses only the given separators (documented example)", () => {
    expect(invoke("PCase", ["PINTO-DE'SILVA", " '-"])).toBe("Pinto-De'Silva");
    expect(invoke("PCase", ["PINTO-DE'SILVA", " "])).toBe("Pinto-de'silva");
  });

  it("treats the apostrophe as a default separator (john's → John'S)", () => {
    expect(invoke("PCase", ["john's"])).toBe("John'S");
    expect(invoke("PCase", ["o'BRIEN"])).toBe("O'Brien");
  });

  it("follows .NET ToTitleCase for punctuation, symbols, digits and marks", () => {
    expect(invoke("PCase", ["anne-marie_van der berg"])).toBe("Anne-Marie_Van Der Berg");
    expect(invoke("PCase", ["a+b=c"])).toBe("A+B=C");
    expect(invoke("PCase", ["1st place"])).toBe("1St Place");
    expect(invoke("PCase", ["x2y z"])).toBe("X2y Z");
    expect(invoke("PCase", ["ÉLODIE ÇA"])).toBe("Élodie Ça");
    expect(invoke("PCase", ["line1\nline2"])).toBe("Line1\nLine2");
  });

  it("title-cases the Latin digraphs", () => {
    expect(invoke("PCase", ["ǆemal"])).toBe("ǅemal");
  });

  it("keeps NULL as NULL and treats an empty separator list as the default", () => {
    expect(invoke("PCase", [null])).toBeNull();
    expect(invoke("PCase", ["ab cd", ""])).toBe("Ab Cd");
    expect(invoke("PCase", ["ab cd", null])).toBe("Ab Cd");
  });

  it("is idempotent and keeps the length", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        const once = invoke("PCase", [s]) as string;
        expect(once.length).toBe(s.length);
        expect(invoke("PCase", [once])).toBe(once);
      }),
    );
  });
});
