import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OperationQueue } from "./operation-queue.js";
import type { PendingOperation } from "./pending-work.js";

const operation = (key: string): PendingOperation => ({
  request: { idempotencyKey: key, operation: { kind: "delete", anchor: `a-${key}` } },
  domain: "d",
  domainKey: "d",
  deliver: () => undefined,
  settled: false,
});
const keys = (operations: readonly PendingOperation[]) => operations.map((op) => op.request.idempotencyKey);

describe("OperationQueue", () => {
  it("hands out operations first in first out, skipping settled ones", () => {
    const queue = new OperationQueue();
    const ops = ["a", "b", "c", "d", "e"].map(operation);
    for (const op of ops) queue.push(op);
    ops[1]!.settled = true;
    expect(keys(queue.take(2))).toEqual(["a", "c"]);
    expect(keys(queue.take(10))).toEqual(["d", "e"]);
    expect(queue.size).toBe(0);
    expect(queue.take(1)).toEqual([]);
  });

  it("puts returned operations in front, in their order", () => {
    const queue = new OperationQueue();
    for (const key of ["a", "b", "c"]) queue.push(operation(key));
    const first = queue.take(2);
    queue.pushFront(first);
    expect(keys(queue.take(3))).toEqual(["a", "b", "c"]);
  });

  it("never loses or duplicates an operation (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ push: fc.nat(5) }),
            fc.record({ take: fc.nat(7) }),
            fc.record({ returnLast: fc.constant(true) }),
          ),
          { maxLength: 200 },
        ),
        (steps) => {
          const queue = new OperationQueue();
          let next = 0;
          const outstanding: string[] = [];
          const handedOut = new Map<string, PendingOperation>();
          let lastTaken: PendingOperation[] = [];
          for (const step of steps) {
            if ("push" in step) {
              for (let i = 0; i < step.push; i++) {
                const op = operation(String(next++));
                outstanding.push(op.request.idempotencyKey);
                queue.push(op);
              }
            } else if ("take" in step) {
              lastTaken = queue.take(step.take);
              expect(lastTaken.length).toBeLessThanOrEqual(step.take);
              for (const op of lastTaken) {
                expect(handedOut.has(op.request.idempotencyKey)).toBe(false);
                handedOut.set(op.request.idempotencyKey, op);
              }
            } else {
              queue.pushFront(lastTaken);
              for (const op of lastTaken) handedOut.delete(op.request.idempotencyKey);
              lastTaken = [];
            }
          }
          for (const op of queue.take(Number.MAX_SAFE_INTEGER)) handedOut.set(op.request.idempotencyKey, op);
          expect([...handedOut.keys()].sort()).toEqual([...outstanding].sort());
        },
      ),
    );
  });
});
