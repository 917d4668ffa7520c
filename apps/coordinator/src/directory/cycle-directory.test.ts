/** CycleDirectory against a recording stand-in for the hub: batching, splitting, reservations, references. */
import { PROTOCOL_LIMITS } from "@roster/protocol";
import { RosterError } from "@roster/engine";
import { beforeEach, describe, expect, it } from "vitest";
import type { StoredLink } from "../store/link-store.js";
import { CycleDirectory, type CycleDirectoryOptions } from "./cycle-directory.js";
import { RecordingHub } from "./test-support/recording-hub.js";

/** findReferenced over an in-memory list, recording each call's values. */
class MemoryLinks {
  readonly calls: string[][] = [];
  readonly links: StoredLink[] = [];

  add(sourceAnchor: string, sourceMatchingValue: string | null, targetAnchor: string): void {
    this.links.push({
      jobId: "job-1",
      sourceAnchor,
      sourceMatchingValue,
      targetAnchor,
      targetDn: null,
      inScope: true,
      exportedState: null,
      updatedAt: new Date(0),
    });
  }

  async findReferenced(jobId: string, values: Iterable<string>): Promise<Map<string, StoredLink>> {
    const list = [...values];
    this.calls.push(list);
    await Promise.resolve();
    const found = new Map<string, StoredLink>();
    const ambiguous: string[] = [];
    for (const value of list) {
      const mine = this.links.filter((link) => link.jobId === jobId);
      const byAnchor = mine.find((link) => link.sourceAnchor === value);
      const byMatching = mine.filter((link) => link.sourceMatchingValue === value);
      if (byAnchor !== undefined) found.set(value, byAnchor);
      else if (byMatching.length === 1) found.set(value, byMatching[0]!);
      else if (byMatching.length > 1) ambiguous.push(value);
    }
    if (ambiguous.length > 0)
      throw new RosterError("DuplicateSourceEntries", "shared matching values", { values: ambiguous });
    return found;
  }
}

let hub: RecordingHub;
let links: MemoryLinks;

function directory(options: Partial<CycleDirectoryOptions> = {}): CycleDirectory {
  return new CycleDirectory({
    hub,
    domain: "example.org",
    jobId: "job-1",
    attributes: ["employeeID", "userPrincipalName", "sAMAccountName"],
    links,
    ...options,
  });
}

beforeEach(() => {
  hub = new RecordingHub();
  links = new MemoryLinks();
});

describe("batching", () => {
  it("sends the matching lookups of many concurrent decisions as one query", async () => {
    for (let i = 0; i < 300; i += 3) hub.add(`anchor-${i}`, { employeeID: `E${i}` });
    const cycle = directory();
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => cycle.viewFor(`W${i}`).findByMatchingAttribute("employeeID", `E${i}`)),
    );
    expect(hub.queries).toHaveLength(1);
    expect(hub.queries[0]).toMatchObject({
      kind: "findByMatchingAttribute",
      attribute: "employeeID",
      attributes: ["employeeID", "userPrincipalName", "sAMAccountName"],
    });
    expect(answers.map((entries) => entries.map((entry) => entry.anchor))).toEqual(
      Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? [`anchor-${i}`] : [])),
    );
    expect(cycle.stats).toEqual({ queries: 1, values: 300 });
  });

  it(`splits a batch at ${PROTOCOL_LIMITS.maxQueryValues} values`, async () => {
    const cycle = directory();
    const count = PROTOCOL_LIMITS.maxQueryValues * 2 + 345;
    await Promise.all(Array.from({ length: count }, (_, i) => cycle.findByMatchingAttribute("employeeID", `E${i}`)));
    const sizes = hub.queries.map((query) => (query.kind === "findByMatchingAttribute" ? query.values.length : 0));
    expect(sizes).toEqual([PROTOCOL_LIMITS.maxQueryValues, PROTOCOL_LIMITS.maxQueryValues, 345]);
    expect(cycle.stats).toEqual({ queries: 3, values: count });
  });

  it("asks once per kind and attribute, and once per distinct value", async () => {
    hub.add("a1", { employeeID: "E1", sAMAccountName: "jdoe" });
    const cycle = directory();
    const [byEmployee, again, byAccount, taken, entry] = await Promise.all([
      cycle.viewFor("W1").findByMatchingAttribute("employeeID", "E1"),
      cycle.viewFor("W2").findByMatchingAttribute("employeeID", "E1"),
      cycle.viewFor("W3").findByMatchingAttribute("sAMAccountName", "JDOE"),
      cycle.viewFor("W4").isTaken("sAMAccountName", "jdoe"),
      cycle.viewFor("W5").findByAnchor("a1"),
    ]);
    expect(hub.kinds().sort()).toEqual([
      "findByMatchingAttribute:employeeID",
      "findByMatchingAttribute:sAMAccountName",
      "isTaken:sAMAccountName",
      "readByAnchor",
    ]);
    const employeeQuery = hub.queries.find((query) => "attribute" in query && query.attribute === "employeeID");
    expect(employeeQuery).toMatchObject({ values: ["E1"] });
    expect([byEmployee, again, byAccount].map((entries) => entries[0]?.anchor)).toEqual(["a1", "a1", "a1"]);
    expect(taken).toBe(true);
    expect(entry?.attributes.employeeID).toBe("E1");
  });

  it("asks again in the next tick: answers are not cached across batches", async () => {
    const cycle = directory();
    expect(await cycle.findByMatchingAttribute("employeeID", "E9")).toEqual([]);
    hub.add("a9", { employeeID: "E9" });
    expect((await cycle.findByMatchingAttribute("employeeID", "E9")).map((entry) => entry.anchor)).toEqual(["a9"]);
    expect(hub.queries).toHaveLength(2);
  });

  it("reads entries by anchor in one batch; a vanished anchor is null; malformed anchors never leave", async () => {
    hub.add("0f8e-1", { employeeID: "E1" });
    const cycle = directory();
    const [found, upper, gone] = await Promise.all([
      cycle.findByAnchor("0f8e-1"),
      cycle.findByAnchor("0F8E-1"),
      cycle.findByAnchor("dead-beef"),
    ]);
    expect([found?.anchor, upper?.anchor, gone]).toEqual(["0f8e-1", "0f8e-1", null]);
    expect(hub.queries).toEqual([
      { kind: "readByAnchor", anchors: ["0f8e-1", "0F8E-1", "dead-beef"], attributes: expect.any(Array) },
    ]);
    await expect(cycle.findByAnchor("has space")).rejects.toMatchObject({ code: "InvalidAnchor" });
    await expect(cycle.findByAnchor("x".repeat(129))).rejects.toMatchObject({ code: "InvalidAnchor" });
    expect(hub.queries).toHaveLength(1);
  });

  it("refuses bad attributes and values per call, without failing the rest of the batch", async () => {
    const cycle = directory();
    const results = await Promise.allSettled([
      cycle.findByMatchingAttribute("employeeID", "E1"),
      cycle.findByMatchingAttribute("bad attr", "E2"),
      cycle.findByMatchingAttribute("employeeID", "x".repeat(PROTOCOL_LIMITS.maxAttributeValueLength + 1)),
    ]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "rejected"]);
    expect(hub.queries).toHaveLength(1);
    expect(() => directory({ attributes: ["cn", "not valid"] })).toThrow(/not an LDAP attribute name/);
  });
});

describe("isTaken reservations", () => {
  it("gives a free candidate to one of two workers asking in the same batch", async () => {
    const cycle = directory();
    const [first, second] = await Promise.all([
      cycle.viewFor("W1").isTaken("userPrincipalName", "j.doe@example.org"),
      cycle.viewFor("W2").isTaken("userPrincipalName", "J.Doe@Example.org"),
    ]);
    expect([first, second]).toEqual([false, true]);
    // One value on the wire: the two spellings are the same value to the directory.
    expect(hub.queries).toEqual([{ kind: "isTaken", attribute: "userPrincipalName", values: ["j.doe@example.org"] }]);
    // Asked again: the owner gets it, everyone else finds it taken, all without a query.
    expect(cycle.viewFor("W1").isTaken("userPrincipalName", "J.DOE@example.org")).toBe(false);
    expect(cycle.viewFor("W3").isTaken("userprincipalname", "j.doe@example.org ")).toBe(true);
    expect(hub.queries).toHaveLength(1);
  });

  it("hands out each free value once among hundreds of concurrent askers", async () => {
    const cycle = directory();
    const names = ["a@x", "b@x", "c@x"];
    const asked = Array.from({ length: 300 }, (_, i) => ({ worker: `W${i}`, value: names[i % 3]! }));
    const answers = await Promise.all(
      asked.map(({ worker, value }) => cycle.viewFor(worker).isTaken("userPrincipalName", value.toUpperCase())),
    );
    const winners = asked.filter((_, i) => answers[i] === false);
    expect(winners.map((winner) => winner.value).sort()).toEqual(names);
    expect(hub.queries).toHaveLength(1);
  });

  it("finds values the directory holds taken, case-insensitively, for everyone and for the rest of the cycle", async () => {
    hub.add("a1", { sAMAccountName: "JDoe" });
    const cycle = directory();
    expect(await cycle.viewFor("W1").isTaken("sAMAccountName", "jdoe")).toBe(true);
    expect(await cycle.viewFor("W1").isTaken("sAMAccountName", "jdoe2")).toBe(false);
    expect(cycle.viewFor("W1").isTaken("sAMAccountName", "JDOE")).toBe(true);
    expect(cycle.viewFor("W2").isTaken("sAMAccountName", "jdoe")).toBe(true);
    cycle.release("W1");
    expect(cycle.viewFor("W2").isTaken("sAMAccountName", "jdoe")).toBe(true);
    expect(hub.queries).toHaveLength(2);
  });

  it("reserve() holds a value for its worker; release() gives a worker's values back", async () => {
    const cycle = directory();
    cycle.reserve("sAMAccountName", "JSmith", "W1");
    expect(cycle.viewFor("W2").isTaken("samaccountname", "jsmith")).toBe(true);
    expect(cycle.viewFor("W1").isTaken("sAMAccountName", "jsmith")).toBe(false);
    expect(await cycle.viewFor("W1").isTaken("sAMAccountName", "jsmith2")).toBe(false);
    cycle.release("W1");
    expect(await cycle.viewFor("W2").isTaken("sAMAccountName", "jsmith")).toBe(false);
    expect(await cycle.viewFor("W3").isTaken("sAMAccountName", "jsmith2")).toBe(false);
    expect(cycle.viewFor("W1").isTaken("sAMAccountName", "jsmith")).toBe(true);
  });

  it("settle() keeps a worker's values reserved for the cycle and forgets that it held them", async () => {
    const cycle = directory();
    cycle.reserve("sAMAccountName", "AKim", "W1");
    cycle.settle("W1");
    cycle.release("W1");
    expect(cycle.viewFor("W2").isTaken("sAMAccountName", "akim")).toBe(true);
    // Another worker may still take it over explicitly (a later decision's reserve wins).
    cycle.reserve("sAMAccountName", "AKim", "W2");
    expect(cycle.viewFor("W2").isTaken("sAMAccountName", "akim")).toBe(false);
    expect(cycle.viewFor("W1").isTaken("sAMAccountName", "akim")).toBe(true);
  });
});

describe("references", () => {
  it("resolves remembered links at once and the rest with one store lookup", async () => {
    links.add("WID-1", "P-1", "guid-1");
    links.add("WID-2", null, "guid-2");
    const cycle = directory();
    cycle.rememberLink("WID-9", "P-9", "guid-9");
    expect(cycle.viewFor("W").resolveReference("WID-9", "manager")).toBe("guid-9");
    expect(cycle.viewFor("W").resolveReference("P-9", "manager")).toBe("guid-9");
    const answers = await Promise.all(
      ["WID-1", "P-1", "WID-2", "WID-404", "WID-1"].map((value, i) =>
        cycle.viewFor(`W${i}`).resolveReference(value, "manager"),
      ),
    );
    expect(answers).toEqual(["guid-1", "guid-1", "guid-2", null, "guid-1"]);
    expect(links.calls).toEqual([["WID-1", "P-1", "WID-2", "WID-404"]]);
  });

  it("prefers a link remembered while the store was being asked", async () => {
    const cycle = directory();
    const pending = cycle.resolveReference("WID-5", "manager");
    cycle.rememberLink("WID-5", null, "guid-5");
    expect(await pending).toBe("guid-5");
  });

  it("fails only the references whose matching value two workers share", async () => {
    links.add("WID-1", "shared", "guid-1");
    links.add("WID-2", "shared", "guid-2");
    links.add("WID-3", "P-3", "guid-3");
    const cycle = directory();
    const results = await Promise.allSettled([
      cycle.resolveReference("shared", "manager"),
      cycle.resolveReference("P-3", "manager"),
    ]);
    expect(results[0]).toMatchObject({ status: "rejected", reason: { code: "DuplicateSourceEntries" } });
    expect(results[1]).toEqual({ status: "fulfilled", value: "guid-3" });
  });
});

describe("failures", () => {
  it("rejects every call of a failed batch with the hub's RosterError", async () => {
    hub.failWith = new RosterError("Timeout", "no answer in time", { domain: "example.org" });
    const cycle = directory();
    const results = await Promise.allSettled([
      cycle.findByMatchingAttribute("employeeID", "E1"),
      cycle.findByMatchingAttribute("employeeID", "E2"),
    ]);
    expect(results.map((result) => result.status === "rejected" && (result.reason as RosterError).code)).toEqual([
      "Timeout",
      "Timeout",
    ]);
    hub.failWith = new Error("socket hang up");
    await expect(cycle.isTaken("sAMAccountName", "x", "W1")).rejects.toMatchObject({
      code: "InternalError",
      message: expect.stringContaining('isTaken query for domain "example.org"'),
    });
  });

  it("fails a value the agent left out of its answer as a protocol error", async () => {
    hub.dropValues.add("E2");
    const cycle = directory();
    const results = await Promise.allSettled([
      cycle.findByMatchingAttribute("employeeID", "E1"),
      cycle.findByMatchingAttribute("employeeID", "E2"),
    ]);
    expect(results[0]).toEqual({ status: "fulfilled", value: [] });
    expect(results[1]).toMatchObject({ status: "rejected", reason: { code: "AgentProtocolError" } });
  });

  it("tests the connection only in views that ask for it, once for concurrent callers", async () => {
    expect(directory().viewFor("W1").testConnection).toBeUndefined();
    const onDemand = directory({ testConnection: true });
    await Promise.all([onDemand.viewFor("W1").testConnection?.(), onDemand.viewFor("W2").testConnection?.()]);
    expect(hub.connectionTests).toBe(1);

    hub.connectionFailure = new RosterError("EndpointUnavailable", 'no agent serving domain "example.org"');
    const failing = directory({ testConnection: true });
    await expect(failing.viewFor("W1").testConnection?.()).rejects.toMatchObject({ code: "EndpointUnavailable" });
    hub.connectionFailure = new Error("connection reset");
    await expect(failing.testConnection()).rejects.toMatchObject({
      code: "EndpointUnavailable",
      message: expect.stringContaining('domain "example.org"'),
    });
    hub.connectionFailure = null;
    await expect(failing.testConnection()).resolves.toBeUndefined();
  });
});
