import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RosterError } from "../errors/error-codes.js";
import {
  ESCROW_RETENTION_MS,
  createEscrowEntry,
  escrowRetryOffsetMs,
  escrowRetrySchedule,
  isDue,
  isEscrowExpired,
  nextEscrowRetryAt,
  recordEscrowRetryFailure,
  type EscrowEntry,
} from "./escrow-retry-schedule.js";

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.parse("2026-03-02T09:15:00Z");

describe("escrow retry schedule", () => {
  it("retries at +6 h, +12 h, +24 h after the first failure, then every 24 h", () => {
    const offsets = escrowRetrySchedule(T0).map((at) => (at - T0) / H);
    expect(offsets.slice(0, 6)).toEqual([6, 12, 24, 48, 72, 96]);
  });

  it("keeps retrying for 28 days: the last retry is at +28 days, 30 retries in all", () => {
    const schedule = escrowRetrySchedule(T0);
    expect(schedule).toHaveLength(30);
    expect(schedule.at(-1)).toBe(T0 + 28 * D);
    expect(nextEscrowRetryAt(T0, 29)).toBe(T0 + 28 * D);
    expect(nextEscrowRetryAt(T0, 30)).toBeUndefined();
  });

  it("nextEscrowRetryAt agrees with the offsets for every attempt count", () => {
    expect(nextEscrowRetryAt(T0, 0)).toBe(T0 + 6 * H);
    expect(nextEscrowRetryAt(T0, 2)).toBe(T0 + 24 * H);
    expect(escrowRetryOffsetMs(10)).toBe(8 * D);
  });

  it("is strictly increasing, bounded by the 28-day retention, and ends at it (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000_000 }), (first) => {
        const schedule = escrowRetrySchedule(first);
        expect(schedule[0]).toBe(first + 6 * H);
        for (let i = 1; i < schedule.length; i++) expect(schedule[i]!).toBeGreaterThan(schedule[i - 1]!);
        for (const at of schedule) expect(at - first).toBeLessThanOrEqual(ESCROW_RETENTION_MS);
        expect(schedule.at(-1)).toBe(first + ESCROW_RETENTION_MS);
      }),
    );
  });

  it("gaps never shrink (retries get less frequent) and never exceed a day (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (retry) => {
        const gap = escrowRetryOffsetMs(retry + 1) - escrowRetryOffsetMs(retry);
        const previousGap =
          retry === 1 ? escrowRetryOffsetMs(1) : escrowRetryOffsetMs(retry) - escrowRetryOffsetMs(retry - 1);
        expect(gap).toBeGreaterThanOrEqual(previousGap);
        expect(gap).toBeLessThanOrEqual(D);
      }),
    );
  });

  it("rejects bad inputs with a RosterError", () => {
    expect(() => escrowRetryOffsetMs(0)).toThrowError(RosterError);
    expect(() => nextEscrowRetryAt(Number.NaN, 0)).toThrowError(/firstFailureAt/);
    expect(() => nextEscrowRetryAt(T0, -1)).toThrowError(/retriesMade/);
    expect(() => createEscrowEntry("worker 21001", Number.NaN, "Timeout")).toThrowError(/worker 21001.*failedAt/);
  });
});

describe("escrow entries", () => {
  it("a new entry is due 6 h after the failure, not before", () => {
    const entry = createEscrowEntry("worker 21001", T0, "Timeout");
    expect(entry).toMatchObject({ retries: 0, firstFailureAt: T0, nextRetryAt: T0 + 6 * H, lastErrorCode: "Timeout" });
    expect(isDue(entry, T0 + 6 * H - 1)).toBe(false);
    expect(isDue(entry, T0 + 6 * H)).toBe(true);
  });

  it("follows the schedule while retries keep failing, then expires after 28 days", () => {
    let entry: EscrowEntry = createEscrowEntry("worker 21001", T0, "Timeout");
    const seen: number[] = [];
    for (;;) {
      seen.push(entry.nextRetryAt);
      const outcome = recordEscrowRetryFailure(entry, entry.nextRetryAt, "InternalServerError");
      if (outcome.outcome === "expired") {
        expect(outcome.explanation).toContain("worker 21001");
        expect(outcome.explanation).toContain("InternalServerError");
        break;
      }
      entry = outcome.entry;
      expect(entry.lastErrorCode).toBe("InternalServerError");
    }
    expect(seen).toEqual(escrowRetrySchedule(T0));
    expect(entry.retries).toBe(29);
  });

  it("skips slots that passed while a retry ran late, staying anchored to the first failure", () => {
    const entry = createEscrowEntry("worker 7", T0, "Timeout");
    // The first retry only ran 3 days in: +12 h, +24 h, +48 h and +72 h have passed.
    const outcome = recordEscrowRetryFailure(entry, T0 + 3 * D, "Timeout");
    expect(outcome.outcome).toBe("scheduled");
    if (outcome.outcome === "scheduled") {
      expect(outcome.entry.retries).toBe(1);
      expect(outcome.entry.nextRetryAt).toBe(T0 + 4 * D);
    }
    expect(recordEscrowRetryFailure(entry, T0 + 28 * D + 1, "Timeout").outcome).toBe("expired");
  });

  it("isEscrowExpired drops an entry only after the full 28 days", () => {
    const entry = createEscrowEntry("worker 7", T0, "Timeout");
    expect(isEscrowExpired(entry, T0 + 28 * D)).toBe(false);
    expect(isEscrowExpired(entry, T0 + 28 * D + 1)).toBe(true);
    expect(() => isDue(entry, Number.NaN)).toThrowError(/now/);
  });

  it("a rescheduled entry is never due before the failure that produced it (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 28 * D }), fc.integer({ min: 0, max: 40 }), (lateBy, retries) => {
        const entry: EscrowEntry = { ...createEscrowEntry("w", T0, "Timeout"), retries };
        const failedAt = T0 + lateBy;
        const outcome = recordEscrowRetryFailure(entry, failedAt, "Timeout");
        if (outcome.outcome === "scheduled") {
          expect(outcome.entry.nextRetryAt).toBeGreaterThan(failedAt);
          expect(outcome.entry.nextRetryAt - T0).toBeLessThanOrEqual(ESCROW_RETENTION_MS);
          expect(isDue(outcome.entry, failedAt)).toBe(false);
        } else {
          expect(failedAt >= T0 + ESCROW_RETENTION_MS || retries + 1 >= 30).toBe(true);
        }
      }),
    );
  });
});
