import { Socket } from "node:net";
import type { DirectoryOperation } from "@roster/engine";
import type { Client } from "ldapts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDirectoryClient, type DirectoryClient } from "../client/directory-client.js";
import type { OperationResult } from "../client/operation-executor.js";
import type { DirectoryConfigInput } from "../config/directory-config.js";
import { startOpenLdap, type OpenLdapServer } from "../test-support/openldap-server.js";
import { startTcpProxy, type TcpProxy } from "../test-support/tcp-proxy.js";
import { rawClient } from "../test-support/raw-client.js";

let server: OpenLdapServer;
let admin: Client;
let sequence = 0;

beforeAll(async () => {
  server = await startOpenLdap();
  admin = rawClient(server.url);
  await admin.bind(server.bindDn, server.password);
});

afterAll(async () => {
  await admin?.unbind();
  await server?.stop();
});

function config(overrides: Partial<DirectoryConfigInput> = {}): DirectoryConfigInput {
  return { url: server.url, bindDn: server.bindDn, password: server.password, baseDn: server.baseDn, dialect: "openldap", ...overrides };
}

function createOp(cn = `Pool ${++sequence}`): DirectoryOperation {
  return { kind: "create", parentDn: server.usersDn, cn, attributes: { sn: "Pool", employeeID: `P${++sequence}` }, accountDisabled: false };
}

async function withClient<T>(input: DirectoryConfigInput, work: (client: DirectoryClient) => Promise<T>): Promise<T> {
  const client = createDirectoryClient(input);
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}

async function withProxy<T>(work: (proxy: TcpProxy) => Promise<T>): Promise<T> {
  const port = Number(new URL(server.url).port);
  const proxy = await startTcpProxy("127.0.0.1", port);
  try {
    return await work(proxy);
  } finally {
    await proxy.close();
  }
}

const statusOf = (result: OperationResult) => (result.status === "applied" ? "applied" : result.errorCode);

describe("connection pool", () => {
  it("pipelines a batch over the configured connections and keeps results in input order", async () => {
    await withProxy(async (proxy) => {
      const ops = Array.from({ length: 300 }, (_, i) => createOp(`Batch ${i}`));
      const results = await withClient(config({ url: proxy.url, pool: { size: 3, maxInFlightPerConnection: 16 } }), (client) =>
        client.executeBatch(ops, { concurrency: 64 }),
      );
      expect(results.map(statusOf)).toEqual(ops.map(() => "applied"));
      for (const [i, result] of results.entries()) {
        expect(result.status === "applied" && result.dn).toMatch(new RegExp(`^cn=Batch ${i},`, "i"));
      }
      expect(proxy.connectionCount).toBe(3);
    });
  });

  it("sends requests started in the same turn on one connection with one write", async () => {
    await withProxy(async (proxy) => {
      await withClient(config({ url: proxy.url, pool: { size: 1, maxInFlightPerConnection: 16 } }), async (client) => {
        expect((await client.execute(createOp())).status).toBe("applied"); // connected, bound, controls known
        const proxyPort = Number(new URL(proxy.url).port);
        // The stream methods a socket writes through: one call per system call (writev for several chunks).
        const write = vi.spyOn(Socket.prototype as unknown as { _write: () => void }, "_write");
        const writev = vi.spyOn(Socket.prototype as unknown as { _writev: () => void }, "_writev");
        try {
          const results = await client.executeBatch(Array.from({ length: 16 }, () => createOp()), { concurrency: 16 });
          expect(results.map(statusOf)).toEqual(Array(16).fill("applied"));
          const toServer = (contexts: unknown[]) => contexts.filter((socket) => (socket as Socket).remotePort === proxyPort).length;
          const writes = toServer(write.mock.contexts) + toServer(writev.mock.contexts);
          // The 16 adds start together and leave in one write; the rest of the batch, if anything, follows in a few.
          expect(writes).toBeGreaterThan(0);
          expect(writes).toBeLessThanOrEqual(3);
        } finally {
          write.mockRestore();
          writev.mockRestore();
        }
      });
    });
  });

  it("unbinds every connection on close", async () => {
    await withProxy(async (proxy) => {
      const client = createDirectoryClient(config({ url: proxy.url, pool: { size: 2, maxInFlightPerConnection: 1 } }));
      await client.executeBatch([createOp(), createOp()]);
      expect(proxy.openConnections).toBe(2);
      const inFlight = client.execute(createOp());
      await client.close();
      expect((await inFlight).status).toBe("applied"); // close lets running operations finish
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(proxy.openConnections).toBe(0);
      expect((await client.execute(createOp())).status).toBe("failed");
    });
  });

  it("reconnects and re-binds after the server dropped the connection", async () => {
    await withProxy(async (proxy) => {
      await withClient(config({ url: proxy.url, pool: { size: 1 } }), async (client) => {
        expect(statusOf(await client.execute(createOp("Reconnect 1")))).toBe("applied");
        proxy.dropConnections();
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(statusOf(await client.execute(createOp()))).toBe("applied");
        expect(proxy.connectionCount).toBe(2);
        // Reads after a drop must not run unauthenticated: the ACL hides every entry from anonymous.
        proxy.dropConnections();
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect((await client.isTaken("cn", ["Reconnect 1"])).get("Reconnect 1")).toBe(true);
      });
    });
  });

  it("fails operations in flight when the connection drops, as retryable EndpointUnavailable", async () => {
    await withProxy(async (proxy) => {
      await withClient(config({ url: proxy.url, pool: { size: 1 } }), async (client) => {
        expect(statusOf(await client.execute(createOp()))).toBe("applied");
        proxy.setStalled(true);
        const pending = client.execute(createOp());
        await new Promise((resolve) => setTimeout(resolve, 50));
        proxy.dropConnections();
        expect(await pending).toMatchObject({ status: "failed", errorCode: "EndpointUnavailable", retryable: true });
        proxy.setStalled(false);
        expect(statusOf(await client.execute(createOp()))).toBe("applied");
      });
    });
  });

  it("times out a server that stops answering (retryable Timeout) and recovers", async () => {
    await withProxy(async (proxy) => {
      await withClient(config({ url: proxy.url, pool: { size: 1 }, timeouts: { operationMs: 300 } }), async (client) => {
        expect(statusOf(await client.execute(createOp()))).toBe("applied");
        proxy.setStalled(true);
        expect(await client.execute(createOp())).toMatchObject({ status: "failed", errorCode: "Timeout", retryable: true });
        proxy.setStalled(false);
        expect(statusOf(await client.execute(createOp()))).toBe("applied");
      });
    });
  });

  it("does not retry a refused bind for every operation (lockout protection)", async () => {
    await withProxy(async (proxy) => {
      await withClient(config({ url: proxy.url, password: "wrong", pool: { size: 4 } }), async (client) => {
        const results = await client.executeBatch(Array.from({ length: 20 }, () => createOp()), { concurrency: 1 });
        expect(new Set(results.map(statusOf))).toEqual(new Set(["Unauthorized"]));
        expect(proxy.connectionCount).toBe(1);
      });
    });
  });
});

describe("TLS", () => {
  it("uses StartTLS with a configured CA", async () => {
    const result = await withClient(config({ tls: { startTls: true, caFile: server.caFile } }), (client) => client.testConnection());
    expect(result).toMatchObject({ ok: true, encrypted: true });
  });

  it("uses LDAPS with a configured CA, and rejects an unknown CA unless told not to", async () => {
    expect(await withClient(config({ url: server.ldapsUrl, tls: { caFile: server.caFile } }), (c) => c.testConnection())).toMatchObject({ ok: true });
    const unknownCa = await withClient(config({ url: server.ldapsUrl }), (c) => c.testConnection());
    expect(unknownCa).toMatchObject({ ok: false, errorCode: "InvalidConfiguration", retryable: false });
    if (!unknownCa.ok) expect(unknownCa.message).toContain("tls.caFile");
    expect(await withClient(config({ url: server.ldapsUrl, tls: { rejectUnauthorized: false } }), (c) => c.testConnection())).toMatchObject({ ok: true });
  });

  it("checks the certificate against serverName", async () => {
    const wrongName = await withClient(config({ url: server.ldapsUrl, tls: { caFile: server.caFile, serverName: "dc9.elsewhere.test" } }), (c) =>
      c.testConnection(),
    );
    expect(wrongName).toMatchObject({ ok: false, errorCode: "InvalidConfiguration" });
    const rightName = await withClient(config({ url: server.ldapsUrl, tls: { caFile: server.caFile, serverName: "localhost" } }), (c) =>
      c.testConnection(),
    );
    expect(rightName).toMatchObject({ ok: true });
  });
});

describe("initial password", () => {
  it("refuses to send unicodePwd over plain LDAP, before anything is written", async () => {
    const op = createOp("Plain Password");
    const result = await withClient(config({ initialPassword: { enabled: true } }), (client) => client.execute(op));
    expect(result).toMatchObject({ status: "failed", errorCode: "InvalidConfiguration", retryable: false });
    expect(result.status === "failed" && result.ldapCode).toBe(undefined);
    const { searchEntries } = await admin.search(server.usersDn, { filter: "(cn=Plain Password)" });
    expect(searchEntries).toHaveLength(0);
  });

  it("sets a random quoted UTF-16LE unicodePwd over StartTLS, then enables the account", async () => {
    const passwords = new Set<string>();
    for (const cn of ["Tls Password 1", "Tls Password 2"]) {
      const result = await withClient(config({ tls: { startTls: true, caFile: server.caFile }, initialPassword: { enabled: true, length: 20 } }), (client) =>
        client.execute(createOp(cn)),
      );
      if (result.status !== "applied") throw new Error(JSON.stringify(result));
      const { searchEntries } = await admin.search(result.dn, { scope: "base", attributes: ["unicodePwd", "userAccountControl"], explicitBufferAttributes: ["unicodePwd"] });
      const stored = searchEntries[0]!["unicodePwd"] as Buffer;
      const text = stored.toString("utf16le");
      expect(text).toMatch(/^"[!-~]{20}"$/);
      passwords.add(text);
      expect(searchEntries[0]!["userAccountControl"]).toBe("512");
    }
    expect(passwords.size).toBe(2);
  });

  it("allows plain LDAP only with the explicit test override", async () => {
    const result = await withClient(config({ initialPassword: { enabled: true }, unsafeAllowPasswordWithoutTls: true }), (client) =>
      client.execute(createOp("Override Password")),
    );
    expect(result.status).toBe("applied");
  });
});
