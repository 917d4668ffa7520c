/** A cycle's counts by action, as status and watch lines show them. */
import type { CycleCounts } from "../api-client/api-types.js";
import { formatNonZero } from "./readable-values.js";

/** Non-zero counts in a fixed order ("created 3, updated 10, no change 4,210"); "none" when all are zero. */
export function formatCycleActions(counts: CycleCounts): string {
  return formatNonZero([
    ["created", counts.created],
    ["updated", counts.updated],
    ["enabled", counts.enabled],
    ["disabled", counts.disabled],
    ["moved", counts.moved],
    ["no change", counts.noChange],
    ["skipped", counts.skipped],
    ["failed", counts.failed],
    ["escrowed", counts.escrowed],
    ["staged", counts.staged],
    ["writebacks", counts.writebacks],
  ]);
}

/** The workers a cycle knows about so far: imported ones (a cycle may process a few more than it counted). */
export function cycleTotal(counts: CycleCounts, processed: number): number {
  return Math.max(counts.imported, processed);
}
