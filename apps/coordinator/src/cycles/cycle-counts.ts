/** A cycle's counters by outcome. */
import type { CycleCounts } from "../state/contracts.js";

export function emptyCounts(): CycleCounts {
  return {
    imported: 0,
    created: 0,
    updated: 0,
    enabled: 0,
    disabled: 0,
    moved: 0,
    skipped: 0,
    noChange: 0,
    failed: 0,
    escrowed: 0,
    staged: 0,
    writebacks: 0,
  };
}

export function addCounts(target: CycleCounts, more: Partial<CycleCounts>): void {
  for (const key of Object.keys(more) as (keyof CycleCounts)[]) target[key] += more[key] ?? 0;
}
