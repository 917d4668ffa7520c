/** EscrowStore on PGlite and PostgreSQL: the engine's retry schedule, expiry, due order, batch clear. */
import { ESCROW_RETENTION_MS, RosterError } from "@roster/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import { STORE_BACKENDS, type StoreBackend } from "../store/test-support/store-backends.js";
import { SqlEscrowStore } from "./escrow-store.js";

const HOUR = 3_600_000;
const t0 = new Date("2026-03-01T00:00:00Z");
const at = (hours: number) => new Date(t0.getTime() + hours * HOUR);

for (const [name, open] of STORE_BACKENDS) {
  describe(`EscrowStore on ${name}`, () => {
    let backend: StoreBackend<CoordinatorDatabase>;
    let escrow: SqlEscrowStore;

    beforeAll(async () => {
      backend = await open<CoordinatorDatabase>();
      escrow = new SqlEscrowStore(backend.db);
    }, 120_000);
    afterAll(async () => backend?.close());

    it("schedules retries at +6 h, +12 h, +24 h, then daily from the first failure", async () => {
      const failure = { jobId: "job-a", sourceAnchor: "wid-1", workerId: "21001", errorCode: "Timeout" as const };
      const first = await escrow.recordFailure({ ...failure, at: t0 });
      expect(first).toEqual({ ...failure, firstFailureAt: t0, retries: 0, nextRetryAt: at(6) });
      const second = await escrow.recordFailure({ ...failure, errorCode: "EndpointUnavailable", at: at(6) });
      expect(second).toMatchObject({
        firstFailureAt: t0,
        retries: 1,
        nextRetryAt: at(12),
        errorCode: "EndpointUnavailable",
      });
      expect((await escrow.recordFailure({ ...failure, at: at(12) })).nextRetryAt).toEqual(at(24));
      expect((await escrow.recordFailure({ ...failure, at: at(24) })).nextRetryAt).toEqual(at(48));
      // A retry that ran late skips the slots that already passed.
      expect((await escrow.recordFailure({ ...failure, at: at(100) })).nextRetryAt).toEqual(at(120));
      expect(await escrow.count("job-a")).toBe(1);
    });

    it("stops retrying after 28 days: the entry stays, never due again", async () => {
      const failure = { jobId: "job-b", sourceAnchor: "wid-9", workerId: "9", errorCode: "Timeout" as const };
      await escrow.recordFailure({ ...failure, at: t0 });
      const end = new Date(t0.getTime() + ESCROW_RETENTION_MS);
      const expired = await escrow.recordFailure({ ...failure, at: end });
      expect(expired).toMatchObject({ retries: 1, nextRetryAt: null });
      const again = await escrow.recordFailure({ ...failure, at: new Date(end.getTime() + HOUR) });
      expect(again).toMatchObject({ retries: 2, nextRetryAt: null, firstFailureAt: t0 });
      expect(await escrow.count("job-b")).toBe(1);
      expect(await escrow.due("job-b", new Date(end.getTime() + 100 * HOUR), 10)).toEqual([]);
    });

    it("returns due entries by retry time, records a page of failures at once, and clears in batches", async () => {
      const failures = Array.from({ length: 50 }, (_, index) => ({
        jobId: "job-c",
        sourceAnchor: `wid-${String(index).padStart(3, "0")}`,
        workerId: String(index),
        errorCode: "TooManyRequests" as const,
        at: at(index % 5),
      }));
      const records = await escrow.recordFailures(failures);
      expect(records.map((record) => record.sourceAnchor)).toEqual(failures.map((failure) => failure.sourceAnchor));
      expect(await escrow.count("job-c")).toBe(50);

      const due = await escrow.due("job-c", at(7), 100);
      // Failed at +0 h and +1 h: due by +6 h and +7 h; 10 each.
      expect(due).toHaveLength(20);
      expect(due.map((record) => record.nextRetryAt!.getTime())).toEqual(
        [...due.map((record) => record.nextRetryAt!.getTime())].sort((a, b) => a - b),
      );
      expect(await escrow.due("job-c", at(7), 5)).toEqual(due.slice(0, 5));
      expect(await escrow.due("job-other", at(1000), 5)).toEqual([]);

      await escrow.clear(
        "job-c",
        due.map((record) => record.sourceAnchor),
      );
      expect(await escrow.count("job-c")).toBe(30);
      expect(await escrow.due("job-c", at(7), 100)).toEqual([]);
      await escrow.clearJob("job-c");
      expect(await escrow.count("job-c")).toBe(0);
      expect(await escrow.count("job-a")).toBe(1);
    });

    it("treats a worker listed twice in one batch as a failure then a retry failure", async () => {
      const failure = { jobId: "job-d", sourceAnchor: "wid-1", workerId: "1", errorCode: "Timeout" as const };
      const [first, second] = await escrow.recordFailures([
        { ...failure, at: t0 },
        { ...failure, at: at(6) },
      ]);
      expect(first).toMatchObject({ retries: 0, nextRetryAt: at(6) });
      expect(second).toMatchObject({ retries: 1, nextRetryAt: at(12) });
      expect(await escrow.due("job-d", at(12), 10)).toEqual([second]);
    });

    it("records and clears more failures than one statement holds", async () => {
      const failures = Array.from({ length: 6_200 }, (_, index) => ({
        jobId: "job-big",
        sourceAnchor: `wid-${index}`,
        workerId: String(index),
        errorCode: "Timeout" as const,
        at: t0,
      }));
      await escrow.recordFailures(failures);
      expect(await escrow.count("job-big")).toBe(6_200);
      const retried = await escrow.recordFailures(failures.map((failure) => ({ ...failure, at: at(6) })));
      expect(retried.every((record) => record.retries === 1)).toBe(true);
      expect(await escrow.due("job-big", at(12), 100_000)).toHaveLength(6_200);
      await escrow.clear(
        "job-big",
        failures.slice(0, 6_100).map((failure) => failure.sourceAnchor),
      );
      expect(await escrow.count("job-big")).toBe(100);
    });

    it("rejects an unknown error code and an invalid time", async () => {
      const bad = escrow.recordFailure({
        jobId: "job-e",
        sourceAnchor: "wid-1",
        workerId: "1",
        errorCode: "Oops" as never,
        at: t0,
      });
      await expect(bad).rejects.toThrow(RosterError);
      await expect(bad).rejects.toThrow(/"Oops" is not a registered error code/);
      await expect(
        escrow.recordFailure({
          jobId: "job-e",
          sourceAnchor: "wid-1",
          workerId: "1",
          errorCode: "Timeout",
          at: new Date(Number.NaN),
        }),
      ).rejects.toThrow(/"at"/);
      expect(await escrow.count("job-e")).toBe(0);
    });
  });
}
