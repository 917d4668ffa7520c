import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resultForRedelivery, type IdempotencyLedger } from "./idempotency-ledger.js";
import type { OperationResult } from "./operation-schemas.js";
import { operationResultArbitrary } from "./test-support/message-arbitraries.js";

describe("resultForRedelivery", () => {
  it("applies an operation the ledger has never seen", () => {
    expect(resultForRedelivery(undefined)).toBeUndefined();
  });

  it("reports an earlier success as alreadyApplied with the earlier anchor and DN", () => {
    const applied: OperationResult = { idempotencyKey: "k1", status: "applied", anchor: "guid-1", dn: "CN=Ada,DC=x" };
    expect(resultForRedelivery(applied)).toEqual({
      idempotencyKey: "k1",
      status: "alreadyApplied",
      anchor: "guid-1",
      dn: "CN=Ada,DC=x",
    });
  });

  it("reports an earlier permanent failure again, and retries a transient one", () => {
    const permanent: OperationResult = {
      idempotencyKey: "k2",
      status: "failed",
      errorCode: "NoSuchParent",
      message: "no OU",
      retryable: false,
      ldapCode: 32,
    };
    const transient: OperationResult = {
      idempotencyKey: "k3",
      status: "failed",
      errorCode: "Timeout",
      message: "slow DC",
      retryable: true,
    };
    expect(resultForRedelivery(permanent)).toBe(permanent);
    expect(resultForRedelivery(transient)).toBeUndefined();
  });

  it("never answers 'applied' and never changes the key, anchor or DN", () => {
    fc.assert(
      fc.property(operationResultArbitrary, (recorded) => {
        const answer = resultForRedelivery(recorded);
        if (answer === undefined) {
          expect(recorded).toMatchObject({ status: "failed", retryable: true });
          return;
        }
        expect(answer.status).not.toBe("applied");
        expect({ ...answer, status: recorded.status }).toEqual(recorded);
      }),
    );
  });

  it("lets a ledger serve a re-delivered operation without applying it twice", async () => {
    const records = new Map<string, OperationResult>();
    const ledger: IdempotencyLedger = {
      get: (key) => records.get(key),
      record: (key, result) => void records.set(key, result),
    };
    let applied = 0;
    const handle = async (idempotencyKey: string): Promise<OperationResult> => {
      const earlier = resultForRedelivery(await ledger.get(idempotencyKey));
      if (earlier !== undefined) return earlier;
      applied += 1;
      const result: OperationResult = { idempotencyKey, status: "applied", anchor: "guid-9", dn: "CN=Bo,DC=x" };
      await ledger.record(idempotencyKey, result);
      return result;
    };
    expect(await handle("k9")).toMatchObject({ status: "applied" });
    expect(await handle("k9")).toMatchObject({ status: "alreadyApplied", anchor: "guid-9" });
    expect(applied).toBe(1);
  });
});
