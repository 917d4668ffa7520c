import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DirectoryOperation } from "@roster/engine";
import type { OperationRequest, OperationResult } from "@roster/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { JournalLedger, LEDGER_FILE_NAME } from "../ledger/journal-ledger.js";
import { silentLogger } from "../logging/create-logger.js";
import { FakeDirectory } from "../test-support/fake-directory.js";
import { OperationApplier } from "./operation-applier.js";
import { OperationService, type DurableLedger } from "./operation-service.js";

const USERS = "ou=Users,dc=example,dc=com";
let stateDir: string;
let ledger: JournalLedger;
let directory: FakeDirectory;

const createRequest = (i: number): OperationRequest => ({
  idempotencyKey: `create-${i}`,
  operation: { kind: "create", parentDn: USERS, cn: `Person ${i}`, attributes: { employeeID: String(i) }, accountDisabled: false },
});

function service(concurrency = 4, dir = directory, led: DurableLedger = ledger): OperationService {
  return new OperationService({
    ledger: led,
    appliers: new Map([["example.com", new OperationApplier(dir, ["employeeID"])]]),
    concurrency,
    logger: silentLogger(),
  });
}

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "roster-ops-"));
  ledger = await JournalLedger.open({ directory: stateDir, retentionMs: 86_400_000 });
  directory = new FakeDirectory();
});
afterEach(async () => {
  await ledger.close();
  await rm(stateDir, { recursive: true, force: true });
});

describe("OperationService", () => {
  it("answers a completed key from the ledger without touching the directory", async () => {
    const ops = service();
    const first = await ops.handle("example.com", createRequest(1));
    expect(first.status).toBe("applied");
    const executions = directory.executions;
    const again = await ops.handle("EXAMPLE.com", createRequest(1));
    expect(again).toEqual({ ...first, status: "alreadyApplied" });
    expect(directory.executions).toBe(executions);
  });

  it("records 'started' durably before the directory is touched, and the result before answering", async () => {
    const ops = service();
    let onDiskBeforeApply = "";
    directory.beforeExecute = async () => {
      onDiskBeforeApply = await readFile(join(stateDir, LEDGER_FILE_NAME), "utf8");
    };
    const result = await ops.handle("example.com", createRequest(1));
    expect(onDiskBeforeApply).toContain('{"k":"create-1"');
    expect(onDiskBeforeApply).toContain('"s":"started"');
    expect(onDiskBeforeApply).not.toContain('"r":');
    expect(await readFile(join(stateDir, LEDGER_FILE_NAME), "utf8")).toContain(JSON.stringify(result));
    expect(ledger.get("create-1")).toEqual(result);
  });

  it("runs a key re-delivered while its first attempt is running only once", async () => {
    const ops = service();
    let release: (() => void) | undefined;
    directory.beforeExecute = () => new Promise<void>((resolve) => (release = resolve));
    const first = ops.handle("example.com", createRequest(1));
    const second = ops.handle("example.com", createRequest(1));
    expect(ops.inFlight).toBe(1);
    await vi.waitFor(() => expect(release).toBeDefined());
    const third = ops.handle("example.com", createRequest(1));
    release!();
    expect(await third).toMatchObject({ status: "alreadyApplied" });
    const [a, b] = await Promise.all([first, second]);
    expect(a.status).toBe("applied");
    expect(b).toEqual({ ...a, status: "alreadyApplied" });
    expect(directory.executions).toBe(1);
  });

  it("after a crash between 'started' and the result, reconciles instead of creating twice", async () => {
    // Simulate the crash: the directory has the account, the ledger only the start mark.
    directory.seed(`CN=Person 1,${USERS}`, { cn: "Person 1", employeeID: "1" });
    await ledger.markStarted("create-1");
    const result = await service().handle("example.com", createRequest(1));
    expect(result).toMatchObject({ status: "alreadyApplied", anchor: directory.byDn(`CN=Person 1,${USERS}`)!.anchor });
    expect(directory.entries.size).toBe(1);
  });

  it("keeps at most `concurrency` directory calls running and serialises operations on one account", async () => {
    const ops = service(3);
    let running = 0;
    let peak = 0;
    const order: string[] = [];
    const held: Array<() => void> = [];
    directory.beforeExecute = async (op: DirectoryOperation) => {
      running += 1;
      peak = Math.max(peak, running);
      if (op.kind !== "create") order.push(op.kind);
      if (op.kind === "create") await new Promise<void>((resolve) => held.push(resolve));
      running -= 1;
    };
    const creating = Promise.all(Array.from({ length: 12 }, (_, i) => ops.handle("example.com", createRequest(i))));
    // Let the directory calls pile up, then release them in waves.
    for (let released = 0; released < 12; ) {
      await vi.waitFor(() => expect(held.length).toBeGreaterThan(0));
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(running).toBeLessThanOrEqual(3);
      const wave = held.splice(0);
      released += wave.length;
      for (const release of wave) release();
    }
    const created = await creating;
    expect(peak).toBe(3);
    const anchor = created[0]!.status === "applied" ? created[0]!.anchor! : "";
    const sequence = await Promise.all([
      ops.handle("example.com", { idempotencyKey: "d", operation: { kind: "disable", anchor } }),
      ops.handle("example.com", { idempotencyKey: "e", operation: { kind: "enable", anchor } }),
      ops.handle("example.com", { idempotencyKey: "m", operation: { kind: "move", anchor, newParentDn: "ou=Leavers,dc=example,dc=com" } }),
    ]);
    expect(order).toEqual(["disable", "enable", "move"]);
    expect(sequence.map((r) => r.status)).toEqual(["applied", "applied", "applied"]);
  });

  it("answers operations for a domain it does not serve with a retryable EndpointUnavailable", async () => {
    const result = await service().handle("other.example", createRequest(1));
    expect(result).toMatchObject({ status: "failed", errorCode: "EndpointUnavailable", retryable: true });
    expect(directory.executions).toBe(0);
  });

  it("turns an exception in the directory into a retryable failure, and retries that key next time", async () => {
    const ops = service();
    directory.beforeExecute = () => {
      throw new Error("socket hang up");
    };
    const failed = await ops.handle("example.com", createRequest(1));
    expect(failed).toMatchObject({ status: "failed", errorCode: "InternalError", retryable: true });
    directory.beforeExecute = undefined;
    expect(await ops.handle("example.com", createRequest(1))).toMatchObject({ status: "applied" });
  });

  it("holds no concurrency slot while the ledger makes a result durable", async () => {
    // With one slot, a second operation reaches the directory while the first one's record is still being written.
    const recordsHeld: Array<() => void> = [];
    const slowLedger: DurableLedger = {
      lookup: (key) => ledger.lookup(key),
      markStarted: (key) => ledger.markStarted(key),
      record: async (key, result) => {
        await new Promise<void>((resolve) => recordsHeld.push(resolve));
        await ledger.record(key, result);
      },
    };
    const ops = service(1, directory, slowLedger);
    const first = ops.handle("example.com", createRequest(1));
    const second = ops.handle("example.com", createRequest(2));
    await vi.waitFor(() => expect(directory.executions).toBe(2));
    expect(recordsHeld).toHaveLength(2);
    let settled = false;
    void Promise.all([first, second]).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false); // no answer before the record is durable
    for (const release of recordsHeld) release();
    expect((await Promise.all([first, second])).map((r) => r.status)).toEqual(["applied", "applied"]);
  });

  it("answers each of many concurrent operations only once its result line is on disk (group commit)", async () => {
    const ops = service(8);
    const count = 120;
    const missing: string[] = [];
    const answered = Array.from({ length: count }, (_, i) =>
      ops.handle("example.com", createRequest(i)).then((result: OperationResult) => {
        // Read synchronously at the moment of the answer: nothing else can write in between.
        if (!readFileSync(join(stateDir, LEDGER_FILE_NAME), "utf8").includes(`"r":${JSON.stringify(result)}`)) missing.push(result.idempotencyKey);
        return result;
      }),
    );
    const results = await Promise.all(answered);
    expect(results.every((r) => r.status === "applied")).toBe(true);
    expect(missing).toEqual([]);
  });

  it("marks only creates as started: other operations converge when applied again", async () => {
    const ops = service();
    const anchor = directory.seed(`CN=Ada,${USERS}`, { cn: "Ada", title: "Old" });
    const result = await ops.handle("example.com", { idempotencyKey: "upd-1", operation: { kind: "update", anchor, changes: { title: "New" } } });
    expect(result).toMatchObject({ status: "applied", anchor });
    const journal = await readFile(join(stateDir, LEDGER_FILE_NAME), "utf8");
    expect(journal.split("\n").filter((line) => line.includes('"k":"upd-1"'))).toEqual([expect.stringContaining(`"r":${JSON.stringify(result)}`)]);
    await ops.handle("example.com", createRequest(9));
    expect(await readFile(join(stateDir, LEDGER_FILE_NAME), "utf8")).toMatch(/\{"k":"create-9","t":\d+,"s":"started"\}/);
  });

  it("does not apply when the start mark cannot be written", async () => {
    await ledger.close();
    const result = await service().handle("example.com", createRequest(1));
    expect(result).toMatchObject({ status: "failed", retryable: true });
    expect(directory.executions).toBe(0);
    ledger = await JournalLedger.open({ directory: stateDir, retentionMs: 86_400_000 });
  });
});
