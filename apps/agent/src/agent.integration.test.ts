/**
 * The agent in-process against a coordinator on a loopback WebSocket and a real OpenLDAP
 * (ad-lite schema): registration, session, a mixed batch applied and verified by LDAP
 * searches, re-delivery, queries, malformed input, reconnects, and two agents racing on the
 * same creates.
 */
import { rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { createDirectoryClient, dnEquals, type DirectoryClient } from "@roster/directory";
import { startOpenLdap, type OpenLdapServer } from "@roster/directory/test-support";
import { PROTOCOL_VERSION, type OperationRequest, type OperationResult } from "@roster/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readCredentialFile } from "./credentials/credential-file.js";
import { silentLogger } from "./logging/create-logger.js";
import { registerAgent } from "./registration/register-agent.js";
import { startAgent, type RunningAgent } from "./start-agent.js";
import { testAgentConfig, TEST_DOMAIN } from "./test-support/agent-harness.js";
import { FakeCoordinator } from "./test-support/fake-coordinator.js";

let server: OpenLdapServer;
let reader: DirectoryClient;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  server = await startOpenLdap();
  reader = createDirectoryClient({ url: server.url, bindDn: server.bindDn, password: server.password, baseDn: server.baseDn, dialect: "openldap" });
}, 60_000);
afterAll(async () => {
  await reader?.close();
  await server?.stop();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function coordinatorAndAgent(prefix: string, options: Parameters<typeof FakeCoordinator.start>[0] = {}): Promise<{ coordinator: FakeCoordinator; agent: RunningAgent }> {
  const coordinator = await FakeCoordinator.start(options);
  cleanups.push(() => coordinator.stop());
  const config = await testAgentConfig(coordinator.url, server);
  cleanups.push(() => rm(config.stateDir, { recursive: true, force: true }));
  const agent = await startAgent({ config, credential: coordinator.issueCredential(`agent-${prefix}`), logger: silentLogger() });
  cleanups.push(() => agent.stop());
  return { coordinator, agent };
}

const person = (prefix: string, i: number, parentDn = server.usersDn): OperationRequest => ({
  idempotencyKey: `${prefix}-create-${i}`,
  operation: {
    kind: "create",
    parentDn,
    cn: `${prefix} Person ${i}`,
    attributes: { employeeID: `${prefix}-${i}`, sAMAccountName: `${prefix}.p${i}`, sn: "Person", givenName: `Given${i}`, title: "Trainee" },
    accountDisabled: false,
  },
});

function anchorOf(result: OperationResult | undefined): string {
  if (result === undefined || result.status === "failed" || result.anchor === undefined) throw new Error(`no anchor in ${JSON.stringify(result)}`);
  return result.anchor;
}

describe("agent with OpenLDAP", () => {
  it("registers: the token becomes a credential file with mode 0600 that the agent then runs with", async () => {
    const coordinator = await FakeCoordinator.start();
    cleanups.push(() => coordinator.stop());
    const config = await testAgentConfig(coordinator.url, server);
    cleanups.push(() => rm(config.stateDir, { recursive: true, force: true }));
    const credentialFile = join(config.stateDir, "credential.json");
    await registerAgent({
      endpoint: { url: coordinator.url, rejectUnauthorized: true, handshakeTimeoutMs: 5000 },
      token: coordinator.registrationToken,
      credentialFile,
      hostname: "agent-host",
      logger: silentLogger(),
    });
    expect((await stat(credentialFile)).mode & 0o777).toBe(0o600);
    const stored = await readCredentialFile(credentialFile);
    expect(coordinator.credentials.get(stored.agentId)).toBe(stored.credential);

    const agent = await startAgent({ config, logger: silentLogger() });
    cleanups.push(() => agent.stop());
    await coordinator.until(() => coordinator.connected && coordinator.received.some((m) => m.type === "heartbeat"), 10_000, "hello and a heartbeat");
    expect(coordinator.received.find((m) => m.type === "hello")).toMatchObject({ agentId: stored.agentId, credential: stored.credential, v: PROTOCOL_VERSION });
  });

  it("applies creates, updates, enable/disable, move, rename and setReference, returns anchors, and re-delivery changes nothing", async () => {
    const { coordinator } = await coordinatorAndAgent("mix", { maxInFlight: 16 });
    const creates = Array.from({ length: 12 }, (_, i) => person("mix", i));
    await coordinator.sendOperations(TEST_DOMAIN, creates, 6);
    const created = await coordinator.resultsFor(creates.map((r) => r.idempotencyKey));
    const anchors = creates.map((r) => anchorOf(created.get(r.idempotencyKey)));
    for (const [i, request] of creates.entries()) {
      const result = created.get(request.idempotencyKey)!;
      expect(result).toMatchObject({ status: "applied" });
      expect(result.status !== "failed" && dnEquals(result.dn!, `CN=mix Person ${i},${server.usersDn}`)).toBe(true);
    }
    const [manager, ...staff] = anchors as [string, ...string[]];
    const changes: OperationRequest[] = [
      ...staff.slice(0, 4).map((anchor, i) => ({ idempotencyKey: `mix-update-${i}`, operation: { kind: "update" as const, anchor, changes: { title: "Engineer", givenName: null } } })),
      ...staff.slice(4, 7).map((anchor, i) => ({ idempotencyKey: `mix-disable-${i}`, operation: { kind: "disable" as const, anchor } })),
      { idempotencyKey: "mix-enable-0", operation: { kind: "enable", anchor: staff[4]! } },
      ...staff.slice(7, 9).map((anchor, i) => ({ idempotencyKey: `mix-move-${i}`, operation: { kind: "move" as const, anchor, newParentDn: server.leaversDn } })),
      { idempotencyKey: "mix-rename-0", operation: { kind: "rename", anchor: staff[9]!, newCn: "mix Renamed, Person" } },
      ...staff.slice(0, 5).map((anchor, i) => ({ idempotencyKey: `mix-manager-${i}`, operation: { kind: "setReference" as const, anchor, attribute: "manager", targetAnchor: manager } })),
    ];
    await coordinator.sendOperations(TEST_DOMAIN, changes, 8);
    const changed = await coordinator.resultsFor(changes.map((r) => r.idempotencyKey));
    for (const request of changes) {
      const result = changed.get(request.idempotencyKey)!;
      expect(result, request.idempotencyKey).toMatchObject({ status: "applied", anchor: (request.operation as { anchor: string }).anchor });
    }

    // Verified by searches of the directory itself.
    const entries = await reader.readByAnchor(anchors, ["title", "givenName", "manager", "employeeID"]);
    const managerDn = entries.get(manager)!.dn;
    for (const anchor of staff.slice(0, 4)) expect(entries.get(anchor)!.attributes).toMatchObject({ title: "Engineer", givenName: null });
    for (const anchor of staff.slice(0, 5)) expect(entries.get(anchor)!.attributes.manager).toBe(managerDn);
    expect(staff.slice(4, 7).map((anchor) => entries.get(anchor)!.attributes.accountDisabled)).toEqual(["False", "True", "True"]);
    for (const anchor of staff.slice(7, 9)) expect(entries.get(anchor)!.dn.toLowerCase()).toContain(server.leaversDn.toLowerCase());
    expect(dnEquals(entries.get(staff[9]!)!.dn, `CN=mix Renamed\\, Person,${server.usersDn}`)).toBe(true);
    const byEmployeeId = await reader.findByMatchingAttribute("employeeID", creates.map((_, i) => `mix-${i}`), { attributes: [] });
    expect([...byEmployeeId.values()].every((found) => found.length === 1)).toBe(true);

    // The same keys again (a re-delivery after a lost ack): answered from the ledger, nothing applied twice.
    coordinator.forgetResults();
    await coordinator.sendOperations(TEST_DOMAIN, [...creates, ...changes], 10);
    const again = await coordinator.resultsFor([...creates, ...changes].map((r) => r.idempotencyKey));
    for (const [key, result] of again) {
      const first = created.get(key) ?? changed.get(key);
      expect(result).toEqual({ ...first, status: "alreadyApplied" });
    }
    expect(coordinator.invalid).toEqual([]);
  });

  it("answers queries from the directory", async () => {
    const { coordinator } = await coordinatorAndAgent("query");
    const creates = [person("query", 0), person("query", 1)];
    await coordinator.sendOperations(TEST_DOMAIN, creates);
    const anchors = [...(await coordinator.resultsFor(creates.map((r) => r.idempotencyKey))).values()].map(anchorOf);

    const found = await coordinator.query(TEST_DOMAIN, { kind: "findByMatchingAttribute", attribute: "employeeID", values: ["query-0", "query-9"], attributes: ["sAMAccountName"] });
    expect(found).toMatchObject({
      ok: true,
      result: { matches: [{ value: "query-0", entries: [{ anchor: anchors[0], attributes: { sAMAccountName: "query.p0", accountDisabled: "False" } }] }, { value: "query-9", entries: [] }] },
    });
    const taken = await coordinator.query(TEST_DOMAIN, { kind: "isTaken", attribute: "sAMAccountName", values: ["query.p0", "query.p1", "query.free"], excludeAnchor: anchors[1]! });
    expect(taken).toMatchObject({ ok: true, result: { kind: "isTaken", taken: ["query.p0"] } });
    const read = await coordinator.query(TEST_DOMAIN, { kind: "readByAnchor", anchors: [anchors[1]!], attributes: ["employeeID"] });
    expect(read).toMatchObject({ ok: true, result: { entries: [{ anchor: anchors[1], attributes: { employeeID: "query-1" } }], missing: [] } });
    const tested = await coordinator.query(TEST_DOMAIN, { kind: "testConnection" });
    expect(tested).toMatchObject({ ok: true, result: { kind: "testConnection", dialect: "openLdap", namingContexts: [server.baseDn] } });
    const schema = await coordinator.query(TEST_DOMAIN, { kind: "readSchema" });
    expect(schema.ok && schema.result.kind === "readSchema" && schema.result.attributes.some((a) => a.name === "employeeID")).toBe(true);
  });

  it("stays up after malformed messages (answering protocolError) and reconnects after the connection drops", async () => {
    const { coordinator, agent } = await coordinatorAndAgent("drop", { heartbeatIntervalMs: 1000 });
    await coordinator.until(() => coordinator.connected, 10_000, "a welcomed agent");
    coordinator.sendRaw("\u0000garbage");
    coordinator.sendRaw(JSON.stringify({ v: PROTOCOL_VERSION, id: "q-bad", type: "query", domain: TEST_DOMAIN, query: { kind: "dropTables" } }));
    await coordinator.until(() => coordinator.received.filter((m) => m.type === "protocolError").length === 2, 5000, "protocol errors");
    expect(coordinator.received.filter((m) => m.type === "protocolError").map((m) => m.inReplyTo)).toEqual([undefined, "q-bad"]);

    coordinator.dropConnection();
    await coordinator.until(() => coordinator.connections === 2 && coordinator.connected, 10_000, "a reconnect");
    expect(agent.connections).toBe(2);
    const creates = [person("drop", 0)];
    await coordinator.sendOperations(TEST_DOMAIN, creates);
    expect((await coordinator.resultsFor(["drop-create-0"])).get("drop-create-0")).toMatchObject({ status: "applied" });
  });

  it("two agents racing on the same creates make each account once", async () => {
    const first = await coordinatorAndAgent("race-a", { maxInFlight: 50 });
    const second = await coordinatorAndAgent("race-b", { maxInFlight: 50 });
    const creates = Array.from({ length: 40 }, (_, i) => person("race", i));
    const keys = creates.map((r) => r.idempotencyKey);
    await Promise.all([first.coordinator.sendOperations(TEST_DOMAIN, creates, 20), second.coordinator.sendOperations(TEST_DOMAIN, creates, 20)]);
    const [a, b] = await Promise.all([first.coordinator.resultsFor(keys), second.coordinator.resultsFor(keys)]);
    for (const key of keys) {
      const [ra, rb] = [a.get(key)!, b.get(key)!];
      expect(ra.status === "failed" || rb.status === "failed", `${key}: ${JSON.stringify([ra, rb])}`).toBe(false);
      expect(anchorOf(ra)).toBe(anchorOf(rb));
      expect([ra.status, rb.status].sort()).toEqual(["alreadyApplied", "applied"]);
    }
    const found = await reader.findByMatchingAttribute("employeeID", creates.map((_, i) => `race-${i}`), { attributes: [] });
    expect([...found.values()].map((entries) => entries.length)).toEqual(Array(40).fill(1));
  });
});
