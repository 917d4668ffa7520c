import pino from "pino";
import { describe, expect, it } from "vitest";
import { AgentHub } from "./agent-hub.js";
import type { AgentRegistry } from "./agent-registry.js";

// These cases never reach the registry.
const registry = {} as AgentRegistry;
const logger = pino({ level: "silent" });

describe("AgentHub options and input checks", () => {
  it.each([
    ["heartbeatIntervalMs", 999],
    ["maxInFlight", 0],
    ["maxOperationsPerBatch", 501],
    ["missedHeartbeats", 1.5],
    ["handshakeTimeoutMs", 10],
  ] as const)("refuses %s = %s, naming the option", (name, value) => {
    expect(() => new AgentHub({ registry, logger, [name]: value })).toThrow(
      expect.objectContaining({ code: "InvalidConfiguration", details: { field: name } }),
    );
  });

  it("rejects a bad domain or query with InvalidRequest before any agent is involved", async () => {
    const hub = new AgentHub({ registry, logger });
    try {
      expect(() => hub.dispatch("two words", [])).toThrow(expect.objectContaining({ code: "InvalidRequest" }));
      await expect(hub.query("a.test", { kind: "readByAnchor", anchors: [], attributes: [] })).rejects.toMatchObject({
        code: "InvalidRequest",
        message: expect.stringContaining('"a.test"'),
      });
      await expect(hub.testConnection("a.test")).rejects.toMatchObject({
        code: "EndpointUnavailable",
        message: expect.stringContaining('"a.test"'),
      });
      expect(() => hub.dispatch("a.test", [], { timeoutMs: -1 })).toThrow(
        expect.objectContaining({ code: "InvalidRequest", details: { field: "timeoutMs" } }),
      );
      await expect(hub.query("a.test", { kind: "readSchema" }, { timeoutMs: 1.5 })).rejects.toMatchObject({
        code: "InvalidRequest",
        details: { field: "timeoutMs" },
      });
      expect(hub.status()).toEqual([]);
    } finally {
      await hub.close();
    }
  });

  it("fails what is still waiting when it closes, and refuses new work after", async () => {
    const hub = new AgentHub({ registry, logger });
    const run = hub.dispatch("a.test", [{ idempotencyKey: "k1", operation: { kind: "delete", anchor: "x" } }]);
    const query = hub.query("a.test", { kind: "readSchema" });
    await hub.close();
    expect([...(await run.all).values()]).toEqual([
      expect.objectContaining({
        idempotencyKey: "k1",
        status: "failed",
        errorCode: "EndpointUnavailable",
        retryable: true,
      }),
    ]);
    await expect(query).rejects.toMatchObject({ code: "EndpointUnavailable" });
    const after = await hub.dispatch("a.test", [{ idempotencyKey: "k2", operation: { kind: "delete", anchor: "x" } }])
      .all;
    expect(after.get("k2")).toMatchObject({ status: "failed", errorCode: "EndpointUnavailable" });
  });
});
