/**
 * kill -9 of the coordinator in the middle of an initial cycle of 2,000 workers, then `serve`
 * again on the same data directory: the job resumes, the agent reconnects, and at the end every
 * employeeID exists exactly once in the directory and every active worker has its account.
 */
import { createWorkdayClient } from "@roster/workday";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "./support/coordinator-api.js";
import { directoryFlavour } from "./support/e2e-directory.js";
import { withUniqueNames } from "./support/e2e-job.js";
import { type ProcessStack, STACK_CREDENTIALS, startProcessStack } from "./support/process-stack.js";

const WORKERS = 2_000;
/** Accounts that must exist before the kill, so the crash lands mid-cycle. */
const KILL_AFTER_ACCOUNTS = 150;

let stack: ProcessStack;

beforeAll(async () => {
  stack = await startProcessStack({ name: "coordinator-crash", workers: WORKERS, seed: 5 });
}, 240_000);

afterEach(async ({ task }) => {
  if (task.result?.state === "fail") await stack?.reportLogs();
});

afterAll(async () => {
  await stack?.close();
});

describe(`coordinator crash mid initial cycle (${directoryFlavour()})`, () => {
  it("resumes after SIGKILL and leaves every employeeID exactly once", async () => {
    const job = withUniqueNames(stack.workdayJob({ pageSize: 100, writeback: false, deletionThreshold: 100_000 }));
    const created = await stack.api.call<{ jobId: string }>("POST", "/jobs", job);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const jobId = created.body.jobId;
    await stack.api.ok("POST", `/jobs/${jobId}/start`);

    const atKill = await eventually(
      () => stack.directory.listAccounts(),
      (accounts) => accounts.length >= KILL_AFTER_ACCOUNTS,
      `${KILL_AFTER_ACCOUNTS} accounts existing`,
      120_000,
    );
    const running = await stack.api.status(jobId);
    await stack.killCoordinator();
    // The kill landed inside the initial cycle: it was running and far from done.
    expect(running.currentCycle?.kind).toBe("initial");
    expect(atKill.length).toBeLessThan(WORKERS / 2);

    await stack.restartCoordinator();
    const finished = await eventually(
      () => stack.api.status(jobId),
      (status) => status.currentCycle === null && status.lastCycle?.state === "completed",
      "a completed cycle after the restart",
      150_000,
    );
    expect(finished.runState).toBe("running");

    const accounts = await stack.directory.listAccounts();
    const seen = new Map<string, number>();
    for (const account of accounts) seen.set(account.employeeID, (seen.get(account.employeeID) ?? 0) + 1);
    const duplicated = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    expect(duplicated).toEqual([]);
    expect(accounts.length).toBeGreaterThan(atKill.length);

    // Every active worker has its account, except the ones whose own data the directory refuses.
    const failures = await stack.api.ok<{ records: { sourceIdentity: { id: string }; errorCode: string | null }[] }>(
      "GET",
      `/logs?jobId=${jobId}&status=failure&limit=1000`,
    );
    for (const record of failures.records) expect(record.errorCode).toBe("AttributeValueTooLong");
    const refused = new Set(failures.records.map((record) => record.sourceIdentity.id));
    const workday = createWorkdayClient({ endpoint: stack.workdayEndpoint, ...STACK_CREDENTIALS, mappedAttributes: ["WorkerID", "Active"] });
    const missing: string[] = [];
    let active = 0;
    for await (const item of workday.importAll()) {
      if (!item.ok || item.worker.attributes["Active"] !== "1" || refused.has(item.worker.workerId)) continue;
      active++;
      if (!seen.has(item.worker.workerId)) missing.push(item.worker.workerId);
    }
    expect(active).toBeGreaterThan(WORKERS / 2);
    expect(missing).toEqual([]);
  }, 300_000);
});
