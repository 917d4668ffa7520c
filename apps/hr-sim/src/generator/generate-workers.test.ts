import { describe, expect, it } from "vitest";
import { latestState } from "../model/as-of.js";
import { generateWorkers } from "./generate-workers.js";

const options = { count: 3000, seed: 42, referenceDate: "2026-01-15" };

describe("generateWorkers", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const first = [...generateWorkers(options)].slice(0, 50).map((worker) => worker.record.wid);
    const again = [...generateWorkers(options)].slice(0, 50).map((worker) => worker.record.wid);
    const other = [...generateWorkers({ ...options, seed: 43 })].slice(0, 50).map((worker) => worker.record.wid);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  }, 30_000);

  it("produces a manager tree, unique IDs, hard names, duplicates and every worker status", () => {
    const workers = [...generateWorkers(options)];
    const states = workers.map((worker) => latestState(worker.record));
    const widOf = new Set(workers.map((worker) => worker.record.wid));
    expect(widOf.size).toBe(workers.length);
    expect(new Set(states.map((state) => state.workerId)).size).toBe(workers.length);
    expect(new Set(states.map((state) => state.userId)).size).toBe(workers.length);
    // Every manager in a chain is an earlier worker; only the CEO has no manager.
    expect(states.filter((state) => state.managerChain.length === 0)).toHaveLength(1);
    for (const state of states) for (const manager of state.managerChain) expect(widOf.has(manager.wid)).toBe(true);
    expect(Math.max(...states.map((state) => state.managerChain.length))).toBeGreaterThanOrEqual(3);
    const names = states.map((state) => `${state.legalName.first} ${state.legalName.last}`);
    expect(names.some((name) => /[^\x00-\x7f]/.test(name))).toBe(true);
    expect(names.some((name) => name.includes("'"))).toBe(true);
    expect(names.some((name) => name.includes(","))).toBe(true);
    expect(new Set(names).size).toBeLessThan(names.length);
    expect(states.some((state) => state.workerType === "contingent")).toBe(true);
    expect(states.some((state) => state.terminated)).toBe(true);
    expect(states.some((state) => state.leave !== undefined)).toBe(true);
    expect(states.some((state) => state.hireDate > options.referenceDate)).toBe(true);
    // Contingent workers manage nobody.
    const contingentWids = new Set(workers.filter((_, index) => states[index]!.workerType === "contingent").map((worker) => worker.record.wid));
    for (const state of states) for (const manager of state.managerChain) expect(contingentWids.has(manager.wid)).toBe(false);
  }, 30_000);

  it("logs a hire or contract for every worker and a second entry for every later version", () => {
    for (const worker of generateWorkers({ ...options, count: 500 })) {
      expect(worker.transactions.length).toBe(worker.record.versions.length);
      expect(["Hire Employee", "Contract Contingent Worker"]).toContain(worker.transactions[0]!.type);
    }
  });
});
