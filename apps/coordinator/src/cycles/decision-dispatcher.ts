/**
 * Sends the operations of many decisions to the domain's agents in as few batches as
 * possible, in two phases: first every decision's operations up to and including its create,
 * then the operations that follow a create (setReference with NEW_ENTRY_ANCHOR), with the
 * created entry's anchor substituted. Operations on existing entries address them by anchor,
 * so their order inside one decision does not matter to the agent.
 */
import { type DirectoryOperation, NEW_ENTRY_ANCHOR } from "@roster/engine";
import type { OperationRequest, OperationResult } from "@roster/protocol";
import type { AgentHub } from "../agents/agent-hub.js";
import { operationKey } from "./operation-keys.js";

export interface DispatchItem {
  readonly sourceAnchor: string;
  readonly operations: readonly DirectoryOperation[];
}

export interface OperationFailureInfo {
  readonly errorCode: string;
  readonly message: string;
  readonly retryable: boolean;
  readonly operation: DirectoryOperation["kind"];
}

export interface DispatchOutcome {
  /** Every operation succeeded (applied or already applied). */
  readonly ok: boolean;
  /** The anchor of the entry the decision created, when its create succeeded. */
  readonly createdAnchor: string | null;
  /** The entry's DN after the last successful operation that reported one. */
  readonly dn: string | null;
  /** Operations that succeeded before a failure (a partial success still needs its link). */
  readonly applied: number;
  readonly failure: OperationFailureInfo | null;
}

export interface DecisionDispatcherOptions {
  readonly hub: Pick<AgentHub, "dispatch">;
  readonly domain: string;
  readonly jobId: string;
  readonly cycleId: string;
  readonly timeoutMs?: number;
}

interface Tracking {
  createdAnchor: string | null;
  dn: string | null;
  applied: number;
  failure: OperationFailureInfo | null;
}

export class DecisionDispatcher {
  readonly #options: DecisionDispatcherOptions;

  constructor(options: DecisionDispatcherOptions) {
    this.#options = options;
  }

  /** One outcome per item, in the same order. Never rejects. */
  async dispatch(items: readonly DispatchItem[]): Promise<DispatchOutcome[]> {
    const tracking: Tracking[] = items.map(() => ({ createdAnchor: null, dn: null, applied: 0, failure: null }));
    const firstPhase: Planned[] = [];
    const secondPhase: { item: number; index: number; operation: DirectoryOperation }[] = [];
    items.forEach((item, itemIndex) => {
      const createAt = item.operations.findIndex((operation) => operation.kind === "create");
      item.operations.forEach((operation, index) => {
        if (createAt >= 0 && index > createAt) secondPhase.push({ item: itemIndex, index, operation });
        else firstPhase.push({ item: itemIndex, index, operation });
      });
    });

    await this.#send(items, firstPhase, tracking);

    const followUps: Planned[] = [];
    for (const planned of secondPhase) {
      const state = tracking[planned.item]!;
      // A failed create leaves nothing to reference; its failure is already recorded.
      if (state.failure !== null || state.createdAnchor === null) continue;
      followUps.push({ ...planned, operation: substituteNewAnchor(planned.operation, state.createdAnchor) });
    }
    await this.#send(items, followUps, tracking);

    return tracking.map((state, index) => ({
      ok: state.failure === null && state.applied === items[index]!.operations.length,
      createdAnchor: state.createdAnchor,
      dn: state.dn,
      applied: state.applied,
      failure:
        state.failure ??
        (state.applied === items[index]!.operations.length
          ? null
          : { errorCode: "InternalError", message: "Not every operation was sent.", retryable: true, operation: "update" }),
    }));
  }

  async #send(items: readonly DispatchItem[], planned: readonly Planned[], tracking: Tracking[]): Promise<void> {
    if (planned.length === 0) return;
    const { jobId, cycleId, domain, hub, timeoutMs } = this.#options;
    const requests: OperationRequest[] = new Array(planned.length);
    for (let i = 0; i < planned.length; i += 1) {
      const p = planned[i]!;
      requests[i] = {
        idempotencyKey: operationKey(jobId, cycleId, items[p.item]!.sourceAnchor, p.index, p.operation),
        operation: p.operation as OperationRequest["operation"],
      };
    }
    const results = await hub.dispatch(domain, requests, timeoutMs === undefined ? {} : { timeoutMs }).all;
    for (let i = 0; i < planned.length; i += 1) {
      const p = planned[i]!;
      const state = tracking[p.item]!;
      const result: OperationResult | undefined = results.get(requests[i]!.idempotencyKey);
      if (result === undefined) {
        state.failure ??= {
          errorCode: "InternalError",
          message: `No result for the ${p.operation.kind} operation.`,
          retryable: true,
          operation: p.operation.kind,
        };
        continue;
      }
      if (result.status === "failed") {
        state.failure ??= {
          errorCode: result.errorCode,
          message: result.message,
          retryable: result.retryable,
          operation: p.operation.kind,
        };
        continue;
      }
      state.applied += 1;
      if (p.operation.kind === "create" && result.anchor !== undefined) state.createdAnchor = result.anchor;
      if (result.dn !== undefined) state.dn = result.dn;
    }
  }
}

interface Planned {
  readonly item: number;
  readonly index: number;
  readonly operation: DirectoryOperation;
}

function substituteNewAnchor(operation: DirectoryOperation, anchor: string): DirectoryOperation {
  switch (operation.kind) {
    case "create":
      return operation;
    case "setReference":
      return {
        ...operation,
        anchor: operation.anchor === NEW_ENTRY_ANCHOR ? anchor : operation.anchor,
        targetAnchor: operation.targetAnchor === NEW_ENTRY_ANCHOR ? anchor : operation.targetAnchor,
      };
    default:
      return operation.anchor === NEW_ENTRY_ANCHOR ? { ...operation, anchor } : operation;
  }
}
