/** LinkStore on PGlite and on PostgreSQL: upsert (batched, replacing), lookups, keyset paging, break links. */
import type { ExportedState } from "@roster/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LinkInput, LinkStore, toLinkState } from "./link-store.js";
import type { LinksAndLogsDatabase } from "./links-and-logs-schema.js";
import { STORE_BACKENDS, type StoreBackend } from "./test-support/store-backends.js";

const clock = new Date("2026-02-01T00:00:00Z");

function exported(index: number): ExportedState {
  return {
    attributes: { sAMAccountName: `user${index}`, proxyAddresses: [`SMTP:u${index}@x`, "[Redact]"] },
    cn: `User ${index}`,
    parentDistinguishedName: "OU=Staff,DC=example,DC=com",
    accountDisabled: index % 2 === 0,
    references: index > 0 ? { manager: `guid-${index - 1}` } : {},
  };
}

function link(jobId: string, index: number, overrides: Partial<LinkInput> = {}): LinkInput {
  return {
    jobId,
    sourceAnchor: `wid-${String(index).padStart(5, "0")}`,
    sourceMatchingValue: `p${index}`,
    targetAnchor: `guid-${index}`,
    targetDn: `CN=User ${index},OU=Staff,DC=example,DC=com`,
    inScope: true,
    exportedState: exported(index),
    ...overrides,
  };
}

for (const [name, open] of STORE_BACKENDS) {
  describe(`LinkStore on ${name}`, () => {
    let backend: StoreBackend<LinksAndLogsDatabase>;
    let store: LinkStore;

    beforeAll(async () => {
      backend = await open<LinksAndLogsDatabase>();
      store = new LinkStore(backend.db, { now: () => clock });
    }, 120_000);
    afterAll(async () => backend?.close());

    it("upserts in batches and reads links back by source anchor and matching value", async () => {
      const links = Array.from({ length: 1234 }, (_, index) => link("job-a", index));
      async function* stream() {
        yield* links;
      }
      expect(await store.upsert(stream(), { batchSize: 500 })).toBe(1234);
      for (const index of [0, 1, 777, 1233]) {
        expect(await store.get("job-a", links[index]!.sourceAnchor)).toEqual({ ...links[index], updatedAt: clock });
        expect(await store.getByMatchingValue("job-a", `p${index}`)).toEqual({ ...links[index], updatedAt: clock });
      }
      expect(await store.get("job-a", "wid-missing")).toBeNull();
      expect(await store.get("job-other", links[0]!.sourceAnchor)).toBeNull();
      expect(await store.getByMatchingValue("job-a", "p-missing")).toBeNull();
      expect(toLinkState((await store.get("job-a", links[5]!.sourceAnchor))!)).toEqual({
        anchor: "guid-5",
        exportedAttributes: exported(5),
        wasInScope: true,
      });
    });

    it("replaces existing links; the last one in a batch wins", async () => {
      const later = new Date("2026-02-02T00:00:00Z");
      const written = await store.upsert([
        link("job-b", 1),
        link("job-b", 1, {
          targetDn: "CN=Moved,OU=Alumni,DC=example,DC=com",
          inScope: false,
          exportedState: null,
          updatedAt: later,
        }),
      ]);
      expect(written).toBe(1);
      expect(await store.get("job-b", "wid-00001")).toEqual({
        ...link("job-b", 1),
        targetDn: "CN=Moved,OU=Alumni,DC=example,DC=com",
        inScope: false,
        exportedState: null,
        updatedAt: later,
      });
      await store.upsert([link("job-b", 1, { sourceMatchingValue: null, targetDn: null })]);
      const replaced = await store.get("job-b", "wid-00001");
      expect([replaced?.sourceMatchingValue, replaced?.targetDn, replaced?.inScope, replaced?.updatedAt]).toEqual([
        null,
        null,
        true,
        clock,
      ]);
      expect(replaced?.exportedState).toEqual(exported(1));
    });

    it("reports two workers with one matching value", async () => {
      await store.upsert([
        link("job-c", 1, { sourceMatchingValue: "same" }),
        link("job-c", 2, { sourceMatchingValue: "same" }),
      ]);
      await expect(store.getByMatchingValue("job-c", "same")).rejects.toMatchObject({
        code: "DuplicateSourceEntries",
        details: { jobId: "job-c", field: "sourceMatchingValue" },
      });
    });

    it("pages through a job's links in source-anchor order and resumes after an anchor", async () => {
      const pages: string[][] = [];
      for await (const page of store.pages("job-a", { pageSize: 100 }))
        pages.push(page.map((stored) => stored.sourceAnchor));
      expect(pages).toHaveLength(13);
      expect(pages.slice(0, 12).every((page) => page.length === 100)).toBe(true);
      const all = pages.flat();
      expect(all).toEqual(Array.from({ length: 1234 }, (_, index) => link("job-a", index).sourceAnchor));
      const rest: string[] = [];
      for await (const page of store.pages("job-a", { pageSize: 500, afterSourceAnchor: "wid-01200" })) {
        rest.push(...page.map((stored) => stored.sourceAnchor));
      }
      expect(rest).toEqual(all.slice(1201));
    });

    it("deletes all links of one job only (restart with break links)", async () => {
      await store.upsert([link("job-d", 1), link("job-d", 2), link("job-e", 1)]);
      expect(await store.deleteForJob("job-d")).toBe(2);
      expect(await store.get("job-d", "wid-00001")).toBeNull();
      expect(await store.get("job-e", "wid-00001")).not.toBeNull();
      expect(await store.deleteForJob("job-d")).toBe(0);
    });

    it("reads many links by source anchor in one call, across lookup chunks", async () => {
      const wanted = [
        ...Array.from({ length: 1100 }, (_, index) => link("job-a", index).sourceAnchor),
        "wid-missing",
        link("job-a", 3).sourceAnchor,
      ];
      const found = await store.getMany("job-a", wanted);
      expect(found.size).toBe(1100);
      expect(found.get("wid-01099")).toEqual({ ...link("job-a", 1099), updatedAt: clock });
      expect(found.has("wid-missing")).toBe(false);
      expect((await store.getMany("job-other", wanted)).size).toBe(0);
      expect((await store.getMany("job-a", [])).size).toBe(0);
      await expect(store.getMany("job-a", ["wid-00001", ""])).rejects.toMatchObject({
        code: "InvalidRequest",
        details: { field: "sourceAnchors", index: 1 },
      });
    });

    it("finds referenced links by source anchor or matching value; an anchor match wins", async () => {
      await store.upsert([
        link("job-r", 1, { sourceAnchor: "W1", sourceMatchingValue: "P1" }),
        link("job-r", 2, { sourceAnchor: "W2", sourceMatchingValue: "W1" }),
        link("job-r", 3, { sourceAnchor: "W3", sourceMatchingValue: null }),
        link("job-q", 4, { sourceAnchor: "W4", sourceMatchingValue: "P4" }),
      ]);
      const found = await store.findReferenced("job-r", ["W1", "P1", "W3", "P4", "nobody", "W1"]);
      expect([...found.keys()].sort()).toEqual(["P1", "W1", "W3"]);
      // "W1" is link 1's anchor and link 2's matching value: the anchor wins.
      expect(found.get("W1")?.targetAnchor).toBe("guid-1");
      expect(found.get("P1")?.targetAnchor).toBe("guid-1");
      expect(found.get("W3")).toEqual({
        ...link("job-r", 3, { sourceAnchor: "W3", sourceMatchingValue: null }),
        updatedAt: clock,
      });
      // Values are compared exactly, as getByMatchingValue does.
      expect((await store.findReferenced("job-r", ["w1", "p1"])).size).toBe(0);
    });

    it("finds referenced links in batches larger than one statement", async () => {
      const values = Array.from({ length: 1234 }, (_, index) =>
        index % 2 === 0 ? `p${index}` : link("job-a", index).sourceAnchor,
      );
      const found = await store.findReferenced("job-a", values);
      expect(found.size).toBe(1234);
      expect(values.every((value, index) => found.get(value)?.targetAnchor === `guid-${index}`)).toBe(true);
    });

    it("names every ambiguous matching value of a reference batch", async () => {
      await store.upsert([
        link("job-s", 1, { sourceMatchingValue: "twice" }),
        link("job-s", 2, { sourceMatchingValue: "twice" }),
        link("job-s", 3, { sourceAnchor: "A3", sourceMatchingValue: "also" }),
        link("job-s", 4, { sourceAnchor: "also", sourceMatchingValue: "also" }),
        link("job-s", 5, { sourceAnchor: "A5", sourceMatchingValue: "once" }),
      ]);
      await expect(store.findReferenced("job-s", ["twice", "once"])).rejects.toMatchObject({
        code: "DuplicateSourceEntries",
        details: { jobId: "job-s", values: ["twice"] },
      });
      // A value that is some link's anchor is not ambiguous, whoever else holds it as matching value.
      const found = await store.findReferenced("job-s", ["also", "once"]);
      expect(found.get("also")?.targetAnchor).toBe("guid-4");
      expect(found.get("once")?.targetAnchor).toBe("guid-5");
    });

    it("rejects malformed links naming the field", async () => {
      await expect(store.upsert([link("job-f", 1, { sourceAnchor: "" })])).rejects.toMatchObject({
        code: "InvalidRequest",
        details: { field: "sourceAnchor" },
      });
      await expect(store.upsert([link("job-f", 1, { inScope: "yes" as never })])).rejects.toMatchObject({
        code: "InvalidRequest",
        details: { field: "inScope" },
      });
      await expect(store.upsert([link("job-f", 1)], { batchSize: 0 })).rejects.toMatchObject({
        code: "InvalidRequest",
      });
      expect(await store.get("job-f", "wid-00001")).toBeNull();
    });
  });
}
