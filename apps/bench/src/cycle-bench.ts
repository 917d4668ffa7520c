/**
 * P1: the initial cycle of a Workday job through the coordinator and one agent into OpenLDAP
 * (hr-sim serves the workers), in workers/s; and, in the same run against the same server, the
 * raw ldapts add rate with the agent's concurrency, so the ratio shows what the pipeline costs.
 */
import type { LocalStack } from "@roster/demo";
import { benchAccount } from "./agent-throughput-entries.js";
import { accountDn, addAttributes, addOrganizationalUnit, countAccounts, openRawConnections, runPipelined } from "./agent-throughput-raw.js";
import { type CycleView, cycleSeconds, type RosterApi } from "./roster-api.js";

export interface InitialCycleResult {
  readonly workers: number;
  /** From POST /start to /status showing the cycle finished. */
  readonly seconds: number;
  /** Start to finish as the coordinator recorded them. */
  readonly cycleSeconds: number;
  readonly workersPerSecond: number;
  /**
   * CPU seconds this process used meanwhile (user + system). With the in-process stack that is
   * hr-sim, coordinator and agent together; unlike wall time it does not grow when other
   * programs share the machine.
   */
  readonly cpuSeconds: number;
  readonly counts: CycleView["counts"];
  /** A few failed workers' error messages (a run with failures is reported, not hidden). */
  readonly failures: readonly string[];
}

/** The distinct error messages of the job's first failed log records. */
export async function failureSample(api: RosterApi, jobId: string, cycleId?: string): Promise<string[]> {
  const page = await api.call<{ records: { errorCode: string | null; additionalDetails: string | null }[] }>(
    "GET",
    `/logs?jobId=${encodeURIComponent(jobId)}${cycleId === undefined ? "" : `&cycleId=${encodeURIComponent(cycleId)}`}&status=failure&limit=50`,
  );
  const messages = new Set<string>();
  for (const record of page.records) messages.add(`${record.errorCode ?? "?"}: ${record.additionalDetails ?? "no details"}`);
  return [...messages].slice(0, 5);
}

export async function runInitialCycle(
  api: RosterApi,
  jobId: string,
  workers: number,
  options: { readonly timeoutMs: number; readonly log: (line: string) => void },
): Promise<InitialCycleResult> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  await api.startJob(jobId);
  let lastReport = started;
  const cycle = await api.waitForCycle(jobId, null, {
    timeoutMs: options.timeoutMs,
    // /status counts the job's writebacks each time: poll gently so the bench costs little.
    pollMs: 1000,
    onProgress: (processed) => {
      const now = performance.now();
      if (now - lastReport < 10_000) return;
      lastReport = now;
      options.log(`initial cycle: ${processed.toLocaleString("en-US")} workers after ${((now - started) / 1000).toFixed(0)} s`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsSince(cpu);
  if (cycle.kind !== "initial") throw new Error(`expected the initial cycle, got a ${cycle.kind} one`);
  const failures = cycle.counts.failed > 0 ? await failureSample(api, jobId, cycle.cycleId) : [];
  return { workers, seconds, cycleSeconds: cycleSeconds(cycle), workersPerSecond: workers / seconds, cpuSeconds, counts: cycle.counts, failures };
}

export function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

export interface RawAddResult {
  readonly entries: number;
  readonly concurrency: number;
  readonly connections: number;
  readonly seconds: number;
  readonly addsPerSecond: number;
}

/**
 * `entries` plain ldapts adds into a fresh OU of the stack's server, `concurrency` in flight over
 * `connections` bound connections (the agent's settings), verified by a count afterwards.
 */
export async function runRawAdds(
  ldap: LocalStack["ldap"],
  options: { readonly entries: number; readonly concurrency: number; readonly connections: number },
): Promise<RawAddResult> {
  const raw = await openRawConnections(ldap.url, ldap.bindDn, ldap.password, options.connections);
  try {
    const first = raw.clients[0]!;
    const parentDn = await addOrganizationalUnit(first, `raw-${Date.now()}`, ldap.baseDn);
    const started = performance.now();
    await runPipelined(raw.clients, options.entries, options.concurrency, async (client, index) => {
      const account = benchAccount("r", index);
      await client.add(accountDn(account, parentDn), addAttributes(account));
    });
    const seconds = (performance.now() - started) / 1000;
    const added = await countAccounts(first, parentDn);
    if (added !== options.entries) throw new Error(`raw adds: ${added} entries found, ${options.entries} expected`);
    return { ...options, seconds, addsPerSecond: options.entries / seconds };
  } finally {
    await raw.close();
  }
}
