/**
 * One OData call over HTTP: the Authorization header, a timeout per attempt (body included), a
 * cap on the body size, classification of HTTP statuses, OData error bodies and network failures
 * into SuccessFactorsError, and retries of transient failures with backoff.
 *
 * - 401 → "auth" Unauthorized (with a token provider, the request is first repeated once with a
 *   freshly requested token); 403 → "auth" InsufficientRights.
 * - 429, 5xx, timeouts and connection failures → "transient", retried.
 * - 400 → "data" InvalidConfiguration (the query names something the tenant lacks), 404 →
 *   "data" InvalidConfiguration (wrong URL), redirects and other statuses → "data".
 * Reads and upserts are both idempotent, so every transient failure may be retried.
 *
 * Secrets never leave this module except in the Authorization header: requests are never
 * logged with headers, and server text copied into an error is redacted.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { SuccessFactorsError } from "../errors/successfactors-error.js";
import type { AuthHeader } from "./auth-header.js";
import { describeODataError, parseODataError } from "./odata-error-body.js";
import { backoffDelay, retryAfterMs, type RetryPolicy } from "@roster/engine";

/** pino-compatible subset; every method optional. */
export interface SuccessFactorsLogger {
  debug?(fields: Record<string, unknown>, message: string): void;
  warn?(fields: Record<string, unknown>, message: string): void;
}

export interface ODataTransportOptions {
  readonly auth: AuthHeader;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly maxResponseBytes: number;
  readonly logger?: SuccessFactorsLogger | undefined;
  readonly fetch?: typeof fetch | undefined;
  /** Uniform in [0, 1); jitter source. */
  readonly random?: (() => number) | undefined;
}

export interface ODataRequest {
  readonly method: "GET" | "POST";
  readonly url: string;
  readonly operation: string;
  readonly body?: string;
  readonly signal?: AbortSignal | undefined;
  /** Overrides the configured retries (Test Connection fails fast). */
  readonly retries?: number | undefined;
}

const CONNECT_FAILURES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
const SNIPPET_LENGTH = 120;

export class ODataTransport {
  private readonly fetchImpl: typeof fetch;
  private readonly random: () => number;

  constructor(private readonly options: ODataTransportOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.random = options.random ?? Math.random;
  }

  /** Scrubs every secret sent so far from `text`. */
  redact(text: string): string {
    return this.options.auth.redact(text);
  }

  /** Sends the request (with retries) and parses the JSON body of the successful answer. */
  async json(request: ODataRequest): Promise<unknown> {
    const { text, contentType } = await this.send(request);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      const looksHtml = /^\s*</.test(text);
      throw new SuccessFactorsError(
        "data",
        "UnprocessableEntity",
        `SuccessFactors answered ${request.operation} with a body that is not JSON (content type ${contentType || "none"}${looksHtml ? ", an HTML page: is the URL the OData API root?" : ""}): ${this.snippet(text)}`,
        { operation: request.operation },
      );
    }
  }

  /** Sends the request (with retries); resolves with a 2xx answer's body, or throws SuccessFactorsError. */
  async send(request: ODataRequest): Promise<{ text: string; contentType: string }> {
    const retries = request.retries ?? this.options.retry.retries;
    let refreshToken = false;
    let tokenRefreshed = false;
    for (let attempt = 0; ; ) {
      try {
        return await this.attempt(request, refreshToken);
      } catch (error) {
        if (!(error instanceof SuccessFactorsError)) throw error;
        if (error.details.httpStatus === 401 && this.options.auth.refreshable && !tokenRefreshed) {
          tokenRefreshed = true;
          refreshToken = true;
          this.options.logger?.warn?.(
            { operation: request.operation },
            `SuccessFactors refused the token for ${request.operation}; asking the token provider for a new one`,
          );
          continue;
        }
        if (error.kind !== "transient" || attempt >= retries || request.signal?.aborted) {
          if (attempt > 0) (error.details as Record<string, unknown>).attempts = attempt + 1;
          throw error;
        }
        const asked = error.details.retryAfterMs;
        const wait = Math.min(
          this.options.retry.maxDelayMs,
          Math.max(backoffDelay(attempt, this.options.retry, this.random), typeof asked === "number" ? asked : 0),
        );
        this.options.logger?.warn?.(
          { operation: request.operation, code: error.code, attempt: attempt + 1, retryInMs: wait },
          `SuccessFactors ${request.operation} failed (${error.message}); retrying`,
        );
        await sleep(wait, undefined, request.signal ? { signal: request.signal } : undefined);
        attempt++;
      }
    }
  }

  private async attempt(request: ODataRequest, refreshToken: boolean): Promise<{ text: string; contentType: string }> {
    const { operation } = request;
    const authorization = await this.options.auth.value(refreshToken, operation);
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
    const started = Date.now();
    try {
      this.options.logger?.debug?.({ operation, method: request.method }, `SuccessFactors ${operation}: sending`);
      const response = await this.fetchImpl(request.url, {
        method: request.method,
        headers: {
          accept: "application/json",
          authorization,
          ...(request.body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
        },
        ...(request.body === undefined ? {} : { body: request.body }),
        redirect: "manual",
        signal,
      });
      const text = await this.readBody(response, operation);
      this.options.logger?.debug?.(
        { operation, status: response.status, ms: Date.now() - started, bytes: text.length },
        `SuccessFactors ${operation}: answered`,
      );
      const contentType = response.headers.get("content-type") ?? "";
      this.check(response, text, operation);
      return { text, contentType };
    } catch (error) {
      if (error instanceof SuccessFactorsError) throw error;
      if (request.signal?.aborted) throw request.signal.reason ?? error;
      if (timeout.signal.aborted) {
        throw new SuccessFactorsError(
          "transient",
          "Timeout",
          `SuccessFactors did not answer ${operation} within ${this.options.timeoutMs} ms`,
          { operation },
        );
      }
      throw this.networkError(error, operation);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Reads the body as UTF-8 text, refusing more than maxResponseBytes. */
  private async readBody(response: Response, operation: string): Promise<string> {
    if (response.body === null) return "";
    const reader = response.body.getReader();
    const decoder = new TextDecoder("utf-8");
    const parts: string[] = [];
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > this.options.maxResponseBytes) {
        await reader.cancel().catch(() => undefined);
        throw new SuccessFactorsError(
          "data",
          "UnprocessableEntity",
          `SuccessFactors answered ${operation} with more than ${this.options.maxResponseBytes} bytes; lower customPageSize or raise maxResponseBytes`,
          { operation, httpStatus: response.status },
        );
      }
      parts.push(decoder.decode(value, { stream: true }));
    }
    parts.push(decoder.decode());
    return parts.join("");
  }

  private check(response: Response, text: string, operation: string): void {
    const status = response.status;
    if (status >= 200 && status < 300) return;
    const odata = parseODataError(text);
    const said = odata === undefined ? "" : `: ${this.redact(describeODataError(odata))}`;
    const details = { operation, httpStatus: status, ...(odata?.code === undefined ? {} : { odataCode: odata.code }) };
    if (status === 401) {
      throw new SuccessFactorsError(
        "auth",
        "Unauthorized",
        `SuccessFactors refused the credentials for ${operation} (HTTP 401)${said}. Check the API user (username@companyId) and its password or token, and that the user may access the OData API with this authentication method.`,
        details,
      );
    }
    if (status === 403) {
      throw new SuccessFactorsError(
        "auth",
        "InsufficientRights",
        `SuccessFactors denied ${operation} (HTTP 403)${said}. Grant the API user's role the Employee Central API permissions (read; edit for writeback) and access to the fields read.`,
        details,
      );
    }
    if (status === 429) {
      const wait = retryAfterMs(response.headers.get("retry-after"), Date.now());
      throw new SuccessFactorsError(
        "transient",
        "TooManyRequests",
        `SuccessFactors throttled ${operation} (HTTP 429)${said}`,
        { ...details, ...(wait === undefined ? {} : { retryAfterMs: wait }) },
      );
    }
    if (status >= 500) {
      const wait = retryAfterMs(response.headers.get("retry-after"), Date.now());
      const gateway = status === 502 || status === 503 || status === 504;
      throw new SuccessFactorsError(
        "transient",
        gateway ? "WebExceptionProtocolError" : "InternalServerError",
        `SuccessFactors answered ${operation} with HTTP ${status}${status === 503 ? " (unavailable, e.g. maintenance)" : ""}${said}`,
        { ...details, ...(wait === undefined ? {} : { retryAfterMs: wait }) },
      );
    }
    if (status >= 300 && status < 400) {
      throw new SuccessFactorsError(
        "data",
        "InvalidConfiguration",
        `SuccessFactors redirected ${operation} (HTTP ${status}); redirects are not followed, so credentials stay with the configured host. Check the host / baseUrl (the OData API server, e.g. api4.successfactors.com).`,
        details,
      );
    }
    if (status === 404) {
      throw new SuccessFactorsError(
        "data",
        "InvalidConfiguration",
        `SuccessFactors has no such resource for ${operation} (HTTP 404)${said}. Check the host / baseUrl (…/odata/v2/).`,
        details,
      );
    }
    if (status === 400) {
      throw new SuccessFactorsError(
        "data",
        "InvalidConfiguration",
        `SuccessFactors rejected ${operation} (HTTP 400)${said || `: ${this.snippet(text)}`}. A custom JSONPath or expansion may name a navigation or field this tenant does not have.`,
        details,
      );
    }
    throw new SuccessFactorsError(
      "data",
      "UnprocessableEntity",
      `SuccessFactors answered ${operation} with HTTP ${status}${said}`,
      details,
    );
  }

  private networkError(error: unknown, operation: string): SuccessFactorsError {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code ?? (error as { code?: string }).code;
    const reason = this.redact(cause?.message ?? (error instanceof Error ? error.message : String(error)));
    return new SuccessFactorsError(
      "transient",
      "WebExceptionProtocolError",
      `Could not reach SuccessFactors for ${operation}: ${reason}${code ? ` (${code})` : ""}`,
      { operation, ...(code === undefined ? {} : { networkCode: code, connectFailure: CONNECT_FAILURES.has(code) }) },
      { cause: error },
    );
  }

  private snippet(text: string): string {
    const flat = this.redact(text.replace(/\s+/g, " ").trim());
    return JSON.stringify(flat.length > SNIPPET_LENGTH ? `${flat.slice(0, SNIPPET_LENGTH)}…` : flat);
  }
}
