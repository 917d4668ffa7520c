/**
 * Everything Roster needs on one machine, started in one process: a private OpenLDAP (with the
 * OUs of the Workday job template), hr-sim with generated workers, the coordinator (PGlite in
 * a data directory, or PostgreSQL by URL) with its REST API and agent endpoint, and one agent
 * registered with a one-time token. The demo, the end-to-end tests and the benchmarks start it.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { registerAgent, type RunningAgent, silentLogger, startAgent } from "@roster/agent";
import {
  AGENT_ENDPOINT_PATH,
  type CoordinatorServer,
  startCoordinatorServer,
  templateOus,
  workdayJobTemplate,
  type WorkdayJobTemplateOptions,
} from "@roster/coordinator";
import { type OpenLdapServer, startOpenLdap } from "@roster/directory/test-support";
import { createHrSimServer, type HrSimServer } from "@roster/hr-sim";
import type { Logger } from "pino";

export const STACK_DOMAIN = "roster.test";
export const STACK_BASE_DN = "dc=roster,dc=test";
export const STACK_TENANT = "acme";
export const STACK_CREDENTIALS = { username: "isu_roster@acme", password: "hr-sim-password" } as const;

export interface LocalStackOptions {
  /** Workers hr-sim generates (default 1,000). */
  readonly workers?: number;
  readonly seed?: number;
  /** Where PGlite keeps the coordinator's data (default: a fresh temporary directory). */
  readonly dataDir?: string;
  /** PostgreSQL for the coordinator instead of PGlite. */
  readonly databaseUrl?: string;
  /** hr-sim's own database (default: in memory). */
  readonly hrSimDatabaseUrl?: string;
  readonly logger?: Logger;
  /** Coordinator tuning (page size, pages in flight …). */
  readonly coordinator?: Parameters<typeof startCoordinatorServer>[0] extends infer O
    ? O extends { coordinator?: infer C }
      ? C
      : never
    : never;
  /** Agent concurrency (LDAP connections per domain). */
  readonly agentConcurrency?: number;
  /** Fixed coordinator port (default: any free one). */
  readonly port?: number;
}

export interface LocalStack {
  readonly ldap: OpenLdapServer;
  readonly hrSim: HrSimServer;
  readonly coordinator: CoordinatorServer;
  readonly agent: RunningAgent;
  /** An administrator token for the REST API. */
  readonly adminToken: string;
  /** The Workday endpoint of hr-sim. */
  readonly workdayEndpoint: string;
  /** A Workday job definition for this stack (the template with the stack's URLs and OUs). */
  jobDefinition(overrides?: Partial<WorkdayJobTemplateOptions>): ReturnType<typeof workdayJobTemplate>;
  close(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const [ldap, hrSim] = await Promise.all([
      startOpenLdap({ baseDn: STACK_BASE_DN, extraOus: templateOus(STACK_BASE_DN).slice(1) }),
      createHrSimServer({
        database: options.hrSimDatabaseUrl === undefined ? { memory: true } : { url: options.hrSimDatabaseUrl },
        credentials: STACK_CREDENTIALS,
        tenant: STACK_TENANT,
        workers: options.workers ?? 1_000,
        seed: options.seed ?? 1,
      }),
    ]);
    cleanups.push(() => ldap.stop(), () => hrSim.close());

    let dataDir = options.dataDir;
    if (options.databaseUrl === undefined && dataDir === undefined) {
      dataDir = await mkdtemp(join(tmpdir(), "roster-coordinator-"));
      const created = dataDir;
      cleanups.push(() => rm(created, { recursive: true, force: true }));
    } else if (dataDir !== undefined) {
      await mkdir(dataDir, { recursive: true });
    }
    const coordinator = await startCoordinatorServer({
      ...(options.databaseUrl === undefined ? { dataDir: dataDir! } : { databaseUrl: options.databaseUrl }),
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...(options.coordinator === undefined ? {} : { coordinator: options.coordinator }),
    });
    cleanups.push(() => coordinator.close());
    const adminToken = (await coordinator.coordinator.issueAdminToken("local-stack")).secret;

    const stateDir = await mkdtemp(join(tmpdir(), "roster-agent-"));
    cleanups.push(() => rm(stateDir, { recursive: true, force: true }));
    const agentUrl = `${coordinator.url.replace(/^http/, "ws")}${AGENT_ENDPOINT_PATH}`;
    const { token } = await coordinator.registry.issueRegistrationToken(STACK_DOMAIN);
    await registerAgent({
      endpoint: { url: agentUrl, rejectUnauthorized: true, handshakeTimeoutMs: 10_000 },
      token,
      credentialFile: join(stateDir, "credential.json"),
      hostname: "local-stack",
      logger: silentLogger(),
    });
    const agent = await startAgent({
      config: {
        coordinator: { url: agentUrl, handshakeTimeoutMs: 10_000 },
        stateDir,
        domains: [
          {
            name: STACK_DOMAIN,
            directory: { url: ldap.url, bindDn: ldap.bindDn, password: ldap.password, baseDn: ldap.baseDn, dialect: "openldap" },
          },
        ],
        concurrency: options.agentConcurrency ?? 8,
        logLevel: "silent",
      },
      logger: silentLogger(),
    });
    cleanups.push(() => agent.stop());

    const workdayEndpoint = `${hrSim.url}/ccx/service/${STACK_TENANT}/Human_Resources/v34.0`;
    return {
      ldap,
      hrSim,
      coordinator,
      agent,
      adminToken,
      workdayEndpoint,
      jobDefinition: (overrides = {}) =>
        workdayJobTemplate({
          name: "Workday to OpenLDAP (local stack)",
          endpoint: workdayEndpoint,
          username: STACK_CREDENTIALS.username,
          password: STACK_CREDENTIALS.password,
          domain: STACK_DOMAIN,
          baseDn: STACK_BASE_DN,
          upnDomain: "roster.test",
          pageSize: 100,
          ...overrides,
        }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
