/**
 * Directory-write benchmark: a private OpenLDAP; first the raw ldapts add and modify rates (alone,
 * and with the reads the agent's directory client adds); then the same writes pushed through the
 * coordinator protocol (fake coordinator on loopback) to an in-process agent, end to end. Results
 * and counts are verified at the end, so a broken run reports no numbers.
 */
import { rm } from "node:fs/promises";
import { silentLogger, startAgent, type RunningAgent } from "@roster/agent";
import { FakeCoordinator, testAgentConfig, TEST_DOMAIN } from "@roster/agent/test-support";
import { startOpenLdap, type OpenLdapServer } from "@roster/directory/test-support";
import { PROTOCOL_LIMITS, type OperationRequest, type OperationResult } from "@roster/protocol";
import type { Client } from "ldapts";
import { benchAccount, createRequest, updateRequest } from "./agent-throughput-entries.js";
import {
  accountDn,
  addAttributes,
  addOrganizationalUnit,
  countAccounts,
  lookupByAnchor,
  openRawConnections,
  readBackAnchor,
  runPipelined,
  updateChanges,
  updatedFilter,
} from "./agent-throughput-raw.js";
import {
  throughputPass,
  writePhase,
  type AgentThroughputResult,
  type ThroughputPass,
} from "./agent-throughput-report.js";

export {
  formatAgentThroughput,
  type AgentThroughputResult,
  type ThroughputPass,
  type WritePhase,
} from "./agent-throughput-report.js";

export interface AgentThroughputOptions {
  /** Accounts created (and then updated) on each side. Default 10,000. */
  readonly entries?: number;
  /** Operations in flight at once, raw and in the agent. Default 16. */
  readonly concurrency?: number;
  /** LDAP connections, raw and in the agent's pool. Default 4 (the agent's default pool size). */
  readonly connections?: number;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

const RSS_SAMPLE_MS = 100;

export async function runAgentThroughputBench(options: AgentThroughputOptions = {}): Promise<AgentThroughputResult> {
  const entries = options.entries ?? 10_000;
  const concurrency = options.concurrency ?? 16;
  const connections = Math.min(options.connections ?? 4, concurrency);
  const log = options.log ?? (() => undefined);
  for (const [name, value] of [
    ["entries", entries],
    ["concurrency", concurrency],
    ["connections", connections],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1)
      throw new RangeError(`runAgentThroughputBench: ${name} must be a positive integer, got ${value}`);
  }
  // Enough credits that the agent always has queued work while its operations run.
  const credits = Math.min(Math.max(64, concurrency * 4), PROTOCOL_LIMITS.maxCredits);

  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    const server = await startOpenLdap();
    cleanups.push(() => server.stop());
    const raw = await openRawConnections(server.url, server.bindDn, server.password, connections);
    cleanups.push(() => raw.close());
    const admin = raw.clients[0]!;
    const ous = {
      raw: await addOrganizationalUnit(admin, "BenchRaw", server.baseDn),
      rawWithReads: await addOrganizationalUnit(admin, "BenchRawReads", server.baseDn),
      agent: await addOrganizationalUnit(admin, "BenchAgent", server.baseDn),
    };
    const pipelined = (task: (client: Client, index: number) => Promise<unknown>) =>
      runPipelined(raw.clients, entries, concurrency, task);

    log(`raw ldapts: ${entries} adds, ${concurrency} in flight over ${connections} connections`);
    const rawAccounts = Array.from({ length: entries }, (_, i) => benchAccount("r", i));
    const rawCreates = await measure(entries, () =>
      pipelined((client, i) => client.add(accountDn(rawAccounts[i]!, ous.raw), addAttributes(rawAccounts[i]!))),
    );
    log(`raw ldapts: ${entries} modifies`);
    const rawUpdates = await measure(entries, () =>
      pipelined((client, i) => client.modify(accountDn(rawAccounts[i]!, ous.raw), updateChanges())),
    );

    log(`raw ldapts with the client's reads: ${entries} adds + read-backs`);
    const readAccounts = Array.from({ length: entries }, (_, i) => benchAccount("s", i));
    const readAnchors: string[] = new Array<string>(entries);
    const readCreates = await measure(entries, () =>
      pipelined(async (client, i) => {
        const dn = accountDn(readAccounts[i]!, ous.rawWithReads);
        await client.add(dn, addAttributes(readAccounts[i]!));
        readAnchors[i] = await readBackAnchor(client, dn);
      }),
    );
    log(`raw ldapts with the client's reads: ${entries} lookups by entryUUID + modifies`);
    const readUpdates = await measure(entries, () =>
      pipelined(async (client, i) =>
        client.modify(await lookupByAnchor(client, server.baseDn, readAnchors[i]!), updateChanges()),
      ),
    );

    const coordinator = await FakeCoordinator.start({
      maxInFlight: credits,
      maxOperationsPerBatch: PROTOCOL_LIMITS.maxOperationsPerBatch,
    });
    cleanups.push(() => coordinator.stop());
    const rssBeforeAgent = process.memoryUsage.rss();
    const agent = await startBenchAgent(coordinator, server, { concurrency, connections, credits }, cleanups);
    let peakRss = process.memoryUsage.rss();
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), RSS_SAMPLE_MS);
    sampler.unref();
    cleanups.push(async () => clearInterval(sampler));

    log(`agent: ${entries} creates through the protocol`);
    const agentAccounts = Array.from({ length: entries }, (_, i) => benchAccount("a", i));
    const creates = await throughAgent(
      coordinator,
      credits,
      agentAccounts.map((account, i) => createRequest(`bench-create-${i}`, ous.agent, account)),
    );
    const anchors = creates.results.map((result) => appliedAnchor(result, "create"));
    log(`agent: ${entries} updates through the protocol`);
    const updates = await throughAgent(
      coordinator,
      credits,
      anchors.map((anchor, i) => updateRequest(`bench-update-${i}`, anchor)),
    );
    for (const result of updates.results) appliedAnchor(result, "update");
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    if (agent.inFlight !== 0)
      throw new Error(`agent bench: ${agent.inFlight} operations still in flight after every result arrived`);
    if (coordinator.invalid.length > 0)
      throw new Error(
        `agent bench: the agent sent ${coordinator.invalid.length} invalid messages, first: ${coordinator.invalid[0]}`,
      );

    const verified = await verifyCounts(admin, entries, ous);
    return {
      entries,
      concurrency,
      connections,
      credits,
      creates: writePhase(rawCreates, readCreates, creates.pass, creates.batches),
      updates: writePhase(rawUpdates, readUpdates, updates.pass, updates.batches),
      rssBeforeAgentBytes: rssBeforeAgent,
      agentPeakRssBytes: peakRss,
      verified,
    };
  } finally {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
  }
}

async function startBenchAgent(
  coordinator: FakeCoordinator,
  server: OpenLdapServer,
  sizes: { concurrency: number; connections: number; credits: number },
  cleanups: Array<() => Promise<unknown>>,
): Promise<RunningAgent> {
  const base = await testAgentConfig(coordinator.url, server);
  cleanups.push(() => rm(base.stateDir, { recursive: true, force: true }));
  const config = {
    ...base,
    concurrency: sizes.concurrency,
    maxInFlight: sizes.credits,
    domains: [
      {
        name: TEST_DOMAIN,
        directory: {
          url: server.url,
          bindDn: server.bindDn,
          password: server.password,
          baseDn: server.baseDn,
          dialect: "openldap" as const,
          // The same spread as the raw passes: concurrency / connections requests per connection.
          pool: { size: sizes.connections, maxInFlightPerConnection: Math.ceil(sizes.concurrency / sizes.connections) },
        },
      },
    ],
  };
  const agent = await startAgent({
    config,
    credential: coordinator.issueCredential("agent-bench"),
    logger: silentLogger(),
  });
  cleanups.push(() => agent.stop());
  return agent;
}

/** Sends every request as credits allow; times first batch sent → last result received. */
async function throughAgent(
  coordinator: FakeCoordinator,
  credits: number,
  requests: readonly OperationRequest[],
): Promise<{ pass: ThroughputPass; results: OperationResult[]; batches: number }> {
  // Start from a settled session: welcomed, and every credit back from the previous pass.
  await coordinator.until(
    () => coordinator.connected && coordinator.credits === credits,
    20_000,
    "the agent's full credits",
  );
  const keys = requests.map((request) => request.idempotencyKey);
  let batchIds: string[] = [];
  let byKey = new Map<string, OperationResult>();
  const measured = await measure(requests.length, async () => {
    const sending = coordinator.sendOperations(TEST_DOMAIN, requests, PROTOCOL_LIMITS.maxOperationsPerBatch);
    // Slower than 200 operations/s is broken, not slow.
    byKey = await coordinator.resultsFor(keys, 20_000 + requests.length * 5);
    batchIds = await sending;
  });
  return { pass: measured, results: keys.map((key) => byKey.get(key)!), batches: batchIds.length };
}

function appliedAnchor(result: OperationResult, kind: string): string {
  if (result.status !== "applied" || result.anchor === undefined) {
    throw new Error(`agent bench: ${kind} ${result.idempotencyKey} was not applied: ${JSON.stringify(result)}`);
  }
  return result.anchor;
}

async function verifyCounts(
  client: Client,
  entries: number,
  ous: { readonly raw: string; readonly rawWithReads: string; readonly agent: string },
): Promise<AgentThroughputResult["verified"]> {
  const counted = {
    rawAccounts: await countAccounts(client, ous.raw),
    rawWithReadsAccounts: await countAccounts(client, ous.rawWithReads),
    agentAccounts: await countAccounts(client, ous.agent),
    rawUpdated: await countAccounts(client, ous.raw, updatedFilter()),
    rawWithReadsUpdated: await countAccounts(client, ous.rawWithReads, updatedFilter()),
    agentUpdated: await countAccounts(client, ous.agent, updatedFilter()),
  };
  const wrong = Object.entries(counted).filter(([, n]) => n !== entries);
  if (wrong.length > 0) {
    throw new Error(
      `agent bench: expected ${entries} accounts in every count, found ${wrong.map(([name, n]) => `${name} ${n}`).join(", ")}`,
    );
  }
  return {
    rawAccounts: counted.rawAccounts,
    rawWithReadsAccounts: counted.rawWithReadsAccounts,
    agentAccounts: counted.agentAccounts,
  };
}

/** Wall time and this process's CPU time of `work`. */
async function measure(operations: number, work: () => Promise<void>): Promise<ThroughputPass> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return throughputPass(operations, seconds, used.user + used.system);
}
