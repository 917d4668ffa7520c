/**
 * The agent against a coordinator on a loopback WebSocket, with an in-memory directory:
 * hello/welcome, heartbeats, credits, batches, queries, malformed input, reconnects,
 * refusals. (The same flows against a real OpenLDAP are in agent.integration.test.ts.)
 */
import { readFileSync } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { coordinatorMessage, PROTOCOL_VERSION, type OperationRequest, type OperationResult } from "@roster/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCredentialFile } from "../credentials/credential-file.js";
import { LEDGER_FILE_NAME } from "../ledger/journal-ledger.js";
import { silentLogger } from "../logging/create-logger.js";
import { registerAgent } from "../registration/register-agent.js";
import { startAgent, type RunningAgent } from "../start-agent.js";
import { testAgentConfig, TEST_DOMAIN } from "../test-support/agent-harness.js";
import { FakeCoordinator, type FakeCoordinatorOptions } from "../test-support/fake-coordinator.js";
import { FakeDirectory } from "../test-support/fake-directory.js";

const USERS = "ou=Users,dc=roster,dc=test";
const LDAP = { url: "ldap://127.0.0.1:1", bindDn: "cn=admin,dc=roster,dc=test", password: "unused-password", baseDn: "dc=roster,dc=test" };

let coordinator: FakeCoordinator;
let directory: FakeDirectory;
let agent: RunningAgent | undefined;
let stateDirs: string[] = [];

async function start(options: FakeCoordinatorOptions = {}, configOverrides = {}): Promise<RunningAgent> {
  coordinator = await FakeCoordinator.start(options);
  return launch(configOverrides);
}

async function launch(configOverrides = {}): Promise<RunningAgent> {
  const config = await testAgentConfig(coordinator.url, LDAP, configOverrides);
  stateDirs.push(config.stateDir);
  agent = await startAgent({ config, credential: coordinator.issueCredential("agent-1"), createDirectory: () => directory, logger: silentLogger() });
  return agent;
}

const creates = (count: number, prefix = "k"): OperationRequest[] =>
  Array.from({ length: count }, (_, i) => ({
    idempotencyKey: `${prefix}${i}`,
    operation: { kind: "create", parentDn: USERS, cn: `User ${i}`, attributes: { employeeID: `E${i}`, sn: "User" }, accountDisabled: false },
  }));

beforeEach(() => {
  directory = new FakeDirectory();
  stateDirs = [];
});
afterEach(async () => {
  await agent?.stop();
  agent = undefined;
  await coordinator?.stop();
  for (const dir of stateDirs) await rm(dir, { recursive: true, force: true });
});

describe("agent session", () => {
  it("authenticates with hello, grants credits, and heartbeats", async () => {
    await start({ heartbeatIntervalMs: 1000, maxInFlight: 40 }, { maxInFlight: 30 });
    await coordinator.until(() => coordinator.connected && coordinator.credits === 30, 10_000, "credits");
    const hello = coordinator.received.find((m) => m.type === "hello");
    expect(hello).toMatchObject({ agentId: "agent-1", domains: [TEST_DOMAIN], v: PROTOCOL_VERSION });
    await coordinator.until(() => coordinator.received.some((m) => m.type === "heartbeat"), 5000, "a heartbeat");
    expect(coordinator.received.find((m) => m.type === "heartbeat")).toMatchObject({ inFlight: 0, sentAt: expect.any(Number) });
    expect(agent!.connected).toBe(true);
  });

  it("applies a batch, acks it, returns results, and gives the credits back", async () => {
    await start({ maxInFlight: 20 });
    const requests = creates(45);
    const batches = await coordinator.sendOperations(TEST_DOMAIN, requests, 20);
    const results = await coordinator.resultsFor(requests.map((r) => r.idempotencyKey));
    expect([...results.values()].every((r) => r.status === "applied" && r.anchor !== undefined)).toBe(true);
    expect(directory.entries.size).toBe(45);
    const acked = coordinator.received.filter((m) => m.type === "ack").map((m) => m.inReplyTo);
    expect(acked).toEqual(batches);
    await coordinator.until(() => coordinator.credits === 20, 5000, "all credits back");
    expect(coordinator.invalid).toEqual([]);
  });

  it("sends a result only once the ledger holds it on disk, and sends results and credits in groups", async () => {
    await start({ maxInFlight: 40 }, { maxInFlight: 40 });
    await coordinator.until(() => coordinator.credits === 40, 10_000, "credits");
    const ledgerFile = join(stateDirs.at(-1)!, LEDGER_FILE_NAME);
    const notYetDurable: string[] = [];
    const stopWatching = coordinator.onMessage((message) => {
      if (message.type !== "batchResult") return;
      // Read at the moment the result arrives: the agent must have made it durable before sending.
      const recorded = new Map<string, OperationResult>();
      for (const line of readFileSync(ledgerFile, "utf8").split("\n")) {
        if (line.includes('"r":')) recorded.set((JSON.parse(line) as { k: string }).k, (JSON.parse(line) as { r: OperationResult }).r);
      }
      for (const result of message.results) if (!isDeepStrictEqual(recorded.get(result.idempotencyKey), result)) notYetDurable.push(result.idempotencyKey);
    });
    const requests = creates(200);
    await coordinator.sendOperations(TEST_DOMAIN, requests, 40);
    const results = await coordinator.resultsFor(requests.map((r) => r.idempotencyKey));
    stopWatching();
    expect([...results.values()].every((r) => r.status === "applied")).toBe(true);
    expect(notYetDurable).toEqual([]);
    await coordinator.until(() => coordinator.credits === 40, 5000, "all credits back");

    // Far fewer messages than operations: credits come back a quarter window (10) at a time.
    const credits = coordinator.received.filter((m) => m.type === "credit");
    const batchResults = coordinator.received.filter((m) => m.type === "batchResult");
    expect(credits.length - 1).toBeLessThanOrEqual(200 / 10 + 2);
    expect(batchResults.length).toBeLessThan(200 / 4);

    // A few operations below the threshold still get their results and credits back, after a short linger.
    const few = creates(3, "few");
    await coordinator.sendOperations(TEST_DOMAIN, few);
    await coordinator.resultsFor(few.map((r) => r.idempotencyKey), 5000);
    await coordinator.until(() => coordinator.credits === 40, 5000, "the remaining credits");
    expect(coordinator.received.filter((m) => m.type === "credit").at(-1)).toMatchObject({ n: 3 });
  });

  it("answers queries", async () => {
    await start();
    const anchor = directory.seed(`CN=Ada,${USERS}`, { cn: "Ada", employeeID: "E1" });
    const found = await coordinator.query(TEST_DOMAIN, { kind: "findByMatchingAttribute", attribute: "employeeID", values: ["E1", "E2"], attributes: ["cn"] });
    expect(found).toMatchObject({
      ok: true,
      result: { kind: "findByMatchingAttribute", matches: [{ value: "E1", entries: [{ anchor, attributes: { cn: "Ada", accountDisabled: "False" } }] }, { value: "E2", entries: [] }] },
    });
    const read = await coordinator.query(TEST_DOMAIN, { kind: "readByAnchor", anchors: [anchor, "00000000-0000-0000-0000-00000000dead"], attributes: [] });
    expect(read).toMatchObject({ ok: true, result: { kind: "readByAnchor", entries: [{ anchor }], missing: ["00000000-0000-0000-0000-00000000dead"] } });
    const taken = await coordinator.query(TEST_DOMAIN, { kind: "isTaken", attribute: "employeeID", values: ["E1", "E9"], excludeAnchor: anchor });
    expect(taken).toMatchObject({ ok: true, result: { kind: "isTaken", taken: [] } });
    const takenByOther = await coordinator.query(TEST_DOMAIN, { kind: "isTaken", attribute: "employeeID", values: ["E1", "E9"] });
    expect(takenByOther).toMatchObject({ ok: true, result: { taken: ["E1"] } });
    const schema = await coordinator.query(TEST_DOMAIN, { kind: "readSchema" });
    expect(schema).toMatchObject({ ok: true, result: { kind: "readSchema", attributes: [{ name: "employeeID", singleValued: true, maxLength: 16 }] } });
    const unknownDomain = await coordinator.query("elsewhere.test", { kind: "testConnection" });
    expect(unknownDomain).toMatchObject({ ok: false, error: { errorCode: "EndpointUnavailable", retryable: true } });
  });

  it("answers malformed and unexpected messages with protocolError and keeps serving", async () => {
    await start({ maxInFlight: 5 });
    await coordinator.until(() => coordinator.credits === 5, 10_000, "credits");
    coordinator.sendRaw("{not json");
    coordinator.sendRaw(JSON.stringify({ v: PROTOCOL_VERSION, id: "m-unknown", type: "selfDestruct" }));
    coordinator.sendRaw(JSON.stringify({ v: PROTOCOL_VERSION, id: "m-bad-batch", type: "batch", domain: TEST_DOMAIN, operations: [{ idempotencyKey: "x" }] }));
    coordinator.send(coordinatorMessage("batch", { domain: TEST_DOMAIN, operations: creates(6, "over") }, "m-over-credit"));
    await coordinator.until(() => coordinator.received.filter((m) => m.type === "protocolError").length === 4, 5000, "four protocol errors");
    const errors = coordinator.received.filter((m) => m.type === "protocolError");
    expect(errors.map((e) => e.inReplyTo)).toEqual([undefined, "m-unknown", "m-bad-batch", "m-over-credit"]);
    expect(errors[3]!.message).toMatch(/6 operations but only 5 credits/);
    expect(directory.executions).toBe(0);

    const answer = await coordinator.query(TEST_DOMAIN, { kind: "testConnection" });
    expect(answer).toMatchObject({ ok: true, result: { kind: "testConnection", dialect: "openLdap" } });
    expect(coordinator.connections).toBe(1);
  });

  it("reconnects after the coordinator drops the connection, and answers re-delivered keys from the ledger", async () => {
    await start();
    const requests = creates(10);
    await coordinator.sendOperations(TEST_DOMAIN, requests);
    const first = await coordinator.resultsFor(requests.map((r) => r.idempotencyKey));
    coordinator.dropConnection();
    await coordinator.until(() => coordinator.connections === 2 && coordinator.connected, 10_000, "a reconnect");
    expect(coordinator.received.filter((m) => m.type === "hello")).toHaveLength(2);

    coordinator.forgetResults();
    const executions = directory.executions;
    await coordinator.sendOperations(TEST_DOMAIN, requests);
    const again = await coordinator.resultsFor(requests.map((r) => r.idempotencyKey));
    for (const request of requests) {
      const earlier = first.get(request.idempotencyKey)!;
      expect(again.get(request.idempotencyKey)).toEqual({ ...earlier, status: "alreadyApplied" });
    }
    expect(directory.executions).toBe(executions);
  });

  it("reconnects when the coordinator goes silent", async () => {
    await start({ heartbeatIntervalMs: 1000, silentAfterWelcome: true });
    await coordinator.until(() => coordinator.connections >= 2, 10_000, "a reconnect after silence");
  });

  it("gives up with a clear refusal on a protocol version mismatch", async () => {
    await start({ refuseWith: { code: "AgentVersionMismatch", message: "the coordinator speaks 2.0, the agent 1.0" } });
    const exit = await agent!.done;
    expect(exit).toEqual({ kind: "refused", code: "AgentVersionMismatch", message: "the coordinator speaks 2.0, the agent 1.0" });
    expect(coordinator.connections).toBe(1);
  });

  it("gives up when the coordinator itself speaks another major version, after telling it why", async () => {
    await start({ welcomeVersion: "2.0" });
    const exit = await agent!.done;
    expect(exit).toMatchObject({ kind: "refused", code: "AgentVersionMismatch" });
    expect(exit.kind === "refused" && exit.message).toMatch(/speaks version 2\.0 but this agent speaks version 1\.0/);
    await coordinator.until(() => coordinator.received.some((m) => m.type === "protocolError" && m.code === "AgentVersionMismatch"), 5000, "the mismatch reply");
  });

  it("gives up when the coordinator rejects the credential", async () => {
    coordinator = await FakeCoordinator.start();
    const config = await testAgentConfig(coordinator.url, LDAP);
    stateDirs.push(config.stateDir);
    agent = await startAgent({ config, credential: { agentId: "agent-1", credential: "not-a-known-credential" }, createDirectory: () => directory, logger: silentLogger() });
    expect(await agent.done).toMatchObject({ kind: "refused", code: "Unauthorized" });
  });

  it("retries with backoff after a non-fatal refusal", async () => {
    await start({ refuseWith: { code: "TooManyRequests", message: "busy" } });
    await coordinator.until(() => coordinator.connections >= 3, 10_000, "several attempts");
    expect(agent!.connected).toBe(false);
  });
});

describe("registration", () => {
  it("swaps the token for a credential stored with mode 0600, then authenticates with it", async () => {
    coordinator = await FakeCoordinator.start();
    const config = await testAgentConfig(coordinator.url, LDAP);
    stateDirs.push(config.stateDir);
    const credentialFile = join(config.stateDir, "credential.json");
    const endpoint = { url: coordinator.url, rejectUnauthorized: true, handshakeTimeoutMs: 5000 };
    await expect(
      registerAgent({ endpoint, token: "not-the-right-token-123", credentialFile, hostname: "host1", logger: silentLogger() }),
    ).rejects.toThrow(/refused the registration \(Unauthorized\)/);
    await expect(registerAgent({ endpoint, token: "short", credentialFile, hostname: "host1", logger: silentLogger() })).rejects.toThrow(/16 to 4096/);

    const registered = await registerAgent({ endpoint, token: coordinator.registrationToken, credentialFile, hostname: "host1", logger: silentLogger() });
    expect((await stat(credentialFile)).mode & 0o777).toBe(0o600);
    expect(await readCredentialFile(credentialFile)).toMatchObject({ agentId: registered.agentId, credential: coordinator.credentials.get(registered.agentId) });
    expect(coordinator.received.filter((m) => m.type === "register").at(-1)).toMatchObject({ hostname: "host1", token: coordinator.registrationToken });

    agent = await startAgent({ config, createDirectory: () => directory, logger: silentLogger() });
    await coordinator.until(() => coordinator.connected, 10_000, "a welcomed agent");
    expect(agent.agentId).toBe(registered.agentId);
  });
});
