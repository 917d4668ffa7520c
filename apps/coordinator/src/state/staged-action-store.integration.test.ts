/** StagedActionStore on PGlite and PostgreSQL: batch add, keyset paging, decideAll, per-job isolation. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import { STORE_BACKENDS, type StoreBackend } from "../store/test-support/store-backends.js";
import { type NewStagedAction, SqlStagedActionStore } from "./staged-action-store.js";

function staged(jobId: string, index: number): NewStagedAction {
  return {
    jobId,
    cycleId: "cycle-1",
    sourceAnchor: `wid-${index}`,
    workerId: index % 2 === 0 ? `w${index}` : null,
    displayName: index % 3 === 0 ? null : `Worker ${index}`,
    kind: index % 4 === 0 ? "delete" : "disable",
    targetAnchor: `guid-${index}`,
    payload: { wasInScope: false, index },
  };
}

for (const [name, open] of STORE_BACKENDS) {
  describe(`StagedActionStore on ${name}`, () => {
    let backend: StoreBackend<CoordinatorDatabase>;
    let store: SqlStagedActionStore;
    let clock = new Date("2026-03-01T00:00:00Z");

    beforeAll(async () => {
      backend = await open<CoordinatorDatabase>();
      store = new SqlStagedActionStore(backend.db, { now: () => clock });
    }, 120_000);
    afterAll(async () => backend?.close());

    it("adds a cycle's staged actions in bulk and pages through the pending ones", async () => {
      await store.add(Array.from({ length: 1_205 }, (_, index) => staged("job-a", index)));
      await store.add([staged("job-b", 1)]);
      expect(await store.countPending("job-a")).toBe(1_205);

      const seen: string[] = [];
      let afterId: string | undefined;
      for (;;) {
        const page = await store.pending("job-a", { limit: 500, ...(afterId === undefined ? {} : { afterId }) });
        if (page.length === 0) break;
        seen.push(...page.map((action) => action.sourceAnchor));
        afterId = page.at(-1)!.id;
      }
      expect(seen).toEqual(Array.from({ length: 1_205 }, (_, index) => `wid-${index}`));

      const [first] = await store.pending("job-a", { limit: 1 });
      expect(first).toEqual({
        ...staged("job-a", 0),
        id: expect.stringMatching(/^\d+$/),
        state: "pending",
        createdAt: clock,
        decidedAt: null,
        decidedBy: null,
      });
    });

    it("allows or rejects every pending action of one job at once", async () => {
      clock = new Date("2026-03-02T00:00:00Z");
      const decided = await store.decideAll("job-a", "allowed", "alice");
      expect(decided).toHaveLength(1_205);
      expect(decided[0]).toMatchObject({
        state: "allowed",
        decidedAt: clock,
        decidedBy: "alice",
        sourceAnchor: "wid-0",
      });
      expect(Number(decided[1]!.id)).toBeGreaterThan(Number(decided[0]!.id));
      expect(await store.countPending("job-a")).toBe(0);
      expect(await store.decideAll("job-a", "rejected", "bob")).toEqual([]);
      expect(await store.countPending("job-b")).toBe(1);

      const rejected = await store.decideAll("job-b", "rejected", "bob");
      expect(rejected.map((action) => [action.sourceAnchor, action.state])).toEqual([["wid-1", "rejected"]]);
    });

    it("clears a job's staged actions and rejects malformed ones naming the field", async () => {
      await store.add([staged("job-c", 1), staged("job-c", 2)]);
      await store.clearJob("job-c");
      expect(await store.countPending("job-c")).toBe(0);
      await expect(store.add([{ ...staged("job-c", 3), kind: "purge" as never }])).rejects.toThrow(/"kind"/);
      await expect(store.add([{ ...staged("job-c", 3), targetAnchor: "" }])).rejects.toThrow(/"targetAnchor"/);
      await expect(store.pending("job-c", { afterId: "abc" })).rejects.toThrow(/afterId/);
      await expect(store.decideAll("job-c", "maybe" as never, "x")).rejects.toThrow(/"state"/);
      expect(await store.countPending("job-c")).toBe(0);
    });
  });
}
