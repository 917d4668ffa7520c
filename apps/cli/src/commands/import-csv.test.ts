/**
 * `roster import csv` against a small fastify server on loopback that records every bulk
 * request it receives: batching, headers, mapping, row errors and refused requests.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CollectingStream } from "../test-support/streams.js";
import { importCsvCommand, runImportCsv } from "./import-csv.js";

const ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const TOKEN = "rst_test-secret-token";

interface Received {
  readonly path: string;
  readonly contentType: string | undefined;
  readonly authorization: string | undefined;
  readonly body: {
    schemas: string[];
    Operations: { method: string; bulkId: string; path: string; data: Record<string, unknown> }[];
  };
}

const dir = mkdtempSync(join(tmpdir(), "roster-import-csv-"));
let server: FastifyInstance;
let url: string;
const received: Received[] = [];
/** Answers queued by a test (status, headers, body); default 202. */
let answers: { status: number; headers?: Record<string, string>; body?: unknown }[] = [];

beforeAll(async () => {
  server = Fastify();
  server.addContentTypeParser("application/scim+json", { parseAs: "string" }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  server.post("/api/v1/jobs/:jobId/bulkUpload", async (request, reply) => {
    received.push({
      path: request.url,
      contentType: request.headers["content-type"],
      authorization: request.headers.authorization,
      body: request.body as Received["body"],
    });
    const answer = answers.shift() ?? { status: 202, body: { requestId: `req-${received.length}` } };
    for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value);
    if (answer.status === 202) reply.header("location", `/api/v1/jobs/x/bulkUpload/req-${received.length}`);
    return reply.code(answer.status).send(answer.body ?? {});
  });
  url = await server.listen({ host: "127.0.0.1", port: 0 });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  received.length = 0;
  answers = [];
});

function csvFile(name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

async function run(file: string, options: Record<string, unknown>, env: Record<string, string> = {}) {
  const stdout = new CollectingStream();
  const stderr = new CollectingStream();
  const code = await runImportCsv(
    file,
    { job: "API2AD.job-1", url, token: TOKEN, ...options },
    {
      stdout,
      stderr,
      env,
      post: { retryDelayMs: 1 },
    },
  );
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const operations = () => received.flatMap((request) => request.body.Operations);

describe("roster import csv", () => {
  it("maps the default columns and posts SCIM bulk requests in batches with the bearer token", async () => {
    const file = csvFile("people.csv", [
      "externalId,userName,firstName,lastName,email,active,department,manager,employeeNumber,Shoe size",
      "1001,ada.l,Ada,Lovelace,ada@example.test,true,Engineering,,1001,38",
      "1002,alan.t,Alan,Turing,alan@example.test,yes,Engineering,1001,1002,44",
      "1003,grace.h,Grace,Hopper,,0,Navy,1001,1003,39",
      '1004,"kat.j",Katherine,"Johnson, K.",kat@example.test,TRUE,NASA,1003,1004,37',
      "1005,ed.d,Edsger,Dijkstra,ed@example.test,false,,,1005,43",
    ]);
    const result = await run(file, { batchSize: "2" });
    expect(result.code).toBe(0);
    expect(received.map((request) => request.body.Operations.length)).toEqual([2, 2, 1]);
    for (const request of received) {
      expect(request.path).toBe("/api/v1/jobs/API2AD.job-1/bulkUpload");
      expect(request.contentType).toBe("application/scim+json");
      expect(request.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.body.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:BulkRequest"]);
    }
    const ops = operations();
    expect(ops.map((op) => [op.method, op.path, op.bulkId])).toEqual(
      ["1001", "1002", "1003", "1004", "1005"].map((id) => ["POST", "/Users", id]),
    );
    expect(ops[1]!.data).toEqual({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENT],
      externalId: "1002",
      userName: "alan.t",
      name: { givenName: "Alan", familyName: "Turing" },
      emails: [{ type: "work", value: "alan@example.test" }],
      active: true,
      [ENT]: { department: "Engineering", manager: { value: "1001" }, employeeNumber: "1002" },
    });
    expect(ops[2]!.data["emails"]).toBeUndefined();
    expect(ops[2]!.data["active"]).toBe(false);
    expect((ops[3]!.data["name"] as Record<string, string>)["familyName"]).toBe("Johnson, K.");
    expect(ops[4]!.data[ENT]).toEqual({ employeeNumber: "1005" });
    expect(result.stderr).toContain('ignoring columns without a mapping: "Shoe size"');
    expect(result.stdout).toContain("5 rows read; 5 uploaded in 3 requests, 0 row errors.");
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });

  it("applies a mapping file and takes URL and token from the environment", async () => {
    const file = csvFile("custom.csv", [
      "Worker ID,Preferred,Surname,Hire Date,Cost Centre,Office,Notes,active",
      "W-1,Jo,Rivera,2021-03-15,4130,Seattle,likes tea,1",
    ]);
    const mapping = join(dir, "mapping.json");
    writeFileSync(
      mapping,
      JSON.stringify({
        "Worker ID": "externalId",
        Preferred: "name.givenName",
        Surname: "name.familyName",
        "Hire Date": "urn:ietf:params:scim:schemas:extension:contoso:1.0:User:HireDate",
        "Cost Centre": `${ENT}:costCenter`,
        Office: 'addresses[type eq "Work"].locality',
        Notes: null,
      }),
    );
    const stdout = new CollectingStream();
    const stderr = new CollectingStream();
    const code = await runImportCsv(
      file,
      { job: "job 2", mapping },
      { stdout, stderr, env: { ROSTER_URL: `${url}/`, ROSTER_TOKEN: "env-token" } },
    );
    expect(stderr.text).toBe("");
    expect(code).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0]!.path).toBe("/api/v1/jobs/job%202/bulkUpload");
    expect(received[0]!.authorization).toBe("Bearer env-token");
    expect(received[0]!.body.Operations[0]!.data).toEqual({
      schemas: [
        "urn:ietf:params:scim:schemas:core:2.0:User",
        "urn:ietf:params:scim:schemas:extension:contoso:1.0:User",
        ENT,
      ],
      externalId: "W-1",
      name: { givenName: "Jo", familyName: "Rivera" },
      "urn:ietf:params:scim:schemas:extension:contoso:1.0:User": { HireDate: "2021-03-15" },
      [ENT]: { costCenter: "4130" },
      addresses: [{ type: "work", locality: "Seattle" }],
      active: true,
    });
  });

  it("reports row errors with line and column and uploads the other rows", async () => {
    const file = csvFile("errors.csv", [
      "externalId,displayName,active",
      "1,One,true",
      ",No Id,true",
      "3,Three,maybe",
      '4,"Four',
      'spans lines",true',
      "5,Five",
      "6,Six,false",
    ]);
    const result = await run(file, {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}: line 3, column "externalId": is empty; every row needs an externalId`);
    expect(result.stderr).toContain(`${file}: line 4, column "active": "maybe" is not a boolean`);
    expect(result.stderr).toContain(`${file}: line 7: has 2 fields; the header has 3`);
    expect(operations().map((op) => [op.bulkId, op.data["displayName"]])).toEqual([
      ["1", "One"],
      ["4", "Four\nspans lines"],
      ["6", "Six"],
    ]);
    expect(result.stdout).toContain("6 rows read; 3 uploaded in 1 request, 3 row errors.");
  });

  it("starts a new request when a worker repeats, so bulkIds stay unique and order is kept", async () => {
    const file = csvFile("repeat.csv", ["externalId,department", "1,A", "2,A", "1,B", "3,A"]);
    const result = await run(file, {});
    expect(result.code).toBe(0);
    expect(received.map((request) => request.body.Operations.map((op) => op.bulkId))).toEqual([
      ["1", "2"],
      ["1", "3"],
    ]);
  });

  it("retries throttled requests and reports refused ones with the server's detail", async () => {
    const file = csvFile("refused.csv", ["externalId", "1", "2", "3"]);
    answers = [
      { status: 429, headers: { "retry-after": "0" }, body: { code: "TooManyRequests", message: "slow down" } },
      { status: 202, body: { requestId: "ok-1" } },
      {
        status: 400,
        body: {
          schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
          status: "400",
          detail: "Operations[0].data.schemas: bad",
        },
      },
    ];
    const result = await run(file, { batchSize: 2 });
    expect(result.code).toBe(1);
    expect(received.map((request) => request.body.Operations.length)).toEqual([2, 2, 1]);
    expect(result.stderr).toContain(
      `${file}: lines 4–4 (1 rows) were not accepted: HTTP 400: Operations[0].data.schemas: bad`,
    );
    expect(result.stdout).toContain("3 rows read; 2 uploaded in 1 request, 0 row errors, 1 request refused (1 rows).");
  });

  it("refuses bad settings before reading the file", async () => {
    const file = csvFile("ok.csv", ["externalId", "1"]);
    const cases: [Record<string, unknown>, Record<string, string>, string][] = [
      [{ token: undefined }, {}, "no token: pass --token or set ROSTER_TOKEN"],
      [{ url: undefined }, {}, "no coordinator URL: pass --url or set ROSTER_URL"],
      [{ url: "ftp://host" }, {}, "--url must be http or https"],
      [{ batchSize: "51" }, {}, "--batch-size must be an integer from 1 to 50"],
      [{ batchSize: "two" }, {}, "--batch-size must be an integer from 1 to 50"],
      [{ mapping: join(dir, "nope.json") }, {}, "cannot read the mapping file"],
    ];
    for (const [options, env, message] of cases) {
      const result = await run(file, options, env);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    }
    const badMapping = join(dir, "bad-mapping.json");
    writeFileSync(badMapping, JSON.stringify({ externalId: "emails.value" }));
    const mapped = await run(file, { mapping: badMapping });
    expect(mapped.code).toBe(2);
    expect(mapped.stderr).toContain('Mapping of column "externalId": "emails.value" is not a SCIM attribute path');
    const noId = await run(csvFile("noid.csv", ["name", "x"]), {});
    expect(noId.code).toBe(2);
    expect(noId.stderr).toContain("No CSV column maps to externalId");
    expect((await run(join(dir, "missing.csv"), {})).stderr).toContain("ENOENT");
    expect(received).toEqual([]);
  });

  it("builds the commander command with its options", () => {
    const command = importCsvCommand();
    expect(command.name()).toBe("csv");
    expect(command.options.map((option) => option.long)).toEqual([
      "--job",
      "--url",
      "--token",
      "--batch-size",
      "--mapping",
    ]);
  });
});
