import type { DirectoryOperation } from "@roster/engine";
import type { Client } from "ldapts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dnEquals, parseDn } from "../dn/distinguished-name.js";
import { findUnknownAttributes } from "../schema/directory-schema.js";
import { startOpenLdap, type OpenLdapServer } from "../test-support/openldap-server.js";
import { rawClient } from "../test-support/raw-client.js";
import { createDirectoryClient, type DirectoryClient } from "./directory-client.js";
import type { AppliedResult, FailedResult, OperationResult } from "./operation-executor.js";

let server: OpenLdapServer;
let directory: DirectoryClient;
let admin: Client;
let sequence = 0;

beforeAll(async () => {
  server = await startOpenLdap();
  directory = createDirectoryClient({
    url: server.url,
    bindDn: server.bindDn,
    password: server.password,
    baseDn: server.baseDn,
    dialect: "openldap",
    pool: { size: 2, maxInFlightPerConnection: 8 },
  });
  admin = rawClient(server.url);
  await admin.bind(server.bindDn, server.password);
});

afterAll(async () => {
  await directory?.close();
  await admin?.unbind();
  await server?.stop();
});

/** A fresh worker's create operation; unique employeeID and sAMAccountName per call. */
function newWorker(cn: string, options: { attributes?: Record<string, string | string[]>; parentDn?: string; disabled?: boolean } = {}) {
  const n = ++sequence;
  const employeeID = `E${String(n).padStart(5, "0")}`;
  const op: DirectoryOperation = {
    kind: "create",
    parentDn: options.parentDn ?? server.usersDn,
    cn,
    attributes: { sn: "Test", sAMAccountName: `user${n}`, employeeID, ...options.attributes },
    accountDisabled: options.disabled ?? false,
  };
  return { op, employeeID, sAMAccountName: `user${n}` };
}

function expectApplied(result: OperationResult): AppliedResult {
  if (result.status !== "applied") throw new Error(`expected applied, got ${JSON.stringify(result)}`);
  return result;
}

function expectFailed(result: OperationResult): FailedResult {
  if (result.status !== "failed") throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result;
}

async function create(cn: string, options?: Parameters<typeof newWorker>[1]) {
  const worker = newWorker(cn, options);
  const result = expectApplied(await directory.execute(worker.op));
  return { ...worker, ...result };
}

async function readRaw(dn: string, attributes: string[]) {
  const { searchEntries } = await admin.search(dn, { scope: "base", attributes });
  return searchEntries[0]!;
}

describe("create", () => {
  it("adds a user under parentDn, enabled, and reports its entryUUID anchor", async () => {
    const jo = await create("Rivera, Jo", { attributes: { title: "Engineer", givenName: "Jo" } });
    expect(jo.anchor).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(parseDn(jo.dn)[0]).toEqual([{ type: expect.stringMatching(/^cn$/i), value: "Rivera, Jo" }]);
    const raw = await readRaw(jo.dn, ["objectClass", "userAccountControl", "title", "employeeID", "entryUUID", "unicodePwd"]);
    expect(raw["objectClass"]).toEqual(expect.arrayContaining(["user", "organizationalPerson", "person"]));
    expect(raw["userAccountControl"]).toBe("512");
    expect(raw["title"]).toBe("Engineer");
    expect(raw["entryUUID"]).toBe(jo.anchor);
    expect(raw["unicodePwd"]).toEqual([]); // no password on the openldap dialect by default
  });

  it("creates a disabled account as 514 and keeps other userAccountControl bits", async () => {
    const plain = await create("Disabled Dana", { disabled: true });
    expect((await readRaw(plain.dn, ["userAccountControl"]))["userAccountControl"]).toBe("514");
    const noExpiry = await create("No Expiry Nick", { disabled: true, attributes: { userAccountControl: "66048" } });
    expect((await readRaw(noExpiry.dn, ["userAccountControl"]))["userAccountControl"]).toBe("66050");
  });

  it.each(["Smith, Jr.", "Lee+Chen", "#1", "O'Brien", "Åsa Öberg", "a\\b", "ends\\", " lead", "trail ", 'say "hi"', "<x>;=y", "*"])(
    "escapes the HR name %j in the DN",
    async (cn) => {
      const worker = await create(cn);
      expect(parseDn(worker.dn)[0]![0]!.value).toBe(cn);
      expect((await readRaw(worker.dn, ["cn"]))["cn"]).toBe(cn);
      const found = await directory.findByMatchingAttribute("employeeID", [worker.employeeID], { attributes: ["cn"] });
      expect(found.get(worker.employeeID)?.map((entry) => entry.attributes["cn"])).toEqual([cn]);
    },
  );

  it("fails with Conflict (68) for the same cn in the same OU", async () => {
    await create("Twin Tam");
    const failure = expectFailed(await directory.execute(newWorker("Twin Tam").op));
    expect(failure).toMatchObject({ errorCode: "Conflict", ldapCode: 68, retryable: false });
    expect(failure.message).toContain("Twin Tam");
  });

  it("fails with Conflict (19, unique overlay) for a sAMAccountName taken in another case", async () => {
    const first = await create("Unique Uma");
    const clash = newWorker("Unique Uma 2", { attributes: { sAMAccountName: first.sAMAccountName.toUpperCase() } });
    expect(expectFailed(await directory.execute(clash.op))).toMatchObject({ errorCode: "Conflict", ldapCode: 19 });
  });

  it("fails with NoSuchParent (32) when the OU does not exist", async () => {
    const failure = expectFailed(await directory.execute(newWorker("Lost Lou", { parentDn: `ou=Nowhere,${server.baseDn}` }).op));
    expect(failure).toMatchObject({ errorCode: "NoSuchParent", ldapCode: 32, retryable: false });
  });

  it("fails with MandatoryFieldsMissing (65) without the sn OpenLDAP's person requires", async () => {
    const worker = newWorker("No Surname");
    const { sn: _sn, ...attributes } = (worker.op as Extract<DirectoryOperation, { kind: "create" }>).attributes;
    const failure = expectFailed(await directory.execute({ ...worker.op, attributes } as DirectoryOperation));
    expect(failure).toMatchObject({ errorCode: "MandatoryFieldsMissing", ldapCode: 65 });
  });

  it("checks lengths before sending: AttributeValueTooLong names the attribute", async () => {
    const worker = newWorker("Long Company", { attributes: { company: "C".repeat(65) } });
    const failure = expectFailed(await directory.execute(worker.op));
    expect(failure.errorCode).toBe("AttributeValueTooLong");
    expect(failure.ldapCode).toBeUndefined();
    expect(failure.message).toMatch(/company is 65 characters long; the directory allows at most 64/);
    expect((await directory.findByMatchingAttribute("employeeID", [worker.employeeID])).get(worker.employeeID)).toEqual([]);
    const longCn = expectFailed(await directory.execute(newWorker("N".repeat(65)).op));
    expect(longCn.errorCode).toBe("AttributeValueTooLong");
    expect(longCn.message).toContain("cn");
  });

  it("maps the server's own length check (19 constraint overlay) to AttributeValueTooLong", async () => {
    const lenient = createDirectoryClient({
      url: server.url,
      bindDn: server.bindDn,
      password: server.password,
      baseDn: server.baseDn,
      dialect: "openldap",
      attributeLimits: { employeeID: null },
    });
    try {
      const failure = expectFailed(await lenient.execute(newWorker("Long Id", { attributes: { employeeID: "12345678901234567" } }).op));
      expect(failure).toMatchObject({ errorCode: "AttributeValueTooLong", ldapCode: 19 });
    } finally {
      await lenient.close();
    }
  });

  it("rejects empty strings before sending (AD would answer 21)", async () => {
    const failure = expectFailed(await directory.execute(newWorker("Empty Title", { attributes: { title: "" } }).op));
    expect(failure).toMatchObject({ errorCode: "InvalidAttributeSyntax" });
    expect(failure.message).toContain("title");
  });

  it("maps an unknown attribute (17) to HybridSynchronizationActiveDirectoryCannotFindAttribute", async () => {
    const failure = expectFailed(await directory.execute(newWorker("Custom Attr", { attributes: { workdayID: "W1" } }).op));
    expect(failure).toMatchObject({ errorCode: "HybridSynchronizationActiveDirectoryCannotFindAttribute", ldapCode: 17 });
  });
});

describe("update", () => {
  it("writes only changed attributes and deletes attributes set to null", async () => {
    const w = await create("Update Ulla", { attributes: { title: "Old", department: "Platform", mail: "u@x.test" } });
    const result = expectApplied(
      await directory.execute({ kind: "update", anchor: w.anchor, changes: { title: "New", department: "Platform", mail: null } }),
    );
    expect(result).toMatchObject({ anchor: w.anchor, changed: true });
    const raw = await readRaw(w.dn, ["title", "department", "mail", "modifyTimestamp"]);
    expect(raw).toMatchObject({ title: "New", department: "Platform", mail: [] });

    const again = expectApplied(
      await directory.execute({ kind: "update", anchor: w.anchor, changes: { title: "New", department: "Platform", mail: null, description: null } }),
    );
    expect(again.changed).toBe(false);
  });

  it("replaces multi-valued attributes as a set", async () => {
    const w = await create("Multi Max", { attributes: { proxyAddresses: ["SMTP:max@x.test", "smtp:m@x.test"] } });
    const same = expectApplied(
      await directory.execute({ kind: "update", anchor: w.anchor, changes: { proxyAddresses: ["smtp:m@x.test", "SMTP:max@x.test"] } }),
    );
    expect(same.changed).toBe(false);
    expectApplied(await directory.execute({ kind: "update", anchor: w.anchor, changes: { proxyAddresses: ["SMTP:max@y.test"] } }));
    expect((await readRaw(w.dn, ["proxyAddresses"]))["proxyAddresses"]).toBe("SMTP:max@y.test");
  });

  it("handles the pseudo-attributes accountDisabled, parentDistinguishedName and cn", async () => {
    const w = await create("Pseudo Pat");
    const result = expectApplied(
      await directory.execute({
        kind: "update",
        anchor: w.anchor,
        changes: { accountDisabled: "True", parentDistinguishedName: server.leaversDn, cn: "Pseudo Pat (left)", title: "Gone" },
      }),
    );
    expect(dnEquals(result.dn, `cn=Pseudo Pat (left),${server.leaversDn}`)).toBe(true);
    expect(await readRaw(result.dn, ["userAccountControl", "title", "entryUUID"])).toMatchObject({
      userAccountControl: "514",
      title: "Gone",
      entryUUID: w.anchor,
    });
  });

  it("maps invalidAttributeSyntax (21) from the server", async () => {
    const w = await create("Syntax Sam");
    const failure = expectFailed(await directory.execute({ kind: "update", anchor: w.anchor, changes: { accountExpires: "next year" } }));
    expect(failure).toMatchObject({ errorCode: "InvalidAttributeSyntax", ldapCode: 21 });
    expect(failure.message).toContain(parseDn(w.dn)[0]![0]!.value);
  });

  it("rejects accountDisabled values other than True/False", async () => {
    const w = await create("Bool Bo");
    const failure = expectFailed(await directory.execute({ kind: "update", anchor: w.anchor, changes: { accountDisabled: "yes" } }));
    expect(failure.errorCode).toBe("HybridSynchronizationActiveDirectoryInvalidParameter");
  });
});

describe("enable / disable", () => {
  it("toggles only bit 0x2, read-modify-write, and is idempotent", async () => {
    const w = await create("Toggle Tess", { disabled: true, attributes: { userAccountControl: "66048" } });
    expect(expectApplied(await directory.execute({ kind: "enable", anchor: w.anchor })).changed).toBe(true);
    expect((await readRaw(w.dn, ["userAccountControl"]))["userAccountControl"]).toBe("66048");
    expect(expectApplied(await directory.execute({ kind: "enable", anchor: w.anchor })).changed).toBe(false);
    expectApplied(await directory.execute({ kind: "disable", anchor: w.anchor }));
    expect((await readRaw(w.dn, ["userAccountControl"]))["userAccountControl"]).toBe("66050");
    const [entry] = (await directory.readByAnchor([w.anchor])).values();
    expect(entry?.attributes["accountDisabled"]).toBe("True");
  });
});

describe("move and rename", () => {
  it("moves with modifyDN + newSuperior, keeps the anchor, and is a no-op for the same parent spelled differently", async () => {
    const w = await create("Mover, Mo");
    const moved = expectApplied(await directory.execute({ kind: "move", anchor: w.anchor, newParentDn: server.leaversDn }));
    expect(moved).toMatchObject({ anchor: w.anchor, changed: true });
    expect(dnEquals(moved.dn, `CN=Mover\\, Mo,${server.leaversDn}`)).toBe(true);
    const entry = (await directory.readByAnchor([w.anchor])).get(w.anchor);
    expect(dnEquals(String(entry?.attributes["parentDistinguishedName"]), server.leaversDn)).toBe(true);
    const same = expectApplied(
      await directory.execute({ kind: "move", anchor: w.anchor, newParentDn: server.leaversDn.toUpperCase().replaceAll(",", ", ") }),
    );
    expect(same.changed).toBe(false);
  });

  it("moves an account whose cn ends in a backslash (ldapts' modifyDN split)", async () => {
    const w = await create("Back\\");
    const moved = expectApplied(await directory.execute({ kind: "move", anchor: w.anchor, newParentDn: server.leaversDn }));
    expect(parseDn(moved.dn)[0]![0]!.value).toBe("Back\\");
    expect((await readRaw(moved.dn, ["entryUUID"]))["entryUUID"]).toBe(w.anchor);
  });

  it("fails with NoSuchParent when the target OU is missing, InvalidAnchor when the account is gone", async () => {
    const w = await create("Stuck Stu");
    const failure = expectFailed(await directory.execute({ kind: "move", anchor: w.anchor, newParentDn: `ou=Nowhere,${server.baseDn}` }));
    expect(failure).toMatchObject({ errorCode: "NoSuchParent", ldapCode: 32 });
    const bad = expectFailed(await directory.execute({ kind: "move", anchor: w.anchor, newParentDn: "ou=,,x" }));
    expect(bad.errorCode).toBe("InvalidAttributeSyntax");
    expect(bad.message).toContain("parentDistinguishedName");
  });

  it("renames with an escaped RDN and fails with Conflict (68) on a sibling's cn", async () => {
    const w = await create("Rename Ray");
    const renamed = expectApplied(await directory.execute({ kind: "rename", anchor: w.anchor, newCn: "Ray, Rename+1" }));
    expect(parseDn(renamed.dn)[0]![0]!.value).toBe("Ray, Rename+1");
    expect(await readRaw(renamed.dn, ["cn", "entryUUID"])).toMatchObject({ cn: "Ray, Rename+1", entryUUID: w.anchor });
    expect(expectApplied(await directory.execute({ kind: "rename", anchor: w.anchor, newCn: "Ray, Rename+1" })).changed).toBe(false);
    await create("Sibling Sib");
    expect(expectFailed(await directory.execute({ kind: "rename", anchor: w.anchor, newCn: "Sibling Sib" }))).toMatchObject({
      errorCode: "Conflict",
      ldapCode: 68,
    });
  });
});

describe("setReference", () => {
  it("writes the referenced account's DN, follows its moves (refint), and clears with null", async () => {
    const boss = await create("Natarajan, Priya");
    const report = await create("Report Rae");
    const set = expectApplied(await directory.execute({ kind: "setReference", anchor: report.anchor, attribute: "manager", targetAnchor: boss.anchor }));
    expect(set.changed).toBe(true);
    expect(dnEquals(String((await readRaw(report.dn, ["manager"]))["manager"]), boss.dn)).toBe(true);
    expect(expectApplied(await directory.execute({ kind: "setReference", anchor: report.anchor, attribute: "manager", targetAnchor: boss.anchor })).changed).toBe(
      false,
    );

    const moved = expectApplied(await directory.execute({ kind: "move", anchor: boss.anchor, newParentDn: server.leaversDn }));
    // slapd's refint overlay rewrites references in a background task after the rename: wait for it.
    const deadline = Date.now() + 10_000;
    let managerDn = "";
    for (;;) {
      const entry = (await directory.readByAnchor([report.anchor], ["manager"])).get(report.anchor);
      managerDn = String(entry?.attributes["manager"]);
      if (dnEquals(managerDn, moved.dn) || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(dnEquals(managerDn, moved.dn), managerDn).toBe(true);

    expectApplied(await directory.execute({ kind: "setReference", anchor: report.anchor, attribute: "manager", targetAnchor: null }));
    expect((await readRaw(report.dn, ["manager"]))["manager"]).toEqual([]);
  });

  it("reports ReferenceUnresolved when the referenced account does not exist", async () => {
    const report = await create("Orphan Oz");
    const failure = expectFailed(
      await directory.execute({ kind: "setReference", anchor: report.anchor, attribute: "manager", targetAnchor: "00000000-0000-0000-0000-000000000000" }),
    );
    expect(failure).toMatchObject({ errorCode: "ReferenceUnresolved", anchor: report.anchor });
  });
});

describe("delete", () => {
  it("deletes by anchor; later operations on the anchor fail with InvalidAnchor", async () => {
    const w = await create("Delete Del");
    expectApplied(await directory.execute({ kind: "delete", anchor: w.anchor }));
    expect((await directory.readByAnchor([w.anchor])).size).toBe(0);
    for (const op of [
      { kind: "update", anchor: w.anchor, changes: { title: "x" } },
      { kind: "disable", anchor: w.anchor },
      { kind: "delete", anchor: w.anchor },
    ] as const) {
      expect(expectFailed(await directory.execute(op))).toMatchObject({ errorCode: "InvalidAnchor", retryable: false });
    }
    expect(expectFailed(await directory.execute({ kind: "enable", anchor: "not-a-uuid" })).errorCode).toBe("InvalidAnchor");
  });
});

describe("queries", () => {
  it("finds by matching attribute in chunks, case-insensitively, reporting duplicates and misses", async () => {
    const workers = await Promise.all(Array.from({ length: 230 }, (_, i) => create(`Bulk ${i}`, { attributes: { title: `T${i}` } })));
    const dupe = await create("Bulk dupe", { attributes: { employeeID: workers[0]!.employeeID.toLowerCase() } });
    const values = [...workers.map((w) => w.employeeID), "E-MISSING", "", workers[5]!.employeeID.toLowerCase()];
    const found = await directory.findByMatchingAttribute("employeeID", values, { attributes: ["title", "EmployeeID"] });
    expect(found.size).toBe(values.length);
    expect(found.get("E-MISSING")).toEqual([]);
    expect(found.get("")).toEqual([]);
    expect(found.get(workers[0]!.employeeID)!.map((e) => e.anchor).sort()).toEqual([workers[0]!.anchor, dupe.anchor].sort());
    const fifth = found.get(workers[5]!.employeeID.toLowerCase())!;
    expect(fifth).toHaveLength(1);
    expect(fifth[0]).toMatchObject({
      anchor: workers[5]!.anchor,
      attributes: { title: "T5", EmployeeID: workers[5]!.employeeID, accountDisabled: "False" },
    });
    expect(dnEquals(String(fifth[0]!.attributes["parentDistinguishedName"]), server.usersDn)).toBe(true);
    expect(found.get(workers[100]!.employeeID)?.[0]?.anchor).toBe(workers[100]!.anchor);
  });

  it("checks uniqueness case-insensitively", async () => {
    const w = await create("Taken Tim");
    const taken = await directory.isTaken("sAMAccountName", [w.sAMAccountName.toUpperCase(), "free-name-1", w.sAMAccountName]);
    expect([...taken]).toEqual([
      [w.sAMAccountName.toUpperCase(), true],
      ["free-name-1", false],
      [w.sAMAccountName, true],
    ]);
  });

  it("reads by anchor, skipping malformed and missing anchors", async () => {
    const a = await create("Anchor Ann", { attributes: { title: "A" } });
    const b = await create("Anchor Ben", { disabled: true });
    const read = await directory.readByAnchor([a.anchor, b.anchor.toUpperCase(), "nope", "11111111-2222-3333-4444-555555555555"], ["title"]);
    expect([...read.keys()]).toEqual(expect.arrayContaining([a.anchor, b.anchor.toUpperCase()]));
    expect(read.size).toBe(2);
    expect(read.get(a.anchor)?.attributes).toMatchObject({ title: "A", accountDisabled: "False" });
    expect(read.get(b.anchor.toUpperCase())?.attributes).toMatchObject({ title: null, accountDisabled: "True" });
  });

  it("reports all attributes except secrets when none are named", async () => {
    const a = await create("All Attr", { attributes: { title: "T" } });
    const entry = (await directory.readByAnchor([a.anchor])).get(a.anchor)!;
    expect(entry.attributes).toMatchObject({ title: "T", sn: "Test", employeeID: a.employeeID });
    expect(Object.keys(entry.attributes).map((k) => k.toLowerCase())).not.toContain("entryuuid");
  });

  it("rejects invalid attribute names with a RosterError", async () => {
    await expect(directory.findByMatchingAttribute("employee ID)(x", ["1"])).rejects.toMatchObject({
      code: "HybridSynchronizationActiveDirectoryCannotFindAttribute",
    });
  });
});

describe("connection test and schema", () => {
  it("tests the connection and the base DN", async () => {
    const result = await directory.testConnection();
    expect(result).toMatchObject({ ok: true, encrypted: false });
    if (result.ok) expect(result.namingContexts).toContain(server.baseDn);
    const wrongBase = createDirectoryClient({ url: server.url, bindDn: server.bindDn, password: server.password, baseDn: "dc=missing,dc=test", dialect: "openldap" });
    expect(await wrongBase.testConnection()).toMatchObject({ ok: false, errorCode: "NoSuchParent", ldapCode: 32 });
    await wrongBase.close();
  });

  it("maps invalidCredentials (49) to Unauthorized, for operations and connection tests", async () => {
    const wrong = createDirectoryClient({ url: server.url, bindDn: server.bindDn, password: "wrong", baseDn: server.baseDn, dialect: "openldap" });
    try {
      expect(await wrong.testConnection()).toMatchObject({ ok: false, errorCode: "Unauthorized", ldapCode: 49, retryable: false });
      expect(expectFailed(await wrong.execute(newWorker("Never Nell").op))).toMatchObject({ errorCode: "Unauthorized", ldapCode: 49 });
      await expect(wrong.isTaken("sAMAccountName", ["x"])).rejects.toMatchObject({ code: "Unauthorized" });
    } finally {
      await wrong.close();
    }
  });

  it("maps insufficientAccessRights (50) for an account that may only read", async () => {
    const reader = createDirectoryClient({ url: server.url, bindDn: server.readerDn, password: server.readerPassword, baseDn: server.baseDn, dialect: "openldap" });
    try {
      expect(expectFailed(await reader.execute(newWorker("Denied Dee").op))).toMatchObject({ errorCode: "InsufficientAccessRights", ldapCode: 50 });
      const w = await create("Read Only Rob");
      expect(expectFailed(await reader.execute({ kind: "update", anchor: w.anchor, changes: { title: "x" } }))).toMatchObject({
        errorCode: "InsufficientAccessRights",
        ldapCode: 50,
      });
    } finally {
      await reader.close();
    }
  });

  it("maps an unreachable server to EndpointUnavailable", async () => {
    const down = createDirectoryClient({ url: "ldap://127.0.0.1:1", bindDn: "cn=x", password: "x", baseDn: server.baseDn, dialect: "openldap" });
    expect(await down.testConnection()).toMatchObject({ ok: false, errorCode: "EndpointUnavailable", retryable: true });
    expect(expectFailed(await down.execute({ kind: "enable", anchor: "11111111-2222-3333-4444-555555555555" }))).toMatchObject({
      errorCode: "EndpointUnavailable",
      retryable: true,
    });
    await down.close();
  });

  it("reads the schema: names, aliases, single-valued flags and bounds", async () => {
    const schema = await directory.readSchema();
    expect(schema.attributes.get("samaccountname")).toMatchObject({ name: "sAMAccountName", singleValued: true, maxLength: 256 });
    expect(schema.attributes.get("commonname")?.name).toBe("cn");
    expect(schema.attributes.get("proxyaddresses")?.singleValued).toBe(false);
    expect(findUnknownAttributes(schema, ["employeeID", "manager", "workdayID", "accountDisabled"])).toEqual(["workdayID"]);
  });
});
