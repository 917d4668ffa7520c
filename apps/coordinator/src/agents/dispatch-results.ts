/**
 * The results of one dispatch, as they arrive: iterable (each result once, in arrival
 * order, by any number of readers) and awaitable as a whole.
 */
import type { OperationResult } from "@roster/protocol";

export class DispatchResults implements AsyncIterable<OperationResult> {
  private readonly arrived: OperationResult[] = [];
  private readonly waiters = new Set<() => void>();
  private resolveAll!: (results: ReadonlyMap<string, OperationResult>) => void;
  /** Every result by idempotency key, once all operations have one. */
  readonly all: Promise<ReadonlyMap<string, OperationResult>>;

  constructor(readonly expected: number) {
    this.all = new Promise((resolve) => {
      this.resolveAll = resolve;
    });
    if (expected === 0) this.resolveAll(new Map());
  }

  get received(): number {
    return this.arrived.length;
  }

  get done(): boolean {
    return this.arrived.length >= this.expected;
  }

  add(result: OperationResult): void {
    this.arrived.push(result);
    if (this.done) this.resolveAll(new Map(this.arrived.map((entry) => [entry.idempotencyKey, entry])));
    for (const waiter of [...this.waiters]) waiter();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<OperationResult> {
    let cursor = 0;
    while (cursor < this.expected) {
      if (cursor < this.arrived.length) {
        yield this.arrived[cursor]!;
        cursor += 1;
        continue;
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          resolve();
        };
        this.waiters.add(wake);
      });
    }
  }
}
