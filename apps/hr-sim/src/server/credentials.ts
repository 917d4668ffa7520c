/** Credential checks shared by the HR endpoints; comparisons are constant-time, nothing is logged. */
import { timingSafeEqual } from "node:crypto";

export interface Credentials {
  readonly username: string;
  readonly password: string;
  /** Bearer tokens accepted by the SuccessFactors endpoint. */
  readonly bearerTokens?: readonly string[];
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function credentialsMatch(expected: Credentials, username: string | undefined, password: string | undefined): boolean {
  if (username === undefined || password === undefined) return false;
  // Both compared, so timing does not reveal which one was wrong.
  const userOk = same(expected.username, username);
  const passwordOk = same(expected.password, password);
  return userOk && passwordOk;
}

export function basicCredentials(header: string | string[] | undefined): { username: string; password: string } | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !value.startsWith("Basic ")) return undefined;
  const decoded = Buffer.from(value.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.startsWith("Bearer ") ? value.slice(7).trim() : undefined;
}

export function bearerMatches(expected: Credentials, token: string): boolean {
  return (expected.bearerTokens ?? []).some((candidate) => same(candidate, token));
}
