/**
 * RandomString generation: a password-like string that meets per-class minimums, drawn
 * with the injected randomness. Special characters are those of the Windows password
 * complexity policy. Positions beyond the minimums are drawn from every allowed class.
 */
export const DIGITS = "0123456789";
export const UPPER_CASE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
export const LOWER_CASE = "abcdefghijklmnopqrstuvwxyz";
export const SPECIAL_CHARACTERS = "~!@#$%^&*_-+=`|\\(){}[]:;\"'<>,.?/";
export const MAX_RANDOM_STRING_LENGTH = 256;

export interface RandomStringSpec {
  readonly length: number;
  readonly minNumbers: number;
  readonly minSpecial: number;
  readonly minCapital: number;
  readonly minLowerCase: number;
  /** Characters never to use. */
  readonly avoid: string;
}

/** Why the spec cannot be met regardless of the characters to avoid, or undefined. */
export function randomStringShapeError(spec: Omit<RandomStringSpec, "avoid">): string | undefined {
  if (spec.length < 1 || spec.length > MAX_RANDOM_STRING_LENGTH) {
    return `Length must be between 1 and ${MAX_RANDOM_STRING_LENGTH}, got ${spec.length}`;
  }
  const minimums = [
    ["MinimumNumbers", spec.minNumbers],
    ["MinimumSpecialCharacters", spec.minSpecial],
    ["MinimumCapital", spec.minCapital],
    ["MinimumLowerCase", spec.minLowerCase],
  ] as const;
  for (const [name, value] of minimums) if (value < 0) return `${name} must not be negative, got ${value}`;
  const sum = spec.minNumbers + spec.minSpecial + spec.minCapital + spec.minLowerCase;
  if (sum > spec.length) return `Length ${spec.length} is less than the sum of the minimums (${sum})`;
  return undefined;
}

function without(chars: string, avoid: string): string {
  if (avoid === "") return chars;
  let kept = "";
  for (const c of chars) if (!avoid.includes(c)) kept += c;
  return kept;
}

/** Uniform index in [0, n) from a random number in [0, 1), robust to a generator returning 1. */
function pick(random: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}

/** The random string, or an error message when the spec cannot be met. */
export function generateRandomString(spec: RandomStringSpec, random: () => number): string | { error: string } {
  const shapeError = randomStringShapeError(spec);
  if (shapeError !== undefined) return { error: shapeError };
  const classes = [
    { name: "numbers", min: spec.minNumbers, pool: without(DIGITS, spec.avoid) },
    { name: "special characters", min: spec.minSpecial, pool: without(SPECIAL_CHARACTERS, spec.avoid) },
    { name: "capital letters", min: spec.minCapital, pool: without(UPPER_CASE, spec.avoid) },
    { name: "lower-case letters", min: spec.minLowerCase, pool: without(LOWER_CASE, spec.avoid) },
  ];
  const chars: string[] = [];
  let all = "";
  for (const { name, min, pool } of classes) {
    if (min > 0 && pool === "") return { error: `CharactersToAvoid excludes every one of the ${name}` };
    for (let i = 0; i < min; i++) chars.push(pool[pick(random, pool.length)] as string);
    all += pool;
  }
  if (chars.length < spec.length && all === "") return { error: "CharactersToAvoid excludes every allowed character" };
  while (chars.length < spec.length) chars.push(all[pick(random, all.length)] as string);
  // Fisher–Yates, so the required classes do not sit in fixed positions.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = pick(random, i + 1);
    const tmp = chars[i] as string;
    chars[i] = chars[j] as string;
    chars[j] = tmp;
  }
  return chars.join("");
}
