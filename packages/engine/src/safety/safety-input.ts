import { RosterError } from "../errors/error-codes.js";

/**
 * Guards for the numbers the coordinator hands the safety rules. They come from counters and
 * clocks outside the engine, so a NaN or a negative count must fail loudly instead of silently
 * disarming a safety rule (NaN compares false with every threshold).
 */
export function requireCount(value: number, object: string, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RosterError(
      "InvalidRequest",
      `${object}: ${field} must be a non-negative integer, got ${String(value)}.`,
      {
        object,
        field,
        value,
      },
    );
  }
  return value;
}

/** A point in time as epoch milliseconds (the injected clock's reading). */
export function requireTime(value: number, object: string, field: string): number {
  if (!Number.isFinite(value)) {
    throw new RosterError(
      "InvalidRequest",
      `${object}: ${field} must be a finite epoch-milliseconds time, got ${String(value)}.`,
      {
        object,
        field,
        value,
      },
    );
  }
  return value;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
