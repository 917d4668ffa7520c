/**
 * A SuccessFactors job through the whole coordinator: hr-sim's OData v2 PerPerson API, the
 * default SuccessFactors → AD mapping set, a real agent and OpenLDAP. Managers are referenced by
 * personIdExternal (not the source anchor perPersonUuid), so reference resolution must find
 * links by matching value; writeback goes through OData upsert.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { registerAgent, type RunningAgent, silentLogger, startAgent } from "@roster/agent";
import { testAgentConfig } from "@roster/agent/test-support";
import { createDirectoryClient, type DirectoryClient } from "@roster/directory";
import { type OpenLdapServer, startOpenLdap } from "@roster/directory/test-support";
import { successFactorsToActiveDirectory, successFactorsWriteback } from "@roster/engine";
import { createHrSimServer, type HrSimServer } from "@roster/hr-sim";
import { createSuccessFactorsClient } from "@roster/successfactors";
import { afterAll, beforeAll, expect, it } from "vitest";
import { AGENT_ENDPOINT_PATH } from "./agents/agent-endpoint.js";
import type { JobDefinitionInput } from "./jobs/job-definition.js";
import { type CoordinatorServer, startCoordinatorServer } from "./server.js";

const DOMAIN = "roster.test";
const CREDENTIALS = { username: "svc_roster@ACMET1", password: "sf-s3cr3t-pw" };
const WORKERS = 30;

let ldap: OpenLdapServer;
let reader: DirectoryClient;
let sim: HrSimServer;
let server: CoordinatorServer;
let agent: RunningAgent;
let stateDir: string;

beforeAll(async () => {
  [ldap, sim] = await Promise.all([
    startOpenLdap(),
    createHrSimServer({ database: { memory: true }, credentials: CREDENTIALS, tenant: "acme", workers: WORKERS, seed: 5 }),
  ]);
  reader = createDirectoryClient({ url: ldap.url, bindDn: ldap.bindDn, password: ldap.password, baseDn: ldap.baseDn, dialect: "openldap" });
  server = await startCoordinatorServer({ coordinator: { writebackPollMs: 100, pageSize: 8 } });
  const { token } = await server.registry.issueRegistrationToken(DOMAIN);
  const agentUrl = `${server.url.replace(/^http/, "ws")}${AGENT_ENDPOINT_PATH}`;
  const config = await testAgentConfig(agentUrl, ldap, {
    domains: [
      { name: DOMAIN, directory: { url: ldap.url, bindDn: ldap.bindDn, password: ldap.password, baseDn: ldap.baseDn, dialect: "openldap" } },
    ],
  });
  stateDir = config.stateDir;
  await registerAgent({
    endpoint: { url: agentUrl, rejectUnauthorized: true, handshakeTimeoutMs: 5000 },
    token,
    credentialFile: join(stateDir, "credential.json"),
    hostname: "agent-host",
    logger: silentLogger(),
  });
  agent = await startAgent({ config, logger: silentLogger() });
  const connected = Date.now() + 30_000;
  while (server.hub.agentCount(DOMAIN) === 0) {
    if (Date.now() > connected) throw new Error("the agent did not connect");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, 180_000);

afterAll(async () => {
  await agent?.stop();
  await server?.close();
  await sim?.close();
  await reader?.close();
  await ldap?.stop();
  if (stateDir !== undefined) await rm(stateDir, { recursive: true, force: true });
});

it("runs an initial cycle from SuccessFactors: accounts, managers by personIdExternal, email written back", async () => {
  const provisioning = successFactorsToActiveDirectory({ upnDomain: "roster.test", defaultContainer: ldap.usersDn });
  const definition: JobDefinitionInput = {
    name: "SuccessFactors to OpenLDAP",
    source: {
      type: "successfactors",
      connection: {
        baseUrl: `${sim.url}/odata/v2/`,
        auth: { type: "basic", username: CREDENTIALS.username, password: CREDENTIALS.password },
        customPageSize: 10,
      },
    },
    domain: DOMAIN,
    provisioning: {
      ...provisioning,
      // hr-sim's department names can exceed AD's 64 characters: keep them in range.
      mappings: provisioning.mappings.map((mapping) => {
        if (mapping.target === "department") return { type: "Expression", expression: "Mid([department], 1, 64)", target: "department" };
        // hr-sim has namesakes: the second one's cn carries the personIdExternal.
        if (mapping.target === "cn" && mapping.type === "Expression") {
          return { ...mapping, expression: `SelectUniqueValue(${mapping.expression}, Join(" ", ${mapping.expression}, [personIdExternal]))` };
        }
        return mapping;
      }),
    },
    writeback: successFactorsWriteback(),
  };
  const { coordinator } = server;
  const job = await coordinator.createJob(definition, "test");
  await coordinator.startJob(job.jobId, "test");
  const deadline = Date.now() + 120_000;
  let status = await coordinator.status(job.jobId);
  while (status.lastCycle === null || status.currentCycle !== null) {
    if (Date.now() > deadline) throw new Error("initial cycle did not finish");
    await new Promise((resolve) => setTimeout(resolve, 100));
    status = await coordinator.status(job.jobId);
  }
  const cycle = status.lastCycle;
  expect(cycle.state, cycle.error ?? "").toBe("completed");
  if (cycle.counts.failed > 0) {
    const page = await coordinator.logs({ jobId: job.jobId, status: "failure" }, { limit: 3 });
    console.error(page.records.map((r) => `${r.sourceIdentity.id}: ${r.errorCode} ${r.additionalDetails}`).join("\n"));
  }
  expect(cycle.counts.failed).toBe(0);
  expect(cycle.counts.created).toBeGreaterThan(WORKERS / 2);

  // Writeback: every pending item drains without failure (they follow the initial cycle; HR is read after them).
  const writebackDeadline = Date.now() + 30_000;
  for (;;) {
    const counts = (await coordinator.status(job.jobId)).writebacks;
    expect(counts.failed).toBe(0);
    if (counts.pending === 0 && counts.done > 0) break;
    if (Date.now() > writebackDeadline) throw new Error(`writebacks did not drain: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const client = createSuccessFactorsClient({
    baseUrl: `${sim.url}/odata/v2/`,
    auth: { type: "basic", username: CREDENTIALS.username, password: CREDENTIALS.password },
    attributes: ["personIdExternal", "managerId", "emailAddress", "activeEmploymentsCount"],
  });
  const people: { id: string; manager: string | null }[] = [];
  const unreadable: string[] = [];
  for await (const item of client.importAll()) {
    if (!item.ok) unreadable.push(item.error.message);
    if (item.ok) {
      const manager = item.person.attributes["managerId"];
      people.push({ id: item.person.personIdExternal, manager: typeof manager === "string" ? manager : null });
    }
  }
  const entries = await reader.findByMatchingAttribute(
    "employeeID",
    people.map((p) => p.id),
    { attributes: ["manager", "mail"] },
  );
  const dnOf = new Map([...entries].filter(([, list]) => list.length === 1).map(([id, list]) => [id, list[0]!.dn.toLowerCase()]));
  for (const [, list] of entries) expect(list.length).toBeLessThanOrEqual(1);
  const managed = people.filter((p) => dnOf.has(p.id) && p.manager !== null && dnOf.has(p.manager));
  expect(unreadable).toEqual([]);
  expect(managed.length, `${people.length} people read, ${dnOf.size} accounts found`).toBeGreaterThan(3);
  for (const p of managed) {
    expect(String(entries.get(p.id)![0]!.attributes["manager"]).toLowerCase()).toBe(dnOf.get(p.manager!));
  }
}, 180_000);
