import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redactUrl, scrubSecrets } from "./redact-url.js";

/** Passwords with a marker no host, user or database name in these URLs contains. */
const password = fc.string({ minLength: 1, maxLength: 30 }).map((tail) => `Zq9${tail}`);

describe("redactUrl", () => {
  it("masks the userinfo password and password query parameters", () => {
    expect(redactUrl("postgres://roster:s3cret@db.example:5432/roster")).toBe(
      "postgres://roster:***@db.example:5432/roster",
    );
    expect(redactUrl("postgresql://u:p%40ss@h/db?sslmode=require&password=x1")).toBe(
      "postgresql://u:***@h/db?sslmode=require&password=***",
    );
    expect(redactUrl("postgres://u@h/db")).toBe("postgres://u@h/db");
    expect(redactUrl("postgres:///db?host=/var/run/postgresql")).toBe("postgres:///db?host=/var/run/postgresql");
  });

  it("masks passwords of URLs it cannot parse, up to the last @", () => {
    expect(redactUrl("postgres://u:p@ss@h/db")).toBe("postgres://u:***@h/db");
    expect(redactUrl("postgres://u:a/b#c@h/db")).toBe("postgres://u:***@h/db");
  });

  it("gives the same text whatever the (encoded) password is", () => {
    fc.assert(
      fc.property(password, password, (a, b) => {
        const url = (secret: string) =>
          `postgres://roster:${encodeURIComponent(secret)}@db.internal:6543/hr?application_name=x`;
        expect(redactUrl(url(a))).toBe(redactUrl(url(b)));
      }),
    );
  });

  it("never shows a raw (unencoded) password", () => {
    fc.assert(
      fc.property(password, fc.constantFrom("postgres", "postgresql", "mysql", "http"), (secret, scheme) => {
        const redacted = redactUrl(`${scheme}://roster:${secret}@db.internal/hr`);
        expect(redacted).not.toContain(secret);
        expect(redacted).not.toContain(encodeURIComponent(secret));
      }),
    );
  });
});

describe("scrubSecrets", () => {
  it("removes the password, raw and decoded, from driver messages", () => {
    const url = "postgres://u:p%40ss%21@h/db";
    expect(scrubSecrets("auth failed for p@ss! and p%40ss%21", url)).toBe("auth failed for *** and ***");
    expect(scrubSecrets(`cannot reach ${url}`, url)).toBe("cannot reach postgres://u:***@h/db");
  });
});
