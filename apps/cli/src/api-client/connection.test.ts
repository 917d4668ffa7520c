/** Connection settings, authentication and failures, through real commands against a loopback fake. */
import { createServer } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiFromOptions } from "./api-command.js";
import type { CliIo } from "./cli-io.js";
import { closedPortUrl, type FakeCoordinator, startFakeCoordinator } from "./test-support/fake-coordinator.js";
import { TEST_TOKEN } from "./test-support/fixtures.js";
import { runCli } from "./test-support/run-cli.js";

let fake: FakeCoordinator;

function ioWith(env: Record<string, string>): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env, sleep: async () => {}, setExitCode: () => {} };
}

beforeAll(async () => {
  fake = await startFakeCoordinator();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
});

describe("connection options", () => {
  it("takes --url and --token over ROSTER_URL and ROSTER_TOKEN", async () => {
    const run = await runCli(["jobs", "list", "--url", fake.url, "--token", TEST_TOKEN], {
      env: { ROSTER_URL: await closedPortUrl(), ROSTER_TOKEN: "rst_wrong" },
    });
    expect(run.exitCode).toBe(0);
    expect(fake.requests[0]?.authorization).toBe(`Bearer ${TEST_TOKEN}`);
  });

  it("keeps a path prefix of the base URL", async () => {
    // The fake serves /api/v1 at its root, so a prefix shows up as a 404 for the prefixed path.
    const run = await runCli(["jobs", "list", "--url", `${fake.url}/roster/`, "--token", TEST_TOKEN]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("without an error body");
  });

  it("sends no Authorization header without a token, prints the 401 and never the token", async () => {
    const none = await runCli(["jobs", "list"], { env: { ROSTER_URL: fake.url } });
    expect(fake.requests).toEqual([]); // rejected before the handler: the fake records only authenticated requests
    expect(none.exitCode).toBe(1);
    expect(none.stderr).toBe(
      "error: AuthenticationRequired (HTTP 401): The request has no valid administrator token.\n" +
        "  Reason:             The request has no valid administrator bearer token.\n" +
        "  Recommended action: Send `Authorization: Bearer <token>` with a token issued by `roster-coordinator token create` or the API.\n",
    );
    const wrong = await runCli(["jobs", "list", "--json"], {
      env: { ROSTER_URL: fake.url, ROSTER_TOKEN: "rst_secret_wrong_1" },
    });
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stdout + wrong.stderr).not.toContain("rst_secret_wrong_1");
  });

  it("exits 3 when nothing listens, naming the URL and what to check", async () => {
    const url = await closedPortUrl();
    const run = await runCli(["status", "contoso-workday", "--token", "rst_do_not_print"], {
      env: { ROSTER_URL: url },
    });
    expect(run.exitCode).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(new RegExp(`^error: cannot reach the coordinator at ${url}: .*ECONNREFUSED`));
    expect(run.stderr).toContain(
      "Recommended action: Check that the coordinator is running and that --url (or ROSTER_URL) points at it.",
    );
    expect(run.stderr).not.toContain("rst_do_not_print");
  });

  it("exits 3 for an unknown host", async () => {
    const run = await runCli(["agents", "list", "--url", "http://roster-coordinator.invalid:8080"]);
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toMatch(
      /^error: cannot reach the coordinator at http:\/\/roster-coordinator\.invalid:8080: .*(ENOTFOUND|EAI_AGAIN)/,
    );
  });

  it("refuses credentials in the URL as a usage error without printing them", async () => {
    const run = await runCli(["agents", "list", "--url", "http://admin:hunter2@coordinator.example:8080"]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(
      'URL "http://coordinator.example:8080" (--url or ROSTER_URL) must not contain a user name or password',
    );
    expect(run.stderr).not.toContain("hunter2");
  });

  it("rejects a URL that is not http(s) as a usage error", async () => {
    const bad = await runCli(["jobs", "list", "--url", "ftp://example.com"]);
    expect(bad).toMatchObject({
      exitCode: 2,
      stderr:
        'error: the coordinator URL "ftp://example.com" (--url or ROSTER_URL) must start with http:// or https://\n',
    });
    const garbage = await runCli(["jobs", "list"], { env: { ROSTER_URL: "not a url" } });
    expect(garbage.exitCode).toBe(2);
    expect(garbage.stderr).toContain('"not a url" (--url or ROSTER_URL) is not a valid URL');
  });

  it("defaults to http://127.0.0.1:8080 and ignores blank settings", () => {
    expect(apiFromOptions({}, ioWith({})).url).toBe("http://127.0.0.1:8080");
    expect(apiFromOptions({ url: " " }, ioWith({ ROSTER_URL: "" })).url).toBe("http://127.0.0.1:8080");
    expect(apiFromOptions({}, ioWith({ ROSTER_URL: "https://roster.contoso.com/base/" })).url).toBe(
      "https://roster.contoso.com/base",
    );
  });

  it("turns a non-JSON success answer and an error without the error body into exit 1", async () => {
    const server = createServer((request, response) => {
      if (request.url === "/api/v1/jobs")
        response.writeHead(200, { "content-type": "text/html" }).end("<html>proxy</html>");
      else response.writeHead(502, { "content-type": "text/html" }).end("<html>Bad Gateway</html>");
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const address = server.address();
    const url = typeof address === "object" && address !== null ? `http://127.0.0.1:${address.port}` : "";
    try {
      const html = await runCli(["jobs", "list", "--url", url]);
      expect(html.exitCode).toBe(1);
      expect(html.stderr).toContain(
        "error: UnexpectedResponse (HTTP 200): GET /jobs answered with a body that is not JSON",
      );
      const gateway = await runCli(["agents", "list", "--url", url]);
      expect(gateway.exitCode).toBe(1);
      expect(gateway.stderr).toContain(
        "error: UnexpectedResponse (HTTP 502): the coordinator answered HTTP 502 Bad Gateway without an error body",
      );
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it("exits 2 for an unknown command or option and 0 for help", async () => {
    expect((await runCli(["jobs", "list", "--bogus"])).exitCode).toBe(2);
    expect((await runCli(["jobs", "frobnicate"])).exitCode).toBe(2);
    const help = await runCli(["jobs", "--help"]);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain("restart [options] <job-id>");
  });
});
