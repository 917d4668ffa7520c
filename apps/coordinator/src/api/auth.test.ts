import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { type ApiTestServer, json, startApiTestServer } from "./test-support/api-test-server.js";

let server: ApiTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function errorOf(response: Response) {
  return (await response.json()) as { code: string; message: string; reason: string; recommendedAction: string };
}

describe("admin token authentication", () => {
  it("answers 401 AuthenticationRequired with a bearer challenge when the header is missing", async () => {
    server = await startApiTestServer();
    const response = await fetch(`${server.baseUrl}/api/v1/jobs`);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="roster"');
    const body = await errorOf(response);
    expect(body.code).toBe("AuthenticationRequired");
    expect(body.message).toMatch(/Authorization/);
    expect(body.recommendedAction).toMatch(/Bearer/);
  });

  it("rejects a header that is not a bearer token, and an unknown token", async () => {
    server = await startApiTestServer();
    const basic = await server.request("/api/v1/jobs", { headers: { authorization: "Basic dXNlcjpwYXNz" } });
    expect(basic.status).toBe(401);
    expect(basic.headers.get("www-authenticate")).toBe('Bearer realm="roster", error="invalid_request"');

    const unknown = await server.request("/api/v1/jobs", { headers: { authorization: "Bearer rst_not-a-real-token" } });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get("www-authenticate")).toBe('Bearer realm="roster", error="invalid_token"');
    expect((await errorOf(unknown)).code).toBe("AuthenticationRequired");
  });

  it("accepts a valid token (scheme in any case) and stops accepting it once revoked", async () => {
    server = await startApiTestServer();
    const ok = await server.request("/api/v1/jobs", { headers: { authorization: `bearer ${server.token}` } });
    expect(ok.status).toBe(200);

    const issued = (await (await server.request("/api/v1/admin-tokens", json("POST", { name: "ci" }))).json()) as {
      token: { tokenId: string };
      secret: string;
    };
    const withIssued = { headers: { authorization: `Bearer ${issued.secret}` } };
    expect((await server.request("/api/v1/jobs", withIssued)).status).toBe(200);
    expect((await server.request(`/api/v1/admin-tokens/${issued.token.tokenId}`, { method: "DELETE" })).status).toBe(
      204,
    );
    expect((await server.request("/api/v1/jobs", withIssued)).status).toBe(401);
  });

  it("checks the token before validating the request", async () => {
    server = await startApiTestServer();
    const response = await fetch(`${server.baseUrl}/api/v1/jobs/x/provisionOnDemand`, json("POST", { nope: 1 }));
    expect(response.status).toBe(401);
  });

  it("records the token's name as the actor of changes", async () => {
    server = await startApiTestServer();
    await server.request("/api/v1/jobs", json("POST", { name: "HR", domain: "corp.example" }));
    expect(server.services.actors).toContainEqual({ method: "createJob", actor: "test-admin" });
  });

  it("serves health, metrics and the OpenAPI document without a token", async () => {
    server = await startApiTestServer();
    for (const path of ["/healthz", "/metrics", "/api/v1/openapi.json"]) {
      expect((await fetch(server.baseUrl + path)).status, path).toBe(200);
    }
  });

  it("never writes the bearer secret to the request logs", async () => {
    let logs = "";
    const destination = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logs += chunk.toString("utf8");
        callback();
      },
    });
    server = await startApiTestServer({ logger: pino({ level: "trace" }, destination) });
    server.services.failNext("listJobs", new Error("database connection lost"));
    await server.request("/api/v1/jobs");
    await server.request("/api/v1/jobs", { headers: { authorization: "Bearer rst_wrong-secret-value" } });
    await server.request("/api/v1/admin-tokens", json("POST", { name: "ci" }));
    expect(logs).toContain("incoming request");
    // A log call that does carry the header (or a secret field) is redacted by the API's logger.
    server.app.log.info(
      { req: { headers: { authorization: `Bearer ${server.token}` } }, secret: server.token },
      "probe",
    );
    expect(logs).toContain("[redacted]");
    expect(logs).toContain("database connection lost");
    expect(logs).not.toContain(server.token);
    expect(logs).not.toContain("rst_wrong-secret-value");
    expect(logs).not.toMatch(/"authorization"\s*:\s*"Bearer/i);
  });
});
