/**
 * The agent's record of operation results by idempotency key, so an operation
 * delivered again (after a reconnect, a crash, or a failover) is not applied twice.
 * The agent provides a durable implementation; this module defines the contract.
 */
import type { OperationResult } from "./operation-schemas.js";

export interface IdempotencyLedger {
  /** The result recorded for the key, or undefined if the key was never completed. */
  get(idempotencyKey: string): OperationResult | undefined | Promise<OperationResult | undefined>;
  /** Records the result of an operation; must be durable before the result is sent to the coordinator. */
  record(idempotencyKey: string, result: OperationResult): void | Promise<void>;
}

/**
 * What to answer when a key arrives that the ledger already holds: a success is
 * reported as alreadyApplied with the earlier anchor and DN; a permanent failure is
 * reported again. undefined means apply the operation (never seen, or the earlier
 * attempt failed transiently and a retry is the point of re-delivery).
 */
export function resultForRedelivery(recorded: OperationResult | undefined): OperationResult | undefined {
  if (recorded === undefined) return undefined;
  if (recorded.status === "failed") return recorded.retryable ? undefined : recorded;
  return recorded.status === "alreadyApplied" ? recorded : { ...recorded, status: "alreadyApplied" };
}
