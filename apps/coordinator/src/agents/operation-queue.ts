/**
 * Operations of one domain waiting for an agent, first in first out. Operations settled
 * while waiting (a dispatch that timed out) are skipped when taken, not searched for.
 */
import type { PendingOperation } from "./pending-work.js";

/** Compact the backing array once this many taken slots lead it. */
const COMPACT_AFTER = 1024;

export class OperationQueue {
  private items: PendingOperation[] = [];
  private head = 0;

  /** Waiting operations, counting ones settled meanwhile (an upper bound). */
  get size(): number {
    return this.items.length - this.head;
  }

  push(operation: PendingOperation): void {
    this.items.push(operation);
  }

  /** Puts operations back at the front (they were sent to an agent that is gone), keeping their order. */
  pushFront(operations: readonly PendingOperation[]): void {
    if (operations.length === 0) return;
    this.items = [...operations, ...this.items.slice(this.head)];
    this.head = 0;
  }

  /** Up to `n` unsettled operations from the front. */
  take(n: number): PendingOperation[] {
    const taken: PendingOperation[] = [];
    while (taken.length < n && this.head < this.items.length) {
      const operation = this.items[this.head]!;
      this.head += 1;
      if (!operation.settled) taken.push(operation);
    }
    if (this.head >= COMPACT_AFTER || this.head === this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return taken;
  }
}
