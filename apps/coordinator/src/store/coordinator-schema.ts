/**
 * The coordinator's tables, as kysely types. Every table carries the prefix "roster_" so the
 * coordinator can share a database with other apps; later migrations add jobs, cycles and logs
 * the same way. Ids are text (random UUIDs or agent-chosen ids), times are timestamptz (Date),
 * and secrets are stored only as SHA-256 hex digests (see agents/secrets.ts).
 */
import type { ColumnType } from "@roster/store";
import type { InboundDatabase } from "../scim/inbound-schema.js";
import type { JobsDatabase } from "./jobs-schema.js";
import type { LinksAndLogsDatabase } from "./links-and-logs-schema.js";

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface DomainsTable {
  readonly domain_id: string;
  /** As the operator typed it; unique case-insensitively (agents and jobs match domains ignoring case). */
  name: string;
  created_at: CreatedAt;
}

export interface AgentsTable {
  readonly agent_id: string;
  /** The domain the agent was registered for (the registration token's domain). */
  domain_id: string;
  hostname: string;
  agent_version: string;
  credential_hash: string;
  registered_at: CreatedAt;
  /** Set when the agent is revoked: its credential stops working at once. */
  revoked_at: Date | null;
  /** Last successful hello (not every heartbeat: that would be a write per agent per interval). */
  last_seen_at: Date | null;
}

export interface RegistrationTokensTable {
  readonly token_id: string;
  domain_id: string;
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Date;
  /** Set once, atomically, when an agent registers with the token. */
  used_at: Date | null;
  used_by_agent_id: string | null;
}

export interface CoordinatorDatabase extends LinksAndLogsDatabase, JobsDatabase, InboundDatabase {
  roster_domains: DomainsTable;
  roster_agents: AgentsTable;
  roster_registration_tokens: RegistrationTokensTable;
}
