/**
 * The errors an API command can end with, each carrying its exit code: 1 the coordinator
 * answered with an error, 2 the command line was wrong, 3 the coordinator could not be reached.
 */
import type { ApiErrorBody } from "./api-types.js";

export const EXIT_OK = 0;
export const EXIT_API_ERROR = 1;
export const EXIT_USAGE = 2;
export const EXIT_UNREACHABLE = 3;

export abstract class CliError extends Error {
  abstract readonly exitCode: number;
  /** The lines printed on stderr. */
  abstract describe(): string[];
}

/** The coordinator answered with its error body (or with something that is not a valid answer). */
export class ApiError extends CliError {
  readonly exitCode = EXIT_API_ERROR;
  readonly status: number;
  readonly code: string;
  readonly reason: string | null;
  readonly recommendedAction: string | null;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = "ApiError";
    this.status = status;
    this.code = body.code;
    this.reason = body.reason ?? null;
    this.recommendedAction = body.recommendedAction ?? null;
    this.details = body.details ?? {};
  }

  describe(): string[] {
    const lines = [`error: ${this.code}${this.status > 0 ? ` (HTTP ${this.status})` : ""}: ${this.message}`];
    if (this.reason !== null && this.reason !== "") lines.push(`  Reason:             ${this.reason}`);
    if (this.recommendedAction !== null && this.recommendedAction !== "")
      lines.push(`  Recommended action: ${this.recommendedAction}`);
    return lines;
  }
}

/** No answer at all: connection refused, unknown host, TLS failure, timeout. */
export class CoordinatorUnreachableError extends CliError {
  readonly exitCode = EXIT_UNREACHABLE;
  /** The coordinator's base URL, without credentials. */
  readonly url: string;

  constructor(url: string, detail: string, options?: { cause?: unknown }) {
    super(`cannot reach the coordinator at ${url}: ${detail}`, options);
    this.name = "CoordinatorUnreachableError";
    this.url = url;
  }

  describe(): string[] {
    return [
      `error: ${this.message}`,
      "  Recommended action: Check that the coordinator is running and that --url (or ROSTER_URL) points at it.",
    ];
  }
}

/** The command line or a file it names is wrong; nothing was sent. */
export class UsageError extends CliError {
  readonly exitCode = EXIT_USAGE;

  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }

  describe(): string[] {
    return [`error: ${this.message}`];
  }
}
