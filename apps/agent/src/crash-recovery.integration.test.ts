/**
 * The agent as a real process (`roster-agent run`), killed with SIGKILL in the middle of a
 * batch of 200 creates while OpenLDAP has applied writes the agent never heard about.
 * Restarted and sent the same batch (same idempotency keys), it must create every account
 * exactly once and report the ones made before the crash as alreadyApplied with their
 * anchors. A second agent process with its own ledger, sent the same batch, applies nothing.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDirectoryClient, type DirectoryClient } from "@roster/directory";
import { startOpenLdap, type OpenLdapServer } from "@roster/directory/test-support";
import type { OperationRequest, OperationResult } from "@roster/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeCredentialFile } from "./credentials/credential-file.js";
import { LEDGER_FILE_NAME } from "./ledger/journal-ledger.js";
import { FakeCoordinator } from "./test-support/fake-coordinator.js";
import { startResponseHoldingProxy, type ResponseHoldingProxy } from "./test-support/response-holding-proxy.js";

const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));
const DOMAIN = "roster.test";
const COUNT = 200;

let server: OpenLdapServer;
let proxy: ResponseHoldingProxy;
let reader: DirectoryClient;
let workDir: string;
const processes: ChildProcess[] = [];

beforeAll(async () => {
  server = await startOpenLdap();
  proxy = await startResponseHoldingProxy(server.url);
  reader = createDirectoryClient({ url: server.url, bindDn: server.bindDn, password: server.password, baseDn: server.baseDn, dialect: "openldap" });
  workDir = await mkdtemp(join(tmpdir(), "roster-crash-"));
}, 60_000);
afterAll(async () => {
  for (const child of processes) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await reader?.close();
  await proxy?.close();
  await server?.stop();
  await rm(workDir, { recursive: true, force: true });
});

interface AgentProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Writes a config + credential for one agent and returns a launcher for `roster-agent run`. */
async function prepareAgent(name: string, coordinator: FakeCoordinator): Promise<{ launch: () => AgentProcess; stateDir: string }> {
  const dir = join(workDir, name);
  const stateDir = join(dir, "state");
  const passwordFile = join(dir, "ldap-password");
  await writeCredentialFile(join(stateDir, "credential.json"), coordinator.issueCredential(`agent-${name}`));
  await writeFile(passwordFile, `${server.password}\n`, { mode: 0o600 });
  const config = {
    coordinator: { url: coordinator.url, handshakeTimeoutMs: 5000 },
    stateDir: "./state",
    domains: [{ name: DOMAIN, directory: { url: proxy.url, bindDn: server.bindDn, passwordFile: "./ldap-password", baseDn: server.baseDn, dialect: "openldap" } }],
    concurrency: 8,
    maxInFlight: 40,
    reconnect: { initialDelayMs: 50, maxDelayMs: 500 },
    logLevel: "info",
  };
  const configPath = join(dir, "config.json");
  await writeFile(configPath, JSON.stringify(config, null, 2));
  const launch = (): AgentProcess => {
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=source", MAIN, "run", "--config", configPath], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    processes.push(child);
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
    return { child, output: () => output, exited };
  };
  return { launch, stateDir };
}

const batch: OperationRequest[] = Array.from({ length: COUNT }, (_, i) => ({
  idempotencyKey: `crash-create-${i}`,
  operation: {
    kind: "create",
    parentDn: `ou=Users,dc=roster,dc=test`,
    cn: `Crash Test ${i}`,
    attributes: { employeeID: `CT${i}`, sAMAccountName: `crash.t${i}`, sn: "Test", givenName: `Crash${i}` },
    accountDisabled: i % 5 === 0,
  },
}));
const keys = batch.map((r) => r.idempotencyKey);
const employeeIds = batch.map((_, i) => `CT${i}`);

/** employeeID → the anchors of the accounts holding it, read straight from OpenLDAP. */
async function accountsInDirectory(): Promise<Map<string, string[]>> {
  const found = await reader.findByMatchingAttribute("employeeID", employeeIds, { attributes: [] });
  return new Map([...found].map(([id, entries]) => [id, entries.map((entry) => entry.anchor)]));
}

const keyOfEmployee = (id: string) => `crash-create-${id.slice(2)}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function anchorOf(result: OperationResult | undefined): string | undefined {
  return result !== undefined && result.status !== "failed" ? result.anchor : undefined;
}

describe("crash recovery of the agent process", () => {
  it("SIGKILL mid-batch, restart, re-send: every account exactly once; earlier ones alreadyApplied with their anchors; a second agent applies nothing", async () => {
    const coordinator = await FakeCoordinator.start({ maxInFlight: 40, heartbeatIntervalMs: 1000 });
    const first = await prepareAgent("first", coordinator);
    let agent = first.launch();
    try {
      await coordinator.until(() => coordinator.connected, 30_000, "the agent process to connect");
      void coordinator.sendOperations(DOMAIN, batch, 50).catch(() => undefined);
      await coordinator.until(() => coordinator.results.size >= 60, 30_000, "60 results");

      // From now on OpenLDAP applies the agent's writes but the answers never reach it.
      proxy.holdResponses(true);
      let inDirectory = 0;
      for (let waited = 0; waited < 10_000; waited += 50) {
        inDirectory = [...(await accountsInDirectory()).values()].filter((anchors) => anchors.length > 0).length;
        if (inDirectory > coordinator.results.size) break;
        await sleep(50);
      }
      await sleep(200); // let any write still on its way land
      agent.child.kill("SIGKILL");
      expect((await agent.exited).signal).toBe("SIGKILL");
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- agent output ---\n${agent.output()}`);
    }
    proxy.holdResponses(false);

    const answeredBeforeCrash = new Map([...coordinator.results].map(([key, results]) => [key, results.at(-1)!]));
    const beforeRestart = await accountsInDirectory();
    const appliedButUnanswered = [...beforeRestart].filter(([id, anchors]) => anchors.length > 0 && !answeredBeforeCrash.has(keyOfEmployee(id)));
    expect(answeredBeforeCrash.size).toBeGreaterThanOrEqual(60);
    expect(answeredBeforeCrash.size).toBeLessThan(COUNT);
    expect(appliedButUnanswered.length).toBeGreaterThan(0);

    // The ledger shows those as started without a result: the state the restart must reconcile.
    const journal = await readFile(join(first.stateDir, LEDGER_FILE_NAME), "utf8");
    for (const [id] of appliedButUnanswered) {
      expect(journal).toContain(`{"k":"${keyOfEmployee(id)}","t":`);
      expect(journal).not.toContain(`"r":{"idempotencyKey":"${keyOfEmployee(id)}"`);
    }

    // Restart and re-send the same 200 operations (the first sending loop is abandoned).
    coordinator.stopSending();
    coordinator.forgetResults();
    agent = first.launch();
    let afterRestart: Map<string, OperationResult>;
    try {
      await coordinator.until(() => coordinator.connected, 30_000, "the restarted agent to connect");
      await coordinator.sendOperations(DOMAIN, batch, 50);
      afterRestart = await coordinator.resultsFor(keys, 60_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- agent output ---\n${agent.output()}`);
    }

    const accounts = await accountsInDirectory();
    expect([...accounts.values()].map((anchors) => anchors.length)).toEqual(Array(COUNT).fill(1));
    for (const [index, key] of keys.entries()) {
      const result = afterRestart.get(key)!;
      const anchorInDirectory = accounts.get(employeeIds[index]!)![0];
      expect(result.status, `${key}: ${JSON.stringify(result)}`).not.toBe("failed");
      expect(anchorOf(result), key).toBe(anchorInDirectory);
      if (answeredBeforeCrash.has(key)) {
        expect(result).toEqual({ ...answeredBeforeCrash.get(key), status: "alreadyApplied" });
      } else if (beforeRestart.get(employeeIds[index]!)!.length > 0) {
        expect(result.status, key).toBe("alreadyApplied");
      } else {
        expect(result.status, key).toBe("applied");
      }
    }
    const disabled = await reader.readByAnchor([accounts.get("CT0")![0]!, accounts.get("CT1")![0]!], []);
    expect([...disabled.values()].map((entry) => entry.attributes.accountDisabled)).toEqual(["True", "False"]);
    expect(agent.output()).toMatch(/"startedWithoutResult":[1-9]/);

    // SIGTERM stops it cleanly.
    agent.child.kill("SIGTERM");
    expect((await agent.exited).code).toBe(0);

    // A second agent process with its own (empty) ledger gets the same batch: nothing is applied twice.
    const otherCoordinator = await FakeCoordinator.start({ maxInFlight: 40 });
    const second = await prepareAgent("second", otherCoordinator);
    const secondAgent = second.launch();
    try {
      await otherCoordinator.until(() => otherCoordinator.connected, 30_000, "the second agent to connect");
      await otherCoordinator.sendOperations(DOMAIN, batch, 50);
      const fromSecond = await otherCoordinator.resultsFor(keys, 60_000);
      for (const key of keys) {
        expect(fromSecond.get(key), key).toMatchObject({ status: "alreadyApplied", anchor: anchorOf(afterRestart.get(key)) });
      }
      const finalAccounts = await accountsInDirectory();
      expect([...finalAccounts.values()].map((anchors) => anchors.length)).toEqual(Array(COUNT).fill(1));
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- second agent output ---\n${secondAgent.output()}`);
    } finally {
      secondAgent.child.kill("SIGTERM");
      await secondAgent.exited;
      await otherCoordinator.stop();
      await coordinator.stop();
    }
  }, 180_000);
});
