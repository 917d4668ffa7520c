/**
 * Every failure leaves the API as the same body — { code, message, reason, recommendedAction,
 * details? } — with a registry code and a status from docs/api.md. Unknown errors are logged
 * with their stack and answered with a generic 500 that leaks nothing.
 */
import { ERROR_CODES, type ErrorCode, RosterError } from "@roster/engine";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { ErrorBody } from "./api-schemas.js";

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  InvalidRequest: 400,
  InvalidConfiguration: 400,
  InvalidExpression: 400,
  InvalidScopingFilter: 400,
  AuthenticationRequired: 401,
  NotFound: 404,
  WorkerNotFound: 404,
  VersionConflict: 409,
  // The job store's contract names Conflict for a version mismatch on update.
  Conflict: 409,
  CycleInProgress: 409,
  JobQuarantined: 409,
  EndpointUnavailable: 503,
  SourceUnavailable: 503,
  // Retryable, but a bug in Roster is not "try again later".
  InternalError: 500,
};

/** The HTTP status for a registry code: listed ones as documented, other retryable codes 503, the rest 500. */
export function statusForCode(code: ErrorCode): number {
  return STATUS_BY_CODE[code] ?? (ERROR_CODES[code].retryable ? 503 : 500);
}

export function errorBody(code: ErrorCode, message: string, details?: Readonly<Record<string, unknown>>): ErrorBody {
  const info = ERROR_CODES[code];
  const body: ErrorBody = { code, message, reason: info.reason, recommendedAction: info.recommendedAction };
  if (details !== undefined && Object.keys(details).length > 0) body.details = { ...details };
  return body;
}

export interface ApiErrorAnswer {
  readonly status: number;
  readonly body: ErrorBody;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Maps anything thrown by a handler, a hook, a parser or the validator to the answer it gets. */
export function answerForError(error: unknown, requestId: string): ApiErrorAnswer {
  if (hasZodFastifySchemaValidationErrors(error)) return validationAnswer(error);
  if (error instanceof RosterError) {
    const status = statusForRosterError(error);
    const headers: Record<string, string> | undefined =
      error.code === "AuthenticationRequired" ? { "www-authenticate": bearerChallenge(error) } : undefined;
    return headers === undefined
      ? { status, body: errorBody(error.code, error.message, error.details) }
      : { status, body: errorBody(error.code, error.message, error.details), headers };
  }
  const fastifyStatus = clientErrorStatusOf(error);
  if (fastifyStatus !== undefined) {
    // Fastify's own 4xx (malformed JSON, body too large, unsupported media type): its messages hold no secrets.
    const message = `The request is malformed: ${(error as Error).message}`;
    return {
      status: fastifyStatus,
      body: errorBody("InvalidRequest", message, { fastifyCode: (error as FastifyError).code }),
    };
  }
  return {
    status: 500,
    body: errorBody(
      "InternalError",
      `An internal error occurred while handling the request (request id ${requestId}).`,
      {
        requestId,
      },
    ),
  };
}

export const BEARER_CHALLENGE = 'Bearer realm="roster"';

/** RFC 6750 §3: a request without credentials gets the bare challenge, a bad token names the error. */
function bearerChallenge(error: RosterError): string {
  const bearerError = error.details["bearerError"];
  return bearerError === "invalid_token" || bearerError === "invalid_request"
    ? `${BEARER_CHALLENGE}, error="${bearerError}"`
    : BEARER_CHALLENGE;
}

/** Installs the error and not-found handlers on the server. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const answer = answerForError(error, request.id);
    if (answer.status >= 500) request.log.error({ err: error }, "request failed");
    else request.log.info({ code: answer.body.code, status: answer.status }, "request rejected");
    if (answer.headers !== undefined) reply.headers(answer.headers);
    return reply.code(answer.status).type("application/json; charset=utf-8").send(answer.body);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request.url);
    return reply
      .code(404)
      .type("application/json; charset=utf-8")
      .send(errorBody("NotFound", `No route ${request.method} ${path}.`, { method: request.method, path }));
  });
}

function statusForRosterError(error: RosterError): number {
  // The SCIM bulk validation answers 413 for a request over its size or operation limit.
  if (error.code === "InvalidRequest" && error.details["httpStatus"] === 413) return 413;
  return statusForCode(error.code);
}

function validationAnswer(error: {
  validation: readonly { instancePath: string; message?: string | undefined }[];
  validationContext?: string | undefined;
}): ApiErrorAnswer {
  const location = locationName(error.validationContext);
  const issues = error.validation.map((issue) => ({
    field: fieldPathOf(issue.instancePath),
    message: issue.message ?? "is not valid",
  }));
  const first = issues[0] ?? { field: "(request)", message: "is not valid" };
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problems)` : "";
  return {
    status: 400,
    body: errorBody("InvalidRequest", `Request ${location} field "${first.field}": ${first.message}${more}`, {
      location,
      field: first.field,
      issues,
    }),
  };
}

function locationName(context: string | undefined): string {
  switch (context) {
    case "querystring":
      return "query";
    case "params":
      return "path";
    case "headers":
      return "header";
    default:
      return context ?? "body";
  }
}

const INDEX_SEGMENT = /^\d+$/;

/** "/Operations/0/data" → "Operations[0].data"; the root itself is "(root)". */
export function fieldPathOf(instancePath: string): string {
  let path = "";
  for (const segment of instancePath.split("/")) {
    if (segment === "") continue;
    if (INDEX_SEGMENT.test(segment)) path += `[${segment}]`;
    else path += path === "" ? segment : `.${segment}`;
  }
  return path === "" ? "(root)" : path;
}

function clientErrorStatusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  if (typeof code !== "string" || !code.startsWith("FST_")) return undefined;
  return typeof statusCode === "number" && statusCode >= 400 && statusCode < 500 ? statusCode : undefined;
}

function pathOf(url: string): string {
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}
