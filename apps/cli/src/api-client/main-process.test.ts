/**
 * The real `roster` process (main.ts through tsx, "source" condition): the API commands are
 * wired in and the exit codes reach the shell.
 */
import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPortUrl, type FakeCoordinator, startFakeCoordinator } from "./test-support/fake-coordinator.js";
import { TEST_TOKEN } from "./test-support/fixtures.js";

const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../..");
const mainScript = join(repoRoot, "apps/cli/src/main.ts");

function roster(
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=source", mainScript, ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? "", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

let fake: FakeCoordinator;
beforeAll(async () => {
  fake = await startFakeCoordinator();
});
afterAll(() => fake.close());

describe("roster process", { timeout: 30_000 }, () => {
  it("runs an API command with ROSTER_URL / ROSTER_TOKEN and exits 0", async () => {
    const run = await roster(["jobs", "list", "--json"], { ROSTER_URL: fake.url, ROSTER_TOKEN: TEST_TOKEN });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ jobs: [{ jobId: "contoso-workday" }] });
  });

  it("exits 1 on an API error, 2 on a usage error, 3 when the coordinator is unreachable", async () => {
    const [apiError, usage, unreachable] = await Promise.all([
      roster(["staged", "list", "missing-job"], { ROSTER_URL: fake.url, ROSTER_TOKEN: TEST_TOKEN }),
      roster(["logs", "--status", "nope"], { ROSTER_URL: fake.url }),
      roster(["agents", "list"], { ROSTER_URL: await closedPortUrl() }),
    ]);
    expect(apiError.code).toBe(1);
    expect(apiError.stderr).toContain('error: NotFound (HTTP 404): Job "missing-job" does not exist.');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("error: option '--status <status>' argument 'nope' is invalid.");
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toContain("ECONNREFUSED");
  });

  it("registers `roster import csv`", async () => {
    const run = await roster(["import", "csv", "--help"], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: roster import csv [options] <file>");
  });
});
