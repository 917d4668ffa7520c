/**
 * A small HTTP client for the coordinator's REST API (`/api/v1`) over the built-in fetch:
 * bearer token, JSON in and out, and the API's error body turned into an ApiError. The
 * token is only ever put in the Authorization header; no error message contains it.
 */
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { ApiErrorBody } from "./api-types.js";
import { ApiError, CoordinatorUnreachableError, UsageError } from "./cli-errors.js";

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpClientOptions {
  /** The coordinator's base URL, e.g. http://127.0.0.1:8080 (a path prefix is kept). */
  readonly baseUrl: string;
  readonly token?: string | undefined;
  readonly fetch?: FetchFunction;
  /** Per request; default 120 s (on-demand provisioning waits for the directory). */
  readonly timeoutMs?: number;
}

export type QueryValue = string | number | boolean | undefined;

export interface RequestOptions {
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const API_PREFIX = "/api/v1";

export class HttpClient {
  readonly #base: URL;
  readonly #displayUrl: string;
  readonly #token: string | undefined;
  readonly #fetch: FetchFunction;
  readonly #timeoutMs: number;

  constructor(options: HttpClientOptions) {
    this.#base = parseBaseUrl(options.baseUrl);
    this.#displayUrl = displayUrl(this.#base);
    this.#token = options.token === "" ? undefined : options.token;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** The base URL as it may be shown (credentials removed). */
  get url(): string {
    return this.#displayUrl;
  }

  async json<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.#send(method, path, options, "application/json");
    const text = await this.#readBody(response);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw unexpectedAnswer(response, `${method} ${path} answered with a body that is not JSON`);
    }
  }

  /** Streams a text answer (CSV exports can be large) into `output`, which stays open. */
  async streamText(method: string, path: string, output: Writable, options: RequestOptions = {}): Promise<void> {
    const response = await this.#send(method, path, options, "text/csv, text/plain, */*");
    if (response.body === null) return;
    try {
      await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), output, { end: false });
    } catch (error) {
      throw new CoordinatorUnreachableError(
        this.#displayUrl,
        `the connection broke while reading the answer (${connectionFailure(error, this.#timeoutMs)})`,
        { cause: error },
      );
    }
  }

  /** For answers without a body (204). */
  async empty(method: string, path: string, options: RequestOptions = {}): Promise<void> {
    const response = await this.#send(method, path, options, "application/json");
    await this.#readBody(response);
  }

  async #send(method: string, path: string, options: RequestOptions, accept: string): Promise<Response> {
    const url = this.#urlOf(path, options.query);
    const headers: Record<string, string> = { accept, ...options.headers };
    if (this.#token !== undefined) headers.authorization = `Bearer ${this.#token}`;
    const init: RequestInit = { method, headers, signal: AbortSignal.timeout(this.#timeoutMs), redirect: "manual" };
    if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      init.body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await this.#fetch(url, init);
    } catch (error) {
      throw new CoordinatorUnreachableError(this.#displayUrl, connectionFailure(error, this.#timeoutMs), {
        cause: error,
      });
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  async #readBody(response: Response): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      throw new CoordinatorUnreachableError(
        this.#displayUrl,
        `the connection broke while reading the answer (${connectionFailure(error, this.#timeoutMs)})`,
        { cause: error },
      );
    }
  }

  #urlOf(path: string, query: Readonly<Record<string, QueryValue>> | undefined): string {
    const url = new URL(this.#base);
    url.pathname = `${url.pathname.replace(/\/+$/, "")}${API_PREFIX}${path}`;
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.toString();
  }
}

function parseBaseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`the coordinator URL "${text}" (--url or ROSTER_URL) is not a valid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(
      `the coordinator URL "${displayUrl(url)}" (--url or ROSTER_URL) must start with http:// or https://`,
    );
  // fetch refuses such URLs, and the credentials would end up in messages: the token goes in --token.
  if (url.username !== "" || url.password !== "")
    throw new UsageError(
      `the coordinator URL "${displayUrl(url)}" (--url or ROSTER_URL) must not contain a user name or password; pass the token with --token or ROSTER_TOKEN`,
    );
  url.search = "";
  url.hash = "";
  return url;
}

function displayUrl(url: URL): string {
  const shown = new URL(url);
  shown.username = "";
  shown.password = "";
  return shown.toString().replace(/\/$/, "");
}

/** Why fetch failed, in a few words: the system error (code and message) when there is one. */
function connectionFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError"))
    return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    // Connecting to "localhost" tries several addresses: undici reports an AggregateError without a message.
    const message = cause.message !== "" ? cause.message : firstErrorMessage(cause);
    if (typeof code === "string" && !message.includes(code)) return message === "" ? code : `${code}: ${message}`;
    if (message !== "") return message;
  }
  return error instanceof Error ? error.message : String(error);
}

function firstErrorMessage(error: Error): string {
  const first: unknown = error instanceof AggregateError ? error.errors[0] : undefined;
  return first instanceof Error ? first.message : "";
}

async function errorFromResponse(response: Response): Promise<ApiError> {
  let text = "";
  try {
    text = await response.text();
  } catch {
    // The status alone still tells what happened.
  }
  const body = parseErrorBody(text);
  if (body !== null) return new ApiError(response.status, body);
  return unexpectedAnswer(
    response,
    `the coordinator answered HTTP ${response.status} ${response.statusText} without an error body`,
  );
}

function parseErrorBody(text: string): ApiErrorBody | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const { code, message, reason, recommendedAction, details } = parsed as Record<string, unknown>;
  if (typeof code !== "string" || typeof message !== "string") return null;
  return {
    code,
    message,
    ...(typeof reason === "string" ? { reason } : {}),
    ...(typeof recommendedAction === "string" ? { recommendedAction } : {}),
    ...(typeof details === "object" && details !== null ? { details: details as Record<string, unknown> } : {}),
  };
}

function unexpectedAnswer(response: Response, message: string): ApiError {
  return new ApiError(response.status, {
    code: "UnexpectedResponse",
    message,
    recommendedAction:
      "Check that --url (or ROSTER_URL) points at a Roster coordinator and not at another service or proxy.",
  });
}
