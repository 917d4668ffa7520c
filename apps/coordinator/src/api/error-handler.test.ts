import { ERROR_CODES, type ErrorCode, RosterError } from "@roster/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldPathOf, statusForCode } from "./error-handler.js";
import { type ApiTestServer, json, startApiTestServer } from "./test-support/api-test-server.js";

const DOCUMENTED: readonly (readonly [ErrorCode, number])[] = [
  ["InvalidRequest", 400],
  ["InvalidConfiguration", 400],
  ["InvalidExpression", 400],
  ["InvalidScopingFilter", 400],
  ["AuthenticationRequired", 401],
  ["NotFound", 404],
  ["WorkerNotFound", 404],
  ["VersionConflict", 409],
  ["CycleInProgress", 409],
  ["JobQuarantined", 409],
  ["EndpointUnavailable", 503],
  ["SourceUnavailable", 503],
  ["TooManyRequests", 503],
  ["Timeout", 503],
  ["InternalError", 500],
  ["InsufficientRights", 500],
  ["ExpressionEvaluationFailed", 500],
];

interface ErrorBody {
  code: string;
  message: string;
  reason: string;
  recommendedAction: string;
  details?: Record<string, unknown>;
}

describe("statusForCode", () => {
  it.each(DOCUMENTED)("%s → %i", (code, status) => {
    expect(statusForCode(code)).toBe(status);
  });

  it("answers every registry code with a 4xx or 5xx, retryable ones outside the table with 503", () => {
    for (const [code, info] of Object.entries(ERROR_CODES) as [ErrorCode, (typeof ERROR_CODES)[ErrorCode]][]) {
      const status = statusForCode(code);
      expect(status >= 400 && status < 600, code).toBe(true);
      if (status === 500 && code !== "InternalError") expect(info.retryable, code).toBe(false);
    }
  });
});

describe("fieldPathOf", () => {
  it("renders zod paths the way a client reads its JSON", () => {
    expect(fieldPathOf("/workerId")).toBe("workerId");
    expect(fieldPathOf("/Operations/3/data")).toBe("Operations[3].data");
    expect(fieldPathOf("/")).toBe("(root)");
  });
});

describe("error answers over HTTP", () => {
  let server: ApiTestServer;
  beforeAll(async () => {
    server = await startApiTestServer();
  });
  afterAll(() => server.close());

  it.each(DOCUMENTED.filter(([code]) => code !== "AuthenticationRequired"))(
    "a service throwing %s answers %i with the registry's reason",
    async (code, status) => {
      server.services.failNext("listJobs", new RosterError(code, `Something about job "hr" failed.`, { jobId: "hr" }));
      const response = await server.request("/api/v1/jobs");
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      const body = (await response.json()) as ErrorBody;
      expect(body).toEqual({
        code,
        message: `Something about job "hr" failed.`,
        reason: ERROR_CODES[code].reason,
        recommendedAction: ERROR_CODES[code].recommendedAction,
        details: { jobId: "hr" },
      });
    },
  );

  it("answers an unknown error with a 500 InternalError that leaks neither message nor stack", async () => {
    server.services.failNext(
      "getJob",
      new TypeError("Cannot read properties of undefined (reading 'password=hunter2')"),
    );
    const response = await server.request("/api/v1/jobs/hr");
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("TypeError");
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);
    const body = JSON.parse(text) as ErrorBody;
    expect(body.code).toBe("InternalError");
    expect(body.message).toMatch(/request id/);
  });

  it("answers an unknown route with 404 NotFound naming the method and path", async () => {
    const response = await server.request("/api/v1/nothing-here?x=1");
    expect(response.status).toBe(404);
    const body = (await response.json()) as ErrorBody;
    expect(body.code).toBe("NotFound");
    expect(body.message).toBe("No route GET /api/v1/nothing-here.");
  });

  it("answers malformed JSON with 400 InvalidRequest", async () => {
    const response = await server.request("/api/v1/jobs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"name": ',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).code).toBe("InvalidRequest");
  });

  it("answers a body over the limit with 413", async () => {
    const small = await startApiTestServer({ bodyLimitBytes: 1024 });
    try {
      const response = await small.request("/api/v1/jobs", json("POST", { name: "x".repeat(2000), domain: "d" }));
      expect(response.status).toBe(413);
      expect(((await response.json()) as ErrorBody).code).toBe("InvalidRequest");
    } finally {
      await small.close();
    }
  });

  describe("validation failures are 400 InvalidRequest naming the field", () => {
    const cases: readonly (readonly [string, string, RequestInit, RegExp])[] = [
      [
        "a missing body field",
        "/api/v1/jobs/hr/provisionOnDemand",
        json("POST", {}),
        /^Request body field "workerId": /,
      ],
      [
        "a mistyped body field",
        "/api/v1/agent-tokens",
        json("POST", { domain: "corp.example", ttlSeconds: "soon" }),
        /^Request body field "ttlSeconds": /,
      ],
      [
        "an unknown body field",
        "/api/v1/expressions/evaluate",
        json("POST", { expression: "[a]", attributs: {} }),
        /^Request body field "\(root\)": .*attributs/,
      ],
      ["a nested body field", "/api/v1/admin-tokens", json("POST", { name: "" }), /^Request body field "name": /],
      ["a query field", "/api/v1/logs?from=yesterday", {}, /^Request query field "from": /],
      ["an enum query field", "/api/v1/logs?status=fine", {}, /^Request query field "status": /],
      ["a path parameter", `/api/v1/jobs/${"j".repeat(300)}`, {}, /^Request path field "jobId": /],
      [
        "a header",
        "/api/v1/jobs/hr",
        json("PUT", { name: "HR", domain: "d" }, { "if-match": "latest" }),
        /^Request header field "if-match": /,
      ],
      ["a non-object job definition", "/api/v1/jobs", json("POST", ["a"]), /^Request body field "\(root\)": /],
    ];
    it.each(cases)("%s", async (_name, path, init, message) => {
      const response = await server.request(path, init);
      expect(response.status).toBe(400);
      const body = (await response.json()) as ErrorBody;
      expect(body.code).toBe("InvalidRequest");
      expect(body.message).toMatch(message);
      expect(body.reason).toBe(ERROR_CODES.InvalidRequest.reason);
      expect(body.recommendedAction).toBe(ERROR_CODES.InvalidRequest.recommendedAction);
      expect(body.details?.["field"]).toBeTypeOf("string");
    });
  });
});
