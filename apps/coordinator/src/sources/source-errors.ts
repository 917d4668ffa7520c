/**
 * Connector failures in the registry's terms. The connectors classify every failure by `kind`
 * (auth / transient / data); the coordinator reports HR-side problems with its own codes so a
 * cycle can decide: SourceAuthenticationFailed (fix the credentials; quarantine), SourceUnavailable
 * (retry with backoff), SourceRecordInvalid (this worker only), configuration and request errors.
 */
import { RosterError, type ErrorCode } from "@roster/engine";
import { SuccessFactorsError } from "@roster/successfactors";
import { WorkdayError } from "@roster/workday";
import type { SourceFailure, WritebackOutcome } from "./hr-source.js";

export type ConnectorError = WorkdayError | SuccessFactorsError;

/** The HR system's name for messages. */
export type SourceSystem = "Workday" | "SuccessFactors";

export function isConnectorError(error: unknown): error is ConnectorError {
  return error instanceof WorkdayError || error instanceof SuccessFactorsError;
}

/** Codes a connector raises for the whole request that keep their meaning for the coordinator. */
const KEPT_REQUEST_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(["InvalidConfiguration", "InvalidRequest"]);

function requestCodeOf(error: ConnectorError): ErrorCode {
  if (error.kind === "auth") return "SourceAuthenticationFailed";
  if (error.kind === "transient") return "SourceUnavailable";
  if (KEPT_REQUEST_CODES.has(error.code)) return error.code;
  // An answer the connector cannot use for the whole request (not a SOAP envelope, truncated JSON,
  // a 404 on the service): the source is unusable for this cycle; the next cycle tries again.
  return "SourceUnavailable";
}

/** Connector details worth keeping (never credentials: the connectors scrub those already). */
function detailsOf(error: ConnectorError, system: SourceSystem): Record<string, unknown> {
  const details: Record<string, unknown> = { source: system, kind: error.kind, sourceErrorCode: error.code };
  for (const key of ["operation", "httpStatus", "faultCode", "odataCode", "attempts"] as const) {
    const value = error.details[key];
    if (value !== undefined) details[key] = value;
  }
  return details;
}

/** The connector's message, led by the system's name unless it already is. */
function withSystem(system: SourceSystem, message: string): string {
  return message.startsWith(system) ? message : `${system}: ${message}`;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

/**
 * What a source method throws: a RosterError with a registry code. Aborts by the caller's signal
 * pass through unchanged; other RosterErrors (e.g. InvalidRequest for a bad date) keep their code.
 */
export function toSourceError(error: unknown, system: SourceSystem): unknown {
  if (isConnectorError(error)) {
    const code = requestCodeOf(error);
    return new RosterError(code, withSystem(system, error.message), detailsOf(error, system), { cause: error });
  }
  if (error instanceof RosterError || isAbort(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new RosterError(
    "SourceUnavailable",
    `${system} could not be read: ${reason}`,
    { source: system },
    { cause: error },
  );
}

/** A worker the connector could not read, as a SourceFailure naming the worker and the path at fault. */
export function sourceFailureOf(
  error: ConnectorError,
  system: SourceSystem,
  identity: { readonly sourceAnchor: string | null; readonly workerId: string | null },
): SourceFailure {
  let errorCode: ErrorCode;
  if (error.kind === "auth") errorCode = "SourceAuthenticationFailed";
  else if (error.kind === "transient") errorCode = "SourceUnavailable";
  else errorCode = error.code === "DuplicateSourceEntries" ? "DuplicateSourceEntries" : "SourceRecordInvalid";
  return {
    sourceAnchor: identity.sourceAnchor,
    workerId: identity.workerId,
    errorCode,
    message: withSystem(system, error.message),
    retryable: error.kind === "transient",
  };
}

/** A writeback that threw, as an outcome: connectors' transient failures are retryable, data errors not. */
export function writebackFailureOf(error: unknown, system: SourceSystem, worker: string): WritebackOutcome {
  if (isConnectorError(error)) {
    const prefix = error.kind === "auth" ? `${system} refused the credentials (SourceAuthenticationFailed)` : system;
    return {
      ok: false,
      message: `${prefix}: writeback of ${worker} failed: ${error.message}`,
      retryable: error.retryable,
    };
  }
  if (error instanceof RosterError) {
    return {
      ok: false,
      message: `${system}: writeback of ${worker} failed: ${error.message}`,
      retryable: error.info.retryable,
    };
  }
  // Not classified by the connector (network stack, abort): assume it may pass.
  const reason = error instanceof Error ? error.message : String(error);
  return { ok: false, message: `${system}: writeback of ${worker} failed: ${reason}`, retryable: true };
}
