/**
 * The agent hub end to end: the coordinator's store on PGlite, the hub on a loopback
 * WebSocket, real agents (in-process startAgent from @roster/agent, registered with
 * `registerAgent`) and a real OpenLDAP. Protocol corner cases use a hand-driven socket.
 */
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { registerAgent, silentLogger, startAgent } from "@roster/agent";
import { createDirectoryClient, type DirectoryClient } from "@roster/directory";
import { startOpenLdap, type OpenLdapServer } from "@roster/directory/test-support";
import type { OperationRequest, OperationResult, ProtocolErrorMessage } from "@roster/protocol";
import { openPGliteFixture, type PGliteFixture } from "@roster/store/test-support";
import Fastify from "fastify";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { migrateCoordinatorStore } from "../store/coordinator-migrations.js";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import { attachAgentEndpoint } from "./agent-endpoint.js";
import { AgentHub } from "./agent-hub.js";
import { AgentRegistry } from "./agent-registry.js";
import { createCoordinatorLogger } from "./coordinator-logger.js";
import { expectExactlyOnce as expectExactlyOnceIn, hubTestKit, until } from "./test-support/hub-test-kit.js";
import { RawAgentSocket } from "./test-support/raw-agent-socket.js";

const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const AGENT_MAIN = join(REPO_ROOT, "apps/agent/src/main.ts");

let ldap: OpenLdapServer;
let reader: DirectoryClient;
let store: PGliteFixture<CoordinatorDatabase>;
/** Added to the registry's clock (expires tokens without waiting). */
let clockSkewMs = 0;
let registry: AgentRegistry;
/** Every coordinator log line of the test file: checked for leaked secrets at the end. */
const logLines: string[] = [];
const secretsSeen: string[] = [];
const logger = createCoordinatorLogger({
  level: "debug",
  destination: { write: (line: string) => void logLines.push(line) },
});
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  [ldap, store] = await Promise.all([startOpenLdap(), openPGliteFixture<CoordinatorDatabase>()]);
  reader = createDirectoryClient({
    url: ldap.url,
    bindDn: ldap.bindDn,
    password: ldap.password,
    baseDn: ldap.baseDn,
    dialect: "openldap",
  });
  await migrateCoordinatorStore(store.db);
  registry = new AgentRegistry(store.db, { logger, now: () => new Date(Date.now() + clockSkewMs) });
}, 120_000);
afterEach(async () => {
  clockSkewMs = 0;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await reader?.close();
  await ldap?.stop();
  await store?.close();
});

const { startHub, agentConfig, registeredAgent, create } = hubTestKit(() => ({
  ldap,
  registry,
  logger,
  cleanups,
  secretsSeen,
}));
const expectExactlyOnce = (prefix: string, count: number) => expectExactlyOnceIn(reader, prefix, count);

function expectSucceeded(results: ReadonlyMap<string, OperationResult>, keys: readonly string[]): void {
  for (const key of keys) {
    const result = results.get(key);
    expect(result?.status, `${key}: ${JSON.stringify(result)}`).toMatch(/^(applied|alreadyApplied)$/);
  }
}

const logEntries = () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe("registration and sessions", () => {
  it("token → register → the credential opens a session; status lists the agent", async () => {
    const { hub, url } = await startHub();
    const agent = await registeredAgent(url, "reg.test");
    await until(() => hub.agentCount("reg.test") === 1, 15_000, "the agent's session");
    await until(() => hub.status()[0]?.lastHeartbeatAt !== null, 5000, "a heartbeat");
    const [status] = hub.status();
    expect(status).toMatchObject({
      agentId: agent.agentId,
      agentVersion: "0.1.0",
      domains: ["reg.test"],
      inFlight: 0,
      credits: 16,
    });
    const records = await registry.listAgents();
    expect(records.find((record) => record.agentId === agent.agentId)).toMatchObject({
      domain: "reg.test",
      hostname: "agent-host",
    });
  });

  it("refuses a used token and an expired token; a revoked agent is cut off and cannot return", async () => {
    const { hub, url } = await startHub();
    const endpoint = { url, rejectUnauthorized: true, handshakeTimeoutMs: 5000 };
    const config = await agentConfig(url, "refuse.test");
    const { token } = await registry.issueRegistrationToken("refuse.test");
    const register = (withToken: string) =>
      registerAgent({
        endpoint,
        token: withToken,
        credentialFile: join(config.stateDir, "credential.json"),
        hostname: "h",
        logger: silentLogger(),
      });
    const credential = await register(token);
    await expect(register(token)).rejects.toMatchObject({
      code: "Unauthorized",
      message: expect.stringContaining("already been used"),
    });

    const expiring = await registry.issueRegistrationToken("refuse.test", { ttlMs: 60_000 });
    clockSkewMs = 61_000;
    await expect(register(expiring.token)).rejects.toMatchObject({
      code: "Unauthorized",
      message: expect.stringContaining("expired"),
    });
    clockSkewMs = 0;

    const agent = await startAgent({ config, logger: silentLogger() });
    cleanups.push(() => agent.stop());
    await until(() => hub.agentCount("refuse.test") === 1, 15_000, "the agent's session");
    expect(await hub.revokeAgent(credential.agentId)).toBe(true);
    await expect(agent.done).resolves.toMatchObject({
      kind: "refused",
      code: "Unauthorized",
      message: expect.stringContaining("revoked"),
    });
    await until(() => hub.agentCount("refuse.test") === 0, 5000, "the session to end");
    const again = await startAgent({ config, logger: silentLogger() });
    await expect(again.done).resolves.toMatchObject({ kind: "refused", code: "Unauthorized" });
  });

  it("refuses a bad credential", async () => {
    const { hub, url } = await startHub();
    const { token } = await registry.issueRegistrationToken("badcred.test");
    const { agentId, credential } = await registry.registerAgent({ token, hostname: "h", agentVersion: "0.1.0" });
    const config = await agentConfig(url, "badcred.test");
    const agent = await startAgent({
      config,
      credential: { agentId, credential: `${credential.slice(0, -2)}zz` },
      logger: silentLogger(),
    });
    await expect(agent.done).resolves.toMatchObject({
      kind: "refused",
      code: "Unauthorized",
      message: expect.stringContaining("wrong credential"),
    });
    expect(hub.status()).toEqual([]);
  });

  it("refuses an agent whose configuration does not serve the domain it was registered for", async () => {
    const { hub, url } = await startHub();
    const { token } = await registry.issueRegistrationToken("home.test");
    const registered = await registry.registerAgent({ token, hostname: "h", agentVersion: "0.1.0" });
    secretsSeen.push(token, registered.credential);
    const socket = await RawAgentSocket.connect(url);
    const helloId = socket.sendJson({
      type: "hello",
      agentId: registered.agentId,
      credential: registered.credential,
      hostname: "h",
      agentVersion: "0.1.0",
      capabilities: [],
      domains: ["elsewhere.test"],
    });
    const refused = await socket.next((message) => message.type === "refused");
    expect(refused).toMatchObject({
      inReplyTo: helloId,
      code: "Unauthorized",
      message: expect.stringContaining('"home.test"'),
    });
    expect(refused.type === "refused" && refused.message).toContain('"elsewhere.test"');
    await socket.until(() => socket.closed, 5000, "close");
    expect(hub.status()).toEqual([]);
  });

  it("refuses another major protocol version with a refused message it can read, and closes", async () => {
    const { url } = await startHub();
    const socket = await RawAgentSocket.connect(url);
    const id = socket.sendJson({
      v: "2.0",
      type: "hello",
      agentId: "a",
      credential: "c".repeat(20),
      hostname: "h",
      agentVersion: "9",
      capabilities: [],
      domains: ["x.test"],
    });
    const refused = await socket.next((message) => message.type === "refused");
    expect(refused).toMatchObject({
      inReplyTo: id,
      code: "AgentVersionMismatch",
      message: expect.stringContaining("2.0"),
    });
    await socket.until(() => socket.closed, 5000, "close");
  });

  it("answers malformed and out-of-order messages with protocolError and keeps the connection", async () => {
    const { hub, url } = await startHub();
    const { token } = await registry.issueRegistrationToken("malformed.test");
    const registered = await registry.registerAgent({ token, hostname: "h", agentVersion: "0.1.0" });
    secretsSeen.push(token, registered.credential);
    const socket = await RawAgentSocket.connect(url);
    const errors = () =>
      socket.received.filter((message): message is ProtocolErrorMessage => message.type === "protocolError");
    const repliedTo = (from: number) =>
      errors()
        .slice(from)
        .map((message) => message.inReplyTo);

    socket.sendText("{not json");
    socket.sendText(Buffer.from([0xff, 0xfe, 0x00]));
    socket.sendText("[1,2,3]");
    const unknownId = socket.sendJson({ type: "teleport" });
    const creditId = socket.sendJson({ type: "credit", n: 5 });
    await socket.until(() => errors().length === 5, 5000, "five protocol errors");
    expect(repliedTo(0)).toEqual([undefined, undefined, undefined, unknownId, creditId]);
    expect(errors()[4]).toMatchObject({
      code: "AgentProtocolError",
      message: expect.stringContaining("first message must be hello"),
    });

    const helloId = socket.sendJson({
      type: "hello",
      agentId: registered.agentId,
      credential: registered.credential,
      hostname: "h",
      agentVersion: "0.1.0",
      capabilities: [],
      domains: ["MALFORMED.test"],
    });
    const welcome = await socket.next((message) => message.type === "welcome");
    expect(welcome).toMatchObject({
      inReplyTo: helloId,
      agentId: registered.agentId,
      heartbeatIntervalMs: 1000,
      maxInFlight: 16,
      maxOperationsPerBatch: 4,
    });

    const badResultId = socket.sendJson({ type: "batchResult", inReplyTo: "batch-1", results: "nope" });
    const secondHelloId = socket.sendJson({
      type: "hello",
      agentId: registered.agentId,
      credential: registered.credential,
      hostname: "h",
      agentVersion: "0.1.0",
      capabilities: [],
      domains: [],
    });
    socket.sendText("x".repeat(1000));
    await socket.until(() => errors().length === 8, 5000, "three more protocol errors");
    expect(repliedTo(5)).toEqual([badResultId, secondHelloId, undefined]);
    expect(socket.closed).toBe(false);
    expect(hub.status().map((status) => status.agentId)).toEqual([registered.agentId]);
    // The session still works: a heartbeat is accepted and the hub keeps sending its own.
    socket.sendJson({ type: "heartbeat", sentAt: Date.now(), inFlight: 0 });
    await socket.next((message) => message.type === "heartbeat", 5000);
    await until(() => hub.status()[0]?.lastHeartbeatAt !== null, 5000, "the heartbeat to count");
    socket.close();
  });

  it("answers every random frame with protocolError and stays up (fuzz)", async () => {
    const { hub, url } = await startHub();
    const socket = await RawAgentSocket.connect(url);
    const frames = fc.sample(
      fc.oneof(
        fc.string(),
        fc.json(),
        fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
        fc
          .record({
            v: fc.constantFrom("1.0", "1.7", "x"),
            id: fc.string(),
            type: fc.constantFrom("hello", "register", "credit", "batchResult", "queryResult", "ack"),
          })
          .map((message) => JSON.stringify(message)),
      ),
      { numRuns: 300, seed: 42 },
    );
    for (const frame of frames) socket.sendText(frame);
    await socket.until(() => socket.received.length === frames.length, 10_000, "an answer per frame");
    expect(socket.received.every((message) => message.type === "protocolError")).toBe(true);
    expect(socket.closed).toBe(false);
    // The hub still serves others.
    await expect(hub.testConnection("fuzz.test")).rejects.toMatchObject({ code: "EndpointUnavailable" });
    socket.close();
  });

  it("works on a fastify server's HTTP server next to its routes", async () => {
    const hub = new AgentHub({ registry, logger, heartbeatIntervalMs: 1000 });
    const app = Fastify();
    app.get("/health", async () => ({ ok: true }));
    attachAgentEndpoint(hub, app.server);
    await app.listen({ host: "127.0.0.1", port: 0 });
    cleanups.push(async () => {
      await hub.close();
      await app.close();
    });
    const { port } = app.server.address() as AddressInfo;
    await registeredAgent(`ws://127.0.0.1:${port}/api/v1/agents/connect`, "fastify.test");
    await until(() => hub.agentCount("fastify.test") === 1, 15_000, "the agent's session");
    expect(await (await fetch(`http://127.0.0.1:${port}/health`)).json()).toEqual({ ok: true });
    await expect(hub.testConnection("fastify.test")).resolves.toMatchObject({
      kind: "testConnection",
      dialect: "openLdap",
    });
  });
});

describe("dispatch", () => {
  it("spreads a batch of creates over two agents; each account lands exactly once", async () => {
    const { hub, url } = await startHub();
    const agents = await Promise.all([registeredAgent(url, "spread.test"), registeredAgent(url, "spread.test")]);
    await until(() => hub.agentCount("spread.test") === 2, 15_000, "two sessions");
    const requests = Array.from({ length: 60 }, (_, i) => create("spread", i));
    const firstLog = logLines.length;
    const run = hub.dispatch("spread.test", requests, { timeoutMs: 60_000 });
    for await (const _result of run) {
      for (const status of hub.status()) expect(status.inFlight + status.credits).toBeLessThanOrEqual(16);
    }
    const results = await run.all;
    expect(results.size).toBe(60);
    for (const request of requests) expect(results.get(request.idempotencyKey)).toMatchObject({ status: "applied" });
    await expectExactlyOnce("spread", 60);
    const batchesByAgent = new Map<string, number>();
    for (const entry of logEntries().slice(firstLog)) {
      if (entry.msg !== "batch sent") continue;
      expect(entry.operations as number).toBeLessThanOrEqual(4);
      batchesByAgent.set(entry.agentId as string, (batchesByAgent.get(entry.agentId as string) ?? 0) + 1);
    }
    expect([...batchesByAgent.keys()].sort()).toEqual(agents.map((agent) => agent.agentId).sort());
  });

  it("re-sends the unanswered operations of an agent stopped mid-batch; all complete exactly once", async () => {
    const { hub, url } = await startHub();
    // Few directory workers per agent, so operations queue up at the agents and some are open when one stops.
    const [first, second] = await Promise.all([
      registeredAgent(url, "failover.test", { concurrency: 2 }),
      registeredAgent(url, "failover.test", { concurrency: 2 }),
    ]);
    await until(() => hub.agentCount("failover.test") === 2, 15_000, "two sessions");
    const requests = Array.from({ length: 150 }, (_, i) => create("failover", i));
    const firstLog = logLines.length;
    const run = hub.dispatch("failover.test", requests, { timeoutMs: 90_000 });
    let openAtStop = 0;
    let stopping: Promise<void> | undefined;
    for await (const _result of run) {
      if (stopping === undefined && run.received >= 20) {
        openAtStop = hub.status().find((status) => status.agentId === first!.agentId)?.inFlight ?? 0;
        stopping = first!.stop();
      }
    }
    await stopping;
    expect(openAtStop).toBeGreaterThan(0);
    const results = await run.all;
    expectSucceeded(
      results,
      requests.map((request) => request.idempotencyKey),
    );
    await expectExactlyOnce("failover", 150);
    const resent = logEntries()
      .slice(firstLog)
      .find((entry) => String(entry.msg).startsWith("agent dropped with operations unanswered"));
    expect(resent).toMatchObject({ agentId: first!.agentId });
    expect(resent!.operations as number).toBeGreaterThan(0);
    expect(hub.status().map((status) => status.agentId)).toEqual([second!.agentId]);
  });

  it("re-sends the open operations of an agent process killed with SIGKILL mid-batch", async () => {
    const { hub, url } = await startHub();
    const survivor = await registeredAgent(url, "sigkill.test", { concurrency: 2 });
    const { token } = await registry.issueRegistrationToken("sigkill.test");
    const config = await agentConfig(url, "sigkill.test", { concurrency: 2 });
    const credentialFile = join(config.stateDir, "credential.json");
    const victim = await registerAgent({
      endpoint: { url, rejectUnauthorized: true, handshakeTimeoutMs: 5000 },
      token,
      credentialFile,
      hostname: "victim",
      logger: silentLogger(),
    });
    secretsSeen.push(token, victim.credential);
    const configPath = join(config.stateDir, "config.json");
    await writeFile(configPath, JSON.stringify({ ...config, credentialFile }));
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=source", AGENT_MAIN, "run", "--config", configPath],
      {
        cwd: REPO_ROOT,
        stdio: "ignore",
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once("exit", (_code, signal) => resolve(signal)),
    );
    cleanups.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    });
    await until(() => hub.agentCount("sigkill.test") === 2, 30_000, "both sessions (one agent process)");

    const requests = Array.from({ length: 150 }, (_, i) => create("sigkill", i));
    const firstLog = logLines.length;
    const run = hub.dispatch("sigkill.test", requests, { timeoutMs: 90_000 });
    let openAtKill = 0;
    for await (const _result of run) {
      if (openAtKill === 0 && child.signalCode === null && run.received >= 20) {
        openAtKill = hub.status().find((status) => status.agentId === victim.agentId)?.inFlight ?? 0;
        child.kill("SIGKILL");
      }
    }
    expect(await exited).toBe("SIGKILL");
    expect(openAtKill).toBeGreaterThan(0);
    expectSucceeded(
      await run.all,
      requests.map((request) => request.idempotencyKey),
    );
    await expectExactlyOnce("sigkill", 150);
    const resent = logEntries()
      .slice(firstLog)
      .find((entry) => String(entry.msg).startsWith("agent dropped with operations unanswered"));
    expect(resent).toMatchObject({ agentId: victim.agentId });
    expect(hub.status().map((status) => status.agentId)).toEqual([survivor.agentId]);
  }, 60_000);

  it("drops a silent agent after missed heartbeats and sends its batch to another agent", async () => {
    const { hub, url } = await startHub();
    const { token } = await registry.issueRegistrationToken("silent.test");
    const silent = await registry.registerAgent({ token, hostname: "silent", agentVersion: "0.1.0" });
    secretsSeen.push(token, silent.credential);
    const socket = await RawAgentSocket.connect(url);
    socket.sendJson({
      type: "hello",
      agentId: silent.agentId,
      credential: silent.credential,
      hostname: "silent",
      agentVersion: "0.1.0",
      capabilities: [],
      domains: ["silent.test"],
    });
    await socket.next((message) => message.type === "welcome");
    socket.sendJson({ type: "credit", n: 3 });
    const requests = Array.from({ length: 3 }, (_, i) => create("silent", i));
    const run = hub.dispatch("silent.test", requests, { timeoutMs: 60_000 });
    const batch = await socket.next((message) => message.type === "batch");
    expect(batch.type === "batch" && batch.operations.map((operation) => operation.idempotencyKey)).toEqual(
      requests.map((request) => request.idempotencyKey),
    );
    const sentAt = Date.now();
    // The socket never answers: after about three heartbeat intervals the hub drops it.
    await registeredAgent(url, "silent.test");
    const results = await run.all;
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(2500);
    expect(socket.closed).toBe(true);
    expectSucceeded(
      results,
      requests.map((request) => request.idempotencyKey),
    );
    await expectExactlyOnce("silent", 3);
  });

  it("with no agent: testConnection fails naming the domain, dispatch waits and completes once an agent connects", async () => {
    const { hub, url } = await startHub();
    await expect(hub.testConnection("late.test")).rejects.toMatchObject({
      code: "EndpointUnavailable",
      message: expect.stringContaining('"late.test"'),
    });
    const requests = Array.from({ length: 5 }, (_, i) => create("late", i));
    const run = hub.dispatch("late.test", requests, { timeoutMs: 60_000 });
    const query = hub.query(
      "late.test",
      { kind: "isTaken", attribute: "employeeID", values: ["late-0", "late-99"] },
      { timeoutMs: 60_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(run.received).toBe(0);
    await registeredAgent(url, "late.test");
    expectSucceeded(
      await run.all,
      requests.map((request) => request.idempotencyKey),
    );
    // The query was asked before the creates ran or after: either way it got an answer from the agent.
    expect((await query).kind).toBe("isTaken");
    await expectExactlyOnce("late", 5);
  });

  it("fails operations with EndpointUnavailable (retryable) when no agent comes within the timeout", async () => {
    const { hub } = await startHub();
    const started = Date.now();
    const results = await hub.dispatch("nobody.test", [create("nobody", 0), create("nobody", 1)], { timeoutMs: 300 })
      .all;
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    for (const result of results.values()) {
      expect(result).toMatchObject({
        status: "failed",
        errorCode: "EndpointUnavailable",
        retryable: true,
        message: expect.stringContaining('"nobody.test"'),
      });
    }
    await expect(hub.query("nobody.test", { kind: "readSchema" }, { timeoutMs: 200 })).rejects.toMatchObject({
      code: "EndpointUnavailable",
    });
  });

  it("ignores results an agent sends for operations it was never given", async () => {
    const { hub, url } = await startHub();
    const { token } = await registry.issueRegistrationToken("spoof.test");
    const spoofer = await registry.registerAgent({ token, hostname: "spoof", agentVersion: "0.1.0" });
    secretsSeen.push(token, spoofer.credential);
    const socket = await RawAgentSocket.connect(url);
    socket.sendJson({
      type: "hello",
      agentId: spoofer.agentId,
      credential: spoofer.credential,
      hostname: "spoof",
      agentVersion: "0.1.0",
      capabilities: [],
      domains: ["spoof.test"],
    });
    await socket.next((message) => message.type === "welcome");
    const run = hub.dispatch("victim.test", [create("victim", 0)], { timeoutMs: 1000 });
    const resultId = socket.sendJson({
      type: "batchResult",
      inReplyTo: "made-up",
      results: [{ idempotencyKey: "victim-create-0", status: "applied", anchor: "forged" }],
    });
    await socket.next((message) => message.type === "ack" && message.inReplyTo === resultId);
    expect((await run.all).get("victim-create-0")).toMatchObject({
      status: "failed",
      errorCode: "EndpointUnavailable",
    });
    socket.close();
  });

  it("turns invalid operations and duplicate keys into failed results without sending them", async () => {
    const { hub } = await startHub();
    const valid = create("invalid", 0);
    const run = hub.dispatch(
      "invalid.test",
      [
        valid,
        { ...valid },
        { idempotencyKey: "has space", operation: valid.operation },
        { idempotencyKey: "k", operation: { kind: "explode" } } as unknown as OperationRequest,
      ],
      { timeoutMs: 200 },
    );
    const results: OperationResult[] = [];
    for await (const result of run) results.push(result);
    expect(results.map((result) => (result.status === "failed" ? result.errorCode : result.status))).toEqual([
      "InvalidRequest",
      "InvalidRequest",
      "InvalidRequest",
      "EndpointUnavailable",
    ]);
    expect(() => hub.dispatch("bad domain", [])).toThrow(/domain/);
  });
});

describe("queries", () => {
  it("answers directory queries through an agent", async () => {
    const { hub, url } = await startHub();
    await registeredAgent(url, "query.test");
    await until(() => hub.agentCount("query.test") === 1, 15_000, "the agent's session");
    const created = await hub.dispatch("query.test", [create("query", 0), create("query", 1)], { timeoutMs: 30_000 })
      .all;
    const anchor = (created.get("query-create-0") as { anchor?: string }).anchor!;
    expect(anchor).toBeTruthy();

    const found = await hub.query("query.test", {
      kind: "findByMatchingAttribute",
      attribute: "employeeID",
      values: ["query-0", "query-404"],
      attributes: ["sAMAccountName"],
    });
    expect(found).toMatchObject({
      kind: "findByMatchingAttribute",
      matches: [
        { value: "query-0", entries: [{ anchor, attributes: { sAMAccountName: "query.p0" } }] },
        { value: "query-404", entries: [] },
      ],
    });
    expect(
      await hub.query("query.test", {
        kind: "isTaken",
        attribute: "sAMAccountName",
        values: ["query.p1", "query.free"],
      }),
    ).toEqual({ kind: "isTaken", taken: ["query.p1"] });
    expect(
      await hub.query("query.test", {
        kind: "readByAnchor",
        anchors: [anchor, "00000000-0000-0000-0000-000000000000"],
        attributes: ["employeeID"],
      }),
    ).toMatchObject({
      kind: "readByAnchor",
      entries: [{ anchor, attributes: { employeeID: "query-0" } }],
      missing: ["00000000-0000-0000-0000-000000000000"],
    });
    const schema = await hub.query("query.test", { kind: "readSchema" });
    expect(
      schema.kind === "readSchema" &&
        schema.attributes.some((attribute) => attribute.name.toLowerCase() === "employeeid"),
    ).toBe(true);
    await expect(hub.testConnection("QUERY.test")).resolves.toMatchObject({
      kind: "testConnection",
      dialect: "openLdap",
    });
    await expect(
      hub.query("query.test", { kind: "isTaken", attribute: "bad attr", values: [] } as never),
    ).rejects.toMatchObject({ code: "InvalidRequest" });
  });
});

describe("query failover", () => {
  it("asks another agent after a retryable failure and after a disconnect", async () => {
    const { hub, url } = await startHub();
    const { token } = await registry.issueRegistrationToken("qfail.test");
    const flaky = await registry.registerAgent({ token, hostname: "flaky", agentVersion: "0.1.0" });
    secretsSeen.push(token, flaky.credential);
    const socket = await RawAgentSocket.connect(url);
    socket.sendJson({
      type: "hello",
      agentId: flaky.agentId,
      credential: flaky.credential,
      hostname: "flaky",
      agentVersion: "0.1.0",
      capabilities: [],
      domains: ["qfail.test"],
    });
    await socket.next((message) => message.type === "welcome");
    // Only the hand-driven agent is connected, so both queries go to it.
    const failing = hub.query("qfail.test", { kind: "isTaken", attribute: "sAMAccountName", values: ["qfail.nobody"] });
    const dropped = hub.query("qfail.test", { kind: "readSchema" });
    await socket.until(
      () => socket.received.filter((message) => message.type === "query").length === 2,
      5000,
      "two queries",
    );
    const [first] = socket.received.filter((message) => message.type === "query");

    await registeredAgent(url, "qfail.test");
    await until(() => hub.agentCount("qfail.test") === 2, 15_000, "the second agent");
    socket.sendJson({
      type: "queryResult",
      inReplyTo: first!.id,
      ok: false,
      error: { errorCode: "EndpointUnavailable", message: "cannot reach a domain controller", retryable: true },
    });
    await expect(failing).resolves.toEqual({ kind: "isTaken", taken: [] });
    socket.close();
    const schema = await dropped;
    expect(schema.kind === "readSchema" && schema.attributes.length).toBeGreaterThan(10);
  });

  it("passes on a permanent query failure as a RosterError with the agent's code", async () => {
    const { hub, url } = await startHub();
    const { token } = await registry.issueRegistrationToken("qperm.test");
    const agent = await registry.registerAgent({ token, hostname: "perm", agentVersion: "0.1.0" });
    secretsSeen.push(token, agent.credential);
    const socket = await RawAgentSocket.connect(url);
    socket.sendJson({
      type: "hello",
      agentId: agent.agentId,
      credential: agent.credential,
      hostname: "perm",
      agentVersion: "0.1.0",
      capabilities: [],
      domains: ["qperm.test"],
    });
    await socket.next((message) => message.type === "welcome");
    const asked = hub.query("qperm.test", {
      kind: "findByMatchingAttribute",
      attribute: "noSuchAttribute",
      values: ["x"],
      attributes: [],
    });
    const query = await socket.next((message) => message.type === "query");
    socket.sendJson({
      type: "queryResult",
      inReplyTo: query.id,
      ok: false,
      error: {
        errorCode: "HybridSynchronizationActiveDirectoryCannotFindAttribute",
        message: "no attribute noSuchAttribute",
        retryable: false,
      },
    });
    await expect(asked).rejects.toMatchObject({
      code: "HybridSynchronizationActiveDirectoryCannotFindAttribute",
      message: expect.stringContaining('"qperm.test"'),
      details: { agentId: agent.agentId, retryable: false },
    });
    socket.close();
  });
});

describe("logs", () => {
  it("never contain a registration token or an agent credential", () => {
    expect(secretsSeen.length).toBeGreaterThan(10);
    expect(logLines.length).toBeGreaterThan(50);
    const all = logLines.join("\n");
    for (const secret of secretsSeen)
      expect(all.includes(secret), "a secret appears in the coordinator log").toBe(false);
  });
});
