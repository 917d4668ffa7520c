/**
 * The directory-write benchmark end to end with a small N: a private slapd, the raw passes, the
 * agent behind the fake coordinator. Checks the result holds together, not how fast it was.
 */
import { describe, expect, it } from "vitest";
import { formatAgentThroughput, runAgentThroughputBench, type ThroughputPass } from "./agent-throughput.js";

const ENTRIES = 200;

function expectConsistent(measured: ThroughputPass): void {
  expect(measured.operations).toBe(ENTRIES);
  expect(measured.seconds).toBeGreaterThan(0);
  expect(measured.perSecond).toBeCloseTo(ENTRIES / measured.seconds, 6);
  expect(measured.cpuMicrosPerOperation).toBeGreaterThan(0);
}

describe("runAgentThroughputBench", () => {
  it("creates and updates every entry on each path, verifies them, and reports consistent rates", {
    timeout: 60_000,
  }, async () => {
    const logged: string[] = [];
    const result = await runAgentThroughputBench({
      entries: ENTRIES,
      concurrency: 8,
      connections: 2,
      log: (line) => logged.push(line),
    });

    expect(result).toMatchObject({ entries: ENTRIES, concurrency: 8, connections: 2, credits: 64 });
    expect(result.verified).toEqual({ rawAccounts: ENTRIES, rawWithReadsAccounts: ENTRIES, agentAccounts: ENTRIES });
    for (const phase of [result.creates, result.updates]) {
      for (const measured of [phase.raw, phase.rawWithReads, phase.agent]) expectConsistent(measured);
      expect(phase.ratio).toBeCloseTo(phase.agent.perSecond / phase.raw.perSecond, 9);
      expect(phase.ratioWithReads).toBeCloseTo(phase.agent.perSecond / phase.rawWithReads.perSecond, 9);
      // Credits cap every batch: at least ENTRIES / credits batches, at most one per operation.
      expect(phase.batches).toBeGreaterThanOrEqual(Math.ceil(ENTRIES / result.credits));
      expect(phase.batches).toBeLessThanOrEqual(ENTRIES);
    }
    expect(result.rssBeforeAgentBytes).toBeGreaterThan(0);
    expect(result.agentPeakRssBytes).toBeGreaterThan(0);
    expect(logged.some((line) => line.startsWith("agent: 200 creates"))).toBe(true);
    expect(logged.filter((line) => line.startsWith("cleanup failed"))).toEqual([]);

    const table = formatAgentThroughput(result);
    expect(table).toContain(
      `agent/raw: creates ${(result.creates.ratio * 100).toFixed(1)}%, updates ${(result.updates.ratio * 100).toFixed(1)}%`,
    );
  });

  it("refuses sizes that are not positive integers before starting anything", async () => {
    await expect(runAgentThroughputBench({ entries: 0 })).rejects.toThrow(/entries must be a positive integer, got 0/);
    await expect(runAgentThroughputBench({ concurrency: 2.5 })).rejects.toThrow(
      /concurrency must be a positive integer/,
    );
  });
});
