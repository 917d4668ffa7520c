import { describe, expect, it } from "vitest";
import {
  acceptBulkUpload,
  provisioningLogLocation,
  queuedOperations,
  recordOperationOutcome,
} from "./bulk-upload-status.js";
import { parseBulkRequest, type BulkOperation } from "./parse-bulk-request.js";
import { bulkOf, minimalOperation } from "./test-support/bulk-request-fixtures.js";

const JOB = "API2AD.0123abcd.5d1f0c6e-8d1a-4b52-9c1e-1f2a3b4c5d6e";
const BASE = "https://roster.example/v1.0";

function operations(count: number): readonly BulkOperation[] {
  const parsed = parseBulkRequest(
    bulkOf(Array.from({ length: count }, (_, n) => minimalOperation(n))),
    "application/scim+json",
  );
  if (!parsed.ok) throw new Error(parsed.error.body.detail);
  return parsed.operations;
}

describe("bulk upload status", () => {
  it("points Location at the job's provisioning logs", () => {
    expect(provisioningLogLocation(`${BASE}/`, JOB)).toBe(
      `${BASE}/auditLogs/provisioning/?$filter=jobid%20eq%20'${JOB}'`,
    );
    expect(decodeURIComponent(provisioningLogLocation(BASE, "a'b").split("$filter=")[1]!)).toBe("jobid eq 'a''b'");
  });

  it("accepts with 202 and every operation queued under its bulkId and externalId", () => {
    const accepted = acceptBulkUpload(BASE, JOB, operations(2), null);
    expect(accepted.httpStatus).toBe(202);
    expect(accepted.status.operations).toEqual([
      { index: 0, bulkId: "W-0", externalId: "0", status: "queued" },
      { index: 1, bulkId: "W-1", externalId: "1", status: "queued" },
    ]);
  });

  it("records outcomes with the action and the registry's error information", () => {
    let status = acceptBulkUpload(BASE, JOB, operations(2), null).status;
    status = recordOperationOutcome(status, "W-0", {
      status: "success",
      provisioningAction: "create",
      changeId: "c-1",
    });
    status = recordOperationOutcome(status, "W-1", {
      status: "failure",
      provisioningAction: "create",
      errorCode: "Conflict",
      additionalDetails: "sAMAccountName jrivera",
    });
    expect(status.operations[0]).toEqual({
      index: 0,
      bulkId: "W-0",
      externalId: "0",
      status: "success",
      provisioningAction: "create",
      changeId: "c-1",
    });
    expect(status.operations[1]!.errorInformation).toMatchObject({
      errorCode: "Conflict",
      errorCategory: "failure",
      additionalDetails: "sAMAccountName jrivera",
    });
    expect(status.operations[1]!.errorInformation!.reason.length).toBeGreaterThan(0);
    expect(status.failures).toBe(1);
    expect(status.stopped).toBe(false);
    expect(queuedOperations(status)).toEqual([]);
  });

  it("skips the still-queued operations once failOnErrors failures happened", () => {
    const start = acceptBulkUpload(BASE, JOB, operations(4), 2).status;
    let status = recordOperationOutcome(start, "W-0", { status: "failure", errorCode: "InvalidAttributeSyntax" });
    expect(status.stopped).toBe(false);
    status = recordOperationOutcome(status, "W-2", { status: "success", provisioningAction: "update" });
    status = recordOperationOutcome(status, "W-1", { status: "failure", errorCode: "Conflict" });
    expect(status.stopped).toBe(true);
    expect(status.operations.map((op) => op.status)).toEqual(["failure", "failure", "success", "skipped"]);
    expect(status.operations[3]!.skipReason).toBe("failOnErrorsReached");
    expect(start.operations.every((op) => op.status === "queued")).toBe(true);
  });

  it("keeps the first outcome of an operation and refuses unknown bulkIds", () => {
    const start = acceptBulkUpload(BASE, JOB, operations(1), null).status;
    const done = recordOperationOutcome(start, "W-0", { status: "skipped" });
    expect(recordOperationOutcome(done, "W-0", { status: "failure", errorCode: "Conflict" })).toBe(done);
    expect(() => recordOperationOutcome(start, "W-9", { status: "success" })).toThrow(/no operation with bulkId "W-9"/);
  });
});
