import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeCoordinator, startFakeCoordinator } from "../api-client/test-support/fake-coordinator.js";
import { ADMIN_TOKENS, TEST_TOKEN } from "../api-client/test-support/fixtures.js";
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

describe("roster admin-tokens", () => {
  it("lists tokens without secrets", async () => {
    const run = await runCli(["admin-tokens", "list"], { env });
    expect(run.stdout).toBe(
      "TOKEN ID  NAME        CREATED               LAST USED             REVOKED\n" +
        "tok-1     ops-laptop  2025-02-01T10:00:00Z  2025-03-03T08:00:00Z  no\n" +
        "tok-0     bootstrap   2025-01-01T10:00:00Z  -                     2025-02-01T10:05:00Z\n",
    );
    const json = await runCli(["admin-tokens", "list", "--json"], { env });
    expect(JSON.parse(json.stdout)).toEqual({ tokens: ADMIN_TOKENS });
  });

  it("creates a token and shows its secret once", async () => {
    const run = await runCli(["admin-tokens", "create", "ci-pipeline"], { env });
    expect(fake.requests).toMatchObject([
      { method: "POST", path: "/api/v1/admin-tokens", body: { name: "ci-pipeline" } },
    ]);
    expect(run.stdout).toBe(
      "Administrator token tok-2 (ci-pipeline) created. Its secret is shown only once:\nrst_NewSecretValue42\n",
    );
    const json = await runCli(["admin-tokens", "create", "ci-pipeline", "--json"], { env });
    expect(JSON.parse(json.stdout)).toMatchObject({ token: { tokenId: "tok-2" }, secret: "rst_NewSecretValue42" });
  });

  it("revokes a token and reports an unknown one", async () => {
    expect((await runCli(["admin-tokens", "revoke", "tok-1"], { env })).stdout).toBe(
      "Revoked administrator token tok-1.\n",
    );
    const unknown = await runCli(["admin-tokens", "revoke", "tok-9"], { env });
    expect(unknown.exitCode).toBe(1);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "DELETE /api/v1/admin-tokens/tok-1",
      "DELETE /api/v1/admin-tokens/tok-9",
    ]);
  });
});
