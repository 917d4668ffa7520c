/**
 * Helpers the hub integration tests share: a hub on a loopback endpoint, agents registered
 * with a fresh token and started in-process against OpenLDAP, create operations, and the
 * exactly-once check read straight from the directory.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { registerAgent, silentLogger, startAgent, type RunningAgent } from "@roster/agent";
import { testAgentConfig } from "@roster/agent/test-support";
import type { DirectoryClient } from "@roster/directory";
import type { OpenLdapServer } from "@roster/directory/test-support";
import type { OperationRequest } from "@roster/protocol";
import type { Logger } from "pino";
import { expect } from "vitest";
import { listenAgentEndpoint } from "../agent-endpoint.js";
import { AgentHub, type AgentHubOptions } from "../agent-hub.js";
import type { AgentRegistry } from "../agent-registry.js";

export interface HubTestContext {
  readonly ldap: OpenLdapServer;
  readonly registry: AgentRegistry;
  readonly logger: Logger;
  /** Run in reverse order after each test. */
  readonly cleanups: Array<() => Promise<unknown>>;
  /** Every token and credential handed out, to check the logs for leaks. */
  readonly secretsSeen: string[];
}

/** `context` is read at call time: the servers behind it start in beforeAll. */
export function hubTestKit(context: () => HubTestContext) {
  async function startHub(options: Partial<AgentHubOptions> = {}): Promise<{ hub: AgentHub; url: string }> {
    const { registry, logger, cleanups } = context();
    const hub = new AgentHub({
      registry,
      logger,
      heartbeatIntervalMs: 1000,
      maxInFlight: 16,
      maxOperationsPerBatch: 4,
      ...options,
    });
    const endpoint = await listenAgentEndpoint(hub);
    cleanups.push(async () => {
      await hub.close();
      await endpoint.close();
    });
    return { hub, url: endpoint.url };
  }

  async function agentConfig(url: string, domain: string, overrides: Record<string, unknown> = {}) {
    const { ldap, cleanups } = context();
    const directory = {
      url: ldap.url,
      bindDn: ldap.bindDn,
      password: ldap.password,
      baseDn: ldap.baseDn,
      dialect: "openldap" as const,
    };
    const config = await testAgentConfig(url, ldap, { domains: [{ name: domain, directory }], ...overrides });
    cleanups.push(() => rm(config.stateDir, { recursive: true, force: true }));
    return config;
  }

  /** Issues a token, registers an agent with it (as `roster-agent register` does) and starts it. */
  async function registeredAgent(
    url: string,
    domain: string,
    overrides: Record<string, unknown> = {},
  ): Promise<RunningAgent> {
    const { registry, cleanups, secretsSeen } = context();
    const { token } = await registry.issueRegistrationToken(domain);
    secretsSeen.push(token);
    const config = await agentConfig(url, domain, overrides);
    const credential = await registerAgent({
      endpoint: { url, rejectUnauthorized: true, handshakeTimeoutMs: 5000 },
      token,
      credentialFile: join(config.stateDir, "credential.json"),
      hostname: "agent-host",
      logger: silentLogger(),
    });
    secretsSeen.push(credential.credential);
    const agent = await startAgent({ config, logger: silentLogger() });
    cleanups.push(() => agent.stop());
    return agent;
  }

  const create = (prefix: string, i: number): OperationRequest => ({
    idempotencyKey: `${prefix}-create-${i}`,
    operation: {
      kind: "create",
      parentDn: context().ldap.usersDn,
      cn: `${prefix} Person ${i}`,
      attributes: {
        employeeID: `${prefix}-${i}`,
        sAMAccountName: `${prefix}.p${i}`,
        sn: "Person",
        givenName: `Given${i}`,
      },
      accountDisabled: false,
    },
  });

  return { startHub, agentConfig, registeredAgent, create };
}

/** Every employeeID `${prefix}-i` (i < count) is held by exactly one entry of the directory. */
export async function expectExactlyOnce(reader: DirectoryClient, prefix: string, count: number): Promise<void> {
  const values = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  const found = await reader.findByMatchingAttribute("employeeID", values, { attributes: [] });
  expect(values.map((value) => found.get(value)?.length ?? 0)).toEqual(Array(count).fill(1));
}

export async function until(predicate: () => boolean, timeoutMs = 15_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
