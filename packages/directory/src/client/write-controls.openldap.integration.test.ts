/**
 * One request per create and per update on OpenLDAP: the anchor comes back with the add
 * (Post-Read), and an update goes straight to the remembered DN with an assertion on the
 * anchor (Pre-Read tells what changed). The remembered DN must never lead a write astray:
 * accounts moved, renamed or deleted (by this client or behind its back) are looked up again,
 * and an account that took over a remembered DN is never written.
 */
import type { DirectoryOperation } from "@roster/engine";
import { Attribute, Client } from "ldapts";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { dnEquals } from "../dn/distinguished-name.js";
import { startOpenLdap, type OpenLdapServer } from "../test-support/openldap-server.js";
import { rawClient } from "../test-support/raw-client.js";
import type { DirectoryConfigInput } from "../config/directory-config.js";
import { createDirectoryClient, type DirectoryClient } from "./directory-client.js";
import type { AppliedResult, FailedResult, OperationResult } from "./operation-executor.js";

let server: OpenLdapServer;
let admin: Client;
let sequence = 0;
const clients: DirectoryClient[] = [];

beforeAll(async () => {
  server = await startOpenLdap();
  admin = rawClient(server.url);
  await admin.bind(server.bindDn, server.password);
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  for (const client of clients) await client.close();
  await admin?.unbind();
  await server?.stop();
});

function directory(overrides: Partial<DirectoryConfigInput> = {}): DirectoryClient {
  const client = createDirectoryClient({
    url: server.url,
    bindDn: server.bindDn,
    password: server.password,
    baseDn: server.baseDn,
    dialect: "openldap",
    pool: { size: 2, maxInFlightPerConnection: 8 },
    ...overrides,
  });
  clients.push(client);
  return client;
}

function createOp(cn: string, attributes: Record<string, string> = {}): DirectoryOperation {
  const n = ++sequence;
  return { kind: "create", parentDn: server.usersDn, cn, attributes: { sn: "Control", sAMAccountName: `ctl${n}`, employeeID: `C${n}`, ...attributes }, accountDisabled: false };
}

function expectApplied(result: OperationResult): AppliedResult {
  if (result.status !== "applied") throw new Error(`expected applied, got ${JSON.stringify(result)}`);
  return result;
}

function expectFailed(result: OperationResult): FailedResult {
  if (result.status !== "failed") throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result;
}

/** Counts the LDAP requests ldapts sends while `work` runs. */
async function countRequests<T>(work: () => Promise<T>): Promise<{ result: T; searches: number; modifies: number; adds: number }> {
  const search = vi.spyOn(Client.prototype, "search");
  const modify = vi.spyOn(Client.prototype, "modify");
  const add = vi.spyOn(Client.prototype, "add");
  try {
    const result = await work();
    return { result, searches: search.mock.calls.length, modifies: modify.mock.calls.length, adds: add.mock.calls.length };
  } finally {
    search.mockRestore();
    modify.mockRestore();
    add.mockRestore();
  }
}

async function readRaw(dn: string, attributes: string[]) {
  const { searchEntries } = await admin.search(dn, { scope: "base", attributes });
  return searchEntries[0]!;
}

/** A warmed-up client: it has read the root DSE's supportedControl already. */
async function warmClient(overrides: Partial<DirectoryConfigInput> = {}): Promise<DirectoryClient> {
  const client = directory(overrides);
  expectApplied(await client.execute(createOp(`Warm ${++sequence}`)));
  return client;
}

describe("create with Post-Read", () => {
  it("learns the new entry's entryUUID from the add itself, without a search", async () => {
    const client = await warmClient();
    const { result, searches, adds } = await countRequests(() => client.execute(createOp("Post Read Pia")));
    const created = expectApplied(result);
    expect({ searches, adds }).toEqual({ searches: 0, adds: 1 });
    const raw = await readRaw(created.dn, ["entryUUID", "userAccountControl"]);
    expect(created.anchor).toBe(raw["entryUUID"]);
    expect(raw["userAccountControl"]).toBe("512");
    expect(dnEquals(created.dn, `cn=Post Read Pia,${server.usersDn}`)).toBe(true);
  });

  it("reads the entry back instead when write controls are turned off, with the same answer", async () => {
    const client = await warmClient({ writeControls: false });
    const { result, searches, adds } = await countRequests(() => client.execute(createOp("Read Back Rob")));
    const created = expectApplied(result);
    expect({ searches, adds }).toEqual({ searches: 1, adds: 1 });
    expect(created.anchor).toBe((await readRaw(created.dn, ["entryUUID"]))["entryUUID"]);
  });

  it("reads the anchors of many concurrent creates correctly (each control carries its own answer)", async () => {
    const client = await warmClient();
    const ops = Array.from({ length: 60 }, (_, i) => createOp(`Concurrent ${sequence}-${i}`));
    const results = (await client.executeBatch(ops, { concurrency: 16 })).map(expectApplied);
    for (const created of results) expect(created.anchor).toBe((await readRaw(created.dn, ["entryUUID"]))["entryUUID"]);
    expect(new Set(results.map((r) => r.anchor)).size).toBe(60);
  });
});

describe("update at the remembered DN", () => {
  it("is one modify without a search, and tells from the Pre-Read whether anything changed", async () => {
    const client = await warmClient();
    const created = expectApplied(await client.execute(createOp("Remembered Rita", { title: "Old", description: "Keep" })));
    const first = await countRequests(() => client.execute({ kind: "update", anchor: created.anchor, changes: { title: "New", description: "Keep", mail: null } }));
    expect(expectApplied(first.result)).toMatchObject({ anchor: created.anchor, changed: true });
    expect({ searches: first.searches, modifies: first.modifies }).toEqual({ searches: 0, modifies: 1 });
    expect(await readRaw(created.dn, ["title", "description", "mail"])).toMatchObject({ title: "New", description: "Keep", mail: [] });

    const again = await countRequests(() => client.execute({ kind: "update", anchor: created.anchor, changes: { title: "New", description: "Keep", mail: null } }));
    expect(expectApplied(again.result).changed).toBe(false);
    expect(again.searches).toBe(0);
  });

  it("replaces a unique value with itself (unique overlay) and clears a present attribute", async () => {
    const client = await warmClient();
    const op = createOp("Unique Uma", { mail: "uma@x.test" });
    const created = expectApplied(await client.execute(op));
    const sAMAccountName = (op as Extract<DirectoryOperation, { kind: "create" }>).attributes["sAMAccountName"]!;
    const result = expectApplied(await client.execute({ kind: "update", anchor: created.anchor, changes: { sAMAccountName, mail: null } }));
    expect(result.changed).toBe(true);
    expect(await readRaw(created.dn, ["sAMAccountName", "mail"])).toMatchObject({ sAMAccountName, mail: [] });
  });

  it("follows an account renamed behind its back: looks the anchor up again and remembers the new DN", async () => {
    const client = await warmClient();
    const created = expectApplied(await client.execute(createOp("Behind Ben")));
    const newDn = `cn=Behind Ben Renamed,${server.usersDn}`;
    await admin.modifyDN(created.dn, newDn);

    const first = await countRequests(() => client.execute({ kind: "update", anchor: created.anchor, changes: { title: "Found" } }));
    expect(dnEquals(expectApplied(first.result).dn, newDn)).toBe(true);
    expect(first.searches).toBe(1);
    expect((await readRaw(newDn, ["title"]))["title"]).toBe("Found");

    const next = await countRequests(() => client.execute({ kind: "update", anchor: created.anchor, changes: { title: "Again" } }));
    expect(dnEquals(expectApplied(next.result).dn, newDn)).toBe(true);
    expect(next.searches).toBe(0);
  });

  it("never writes another account that took over the remembered DN (the assertion on the anchor fails)", async () => {
    const client = await warmClient();
    const created = expectApplied(await client.execute(createOp("Taken Tom", { title: "Mine" })));
    const movedDn = `cn=Taken Tom,${server.leaversDn}`;
    await admin.modifyDN(created.dn, movedDn);
    await admin.add(created.dn, [
      new Attribute({ type: "objectClass", values: ["top", "person", "organizationalPerson", "user"] }),
      new Attribute({ type: "cn", values: ["Taken Tom"] }),
      new Attribute({ type: "sn", values: ["Impostor"] }),
      new Attribute({ type: "title", values: ["Theirs"] }),
    ]);

    const result = expectApplied(await client.execute({ kind: "update", anchor: created.anchor, changes: { title: "Updated" } }));
    expect(dnEquals(result.dn, movedDn)).toBe(true);
    expect((await readRaw(movedDn, ["title"]))["title"]).toBe("Updated");
    expect(await readRaw(created.dn, ["title", "sn"])).toMatchObject({ title: "Theirs", sn: "Impostor" });
  });

  it("remembers the DN after its own move and rename, and forgets it after a delete", async () => {
    const client = await warmClient();
    const created = expectApplied(await client.execute(createOp("Wander Wes")));
    const moved = expectApplied(await client.execute({ kind: "move", anchor: created.anchor, newParentDn: server.leaversDn }));
    const renamed = expectApplied(await client.execute({ kind: "rename", anchor: created.anchor, newCn: "Wander Wes (left)" }));
    expect(dnEquals(renamed.dn, `cn=Wander Wes (left),${server.leaversDn}`)).toBe(true);
    expect(dnEquals(moved.dn, `cn=Wander Wes,${server.leaversDn}`)).toBe(true);

    const update = await countRequests(() => client.execute({ kind: "update", anchor: created.anchor, changes: { title: "Left" } }));
    expect(dnEquals(expectApplied(update.result).dn, renamed.dn)).toBe(true);
    expect(update.searches).toBe(0);
    expect((await readRaw(renamed.dn, ["title"]))["title"]).toBe("Left");

    expectApplied(await client.execute({ kind: "delete", anchor: created.anchor }));
    const gone = await countRequests(() => client.execute({ kind: "update", anchor: created.anchor, changes: { title: "Ghost" } }));
    expect(expectFailed(gone.result)).toMatchObject({ errorCode: "InvalidAnchor", retryable: false });
    expect(gone.modifies).toBe(0);
  });

  it("reports InvalidAnchor for an account deleted behind its back", async () => {
    const client = await warmClient();
    const created = expectApplied(await client.execute(createOp("Deleted Dora")));
    await admin.del(created.dn);
    const failure = expectFailed(await client.execute({ kind: "update", anchor: created.anchor, changes: { title: "Nobody" } }));
    expect(failure).toMatchObject({ errorCode: "InvalidAnchor", retryable: false });
  });

  it("remembers accounts found by queries, and searches every time when the cache is off", async () => {
    const client = await warmClient();
    const other = directory();
    const created = expectApplied(await other.execute(createOp("Queried Quinn")));
    await client.readByAnchor([created.anchor], []);
    const afterRead = await countRequests(() => client.execute({ kind: "update", anchor: created.anchor, changes: { title: "Read" } }));
    expect(afterRead.searches).toBe(0);

    const uncached = await warmClient({ anchorCacheSize: 0 });
    for (const title of ["One", "Two"]) {
      const { result, searches } = await countRequests(() => uncached.execute({ kind: "update", anchor: created.anchor, changes: { title } }));
      expect(expectApplied(result).changed).toBe(true);
      expect(searches).toBe(1);
    }
  });
});
