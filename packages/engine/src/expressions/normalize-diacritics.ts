/**
 * NormalizeDiacritics: accented Latin letters become their base letters (à → a,
 * ő → o, ž → z, ā̀ → a, ḏ → d), following the table of the Entra function reference:
 * each Latin letter's NFD decomposition without its combining marks (marks written as
 * separate characters after a Latin letter are dropped too), then the letters without a
 * decomposition that the table lists: ß → ss, æ/ǣ → ae, Æ/Ǣ → AE, ø → oe, Ø → OE, œ̄ → oe, Œ̄ → OE,
 * ł → l, Ł → L, ı → i (İ, ď, ť, ľ decompose). œ/Œ map with or without the macron, since
 * the mark is dropped first.
 *
 * Only Latin letters change: Cyrillic й or Japanese が keep their marks, as the table
 * covers Latin only and other characters are left unchanged (so are letters
 * with a stroke the table does not list, such as đ or ħ).
 */

const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  Æ: "AE",
  ø: "oe",
  Ø: "OE",
  œ: "oe",
  Œ: "OE",
  ł: "l",
  Ł: "L",
  ı: "i",
};

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Combining Diacritical Marks and its supplements / extensions. */
function isCombiningMark(c: number): boolean {
  return (
    (c >= 0x0300 && c <= 0x036f) ||
    (c >= 0x1ab0 && c <= 0x1aff) ||
    (c >= 0x1dc0 && c <= 0x1dff) ||
    (c >= 0x20d0 && c <= 0x20ff) ||
    (c >= 0xfe20 && c <= 0xfe2f)
  );
}

function isLatinLetter(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
    (c >= 0x1e00 && c <= 0x1eff)
  );
}

const baseCache = new Map<string, string>();

/** The unaccented form of one Latin letter (a BMP code unit): marks of its decomposition dropped, special letters mapped. */
function latinBase(ch: string): string {
  let base = baseCache.get(ch);
  if (base === undefined) {
    base = "";
    for (const part of ch.normalize("NFD")) {
      if (!isCombiningMark(part.charCodeAt(0))) base += SPECIAL_LETTERS[part] ?? part;
    }
    baseCache.set(ch, base);
  }
  return base;
}

export function normalizeDiacritics(source: string): string {
  if (ASCII_ONLY.test(source)) return source;
  let out = "";
  let copied = 0;
  let afterLatin = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c < 0x80) {
      afterLatin = isLatinLetter(c);
    } else if (isCombiningMark(c)) {
      // A mark written separately (decomposed input) goes with the Latin letter before it.
      if (afterLatin) {
        out += source.slice(copied, i);
        copied = i + 1;
      }
    } else {
      afterLatin = isLatinLetter(c);
      if (afterLatin) {
        const ch = source.charAt(i);
        const base = latinBase(ch);
        if (base !== ch) {
          out += source.slice(copied, i) + base;
          copied = i + 1;
        }
      }
    }
  }
  return copied === 0 ? source : out + source.slice(copied);
}
