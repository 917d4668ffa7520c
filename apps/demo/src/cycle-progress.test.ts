import { describe, expect, it } from "vitest";
import { createCycleProgress, cycleTotal, formatProgressLine, formatRunningCounts } from "./cycle-progress.js";
import { cycleRecord } from "./test-fixtures.js";

function captured(isTTY: boolean) {
  const chunks: string[] = [];
  return { stream: { isTTY, columns: 200, write: (text: string) => chunks.push(text) }, text: () => chunks.join("") };
}

describe("cycle progress", () => {
  it("totals by what was imported, or processed when a cycle processed more", () => {
    expect(cycleTotal(cycleRecord({ processed: 10, counts: { imported: 100 } }))).toBe(100);
    expect(cycleTotal(cycleRecord({ processed: 120, counts: { imported: 100 } }))).toBe(120);
  });

  it("names only the non-zero counts", () => {
    expect(formatRunningCounts(cycleRecord())).toBe("nothing yet");
    expect(formatRunningCounts(cycleRecord({ counts: { created: 1200, failed: 2 } }))).toBe("created 1,200, failed 2");
  });

  it("formats a plain line with the percentage", () => {
    expect(formatProgressLine("Initial cycle", cycleRecord({ processed: 250, counts: { imported: 1000, created: 250 } }))).toBe(
      "Initial cycle: 250 of 1,000 workers (25%) - created 250\n",
    );
  });

  it("prints a plain line at each tenth only, and the final state once, without control characters", () => {
    const out = captured(false);
    const progress = createCycleProgress(out.stream, "Initial cycle");
    for (const processed of [0, 10, 50, 99, 100, 150, 500, 1000]) {
      progress.update(cycleRecord({ state: "running", processed, counts: { imported: 1000, created: processed } }));
    }
    progress.stop(cycleRecord({ processed: 1000, counts: { imported: 1000, created: 1000 } }));
    const lines = out.text().trimEnd().split("\n");
    expect(lines.map((line) => /\((\d+)%\)/.exec(line)?.[1])).toEqual(["0", "10", "50", "100"]);
    expect(out.text()).not.toContain("\u001b");
  });

  it("draws a bar on a terminal and leaves the final state on screen", () => {
    const out = captured(true);
    const progress = createCycleProgress(out.stream, "Initial cycle");
    progress.update(cycleRecord({ state: "running", processed: 0, counts: { imported: 0 } }));
    progress.stop(cycleRecord({ processed: 1000, counts: { imported: 1000, created: 990, failed: 10 } }));
    expect(out.text()).toContain("Initial cycle [");
    expect(out.text()).toContain("100% | 1,000/1,000 workers | created 990, failed 10");
  });

  it("stops a bar that never started without writing", () => {
    const out = captured(true);
    createCycleProgress(out.stream, "Initial cycle").stop();
    expect(out.text()).toBe("");
  });
});
