/**
 * fast-check arbitraries for HR-derived text: any Unicode code point (no lone surrogates,
 * which cannot be sent as UTF-8), weighted towards the characters DN and filter syntax
 * reserve. Faster than fc.string({ unit: "binary" }) and hits the specials far more often.
 */
import fc from "fast-check";

const RESERVED = [",", "+", '"', "\\", "<", ">", ";", "=", "#", " ", "*", "(", ")", "\u0000", "\n", "'", "Å", "ö"];

const codePoint = fc
  .integer({ min: 0, max: 0x10ffff })
  .filter((code) => code < 0xd800 || code > 0xdfff)
  .map((code) => String.fromCodePoint(code));

const character = fc.oneof(fc.constantFrom(...RESERVED), fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }), codePoint);

export function anyText(constraints: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<string> {
  return fc.string({ unit: character, minLength: constraints.minLength ?? 0, maxLength: constraints.maxLength ?? 40 });
}
