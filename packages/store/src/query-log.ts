import type { LogEvent, Logger } from "kysely";
import { messageOf, sqlStateOf } from "./errors/store-error.js";

/** One executed statement. Parameters are never logged: they carry HR data and secrets. */
export interface QueryLogEntry {
  readonly level: "query" | "error";
  readonly sql: string;
  readonly parameterCount: number;
  readonly durationMs: number;
  readonly sqlState?: string;
  readonly error?: string;
}

export type QueryLogSink = (entry: QueryLogEntry) => void;

/** Default sink: one JSON line per statement on stderr (stdout may carry a CLI's output). */
export const stderrQueryLogSink: QueryLogSink = (entry) => {
  process.stderr.write(`${JSON.stringify({ component: "store", ...entry })}\n`);
};

export function kyselyLogger(sink: QueryLogSink, scrub: (text: string) => string): Logger {
  return (event: LogEvent) => {
    const base = {
      sql: event.query.sql,
      parameterCount: event.query.parameters.length,
      durationMs: Math.round(event.queryDurationMillis * 100) / 100,
    };
    if (event.level === "query") {
      sink({ level: "query", ...base });
      return;
    }
    const sqlState = sqlStateOf(event.error);
    sink({
      level: "error",
      ...base,
      ...(sqlState === undefined ? {} : { sqlState }),
      error: scrub(messageOf(event.error)),
    });
  };
}
