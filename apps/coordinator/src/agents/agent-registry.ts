/**
 * The durable side of agents: domains, one-time registration tokens and agent credentials.
 * Only digests of secrets are stored; the plain token and credential are returned once, to
 * the caller that must hand them over, and never logged.
 */
import { randomUUID } from "node:crypto";
import { RosterError } from "@roster/engine";
import { type Kysely, sql, withTransaction } from "@roster/store";
import type { Logger } from "pino";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import { AGENT_CREDENTIAL_PREFIX, hashSecret, newSecret, REGISTRATION_TOKEN_PREFIX, secretMatches } from "./secrets.js";

const DOMAIN_NAME = /^[\x21-\x7e]{1,255}$/;
const MIN_TOKEN_TTL_MS = 1000;
const MAX_TOKEN_TTL_MS = 30 * 86_400_000;
export const DEFAULT_TOKEN_TTL_MS = 3_600_000;
/** Domain names are unique ignoring case (index roster_domains_name_key). */
const sqlLowerName = sql<string>`lower(name)`;

export interface IssuedRegistrationToken {
  readonly tokenId: string;
  /** The plain token: shown once to the operator, stored nowhere. */
  readonly token: string;
  readonly domain: string;
  readonly expiresAt: Date;
}

export interface AgentRegistration {
  readonly token: string;
  readonly hostname: string;
  readonly agentVersion: string;
  /** An existing agent re-registering (its credential is replaced, its id kept). */
  readonly agentId?: string | undefined;
}

export interface RegisteredAgent {
  readonly agentId: string;
  /** The plain credential: sent to the agent once, stored here only as a digest. */
  readonly credential: string;
  readonly domain: string;
}

export interface AgentRecord {
  readonly agentId: string;
  readonly domain: string;
  readonly hostname: string;
  readonly agentVersion: string;
  readonly registeredAt: Date;
  readonly revokedAt: Date | null;
  readonly lastSeenAt: Date | null;
}

export type Authentication =
  | { readonly ok: true; readonly agentId: string; readonly domain: string }
  | { readonly ok: false; readonly reason: string };

export interface AgentRegistryOptions {
  readonly logger: Logger;
  /** The clock (tests move it to expire tokens). */
  readonly now?: () => Date;
}

export class AgentRegistry {
  private readonly now: () => Date;
  private readonly logger: Logger;

  constructor(
    private readonly db: Kysely<CoordinatorDatabase>,
    options: AgentRegistryOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger;
  }

  /** The domain with this name (case-insensitive), created when missing. Returns its stored spelling. */
  async ensureDomain(name: string): Promise<{ readonly domainId: string; readonly name: string }> {
    checkDomainName(name);
    const existing = await this.findDomain(name);
    if (existing !== undefined) return existing;
    await this.db
      .insertInto("roster_domains")
      .values({ domain_id: randomUUID(), name })
      .onConflict((conflict) => conflict.expression(sqlLowerName).doNothing())
      .execute();
    const created = await this.findDomain(name);
    if (created === undefined)
      throw new RosterError("InternalError", `domain "${name}" could not be created`, { domain: name });
    return created;
  }

  /** A one-time token that registers one agent for `domain` until it expires. */
  async issueRegistrationToken(
    domain: string,
    options: { readonly ttlMs?: number } = {},
  ): Promise<IssuedRegistrationToken> {
    const ttlMs = options.ttlMs ?? DEFAULT_TOKEN_TTL_MS;
    if (!Number.isInteger(ttlMs) || ttlMs < MIN_TOKEN_TTL_MS || ttlMs > MAX_TOKEN_TTL_MS) {
      throw new RosterError(
        "InvalidRequest",
        `registration token option "ttlMs" must be an integer from ${MIN_TOKEN_TTL_MS} to ${MAX_TOKEN_TTL_MS}, got ${String(ttlMs)}`,
        { field: "ttlMs" },
      );
    }
    const { domainId, name } = await this.ensureDomain(domain);
    const token = newSecret(REGISTRATION_TOKEN_PREFIX);
    const tokenId = randomUUID();
    const expiresAt = new Date(this.now().getTime() + ttlMs);
    await this.db
      .insertInto("roster_registration_tokens")
      .values({
        token_id: tokenId,
        domain_id: domainId,
        token_hash: hashSecret(token),
        expires_at: expiresAt,
        created_at: this.now(),
      })
      .execute();
    this.logger.info({ tokenId, domain: name, expiresAt }, "registration token issued");
    return { tokenId, token, domain: name, expiresAt };
  }

  /**
   * Consumes the token and issues the agent's credential, in one transaction: of two agents
   * racing with one token exactly one gets through. Throws RosterError Unauthorized saying
   * why the token was refused (unknown, used or expired).
   */
  async registerAgent(registration: AgentRegistration): Promise<RegisteredAgent> {
    const tokenHash = hashSecret(registration.token);
    const credential = newSecret(AGENT_CREDENTIAL_PREFIX);
    const now = this.now();
    const registered = await withTransaction(this.db, async (trx) => {
      const requestedId = registration.agentId;
      const existing =
        requestedId === undefined
          ? undefined
          : await trx
              .selectFrom("roster_agents")
              .select(["agent_id", "domain_id", "revoked_at"])
              .where("agent_id", "=", requestedId)
              .executeTakeFirst();
      const agentId = existing?.agent_id ?? `agent-${randomUUID()}`;
      const consumed = await trx
        .updateTable("roster_registration_tokens")
        .set({ used_at: now, used_by_agent_id: agentId })
        .where("token_hash", "=", tokenHash)
        .where("used_at", "is", null)
        .where("expires_at", ">", now)
        .returning(["token_id", "domain_id"])
        .executeTakeFirst();
      if (consumed === undefined) return undefined;
      if (existing !== undefined) {
        if (existing.revoked_at !== null) {
          throw new RosterError(
            "Unauthorized",
            `agent ${agentId} is revoked and cannot register again; register it as a new agent`,
            { agentId },
          );
        }
        if (existing.domain_id !== consumed.domain_id) {
          throw new RosterError(
            "Unauthorized",
            `agent ${agentId} is registered for another domain than this registration token`,
            { agentId },
          );
        }
        await trx
          .updateTable("roster_agents")
          .set({
            credential_hash: hashSecret(credential),
            hostname: registration.hostname,
            agent_version: registration.agentVersion,
          })
          .where("agent_id", "=", agentId)
          .execute();
      } else {
        await trx
          .insertInto("roster_agents")
          .values({
            agent_id: agentId,
            domain_id: consumed.domain_id,
            hostname: registration.hostname,
            agent_version: registration.agentVersion,
            credential_hash: hashSecret(credential),
            registered_at: now,
            revoked_at: null,
            last_seen_at: null,
          })
          .execute();
      }
      const domain = await trx
        .selectFrom("roster_domains")
        .select("name")
        .where("domain_id", "=", consumed.domain_id)
        .executeTakeFirstOrThrow();
      return { agentId, tokenId: consumed.token_id, domain: domain.name, reregistered: existing !== undefined };
    });
    if (registered === undefined) throw await this.tokenRefusal(tokenHash, now);
    this.logger.info(
      {
        agentId: registered.agentId,
        domain: registered.domain,
        tokenId: registered.tokenId,
        hostname: registration.hostname,
        reregistered: registered.reregistered,
      },
      "agent registered",
    );
    return { agentId: registered.agentId, credential, domain: registered.domain };
  }

  /** Checks an agent's credential (constant-time digest comparison). */
  async authenticate(agentId: string, credential: string): Promise<Authentication> {
    const row = await this.db
      .selectFrom("roster_agents")
      .innerJoin("roster_domains", "roster_domains.domain_id", "roster_agents.domain_id")
      .select(["roster_agents.credential_hash", "roster_agents.revoked_at", "roster_domains.name"])
      .where("roster_agents.agent_id", "=", agentId)
      .executeTakeFirst();
    // Unknown agent and wrong credential read alike to the peer, so ids cannot be probed.
    if (row === undefined || !secretMatches(credential, row.credential_hash))
      return { ok: false, reason: "unknown agent or wrong credential" };
    if (row.revoked_at !== null) return { ok: false, reason: `agent ${agentId} has been revoked` };
    await this.db
      .updateTable("roster_agents")
      .set({ last_seen_at: this.now() })
      .where("agent_id", "=", agentId)
      .execute();
    return { ok: true, agentId, domain: row.name };
  }

  /** Revokes the agent's credential for good. Returns false when no such agent exists. */
  async revokeAgent(agentId: string): Promise<boolean> {
    const result = await this.db
      .updateTable("roster_agents")
      .set({ revoked_at: this.now() })
      .where("agent_id", "=", agentId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    const revoked = result.numUpdatedRows > 0n;
    if (revoked) this.logger.warn({ agentId }, "agent revoked");
    return revoked;
  }

  async listAgents(): Promise<AgentRecord[]> {
    const rows = await this.db
      .selectFrom("roster_agents")
      .innerJoin("roster_domains", "roster_domains.domain_id", "roster_agents.domain_id")
      .select([
        "roster_agents.agent_id",
        "roster_domains.name",
        "roster_agents.hostname",
        "roster_agents.agent_version",
        "roster_agents.registered_at",
        "roster_agents.revoked_at",
        "roster_agents.last_seen_at",
      ])
      .orderBy("roster_agents.registered_at")
      .orderBy("roster_agents.agent_id")
      .execute();
    return rows.map((row) => ({
      agentId: row.agent_id,
      domain: row.name,
      hostname: row.hostname,
      agentVersion: row.agent_version,
      registeredAt: row.registered_at,
      revokedAt: row.revoked_at,
      lastSeenAt: row.last_seen_at,
    }));
  }

  private async findDomain(name: string): Promise<{ domainId: string; name: string } | undefined> {
    const row = await this.db
      .selectFrom("roster_domains")
      .select(["domain_id", "name"])
      .where(sqlLowerName, "=", name.toLowerCase())
      .executeTakeFirst();
    return row === undefined ? undefined : { domainId: row.domain_id, name: row.name };
  }

  private async tokenRefusal(tokenHash: string, now: Date): Promise<RosterError> {
    const row = await this.db
      .selectFrom("roster_registration_tokens")
      .select(["token_id", "used_at", "expires_at"])
      .where("token_hash", "=", tokenHash)
      .executeTakeFirst();
    const reason =
      row === undefined
        ? "the registration token is unknown"
        : row.used_at !== null
          ? "the registration token has already been used"
          : row.expires_at.getTime() <= now.getTime()
            ? "the registration token has expired"
            : "the registration token cannot be used";
    this.logger.warn({ tokenId: row?.token_id, reason }, "registration refused");
    return new RosterError(
      "Unauthorized",
      `${reason}; issue a new one`,
      row === undefined ? {} : { tokenId: row.token_id },
    );
  }
}

export function checkDomainName(name: unknown): asserts name is string {
  if (typeof name !== "string" || !DOMAIN_NAME.test(name)) {
    throw new RosterError(
      "InvalidRequest",
      `domain ${JSON.stringify(name)} must be 1 to 255 printable characters without spaces`,
      { field: "domain" },
    );
  }
}
