import { describe, expect, it } from "vitest";
import { componentOfUrl, type CpuProfile, formatProfileSummary, summarizeProfile } from "./profile-summary.js";

const ROOT = "file:///work/main";

describe("componentOfUrl", () => {
  it("names workspace module folders, libraries and wasm; builtins have none", () => {
    expect(componentOfUrl(`${ROOT}/apps/coordinator/src/cycles/cycle-runner.ts`)).toBe("coordinator/cycles");
    expect(componentOfUrl(`${ROOT}/packages/engine/src/index.ts`)).toBe("engine");
    expect(componentOfUrl(`${ROOT}/node_modules/@electric-sql/pglite/dist/index.js`)).toBe("@electric-sql/pglite");
    expect(componentOfUrl(`${ROOT}/node_modules/ldapts/dist/index.js`)).toBe("ldapts");
    expect(componentOfUrl("wasm://wasm/022a9842")).toBe("wasm");
    expect(componentOfUrl("")).toBeUndefined();
    expect(componentOfUrl("node:internal/streams/readable")).toBeUndefined();
  });
});

describe("summarizeProfile", () => {
  // root → runner (coordinator) → JSON.parse (builtin) ; root → kysely ← hr-sim store ; root → (garbage collector)
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: { functionName: "(root)", url: "", lineNumber: -1 }, children: [2, 4, 6, 7] },
      { id: 2, callFrame: { functionName: "runCycle", url: `${ROOT}/apps/coordinator/src/cycles/cycle-runner.ts`, lineNumber: 9 }, children: [3] },
      { id: 3, callFrame: { functionName: "parse", url: "", lineNumber: -1 } },
      { id: 4, callFrame: { functionName: "queryWorkers", url: `${ROOT}/apps/hr-sim/src/store/worker-store.ts`, lineNumber: 0 }, children: [5] },
      { id: 5, callFrame: { functionName: "compile", url: `${ROOT}/node_modules/kysely/dist/index.js`, lineNumber: 0 } },
      { id: 6, callFrame: { functionName: "(garbage collector)", url: "", lineNumber: -1 } },
      { id: 7, callFrame: { functionName: "(idle)", url: "", lineNumber: -1 } },
    ],
    // 1 ms each: runCycle 1, parse 3, compile 2, GC 1, idle 3
    samples: [2, 3, 3, 3, 5, 5, 6, 7, 7, 7],
    timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
  };
  const summary = summarizeProfile(profile);

  it("adds self time per component, builtins counting for their caller", () => {
    const ms = Object.fromEntries(summary.components.map((c) => [c.name, c.ms]));
    expect(ms).toEqual({ "coordinator/cycles": 4, kysely: 2, "(garbage collector)": 1, "(idle)": 3 });
    expect(summary.totalMs).toBe(10);
    expect(summary.idlePercent).toBe(30);
    expect(summary.components[0]).toEqual({ name: "coordinator/cycles", ms: 4, percent: 40 });
  });

  it("splits library time by the workspace code above it", () => {
    expect(summary.libraryOwners.find((share) => share.name === "kysely <- hr-sim/store")?.ms).toBe(2);
  });

  it("lists the hottest functions without idle time, and formats them", () => {
    expect(summary.functions[0]?.name).toMatch(/^parse .*\[coordinator\/cycles\]$/);
    expect(summary.functions.some((share) => share.name.startsWith("(idle)"))).toBe(false);
    const text = formatProfileSummary("P1", summary);
    expect(text).toContain("P1: 0.0 s sampled, 30.0% idle");
    expect(text).toMatch(/40\.0%\s+4 ms {2}coordinator\/cycles/);
  });
});
