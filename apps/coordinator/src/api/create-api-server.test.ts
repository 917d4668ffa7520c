import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { AGENT_ENDPOINT_PATH, attachAgentEndpoint } from "../agents/agent-endpoint.js";
import { buildOpenApiDocument } from "./openapi-document.js";
import { type ApiTestServer, startApiTestServer } from "./test-support/api-test-server.js";

interface OpenApiDocument {
  openapi: string;
  servers: { url: string }[];
  tags: { name: string }[];
  security: Record<string, string[]>[];
  components: { securitySchemes: Record<string, { type: string; scheme: string }>; schemas: Record<string, unknown> };
  paths: Record<
    string,
    Record<
      string,
      {
        tags?: string[];
        security?: unknown[];
        parameters?: { name: string; in: string }[];
        requestBody?: { content: Record<string, unknown> };
        responses: Record<string, unknown>;
      }
    >
  >;
}

/** Every "`METHOD /path`" of the route table in docs/api.md, as "METHOD /path". */
function documentedRoutes(): string[] {
  const markdown = readFileSync(new URL("../../../../docs/api.md", import.meta.url), "utf8");
  return [...markdown.matchAll(/^\| `(GET|POST|PUT|DELETE) ([^`]+)` \|/gm)].map((match) => `${match[1]} ${match[2]}`);
}

describe("the OpenAPI document", () => {
  let server: ApiTestServer;
  let document: OpenApiDocument;
  beforeAll(async () => {
    server = await startApiTestServer({ publicUrl: "https://roster.example/" });
    const response = await fetch(`${server.baseUrl}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenApiDocument;
  });
  afterAll(() => server.close());

  it("lists exactly the routes of docs/api.md (plus itself), and the server serves each", () => {
    const listed = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const documented = documentedRoutes();
    expect(documented.length).toBeGreaterThan(25);
    expect(documented).toContain("GET /api/v1/openapi.json");
    expect(listed.sort()).toEqual([...documented].sort());
    for (const route of listed) {
      const [method, path] = route.split(" ") as [string, string];
      const url = path.replace(/\{(\w+)\}/g, ":$1");
      expect(server.app.hasRoute({ method: method as "GET", url }), route).toBe(true);
    }
  });

  it("declares the bearer scheme, requires it by default and lifts it for the public routes", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers).toEqual([{ url: "https://roster.example" }]);
    expect(document.components.securitySchemes["bearer"]).toMatchObject({ type: "http", scheme: "bearer" });
    expect(document.security).toEqual([{ bearer: [] }]);
    for (const path of ["/healthz", "/metrics", "/api/v1/openapi.json"]) {
      expect(document.paths[path]?.["get"]?.security, path).toEqual([]);
    }
    expect(document.paths["/api/v1/jobs"]?.["get"]?.security).toBeUndefined();
  });

  it("tags every operation with a declared tag and documents the error body", () => {
    const tags = new Set(document.tags.map((tag) => tag.name));
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.tags?.length, `${method} ${path}`).toBe(1);
        expect(tags.has(operation.tags![0]!), `${method} ${path}`).toBe(true);
      }
    }
    expect(document.components.schemas["Error"]).toBeDefined();
    expect(Object.keys(document.paths["/api/v1/jobs/{jobId}"]?.["get"]?.responses ?? {})).toEqual(
      expect.arrayContaining(["200", "4XX", "5XX"]),
    );
  });

  it("is the same document buildOpenApiDocument generates without a coordinator", async () => {
    expect(await buildOpenApiDocument({ publicUrl: "https://roster.example" })).toEqual(document);
  });

  it("describes parameters, the SCIM body and the CSV answer", () => {
    const logs = document.paths["/api/v1/logs"]?.["get"];
    expect(logs?.parameters?.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(["jobId", "workerId", "from", "to", "limit", "cursor"]),
    );
    const bulk = document.paths["/api/v1/jobs/{jobId}/bulkUpload"]?.["post"];
    expect(Object.keys(bulk?.requestBody?.content ?? {})).toEqual(["application/scim+json"]);
    const csv = document.paths["/api/v1/logs/csv"]?.["get"]?.responses["200"] as { content: Record<string, unknown> };
    expect(Object.keys(csv.content)).toContain("text/csv");
  });
});

describe("createApiServer", () => {
  it("returns a server the caller listens on and can share with the agent WebSocket endpoint", async () => {
    const server = await startApiTestServer();
    const accepted: string[] = [];
    const hub = {
      accept(socket: WebSocket, request: { url?: string }) {
        accepted.push(request.url ?? "");
        socket.close(1000);
      },
    } as unknown as Parameters<typeof attachAgentEndpoint>[0];
    const attached = attachAgentEndpoint(hub, server.app.server);
    try {
      const socket = new WebSocket(`${server.baseUrl.replace("http", "ws")}${AGENT_ENDPOINT_PATH}`);
      const closed = await new Promise<number>((resolve, reject) => {
        socket.once("close", (code) => resolve(code));
        socket.once("error", reject);
      });
      expect(closed).toBe(1000);
      expect(accepted).toEqual([AGENT_ENDPOINT_PATH]);
      expect((await server.request("/api/v1/jobs")).status).toBe(200);
    } finally {
      attached.detach();
      await server.close();
    }
  });
});
