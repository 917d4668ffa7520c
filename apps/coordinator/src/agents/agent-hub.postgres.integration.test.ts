/**
 * The hub with its store on a real PostgreSQL server (the PGlite file covers the protocol
 * corners): registration by token, two agents sharing a batch, one stopped mid-batch with
 * its work failing over, and revocation.
 */
import type { RunningAgent } from "@roster/agent";
import { createDirectoryClient, type DirectoryClient } from "@roster/directory";
import { startOpenLdap, type OpenLdapServer } from "@roster/directory/test-support";
import { type Database, openDatabase } from "@roster/store";
import { type PostgresServer, startPostgres } from "@roster/store/test-support";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { migrateCoordinatorStore } from "../store/coordinator-migrations.js";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import { AgentRegistry } from "./agent-registry.js";
import { expectExactlyOnce, hubTestKit, until } from "./test-support/hub-test-kit.js";

let ldap: OpenLdapServer;
let reader: DirectoryClient;
let postgres: PostgresServer;
let database: Database<CoordinatorDatabase>;
let registry: AgentRegistry;
const logger = pino({ level: "silent" });
const cleanups: Array<() => Promise<unknown>> = [];
const secretsSeen: string[] = [];
const { startHub, registeredAgent, create } = hubTestKit(() => ({ ldap, registry, logger, cleanups, secretsSeen }));

beforeAll(async () => {
  [ldap, postgres] = await Promise.all([startOpenLdap(), startPostgres()]);
  reader = createDirectoryClient({
    url: ldap.url,
    bindDn: ldap.bindDn,
    password: ldap.password,
    baseDn: ldap.baseDn,
    dialect: "openldap",
  });
  database = await openDatabase<CoordinatorDatabase>({ url: await postgres.createDatabase() });
  await migrateCoordinatorStore(database.db);
  registry = new AgentRegistry(database.db, { logger });
}, 120_000);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await reader?.close();
  await database?.close();
  await postgres?.stop();
  await ldap?.stop();
});

describe("agent hub on PostgreSQL", () => {
  it("registers two agents by token, shares a batch, fails over a stopped agent and revokes the other", async () => {
    const { hub, url } = await startHub();
    const agents: RunningAgent[] = await Promise.all([
      registeredAgent(url, "pg.test", { concurrency: 2 }),
      registeredAgent(url, "pg.test", { concurrency: 2 }),
    ]);
    const [first, second] = agents as [RunningAgent, RunningAgent];
    await until(() => hub.agentCount("pg.test") === 2, 15_000, "two sessions");
    expect((await registry.listAgents()).filter((record) => record.domain === "pg.test")).toHaveLength(2);

    const requests = Array.from({ length: 120 }, (_, i) => create("pg", i));
    const run = hub.dispatch("pg.test", requests, { timeoutMs: 90_000 });
    let stopping: Promise<void> | undefined;
    let openAtStop = 0;
    for await (const _result of run) {
      if (stopping === undefined && run.received >= 20) {
        openAtStop = hub.status().find((status) => status.agentId === first.agentId)?.inFlight ?? 0;
        stopping = first.stop();
      }
    }
    await stopping;
    expect(openAtStop).toBeGreaterThan(0);
    for (const result of (await run.all).values()) expect(result.status).toMatch(/^(applied|alreadyApplied)$/);
    await expectExactlyOnce(reader, "pg", 120);

    expect(await hub.revokeAgent(second.agentId)).toBe(true);
    await expect(second.done).resolves.toMatchObject({ kind: "refused", code: "Unauthorized" });
    await until(() => hub.agentCount("pg.test") === 0, 5000, "no session left");
    await expect(hub.testConnection("pg.test")).rejects.toMatchObject({ code: "EndpointUnavailable" });
  }, 60_000);
});
