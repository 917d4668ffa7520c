/**
 * The registry against the store: on PGlite (the embedded database) and on a real
 * PostgreSQL server, the same cases — tokens are one-time, expire, are stored hashed and
 * are consumed atomically; credentials authenticate, compare exactly and can be revoked.
 */
import { RosterError } from "@roster/engine";
import { type Database, type Kysely, openDatabase } from "@roster/store";
import { openPGliteFixture, type PostgresServer, startPostgres } from "@roster/store/test-support";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COORDINATOR_MIGRATIONS, migrateCoordinatorStore } from "../store/coordinator-migrations.js";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import { AgentRegistry } from "./agent-registry.js";
import { hashSecret } from "./secrets.js";

const silent = pino({ level: "silent" });

interface Backend {
  db: Kysely<CoordinatorDatabase>;
  close(): Promise<void>;
}

function registrySuite(name: string, open: () => Promise<Backend>): void {
  describe(`AgentRegistry on ${name}`, () => {
    let backend: Backend;
    let clock = new Date("2026-01-01T00:00:00Z");
    let registry: AgentRegistry;
    let counter = 0;
    const domain = () => `${name}-${++counter}.example.com`;

    beforeAll(async () => {
      backend = await open();
      expect(await migrateCoordinatorStore(backend.db)).toEqual(Object.keys(COORDINATOR_MIGRATIONS));
      expect(await migrateCoordinatorStore(backend.db)).toEqual([]);
      registry = new AgentRegistry(backend.db, { logger: silent, now: () => clock });
    }, 120_000);
    afterAll(async () => backend?.close());

    it("issues a token that registers one agent, stored only as a digest", async () => {
      const name = domain();
      const issued = await registry.issueRegistrationToken(name, { ttlMs: 60_000 });
      expect(issued.token).toMatch(/^rrt_[A-Za-z0-9_-]{43}$/);
      expect(issued.expiresAt.getTime()).toBe(clock.getTime() + 60_000);
      const row = await backend.db
        .selectFrom("roster_registration_tokens")
        .selectAll()
        .where("token_id", "=", issued.tokenId)
        .executeTakeFirstOrThrow();
      expect(row.token_hash).toBe(hashSecret(issued.token));
      expect(JSON.stringify(row)).not.toContain(issued.token);

      const agent = await registry.registerAgent({ token: issued.token, hostname: "host-a", agentVersion: "0.1.0" });
      expect(agent.domain).toBe(name);
      expect(agent.credential).toMatch(/^rac_/);
      const stored = await backend.db
        .selectFrom("roster_agents")
        .selectAll()
        .where("agent_id", "=", agent.agentId)
        .executeTakeFirstOrThrow();
      expect(stored.credential_hash).toBe(hashSecret(agent.credential));
      expect(await registry.authenticate(agent.agentId, agent.credential)).toEqual({
        ok: true,
        agentId: agent.agentId,
        domain: name,
      });

      const used = await backend.db
        .selectFrom("roster_registration_tokens")
        .selectAll()
        .where("token_id", "=", issued.tokenId)
        .executeTakeFirstOrThrow();
      expect(used.used_by_agent_id).toBe(agent.agentId);
      expect(used.used_at).toEqual(clock);
    });

    it("refuses a used, an expired and an unknown token, saying which", async () => {
      const issued = await registry.issueRegistrationToken(domain(), { ttlMs: 60_000 });
      await registry.registerAgent({ token: issued.token, hostname: "h", agentVersion: "1" });
      await expect(
        registry.registerAgent({ token: issued.token, hostname: "h", agentVersion: "1" }),
      ).rejects.toMatchObject({
        code: "Unauthorized",
        message: expect.stringContaining("already been used"),
      });

      const expiring = await registry.issueRegistrationToken(domain(), { ttlMs: 60_000 });
      const issuedAt = clock;
      clock = new Date(issuedAt.getTime() + 60_000);
      await expect(
        registry.registerAgent({ token: expiring.token, hostname: "h", agentVersion: "1" }),
      ).rejects.toMatchObject({
        code: "Unauthorized",
        message: expect.stringContaining("expired"),
      });
      clock = issuedAt;
      await expect(
        registry.registerAgent({ token: "rrt_not-a-token-anyone-issued", hostname: "h", agentVersion: "1" }),
      ).rejects.toMatchObject({
        code: "Unauthorized",
        message: expect.stringContaining("unknown"),
      });
      // The expired token was not consumed by the failed attempt; it is still merely expired.
      const row = await backend.db
        .selectFrom("roster_registration_tokens")
        .select("used_at")
        .where("token_id", "=", expiring.tokenId)
        .executeTakeFirstOrThrow();
      expect(row.used_at).toBeNull();
    });

    it("lets exactly one of several racing registrations consume a token", async () => {
      const issued = await registry.issueRegistrationToken(domain(), { ttlMs: 60_000 });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) =>
          registry.registerAgent({ token: issued.token, hostname: `racer-${i}`, agentVersion: "1" }),
        ),
      );
      expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(RosterError);
      }
    });

    it("refuses a wrong credential and an unknown agent alike, and a revoked agent by name", async () => {
      const issued = await registry.issueRegistrationToken(domain(), { ttlMs: 60_000 });
      const agent = await registry.registerAgent({ token: issued.token, hostname: "h", agentVersion: "1" });
      const wrong = await registry.authenticate(agent.agentId, `${agent.credential.slice(0, -1)}x`);
      const unknown = await registry.authenticate("agent-nobody", agent.credential);
      expect(wrong).toEqual({ ok: false, reason: "unknown agent or wrong credential" });
      expect(unknown).toEqual(wrong);

      expect(await registry.revokeAgent(agent.agentId)).toBe(true);
      expect(await registry.revokeAgent(agent.agentId)).toBe(false);
      expect(await registry.authenticate(agent.agentId, agent.credential)).toEqual({
        ok: false,
        reason: `agent ${agent.agentId} has been revoked`,
      });
      const listed = (await registry.listAgents()).find((record) => record.agentId === agent.agentId);
      expect(listed?.revokedAt).toEqual(clock);
    });

    it("re-registers an agent under its id with a new credential; the old one stops working", async () => {
      const name = domain();
      const first = await registry.registerAgent({
        token: (await registry.issueRegistrationToken(name)).token,
        hostname: "h",
        agentVersion: "1",
      });
      const again = await registry.registerAgent({
        token: (await registry.issueRegistrationToken(name)).token,
        hostname: "h2",
        agentVersion: "2",
        agentId: first.agentId,
      });
      expect(again.agentId).toBe(first.agentId);
      expect((await registry.authenticate(first.agentId, first.credential)).ok).toBe(false);
      expect((await registry.authenticate(first.agentId, again.credential)).ok).toBe(true);
      // Another domain's token cannot take the agent over, and the token stays unused.
      const foreign = await registry.issueRegistrationToken(domain());
      await expect(
        registry.registerAgent({ token: foreign.token, hostname: "h", agentVersion: "1", agentId: first.agentId }),
      ).rejects.toMatchObject({ code: "Unauthorized" });
      const row = await backend.db
        .selectFrom("roster_registration_tokens")
        .select("used_at")
        .where("token_id", "=", foreign.tokenId)
        .executeTakeFirstOrThrow();
      expect(row.used_at).toBeNull();
    });

    it("treats domain names case-insensitively and validates input", async () => {
      const name = domain();
      const a = await registry.ensureDomain(name.toUpperCase());
      const b = await registry.ensureDomain(name);
      expect(b).toEqual(a);
      await expect(registry.issueRegistrationToken("has space")).rejects.toMatchObject({
        code: "InvalidRequest",
        details: { field: "domain" },
      });
      await expect(registry.issueRegistrationToken(name, { ttlMs: 5 })).rejects.toMatchObject({
        code: "InvalidRequest",
        details: { field: "ttlMs" },
      });
    });
  });
}

registrySuite("PGlite", async () => {
  const fixture = await openPGliteFixture<CoordinatorDatabase>();
  return { db: fixture.db, close: () => fixture.close() };
});

let postgres: PostgresServer | undefined;
registrySuite("PostgreSQL", async () => {
  postgres = await startPostgres();
  const database: Database<CoordinatorDatabase> = await openDatabase<CoordinatorDatabase>({
    url: await postgres.createDatabase(),
  });
  return {
    db: database.db,
    close: async () => {
      await database.close();
      await postgres?.stop();
    },
  };
});
