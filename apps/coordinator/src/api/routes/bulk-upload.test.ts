import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleBulkRequest } from "../../scim/test-support/bulk-request-fixtures.js";
import { type ApiTestServer, json, startApiTestServer } from "../test-support/api-test-server.js";

interface Accepted {
  requestId: string;
  location: string;
  status: { jobId: string; operations: { bulkId: string; status: string }[] };
}

describe("bulkUpload routes", () => {
  let server: ApiTestServer;
  beforeAll(async () => {
    server = await startApiTestServer({ publicUrl: "https://roster.example/" });
    await server.request("/api/v1/jobs", json("POST", { name: "API inbound", domain: "corp.example" }));
  });
  afterAll(() => server.close());

  const upload = (body: string, contentType?: string) =>
    server.request("/api/v1/jobs/api-inbound/bulkUpload", {
      method: "POST",
      ...(contentType === undefined ? {} : { headers: { "content-type": contentType } }),
      body,
    });

  it("accepts application/scim+json with 202, an absolute Location and per-operation status", async () => {
    const response = await upload(JSON.stringify(exampleBulkRequest()), "application/scim+json; charset=utf-8");
    expect(response.status).toBe(202);
    const body = (await response.json()) as Accepted;
    const location = `https://roster.example/api/v1/jobs/api-inbound/bulkUpload/${body.requestId}`;
    expect(response.headers.get("location")).toBe(location);
    expect(body.location).toBe(location);
    expect(body.status.jobId).toBe("api-inbound");
    expect(body.status.operations.map((operation) => operation.status)).toEqual(
      exampleBulkRequest().Operations.map(() => "queued"),
    );
    expect(server.services.actors).toContainEqual({ method: "bulkUpload", actor: "test-admin" });

    const status = await server.request(`/api/v1/jobs/api-inbound/bulkUpload/${body.requestId}`);
    expect(status.status).toBe(200);
    expect(await status.json()).toEqual(body.status);
  });

  it.each([
    ["application/json", "application/json"],
    ["text/plain", "text/plain"],
    ["application/xml", "application/xml"],
  ])("rejects %s with 400 naming Content-Type", async (_name, contentType) => {
    const response = await upload(JSON.stringify(exampleBulkRequest()), contentType);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; message: string; details: { field: string } };
    expect(body.code).toBe("InvalidRequest");
    expect(body.message).toContain('Content-Type must be "application/scim+json"');
    expect(body.details.field).toBe("Content-Type");
  });

  it("rejects malformed JSON and an invalid BulkRequest with 400", async () => {
    const malformed = await upload('{"Operations": [', "application/scim+json");
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { code: string }).code).toBe("InvalidRequest");

    const invalid = exampleBulkRequest();
    delete (invalid.Operations[0] as Record<string, unknown>)["bulkId"];
    const response = await upload(JSON.stringify(invalid), "application/scim+json");
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain("Operations[0].bulkId");
  });

  it("answers a request over the operation limit with 413", async () => {
    const request = exampleBulkRequest();
    const operation = request.Operations[0]!;
    request.Operations = Array.from({ length: 51 }, (_unused, index) => ({ ...operation, bulkId: `b${index}` }));
    const response = await upload(JSON.stringify(request), "application/scim+json");
    expect(response.status).toBe(413);
  });

  it("answers a body over the byte limit with 413 before parsing it", async () => {
    const response = await upload(`{"pad":"${"x".repeat(1_100_000)}"}`, "application/scim+json");
    expect(response.status).toBe(413);
  });

  it("answers an unknown job and an unknown request with 404", async () => {
    const job = await server.request("/api/v1/jobs/nope/bulkUpload", {
      method: "POST",
      headers: { "content-type": "application/scim+json" },
      body: JSON.stringify(exampleBulkRequest()),
    });
    expect(job.status).toBe(404);
    expect((await server.request("/api/v1/jobs/api-inbound/bulkUpload/unknown")).status).toBe(404);
  });

  it("parses application/scim+json only on the bulkUpload route", async () => {
    const response = await server.request("/api/v1/admin-tokens", {
      method: "POST",
      headers: { "content-type": "application/scim+json" },
      body: JSON.stringify({ name: "x" }),
    });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { code: string }).code).toBe("InvalidRequest");
  });
});
