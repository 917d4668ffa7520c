/**
 * Posts one SCIM BulkRequest to the coordinator (POST {url}/api/v1/jobs/{job}/bulkUpload),
 * retrying throttling (429, honouring Retry-After), 502/503/504 and connection errors with
 * backoff. Error texts come from the SCIM error (detail) or Roster's error body (code, message);
 * the token never appears in them.
 */
import { setTimeout as sleep } from "node:timers/promises";

export interface BulkUploadTarget {
  readonly url: string;
  readonly token: string;
  readonly jobId: string;
}

export interface PostOptions {
  readonly maxAttempts?: number;
  /** First retry delay when the server gives no Retry-After (doubled each time). */
  readonly retryDelayMs?: number;
  readonly fetch?: typeof fetch;
}

export type PostResult =
  | { readonly ok: true; readonly status: number; readonly location: string | null; readonly requestId: string | null }
  | { readonly ok: false; readonly status: number | null; readonly message: string };

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const MAX_RETRY_AFTER_MS = 60_000;
const MAX_ERROR_TEXT = 500;

export function bulkUploadUrl(target: BulkUploadTarget): string {
  const base = target.url.endsWith("/") ? target.url.slice(0, -1) : target.url;
  return `${base}/api/v1/jobs/${encodeURIComponent(target.jobId)}/bulkUpload`;
}

export async function postBulkRequest(
  target: BulkUploadTarget,
  body: string,
  options: PostOptions = {},
): Promise<PostResult> {
  const maxAttempts = options.maxAttempts ?? 5;
  const baseDelay = options.retryDelayMs ?? 1000;
  const doFetch = options.fetch ?? fetch;
  const url = bulkUploadUrl(target);
  let last: PostResult = { ok: false, status: null, message: "not sent" };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let retryAfterMs: number | null = null;
    try {
      const response = await doFetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/scim+json",
          accept: "application/json, application/scim+json",
          authorization: `Bearer ${target.token}`,
        },
        body,
      });
      const text = await response.text();
      if (response.ok) {
        return {
          ok: true,
          status: response.status,
          location: response.headers.get("location"),
          requestId: requestIdOf(text),
        };
      }
      last = { ok: false, status: response.status, message: errorText(response.status, text) };
      if (!RETRYABLE_STATUSES.has(response.status)) return last;
      retryAfterMs = retryAfter(response.headers.get("retry-after"));
    } catch (error) {
      const cause =
        error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      last = { ok: false, status: null, message: `cannot reach ${url}: ${cause}` };
    }
    if (attempt < maxAttempts) await sleep(retryAfterMs ?? baseDelay * 2 ** (attempt - 1));
  }
  return last;
}

function requestIdOf(text: string): string | null {
  try {
    const body = JSON.parse(text) as { requestId?: unknown };
    return typeof body.requestId === "string" ? body.requestId : null;
  } catch {
    return null;
  }
}

function errorText(status: number, text: string): string {
  try {
    const body = JSON.parse(text) as { detail?: unknown; code?: unknown; message?: unknown };
    if (typeof body.detail === "string") return `HTTP ${status}: ${body.detail}`;
    if (typeof body.message === "string") {
      return `HTTP ${status}${typeof body.code === "string" ? ` ${body.code}` : ""}: ${body.message}`;
    }
  } catch {
    // Not JSON: show the text itself.
  }
  const trimmed = text.trim();
  return trimmed === "" ? `HTTP ${status}` : `HTTP ${status}: ${trimmed.slice(0, MAX_ERROR_TEXT)}`;
}

/** Retry-After as seconds or an HTTP date; capped so a hostile value cannot park the import. */
function retryAfter(header: string | null): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms)) : null;
}
