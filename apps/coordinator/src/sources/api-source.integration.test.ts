/**
 * The API-driven source on PGlite and PostgreSQL: workers are the newest uploaded record up to
 * `through` (or within [from, through)), streamed in receipt order page by page; outcomes
 * reported back show up in the bulk requests' status, with failOnErrors applied.
 */
import { RosterError } from "@roster/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BulkUploadService } from "../scim/bulk-upload-service.js";
import type { InboundDatabase } from "../scim/inbound-schema.js";
import { bulkBody, DEPARTMENT, TestClock, type WorkerVersion } from "../scim/test-support/inbound-fixtures.js";
import { STORE_BACKENDS, type StoreBackend } from "../store/test-support/store-backends.js";
import { createApiSource } from "./api-source.js";
import type { ProvisionedOutcome, SourceItem } from "./hr-source.js";

const SCIM = "application/scim+json";

interface Upload {
  readonly at: Date;
  readonly versions: readonly WorkerVersion[];
}

/** What a source must yield: per worker the newest version received in [from, through), newest-last order. */
function expectedWorkers(uploads: readonly Upload[], through: Date, from?: Date): { id: string; department: string }[] {
  const latest = new Map<string, { department: string; order: number }>();
  let order = 0;
  for (const upload of uploads) {
    for (const version of upload.versions) {
      order++;
      if (version.externalId === undefined || upload.at >= through) continue;
      if (from !== undefined && upload.at < from) continue;
      latest.set(version.externalId, { department: version.department, order });
    }
  }
  return [...latest.entries()]
    .sort((a, b) => a[1].order - b[1].order)
    .map(([id, value]) => ({ id, department: value.department }));
}

async function collect(items: AsyncIterable<SourceItem>): Promise<{ id: string; department: string }[]> {
  const workers: { id: string; department: string }[] = [];
  for await (const item of items) {
    if (!item.ok) throw new Error(`unexpected failure ${item.failure.message}`);
    expect(item.worker.workerId).toBe(item.worker.sourceAnchor);
    workers.push({ id: item.worker.sourceAnchor, department: String(item.worker.attributes[DEPARTMENT]) });
  }
  return workers;
}

function outcome(sourceAnchor: string, status: string, extra: Partial<ProvisionedOutcome> = {}): ProvisionedOutcome {
  return { sourceAnchor, action: "update", status, errorCode: null, message: null, targetAnchor: null, ...extra };
}

/** A deterministic mix: 12 workers, 40 uploads of 1–4 versions, some at the same millisecond. */
function uploadPlan(start: TestClock): Upload[] {
  // Park–Miller: the products stay exact in doubles.
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 48_271) % 2_147_483_647;
    return seed % n;
  };
  const uploads: Upload[] = [];
  for (let u = 0; u < 40; u++) {
    const at = random(4) === 0 ? start.now() : start.advance(1 + random(5) * 1000);
    const versions = Array.from({ length: 1 + random(4) }, (_, v) => ({
      externalId: `w${String(random(12)).padStart(2, "0")}`,
      department: `d${u}.${v}`,
      bulkId: `b${v}`,
    }));
    uploads.push({ at, versions });
  }
  return uploads;
}

for (const [name, open] of STORE_BACKENDS) {
  describe(`API source on ${name}`, () => {
    let backend: StoreBackend<InboundDatabase>;

    beforeAll(async () => {
      backend = await open<InboundDatabase>();
    }, 120_000);
    afterAll(async () => backend?.close());

    async function seed(
      jobId: string,
      uploads: readonly Upload[],
      failOnErrors: number | null = null,
    ): Promise<string[]> {
      const ids: string[] = [];
      for (const upload of uploads) {
        const service = new BulkUploadService(backend.db, { now: () => upload.at });
        ids.push((await service.accept(jobId, bulkBody(upload.versions, failOnErrors), SCIM, "test")).requestId);
      }
      return ids;
    }

    it("imports the newest record of every worker up to `through`, in receipt order, across pages", async () => {
      const job = "job-all";
      const clock = new TestClock("2026-04-01T08:00:00.000Z");
      const uploads = uploadPlan(clock);
      await seed(job, uploads);
      // Another job's records never leak in.
      await seed("job-other", [{ at: uploads[0]!.at, versions: [{ externalId: "w00", department: "other" }] }]);

      const source = createApiSource(backend.db, job, { pageSize: 3 });
      expect(source.type).toBe("api");
      const cuts = [uploads[10]!.at, uploads[25]!.at, clock.advance(1)];
      for (const through of cuts) {
        const expected = expectedWorkers(uploads, through);
        expect(expected.length).toBeGreaterThan(0);
        expect(await collect(source.importAll({ through }))).toEqual(expected);
      }
      // The whole set with one page per worker and with one page for all gives the same.
      const everything = expectedWorkers(uploads, cuts[2]!);
      expect(await collect(createApiSource(backend.db, job, { pageSize: 1 }).importAll({ through: cuts[2]! }))).toEqual(
        everything,
      );
      expect(
        await collect(createApiSource(backend.db, job, { pageSize: 1000 }).importAll({ through: cuts[2]! })),
      ).toEqual(everything);
    });

    it("imports changes: the newest record of each worker received in [from, through)", async () => {
      const job = "job-changes";
      const clock = new TestClock("2026-04-02T08:00:00.000Z");
      const uploads = uploadPlan(clock);
      await seed(job, uploads);
      const source = createApiSource(backend.db, job, { pageSize: 2 });
      const windows: [Date, Date][] = [
        [uploads[5]!.at, uploads[20]!.at],
        [uploads[20]!.at, uploads[39]!.at],
        [uploads[39]!.at, clock.advance(1)],
        [uploads[12]!.at, uploads[12]!.at],
      ];
      for (const [from, through] of windows) {
        expect(await collect(source.importChanges({ from, through }))).toEqual(expectedWorkers(uploads, through, from));
      }
      // Incremental windows that tile the timeline see every worker's final version at the end.
      const all = new Map<string, string>();
      for (const [from, through] of [windows[0]!, windows[1]!, windows[2]!]) {
        for (const worker of await collect(source.importChanges({ from, through })))
          all.set(worker.id, worker.department);
      }
      for (const worker of expectedWorkers(uploads, clock.advance(1), uploads[5]!.at)) {
        expect(all.get(worker.id)).toBe(worker.department);
      }
    });

    it("streams lazily: a page is read only when the consumer gets to it", async () => {
      const job = "job-lazy";
      const clock = new TestClock("2026-04-03T08:00:00.000Z");
      await seed(job, [
        { at: clock.now(), versions: [1, 2, 3, 4, 5].map((n) => ({ externalId: `l${n}`, department: "A" })) },
      ]);
      const source = createApiSource(backend.db, job, { pageSize: 2 });
      const through = clock.advance(10_000);
      const iterator = source.importAll({ through })[Symbol.asyncIterator]();
      const first = await iterator.next();
      expect(first.done).toBe(false);
      // Uploaded after the first page was read but before `through`: a later page sees it.
      await seed(job, [{ at: new Date(through.getTime() - 1), versions: [{ externalId: "l9", department: "B" }] }]);
      const rest: string[] = [];
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        if (next.value.ok) rest.push(next.value.worker.sourceAnchor);
      }
      expect(rest).toEqual(["l2", "l3", "l4", "l5", "l9"]);
    });

    it("gets one worker by externalId, with a display name and flattened attributes", async () => {
      const job = "job-get";
      const clock = new TestClock("2026-04-04T08:00:00.000Z");
      await seed(job, [
        { at: clock.now(), versions: [{ externalId: "g1", department: "Old" }] },
        { at: clock.advance(1000), versions: [{ externalId: "g1", department: "New" }] },
      ]);
      const source = createApiSource(backend.db, job);
      const item = await source.getWorker("g1");
      expect(item).toEqual({
        ok: true,
        worker: {
          sourceAnchor: "g1",
          workerId: "g1",
          displayName: "Worker g1",
          attributes: { externalId: "g1", displayName: "Worker g1", active: true, [DEPARTMENT]: "New" },
        },
      });
      expect(await source.getWorker("missing")).toBeNull();
      expect(await source.getWorker("")).toBeNull();
      expect(await source.writeback({ sourceAnchor: "g1", workerId: "g1" }, { mail: "x@example.test" })).toEqual({
        ok: true,
      });
      const test = await source.testConnection();
      expect(test).toEqual({
        ok: true,
        details: {
          queuedOperations: "2",
          successOperations: "0",
          warningOperations: "0",
          failureOperations: "0",
          skippedOperations: "0",
        },
      });
    });

    it("reports outcomes into the bulk status: imported operations finish, newer ones stay queued", async () => {
      const job = "job-outcomes";
      const clock = new TestClock("2026-04-05T08:00:00.000Z");
      const [first, second] = await seed(job, [
        {
          at: clock.now(),
          versions: [
            { externalId: "a", department: "A1" },
            { externalId: "b", department: "B1" },
            { externalId: "c", department: "C1" },
          ],
        },
        { at: clock.advance(1000), versions: [{ externalId: "a", department: "A2" }] },
      ]);
      const through = clock.advance(1000);
      const late = await seed(job, [{ at: clock.advance(1000), versions: [{ externalId: "a", department: "A3" }] }]);

      const source = createApiSource(backend.db, job, { now: () => clock.now() });
      expect(await collect(source.importAll({ through }))).toEqual([
        { id: "b", department: "B1" },
        { id: "c", department: "C1" },
        { id: "a", department: "A2" },
      ]);
      await source.onProvisioned([
        outcome("a", "success", { action: "create" }),
        outcome("b", "failure", { action: "create", errorCode: "Conflict", message: "sAMAccountName bchen is taken" }),
        outcome("c", "skipped", { action: "other", errorCode: "EntrySynchronizationSkipped" }),
      ]);

      const service = new BulkUploadService(backend.db);
      const firstStatus = await service.status(job, first!);
      expect(firstStatus.failures).toBe(1);
      expect(firstStatus.operations.map((op) => [op.externalId, op.status, op.provisioningAction])).toEqual([
        ["a", "success", "create"],
        ["b", "failure", "create"],
        ["c", "skipped", "other"],
      ]);
      expect(firstStatus.operations[1]!.errorInformation).toMatchObject({
        errorCode: "Conflict",
        errorCategory: "failure",
        additionalDetails: "sAMAccountName bchen is taken",
      });
      expect(firstStatus.operations[1]!.errorInformation!.recommendedAction.length).toBeGreaterThan(0);
      expect(firstStatus.operations[2]!.errorInformation!.errorCategory).toBe("success");
      expect((await service.status(job, second!)).operations[0]!.status).toBe("success");
      // Received after the cycle's `through`: waits for the next cycle.
      expect((await service.status(job, late[0]!)).operations[0]!.status).toBe("queued");

      // A second report for a finished operation changes nothing; the next cycle finishes the late one.
      await source.onProvisioned([outcome("b", "success")]);
      expect((await service.status(job, first!)).operations[1]!.status).toBe("failure");
      expect(await collect(source.importChanges({ from: through, through: clock.advance(1000) }))).toEqual([
        { id: "a", department: "A3" },
      ]);
      await source.onProvisioned([outcome("a", "warning", { action: "update", errorCode: "ReferenceUnresolved" })]);
      const lateStatus = await service.status(job, late[0]!);
      expect(lateStatus.operations[0]).toMatchObject({ status: "warning", provisioningAction: "update" });
      expect(lateStatus.operations[0]!.errorInformation!.errorCode).toBe("ReferenceUnresolved");
    });

    it("applies failOnErrors: once the budget is spent, the request's other operations are skipped and not imported", async () => {
      const job = "job-budget";
      const clock = new TestClock("2026-04-06T08:00:00.000Z");
      const [requestId] = await seed(
        job,
        [
          {
            at: clock.now(),
            versions: [
              { externalId: "x", department: "X" },
              { externalId: "y", department: "Y" },
              { externalId: "z", department: "Z" },
            ],
          },
        ],
        1,
      );
      const through = clock.advance(1000);
      const source = createApiSource(backend.db, job, { pageSize: 1, now: () => clock.now() });
      const iterator = source.importAll({ through })[Symbol.asyncIterator]();
      const firstItem = await iterator.next();
      expect(firstItem.value).toMatchObject({ ok: true, worker: { sourceAnchor: "x" } });
      await source.onProvisioned([
        outcome("x", "failure", { errorCode: "NoSuchParent", message: "OU=Missing does not exist" }),
      ]);
      // Skipped operations are not handed out any more, even by an import already under way.
      const rest: string[] = [];
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        if (next.value.ok) rest.push(next.value.worker.sourceAnchor);
      }
      expect(rest).toEqual([]);

      const status = await new BulkUploadService(backend.db).status(job, requestId!);
      expect(status.stopped).toBe(true);
      expect(status.failures).toBe(1);
      expect(status.operations.map((op) => [op.externalId, op.status, op.skipReason])).toEqual([
        ["x", "failure", undefined],
        ["y", "skipped", "failOnErrorsReached"],
        ["z", "skipped", "failOnErrorsReached"],
      ]);
      expect(await collect(source.importAll({ through }))).toEqual([{ id: "x", department: "X" }]);
      expect(await source.getWorker("y")).toBeNull();
    });

    it("finishes operations of workers it did not hand out only up to its last `through`", async () => {
      const job = "job-fallback";
      const clock = new TestClock("2026-04-07T08:00:00.000Z");
      const [early] = await seed(job, [{ at: clock.now(), versions: [{ externalId: "f", department: "F1" }] }]);
      const through = clock.advance(1000);
      const [later] = await seed(job, [{ at: clock.advance(1000), versions: [{ externalId: "f", department: "F2" }] }]);

      const reader = createApiSource(backend.db, job);
      expect(await collect(reader.importAll({ through }))).toEqual([{ id: "f", department: "F1" }]);
      // A second instance (say, after a coordinator restart) reports without having handed "f" out.
      const reporter = createApiSource(backend.db, job, { now: () => clock.now() });
      expect(await collect(reporter.importChanges({ from: clock.advance(10_000), through: clock.advance(1) }))).toEqual(
        [],
      );
      await reporter.onProvisioned([outcome("f", "success")]);
      const service = new BulkUploadService(backend.db);
      expect((await service.status(job, early!)).operations[0]!.status).toBe("success");
      // The `through` of its last import was after the later record: that one is finished too.
      expect((await service.status(job, later!)).operations[0]!.status).toBe("success");

      const [third] = await seed(job, [{ at: clock.advance(1000), versions: [{ externalId: "f", department: "F3" }] }]);
      await reporter.onProvisioned([outcome("f", "failure", { errorCode: "Conflict" })]);
      expect((await service.status(job, third!)).operations[0]!.status).toBe("queued");
    });

    it("refuses bad input with RosterErrors and honours abort signals", async () => {
      const source = createApiSource(backend.db, "job-errors");
      await expect(source.onProvisioned([outcome("a", "done")])).rejects.toThrow(
        'API source of job "job-errors": outcome 0 for worker "a" has status "done"',
      );
      await expect(collect(source.importAll({ through: new Date("not a date") }))).rejects.toThrow(RosterError);
      const controller = new AbortController();
      controller.abort();
      await expect(collect(source.importAll({ through: new Date(), signal: controller.signal }))).rejects.toThrow();
      await expect(source.getWorker("a", controller.signal)).rejects.toThrow();
      expect(() => createApiSource(backend.db, "job-errors", { pageSize: 0 })).toThrow(
        /pageSize must be a positive integer/,
      );
      await expect(source.onProvisioned([])).resolves.toBeUndefined();
      await source.close();
    });
  });
}
