import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveDatabaseOptions } from "./database-options.js";
import { StoreError } from "./errors/store-error.js";
import { openDatabase } from "./open-database.js";

function errorOf(run: () => unknown): StoreError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error("expected an error");
}

describe("resolveDatabaseOptions", () => {
  it("picks PostgreSQL for a postgres URL, even when a dataDir fallback is given", () => {
    expect(
      resolveDatabaseOptions({ url: "postgresql://u:p@h:5432/db", dataDir: "/var/lib/roster", poolSize: 4 }),
    ).toEqual({
      dialect: "postgres",
      url: "postgresql://u:p@h:5432/db",
      poolSize: 4,
      connectionTimeoutMs: 30_000,
      logQueries: false,
    });
  });

  it("falls back to PGlite in dataDir (made absolute) or memory; an empty url counts as absent", () => {
    expect(resolveDatabaseOptions({ url: "", dataDir: "data/db" })).toMatchObject({
      dialect: "pglite",
      dataDir: `${process.cwd()}/data/db`,
    });
    expect(resolveDatabaseOptions({ url: undefined, memory: true })).toEqual({
      dialect: "pglite",
      dataDir: undefined,
      logQueries: false,
    });
  });

  it("names the option in every error", () => {
    expect(errorOf(() => resolveDatabaseOptions({})).message).toContain('"url"');
    expect(errorOf(() => resolveDatabaseOptions({ dataDir: "/x", memory: true })).details).toEqual({
      option: "memory",
    });
    expect(errorOf(() => resolveDatabaseOptions({ memory: true, poolSize: 0 })).message).toMatch(
      /^openDatabase option "poolSize" /,
    );
    expect(errorOf(() => resolveDatabaseOptions({ memory: true, poolSize: 1.5 })).details).toEqual({
      option: "poolSize",
    });
    expect(errorOf(() => resolveDatabaseOptions({ memory: true, logQueries: "yes" as never })).details).toEqual({
      option: "logQueries",
    });
    expect(errorOf(() => resolveDatabaseOptions({ memory: true, databaseUrl: "x" } as never)).message).toBe(
      'openDatabase option "databaseUrl" is not a known option.',
    );
    expect(errorOf(() => resolveDatabaseOptions(null as never)).code).toBe("InvalidConfiguration");
    expect(errorOf(() => resolveDatabaseOptions({ url: 5 as never })).message).toBe(
      'openDatabase option "url" must be a string.',
    );
  });

  it("rejects URLs that are not postgres:// without showing the password", () => {
    const wrongScheme = errorOf(() => resolveDatabaseOptions({ url: "mysql://root:hunter2@db/hr" }));
    expect(wrongScheme.message).toBe(
      'openDatabase option "url" must start with postgres:// or postgresql://, got "mysql://root:***@db/hr".',
    );
    expect(wrongScheme.details).toEqual({ option: "url", url: "mysql://root:***@db/hr" });
    const unparseable = errorOf(() => resolveDatabaseOptions({ url: "postgres://root:hunter2@db:99999/hr" }));
    expect(unparseable.message).toContain('option "url" is not a valid URL');
    expect(unparseable.message).not.toContain("hunter2");
  });

  it("never echoes a password in a URL error (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }).map((tail) => `Zq9${tail}`),
        fc.constantFrom("mysql", "http", "postgres", "pg"),
        fc.constantFrom("db", "db:99999", "db:0", ""),
        (secret, scheme, host) => {
          const url = `${scheme}://roster:${secret}@${host}/hr`;
          let message = "";
          try {
            resolveDatabaseOptions({ url });
          } catch (error) {
            message = JSON.stringify({ message: (error as Error).message, details: (error as StoreError).details });
          }
          expect(message).not.toContain(secret);
          expect(message).not.toContain(encodeURIComponent(secret));
        },
      ),
    );
  });
});

describe("openDatabase", () => {
  it("reports an unreachable server with the URL redacted", async () => {
    const error = await openDatabase({
      url: "postgres://roster:Zq9-sekrit@127.0.0.1:1/hr",
      connectionTimeoutMs: 5000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(
      /^Cannot connect to the database postgres:\/\/roster:\*\*\*@127\.0\.0\.1:1\/hr: /,
    );
    expect(JSON.stringify(error)).not.toContain("Zq9-sekrit");
  });
});
