import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeCoordinator, startFakeCoordinator } from "../api-client/test-support/fake-coordinator.js";
import { JOB, JOB_DEFINITION, TEST_TOKEN } from "../api-client/test-support/fixtures.js";
import { runCli } from "../api-client/test-support/run-cli.js";

let fake: FakeCoordinator;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeCoordinator();
  dir = await mkdtemp(join(tmpdir(), "roster-jobs-"));
  env = { ROSTER_URL: fake.url, ROSTER_TOKEN: TEST_TOKEN };
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.requests.length = 0;
});

describe("roster jobs", () => {
  it("lists jobs as a table with the bearer token, and as the API's JSON", async () => {
    const run = await runCli(["jobs", "list"], { env });
    expect(run).toMatchObject({ exitCode: 0, stderr: "" });
    expect(fake.requests).toMatchObject([
      { method: "GET", path: "/api/v1/jobs", authorization: `Bearer ${TEST_TOKEN}` },
    ]);
    const [header, row, ...rest] = run.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^JOB\s+NAME\s+SOURCE\s+DOMAIN\s+STATE\s+VERSION\s+UPDATED$/);
    expect(row).toMatch(
      /^contoso-workday\s+Contoso Workday to AD\s+workday\s+contoso\.com\s+running\s+3\s+2025-03-01T16:02:11Z$/,
    );
    expect(rest).toEqual([]);

    const json = await runCli(["jobs", "list", "--json"], { env });
    expect(JSON.parse(json.stdout)).toEqual({ jobs: [JOB] });
  });

  it("shows one job readably", async () => {
    const run = await runCli(["jobs", "show", JOB.jobId], { env });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Job:          contoso-workday\n");
    expect(run.stdout).toContain("Description:  Hires, movers and leavers from Workday\n");
    expect(run.stdout).toContain("Next cycle:   incremental\n");
    expect(run.stdout).toContain("Watermark:    2025-03-03T07:40:00Z\n");
    expect(fake.requests[0]).toMatchObject({ method: "GET", path: "/api/v1/jobs/contoso-workday" });
  });

  it("prints the API's error with code, message, reason and recommended action, exit 1", async () => {
    const run = await runCli(["jobs", "show", "no such/job"], { env });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe("");
    expect(fake.requests[0]?.path).toBe("/api/v1/jobs/no%20such%2Fjob");
    expect(run.stderr).toBe(
      'error: NotFound (HTTP 404): Job "no such/job" does not exist.\n' +
        "  Reason:             The requested resource (job, cycle, token, staged action) does not exist.\n" +
        "  Recommended action: Check the id in the request.\n",
    );
  });

  it("creates a job from a file, sending the file's JSON", async () => {
    const file = join(dir, "job.json");
    await writeFile(file, JSON.stringify(JOB_DEFINITION));
    const run = await runCli(["jobs", "create", file], { env });
    expect(run).toMatchObject({ exitCode: 0, stderr: "" });
    expect(run.stdout).toBe("Created job new-job (version 1, stopped). Start it with: roster jobs start new-job\n");
    expect(fake.requests).toMatchObject([
      { method: "POST", path: "/api/v1/jobs", contentType: "application/json", body: JOB_DEFINITION },
    ]);
  });

  it("reports the coordinator's validation error for a bad definition", async () => {
    const file = join(dir, "nameless.json");
    await writeFile(file, JSON.stringify({ domain: "contoso.com" }));
    const run = await runCli(["jobs", "create", file, "--json"], { env });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('error: InvalidConfiguration (HTTP 400): Job definition field "name" is required.');
    expect(run.stderr).toContain("Recommended action: Correct the field named in the message");
  });

  it("rejects an unreadable or malformed file as a usage error without calling the API", async () => {
    const broken = join(dir, "broken.json");
    await writeFile(broken, '{"name": "x",');
    const malformed = await runCli(["jobs", "create", broken], { env });
    expect(malformed.exitCode).toBe(2);
    expect(malformed.stderr).toMatch(/^error: .*broken\.json is not valid JSON: /);
    const missing = await runCli(["jobs", "create", join(dir, "missing.json")], { env });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^error: cannot read .*missing\.json: ENOENT/);
    const list = join(dir, "list.json");
    await writeFile(list, "[]");
    expect((await runCli(["jobs", "create", list], { env })).stderr).toContain("must hold a job definition");
    expect(fake.requests).toEqual([]);
  });

  it("updates with If-Match from --version and reports a version conflict", async () => {
    const file = join(dir, "update.json");
    await writeFile(file, JSON.stringify({ ...JOB_DEFINITION, description: "v4" }));
    const ok = await runCli(["jobs", "update", JOB.jobId, file, "--version", "3"], { env });
    expect(ok.stdout).toBe("Updated job contoso-workday to version 4. The next cycle is an initial cycle.\n");
    expect(fake.requests[0]).toMatchObject({
      method: "PUT",
      path: "/api/v1/jobs/contoso-workday",
      ifMatch: "3",
      body: { description: "v4" },
    });

    const conflict = await runCli(["jobs", "update", JOB.jobId, file, "--version", "2"], { env });
    expect(conflict.exitCode).toBe(1);
    expect(conflict.stderr).toContain(
      'error: VersionConflict (HTTP 409): Job "contoso-workday" is at version 3, not 2.',
    );

    fake.requests.length = 0;
    const unversioned = await runCli(["jobs", "update", JOB.jobId, file, "--json"], { env });
    expect(fake.requests[0]?.ifMatch).toBeUndefined();
    expect(JSON.parse(unversioned.stdout)).toMatchObject({ version: 4, definition: { description: "v4" } });
  });

  it("refuses a --version that is not a whole number", async () => {
    const run = await runCli(["jobs", "update", JOB.jobId, "x.json", "--version", "three"], { env });
    expect(run).toMatchObject({
      exitCode: 2,
      stderr: 'error: --version must be a whole number from 1 to 9007199254740991, got "three"\n',
    });
    expect(fake.requests).toEqual([]);
  });

  it("deletes a job", async () => {
    const run = await runCli(["jobs", "delete", JOB.jobId], { env });
    expect(run).toMatchObject({ exitCode: 0, stdout: "Deleted job contoso-workday.\n" });
    expect(fake.requests).toMatchObject([{ method: "DELETE", path: "/api/v1/jobs/contoso-workday" }]);
  });

  it("exports the redacted definition to stdout or a file", async () => {
    const stdout = await runCli(["jobs", "export", JOB.jobId], { env });
    expect(JSON.parse(stdout.stdout)).toEqual(JOB_DEFINITION);
    const out = join(dir, "exported.json");
    const toFile = await runCli(["jobs", "export", JOB.jobId, "--out", out], { env });
    expect(toFile.stdout).toBe(`Exported job contoso-workday to ${out}.\n`);
    expect(JSON.parse(await readFile(out, "utf8"))).toMatchObject({ source: { connection: { password: "[Redact]" } } });
    expect(fake.requests.map((r) => r.path)).toEqual([
      "/api/v1/jobs/contoso-workday/export",
      "/api/v1/jobs/contoso-workday/export",
    ]);
  });

  it("shows the audit log with a limit", async () => {
    const run = await runCli(["jobs", "audit", JOB.jobId, "--limit", "1"], { env });
    expect(fake.requests[0]).toMatchObject({ path: "/api/v1/jobs/contoso-workday/audit", query: { limit: "1" } });
    expect(run.stdout).toBe(
      'AT                    ACTOR       ACTION  DETAILS\n2025-03-01T16:02:11Z  ops-laptop  update  {"changed":["provisioning"]}\n',
    );
    const json = await runCli(["jobs", "audit", JOB.jobId, "--json"], { env });
    expect((JSON.parse(json.stdout) as { entries: unknown[] }).entries).toHaveLength(2);
  });
});
