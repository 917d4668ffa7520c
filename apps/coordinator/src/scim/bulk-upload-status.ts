/**
 * What a client can follow after a 202: the Location of the provisioning logs for the job,
 * and per operation (by bulkId) a status that moves from "queued" to the provisioning-log
 * outcome (success / warning / failure / skipped) with the action taken and, on failure,
 * the registry error. failOnErrors (RFC 7644) applies asynchronously: once that many
 * operations of the request have failed, the ones still queued are skipped.
 */
import { type ErrorCode, describeErrorCode } from "@roster/engine";
import type { BulkOperation } from "./parse-bulk-request.js";

export type BulkOperationStatus = "queued" | "success" | "warning" | "failure" | "skipped";
/** The provisioningAction values of a provisioning-log record. */
export type BulkProvisioningAction = "create" | "update" | "delete" | "disable" | "stagedDelete" | "other";

export interface BulkErrorInformation {
  readonly errorCode: ErrorCode;
  readonly reason: string;
  readonly recommendedAction: string;
  readonly errorCategory: string;
  readonly additionalDetails?: string;
}

export interface BulkOperationResult {
  readonly index: number;
  readonly bulkId: string;
  /** The uploaded externalId (the default matching attribute); null when the record had none. */
  readonly externalId: string | null;
  readonly status: BulkOperationStatus;
  readonly provisioningAction?: BulkProvisioningAction;
  /** Set when the operation finished: the provisioning-log record (changeId) describing it. */
  readonly changeId?: string;
  readonly errorInformation?: BulkErrorInformation;
  /** Why a skipped operation was not processed, when it was not the engine's decision. */
  readonly skipReason?: "failOnErrorsReached";
}

export interface BulkUploadStatus {
  readonly jobId: string;
  readonly failOnErrors: number | null;
  readonly failures: number;
  /** True once failOnErrors was reached: the remaining operations were skipped. */
  readonly stopped: boolean;
  readonly operations: readonly BulkOperationResult[];
}

export interface BulkUploadAccepted {
  readonly httpStatus: 202;
  /** Where the client follows the results (the job's provisioning logs). */
  readonly location: string;
  readonly status: BulkUploadStatus;
}

export interface OperationOutcome {
  readonly status: Exclude<BulkOperationStatus, "queued">;
  readonly provisioningAction?: BulkProvisioningAction;
  readonly changeId?: string;
  readonly errorCode?: ErrorCode;
  readonly additionalDetails?: string;
}

/** `<base>/auditLogs/provisioning/?$filter=jobid eq '<jobId>'`, the filter URL-encoded (OData doubles quotes). */
export function provisioningLogLocation(baseUrl: string, jobId: string): string {
  const base = baseUrl.endsWith("/") ? baseUrl.slice(0, -1) : baseUrl;
  const filter = `jobid eq '${jobId.replaceAll("'", "''")}'`;
  return `${base}/auditLogs/provisioning/?$filter=${encodeURIComponent(filter)}`;
}

export function acceptBulkUpload(
  baseUrl: string,
  jobId: string,
  operations: readonly BulkOperation[],
  failOnErrors: number | null,
): BulkUploadAccepted {
  return {
    httpStatus: 202,
    location: provisioningLogLocation(baseUrl, jobId),
    status: {
      jobId,
      failOnErrors,
      failures: 0,
      stopped: false,
      operations: operations.map((operation) => ({
        index: operation.index,
        bulkId: operation.bulkId,
        externalId: typeof operation.data.externalId === "string" ? operation.data.externalId : null,
        status: "queued" as const,
      })),
    },
  };
}

/** Records one operation's outcome; returns a new status (the input is not changed). */
export function recordOperationOutcome(
  status: BulkUploadStatus,
  bulkId: string,
  outcome: OperationOutcome,
): BulkUploadStatus {
  const position = status.operations.findIndex((operation) => operation.bulkId === bulkId);
  const current = status.operations[position];
  if (current === undefined)
    throw new RangeError(`bulk upload for job ${status.jobId}: no operation with bulkId ${JSON.stringify(bulkId)}`);
  if (current.status !== "queued") return status;

  const finished: BulkOperationResult = {
    index: current.index,
    bulkId: current.bulkId,
    externalId: current.externalId,
    status: outcome.status,
    ...(outcome.provisioningAction === undefined ? {} : { provisioningAction: outcome.provisioningAction }),
    ...(outcome.changeId === undefined ? {} : { changeId: outcome.changeId }),
    ...(outcome.errorCode === undefined
      ? {}
      : { errorInformation: bulkErrorInformation(outcome.errorCode, outcome.additionalDetails) }),
  };
  const failures = status.failures + (outcome.status === "failure" ? 1 : 0);
  const stopped = status.failOnErrors !== null && failures >= status.failOnErrors;
  const operations = status.operations.map((operation, i) => {
    if (i === position) return finished;
    if (stopped && operation.status === "queued")
      return { ...operation, status: "skipped" as const, skipReason: "failOnErrorsReached" as const };
    return operation;
  });
  return { ...status, failures, stopped, operations };
}

/** Operations still waiting to be processed, in request order. */
export function queuedOperations(status: BulkUploadStatus): readonly BulkOperationResult[] {
  return status.operations.filter((operation) => operation.status === "queued");
}

/** The registry's reason, recommended action and category for an operation's error code. */
export function bulkErrorInformation(code: ErrorCode, additionalDetails: string | undefined): BulkErrorInformation {
  const info = describeErrorCode(code);
  return {
    errorCode: code,
    reason: info.reason,
    recommendedAction: info.recommendedAction,
    errorCategory: info.category,
    ...(additionalDetails === undefined ? {} : { additionalDetails }),
  };
}
