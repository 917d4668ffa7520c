/**
 * Typed SuccessFactors failures. `kind` tells the caller what to do: "auth" (fix the API user,
 * its password/token or its permissions; never retried), "transient" (retried with backoff, then
 * surfaced; a cycle that still fails is escrowed/quarantined by the caller) and "data" (this
 * request, person or configuration is wrong; repeating the same call cannot help).
 */
import { RosterError, type ErrorCode } from "@roster/engine";

export type SuccessFactorsErrorKind = "auth" | "transient" | "data";

export interface SuccessFactorsErrorDetails {
  /** The request or step that failed, e.g. "PerPerson (full import) page 3". */
  readonly operation?: string;
  readonly httpStatus?: number;
  /** `error.code` of an OData error body. */
  readonly odataCode?: string;
  readonly attempts?: number;
  /** Person-level failures: where the person sits and what identifies it. */
  readonly page?: number;
  /** 0-based position of the person within its page. */
  readonly index?: number;
  readonly personIdExternal?: string;
  readonly field?: string;
  readonly attribute?: string;
  readonly jsonPath?: string;
  readonly [key: string]: unknown;
}

export class SuccessFactorsError extends RosterError {
  readonly kind: SuccessFactorsErrorKind;

  constructor(
    kind: SuccessFactorsErrorKind,
    code: ErrorCode,
    message: string,
    details: SuccessFactorsErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, { kind, ...details }, options);
    this.name = "SuccessFactorsError";
    this.kind = kind;
  }

  get retryable(): boolean {
    return this.kind === "transient";
  }
}

export function isSuccessFactorsError(error: unknown): error is SuccessFactorsError {
  return error instanceof SuccessFactorsError;
}
