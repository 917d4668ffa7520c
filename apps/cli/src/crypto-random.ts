/**
 * Uniform numbers in [0, 1) from the OS CSPRNG, for RandomString / Guid in the tester.
 * Random words are fetched in blocks so each call does not cross into native code.
 */
import { getRandomValues } from "node:crypto";

const BLOCK_WORDS = 512;

export function createCryptoRandom(): () => number {
  const words = new Uint32Array(BLOCK_WORDS);
  let next = BLOCK_WORDS;
  const word = (): number => {
    if (next === BLOCK_WORDS) {
      getRandomValues(words);
      next = 0;
    }
    return words[next++] as number;
  };
  // 53 random bits: 27 from one word and 26 from another, as a double in [0, 1).
  return () => ((word() >>> 5) * 67_108_864 + (word() >>> 6)) / 9_007_199_254_740_992;
}
