import { RosterError, type ErrorCode } from "../errors/error-codes.js";
import { DAY_MS, HOUR_MS, requireCount, requireTime } from "./safety-input.js";

/** Retries of an escrowed object stop this long after its first failure; the entry is then dropped. */
export const ESCROW_RETENTION_MS = 28 * DAY_MS;

/** Offsets of the first three retries from the first failure; later retries follow every 24 h. */
const EARLY_RETRY_OFFSETS_MS = [6 * HOUR_MS, 12 * HOUR_MS, 24 * HOUR_MS] as const;

/** An object whose operation failed transiently and waits for its next retry. */
export interface EscrowEntry {
  readonly objectId: string;
  readonly firstFailureAt: number;
  /** Retries already made (0 right after the first failure). */
  readonly retries: number;
  readonly nextRetryAt: number;
  readonly lastErrorCode: ErrorCode;
}

export type EscrowRetryOutcome =
  | { readonly outcome: "scheduled"; readonly entry: EscrowEntry }
  | { readonly outcome: "expired"; readonly explanation: string };

/**
 * Offset from the first failure of retry number `retry` (1-based): +6 h, +12 h, +24 h, then one
 * more day per retry (+48 h, +72 h, …).
 */
export function escrowRetryOffsetMs(retry: number): number {
  if (!Number.isSafeInteger(retry) || retry < 1) {
    throw new RosterError(
      "InvalidRequest",
      `escrow schedule: retry must be a positive integer, got ${String(retry)}.`,
      {
        object: "escrow schedule",
        field: "retry",
        value: retry,
      },
    );
  }
  return EARLY_RETRY_OFFSETS_MS[retry - 1] ?? (retry - 2) * DAY_MS;
}

/**
 * When the next retry is due after `retriesMade` retries, or undefined when it would fall after
 * the 28-day retention (a retry exactly at +28 days still runs).
 */
export function nextEscrowRetryAt(firstFailureAt: number, retriesMade: number): number | undefined {
  requireTime(firstFailureAt, "escrow schedule", "firstFailureAt");
  requireCount(retriesMade, "escrow schedule", "retriesMade");
  const offset = escrowRetryOffsetMs(retriesMade + 1);
  return offset > ESCROW_RETENTION_MS ? undefined : firstFailureAt + offset;
}

/** Every retry time of an object that keeps failing, in order (30 retries: +6 h … +28 days). */
export function escrowRetrySchedule(firstFailureAt: number): number[] {
  const times: number[] = [];
  for (let made = 0; ; made++) {
    const at = nextEscrowRetryAt(firstFailureAt, made);
    if (at === undefined) return times;
    times.push(at);
  }
}

/** Escrows an object after its first failure; its first retry is 6 h later. */
export function createEscrowEntry(objectId: string, failedAt: number, errorCode: ErrorCode): EscrowEntry {
  requireTime(failedAt, `escrow entry for ${objectId}`, "failedAt");
  return {
    objectId,
    firstFailureAt: failedAt,
    retries: 0,
    nextRetryAt: failedAt + EARLY_RETRY_OFFSETS_MS[0],
    lastErrorCode: errorCode,
  };
}

/**
 * Records that a retry failed again: schedules the next one, or expires the entry after 28 days.
 * The schedule stays anchored to the first failure; slots that already passed while the retry ran
 * late (job stopped, slowed quarantine cycles) are skipped rather than fired back to back.
 */
export function recordEscrowRetryFailure(
  entry: EscrowEntry,
  failedAt: number,
  errorCode: ErrorCode,
): EscrowRetryOutcome {
  requireTime(failedAt, `escrow entry for ${entry.objectId}`, "failedAt");
  const retries = entry.retries + 1;
  const retentionEnd = entry.firstFailureAt + ESCROW_RETENTION_MS;
  let slot = retries + 1;
  let offset = escrowRetryOffsetMs(slot);
  while (entry.firstFailureAt + offset <= failedAt && offset <= ESCROW_RETENTION_MS) {
    slot++;
    offset = escrowRetryOffsetMs(slot);
  }
  if (offset > ESCROW_RETENTION_MS || failedAt > retentionEnd) {
    return {
      outcome: "expired",
      explanation: `${entry.objectId} still failed (${errorCode}) after ${retries} retries over 28 days; its escrow entry is dropped.`,
    };
  }
  return {
    outcome: "scheduled",
    entry: { ...entry, retries, nextRetryAt: entry.firstFailureAt + offset, lastErrorCode: errorCode },
  };
}

/** True when the entry's next retry is due at `now`. */
export function isDue(entry: EscrowEntry, now: number): boolean {
  requireTime(now, `escrow entry for ${entry.objectId}`, "now");
  return now >= entry.nextRetryAt;
}

/** True when the 28-day retention is over at `now`: the entry is dropped without another retry. */
export function isEscrowExpired(entry: EscrowEntry, now: number): boolean {
  requireTime(now, `escrow entry for ${entry.objectId}`, "now");
  return now > entry.firstFailureAt + ESCROW_RETENTION_MS;
}
