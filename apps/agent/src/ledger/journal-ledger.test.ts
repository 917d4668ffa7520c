import { readFileSync } from "node:fs";
import { appendFile, mkdtemp, open, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OperationResult } from "@roster/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { JournalLedger, LEDGER_FILE_NAME } from "./journal-ledger.js";
import { acquireStateDirLock, LOCK_FILE_NAME } from "./state-dir-lock.js";

const DAY = 86_400_000;
let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "roster-ledger-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const applied = (key: string, anchor = `anchor-${key}`): OperationResult => ({
  idempotencyKey: key,
  status: "applied",
  anchor,
  dn: `CN=${key},OU=Users,DC=example,DC=com`,
});

async function openLedger(now = () => 1_000 * DAY, extra: Partial<Parameters<typeof JournalLedger.open>[0]> = {}) {
  return JournalLedger.open({ directory, retentionMs: 7 * DAY, now, ...extra });
}

describe("JournalLedger", () => {
  it("keeps started marks and results across a reopen", async () => {
    const ledger = await openLedger();
    await ledger.markStarted("k1");
    await ledger.record("k1", applied("k1"));
    await ledger.markStarted("k2");
    await ledger.close();

    const reopened = await openLedger();
    expect(reopened.get("k1")).toEqual(applied("k1"));
    expect(reopened.lookup("k2")).toEqual({ at: 1_000 * DAY });
    expect(reopened.lookup("k3")).toBeUndefined();
    expect(reopened.openReport).toMatchObject({ entries: 2, startedWithoutResult: 1, unreadableLines: 0 });
    await reopened.close();
  });

  it("recovers from a torn last line: earlier records survive, the torn one is dropped, and new appends are readable", async () => {
    const ledger = await openLedger();
    await ledger.record("k1", applied("k1"));
    await ledger.markStarted("k2");
    await ledger.close();
    // A crash in the middle of a write leaves half a line without its newline.
    await appendFile(join(directory, LEDGER_FILE_NAME), '{"k":"k2","t":86400000000,"r":{"idempotencyKey":"k2","sta');

    const recovered = await openLedger();
    expect(recovered.openReport.unreadableLines).toBe(1);
    expect(recovered.get("k1")).toEqual(applied("k1"));
    expect(recovered.lookup("k2")?.result).toBeUndefined();
    expect(recovered.lookup("k2")).toBeDefined();
    await recovered.record("k2", applied("k2"));
    await recovered.close();

    const text = await readFile(join(directory, LEDGER_FILE_NAME), "utf8");
    for (const line of text.trimEnd().split("\n")) expect(() => JSON.parse(line)).not.toThrow();
    const again = await openLedger();
    expect(again.get("k2")).toEqual(applied("k2"));
    expect(again.openReport.unreadableLines).toBe(0);
    await again.close();
  });

  it("ignores damaged lines and results whose key does not match the line", async () => {
    const path = join(directory, LEDGER_FILE_NAME);
    const good = JSON.stringify({ k: "k1", t: 1_000 * DAY, r: applied("k1") });
    const wrongKey = JSON.stringify({ k: "k2", t: 1_000 * DAY, r: applied("other") });
    const badStatus = JSON.stringify({ k: "k3", t: 1_000 * DAY, r: { idempotencyKey: "k3", status: "maybe" } });
    await writeFile(path, `${good}\nnot json\n${wrongKey}\n${badStatus}\n[1,2]\n`);
    const ledger = await openLedger();
    expect(ledger.size).toBe(1);
    expect(ledger.openReport.unreadableLines).toBe(4);
    await ledger.close();
  });

  it("compacts on open: one line per key, expired keys dropped", async () => {
    let now = 1_000 * DAY;
    const ledger = await openLedger(() => now);
    await ledger.markStarted("old");
    await ledger.record("old", applied("old"));
    now += 6 * DAY;
    for (let i = 0; i < 20; i++) {
      await ledger.markStarted(`k${i}`);
      await ledger.record(`k${i}`, applied(`k${i}`));
    }
    await ledger.close();
    expect((await readFile(join(directory, LEDGER_FILE_NAME), "utf8")).trimEnd().split("\n")).toHaveLength(42);

    now += 2 * DAY; // "old" is now 8 days old, past the 7-day retention
    const compacted = await openLedger(() => now);
    expect(compacted.openReport).toMatchObject({ entries: 20, expired: 1 });
    expect(compacted.get("old")).toBeUndefined();
    expect(compacted.get("k7")).toEqual(applied("k7"));
    await compacted.close();
    expect((await readFile(join(directory, LEDGER_FILE_NAME), "utf8")).trimEnd().split("\n")).toHaveLength(20);
    expect((await stat(join(directory, LEDGER_FILE_NAME))).mode & 0o777).toBe(0o600);
  });

  it("a later start after a retryable failure counts as started again", async () => {
    const ledger = await openLedger();
    await ledger.markStarted("k1");
    await ledger.record("k1", { idempotencyKey: "k1", status: "failed", errorCode: "Timeout", message: "slow", retryable: true });
    await ledger.markStarted("k1");
    await ledger.close();
    const reopened = await openLedger();
    expect(reopened.lookup("k1")).toEqual({ at: 1_000 * DAY });
    await reopened.close();
  });

  it("group-commits concurrent appends and resolves each only once its line is durable", async () => {
    const ledger = await openLedger();
    await Promise.all(Array.from({ length: 300 }, (_, i) => ledger.record(`k${i}`, applied(`k${i}`))));
    for (let i = 0; i < 300; i++) expect(ledger.get(`k${i}`)?.status).toBe("applied");
    await ledger.close();
    const reopened = await openLedger();
    expect(reopened.size).toBe(300);
    await reopened.close();
  });

  it("writes the lines appended in one turn with one write, and each is on disk when its promise resolves", async () => {
    const ledger = await openLedger();
    const probe = await open(join(directory, "probe"), "w");
    const fileHandlePrototype = Object.getPrototypeOf(probe) as { write: (...args: unknown[]) => unknown };
    await probe.close();
    const writes = vi.spyOn(fileHandlePrototype, "write");
    try {
      const notOnDisk: string[] = [];
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          ledger.record(`k${i}`, applied(`k${i}`)).then(() => {
            if (!readFileSync(join(directory, LEDGER_FILE_NAME), "utf8").includes(`{"idempotencyKey":"k${i}"`)) notOnDisk.push(`k${i}`);
          }),
        ),
      );
      expect(notOnDisk).toEqual([]);
      expect(writes).toHaveBeenCalledTimes(1);
    } finally {
      writes.mockRestore();
      await ledger.close();
    }
  });

  it("compacts online once the journal has grown past the live state", async () => {
    const ledger = await openLedger(undefined, { compactAfterExtraLines: 10 });
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 3; i++) await ledger.markStarted(`k${i}`);
      for (let i = 0; i < 3; i++) await ledger.record(`k${i}`, applied(`k${i}`));
    }
    await ledger.close();
    const lines = (await readFile(join(directory, LEDGER_FILE_NAME), "utf8")).trimEnd().split("\n");
    expect(lines.length).toBeLessThan(20);
    const reopened = await openLedger();
    expect(reopened.get("k2")).toEqual(applied("k2"));
    await reopened.close();
  });

  it("refuses appends after close", async () => {
    const ledger = await openLedger();
    await ledger.close();
    await expect(ledger.markStarted("k1")).rejects.toThrow(/closed/);
  });
});

describe("acquireStateDirLock", () => {
  it("refuses a second lock while the first is held, and takes over a stale one", async () => {
    const lock = await acquireStateDirLock(directory);
    await expect(acquireStateDirLock(directory)).rejects.toThrow(/already in use/);
    await lock.release();

    // A lock left by a process that no longer exists (pid far above pid_max).
    await writeFile(join(directory, LOCK_FILE_NAME), "2147483600\n");
    const taken = await acquireStateDirLock(directory);
    expect((await readFile(join(directory, LOCK_FILE_NAME), "utf8")).trim()).toBe(String(process.pid));
    await taken.release();
  });

  it("refuses a lock held by another running process", async () => {
    await writeFile(join(directory, LOCK_FILE_NAME), "1\n"); // pid 1 always runs
    await expect(acquireStateDirLock(directory)).rejects.toThrow(/in use by another roster-agent \(pid 1\)/);
  });
});
