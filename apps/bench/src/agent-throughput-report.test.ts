import { describe, expect, it } from "vitest";
import {
  formatAgentThroughput,
  throughputPass,
  writePhase,
  type AgentThroughputResult,
} from "./agent-throughput-report.js";

function result(): AgentThroughputResult {
  const creates = writePhase(
    throughputPass(1000, 0.1, 70_000),
    throughputPass(1000, 0.2, 130_000),
    throughputPass(1000, 0.4, 400_000),
    37,
  );
  const updates = writePhase(
    throughputPass(1000, 0.05, 40_000),
    throughputPass(1000, 0.25, 100_000),
    throughputPass(1000, 0.5, 300_000),
    41,
  );
  return {
    entries: 1000,
    concurrency: 16,
    connections: 4,
    credits: 64,
    creates,
    updates,
    rssBeforeAgentBytes: 100 * 1024 * 1024,
    agentPeakRssBytes: 150 * 1024 * 1024,
    verified: { rawAccounts: 1000, rawWithReadsAccounts: 1000, agentAccounts: 1000 },
  };
}

describe("agent throughput report", () => {
  it("derives rates, CPU per operation and the agent's ratio to each baseline", () => {
    const { creates, updates } = result();
    expect(creates.raw.perSecond).toBeCloseTo(10_000);
    expect(creates.agent.perSecond).toBeCloseTo(2500);
    expect(creates.agent.cpuMicrosPerOperation).toBeCloseTo(400);
    expect(creates.ratio).toBeCloseTo(0.25);
    expect(creates.ratioWithReads).toBeCloseTo(0.5);
    expect(updates.ratio).toBeCloseTo(0.1);
    expect(updates.ratioWithReads).toBeCloseTo(0.5);
  });

  it("reports zero, not Infinity or NaN, for an empty or instant pass", () => {
    const empty = throughputPass(0, 0, 0);
    expect(empty).toEqual({ operations: 0, seconds: 0, perSecond: 0, cpuMicrosPerOperation: 0 });
    expect(writePhase(empty, empty, throughputPass(10, 1, 5), 1).ratio).toBe(0);
  });

  it("prints one row per path and write, the ratios and the RSS", () => {
    const lines = formatAgentThroughput(result()).split("\n");
    expect(lines[0]).toContain("1,000 entries, 16 in flight over 4 connections, 64 credits");
    expect(lines[1]).toMatch(/^write\s+path\s+entries\s+seconds\s+ops\/s\s+cpu µs\/op\s+agent\/this$/);
    expect(lines[2]).toMatch(/^create\s+raw ldapts\s+1,000\s+0\.10\s+10,000\s+70\s+25\.0%$/);
    expect(lines[3]).toMatch(/^create\s+raw \+ client reads\s+1,000\s+0\.20\s+5,000\s+130\s+50\.0%$/);
    expect(lines[4]).toMatch(/^create\s+agent \(37 batches\)\s+1,000\s+0\.40\s+2,500\s+400$/);
    expect(lines[5]).toMatch(/^update\s+raw ldapts\s+1,000\s+0\.05\s+20,000\s+40\s+10\.0%$/);
    expect(lines[7]).toMatch(/^update\s+agent \(41 batches\)/);
    expect(lines[8]).toBe("agent/raw: creates 25.0%, updates 10.0%");
    expect(lines[9]).toContain("100.0 MiB before the agent, 150.0 MiB peak");
    expect(lines).toHaveLength(10);
  });
});
