import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeCoordinator, startFakeCoordinator } from "../api-client/test-support/fake-coordinator.js";
import { AGENT, TEST_TOKEN } from "../api-client/test-support/fixtures.js";
import { runCli } from "../api-client/test-support/run-cli.js";

let fake: FakeCoordinator;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeCoordinator();
  env = { ROSTER_URL: fake.url, ROSTER_TOKEN: TEST_TOKEN };
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

describe("roster agents", () => {
  it("lists the connected agents as a table and as JSON", async () => {
    const run = await runCli(["agents", "list"], { env });
    expect(run.stdout).toBe(
      "AGENT     HOST       VERSION  DOMAINS      IN FLIGHT  CONNECTED             LAST HEARTBEAT\n" +
        "agt-4d2c  DC1-AGENT  0.1.0    contoso.com          3  2025-03-03T06:00:01Z  2025-03-03T08:21:45Z\n",
    );
    const json = await runCli(["agents", "list", "--json"], { env });
    expect(JSON.parse(json.stdout)).toEqual({ agents: [AGENT] });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /api/v1/agents", "GET /api/v1/agents"]);
  });

  it("issues a registration token with an optional TTL in seconds and shows it once", async () => {
    const run = await runCli(["agents", "token", "contoso.com", "--ttl", "600"], { env });
    expect(run).toMatchObject({ exitCode: 0, stderr: "" });
    expect(fake.requests).toMatchObject([
      { method: "POST", path: "/api/v1/agent-tokens", body: { domain: "contoso.com", ttlSeconds: 600 } },
    ]);
    expect(run.stdout).toBe(
      "Registration token reg-77 for domain contoso.com, valid until 2025-03-03T09:10:00Z.\n" +
        "It is shown only once; give it to the agent at registration:\n" +
        "rrt_Zx81mQpL0vKc3\n",
    );
    const json = await runCli(["agents", "token", "contoso.com", "--json"], { env });
    expect(fake.requests[1]?.body).toEqual({ domain: "contoso.com" });
    expect(JSON.parse(json.stdout)).toMatchObject({ token: "rrt_Zx81mQpL0vKc3", tokenId: "reg-77" });
  });

  it("refuses a TTL that is not a whole number of seconds", async () => {
    const run = await runCli(["agents", "token", "contoso.com", "--ttl", "1h"], { env });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('error: --ttl must be a whole number from 1 to 604800, got "1h"');
    expect(fake.requests).toEqual([]);
  });

  it("revokes an agent, and reports an unknown one", async () => {
    const ok = await runCli(["agents", "revoke", AGENT.agentId], { env });
    expect(ok).toMatchObject({
      exitCode: 0,
      stdout: "Revoked agent agt-4d2c; it must register again with a new token.\n",
    });
    const unknown = await runCli(["agents", "revoke", "agt-none"], { env });
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain('error: NotFound (HTTP 404): Agent "agt-none" does not exist.');
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "DELETE /api/v1/agents/agt-4d2c",
      "DELETE /api/v1/agents/agt-none",
    ]);
  });
});
