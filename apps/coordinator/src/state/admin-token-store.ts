/**
 * Administrator bearer tokens for the REST API and CLI. The secret ("rst_" + 256 random
 * bits) is shown once; only its SHA-256 digest is stored (see agents/secrets.ts for why a
 * fast hash is right for random secrets). Verification looks the digest up and compares in
 * constant time; lastUsedAt is written at most once a minute per token, not per request.
 */
import { randomUUID } from "node:crypto";
import { RosterError } from "@roster/engine";
import type { Kysely, Selectable } from "@roster/store";
import { hashSecret, newSecret, secretMatches } from "../agents/secrets.js";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import type { AdminTokensTable } from "../store/jobs-schema.js";
import type { AdminToken, AdminTokenStore } from "./contracts.js";
import { type Clock, systemClock } from "./store-input.js";

export const ADMIN_TOKEN_PREFIX = "rst_";
const LAST_USED_RESOLUTION_MS = 60_000;
/** Longer input is not a token of ours: refuse it before hashing. */
const MAX_SECRET_LENGTH = 256;
const NAME = /^[\x20-\x7e]{1,128}$/;

export class SqlAdminTokenStore implements AdminTokenStore {
  readonly #db: Kysely<CoordinatorDatabase>;
  readonly #now: Clock;

  constructor(db: Kysely<CoordinatorDatabase>, options: { readonly now?: Clock } = {}) {
    this.#db = db;
    this.#now = options.now ?? systemClock;
  }

  async issue(name: string): Promise<{ readonly token: AdminToken; readonly secret: string }> {
    if (typeof name !== "string" || !NAME.test(name) || name.trim() !== name) {
      throw new RosterError(
        "InvalidRequest",
        `Admin token name ${JSON.stringify(name) ?? String(name)} is not valid: use 1 to 128 printable characters without leading or trailing spaces.`,
        { object: "admin token", field: "name" },
      );
    }
    const secret = newSecret(ADMIN_TOKEN_PREFIX);
    const row = await this.#db
      .insertInto("roster_admin_tokens")
      .values({
        token_id: randomUUID(),
        name,
        token_hash: hashSecret(secret),
        created_at: this.#now(),
        last_used_at: null,
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { token: tokenFromRow(row), secret };
  }

  async verify(secret: string): Promise<AdminToken | null> {
    if (typeof secret !== "string" || !secret.startsWith(ADMIN_TOKEN_PREFIX) || secret.length > MAX_SECRET_LENGTH) {
      return null;
    }
    const row = await this.#db
      .selectFrom("roster_admin_tokens")
      .selectAll()
      .where("token_hash", "=", hashSecret(secret))
      .executeTakeFirst();
    if (row === undefined || row.revoked_at !== null || !secretMatches(secret, row.token_hash)) return null;
    const now = this.#now();
    if (row.last_used_at !== null && now.getTime() - row.last_used_at.getTime() < LAST_USED_RESOLUTION_MS) {
      return tokenFromRow(row);
    }
    const updated = await this.#db
      .updateTable("roster_admin_tokens")
      .set({ last_used_at: now })
      .where("token_id", "=", row.token_id)
      .where("revoked_at", "is", null)
      .where((eb) =>
        eb.or([
          eb("last_used_at", "is", null),
          eb("last_used_at", "<=", new Date(now.getTime() - LAST_USED_RESOLUTION_MS)),
        ]),
      )
      .returningAll()
      .executeTakeFirst();
    return tokenFromRow(updated ?? row);
  }

  async list(): Promise<AdminToken[]> {
    const rows = await this.#db
      .selectFrom("roster_admin_tokens")
      .selectAll()
      .orderBy("created_at")
      .orderBy("token_id")
      .execute();
    return rows.map(tokenFromRow);
  }

  /** False when no such token exists; revoking twice keeps the first revocation time. */
  async revoke(tokenId: string): Promise<boolean> {
    if (typeof tokenId !== "string" || tokenId === "") return false;
    const result = await this.#db
      .updateTable("roster_admin_tokens")
      .set((eb) => ({ revoked_at: eb.fn.coalesce("revoked_at", eb.val(this.#now())) }))
      .where("token_id", "=", tokenId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function tokenFromRow(row: Selectable<AdminTokensTable>): AdminToken {
  return {
    tokenId: row.token_id,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
