import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parsePrometheusText } from "../../metrics/test-support/parse-prometheus-text.js";
import { type ApiTestServer, json, startApiTestServer } from "../test-support/api-test-server.js";

let server: ApiTestServer;
beforeEach(async () => {
  server = await startApiTestServer();
  await server.request("/api/v1/jobs", json("POST", { name: "HR", domain: "corp.example" }));
});
afterEach(() => server.close());

const AGENT = {
  agentId: "agent-1",
  connectionId: "conn-1",
  hostname: "dc-proxy-01",
  agentVersion: "0.1.0",
  domains: ["corp.example"],
  inFlight: 3,
  credits: 253,
  queries: 0,
  connectedAt: new Date("2026-03-01T08:00:00Z"),
  lastHeartbeatAt: null,
};

describe("on-demand provisioning", () => {
  it("answers the steps, the target and the log record", async () => {
    server.services.addWorker("21045");
    const response = await server.request("/api/v1/jobs/hr/provisionOnDemand", json("POST", { workerId: "21045" }));
    expect(response.status).toBe(200);
    const result = (await response.json()) as Record<string, unknown> & { logRecord: { activityDateTime: string } };
    expect(result).toMatchObject({
      workerId: "21045",
      action: "create",
      status: "success",
      target: { anchor: "anchor-21045", dn: "CN=21045,OU=Staff,DC=corp,DC=example" },
      modifiedProperties: [{ name: "displayName", oldValue: null, newValue: "Worker 21045" }],
    });
    expect(result.logRecord.activityDateTime).toMatch(/Z$/);
  });

  it("answers an unknown worker with 404 WorkerNotFound", async () => {
    const response = await server.request("/api/v1/jobs/hr/provisionOnDemand", json("POST", { workerId: "nobody" }));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: "WorkerNotFound" });
  });
});

describe("staged actions", () => {
  it("lists pending actions, then allows them all and none remain", async () => {
    for (const index of [1, 2]) {
      server.services.addStagedAction({
        jobId: "hr",
        cycleId: "cycle-1",
        sourceAnchor: `src-${index}`,
        workerId: `W${index}`,
        displayName: null,
        kind: "disable",
        targetAnchor: `anchor-${index}`,
        payload: {},
      });
    }
    const listed = (await (await server.request("/api/v1/jobs/hr/staged")).json()) as {
      actions: { workerId: string; state: string; createdAt: string; decidedAt: null }[];
    };
    expect(listed.actions.map((action) => action.workerId)).toEqual(["W1", "W2"]);
    expect(listed.actions[0]).toMatchObject({ state: "pending", decidedAt: null });
    expect(listed.actions[0]!.createdAt).toMatch(/^\d{4}-.*Z$/);

    expect(await (await server.request("/api/v1/jobs/hr/staged/allow", { method: "POST" })).json()).toEqual({
      count: 2,
    });
    expect(await (await server.request("/api/v1/jobs/hr/staged/reject", { method: "POST" })).json()).toEqual({
      count: 0,
    });
    expect(await (await server.request("/api/v1/jobs/hr/staged")).json()).toEqual({ actions: [] });
  });
});

describe("agents and agent tokens", () => {
  it("lists connected agents with ISO dates", async () => {
    server.services.addAgent(AGENT);
    const { agents } = (await (await server.request("/api/v1/agents")).json()) as { agents: unknown[] };
    expect(agents).toEqual([{ ...AGENT, connectedAt: "2026-03-01T08:00:00.000Z" }]);
  });

  it("issues a registration token (201) with the TTL converted to milliseconds", async () => {
    const response = await server.request(
      "/api/v1/agent-tokens",
      json("POST", { domain: "corp.example", ttlSeconds: 600 }),
    );
    expect(response.status).toBe(201);
    const issued = (await response.json()) as { token: string; tokenId: string; domain: string; expiresAt: string };
    expect(issued.domain).toBe("corp.example");
    expect(issued.token).toMatch(/^rsr_/);
    const created = (await (await server.request("/api/v1/jobs/hr")).json()) as { createdAt: string };
    // The in-memory clock ticks a second per reading: expiry is 600 s after the token was issued.
    const lag = Date.parse(issued.expiresAt) - Date.parse(created.createdAt);
    expect(lag).toBeGreaterThanOrEqual(600_000);
    expect(lag).toBeLessThan(610_000);
  });

  it("revokes an agent (204) and answers an unknown one with 404", async () => {
    server.services.addAgent(AGENT);
    expect((await server.request("/api/v1/agents/agent-1", { method: "DELETE" })).status).toBe(204);
    const again = await server.request("/api/v1/agents/agent-1", { method: "DELETE" });
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ code: "NotFound", message: 'Agent "agent-1" does not exist.' });
  });
});

describe("admin tokens", () => {
  it("issues a token (secret shown once), lists tokens without secrets, revokes one", async () => {
    const response = await server.request("/api/v1/admin-tokens", json("POST", { name: "ci" }));
    expect(response.status).toBe(201);
    const issued = (await response.json()) as { token: { tokenId: string; name: string }; secret: string };
    expect(issued.secret).toMatch(/^rst_/);
    expect(issued.token.name).toBe("ci");

    const listText = await (await server.request("/api/v1/admin-tokens")).text();
    expect(listText).not.toContain(issued.secret);
    const { tokens } = JSON.parse(listText) as { tokens: { name: string; revokedAt: string | null }[] };
    expect(tokens.map((token) => token.name).sort()).toEqual(["ci", "test-admin"]);

    expect((await server.request(`/api/v1/admin-tokens/${issued.token.tokenId}`, { method: "DELETE" })).status).toBe(
      204,
    );
    expect((await server.request(`/api/v1/admin-tokens/${issued.token.tokenId}`, { method: "DELETE" })).status).toBe(
      404,
    );
  });
});

describe("expressions", () => {
  it("evaluates an expression against attributes", async () => {
    const response = await server.request(
      "/api/v1/expressions/evaluate",
      json("POST", { expression: "[givenName]", attributes: { givenName: "Jo" } }),
    );
    expect(await response.json()).toEqual({ value: "Jo", text: "Jo" });
  });

  it("answers an expression the service cannot parse with 400 InvalidExpression", async () => {
    const response = await server.request("/api/v1/expressions/evaluate", json("POST", { expression: "Join(" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "InvalidExpression", details: { position: 1 } });
  });
});

describe("health and metrics", () => {
  it("answers /healthz with ok", async () => {
    const response = await fetch(`${server.baseUrl}/healthz`);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("serves the services' Prometheus text with its content type", async () => {
    await server.request("/api/v1/jobs/hr/run", { method: "POST" });
    const response = await fetch(`${server.baseUrl}/metrics`);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const { types, samples } = parsePrometheusText(await response.text());
    expect(types.get("roster_cycles_total")).toBe("counter");
    expect(types.get("roster_agents_connected")).toBe("gauge");
    expect(samples).toContainEqual({ name: "roster_cycle_progress_workers", labels: { job: "hr" }, value: 0 });
  });
});
