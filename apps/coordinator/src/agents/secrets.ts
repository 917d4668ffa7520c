/**
 * Registration tokens and agent credentials: high-entropy random secrets, stored only as
 * SHA-256 digests and compared in constant time.
 *
 * Why a plain SHA-256 and not a slow password hash (scrypt, argon2): these secrets are 256
 * random bits made here, not passwords people choose. A slow hash only defends guessable
 * inputs against offline guessing; 2^256 candidates cannot be searched however fast the hash
 * is, so a stolen table of digests reveals nothing usable. A fast hash also keeps every hello
 * cheap, which matters when many agents reconnect at once.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 32 bytes = 256 bits of entropy. */
const SECRET_BYTES = 32;

/** Recognisable prefixes: a leaked secret found in a log or a paste is easy to identify and revoke. */
export const REGISTRATION_TOKEN_PREFIX = "rrt_";
export const AGENT_CREDENTIAL_PREFIX = "rac_";

/** A new secret: the prefix plus 256 random bits in base64url (printable ASCII, no spaces: fits the protocol's secret field). */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(SECRET_BYTES).toString("base64url")}`;
}

/** The stored form of a secret: its SHA-256 digest as 64 lower-case hex characters. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** True when `secret` hashes to `storedHash`; the digests are compared in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashSecret(secret), "hex");
  const expected = Buffer.from(storedHash, "hex");
  // Both are SHA-256 digests (32 bytes) unless the stored value is damaged; a length check leaks nothing secret.
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
