/**
 * AD semantics against a real Samba AD DC. Provisioning takes several seconds, so every
 * Samba test lives in this one file and shares one domain controller.
 */
import type { DirectoryOperation } from "@roster/engine";
import type { Client } from "ldapts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guidBytesToString } from "../ad/object-guid.js";
import type { DirectoryConfigInput } from "../config/directory-config.js";
import { dnEquals, parseDn } from "../dn/distinguished-name.js";
import { startSambaAd, type SambaAdServer } from "../test-support/samba-ad-server.js";
import { rawClient } from "../test-support/raw-client.js";
import { createDirectoryClient, type DirectoryClient } from "./directory-client.js";
import type { AppliedResult, FailedResult, OperationResult } from "./operation-executor.js";

let server: SambaAdServer;
let directory: DirectoryClient;
let admin: Client;
let sequence = 0;

function config(overrides: Partial<DirectoryConfigInput> = {}): DirectoryConfigInput {
  return {
    url: server.ldapsUrl,
    bindDn: server.bindDn,
    password: server.password,
    baseDn: server.baseDn,
    dialect: "ad",
    tls: { caFile: server.caFile, serverName: server.serverName },
    ...overrides,
  };
}

beforeAll(async () => {
  server = await startSambaAd();
  directory = createDirectoryClient(config({ pool: { size: 2 } }));
  admin = rawClient(server.url);
  await admin.bind(server.bindDn, server.password);
}, 180_000);

afterAll(async () => {
  await directory?.close();
  await admin?.unbind();
  await server?.stop();
});

function newWorker(cn: string, options: { attributes?: Record<string, string>; parentDn?: string; disabled?: boolean } = {}) {
  const n = ++sequence;
  const sAMAccountName = `sam${n}`;
  const op: DirectoryOperation = {
    kind: "create",
    parentDn: options.parentDn ?? server.usersDn,
    cn,
    attributes: {
      sAMAccountName,
      userPrincipalName: `${sAMAccountName}@${server.realm.toLowerCase()}`,
      employeeID: `S${n}`,
      displayName: cn,
      ...options.attributes,
    },
    accountDisabled: options.disabled ?? false,
  };
  return { op, sAMAccountName, employeeID: `S${n}` };
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
  return { ...worker, ...expectApplied(await directory.execute(worker.op)) };
}

async function readRaw(dn: string, attributes: string[]) {
  const { searchEntries } = await admin.search(dn, { scope: "base", attributes, explicitBufferAttributes: ["objectGUID"] });
  return searchEntries[0]!;
}

describe("Samba AD DC", { timeout: 60_000 }, () => {
  it("tests the connection over LDAPS and StartTLS, verifying the DC's certificate", async () => {
    expect(await directory.testConnection()).toMatchObject({ ok: true, encrypted: true, defaultNamingContext: server.baseDn });
    const startTls = createDirectoryClient(config({ url: server.url, tls: { startTls: true, caFile: server.caFile, serverName: server.serverName } }));
    expect(await startTls.testConnection()).toMatchObject({ ok: true, encrypted: true });
    await startTls.close();
    const unverified = createDirectoryClient(config({ tls: { serverName: server.serverName } }));
    expect(await unverified.testConnection()).toMatchObject({ ok: false, errorCode: "InvalidConfiguration" });
    await unverified.close();
  });

  it("creates an enabled account: added as 514 with a password, then 512; objectGUID is the anchor", async () => {
    const jo = await create("Rivera, Jo");
    expect(jo.anchor).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const raw = await readRaw(jo.dn, ["objectGUID", "userAccountControl", "objectClass", "pwdLastSet", "sAMAccountName"]);
    expect(guidBytesToString(raw["objectGUID"] as Buffer)).toBe(jo.anchor);
    expect(raw["userAccountControl"]).toBe("512");
    expect(raw["objectClass"]).toEqual(["top", "person", "organizationalPerson", "user"]);
    expect(Number(raw["pwdLastSet"])).toBeGreaterThan(0); // the random initial password is set
    expect(dnEquals(jo.dn, `CN=Rivera\\, Jo,${server.usersDn}`)).toBe(true);
  });

  it("creates a disabled account as 514 (not AD's passwordless default 546)", async () => {
    const dana = await create("Disabled Dana", { disabled: true });
    expect((await readRaw(dana.dn, ["userAccountControl"]))["userAccountControl"]).toBe("514");
    const [entry] = (await directory.readByAnchor([dana.anchor])).values();
    expect(entry?.attributes["accountDisabled"]).toBe("True");
  });

  it("enables and disables by flipping only 0x2", async () => {
    const w = await create("Toggle Tess", { attributes: { userAccountControl: "66048" } });
    expect((await readRaw(w.dn, ["userAccountControl"]))["userAccountControl"]).toBe("66048");
    expectApplied(await directory.execute({ kind: "disable", anchor: w.anchor }));
    expect((await readRaw(w.dn, ["userAccountControl"]))["userAccountControl"]).toBe("66050");
    expect(expectApplied(await directory.execute({ kind: "disable", anchor: w.anchor })).changed).toBe(false);
    expectApplied(await directory.execute({ kind: "enable", anchor: w.anchor }));
    expect((await readRaw(w.dn, ["userAccountControl"]))["userAccountControl"]).toBe("66048");
  });

  it("refuses to send unicodePwd over plain LDAP, even though this relaxed Samba would take it", async () => {
    const worker = newWorker("Plain Pat");
    const plain = createDirectoryClient(config({ url: server.url, tls: { rejectUnauthorized: true } }));
    const refused = expectFailed(await plain.execute(worker.op));
    expect(refused).toMatchObject({ errorCode: "InvalidConfiguration" });
    expect(refused.message).toContain("unencrypted");
    expect(refused.ldapCode).toBeUndefined();
    await plain.close();
    expect((await directory.findByMatchingAttribute("employeeID", [worker.employeeID])).get(worker.employeeID)).toEqual([]);

    // With strong auth relaxed, Samba accepts the password in clear text; only the test override lets Roster send it.
    const overridden = createDirectoryClient(config({ url: server.url, tls: { rejectUnauthorized: true }, unsafeAllowPasswordWithoutTls: true }));
    const sent = expectApplied(await overridden.execute(newWorker("Plain Pam").op));
    expect((await readRaw(sent.dn, ["userAccountControl"]))["userAccountControl"]).toBe("512");
    await overridden.close();
  });

  it("treats sAMAccountName as unique case-insensitively (68) and finds taken names in any case", async () => {
    const w = await create("Unique Uma");
    const clash = newWorker("Unique Uma 2", { attributes: { sAMAccountName: w.sAMAccountName.toUpperCase() } });
    expect(expectFailed(await directory.execute(clash.op))).toMatchObject({ errorCode: "Conflict", ldapCode: 68 });
    const taken = await directory.isTaken("sAMAccountName", [w.sAMAccountName.toUpperCase(), "ADMINISTRATOR", "never-used-1"]);
    expect(Object.fromEntries(taken)).toEqual({ [w.sAMAccountName.toUpperCase()]: true, ADMINISTRATOR: true, "never-used-1": false });
  });

  it("fails a duplicate userPrincipalName with Conflict (19)", async () => {
    const w = await create("Upn Una");
    const clash = newWorker("Upn Una 2", { attributes: { userPrincipalName: `${w.sAMAccountName}@${server.realm.toLowerCase()}` } });
    expect(expectFailed(await directory.execute(clash.op))).toMatchObject({ errorCode: "Conflict", ldapCode: 19 });
  });

  it("checks AD's limits before sending, where Samba itself would accept or say 21", async () => {
    const longSam = expectFailed(await directory.execute(newWorker("Long Sam", { attributes: { sAMAccountName: "a".repeat(21) } }).op));
    expect(longSam).toMatchObject({ errorCode: "AttributeValueTooLong" });
    expect(longSam.message).toContain("sAMAccountName");
    const longCompany = expectFailed(await directory.execute(newWorker("Long Co", { attributes: { company: "c".repeat(65) } }).op));
    expect(longCompany.errorCode).toBe("AttributeValueTooLong");
  });

  it("fails with NoSuchParent (32) under a missing OU", async () => {
    const failure = expectFailed(await directory.execute(newWorker("Lost Lou", { parentDn: `OU=Nowhere,${server.baseDn}` }).op));
    expect(failure).toMatchObject({ errorCode: "NoSuchParent", ldapCode: 32 });
  });

  it("finds by employeeID (indexed) and reads by objectGUID in any spelling", async () => {
    const a = await create("Match Max", { attributes: { title: "Lead" } });
    const found = await directory.findByMatchingAttribute("employeeID", [a.employeeID.toLowerCase(), "S-none"], { attributes: ["title", "sAMAccountName"] });
    expect(found.get("S-none")).toEqual([]);
    expect(found.get(a.employeeID.toLowerCase())).toEqual([
      {
        anchor: a.anchor,
        dn: a.dn,
        attributes: { title: "Lead", sAMAccountName: a.sAMAccountName, accountDisabled: "False", parentDistinguishedName: server.usersDn },
      },
    ]);
    const upper = `{${a.anchor.toUpperCase()}}`;
    const read = await directory.readByAnchor([upper, "00000000-0000-0000-0000-000000000001"], ["title"]);
    expect([...read.keys()]).toEqual([upper]);
    expect(read.get(upper)?.anchor).toBe(a.anchor);
  });

  it("moves with modifyDN and keeps the objectGUID anchor", async () => {
    const w = await create("Mover, Mo");
    const moved = expectApplied(await directory.execute({ kind: "move", anchor: w.anchor, newParentDn: server.leaversDn }));
    expect(moved.anchor).toBe(w.anchor);
    expect(dnEquals(moved.dn, `CN=Mover\\, Mo,${server.leaversDn}`)).toBe(true);
    const raw = await readRaw(moved.dn, ["objectGUID"]);
    expect(guidBytesToString(raw["objectGUID"] as Buffer)).toBe(w.anchor);
    // Later operations still find it through <GUID=…>.
    const renamed = expectApplied(await directory.execute({ kind: "rename", anchor: w.anchor, newCn: "Mover, Mo (left)" }));
    expect(parseDn(renamed.dn)[0]![0]!.value).toBe("Mover, Mo (left)");
    expect((await readRaw(renamed.dn, ["cn"]))["cn"]).toBe("Mover, Mo (left)");
  });

  it("sets manager as a linked attribute: directReports appears and the DN follows the manager's move", async () => {
    const boss = await create("Natarajan, Priya");
    const report = await create("Report Rae");
    expectApplied(await directory.execute({ kind: "setReference", anchor: report.anchor, attribute: "manager", targetAnchor: boss.anchor }));
    expect(dnEquals(String((await readRaw(report.dn, ["manager"]))["manager"]), boss.dn)).toBe(true);
    expect(dnEquals(String((await readRaw(boss.dn, ["directReports"]))["directReports"]), report.dn)).toBe(true);

    const moved = expectApplied(await directory.execute({ kind: "move", anchor: boss.anchor, newParentDn: server.leaversDn }));
    const entry = (await directory.readByAnchor([report.anchor], ["manager"])).get(report.anchor);
    expect(dnEquals(String(entry?.attributes["manager"]), moved.dn)).toBe(true);

    expectApplied(await directory.execute({ kind: "setReference", anchor: report.anchor, attribute: "manager", targetAnchor: null }));
    expect((await readRaw(moved.dn, ["directReports"]))["directReports"]).toEqual([]);
  });

  it("maps a manager DN that does not exist (19, referenced object not found)", async () => {
    const w = await create("Dangling Dan");
    const failure = expectFailed(await directory.execute({ kind: "update", anchor: w.anchor, changes: { manager: `CN=Nobody,${server.usersDn}` } }));
    expect(failure).toMatchObject({ errorCode: "ReferenceUnresolved", ldapCode: 19 });
  });

  it("updates only changed attributes and clears with null", async () => {
    const w = await create("Update Ulla", { attributes: { title: "Old", department: "Platform" } });
    expect(expectApplied(await directory.execute({ kind: "update", anchor: w.anchor, changes: { title: "New", department: null } })).changed).toBe(true);
    expect(await readRaw(w.dn, ["title", "department"])).toMatchObject({ title: "New", department: [] });
    expect(expectApplied(await directory.execute({ kind: "update", anchor: w.anchor, changes: { title: "New", department: null } })).changed).toBe(false);
  });

  it("deletes by anchor; the anchor is then invalid", async () => {
    const w = await create("Delete Del");
    expectApplied(await directory.execute({ kind: "delete", anchor: w.anchor }));
    expect(expectFailed(await directory.execute({ kind: "enable", anchor: w.anchor }))).toMatchObject({ errorCode: "InvalidAnchor", ldapCode: 32 });
  });

  it("reads the AD schema with lengths from rangeUpper", async () => {
    const schema = await directory.readSchema();
    expect(schema.attributes.get("employeeid")).toMatchObject({ name: "employeeID", singleValued: true, maxLength: 16 });
    expect(schema.attributes.get("company")).toMatchObject({ maxLength: 64 });
    expect(schema.attributes.get("proxyaddresses")?.singleValued).toBe(false);
    expect(schema.attributes.has("workdayid")).toBe(false);
  });
});
