/**
 * The coordinator's pino logger. Code never puts a token or credential into a log entry;
 * redaction is the second line of defence for one that slips in (an error's details, a message).
 */
import pino, { type Logger, type LoggerOptions } from "pino";

export const COORDINATOR_REDACT_PATHS = [
  "token",
  "credential",
  "*.token",
  "*.credential",
  "message.token",
  "message.credential",
  "headers.authorization",
  "req.headers.authorization",
  "password",
  "*.password",
  "secret",
  "*.secret",
  "connection.password",
  "connection.auth.password",
  "connection.auth.token",
];

export function createCoordinatorLogger(
  options: { readonly level?: LoggerOptions["level"]; readonly destination?: pino.DestinationStream } = {},
): Logger {
  const settings: LoggerOptions = {
    level: options.level ?? "info",
    base: { service: "roster-coordinator" },
    redact: { paths: COORDINATOR_REDACT_PATHS, censor: "[redacted]" },
  };
  return options.destination === undefined ? pino(settings) : pino(settings, options.destination);
}
