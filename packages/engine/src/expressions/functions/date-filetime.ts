/**
 * Active Directory FILETIME (Int64 count of 100-ns ticks since 1601-01-01 UTC), as used
 * by accountExpires, lastLogonTimestamp and pwdLastSet. BigInt keeps every tick exact.
 */
import type { DotNetDateTime } from "../dotnet-date-format.js";
import { MAX_EPOCH_MS, TICKS_PER_MS } from "./date-calendar.js";

/** Milliseconds from 1601-01-01 to 1970-01-01. */
const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000;
const TICKS_PER_MS_BIG = BigInt(TICKS_PER_MS);

/** 9999-12-31T23:59:59.9999999Z, the largest FILETIME a .NET DateTime can hold. */
export const MAX_FILETIME = BigInt(MAX_EPOCH_MS + FILETIME_EPOCH_OFFSET_MS) * TICKS_PER_MS_BIG + TICKS_PER_MS_BIG - 1n;

/** FILETIME of a UTC DateTime; undefined before 1601, which FILETIME cannot express. */
export function fileTimeOf(value: DotNetDateTime): bigint | undefined {
  const ms = value.epochMs + FILETIME_EPOCH_OFFSET_MS;
  if (ms < 0) return undefined;
  return BigInt(ms) * TICKS_PER_MS_BIG + BigInt(value.subMsTicks);
}

/** The instant of a FILETIME, truncated to the millisecond; undefined outside 0 … MAX_FILETIME. */
export function dateOfFileTime(ticks: bigint): Date | undefined {
  if (ticks < 0n || ticks > MAX_FILETIME) return undefined;
  return new Date(Number(ticks / TICKS_PER_MS_BIG) - FILETIME_EPOCH_OFFSET_MS);
}
