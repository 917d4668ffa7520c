/**
 * WritebackWorker over the real outbox (PGlite): items go to their job's HR source with the worker
 * type the import recorded, and a job in its initial cycle keeps its items until it ends.
 */
import { openPGliteFixture } from "@roster/store/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HrSource, WritebackTarget } from "../sources/hr-source.js";
import type { JobRecord } from "../state/contracts.js";
import { SqlWritebackOutbox } from "../state/writeback-outbox.js";
import { migrateCoordinatorStore } from "../store/coordinator-migrations.js";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import { WritebackWorker } from "./writeback-worker.js";

let fixture: Awaited<ReturnType<typeof openPGliteFixture<CoordinatorDatabase>>>;
let outbox: SqlWritebackOutbox;

beforeAll(async () => {
  fixture = await openPGliteFixture<CoordinatorDatabase>();
  await migrateCoordinatorStore(fixture.db as never);
  outbox = new SqlWritebackOutbox(fixture.db);
}, 120_000);
afterAll(async () => fixture?.close());

/** The HR side is the edge: this source records what it was asked to write. */
function recordingSource(sent: { jobId: string; target: WritebackTarget; values: Record<string, string> }[], jobId: string): HrSource {
  return {
    type: "workday",
    writeback: async (target: WritebackTarget, values: Readonly<Record<string, string>>) => {
      sent.push({ jobId, target, values: { ...values } });
      return { ok: true };
    },
    close: async () => undefined,
  } as unknown as HrSource;
}

describe("WritebackWorker", () => {
  it("holds the items of a job in its initial cycle and sends the others, with the recorded worker type", async () => {
    await outbox.enqueue([
      { jobId: "job-initial", sourceAnchor: "wid-1", workerId: "21001", workerType: "Employee", values: { UserID: "a" } },
      { jobId: "job-other", sourceAnchor: "wid-2", workerId: "C-7", workerType: "Contingent_Worker", values: { UserID: "b" } },
    ]);
    const sent: { jobId: string; target: WritebackTarget; values: Record<string, string> }[] = [];
    const held = new Set(["job-initial"]);
    const worker = new WritebackWorker({
      outbox,
      jobs: { get: async (jobId) => ({ jobId }) as JobRecord },
      logs: { append: async () => 0 },
      createSource: (job) => recordingSource(sent, job.jobId),
      heldJobs: () => held,
    });

    expect(await worker.drainOnce()).toBe(1);
    expect(sent).toEqual([
      { jobId: "job-other", target: { sourceAnchor: "wid-2", workerId: "C-7", workerType: "Contingent_Worker" }, values: { UserID: "b" } },
    ]);
    expect(await outbox.counts("job-initial")).toEqual({ pending: 1, done: 0, failed: 0 });

    // The initial cycle ended: its items go.
    held.clear();
    expect(await worker.drainOnce()).toBe(1);
    expect(sent[1]).toEqual({ jobId: "job-initial", target: { sourceAnchor: "wid-1", workerId: "21001", workerType: "Employee" }, values: { UserID: "a" } });
    expect(await outbox.counts("job-initial")).toEqual({ pending: 0, done: 1, failed: 0 });
  });
});
