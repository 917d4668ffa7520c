/**
 * SCIM error responses (RFC 7644 §3.12) for a rejected bulk request, paired with the
 * RosterError the coordinator logs.
 */
import { RosterError } from "@roster/engine";
import { SCIM_ERROR_URN } from "./scim-constants.js";

/** The scimType values a bulk-request rejection uses (RFC 7644 Table 9). */
export type ScimErrorType = "invalidSyntax" | "invalidValue";

export interface ScimErrorBody {
  readonly schemas: readonly [typeof SCIM_ERROR_URN];
  /** The HTTP status as a JSON string, as RFC 7644 requires. */
  readonly status: string;
  readonly scimType?: ScimErrorType;
  readonly detail: string;
}

export interface BulkRequestRejection {
  /** HTTP status for the response: 400 (malformed, wrong content type) or 413 (too large). */
  readonly status: 400 | 413;
  readonly body: ScimErrorBody;
  /** The same problem as a registry error, with the operation index and field in details. */
  readonly cause: RosterError;
}

export interface RejectionLocation {
  readonly operationIndex?: number;
  readonly field?: string;
}

export function rejectBulkRequest(
  status: 400 | 413,
  scimType: ScimErrorType | undefined,
  detail: string,
  location: RejectionLocation = {},
): BulkRequestRejection {
  const body: ScimErrorBody =
    scimType === undefined
      ? { schemas: [SCIM_ERROR_URN], status: String(status), detail }
      : { schemas: [SCIM_ERROR_URN], status: String(status), scimType, detail };
  const details: Record<string, unknown> = { object: "SCIM BulkRequest", httpStatus: status };
  if (location.operationIndex !== undefined) details["operationIndex"] = location.operationIndex;
  if (location.field !== undefined) details["field"] = location.field;
  return { status, body, cause: new RosterError("InvalidRequest", detail, details) };
}

const PLAIN_KEY = /^[A-Za-z_$][\w$]*$/;

/** Renders a zod issue path the way a client reads its JSON: Operations[3].data["urn:…:User"].department. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else if (typeof key === "string" && PLAIN_KEY.test(key)) text += text === "" ? key : `.${key}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text === "" ? "(request body)" : text;
}
