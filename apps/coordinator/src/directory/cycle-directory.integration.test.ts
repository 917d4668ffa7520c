/**
 * CycleDirectory with the real parts: the agent hub on loopback, a real agent (startAgent)
 * and a real OpenLDAP (which enforces unique sAMAccountName / userPrincipalName), links in
 * LinkStore on PGlite, and many concurrent engine decisions with the default Workday → AD
 * mappings.
 */
import {
  type Attributes,
  type CompiledProvisioningConfig,
  type ProvisioningDecision,
  compileProvisioningConfigOrThrow,
  provisionWorker,
  workdayToActiveDirectory,
} from "@roster/engine";
import { startOpenLdap, type OpenLdapServer } from "@roster/directory/test-support";
import type { OperationRequest } from "@roster/protocol";
import type { Kysely } from "@roster/store";
import { openPGliteFixture, type PGliteFixture } from "@roster/store/test-support";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AgentHub } from "../agents/agent-hub.js";
import { AgentRegistry } from "../agents/agent-registry.js";
import { hubTestKit, until } from "../agents/test-support/hub-test-kit.js";
import { migrateCoordinatorStore } from "../store/coordinator-migrations.js";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import { LinkStore } from "../store/link-store.js";
import type { LinksAndLogsDatabase } from "../store/links-and-logs-schema.js";
import { CycleDirectory } from "./cycle-directory.js";

const DOMAIN = "cycle.test";
const JOB = "job-workday";
let ldap: OpenLdapServer;
let store: PGliteFixture<CoordinatorDatabase>;
let registry: AgentRegistry;
let links: LinkStore;
const logger = pino({ level: "silent" });
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  [ldap, store] = await Promise.all([startOpenLdap(), openPGliteFixture<CoordinatorDatabase>()]);
  await migrateCoordinatorStore(store.db);
  registry = new AgentRegistry(store.db, { logger });
  links = new LinkStore(store.db as unknown as Kysely<LinksAndLogsDatabase>);
}, 120_000);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await ldap?.stop();
  await store?.close();
});

const { startHub, registeredAgent } = hubTestKit(() => ({ ldap, registry, logger, cleanups, secretsSeen: [] }));

async function hubWithAgent(): Promise<AgentHub> {
  const { hub, url } = await startHub({ maxInFlight: 256, maxOperationsPerBatch: 100 });
  await registeredAgent(url, DOMAIN);
  await until(() => hub.agentCount(DOMAIN) === 1, 15_000, "the agent's session");
  return hub;
}

/** Counts the hub's queries by kind and attribute. */
function countingHub(hub: AgentHub): { hub: Pick<AgentHub, "query" | "testConnection">; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  return {
    counts,
    hub: {
      query: (domain, query, options) => {
        const key = "attribute" in query ? `${query.kind}:${query.attribute}` : query.kind;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        return hub.query(domain, query, options);
      },
      testConnection: (domain, options) => hub.testConnection(domain, options),
    },
  };
}

function seed(key: string, attributes: Record<string, string>): OperationRequest {
  return {
    idempotencyKey: `seed-${key}`,
    operation: {
      kind: "create",
      parentDn: ldap.usersDn,
      cn: `Seed ${key}`,
      attributes: { sn: "Seed", givenName: key, ...attributes },
      accountDisabled: false,
    },
  };
}

function worker(wid: string, first: string, last: string, extra: Record<string, string> = {}): Attributes {
  return {
    WID: wid,
    WorkerID: `E-${wid}`,
    FirstName: first,
    LastName: last,
    PreferredNameData: `${first} ${last} ${wid}`,
    UserID: `u.${wid}`,
    Active: "1",
    Company: "Roster",
    ...extra,
  };
}

function decide(
  config: CompiledProvisioningConfig,
  cycle: CycleDirectory,
  workers: readonly Attributes[],
): Promise<ProvisioningDecision[]> {
  return Promise.all(
    workers.map((attributes) =>
      provisionWorker({
        config,
        worker: attributes,
        link: null,
        directory: cycle.viewFor(String(attributes.WID)),
        now: () => new Date("2026-03-01T00:00:00Z"),
        random: () => 0.5,
        trace: "summary",
      }),
    ),
  );
}

const upnOf = (decision: ProvisioningDecision): string | undefined => {
  const create = decision.operations.find((operation) => operation.kind === "create");
  return create?.kind === "create" ? (create.attributes.userPrincipalName as string) : undefined;
};

function attributesOf(config: CompiledProvisioningConfig): string[] {
  return config.mappings.map((mapping) => mapping.target);
}

describe("CycleDirectory over the agent hub", () => {
  it("batches hundreds of concurrent decisions and keeps SelectUniqueValue collision-free", async () => {
    const realHub = await hubWithAgent();
    const seeded = await realHub.dispatch(
      DOMAIN,
      [
        seed("match", { employeeID: "E-W-MATCH", sAMAccountName: "seed.match" }),
        seed("taken", { sAMAccountName: "seed.taken", userPrincipalName: "John.Smith@roster.test" }),
        seed("manager", { employeeID: "E-W-BOSS", sAMAccountName: "seed.boss" }),
      ],
      { timeoutMs: 30_000 },
    ).all;
    const anchorOf = (key: string) => (seeded.get(`seed-${key}`) as { anchor?: string }).anchor!;
    expect(anchorOf("match")).toBeTruthy();
    await links.upsert([
      {
        jobId: JOB,
        sourceAnchor: "W-BOSS",
        sourceMatchingValue: "E-W-BOSS",
        targetAnchor: anchorOf("manager"),
        targetDn: null,
        inScope: true,
        exportedState: null,
      },
    ]);

    const config = compileProvisioningConfigOrThrow(
      workdayToActiveDirectory({ upnDomain: "roster.test", defaultContainer: ldap.usersDn }),
    );
    const regular = Array.from({ length: 150 }, (_, i) =>
      worker(`W${String(i).padStart(3, "0")}`, `Given${i}`, `Family${i}`, {
        ...(i % 3 === 0 ? { ManagerReference: "W-BOSS" } : {}),
        ...(i % 3 === 1 ? { ManagerReference: "W-NOBODY" } : {}),
      }),
    );
    const smiths = Array.from({ length: 4 }, (_, i) => worker(`JS${i}`, "John", "Smith"));
    const workers = [...regular, ...smiths, worker("W-MATCH", "Mat", "Ching")];

    const { hub, counts } = countingHub(realHub);
    const referenceLookups: number[] = [];
    const cycle = new CycleDirectory({
      hub,
      domain: DOMAIN,
      jobId: JOB,
      attributes: attributesOf(config),
      links: {
        findReferenced: (jobId, values) => {
          const list = [...values];
          referenceLookups.push(list.length);
          return links.findReferenced(jobId, list);
        },
      },
      queryTimeoutMs: 30_000,
    });
    const decisions = await decide(config, cycle, workers);
    const byWid = new Map(decisions.map((decision) => [decision.sourceAnchor, decision]));

    // The matching worker is linked to the seeded account, not created.
    expect(byWid.get("W-MATCH")).toMatchObject({ targetAnchor: anchorOf("match"), newLink: true, error: null });
    expect(byWid.get("W-MATCH")?.action).not.toBe("Create");

    // John.Smith@ is held in the directory (in another case); the two free candidates go to one Smith each.
    const smithUpns = smiths.map((attributes) => upnOf(byWid.get(String(attributes.WID))!));
    expect(smithUpns.filter((upn) => upn !== undefined).sort()).toEqual([
      "J.Smith@roster.test",
      "Jo.Smith@roster.test",
    ]);
    expect(
      smiths.map((attributes) => byWid.get(String(attributes.WID))?.error?.code).filter((code) => code !== undefined),
    ).toEqual(["SelectUniqueValueExhausted", "SelectUniqueValueExhausted"]);

    const creates = decisions.filter((decision) => decision.action === "Create" && decision.error === null);
    expect(creates).toHaveLength(152);
    const upns = creates.map((decision) => upnOf(decision)!.toLowerCase());
    expect(new Set(upns).size).toBe(152);
    expect(upns).not.toContain("john.smith@roster.test");

    // References: a stored link resolves, an unknown worker is deferred.
    const w0 = byWid.get("W000")!;
    expect(w0.operations.find((operation) => operation.kind === "setReference")).toMatchObject({
      attribute: "manager",
      targetAnchor: anchorOf("manager"),
    });
    expect(byWid.get("W001")?.deferredReferences).toEqual([{ attribute: "manager", sourceAnchorValue: "W-NOBODY" }]);

    // Round trips: one matching query for all 155 workers, one uniqueness query per candidate round.
    expect(counts.get("findByMatchingAttribute:employeeID")).toBe(1);
    expect(counts.get("isTaken:userPrincipalName")).toBe(3);
    expect(counts.get("readByAnchor")).toBeUndefined();
    expect(referenceLookups.length).toBeLessThanOrEqual(2);
    expect(referenceLookups.reduce((sum, size) => sum + size, 0)).toBe(2);

    // The directory agrees: every create goes through its uniqueness constraints.
    const requests: OperationRequest[] = creates.map((decision) => {
      const create = decision.operations.find((operation) => operation.kind === "create")!;
      return { idempotencyKey: `create-${decision.sourceAnchor}`, operation: create };
    });
    const results = await realHub.dispatch(DOMAIN, requests, { timeoutMs: 60_000 }).all;
    const failed = [...results.values()].filter((result) => result.status === "failed");
    expect(failed).toEqual([]);

    // Next cycle: every worker now matches its own new account by employeeID, in one query again.
    const next = countingHub(realHub);
    const again = await decide(
      config,
      new CycleDirectory({ hub: next.hub, domain: DOMAIN, jobId: JOB, attributes: attributesOf(config), links }),
      creates.map((decision) => workers.find((attributes) => attributes.WID === decision.sourceAnchor)!),
    );
    expect(again.every((decision) => decision.action !== "Create" && decision.error === null)).toBe(true);
    expect(
      again.every(
        (decision) =>
          decision.targetAnchor === (results.get(`create-${decision.sourceAnchor}`) as { anchor?: string }).anchor,
      ),
    ).toBe(true);
    expect(next.counts.get("findByMatchingAttribute:employeeID")).toBe(1);
  }, 120_000);

  it("reads linked entries by anchor in one batch and finds vanished ones missing", async () => {
    const realHub = await hubWithAgent();
    const seeded = await realHub.dispatch(
      DOMAIN,
      [seed("read-a", { employeeID: "E-READ-A" }), seed("read-b", { employeeID: "E-READ-B" })],
      { timeoutMs: 30_000 },
    ).all;
    const anchors = [...seeded.values()].map((result) => (result as { anchor?: string }).anchor!);
    const { hub, counts } = countingHub(realHub);
    const cycle = new CycleDirectory({ hub, domain: DOMAIN, jobId: JOB, attributes: ["employeeID"], links });
    const [a, b, gone] = await Promise.all([
      cycle.findByAnchor(anchors[0]!),
      cycle.viewFor("W1").findByAnchor(anchors[1]!.toUpperCase()),
      cycle.findByAnchor("00000000-0000-0000-0000-000000000000"),
    ]);
    expect([a?.attributes.employeeID, b?.attributes.employeeID, gone]).toEqual(["E-READ-A", "E-READ-B", null]);
    expect(counts.get("readByAnchor")).toBe(1);
  }, 60_000);

  it("on demand: tests the connection first; without an agent every decision fails EndpointUnavailable", async () => {
    const realHub = await hubWithAgent();
    const config = compileProvisioningConfigOrThrow(
      workdayToActiveDirectory({ upnDomain: "roster.test", defaultContainer: ldap.usersDn }),
    );
    const options = { hub: realHub, jobId: JOB, attributes: attributesOf(config), links, testConnection: true };
    const [ok] = await decide(config, new CycleDirectory({ ...options, domain: DOMAIN }), [
      worker("OD1", "On", "Demand"),
    ]);
    expect(ok).toMatchObject({ action: "Create", error: null });

    const nobody = await decide(config, new CycleDirectory({ ...options, domain: "nobody.test" }), [
      worker("OD2", "No", "Agent"),
    ]);
    expect(nobody[0]?.error?.code).toBe("EndpointUnavailable");
    expect(nobody[0]?.steps[0]).toMatchObject({ status: "failure" });

    // A cycle does not test first: its queries fail once the wait for an agent runs out.
    const cycle = new CycleDirectory({ ...options, domain: "nobody.test", testConnection: false, queryTimeoutMs: 300 });
    const failed = await decide(config, cycle, [worker("C1", "A", "B"), worker("C2", "C", "D")]);
    expect(failed.map((decision) => decision.error?.code)).toEqual(["EndpointUnavailable", "EndpointUnavailable"]);
    expect(cycle.stats.queries).toBe(1);
  }, 60_000);
});
