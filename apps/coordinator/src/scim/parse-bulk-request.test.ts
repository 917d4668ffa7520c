import { RosterError } from "@roster/engine";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isScimContentType, parseBulkRequest, type ParseBulkRequestResult } from "./parse-bulk-request.js";
import { MAX_BULK_PAYLOAD_BYTES, SCIM_ERROR_URN } from "./scim-constants.js";
import { bulkOf, CONTOSO_URN, exampleBulkRequest, minimalOperation } from "./test-support/bulk-request-fixtures.js";

const SCIM = "application/scim+json";

function rejected(result: ParseBulkRequestResult) {
  if (result.ok) throw new Error("expected the request to be rejected");
  return result.error;
}

function accepted(result: ParseBulkRequestResult) {
  if (!result.ok) throw new Error(`expected the request to be accepted: ${result.error.body.detail}`);
  return result;
}

describe("parseBulkRequest: valid requests", () => {
  it("accepts the two-worker example with enterprise and custom extensions", () => {
    const result = accepted(parseBulkRequest(exampleBulkRequest(), SCIM));
    expect(result.operations.map((op) => [op.index, op.bulkId, op.method, op.path])).toEqual([
      [0, "W-21045", "POST", "/Users"],
      [1, "W-C-00881", "POST", "/Users"],
    ]);
    expect(result.failOnErrors).toBeNull();
    expect(result.operations[0]!.data.externalId).toBe("21045");
    expect((result.operations[0]!.data as Record<string, unknown>)[CONTOSO_URN]).toEqual({
      HireDate: "2021-03-15T00:00:00-07:00",
      LocationCode: "LOC_SEA_01",
      TargetOU: "OU=Seattle,OU=Users,DC=contoso,DC=test",
    });
    expect(result.operations[1]!.data.active).toBe(false);
  });

  it("accepts the raw body as text or bytes, and a charset parameter in any case", () => {
    const text = JSON.stringify(exampleBulkRequest());
    expect(accepted(parseBulkRequest(text, "application/scim+json; charset=utf-8")).operations).toHaveLength(2);
    expect(accepted(parseBulkRequest(Buffer.from(text), "Application/SCIM+JSON")).operations).toHaveLength(2);
  });

  it("accepts failOnErrors absent, null or a positive integer", () => {
    const { failOnErrors: _omitted, ...without } = exampleBulkRequest();
    expect(accepted(parseBulkRequest(without, SCIM)).failOnErrors).toBeNull();
    expect(accepted(parseBulkRequest({ ...exampleBulkRequest(), failOnErrors: 3 }, SCIM)).failOnErrors).toBe(3);
  });

  it("accepts exactly 50 operations", () => {
    const operations = Array.from({ length: 50 }, (_, n) => minimalOperation(n));
    expect(accepted(parseBulkRequest(bulkOf(operations), SCIM)).operations).toHaveLength(50);
  });

  it("ignores attributes it does not know and accepts null for unassigned ones", () => {
    const op = minimalOperation(1);
    (op["data"] as Record<string, unknown>)["profileUrl"] = "https://example.test/p/1";
    (op["data"] as Record<string, unknown>)["displayName"] = null;
    expect(accepted(parseBulkRequest(bulkOf([op]), SCIM)).operations[0]!.bulkId).toBe("W-1");
  });

  it("accepts any custom namespace URN listed in schemas", () => {
    const op = minimalOperation(1);
    const data = op["data"] as Record<string, unknown>;
    data["schemas"] = ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:contoso:employee"];
    data["urn:contoso:employee"] = {
      HireDate: "2024-01-02",
      Grade: 7,
      Remote: false,
      Skills: ["a", "b"],
      Leaver: null,
    };
    expect(accepted(parseBulkRequest(bulkOf([op]), SCIM)).operations).toHaveLength(1);
  });
});

describe("parseBulkRequest: content type", () => {
  it.each([["application/json"], ["text/plain"], [""], ["application/scim+jsonx"]])("rejects %j with 400", (type) => {
    const error = rejected(parseBulkRequest(exampleBulkRequest(), type));
    expect(error.status).toBe(400);
    expect(error.body).toMatchObject({ schemas: [SCIM_ERROR_URN], status: "400" });
    expect(error.body.detail).toContain("application/scim+json");
  });

  it("rejects a missing content type", () => {
    expect(rejected(parseBulkRequest(exampleBulkRequest(), undefined)).body.detail).toContain("got none");
    expect(isScimContentType(null)).toBe(false);
  });
});

describe("parseBulkRequest: limits", () => {
  it("answers 51 operations with 413 naming the limit", () => {
    const operations = Array.from({ length: 51 }, (_, n) => minimalOperation(n));
    const error = rejected(parseBulkRequest(bulkOf(operations), SCIM));
    expect(error.status).toBe(413);
    expect(error.body.status).toBe("413");
    expect(error.body.detail).toBe("Operations holds 51 operations; the maximum is 50 per request");
  });

  it("rejects an empty Operations array", () => {
    const error = rejected(parseBulkRequest(bulkOf([]), SCIM));
    expect(error.status).toBe(400);
    expect(error.body.detail).toContain("Operations: must hold at least one operation");
  });

  it("answers a body over the payload limit with 413, for text, bytes and parsed bodies", () => {
    const big = minimalOperation(1);
    (big["data"] as Record<string, unknown>)["displayName"] = "x".repeat(MAX_BULK_PAYLOAD_BYTES);
    const text = JSON.stringify(bulkOf([big]));
    for (const body of [text, Buffer.from(text), JSON.parse(text) as unknown]) {
      const error = rejected(parseBulkRequest(body, SCIM));
      expect(error.status).toBe(413);
      expect(error.body.detail).toContain(`maximum payload size is ${MAX_BULK_PAYLOAD_BYTES} bytes`);
    }
  });

  it("honours configured limits and a caller-measured size", () => {
    const body = bulkOf([minimalOperation(1), minimalOperation(2)]);
    expect(rejected(parseBulkRequest(body, SCIM, { maxOperations: 1 })).status).toBe(413);
    expect(rejected(parseBulkRequest(body, SCIM, { maxPayloadBytes: 10 })).status).toBe(413);
    expect(rejected(parseBulkRequest(body, SCIM, { payloadBytes: MAX_BULK_PAYLOAD_BYTES + 1 })).status).toBe(413);
    expect(accepted(parseBulkRequest(body, SCIM, { payloadBytes: 100 })).operations).toHaveLength(2);
  });
});

describe("parseBulkRequest: malformed bodies", () => {
  function withOperation(index: number, change: (op: Record<string, unknown>) => void) {
    const request = exampleBulkRequest();
    change(request.Operations[index]!);
    return request;
  }

  it("rejects a wrong or extra schema URN on the request", () => {
    for (const schemas of [["urn:ietf:params:scim:api:messages:2.0:ListResponse"], [], undefined]) {
      const error = rejected(parseBulkRequest({ ...exampleBulkRequest(), schemas }, SCIM));
      expect(error.status).toBe(400);
      expect(error.body.detail).toMatch(/^schemas: /);
    }
    const extra = ["urn:ietf:params:scim:api:messages:2.0:BulkRequest", "urn:other"];
    expect(rejected(parseBulkRequest({ ...exampleBulkRequest(), schemas: extra }, SCIM)).body).toMatchObject({
      scimType: "invalidValue",
      detail: 'schemas: must be exactly ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"]',
    });
  });

  it("names the operation and field when bulkId is missing", () => {
    const error = rejected(
      parseBulkRequest(
        withOperation(1, (op) => delete op["bulkId"]),
        SCIM,
      ),
    );
    expect(error.body).toMatchObject({ status: "400", scimType: "invalidSyntax" });
    expect(error.body.detail).toMatch(/^Operations\[1\]\.bulkId: is required/);
    expect(error.cause).toBeInstanceOf(RosterError);
    expect(error.cause.code).toBe("InvalidRequest");
    expect(error.cause.details).toMatchObject({ operationIndex: 1, field: "bulkId" });
  });

  it("rejects an empty bulkId", () => {
    const error = rejected(
      parseBulkRequest(
        withOperation(0, (op) => (op["bulkId"] = "")),
        SCIM,
      ),
    );
    expect(error.body.detail).toBe("Operations[0].bulkId: must not be empty");
  });

  it.each([["PUT"], ["PATCH"], ["DELETE"], ["post"], [undefined]])("rejects method %j", (method) => {
    const error = rejected(
      parseBulkRequest(
        withOperation(1, (op) => (op["method"] = method)),
        SCIM,
      ),
    );
    expect(error.status).toBe(400);
    expect(error.body.detail).toMatch(/^Operations\[1\]\.method: must be "POST"/);
    expect(error.cause.details).toMatchObject({ operationIndex: 1, field: "method" });
  });

  it.each([["/Groups"], ["/Users/123"], ["Users"]])("rejects path %j", (path) => {
    const error = rejected(
      parseBulkRequest(
        withOperation(0, (op) => (op["path"] = path)),
        SCIM,
      ),
    );
    expect(error.body.detail).toBe(
      `Operations[0].path: must be "/Users" (only users can be uploaded), got ${JSON.stringify(path)}`,
    );
  });

  it("rejects a repeated bulkId, naming both operations", () => {
    const error = rejected(
      parseBulkRequest(
        withOperation(1, (op) => (op["bulkId"] = "W-21045")),
        SCIM,
      ),
    );
    expect(error.body).toMatchObject({ scimType: "invalidValue" });
    expect(error.body.detail).toBe(
      'Operations[1].bulkId: "W-21045" is already used by Operations[0]; bulkIds must be unique within a request',
    );
  });

  it("rejects user data without the core User schema URN", () => {
    const error = rejected(
      parseBulkRequest(
        withOperation(
          1,
          (op) =>
            ((op["data"] as Record<string, unknown>)["schemas"] = [
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
            ]),
        ),
        SCIM,
      ),
    );
    expect(error.body.detail).toContain(
      'Operations[1].data.schemas: must include "urn:ietf:params:scim:schemas:core:2.0:User"',
    );
  });

  it("rejects an extension namespace used but not listed in schemas", () => {
    const error = rejected(
      parseBulkRequest(
        withOperation(
          0,
          (op) =>
            ((op["data"] as { schemas: string[] }).schemas = [
              "urn:ietf:params:scim:schemas:core:2.0:User",
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
            ]),
        ),
        SCIM,
      ),
    );
    expect(error.body.detail).toBe(
      `Operations[0].data["${CONTOSO_URN}"]: extension "${CONTOSO_URN}" is used but not listed in schemas`,
    );
  });

  it("rejects a nested object inside a custom extension, naming the attribute", () => {
    const error = rejected(
      parseBulkRequest(
        withOperation(
          0,
          (op) => ((op["data"] as Record<string, Record<string, unknown>>)[CONTOSO_URN]!["Site"] = { code: "SEA" }),
        ),
        SCIM,
      ),
    );
    expect(error.body.detail).toContain(
      `Operations[0].data["${CONTOSO_URN}"].Site: a custom extension attribute must be`,
    );
  });

  it("rejects mistyped core and enterprise attributes with their path", () => {
    const active = rejected(
      parseBulkRequest(
        withOperation(1, (op) => ((op["data"] as Record<string, unknown>)["active"] = "false")),
        SCIM,
      ),
    );
    expect(active.body.detail).toMatch(/^Operations\[1\]\.data\.active: /);
    const department = rejected(
      parseBulkRequest(
        withOperation(
          0,
          (op) =>
            ((op["data"] as Record<string, Record<string, unknown>>)[
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
            ]!["department"] = 42),
        ),
        SCIM,
      ),
    );
    expect(department.body.detail).toMatch(
      /^Operations\[0\]\.data\["urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User"\]\.department: /,
    );
    expect(department.cause.details).toMatchObject({ operationIndex: 0 });
  });

  it.each([[0], [-1], [1.5], ["1"]])("rejects failOnErrors %j", (failOnErrors) => {
    const error = rejected(parseBulkRequest({ ...exampleBulkRequest(), failOnErrors }, SCIM));
    expect(error.body.detail).toMatch(/^failOnErrors: must be a positive integer or null/);
  });

  it("rejects unparsable, empty, non-UTF-8 and non-object bodies", () => {
    expect(rejected(parseBulkRequest('{"schemas": [', SCIM)).body).toMatchObject({
      scimType: "invalidSyntax",
      status: "400",
    });
    expect(rejected(parseBulkRequest("  ", SCIM)).body.detail).toContain("empty");
    expect(rejected(parseBulkRequest(new Uint8Array([0x7b, 0xff, 0x7d]), SCIM)).body.detail).toContain("UTF-8");
    for (const body of [[], null, 42, "[1]", undefined]) {
      expect(rejected(parseBulkRequest(body, SCIM)).body.detail).toBe(
        "The request body must be a JSON object (a SCIM BulkRequest)",
      );
    }
  });

  it("lists at most five problems and counts the rest", () => {
    const operations = Array.from({ length: 8 }, (_, n) => ({ ...minimalOperation(n), method: "PUT" }));
    const detail = rejected(parseBulkRequest(bulkOf(operations), SCIM)).body.detail;
    expect(detail.split("; ")).toHaveLength(5);
    expect(detail).toContain("(and 3 more problems)");
  });
});

describe("parseBulkRequest: never throws", () => {
  function checkShape(result: ParseBulkRequestResult) {
    if (result.ok) return;
    expect([400, 413]).toContain(result.error.status);
    expect(result.error.body.schemas).toEqual([SCIM_ERROR_URN]);
    expect(result.error.body.status).toBe(String(result.error.status));
    expect(result.error.body.detail.length).toBeGreaterThan(0);
  }

  it("answers any JSON value with a result", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        checkShape(parseBulkRequest(body, SCIM));
        checkShape(parseBulkRequest(JSON.stringify(body) ?? "", SCIM));
      }),
    );
  });

  it("answers valid requests with one member replaced by arbitrary JSON", () => {
    const request = exampleBulkRequest();
    const paths: (string | number)[][] = [
      ["schemas"],
      ["Operations"],
      ["failOnErrors"],
      ["Operations", 0],
      ["Operations", 0, "method"],
      ["Operations", 1, "bulkId"],
      ["Operations", 0, "data"],
      ["Operations", 0, "data", "name"],
      ["Operations", 0, "data", "emails"],
      ["Operations", 0, "data", "schemas"],
      ["Operations", 1, "data", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
      ["Operations", 0, "data", CONTOSO_URN],
      ["Operations", 0, "data", CONTOSO_URN, "HireDate"],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const copy = structuredClone(request) as unknown as Record<string | number, unknown>;
        let node = copy;
        for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
        node[path.at(-1)!] = value;
        checkShape(parseBulkRequest(copy, SCIM));
      }),
    );
  });
});
