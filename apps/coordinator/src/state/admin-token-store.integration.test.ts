/** AdminTokenStore on PGlite and PostgreSQL: issue once, hashed at rest, verify, lastUsedAt throttle, revoke. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSecret } from "../agents/secrets.js";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import { STORE_BACKENDS, type StoreBackend } from "../store/test-support/store-backends.js";
import { SqlAdminTokenStore } from "./admin-token-store.js";

for (const [name, open] of STORE_BACKENDS) {
  describe(`AdminTokenStore on ${name}`, () => {
    let backend: StoreBackend<CoordinatorDatabase>;
    let tokens: SqlAdminTokenStore;
    let clock = new Date("2026-03-01T00:00:00Z");
    const advance = (ms: number) => {
      clock = new Date(clock.getTime() + ms);
    };

    beforeAll(async () => {
      backend = await open<CoordinatorDatabase>();
      tokens = new SqlAdminTokenStore(backend.db, { now: () => clock });
    }, 120_000);
    afterAll(async () => backend?.close());

    it("issues a secret once and stores only its SHA-256", async () => {
      const { token, secret } = await tokens.issue("ci-pipeline");
      expect(secret).toMatch(/^rst_[A-Za-z0-9_-]{43}$/);
      expect(token).toEqual({
        tokenId: token.tokenId,
        name: "ci-pipeline",
        createdAt: clock,
        lastUsedAt: null,
        revokedAt: null,
      });
      const rows = await backend.db.selectFrom("roster_admin_tokens").selectAll().execute();
      expect(rows.find((row) => row.token_id === token.tokenId)?.token_hash).toBe(hashSecret(secret));
      expect(JSON.stringify(rows)).not.toContain(secret);
      const other = await tokens.issue("ci-pipeline");
      expect(other.secret).not.toBe(secret);
    });

    it("verifies the exact secret and updates lastUsedAt at most once a minute", async () => {
      const { token, secret } = await tokens.issue("alice");
      advance(1_000);
      const firstUse = clock;
      expect(await tokens.verify(secret)).toMatchObject({ tokenId: token.tokenId, lastUsedAt: firstUse });
      advance(30_000);
      expect((await tokens.verify(secret))?.lastUsedAt).toEqual(firstUse);
      advance(30_000);
      expect((await tokens.verify(secret))?.lastUsedAt).toEqual(clock);

      expect(await tokens.verify(`${secret}x`)).toBeNull();
      expect(await tokens.verify(secret.slice(0, -1))).toBeNull();
      expect(await tokens.verify(secret.replace(/^rst_/, "rac_"))).toBeNull();
      expect(await tokens.verify("")).toBeNull();
      expect(await tokens.verify(`rst_${"a".repeat(10_000)}`)).toBeNull();
      expect(await tokens.verify(undefined as never)).toBeNull();
    });

    it("revokes a token: its secret stops working, the first revocation time is kept", async () => {
      const { token, secret } = await tokens.issue("bob");
      const revokedAt = clock;
      expect(await tokens.revoke(token.tokenId)).toBe(true);
      advance(5_000);
      expect(await tokens.revoke(token.tokenId)).toBe(true);
      expect(await tokens.verify(secret)).toBeNull();
      expect(await tokens.revoke("no-such-token")).toBe(false);
      const listed = await tokens.list();
      expect(listed.find((item) => item.tokenId === token.tokenId)?.revokedAt).toEqual(revokedAt);
      expect(listed.map((item) => item.name)).toEqual(expect.arrayContaining(["ci-pipeline", "alice", "bob"]));
    });

    it("rejects an unusable name", async () => {
      await expect(tokens.issue("")).rejects.toThrow(/Admin token name/);
      await expect(tokens.issue(" padded ")).rejects.toThrow(/Admin token name/);
      await expect(tokens.issue("x".repeat(200))).rejects.toThrow(/Admin token name/);
    });
  });
}
