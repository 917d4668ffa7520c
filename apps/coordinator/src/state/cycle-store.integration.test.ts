/** CycleStore on PGlite and PostgreSQL: start, progress, finish, one running cycle per job, resume. */
import { RosterError } from "@roster/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import { STORE_BACKENDS, type StoreBackend } from "../store/test-support/store-backends.js";
import { emptyCycleCounts, SqlCycleStore } from "./cycle-store.js";

async function rosterError(promise: Promise<unknown>): Promise<RosterError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof RosterError)) throw new Error(`expected a RosterError, got ${String(error)}`);
  return error;
}

for (const [name, open] of STORE_BACKENDS) {
  describe(`CycleStore on ${name}`, () => {
    let backend: StoreBackend<CoordinatorDatabase>;
    let cycles: SqlCycleStore;
    let clock = new Date("2026-03-01T00:00:00Z");
    const tick = () => {
      clock = new Date(clock.getTime() + 60_000);
      return clock;
    };

    beforeAll(async () => {
      backend = await open<CoordinatorDatabase>();
      cycles = new SqlCycleStore(backend.db, { now: () => clock });
    }, 120_000);
    afterAll(async () => backend?.close());

    it("starts, saves progress and finishes a cycle", async () => {
      const through = new Date("2026-02-28T23:59:00Z");
      const from = new Date("2026-02-28T23:00:00Z");
      const cycle = await cycles.start({ jobId: "job-a", kind: "incremental", through, from });
      expect(cycle).toMatchObject({
        jobId: "job-a",
        kind: "incremental",
        state: "running",
        startedAt: clock,
        finishedAt: null,
        through,
        from,
        counts: emptyCycleCounts(),
        processed: 0,
        error: null,
      });
      const counts = { ...emptyCycleCounts(), imported: 120, created: 3, updated: 7 };
      await cycles.progress(cycle.cycleId, counts, 120);
      expect(await cycles.get(cycle.cycleId)).toMatchObject({ counts, processed: 120, state: "running" });

      tick();
      await cycles.finish(cycle.cycleId, "failed", { ...counts, failed: 1 }, "agent went away");
      expect(await cycles.get(cycle.cycleId)).toMatchObject({
        state: "failed",
        finishedAt: clock,
        error: "agent went away",
        counts: { ...counts, failed: 1 },
      });
      const finished = await rosterError(cycles.finish(cycle.cycleId, "completed", counts));
      expect(finished.code).toBe("InvalidRequest");
      expect(finished.message).toContain("already finished");
      expect((await rosterError(cycles.progress("no-such-cycle", counts, 1))).code).toBe("NotFound");
      expect(await cycles.get("no-such-cycle")).toBeNull();
    });

    it("allows one running cycle per job and resumes it after a crash", async () => {
      const first = await cycles.start({ jobId: "job-b", kind: "initial", through: clock, from: null });
      const second = await rosterError(cycles.start({ jobId: "job-b", kind: "initial", through: clock, from: null }));
      expect(second.code).toBe("CycleInProgress");
      expect(second.message).toContain(first.cycleId);
      // Another job is not affected.
      const other = await cycles.start({ jobId: "job-c", kind: "initial", through: clock, from: null });

      // A new store instance (a restarted coordinator) finds the cycle left running.
      const restarted = new SqlCycleStore(backend.db, { now: () => clock });
      expect((await restarted.unfinished("job-b"))?.cycleId).toBe(first.cycleId);
      await restarted.finish(first.cycleId, "completed", emptyCycleCounts());
      expect(await restarted.unfinished("job-b")).toBeNull();
      expect(await restarted.unfinished("job-c")).toMatchObject({ cycleId: other.cycleId });
      const next = await cycles.start({ jobId: "job-b", kind: "incremental", through: clock, from: clock });
      expect(next.cycleId).not.toBe(first.cycleId);
    });

    it("lists a job's cycles newest first, with a limit", async () => {
      const ids: string[] = [];
      for (let index = 0; index < 4; index++) {
        tick();
        const cycle = await cycles.start({
          jobId: "job-d",
          kind: index === 0 ? "initial" : "incremental",
          through: clock,
          from: null,
        });
        await cycles.finish(cycle.cycleId, "completed", emptyCycleCounts());
        ids.push(cycle.cycleId);
      }
      expect((await cycles.list("job-d")).map((cycle) => cycle.cycleId)).toEqual([...ids].reverse());
      expect((await cycles.list("job-d", { limit: 2 })).map((cycle) => cycle.cycleId)).toEqual([ids[3], ids[2]]);
      expect(await cycles.list("job-none")).toEqual([]);
    });

    it("rejects malformed input with the field named", async () => {
      const badKind = await rosterError(
        cycles.start({ jobId: "job-e", kind: "full" as never, through: clock, from: null }),
      );
      expect(badKind.message).toContain('"kind"');
      const badDate = await rosterError(
        cycles.start({ jobId: "job-e", kind: "initial", through: new Date("x"), from: null }),
      );
      expect(badDate.message).toContain('"through"');
      const cycle = await cycles.start({ jobId: "job-e", kind: "initial", through: clock, from: null });
      const badCount = await rosterError(cycles.progress(cycle.cycleId, { ...emptyCycleCounts(), created: -1 }, 0));
      expect(badCount.message).toContain("counts.created");
    });
  });
}
