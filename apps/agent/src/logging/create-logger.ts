/**
 * Structured JSON logs (pino). Secrets never reach a log line: every field that can hold
 * one (bind passwords, the agent credential, registration tokens, initial passwords) is
 * redacted wherever it appears in the first few levels of a logged object.
 */
import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger } from "pino";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const SECRET_FIELDS = ["password", "credential", "token", "unicodePwd", "userPassword", "secret"];

/** The redaction paths: each secret field at the top level and up to four levels down. */
export const REDACT_PATHS: readonly string[] = SECRET_FIELDS.flatMap((field) => [
  field,
  `*.${field}`,
  `*.*.${field}`,
  `*.*.*.${field}`,
  `*.*.*.*.${field}`,
]);

export const REDACTED = "[redacted]";

export interface LoggerOptions {
  readonly level?: LogLevel;
  /** Where lines go; stdout by default. */
  readonly destination?: DestinationStream;
  readonly name?: string;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      name: options.name ?? "roster-agent",
      level: options.level ?? "info",
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** A logger that drops everything (tests, in-process embedding without logs). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
