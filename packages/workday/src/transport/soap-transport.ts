/**
 * One SOAP call over HTTP: envelope with WS-Security, timeout per attempt (body included),
 * classification of HTTP errors, faults and network failures into WorkdayError, and retries of
 * transient failures with backoff. Reads are retried on any transient failure; writes only when
 * Workday cannot have processed them (connection refused, 429, 503), so a write is never applied
 * twice because an answer was slow.
 *
 * The password leaves this module only inside the request body: it is never logged, and any text
 * copied from a response into an error is scrubbed of it.
 */
import { setTimeout as delay } from "node:timers/promises";
import type { Element } from "@xmldom/xmldom";
import { WorkdayError } from "../errors/workday-error.js";
import { buildSoapEnvelope, type Credentials, type XmlElement } from "../xml/soap-envelope.js";
import { backoffDelay, type RetryPolicy } from "@roster/engine";
import { readSoapBody, type ResponseContext } from "./soap-response.js";

/** pino-compatible subset; every method optional. */
export interface WorkdayLogger {
  debug?(fields: Record<string, unknown>, message: string): void;
  warn?(fields: Record<string, unknown>, message: string): void;
}

export interface SoapTransportOptions {
  readonly credentials: Credentials;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly logger?: WorkdayLogger | undefined;
  readonly fetch?: typeof fetch | undefined;
  /** Uniform in [0, 1); jitter source. */
  readonly random?: (() => number) | undefined;
}

/** Reads a 2xx response's text: the Body's payload, or a thrown (rejected) WorkdayError. */
export type BodyReader<T> = (text: string, context: ResponseContext) => T | Promise<T>;

/**
 * Reads a 2xx response's undecoded bytes (UTF-8): lets a large answer go to another thread
 * without becoming a string here first.
 */
export interface BytesReader<T> {
  readonly bytes: (body: Uint8Array, context: ResponseContext) => T | Promise<T>;
}

const UTF8 = new TextDecoder();

export interface CallOptions {
  /** Safe to send twice (reads). Writes are retried only when surely not processed. */
  readonly idempotent: boolean;
  readonly signal?: AbortSignal | undefined;
  /** Overrides the configured retries (Test Connection fails fast). */
  readonly retries?: number | undefined;
}

const CONNECT_FAILURES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);
/** `text` with every occurrence of `secret` replaced by *** (secrets shorter than 4 are left: they would scrub noise). */
export function scrubSecret(text: string, secret: string): string {
  return secret.length >= 4 ? text.split(secret).join("***") : text;
}

/** Marks failures where the request never reached Workday's application. */
const NOT_PROCESSED = "requestNotProcessed";

export class SoapTransport {
  private readonly fetchImpl: typeof fetch;
  private readonly random: () => number;

  constructor(private readonly options: SoapTransportOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.random = options.random ?? Math.random;
  }

  /** Scrubs the password from text that might echo the request. */
  readonly redact = (text: string): string => scrubSecret(text, this.options.credentials.password);

  /** Sends `payload` to `url`; resolves with the response payload element (undefined: empty Body). */
  call(url: string, operation: string, payload: XmlElement, callOptions: CallOptions): Promise<Element | undefined> {
    return this.callWith(url, operation, payload, callOptions, readSoapBody);
  }

  /**
   * call() with the successful response read by `readBody` (e.g. into the light tree); error
   * statuses and faults are reported as call() reports them.
   */
  async callWith<T>(
    url: string,
    operation: string,
    payload: XmlElement,
    callOptions: CallOptions,
    readBody: BodyReader<T> | BytesReader<T>,
  ): Promise<T> {
    const body = buildSoapEnvelope(this.options.credentials, payload);
    const retries = callOptions.retries ?? this.options.retry.retries;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(url, operation, body, callOptions.signal, readBody);
      } catch (error) {
        if (!(error instanceof WorkdayError)) throw error;
        const retryable = callOptions.idempotent ? error.kind === "transient" : error.details[NOT_PROCESSED] === true;
        if (!retryable || attempt >= retries || callOptions.signal?.aborted) {
          if (attempt > 0) (error.details as Record<string, unknown>).attempts = attempt + 1;
          throw error;
        }
        const wait = backoffDelay(attempt, this.options.retry, this.random);
        this.options.logger?.warn?.(
          { operation, code: error.code, kind: error.kind, attempt: attempt + 1, retryInMs: wait },
          `Workday ${operation} failed (${error.message}); retrying`,
        );
        await delay(wait, undefined, callOptions.signal ? { signal: callOptions.signal } : undefined);
      }
    }
  }

  private async attempt<T>(
    url: string,
    operation: string,
    body: string,
    signal: AbortSignal | undefined,
    readBody: BodyReader<T> | BytesReader<T>,
  ): Promise<T> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.options.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
    const started = Date.now();
    try {
      this.options.logger?.debug?.({ operation, url }, `Workday ${operation}: sending`);
      const response = await this.fetchImpl(url, {
        method: "POST",
        headers: { "content-type": "text/xml; charset=utf-8", accept: "text/xml" },
        body,
        signal: combined,
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      this.options.logger?.debug?.(
        { operation, status: response.status, ms: Date.now() - started },
        `Workday ${operation}: answered`,
      );
      if (typeof readBody !== "function" && response.status >= 200 && response.status < 300) {
        return await readBody.bytes(bytes, { operation, httpStatus: response.status, redact: this.redact });
      }
      const text = UTF8.decode(bytes);
      return await this.interpret(response.status, text, operation, typeof readBody === "function" ? readBody : (decoded, context) => readBody.bytes(new TextEncoder().encode(decoded), context));
    } catch (error) {
      if (error instanceof WorkdayError) throw error;
      if (signal?.aborted) throw signal.reason ?? error;
      if (timeout.signal.aborted) {
        throw new WorkdayError(
          "transient",
          "Timeout",
          `Workday did not answer ${operation} within ${this.options.timeoutMs} ms`,
          { operation },
        );
      }
      throw this.networkError(error, operation);
    } finally {
      clearTimeout(timer);
    }
  }

  private interpret<T>(status: number, text: string, operation: string, readBody: BodyReader<T>): T | Promise<T> {
    const context = { operation, httpStatus: status, redact: this.redact };
    const looksLikeSoap = text.includes("Envelope");
    if (status === 401 || status === 403) {
      if (looksLikeSoap) readSoapBody(text, context); // a fault says more than the status
      throw new WorkdayError(
        "auth",
        "Unauthorized",
        `Workday refused ${operation} with HTTP ${status}. Check the username (user@tenant), password and the ISU's permissions.`,
        {
          operation,
          httpStatus: status,
        },
      );
    }
    if (status === 429 || status === 503) {
      throw new WorkdayError(
        "transient",
        status === 429 ? "TooManyRequests" : "WebExceptionProtocolError",
        `Workday answered ${operation} with HTTP ${status}${status === 503 ? " (unavailable, e.g. a maintenance window)" : " (throttled)"}`,
        { operation, httpStatus: status, [NOT_PROCESSED]: true },
      );
    }
    if (status >= 500) {
      if (looksLikeSoap) readSoapBody(text, context); // throws the fault's own error when there is one
      throw new WorkdayError(
        "transient",
        "WebExceptionProtocolError",
        `Workday answered ${operation} with HTTP ${status}`,
        { operation, httpStatus: status },
      );
    }
    if (status === 404) {
      throw new WorkdayError(
        "data",
        "InvalidConfiguration",
        `Workday has no service at the configured URL (HTTP 404 for ${operation}). Check the tenant name and the endpoint URL.`,
        {
          operation,
          httpStatus: status,
        },
      );
    }
    if (status >= 400 || status < 200) {
      if (looksLikeSoap) readSoapBody(text, context);
      throw new WorkdayError("data", "UnprocessableEntity", `Workday answered ${operation} with HTTP ${status}`, {
        operation,
        httpStatus: status,
      });
    }
    return readBody(text, context);
  }

  private networkError(error: unknown, operation: string): WorkdayError {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code ?? (error as { code?: string }).code;
    const reason = this.redact(cause?.message ?? (error instanceof Error ? error.message : String(error)));
    return new WorkdayError(
      "transient",
      "WebExceptionProtocolError",
      `Could not reach Workday for ${operation}: ${reason}${code ? ` (${code})` : ""}`,
      { operation, ...(code && CONNECT_FAILURES.has(code) ? { [NOT_PROCESSED]: true } : {}) },
      { cause: error },
    );
  }
}
