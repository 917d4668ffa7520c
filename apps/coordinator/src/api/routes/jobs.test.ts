import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ApiTestServer, json, startApiTestServer } from "../test-support/api-test-server.js";

let server: ApiTestServer;
beforeEach(async () => {
  server = await startApiTestServer();
});
afterEach(() => server.close());

const DEFINITION = {
  name: "HR",
  domain: "corp.example",
  source: { type: "workday", connection: { tenantUrl: "https://wd.example", username: "isu", password: "s3cret!" } },
};

async function createJob() {
  const response = await server.request("/api/v1/jobs", json("POST", DEFINITION));
  expect(response.status).toBe(201);
  return (await response.json()) as Record<string, unknown>;
}

describe("job routes", () => {
  it("creates, lists, reads, replaces and deletes a job", async () => {
    const created = await createJob();
    expect(created).toMatchObject({ jobId: "hr", version: 1, runState: "stopped", definition: DEFINITION });
    expect(new Date(created["createdAt"] as string).toISOString()).toBe(created["createdAt"]);

    const list = (await (await server.request("/api/v1/jobs")).json()) as { jobs: { jobId: string }[] };
    expect(list.jobs.map((job) => job.jobId)).toEqual(["hr"]);
    expect(await (await server.request("/api/v1/jobs/hr")).json()).toEqual(created);

    const replaced = await server.request("/api/v1/jobs/hr", json("PUT", { ...DEFINITION, description: "Workday" }));
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toMatchObject({ version: 2, definition: { description: "Workday" } });

    expect((await server.request("/api/v1/jobs/hr", { method: "DELETE" })).status).toBe(204);
    const gone = await server.request("/api/v1/jobs/hr");
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ code: "NotFound", message: 'Job "hr" does not exist.' });
  });

  it("passes If-Match as the expected version: the current one succeeds, a stale one is 409", async () => {
    await createJob();
    const stale = await server.request("/api/v1/jobs/hr", json("PUT", DEFINITION, { "if-match": '"7"' }));
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ code: "VersionConflict", details: { currentVersion: 1 } });
    const current = await server.request("/api/v1/jobs/hr", json("PUT", DEFINITION, { "if-match": "1" }));
    expect(current.status).toBe(200);
    expect(await current.json()).toMatchObject({ version: 2 });
  });

  it("answers a definition the service rejects with 400 InvalidConfiguration naming the field", async () => {
    const response = await server.request("/api/v1/jobs", json("POST", { name: "HR" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "InvalidConfiguration", details: { field: "domain" } });
  });

  it("exports the definition with secrets redacted", async () => {
    await createJob();
    const exported = await (await server.request("/api/v1/jobs/hr/export")).json();
    expect(exported).toEqual({
      ...DEFINITION,
      source: { ...DEFINITION.source, connection: { ...DEFINITION.source.connection, password: "[Redact]" } },
    });
  });

  it("lists the audit log newest first, limited, with ISO dates and the token's name as actor", async () => {
    await createJob();
    await server.request("/api/v1/jobs/hr/start", { method: "POST" });
    await server.request("/api/v1/jobs/hr/stop", { method: "POST" });
    const { entries } = (await (await server.request("/api/v1/jobs/hr/audit?limit=2")).json()) as {
      entries: { action: string; actor: string; at: string }[];
    };
    expect(entries.map((entry) => entry.action)).toEqual(["stop", "start"]);
    expect(entries.every((entry) => entry.actor === "test-admin")).toBe(true);
    expect(entries[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("validates a configuration without saving it", async () => {
    const valid = await (await server.request("/api/v1/config/validate", json("POST", DEFINITION))).json();
    expect(valid).toEqual({ valid: true, issues: [] });
    const invalid = (await (await server.request("/api/v1/config/validate", json("POST", { domain: "d" }))).json()) as {
      valid: boolean;
      issues: { path: string }[];
    };
    expect(invalid.valid).toBe(false);
    expect(invalid.issues[0]?.path).toBe("name");
    expect((await (await server.request("/api/v1/jobs")).json()) as unknown).toEqual({ jobs: [] });
  });
});

describe("lifecycle routes", () => {
  it("starts and stops a job", async () => {
    await createJob();
    expect(await (await server.request("/api/v1/jobs/hr/start", { method: "POST" })).json()).toMatchObject({
      runState: "running",
    });
    expect(await (await server.request("/api/v1/jobs/hr/stop", { method: "POST" })).json()).toMatchObject({
      runState: "stopped",
    });
  });

  it("refuses to start a quarantined job with 409 JobQuarantined, and restart clears it", async () => {
    await createJob();
    server.services.quarantine("hr", "Too many failures");
    const refused = await server.request("/api/v1/jobs/hr/start", { method: "POST" });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: "JobQuarantined" });

    const restarted = await server.request("/api/v1/jobs/hr/restart", json("POST", { breakLinks: true }));
    expect(restarted.status).toBe(200);
    expect(server.services.actors).toContainEqual({ method: "restartJob", actor: "test-admin" });
    expect((await server.request("/api/v1/jobs/hr/start", { method: "POST" })).status).toBe(200);
  });

  it("restarts without a body (breakLinks defaults to false)", async () => {
    await createJob();
    const response = await server.request("/api/v1/jobs/hr/restart", { method: "POST" });
    expect(response.status).toBe(200);
    const audit = (await (await server.request("/api/v1/jobs/hr/audit")).json()) as { entries: { action: string }[] };
    expect(audit.entries[0]?.action).toBe("restart");
  });

  it("runs a cycle now (202), refuses a second one while it runs (409), and reports it in status and cycles", async () => {
    await createJob();
    const run = await server.request("/api/v1/jobs/hr/run", { method: "POST" });
    expect(run.status).toBe(202);
    const { cycleId } = (await run.json()) as { cycleId: string };
    expect(cycleId).toMatch(/^[0-9a-f-]{36}$/);

    const again = await server.request("/api/v1/jobs/hr/run", { method: "POST" });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: "CycleInProgress", details: { cycleId } });

    const status = (await (await server.request("/api/v1/jobs/hr/status")).json()) as Record<string, unknown>;
    expect(status).toMatchObject({
      jobId: "hr",
      currentCycle: { cycleId, kind: "initial", state: "running", finishedAt: null },
      lastCycle: null,
      quarantine: { quarantined: false, reason: null, since: null },
      writebacks: { pending: 0, done: 0, failed: 0 },
    });
    expect(typeof (status["currentCycle"] as { startedAt: unknown }).startedAt).toBe("string");

    const cycles = (await (await server.request("/api/v1/jobs/hr/cycles?limit=5")).json()) as {
      cycles: { cycleId: string }[];
    };
    expect(cycles.cycles.map((cycle) => cycle.cycleId)).toEqual([cycleId]);
  });

  it("answers lifecycle calls on a missing job with 404", async () => {
    for (const path of ["start", "stop", "restart", "run"]) {
      expect((await server.request(`/api/v1/jobs/nope/${path}`, { method: "POST" })).status, path).toBe(404);
    }
    expect((await server.request("/api/v1/jobs/nope/status")).status).toBe(404);
  });
});
