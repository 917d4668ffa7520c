import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeDiacritics } from "./normalize-diacritics.js";

describe("normalizeDiacritics", () => {
  // Rows of the reference's table (precomposed and combining forms).
  const rows: [string, string][] = [
    ["ä à â ã å á ą ă ā ā́ ā̀ ā̂ ā̃ ǟ ā̈ ǡ a̱ å̄", "a a a a a a a a a a a a a a a a a a"],
    ["Ä À Â Ã Å Á Ą Ă Ā Ā́ Ā̀ Ā̂ Ā̃ Ǟ Ā̈ Ǡ A̱ Å̄", "A A A A A A A A A A A A A A A A A A"],
    ["æ ǣ Æ Ǣ", "ae ae AE AE"],
    ["ç č ć c̄ c̱ Ç Č Ć C̄ C̱", "c c c c c C C C C C"],
    ["ď d̄ ḏ Ď D̄ Ḏ", "d d d D D D"],
    ["ë è é ê ę ě ė ē ḗ ḕ ē̂ ē̃ ê̄ e̱ ë̄ e̊̄", "e e e e e e e e e e e e e e e e"],
    ["Ë È É Ê Ę Ě Ė Ē Ḗ Ḕ Ē̂ Ē̃ Ê̄ E̱ Ë̄ E̊̄", "E E E E E E E E E E E E E E E E"],
    ["ğ ḡ g̱ Ğ Ḡ G̱", "g g g G G G"],
    ["ï î ì í ı ī ī́ ī̀ ī̂ ī̃ i̱", "i i i i i i i i i i i"],
    ["Ï Î Ì Í İ Ī Ī́ Ī̀ Ī̂ Ī̃ I̱", "I I I I I I I I I I I"],
    ["ľ ł l̄ ḹ ḻ Ł Ľ L̄ Ḹ Ḻ", "l l l l l L L L L L"],
    ["ñ ń ň n̄ ṉ Ñ Ń Ň N̄ Ṉ", "n n n n n N N N N N"],
    ["ö ò ő õ ô ó ō ṓ ṑ ō̂ ō̃ ȫ ō̈ ǭ ȭ ȱ o̱", "o o o o o o o o o o o o o o o o o"],
    ["Ö Ò Ő Õ Ô Ó Ō Ṓ Ṑ Ō̂ Ō̃ Ȫ Ō̈ Ǭ Ȭ Ȱ O̱", "O O O O O O O O O O O O O O O O O"],
    ["ø ø̄ œ̄ Ø Ø̄ Œ̄", "oe oe oe OE OE OE"],
    ["ř r̄ ṟ ṝ Ř R̄ Ṟ Ṝ", "r r r r R R R R"],
    ["ß", "ss"],
    ["š ś ș ş s̄ s̱ Š Ś Ș Ş S̄ S̱", "s s s s s s S S S S S S"],
    ["ť ț t̄ ṯ Ť Ț T̄ Ṯ", "t t t t T T T T"],
    ["ü ù û ú ů ű ū ū́ ū̀ ū̂ ū̃ u̇̄ ǖ ṻ ṳ̄ u̱", "u u u u u u u u u u u u u u u u"],
    ["Ü Ù Û Ú Ů Ű Ū Ū́ Ū̀ Ū̂ Ū̃ U̇̄ Ǖ Ṻ Ṳ̄ U̱", "U U U U U U U U U U U U U U U U"],
    ["ÿ ý ȳ ȳ́ ȳ̀ ȳ̃ y̱ Ÿ Ý Ȳ Ȳ́ Ȳ̀ Ȳ̃ Y̱", "y y y y y y y Y Y Y Y Y Y Y"],
    ["ź ž ż z̄ ẕ Ź Ž Ż Z̄ Ẕ", "z z z z z Z Z Z Z Z"],
  ];
  it.each(rows)("maps %s", (input, expected) => {
    expect(normalizeDiacritics(input)).toBe(expected);
    expect(normalizeDiacritics(input.normalize("NFD"))).toBe(expected);
  });

  it("normalizes whole names", () => {
    expect(normalizeDiacritics("Jéssica Smith")).toBe("Jessica Smith");
    expect(normalizeDiacritics("Søren Kierkegaard")).toBe("Soeren Kierkegaard");
    expect(normalizeDiacritics("Łukasz Dąbrowski")).toBe("Lukasz Dabrowski");
    expect(normalizeDiacritics("Straße")).toBe("Strasse");
  });

  it("leaves non-Latin letters and unlisted characters unchanged", () => {
    expect(normalizeDiacritics("Йосиф")).toBe("Йосиф");
    expect(normalizeDiacritics("がぎ")).toBe("がぎ");
    expect(normalizeDiacritics("한국")).toBe("한국");
    expect(normalizeDiacritics("Đorđe ħ")).toBe("Đorđe ħ");
    expect(normalizeDiacritics("O'Brien-Smith 42")).toBe("O'Brien-Smith 42");
  });

  it("is idempotent and leaves ASCII alone", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 30 }), (s) => {
        const once = normalizeDiacritics(s);
        expect(normalizeDiacritics(once)).toBe(once);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary-ascii" }), (s) => {
        expect(normalizeDiacritics(s)).toBe(s);
      }),
    );
  });
});
