/** Builds agent configs for tests: a temp state dir, one domain, fast reconnects. */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AgentConfigInput } from "../config/agent-config.js";

export interface DirectorySettings {
  readonly url: string;
  readonly bindDn: string;
  readonly password: string;
  readonly baseDn: string;
}

export const TEST_DOMAIN = "roster.test";

export async function testAgentConfig(coordinatorUrl: string, directory: DirectorySettings, overrides: Partial<AgentConfigInput> = {}): Promise<AgentConfigInput> {
  const stateDir = await mkdtemp(join(tmpdir(), "roster-agent-state-"));
  return {
    coordinator: { url: coordinatorUrl, handshakeTimeoutMs: 5000 },
    stateDir,
    domains: [
      {
        name: TEST_DOMAIN,
        directory: { url: directory.url, bindDn: directory.bindDn, password: directory.password, baseDn: directory.baseDn, dialect: "openldap" },
      },
    ],
    concurrency: 8,
    reconnect: { initialDelayMs: 20, maxDelayMs: 200, jitter: 0.5 },
    logLevel: "silent",
    ...overrides,
  };
}
