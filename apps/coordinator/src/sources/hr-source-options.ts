/** Options shared by the HR source factories. */

/** What the sources and connectors log through (pino's methods fit): operation, status and timing only. */
export interface HrSourceLogger {
  debug?(fields: Record<string, unknown>, message: string): void;
  warn?(fields: Record<string, unknown>, message: string): void;
}
