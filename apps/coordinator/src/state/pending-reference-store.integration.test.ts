/** PendingReferenceStore on PGlite and PostgreSQL: upsert, batched remove, keyset pages, per-job clear. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import { STORE_BACKENDS, type StoreBackend } from "../store/test-support/store-backends.js";
import type { PendingReference } from "./contracts.js";
import { SqlPendingReferenceStore } from "./pending-reference-store.js";

const reference = (jobId: string, index: number, attribute = "manager"): PendingReference => ({
  jobId,
  sourceAnchor: `wid-${String(index).padStart(5, "0")}`,
  attribute,
  referencedValue: `mgr-${index % 7}`,
});

async function collect(pages: AsyncGenerator<PendingReference[]>): Promise<PendingReference[][]> {
  const all: PendingReference[][] = [];
  for await (const page of pages) all.push(page);
  return all;
}

for (const [name, open] of STORE_BACKENDS) {
  describe(`PendingReferenceStore on ${name}`, () => {
    let backend: StoreBackend<CoordinatorDatabase>;
    let store: SqlPendingReferenceStore;

    beforeAll(async () => {
      backend = await open<CoordinatorDatabase>();
      store = new SqlPendingReferenceStore(backend.db);
    }, 120_000);
    afterAll(async () => backend?.close());

    it("adds references (the newest value wins) and pages through them in order", async () => {
      const references = Array.from({ length: 2_500 }, (_, index) => reference("job-a", index));
      await store.add(references);
      await store.add([{ ...reference("job-a", 3), referencedValue: "mgr-new" }, reference("job-a", 3, "secretary")]);
      await store.add([reference("job-b", 1)]);

      const pages = await collect(store.pages("job-a", 1_000));
      expect(pages.map((page) => page.length)).toEqual([1_000, 1_000, 501]);
      const flat = pages.flat();
      expect(flat[3]).toEqual({ ...reference("job-a", 3), referencedValue: "mgr-new" });
      expect(flat[4]).toEqual(reference("job-a", 3, "secretary"));
      expect(flat.every((item) => item.jobId === "job-a")).toBe(true);
    });

    it("removes resolved references in batches, leaving other attributes and jobs alone", async () => {
      const resolved = Array.from({ length: 2_000 }, (_, index) => reference("job-a", index));
      await store.remove([
        ...resolved,
        reference("job-a", 3),
        { jobId: "job-a", sourceAnchor: "wid-none", attribute: "manager" },
      ]);
      const left = (await collect(store.pages("job-a", 10_000))).flat();
      expect(left).toHaveLength(501);
      expect(left[0]).toEqual(reference("job-a", 3, "secretary"));
      expect(left[1]).toEqual(reference("job-a", 2_000));
      expect((await collect(store.pages("job-b", 10))).flat()).toEqual([reference("job-b", 1)]);

      await store.clearJob("job-a");
      expect(await collect(store.pages("job-a", 10))).toEqual([]);
      expect((await collect(store.pages("job-b", 10))).flat()).toHaveLength(1);
      await expect(store.add([{ ...reference("job-c", 1), referencedValue: "" }])).rejects.toThrow(/"referencedValue"/);
    });
  });
}
