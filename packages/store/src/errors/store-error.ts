/**
 * Errors raised by the store. The codes are names from the engine's error registry
 * (packages/engine/src/errors/error-codes.ts); the store does not depend on the engine
 * package, so the class mirrors RosterError's shape ({ code, message, details, toJSON })
 * and callers can map it one to one.
 */
export type StoreErrorCode = "InvalidConfiguration" | "InternalError";

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: StoreErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "StoreError";
    this.code = code;
    this.details = details;
  }

  toJSON(): { code: StoreErrorCode; message: string; details: Readonly<Record<string, unknown>> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Five characters with at least one digit: "40001", "23505", "XX000" — but not a Node code like "EPIPE". */
const SQLSTATE = /^(?=.*\d)[0-9A-Z]{5}$/;

/** The SQLSTATE of a database error, looked up through `cause` chains (drivers and kysely wrap errors). */
export function sqlStateOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && SQLSTATE.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
