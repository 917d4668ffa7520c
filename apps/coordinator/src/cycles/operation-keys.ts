/**
 * Idempotency keys of the operations a cycle sends. A key is derived from the job, the
 * cycle, the worker and the operation itself, so a resumed cycle (same cycle id, after the
 * coordinator died) re-sends the very same keys for the very same operations and the agent's
 * ledger answers "alreadyApplied" instead of applying them twice; a different operation
 * (the worker's data changed, or the entry now matches) gets a different key.
 */
import { createHash } from "node:crypto";
import type { DirectoryOperation } from "@roster/engine";

export function operationKey(
  jobId: string,
  cycleId: string,
  sourceAnchor: string,
  index: number,
  operation: DirectoryOperation,
): string {
  return createHash("sha256")
    .update(jobId)
    .update("\u0000")
    .update(cycleId)
    .update("\u0000")
    .update(sourceAnchor)
    .update("\u0000")
    .update(String(index))
    .update("\u0000")
    .update(JSON.stringify(operation))
    .digest("base64url")
    .slice(0, 32);
}
