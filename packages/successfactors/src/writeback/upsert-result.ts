/**
 * The answer of `POST /odata/v2/upsert`: HTTP 200 even when rows failed, with one result per
 * row — `{"d": [{ "key", "status": "OK" | "ERROR", "editStatus", "message", "index", "httpCode" }]}`.
 * Only `OK` counts as written (`ACCEPTED` rows of a failed full-purge batch were not processed).
 * A failed row is an error for this person only.
 */
import type { ErrorCode } from "@roster/engine";
import { SuccessFactorsError } from "../errors/successfactors-error.js";
import type { UpsertEntity, UpsertPlan } from "./writeback-request.js";

export interface UpsertRowResult {
  readonly entity: UpsertEntity;
  /** The row's key predicate as sent. */
  readonly key: string;
  readonly ok: boolean;
  /** `OK`, `ERROR`, … as SuccessFactors reported it; `MISSING` when it reported nothing for the row. */
  readonly status: string;
  readonly editStatus: string | null;
  readonly httpCode: number | null;
  readonly message: string | null;
}

export interface WritebackResult {
  readonly ok: boolean;
  readonly personIdExternal: string;
  /** The User key used for the username row. */
  readonly userId: string;
  readonly userKeySource: "userId" | "personIdExternal";
  readonly rows: readonly UpsertRowResult[];
  /** When a row failed: an error naming the person and each failed row. */
  readonly error?: SuccessFactorsError;
}

function codeFor(httpCode: number | null): ErrorCode {
  if (httpCode === 401 || httpCode === 403) return "InsufficientRights";
  if (httpCode === 404) return "InvalidAnchor";
  if (httpCode === 409) return "Conflict";
  return "UnprocessableEntity";
}

export function readUpsertResult(
  body: unknown,
  plan: UpsertPlan,
  operation: string,
  redact: (text: string) => string,
): WritebackResult {
  const d = (body as { d?: unknown } | null)?.d;
  const entries = Array.isArray(d) ? d : (d as { results?: unknown } | null | undefined)?.results;
  if (!Array.isArray(entries)) {
    throw new SuccessFactorsError(
      "data",
      "UnprocessableEntity",
      `SuccessFactors answered ${operation} with JSON that has no d array of row results`,
      { operation, personIdExternal: plan.personIdExternal },
    );
  }
  const byIndex = new Map<number, Record<string, unknown>>();
  entries.forEach((entry, position) => {
    if (entry === null || typeof entry !== "object") return;
    const record = entry as Record<string, unknown>;
    const index = typeof record.index === "number" ? record.index : position;
    if (!byIndex.has(index)) byIndex.set(index, record);
  });
  const rows = plan.rows.map((row, index): UpsertRowResult => {
    const entry = byIndex.get(index);
    if (entry === undefined) {
      return {
        entity: row.entity,
        key: row.key,
        ok: false,
        status: "MISSING",
        editStatus: null,
        httpCode: null,
        message: "SuccessFactors returned no result for this row",
      };
    }
    const status = typeof entry.status === "string" ? entry.status : "UNKNOWN";
    const httpCode = typeof entry.httpCode === "number" ? entry.httpCode : null;
    return {
      entity: row.entity,
      key: row.key,
      ok: status.toUpperCase() === "OK",
      status,
      editStatus: typeof entry.editStatus === "string" ? entry.editStatus : null,
      httpCode,
      message: typeof entry.message === "string" ? redact(entry.message) : null,
    };
  });
  const failed = rows.filter((row) => !row.ok);
  const result = {
    ok: failed.length === 0,
    personIdExternal: plan.personIdExternal,
    userId: plan.userId,
    userKeySource: plan.userKeySource,
    rows,
  };
  if (failed.length === 0) return result;
  const reasons = failed.map(
    (row) =>
      `${row.key}: ${row.message ?? row.status}${row.httpCode === null ? "" : ` (status ${row.status}, HTTP ${row.httpCode})`}`,
  );
  const error = new SuccessFactorsError(
    "data",
    codeFor(failed[0]!.httpCode),
    `SuccessFactors did not write ${failed.length} of ${rows.length} row(s) for person ${JSON.stringify(plan.personIdExternal)}: ${reasons.join("; ")}`,
    {
      operation,
      personIdExternal: plan.personIdExternal,
      failedRows: failed.map((row) => row.key),
    },
  );
  return { ...result, error };
}
