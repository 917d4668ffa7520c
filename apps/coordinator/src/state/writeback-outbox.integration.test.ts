/** WritebackOutbox on PGlite and PostgreSQL: merge of pending items, due order, retries, in-flight merges, counts. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import { STORE_BACKENDS, type StoreBackend } from "../store/test-support/store-backends.js";
import { SqlWritebackOutbox } from "./writeback-outbox.js";

const t0 = new Date("2026-03-01T00:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);

for (const [name, open] of STORE_BACKENDS) {
  describe(`WritebackOutbox on ${name}`, () => {
    let backend: StoreBackend<CoordinatorDatabase>;
    let outbox: SqlWritebackOutbox;
    let clock = t0;

    beforeAll(async () => {
      backend = await open<CoordinatorDatabase>();
      outbox = new SqlWritebackOutbox(backend.db, { now: () => clock });
    }, 120_000);
    afterAll(async () => backend?.close());

    it("merges a newer enqueue into the worker's pending item, newer value winning per field", async () => {
      await outbox.enqueue([
        { jobId: "job-a", sourceAnchor: "wid-1", workerId: "21001", workerType: "Employee", values: { EmailAddress: "old@x", UserID: "u1" } },
      ]);
      clock = later(1_000);
      await outbox.enqueue([
        { jobId: "job-a", sourceAnchor: "wid-1", workerId: "21001", values: { EmailAddress: "new@x" } },
        { jobId: "job-a", sourceAnchor: "wid-2", workerId: "21002", values: { UserID: "u2" } },
        { jobId: "job-a", sourceAnchor: "wid-2", workerId: "21002", workerType: "Contingent_Worker", values: { UserID: "u2b", Phone: "1" } },
      ]);
      const due = await outbox.due(later(5_000), 10, "job-a");
      // A merge without a worker type keeps the one recorded before.
      expect(due.map((item) => item.workerType)).toEqual(["Employee", "Contingent_Worker"]);
      expect(due.map((item) => [item.sourceAnchor, item.values])).toEqual([
        ["wid-1", { EmailAddress: "new@x", UserID: "u1" }],
        ["wid-2", { UserID: "u2b", Phone: "1" }],
      ]);
      expect(due[0]).toMatchObject({
        state: "pending",
        attempts: 0,
        nextAttemptAt: t0,
        lastError: null,
        createdAt: t0,
      });
      expect(await outbox.counts("job-a")).toEqual({ pending: 2, done: 0, failed: 0 });
    });

    it("hands out due items by nextAttemptAt, retries transient failures and fails permanent ones", async () => {
      clock = later(10_000);
      await outbox.enqueue([{ jobId: "job-b", sourceAnchor: "wid-1", workerId: "1", values: { EmailAddress: "a@x" } }]);
      clock = later(20_000);
      await outbox.enqueue([{ jobId: "job-b", sourceAnchor: "wid-2", workerId: "2", values: { EmailAddress: "b@x" } }]);
      clock = later(30_000);
      await outbox.enqueue([{ jobId: "job-b", sourceAnchor: "wid-3", workerId: "3", values: { EmailAddress: "c@x" } }]);

      const [first, second, third] = await outbox.due(later(60_000), 10, "job-b");
      expect([first, second, third].map((item) => item!.sourceAnchor)).toEqual(["wid-1", "wid-2", "wid-3"]);
      await outbox.markFailed(first!.id, "HTTP 503", later(120_000));
      await outbox.markFailed(second!.id, "Invalid email", null);
      await outbox.markDone(third!.id);

      expect(await outbox.due(later(60_000), 10, "job-b")).toEqual([]);
      const retried = await outbox.due(later(120_000), 10, "job-b");
      expect(retried).toHaveLength(1);
      expect(retried[0]).toMatchObject({
        id: first!.id,
        attempts: 1,
        lastError: "HTTP 503",
        nextAttemptAt: later(120_000),
      });
      expect(await outbox.counts("job-b")).toEqual({ pending: 1, done: 1, failed: 1 });

      // A failed or done item does not absorb a new enqueue: a new pending item is made.
      await outbox.enqueue([
        { jobId: "job-b", sourceAnchor: "wid-2", workerId: "2", values: { EmailAddress: "fixed@x" } },
      ]);
      expect(await outbox.counts("job-b")).toEqual({ pending: 2, done: 1, failed: 1 });

      // Across jobs, ordered by nextAttemptAt.
      const all = await outbox.due(later(200_000), 100);
      const times = all.map((item) => item.nextAttemptAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(new Set(all.map((item) => item.jobId))).toEqual(new Set(["job-a", "job-b"]));
      expect(await outbox.due(later(200_000), 1)).toEqual(all.slice(0, 1));
      // A job in its initial cycle is left out.
      const withoutA = await outbox.due(later(200_000), 100, undefined, ["job-a"]);
      expect(withoutA.length).toBeGreaterThan(0);
      expect(withoutA).toEqual(all.filter((item) => item.jobId !== "job-a"));
    });

    it("keeps an item pending when newer values were merged in while it was being sent", async () => {
      clock = later(300_000);
      await outbox.enqueue([
        { jobId: "job-c", sourceAnchor: "wid-1", workerId: "1", values: { EmailAddress: "v1@x" } },
      ]);
      const [sending] = await outbox.due(clock, 10, "job-c");
      await outbox.enqueue([
        { jobId: "job-c", sourceAnchor: "wid-1", workerId: "1", values: { EmailAddress: "v2@x" } },
      ]);
      await outbox.markDone(sending!.id);
      const [again] = await outbox.due(clock, 10, "job-c");
      expect(again).toMatchObject({ id: sending!.id, values: { EmailAddress: "v2@x" }, state: "pending" });
      await outbox.markDone(again!.id);
      expect(await outbox.counts("job-c")).toEqual({ pending: 0, done: 1, failed: 0 });
    });

    it("marks a batch done in one call, keeping an item that changed since it was handed out", async () => {
      clock = later(400_000);
      await outbox.enqueue([
        { jobId: "job-e", sourceAnchor: "wid-1", workerId: "1", values: { EmailAddress: "a@x" } },
        { jobId: "job-e", sourceAnchor: "wid-2", workerId: "2", values: { EmailAddress: "b@x" } },
        { jobId: "job-e", sourceAnchor: "wid-3", workerId: "3", values: { EmailAddress: "c@x" } },
      ]);
      const handed = await outbox.due(clock, 10, "job-e");
      expect(handed).toHaveLength(3);
      await outbox.enqueue([{ jobId: "job-e", sourceAnchor: "wid-3", workerId: "3", values: { EmailAddress: "c2@x" } }]);
      await outbox.markDoneMany(handed.map((item) => item.id));
      expect(await outbox.counts("job-e")).toEqual({ pending: 1, done: 2, failed: 0 });
      const [left] = await outbox.due(clock, 10, "job-e");
      expect(left).toMatchObject({ sourceAnchor: "wid-3", values: { EmailAddress: "c2@x" } });
    });

    it("clears a job and names bad input", async () => {
      await outbox.clearJob("job-a");
      expect(await outbox.counts("job-a")).toEqual({ pending: 0, done: 0, failed: 0 });
      expect(await outbox.counts("job-b")).not.toEqual({ pending: 0, done: 0, failed: 0 });
      await expect(outbox.markDone("999999")).rejects.toThrow(/does not exist/);
      await expect(outbox.markDone("x")).rejects.toThrow(/not a valid id/);
      await expect(
        outbox.enqueue([{ jobId: "job-d", sourceAnchor: "wid-1", workerId: "1", values: { Phone: 5 as never } }]),
      ).rejects.toThrow(/"Phone"/);
      await expect(outbox.enqueue([{ jobId: "job-d", sourceAnchor: "", workerId: "1", values: {} }])).rejects.toThrow(
        /"sourceAnchor"/,
      );
      expect(await outbox.counts("job-d")).toEqual({ pending: 0, done: 0, failed: 0 });
    });
  });
}
