import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AGENT_CREDENTIAL_PREFIX, hashSecret, newSecret, secretMatches } from "./secrets.js";

describe("secrets", () => {
  it("makes distinct prefixed secrets with 256 bits of base64url randomness", () => {
    const secrets = new Set(Array.from({ length: 200 }, () => newSecret(AGENT_CREDENTIAL_PREFIX)));
    expect(secrets.size).toBe(200);
    for (const secret of secrets) expect(secret).toMatch(/^rac_[A-Za-z0-9_-]{43}$/);
  });

  it("stores a SHA-256 hex digest, never the secret", () => {
    const secret = newSecret("x_");
    const digest = hashSecret(secret);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).not.toContain(secret.slice(2));
    // Known vector: SHA-256("abc").
    expect(hashSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("matches exactly the secret that was hashed", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (secret, other) => {
        const stored = hashSecret(secret);
        expect(secretMatches(secret, stored)).toBe(true);
        expect(secretMatches(other, stored)).toBe(other === secret);
      }),
    );
  });

  it("rejects a damaged stored digest instead of throwing", () => {
    expect(secretMatches("anything", "abcd")).toBe(false);
    expect(secretMatches("anything", "")).toBe(false);
  });
});
