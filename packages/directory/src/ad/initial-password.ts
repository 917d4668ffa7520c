/**
 * The random initial password of a new account (Roster never flows passwords from HR) and
 * its unicodePwd encoding. The password exists only in memory for the add request: it is
 * never logged, returned or stored.
 */
import { randomInt } from "node:crypto";

const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const LOWER = "abcdefghijkmnopqrstuvwxyz";
const DIGITS = "23456789";
const SYMBOLS = "!#$%&*+-.:=?@^_~";
const CLASSES = [UPPER, LOWER, DIGITS, SYMBOLS] as const;
const ALL = CLASSES.join("");

/** AD rejects a password containing the account name or any ≥3-character token of the display name. */
const NAME_TOKEN_SEPARATORS = /[,.\-_#\s\t]+/;

export interface PasswordContext {
  readonly sAMAccountName?: string | undefined;
  readonly displayName?: string | undefined;
}

/**
 * A password meeting AD complexity (all four character classes) that contains none of the
 * name tokens AD checks. `length` is clamped to at least 16.
 */
export function generateInitialPassword(length = 24, context: PasswordContext = {}): string {
  const size = Math.max(16, Math.floor(length));
  const forbidden = forbiddenTokens(context);
  for (;;) {
    const chars: string[] = CLASSES.map((set) => set[randomInt(set.length)]!);
    while (chars.length < size) chars.push(ALL[randomInt(ALL.length)]!);
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const password = chars.join("");
    if (!containsAny(password, forbidden)) return password;
  }
}

/** True when AD's complexity rule would reject `password` for containing the account's name tokens. */
export function containsNameToken(password: string, context: PasswordContext): boolean {
  return containsAny(password, forbiddenTokens(context));
}

function containsAny(password: string, tokens: readonly string[]): boolean {
  if (tokens.length === 0) return false;
  const lower = password.toLowerCase();
  return tokens.some((token) => lower.includes(token));
}

function forbiddenTokens(context: PasswordContext): string[] {
  const tokens: string[] = [];
  const account = context.sAMAccountName?.toLowerCase();
  if (account !== undefined && account.length >= 3) tokens.push(account);
  for (const token of context.displayName?.toLowerCase().split(NAME_TOKEN_SEPARATORS) ?? []) {
    if (token.length >= 3) tokens.push(token);
  }
  return tokens;
}

/** unicodePwd value: the password in double quotes, UTF-16LE. */
export function encodeUnicodePwd(password: string): Buffer {
  return Buffer.from('"' + password + '"', "utf16le");
}
