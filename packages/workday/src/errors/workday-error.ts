/**
 * Typed Workday failures. `kind` tells the caller what to do: "auth" (fix the credentials or the
 * ISU's permissions, never retried), "transient" (retried with backoff, then surfaced; a cycle
 * that still fails is escrowed/quarantined by the caller) and "data" (this request or worker is
 * wrong; retrying the same call cannot help).
 */
import { RosterError, type ErrorCode } from "@roster/engine";

export type WorkdayErrorKind = "auth" | "transient" | "data";

export interface WorkdayErrorDetails {
  /** The SOAP operation or the step that failed, e.g. "Get_Workers page 3". */
  readonly operation?: string;
  readonly httpStatus?: number;
  readonly faultCode?: string;
  /** Validation_Error entries of a SOAP fault (message and the XPath Workday reports). */
  readonly validationErrors?: readonly { readonly message: string; readonly xpath?: string }[];
  /** Worker-level failures: where the worker sits in the response and what identifies it. */
  readonly page?: number;
  readonly workerIndex?: number;
  readonly wid?: string;
  readonly workerId?: string;
  readonly attribute?: string;
  readonly xpath?: string;
  readonly attempts?: number;
  readonly [key: string]: unknown;
}

export class WorkdayError extends RosterError {
  readonly kind: WorkdayErrorKind;

  constructor(
    kind: WorkdayErrorKind,
    code: ErrorCode,
    message: string,
    details: WorkdayErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, { kind, ...details }, options);
    this.name = "WorkdayError";
    this.kind = kind;
  }

  get retryable(): boolean {
    return this.kind === "transient";
  }
}

export function isWorkdayError(error: unknown): error is WorkdayError {
  return error instanceof WorkdayError;
}
