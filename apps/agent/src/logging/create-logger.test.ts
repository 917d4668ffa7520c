import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, REDACTED } from "./create-logger.js";

function capture(): { lines: () => Record<string, unknown>[]; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  return { stream, lines: () => chunks.join("").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("createLogger", () => {
  it("redacts passwords, credentials, tokens and unicodePwd at any depth it can reach", () => {
    const { stream, lines } = capture();
    const logger = createLogger({ destination: stream });
    logger.info(
      {
        token: "tok-secret-123",
        credential: "cred-secret-456",
        config: { domains: [{ directory: { password: "ldap-secret-789", bindDn: "cn=admin" } }] },
        operation: { attributes: { unicodePwd: "pwd-secret", givenName: "Ada" } },
        agent: { credential: { credential: "nested-secret" } },
      },
      "hello",
    );
    const text = JSON.stringify(lines());
    for (const secret of ["tok-secret-123", "cred-secret-456", "ldap-secret-789", "pwd-secret", "nested-secret"]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain(REDACTED);
    expect(text).toContain("cn=admin");
    expect(text).toContain("Ada");
  });

  it("writes JSON lines with a textual level and the message", () => {
    const { stream, lines } = capture();
    createLogger({ destination: stream, level: "debug" }).debug({ key: "k1" }, "applied");
    expect(lines()[0]).toMatchObject({ level: "debug", msg: "applied", key: "k1", name: "roster-agent" });
  });
});
