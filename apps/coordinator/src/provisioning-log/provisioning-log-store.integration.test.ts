/**
 * ProvisioningLogStore on PGlite and on PostgreSQL: batched append, every query filter
 * against the same filter in memory, keyset paging in both orders, and the CSV export.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LinksAndLogsDatabase } from "../store/links-and-logs-schema.js";
import { STORE_BACKENDS, type StoreBackend } from "../store/test-support/store-backends.js";
import type { ProvisioningLogRecord } from "./log-record.js";
import { type LogQuery, ProvisioningLogStore } from "./provisioning-log-store.js";
import { csvTexts, logRecordArbitrary } from "./test-support/log-arbitraries.js";
import { recordsFromCsv } from "./test-support/read-log-csv.js";

const JOBS = ["job-1", "job-2"];
const CYCLES = ["cycle-a", "cycle-b", "cycle-c"];
const WORKERS = ["21001", "21002", "21003", "21004"];

/** Deterministic varied records; several share an activity time so the id breaks ties. */
const RECORDS: ProvisioningLogRecord[] = fc
  .sample(
    fc.tuple(
      logRecordArbitrary(),
      fc.nat(JOBS.length - 1),
      fc.nat(CYCLES.length - 1),
      fc.nat(WORKERS.length - 1),
      fc.nat(59),
    ),
    { numRuns: 300, seed: 20_260_201 },
  )
  .map(([record, job, cycle, worker, minute], index) => ({
    ...record,
    id: `log-${String(index).padStart(4, "0")}`,
    changeId: `change-${index}`,
    jobId: JOBS[job]!,
    cycleId: CYCLES[cycle]!,
    activityDateTime: new Date(Date.UTC(2026, 1, 1, 10, minute)),
    sourceIdentity: { ...record.sourceIdentity, id: index % 10 === 0 ? null : WORKERS[worker]! },
  }));

function byTimeThenId(a: ProvisioningLogRecord, b: ProvisioningLogRecord): number {
  return a.activityDateTime.getTime() - b.activityDateTime.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function expected(query: LogQuery): ProvisioningLogRecord[] {
  return RECORDS.filter(
    (record) =>
      (query.jobId === undefined || record.jobId === query.jobId) &&
      (query.cycleId === undefined || record.cycleId === query.cycleId) &&
      (query.workerId === undefined || record.sourceIdentity.id === query.workerId) &&
      (query.action === undefined || record.action === query.action) &&
      (query.status === undefined || record.status === query.status) &&
      (query.from === undefined || record.activityDateTime >= query.from) &&
      (query.to === undefined || record.activityDateTime < query.to),
  ).sort(byTimeThenId);
}

const QUERIES: LogQuery[] = [
  { jobId: "job-1" },
  { jobId: "job-2", workerId: "21003" },
  { jobId: "job-1", action: "update" },
  { jobId: "job-1", action: "other" },
  { jobId: "job-2", status: "failure" },
  { jobId: "job-1", status: "skipped", action: "other" },
  { cycleId: "cycle-b" },
  { jobId: "job-2", from: new Date(Date.UTC(2026, 1, 1, 10, 15)), to: new Date(Date.UTC(2026, 1, 1, 10, 30)) },
  { jobId: "job-1", cycleId: "cycle-a", workerId: "21001", from: new Date(Date.UTC(2026, 1, 1, 10, 20)) },
  { jobId: "job-9" },
];

for (const [name, open] of STORE_BACKENDS) {
  describe(`ProvisioningLogStore on ${name}`, () => {
    let backend: StoreBackend<LinksAndLogsDatabase>;
    let store: ProvisioningLogStore;

    beforeAll(async () => {
      backend = await open<LinksAndLogsDatabase>();
      store = new ProvisioningLogStore(backend.db);
      expect(await store.append(RECORDS, { batchSize: 64 })).toBe(RECORDS.length);
    }, 120_000);
    afterAll(async () => backend?.close());

    it("answers every filter with the matching records in time order", async () => {
      for (const query of QUERIES) {
        const found: ProvisioningLogRecord[] = [];
        for await (const record of store.records(query, { pageSize: 50 })) found.push(record);
        expect(found, JSON.stringify(query)).toEqual(expected(query));
      }
      // The data exercises every filter: only the unknown job matches nothing.
      expect(QUERIES.filter((query) => expected(query).length === 0)).toEqual([{ jobId: "job-9" }]);
    });

    it("pages with cursors in both orders without gaps or repeats", async () => {
      for (const order of ["asc", "desc"] as const) {
        const seen: ProvisioningLogRecord[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.queryPage(
            { jobId: "job-1" },
            { pageSize: 7, order, ...(cursor === undefined ? {} : { cursor }) },
          );
          seen.push(...page.records);
          cursor = page.nextCursor ?? undefined;
          pages++;
          expect(page.records.length).toBeLessThanOrEqual(7);
        } while (cursor !== undefined);
        const all = expected({ jobId: "job-1" });
        expect(seen).toEqual(order === "asc" ? all : [...all].reverse());
        expect(pages).toBe(Math.floor(all.length / 7) + 1);
      }
      expect(await store.queryPage({ jobId: "job-9" })).toEqual({ records: [], nextCursor: null });
    });

    it("keeps records immutable: a change id is logged once, and there is no update or delete", async () => {
      await expect(store.append([{ ...RECORDS[0]!, id: "log-other" }])).rejects.toThrow();
      const methods = Object.getOwnPropertyNames(ProvisioningLogStore.prototype);
      expect(methods.filter((method) => /update|delete|remove|clear/i.test(method))).toEqual([]);
      expect((await store.queryPage({ jobId: RECORDS[0]!.jobId }, { pageSize: 1000 })).records).toContainEqual(
        RECORDS[0],
      );
    });

    it("exports the CSV files that read back as the stored records", async () => {
      const texts = await csvTexts((outputs) => store.exportCsv({ jobId: "job-2" }, outputs));
      const job2 = expected({ jobId: "job-2" });
      expect(texts.count).toBe(job2.length);
      expect(recordsFromCsv(texts).records).toEqual(job2);
    });

    it("rejects malformed queries and records naming the field", async () => {
      await expect(store.queryPage({ jobId: "job-1" }, { cursor: "not-a-cursor" })).rejects.toMatchObject({
        code: "InvalidRequest",
        details: { field: "cursor" },
      });
      await expect(store.queryPage({ jobId: "job-1", action: "Create" as never })).rejects.toMatchObject({
        details: { field: "action" },
      });
      await expect(store.queryPage({ jobId: "job-1", status: "ok" as never })).rejects.toMatchObject({
        details: { field: "status" },
      });
      await expect(store.queryPage({ jobId: "" })).rejects.toMatchObject({ details: { field: "jobId" } });
      await expect(store.queryPage({ jobId: "job-1", from: new Date("nope") })).rejects.toMatchObject({
        details: { field: "from" },
      });
      await expect(store.queryPage({ jobId: "job-1" }, { pageSize: 0 })).rejects.toMatchObject({
        details: { field: "pageSize" },
      });
      await expect(
        store.append([{ ...RECORDS[1]!, changeId: "new", id: "new", durationInMilliseconds: -1 }]),
      ).rejects.toMatchObject({
        code: "InvalidRequest",
        details: { field: "durationInMilliseconds" },
      });
      await expect(
        store.append([{ ...RECORDS[1]!, changeId: "new", id: "new", action: "Update" as never }]),
      ).rejects.toMatchObject({
        details: { field: "action" },
      });
      expect(
        (await store.queryPage({ jobId: RECORDS[1]!.jobId }, { pageSize: 1000 })).records.some((r) => r.id === "new"),
      ).toBe(false);
    });
  });
}
