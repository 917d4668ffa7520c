import { describe, expect, it } from "vitest";
import { generateWorker, isChangedInRevision1, widOf } from "./workday-worker-generator.js";

const SEED = 42;
const N = 5_000;

describe("generateWorker", () => {
  it("is deterministic per (seed, index)", () => {
    expect(generateWorker(SEED, 1234)).toEqual(generateWorker(SEED, 1234));
    expect(generateWorker(SEED, 1234)).not.toEqual(generateWorker(SEED + 1, 1234));
  });

  it("produces unique WIDs and WorkerIDs, and managers that come earlier", () => {
    const wids = new Set<string>();
    const workerIds = new Set<string>();
    const earlierWids = new Set<string>();
    for (let i = 0; i < N; i++) {
      const w = generateWorker(SEED, i);
      expect(w.WID).toMatch(/^[0-9a-f]{32}$/);
      wids.add(w.WID as string);
      workerIds.add(w.WorkerID as string);
      if (i === 0) expect(w.ManagerReference).toBeUndefined();
      else expect(earlierWids.has(w.ManagerReference as string)).toBe(true);
      earlierWids.add(w.WID as string);
    }
    expect(wids.size).toBe(N);
    expect(workerIds.size).toBe(N);
  });

  it("has realistic variety: diacritics, apostrophes, commas, duplicate names, inactive workers, unknown cities", () => {
    const workers = Array.from({ length: N }, (_, i) => generateWorker(SEED, i));
    const names = workers.map((w) => `${w.FirstName} ${w.LastName}`);
    expect(names.some((n) => /[^\u0000-\u007f]/.test(n))).toBe(true);
    expect(names.some((n) => n.includes("'"))).toBe(true);
    expect(names.some((n) => n.includes(","))).toBe(true);
    expect(new Set(names).size).toBeLessThan(N);
    const inactive = workers.filter((w) => w.Active === "0").length / N;
    expect(inactive).toBeGreaterThan(0.02);
    expect(inactive).toBeLessThan(0.1);
    expect(workers.every((w) => w.Active === "0" || w.Active === "1")).toBe(true);
    expect(workers.some((w) => w.Municipality === "Dallas")).toBe(true);
    expect(workers.some((w) => w.Municipality === "Zürich")).toBe(true);
    expect(workers.some((w) => w.Municipality === undefined)).toBe(true);
  });

  it("changes about 1% of workers in revision 1, and only those", () => {
    let changed = 0;
    for (let i = 0; i < N; i++) {
      const before = generateWorker(SEED, i, 0);
      const after = generateWorker(SEED, i, 1);
      if (isChangedInRevision1(SEED, i)) {
        changed++;
        expect(after.BusinessTitle).not.toBe(before.BusinessTitle);
        expect(after.WID).toBe(before.WID);
      } else {
        expect(after).toEqual(before);
      }
    }
    expect(changed / N).toBeGreaterThan(0.005);
    expect(changed / N).toBeLessThan(0.02);
  });

  it("derives the manager reference from the manager's WID", () => {
    expect(generateWorker(SEED, 15).ManagerReference).toBe(widOf(SEED, 2));
  });
});
