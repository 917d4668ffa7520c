/**
 * End-to-end checks of the real command line: commander wiring, stdin/stdout and exit
 * codes. Runs main.ts through tsx with the "source" condition, so no build is needed.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
const mainScript = join(repoRoot, "apps/cli/src/main.ts");

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function roster(args: readonly string[], stdin = ""): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=source", mainScript, ...args], {
      cwd: repoRoot,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "roster-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("roster CLI", { timeout: 30_000 }, () => {
  it("evaluates one expression", async () => {
    const run = await roster([
      "expr",
      "eval",
      'Join(".", [FirstName], [LastName])',
      "--attributes",
      '{"FirstName":"Zoë","LastName":"Ng"}',
    ]);
    expect(run).toMatchObject({ code: 0, stdout: '{"value":"Zoë.Ng"}\n' });
  });

  it("exits 1 and prints the error JSON when the expression is bad", async () => {
    const run = await roster(["expr", "eval", "Jion([a])"]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: "InvalidExpression" } });
  });

  it("answers a batch from stdin in order and exits 0 despite error lines", async () => {
    const stdin = [
      JSON.stringify({ id: "1", expression: "ToUpper([a])", attributes: { a: "x" } }),
      "not json",
      JSON.stringify({ id: "3", expression: "Redact([a])", attributes: { a: "y" } }),
    ].join("\n");
    const run = await roster(["expr", "eval", "--batch"], stdin);
    expect(run.code).toBe(0);
    expect(
      run.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      { id: "1", value: "X" },
      { id: null, error: { code: "InvalidRequest", message: expect.any(String) } },
      { id: "3", value: "y", logValue: "[Redact]" },
    ]);
  });

  it("prints the config schema, a default set and the error registry", async () => {
    const [schema, defaults, errors] = await Promise.all([
      roster(["config", "schema"]),
      roster(["config", "defaults", "workday-to-ad"]),
      roster(["errors", "--json"]),
    ]);
    expect(schema.code).toBe(0);
    expect(JSON.parse(schema.stdout)).toMatchObject({ type: "object", properties: { mappings: { type: "array" } } });
    expect(defaults.code).toBe(0);
    expect((JSON.parse(defaults.stdout) as { mappings: unknown[] }).mappings).toHaveLength(24);
    expect(errors.code).toBe(0);
    expect(JSON.parse(errors.stdout)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: "SelectUniqueValueExhausted",
          reason: expect.any(String),
          recommendedAction: expect.any(String),
        }),
      ]),
    );
  });

  it("validates a config file and exits 1 with file:line:column when it is invalid", async () => {
    const file = join(dir, "job.json");
    await writeFile(
      file,
      '{\n  "name": "job",\n  "sourceAnchorAttribute": "WID",\n  "mappings": [\n    { "type": "Expression", "target": "employeeID", "expression": "Mid([WorkerID], 1", "matchingPrecedence": 1 }\n  ]\n}\n',
    );
    const run = await roster(["config", "validate", file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(
        `${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:5:\\d+  mappings\\[0\\]\\.expression  InvalidExpression`,
      ),
    );
  });
});
