import { describe, expect, it } from "vitest";
import { formatBenchTable } from "./bench-report.js";
import { runBench } from "./run-bench.js";
import { isChangedInRevision1 } from "./workday-worker-generator.js";

describe("runBench", () => {
  it("creates every worker, then finds them in sync, then updates the changed ones", { timeout: 60_000 }, async () => {
    const workers = 3_000;
    const seed = 7;
    const result = await runBench({ workers, seed });
    const phase = (name: string) => result.phases.find((p) => p.phase.startsWith(name));

    expect(phase("create")?.outcomes).toEqual({ Create: workers });
    expect(phase("no-change")?.outcomes).toEqual({ NoChange: workers });

    let expectedChanged = 0;
    for (let i = 0; i < workers; i++) if (isChangedInRevision1(seed, i)) expectedChanged++;
    const update = phase("update")?.outcomes ?? {};
    expect(update.NoChange).toBe(workers - expectedChanged);
    const changed = Object.entries(update).filter(([action]) => action !== "NoChange");
    expect(changed.every(([action]) => ["Update", "Move", "Disable", "Enable"].includes(action))).toBe(true);
    expect(changed.reduce((sum, [, n]) => sum + n, 0)).toBe(expectedChanged);

    for (const p of result.phases) {
      expect(p.workers).toBe(workers);
      expect(p.workersPerSecond).toBeGreaterThan(0);
    }
    const table = formatBenchTable(result);
    expect(table).toMatch(/phase\s+workers\s+seconds\s+workers\/s/);
    expect(table.split("\n")).toHaveLength(3 + result.phases.length);
  });
});
