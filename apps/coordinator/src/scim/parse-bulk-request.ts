/**
 * Synchronous validation of a bulkUpload request: content type, size, shape, limits and
 * bulkId uniqueness. What passes is staged and answered with 202; everything else gets a
 * SCIM error body. Never throws.
 */
import type { z } from "zod";
import { bulkRequestSchema } from "./bulk-request-schema.js";
import { MAX_BULK_OPERATIONS, MAX_BULK_PAYLOAD_BYTES, SCIM_MEDIA_TYPE } from "./scim-constants.js";
import { type BulkRequestRejection, formatJsonPath, rejectBulkRequest, type ScimErrorType } from "./scim-error.js";
import type { ScimUser } from "./scim-user-schema.js";

export interface BulkOperation {
  /** Position in Operations[], for error messages and results. */
  readonly index: number;
  readonly bulkId: string;
  readonly method: "POST";
  readonly path: "/Users";
  readonly data: ScimUser;
}

export type ParseBulkRequestResult =
  | { readonly ok: true; readonly operations: readonly BulkOperation[]; readonly failOnErrors: number | null }
  | { readonly ok: false; readonly error: BulkRequestRejection };

export interface ParseBulkRequestOptions {
  readonly maxOperations?: number;
  readonly maxPayloadBytes?: number;
  /** The body's size on the wire when `body` is already parsed (otherwise it is measured). */
  readonly payloadBytes?: number;
}

const MAX_LISTED_PROBLEMS = 5;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** True for application/scim+json with any parameters (charset) in any letter case. */
export function isScimContentType(contentType: string | undefined | null): boolean {
  if (typeof contentType !== "string") return false;
  const semicolon = contentType.indexOf(";");
  const mediaType = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  return mediaType === SCIM_MEDIA_TYPE;
}

/**
 * Validates a bulk request. `body` is the raw body (string or bytes, preferred: its size is
 * checked before parsing) or an already-parsed JSON value.
 */
export function parseBulkRequest(
  body: unknown,
  contentType: string | undefined | null,
  options: ParseBulkRequestOptions = {},
): ParseBulkRequestResult {
  const maxOperations = options.maxOperations ?? MAX_BULK_OPERATIONS;
  const maxPayloadBytes = options.maxPayloadBytes ?? MAX_BULK_PAYLOAD_BYTES;

  if (!isScimContentType(contentType)) {
    const got = typeof contentType === "string" && contentType !== "" ? `"${contentType}"` : "none";
    return fail(400, "invalidSyntax", `Content-Type must be "${SCIM_MEDIA_TYPE}"; got ${got}`, {
      field: "Content-Type",
    });
  }

  const decoded = decodeBody(body, options.payloadBytes);
  if ("error" in decoded) return { ok: false, error: decoded.error };
  if (decoded.bytes > maxPayloadBytes) {
    return fail(
      413,
      undefined,
      `The bulk request is ${decoded.bytes} bytes; the maximum payload size is ${maxPayloadBytes} bytes`,
    );
  }
  const request = decoded.value;
  if (typeof request !== "object" || request === null || Array.isArray(request)) {
    return fail(400, "invalidSyntax", "The request body must be a JSON object (a SCIM BulkRequest)");
  }

  // Counted before per-operation validation: RFC 7644 §3.7.4 answers a bulk over the
  // operation or size limit with 413 (and no scimType).
  const operations = (request as { Operations?: unknown }).Operations;
  if (Array.isArray(operations) && operations.length > maxOperations) {
    return fail(
      413,
      undefined,
      `Operations holds ${operations.length} operations; the maximum is ${maxOperations} per request`,
      { field: "Operations" },
    );
  }

  const parsed = bulkRequestSchema.safeParse(request);
  if (!parsed.success) return { ok: false, error: rejectionFromIssues(parsed.error.issues) };

  const firstIndexByBulkId = new Map<string, number>();
  const result: BulkOperation[] = [];
  for (const [index, operation] of parsed.data.Operations.entries()) {
    const earlier = firstIndexByBulkId.get(operation.bulkId);
    if (earlier !== undefined) {
      return fail(
        400,
        "invalidValue",
        `Operations[${index}].bulkId: ${JSON.stringify(operation.bulkId)} is already used by Operations[${earlier}]; bulkIds must be unique within a request`,
        { operationIndex: index, field: "bulkId" },
      );
    }
    firstIndexByBulkId.set(operation.bulkId, index);
    result.push({
      index,
      bulkId: operation.bulkId,
      method: operation.method,
      path: operation.path,
      data: operation.data,
    });
  }
  return { ok: true, operations: result, failOnErrors: parsed.data.failOnErrors ?? null };
}

type Decoded = { readonly value: unknown; readonly bytes: number } | { readonly error: BulkRequestRejection };

function decodeBody(body: unknown, payloadBytes: number | undefined): Decoded {
  let textBody: string;
  let bytes: number;
  if (typeof body === "string") {
    textBody = body;
    bytes = payloadBytes ?? Buffer.byteLength(body, "utf8");
  } else if (body instanceof Uint8Array) {
    bytes = body.byteLength;
    try {
      textBody = utf8.decode(body);
    } catch {
      return { error: rejectBulkRequest(400, "invalidSyntax", "The request body is not valid UTF-8") };
    }
  } else {
    return { value: body, bytes: payloadBytes ?? measureParsed(body) };
  }
  if (textBody.trim() === "") {
    return {
      error: rejectBulkRequest(400, "invalidSyntax", "The request body is empty; a SCIM BulkRequest is required"),
    };
  }
  try {
    return { value: JSON.parse(textBody) as unknown, bytes };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return { error: rejectBulkRequest(400, "invalidSyntax", `The request body is not valid JSON: ${reason}`) };
  }
}

/** Size of an already-parsed body as JSON; values JSON cannot hold count as 0 and fail the shape check. */
function measureParsed(body: unknown): number {
  try {
    const json = JSON.stringify(body);
    return json === undefined ? 0 : Buffer.byteLength(json, "utf8");
  } catch {
    return 0;
  }
}

function rejectionFromIssues(issues: readonly z.core.$ZodIssue[]): BulkRequestRejection {
  const first = issues[0];
  if (first === undefined)
    return rejectBulkRequest(400, "invalidSyntax", "The request body is not a valid SCIM BulkRequest");
  const problems = issues
    .slice(0, MAX_LISTED_PROBLEMS)
    .map((issue) => `${formatJsonPath(issue.path)}: ${issue.message}`);
  const more = issues.length > MAX_LISTED_PROBLEMS ? ` (and ${issues.length - MAX_LISTED_PROBLEMS} more problems)` : "";
  const [head, index] = first.path;
  const location =
    head === "Operations" && typeof index === "number" && first.path.length > 2
      ? { operationIndex: index, field: formatJsonPath(first.path.slice(2)) }
      : typeof index === "number"
        ? { operationIndex: index, field: formatJsonPath(first.path) }
        : { field: formatJsonPath(first.path) };
  // A missing or mistyped member is a syntax problem; a present value that is not allowed is a value problem.
  const scimType: ScimErrorType = first.code === "invalid_type" ? "invalidSyntax" : "invalidValue";
  return rejectBulkRequest(400, scimType, problems.join("; ") + more, location);
}

function fail(
  status: 400 | 413,
  scimType: ScimErrorType | undefined,
  detail: string,
  location: { operationIndex?: number; field?: string } = {},
): ParseBulkRequestResult {
  return { ok: false, error: rejectBulkRequest(status, scimType, detail, location) };
}
