/**
 * POST /api/v1/jobs/{jobId}/bulkUpload and GET …/bulkUpload/{requestId}: validates a SCIM
 * BulkRequest synchronously, stages its operations durably in one transaction, answers 202,
 * and lets the coordinator start a cycle (onAccepted). The cycle reads the records through the
 * API source, which reports each operation's outcome back into the request's status.
 */
import { randomUUID } from "node:crypto";
import { type ErrorCode, RosterError, isErrorCode } from "@roster/engine";
import type { Kysely } from "@roster/store";
import type { JobStore } from "../state/contracts.js";
import {
  type BulkErrorInformation,
  type BulkOperationResult,
  type BulkProvisioningAction,
  type BulkUploadStatus,
  acceptBulkUpload,
  bulkErrorInformation,
  recordOperationOutcome,
} from "./bulk-upload-status.js";
import { flattenScimUser } from "./flatten-scim-user.js";
import { InboundRecordStore, type NewInboundOperation } from "./inbound-record-store.js";
import type { InboundDatabase } from "./inbound-schema.js";
import { type ParseBulkRequestOptions, parseBulkRequest } from "./parse-bulk-request.js";
import type { ScimErrorBody } from "./scim-error.js";
import type { ScimUser } from "./scim-user-schema.js";

/** The status of one bulk request, as GET …/bulkUpload/{requestId} answers it. */
export interface BulkRequestStatusView extends BulkUploadStatus {
  readonly requestId: string;
  /** ISO 8601. */
  readonly receivedAt: string;
  readonly operationCount: number;
}

export interface BulkUploadReceipt {
  readonly httpStatus: 202;
  readonly requestId: string;
  /** For the Location header: where the client follows the request's results. */
  readonly location: string;
  readonly status: BulkRequestStatusView;
}

export interface BulkUploadAcceptedEvent {
  readonly jobId: string;
  readonly requestId: string;
  /** Operations queued for processing (those the request could not use are already failed). */
  readonly queued: number;
}

export interface BulkUploadServiceOptions extends Pick<ParseBulkRequestOptions, "maxOperations" | "maxPayloadBytes"> {
  readonly now?: () => Date;
  readonly newRequestId?: () => string;
  /** Location of an accepted request; default: its status route under /api/v1. */
  readonly location?: (jobId: string, requestId: string) => string;
  /** When given, uploads are refused for unknown jobs (NotFound) and jobs whose source is not "api". */
  readonly jobs?: Pick<JobStore, "get">;
  /** Called after the request is durable (e.g. to start a cycle); not awaited by accept. */
  readonly onAccepted?: (event: BulkUploadAcceptedEvent) => void | Promise<void>;
  /** Where a failing onAccepted is reported (the upload itself stays accepted). */
  readonly onAcceptedError?: (error: unknown, event: BulkUploadAcceptedEvent) => void;
}

/** What a rejected upload's RosterError carries for the API: the HTTP status and the SCIM error body. */
export interface BulkRejectionDetails {
  readonly httpStatus: 400 | 413;
  readonly scimError: ScimErrorBody;
}

const MISSING_EXTERNAL_ID_CODE: ErrorCode = "SourceRecordInvalid";

export class BulkUploadService {
  readonly #store: InboundRecordStore;
  readonly #options: BulkUploadServiceOptions;
  readonly #now: () => Date;

  constructor(db: Kysely<InboundDatabase>, options: BulkUploadServiceOptions = {}) {
    this.#store = new InboundRecordStore(db);
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Validates and stores a bulk request. Throws RosterError InvalidRequest (details:
   * httpStatus 400/413, scimError, operationIndex, field) when the request is refused, NotFound
   * for an unknown job.
   */
  async accept(
    jobId: string,
    body: unknown,
    contentType: string | undefined,
    actor: string,
  ): Promise<BulkUploadReceipt> {
    checkId(jobId, "jobId");
    await this.#checkJob(jobId);

    const parsed = parseBulkRequest(body, contentType, {
      ...(this.#options.maxOperations === undefined ? {} : { maxOperations: this.#options.maxOperations }),
      ...(this.#options.maxPayloadBytes === undefined ? {} : { maxPayloadBytes: this.#options.maxPayloadBytes }),
    });
    if (!parsed.ok) {
      const { cause, status, body: scimError } = parsed.error;
      const details: Record<string, unknown> = { ...cause.details, jobId, httpStatus: status, scimError };
      throw new RosterError("InvalidRequest", `Bulk upload to job "${jobId}": ${cause.message}`, details, { cause });
    }

    const requestId = this.#options.newRequestId?.() ?? randomUUID();
    const receivedAt = this.#now();
    let status = acceptBulkUpload("", jobId, parsed.operations, parsed.failOnErrors).status;
    // Without an externalId there is no worker to match: that operation fails now, the rest go on.
    for (const operation of parsed.operations) {
      if (externalIdOf(operation.data) !== null) continue;
      status = recordOperationOutcome(status, operation.bulkId, {
        status: "failure",
        errorCode: MISSING_EXTERNAL_ID_CODE,
        additionalDetails: missingExternalIdMessage(operation.index, operation.bulkId),
      });
    }

    const operations: NewInboundOperation[] = parsed.operations.map((operation, position) => {
      const result = status.operations[position]!;
      return {
        index: operation.index,
        bulkId: operation.bulkId,
        externalId: externalIdOf(operation.data),
        displayName: displayNameOf(operation.data),
        attributes: flattenScimUser(operation.data),
        status: result.status,
        ...(result.errorInformation === undefined
          ? {}
          : {
              errorCode: result.errorInformation.errorCode,
              ...(result.errorInformation.additionalDetails === undefined
                ? {}
                : { errorMessage: result.errorInformation.additionalDetails }),
            }),
        ...(result.skipReason === undefined ? {} : { skipReason: result.skipReason }),
      };
    });
    await this.#store.saveBulkRequest({
      requestId,
      jobId,
      receivedAt,
      actor,
      failOnErrors: parsed.failOnErrors,
      failures: status.failures,
      stopped: status.stopped,
      operations,
    });

    const event: BulkUploadAcceptedEvent = {
      jobId,
      requestId,
      queued: status.operations.filter((operation) => operation.status === "queued").length,
    };
    this.#notify(event);
    return {
      httpStatus: 202,
      requestId,
      location: this.#options.location?.(jobId, requestId) ?? defaultLocation(jobId, requestId),
      status: {
        ...status,
        // As stored: a blank externalId counts as none.
        operations: status.operations.map((result, position) => ({
          ...result,
          externalId: operations[position]!.externalId,
        })),
        requestId,
        receivedAt: receivedAt.toISOString(),
        operationCount: operations.length,
      },
    };
  }

  /** The request's status; RosterError NotFound when the job has no such request. */
  async status(jobId: string, requestId: string): Promise<BulkRequestStatusView> {
    checkId(jobId, "jobId");
    checkId(requestId, "requestId");
    const stored = await this.#store.bulkRequest(jobId, requestId);
    if (stored === null) {
      throw new RosterError("NotFound", `Job "${jobId}" has no bulk request "${requestId}".`, {
        object: "bulk request",
        jobId,
        requestId,
      });
    }
    const { request, operations } = stored;
    return {
      requestId: request.request_id,
      jobId: request.job_id,
      receivedAt: request.received_at.toISOString(),
      operationCount: request.operation_count,
      failOnErrors: request.fail_on_errors,
      failures: request.failures,
      stopped: request.stopped,
      operations: operations.map(operationResult),
    };
  }

  async #checkJob(jobId: string): Promise<void> {
    const jobs = this.#options.jobs;
    if (jobs === undefined) return;
    const job = await jobs.get(jobId);
    if (job === null) {
      throw new RosterError("NotFound", `Job "${jobId}" does not exist.`, { object: "job", jobId });
    }
    const sourceType = job.definition.source.type;
    if (sourceType !== "api") {
      throw new RosterError(
        "InvalidRequest",
        `Job "${jobId}" reads workers from its "${sourceType}" source; bulk upload is only for jobs whose source.type is "api".`,
        { object: "job", jobId, field: "source.type", httpStatus: 400 },
      );
    }
  }

  #notify(event: BulkUploadAcceptedEvent): void {
    const onAccepted = this.#options.onAccepted;
    if (onAccepted === undefined) return;
    const report = (error: unknown): void => this.#options.onAcceptedError?.(error, event);
    try {
      const result = onAccepted(event);
      if (result instanceof Promise) result.catch(report);
    } catch (error) {
      report(error);
    }
  }
}

/** The HTTP status and SCIM error body of a refused upload, or null for any other error. */
export function bulkRejectionOf(error: unknown): BulkRejectionDetails | null {
  if (!(error instanceof RosterError) || error.code !== "InvalidRequest") return null;
  const { httpStatus, scimError } = error.details as { httpStatus?: unknown; scimError?: unknown };
  if ((httpStatus !== 400 && httpStatus !== 413) || typeof scimError !== "object" || scimError === null) return null;
  return { httpStatus, scimError: scimError as ScimErrorBody };
}

function defaultLocation(jobId: string, requestId: string): string {
  return `/api/v1/jobs/${encodeURIComponent(jobId)}/bulkUpload/${encodeURIComponent(requestId)}`;
}

function checkId(value: unknown, field: string): void {
  if (typeof value !== "string" || value.trim() === "") {
    throw new RosterError("InvalidRequest", `Bulk upload: ${field} must be a non-empty string.`, {
      object: "bulk upload",
      field,
    });
  }
}

function externalIdOf(user: ScimUser): string | null {
  return typeof user.externalId === "string" && user.externalId.trim() !== "" ? user.externalId : null;
}

function missingExternalIdMessage(index: number, bulkId: string): string {
  return `Operations[${index}] (bulkId ${JSON.stringify(bulkId)}): data.externalId is missing or empty; API-driven inbound identifies each worker by its externalId.`;
}

/** For logs: displayName, else the formatted or given + family name, else userName. */
function displayNameOf(user: ScimUser): string | null {
  if (typeof user.displayName === "string" && user.displayName !== "") return user.displayName;
  const name = user.name;
  if (name) {
    if (typeof name.formatted === "string" && name.formatted !== "") return name.formatted;
    const parts = [name.givenName, name.familyName].filter(
      (part): part is string => typeof part === "string" && part !== "",
    );
    if (parts.length > 0) return parts.join(" ");
  }
  return typeof user.userName === "string" && user.userName !== "" ? user.userName : null;
}

const PROVISIONING_ACTIONS: ReadonlySet<string> = new Set<BulkProvisioningAction>([
  "create",
  "update",
  "delete",
  "disable",
  "stagedDelete",
  "other",
]);

function operationResult(row: {
  operation_index: number;
  bulk_id: string;
  external_id: string | null;
  status: BulkOperationResult["status"];
  provisioning_action: string | null;
  error_code: string | null;
  error_message: string | null;
  skip_reason: string | null;
}): BulkOperationResult {
  const action = row.provisioning_action;
  return {
    index: row.operation_index,
    bulkId: row.bulk_id,
    externalId: row.external_id,
    status: row.status,
    ...(action === null
      ? {}
      : { provisioningAction: (PROVISIONING_ACTIONS.has(action) ? action : "other") as BulkProvisioningAction }),
    ...(row.error_code === null ? {} : { errorInformation: errorInformationOf(row.error_code, row.error_message) }),
    ...(row.skip_reason === "failOnErrorsReached" ? { skipReason: "failOnErrorsReached" as const } : {}),
  };
}

/** A code outside the registry (from a future source) is shown as InternalError with the original code. */
function errorInformationOf(code: string, message: string | null): BulkErrorInformation {
  if (isErrorCode(code)) return bulkErrorInformation(code, message ?? undefined);
  return bulkErrorInformation("InternalError", message === null ? code : `${code}: ${message}`);
}
