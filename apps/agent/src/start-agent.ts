/**
 * Starts an agent in this process: locks the state directory, opens the idempotency ledger,
 * creates one directory client per served domain and connects to the coordinator. Used by
 * `roster-agent run`, the integration tests and the benchmark.
 */
import { mkdir } from "node:fs/promises";
import { hostname } from "node:os";
import { createDirectoryClient } from "@roster/directory";
import type { Logger } from "pino";
import { parseAgentConfig, type AgentConfig, type AgentConfigInput, type DomainConfig } from "./config/agent-config.js";
import { AgentRuntime, type AgentExit } from "./connection/agent-runtime.js";
import { protocolHostname, readCaFile } from "./connection/coordinator-socket.js";
import { readCredentialFile, type AgentCredential } from "./credentials/credential-file.js";
import { JournalLedger, type LedgerOpenReport } from "./ledger/journal-ledger.js";
import { acquireStateDirLock } from "./ledger/state-dir-lock.js";
import { createLogger } from "./logging/create-logger.js";
import type { AgentDirectory } from "./operations/agent-directory.js";
import { OperationApplier } from "./operations/operation-applier.js";
import { OperationService } from "./operations/operation-service.js";
import { QueryService } from "./queries/query-service.js";

const DAY_MS = 86_400_000;

export interface StartAgentOptions {
  /** A validated config (loadAgentConfig) or the same shape as a plain object (validated here). */
  readonly config: AgentConfig | AgentConfigInput;
  /** The agent's identity; read from config.credentialFile when absent. */
  readonly credential?: Pick<AgentCredential, "agentId" | "credential">;
  readonly logger?: Logger;
  /** Replaces the LDAP directory client (tests). */
  readonly createDirectory?: (domain: DomainConfig) => AgentDirectory;
  /** Random source for reconnect jitter (tests). */
  readonly random?: () => number;
}

export interface RunningAgent {
  readonly agentId: string;
  readonly ledgerReport: LedgerOpenReport;
  /** Resolves when the agent stopped by itself (a fatal refusal) or after stop(). */
  readonly done: Promise<AgentExit>;
  /** True while a session is welcomed. */
  readonly connected: boolean;
  /** Connections opened so far. */
  readonly connections: number;
  /** Operations received and not answered yet. */
  readonly inFlight: number;
  /** Disconnects, lets running operations finish (up to shutdownTimeoutMs), and releases everything. */
  stop(): Promise<void>;
}

export async function startAgent(options: StartAgentOptions): Promise<RunningAgent> {
  // Parsing is idempotent, so an already-validated config passes through unchanged.
  const config = parseAgentConfig(options.config);
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const identity = options.credential ?? (await readCredentialFile(config.credentialFile));
  const ca = await readCaFile(config.coordinator.caFile);

  await mkdir(config.stateDir, { recursive: true, mode: 0o700 });
  const lock = await acquireStateDirLock(config.stateDir);
  const cleanups: Array<() => Promise<unknown>> = [() => lock.release()];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => logger.warn({ err: error }, "cleanup failed"));
  };
  try {
    const ledger = await JournalLedger.open({ directory: config.stateDir, retentionMs: config.ledger.retentionDays * DAY_MS });
    cleanups.push(() => ledger.close());
    const report = ledger.openReport;
    logger.info({ stateDir: config.stateDir, ...report }, "idempotency ledger opened");
    if (report.unreadableLines > 0) logger.warn({ unreadableLines: report.unreadableLines }, "ignored unreadable ledger lines (a torn last line after a crash is expected)");

    const directories = new Map<string, AgentDirectory>();
    const appliers = new Map<string, OperationApplier>();
    const createDirectory = options.createDirectory ?? ((domain: DomainConfig) => createDirectoryClient(domain.directory));
    for (const domain of config.domains) {
      const directory = createDirectory(domain);
      cleanups.push(() => directory.close());
      directories.set(domain.name.toLowerCase(), directory);
      appliers.set(domain.name.toLowerCase(), new OperationApplier(directory, config.reconcile.identityAttributes));
    }

    const operations = new OperationService({ ledger, appliers, concurrency: config.concurrency, logger });
    const queries = new QueryService({ directories, concurrency: config.queryConcurrency, logger });
    const runtime = new AgentRuntime({
      endpoint: {
        url: config.coordinator.url,
        ca,
        rejectUnauthorized: config.coordinator.rejectUnauthorized,
        handshakeTimeoutMs: config.coordinator.handshakeTimeoutMs,
      },
      agentId: identity.agentId,
      credential: identity.credential,
      hostname: protocolHostname(hostname()),
      domains: config.domains.map((domain) => domain.name),
      maxInFlight: config.maxInFlight,
      backoff: { ...config.reconnect, multiplier: 2 },
      operations,
      queries,
      logger,
      ...(options.random === undefined ? {} : { random: options.random }),
    });

    let stopped: Promise<void> | undefined;
    const finish = async () => {
      await runtime.stop();
      const drained = await waitAtMost(operations.drain(), config.shutdownTimeoutMs);
      if (!drained) logger.warn({ inFlight: operations.inFlight }, "stopping with operations still running; the ledger marks them started");
      await cleanUp();
      logger.info("agent stopped");
    };
    const stop = () => (stopped ??= finish());
    // A fatal refusal ends the loop by itself: release everything then too.
    void runtime.done.then((exit) => (exit.kind === "refused" ? stop() : undefined));

    return {
      agentId: identity.agentId,
      ledgerReport: report,
      done: runtime.done.then(async (exit) => {
        await stop();
        return exit;
      }),
      get connected() {
        return runtime.connected;
      },
      get connections() {
        return runtime.connections;
      },
      get inFlight() {
        return operations.inFlight;
      },
      stop,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

async function waitAtMost(work: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
