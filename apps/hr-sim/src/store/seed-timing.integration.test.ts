/** Seeds a generated tenant into in-memory PGlite and checks what the generator promised. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateWorkers } from "../generator/generate-workers.js";
import { latestState, stateAsOf } from "../model/as-of.js";
import { openHrSimStore, type HrSimStore } from "./worker-store.js";

let store: HrSimStore;
const COUNT = Number(process.env.HRSIM_SEED_COUNT ?? 5000);

beforeAll(async () => {
  store = await openHrSimStore({ memory: true });
}, 60_000);
afterAll(async () => {
  await store?.close();
});

describe("seeding", () => {
  it(`stores ${COUNT} generated workers with their transaction log`, async () => {
    const started = performance.now();
    const inserted = await store.seed(generateWorkers({ count: COUNT, seed: 7, referenceDate: "2026-01-15" }));
    const seconds = (performance.now() - started) / 1000;
    console.log(`seeded ${inserted} workers in ${seconds.toFixed(2)} s (${Math.round(inserted / seconds)} workers/s)`);
    expect(inserted).toBe(COUNT);
    expect(await store.countWorkers()).toBe(COUNT);
    const hired = await store.countMatching({ transactionLog: { types: ["Hire Employee", "Contract Contingent Worker"] } });
    expect(hired).toBe(COUNT);
    const contingents = await store.countMatching({ excludeEmployees: true });
    expect(contingents).toBeGreaterThan(COUNT * 0.05);
    expect(contingents).toBeLessThan(COUNT * 0.15);
  }, 120_000);

  it("pages by seq and reads workers back by every reference type", async () => {
    const page = await store.queryWorkers({}, 10, 5);
    expect(page.map((worker) => worker.seq)).toEqual([11, 12, 13, 14, 15]);
    const worker = page[0]!;
    const state = latestState(worker);
    expect((await store.findWorker({ type: "WID", id: worker.wid }))?.seq).toBe(11);
    const type = state.workerType === "employee" ? "Employee_ID" : "Contingent_Worker_ID";
    expect((await store.findWorker({ type, id: state.workerId }))?.wid).toBe(worker.wid);
    const wrongType = state.workerType === "employee" ? "Contingent_Worker_ID" : "Employee_ID";
    expect(await store.findWorker({ type: wrongType, id: state.workerId })).toBeUndefined();
    expect((await store.findByUserId(state.userId))?.wid).toBe(worker.wid);
  });

  it("answers entry-moment windows from the transaction log", async () => {
    const all = await store.queryWorkers({}, Math.max(0, COUNT - 3000), 3000);
    const terminated = all.filter((worker) => worker.versions.length > 1 && latestState(worker).terminated);
    expect(terminated.length).toBeGreaterThan(0);
    const sample = terminated[0]!;
    const entered = sample.versions[1]!.enteredAt;
    const matches = await store.queryWorkers({ transactionLog: { updatedFrom: entered, updatedThrough: entered } }, 0, 100);
    expect(matches.map((worker) => worker.wid)).toContain(sample.wid);
    const before = stateAsOf(sample, { effectiveDate: sample.versions[0]!.effectiveDate, entryMoment: Date.parse(entered) - 1 });
    expect(before?.terminated).toBe(false);
  });
});
