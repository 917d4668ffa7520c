/**
 * A minimal SuccessFactors OData v2 endpoint on loopback for the connector's tests (the full
 * simulator is a separate app). It serves:
 * - `GET /odata/v2/PerPerson`: the configured persons, paged by `customPageSize` with an opaque
 *   `$skiptoken` and an absolute `d.__next`; a `$filter` naming one personIdExternal
 *   (`in '…'` or `eq '…'`) returns that person, or its `asOf` variant when `asOfDate` is given;
 *   `$top` limits the page. `$expand` and the rest of `$filter` are recorded, not interpreted.
 * - `POST /odata/v2/upsert`: one `OK` result per row, or what `upsert` returns.
 * Every request is recorded. Basic and/or Bearer credentials are checked when configured (401
 * with an OData error body otherwise), and `failNext` queues fault replies (status, body,
 * headers, or a hang until the client gives up).
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly rawQuery: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type FakeReply = (
  | { readonly status: number; readonly body?: unknown; readonly headers?: Readonly<Record<string, string>> }
  | { readonly hang: true }
) & {
  /** Applies to the first request this accepts (default: the next request). */
  readonly when?: (request: RecordedRequest) => boolean;
};

export interface UpsertRowAnswer {
  readonly status: "OK" | "ERROR" | string;
  readonly message?: string | null;
  readonly httpCode?: number;
}

export interface FakeSuccessFactorsOptions {
  readonly credentials?: {
    readonly basic?: { readonly username: string; readonly password: string };
    readonly bearerTokens?: readonly string[];
  };
  readonly persons?: readonly unknown[];
  /** personIdExternal → asOfDate (YYYY-MM-DD) → the person as of that day. */
  readonly asOf?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Answers per upsert row; default: every row OK. */
  readonly upsert?: (row: Record<string, unknown>, index: number) => UpsertRowAnswer;
  /** Largest page the server hands out, like SuccessFactors' 1,000. */
  readonly maxPageSize?: number;
}

export interface FakeSuccessFactorsServer {
  /** OData root, e.g. `http://127.0.0.1:40123/odata/v2/`. */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  persons: unknown[];
  /** The next (matching) requests get these replies, in order, before any normal handling. */
  failNext(...replies: FakeReply[]): void;
  close(): Promise<void>;
}

const ODATA_ROOT = "/odata/v2/";
const SINGLE_PERSON = /personIdExternal (?:in|eq) '((?:[^']|'')*)'/;

function odataError(code: string, message: string) {
  return { error: { code, message: { lang: "en-US", value: message } } };
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const contentType = typeof body === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8";
  response.writeHead(status, { "content-type": contentType, ...headers });
  response.end(text);
}

function authorized(headers: IncomingHttpHeaders, options: FakeSuccessFactorsOptions): boolean {
  const credentials = options.credentials;
  if (credentials === undefined) return true;
  const header = headers.authorization ?? "";
  if (credentials.basic !== undefined && header.startsWith("Basic ")) {
    const expected = Buffer.from(`${credentials.basic.username}:${credentials.basic.password}`).toString("base64");
    if (header.slice(6) === expected) return true;
  }
  if (credentials.bearerTokens !== undefined && header.startsWith("Bearer ")) {
    return credentials.bearerTokens.includes(header.slice(7));
  }
  return false;
}

export async function startFakeSuccessFactors(
  options: FakeSuccessFactorsOptions = {},
): Promise<FakeSuccessFactorsServer> {
  const requests: RecordedRequest[] = [];
  const faults: FakeReply[] = [];
  const hanging = new Set<ServerResponse>();
  const maxPageSize = options.maxPageSize ?? 1000;
  let origin = "";

  const state = {
    baseUrl: "",
    requests,
    persons: [...(options.persons ?? [])],
    failNext(...replies: FakeReply[]) {
      faults.push(...replies);
    },
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  function personCollection(query: URLSearchParams, path: string, rawQuery: string, response: ServerResponse): void {
    const filter = query.get("$filter") ?? "";
    const single = SINGLE_PERSON.exec(filter);
    if (single !== null) {
      const id = single[1]!.replaceAll("''", "'");
      const day = query.get("asOfDate");
      const asOfVariant = day === null ? undefined : options.asOf?.[id]?.[day];
      const person =
        asOfVariant ??
        (day !== null && options.asOf?.[id] !== undefined
          ? undefined
          : state.persons.find((candidate) => (candidate as { personIdExternal?: unknown }).personIdExternal === id));
      send(response, 200, { d: { results: person === undefined ? [] : [person] } });
      return;
    }
    const top = query.get("$top");
    const size = Math.min(maxPageSize, Number(top ?? query.get("customPageSize") ?? maxPageSize));
    const token = query.get("$skiptoken");
    const start =
      token === null ? 0 : (JSON.parse(Buffer.from(token, "base64").toString("utf8")) as { startRow: number }).startRow;
    const end = start + size;
    const results = state.persons.slice(start, end);
    const d: Record<string, unknown> = { results };
    if (top === null && end < state.persons.length) {
      const nextQuery = rawQuery.split("&").filter((part) => !part.startsWith("$skiptoken=") && part !== "");
      const skiptoken = Buffer.from(JSON.stringify({ startRow: end, endRow: end + size })).toString("base64");
      d.__next = `${origin}${path}?${[...nextQuery, `$skiptoken=${encodeURIComponent(skiptoken)}`].join("&")}`;
    }
    send(response, 200, { d });
  }

  function upsert(body: string, response: ServerResponse): void {
    let rows: unknown;
    try {
      rows = JSON.parse(body);
    } catch {
      send(response, 400, odataError("COE_GENERAL_BAD_REQUEST", "Request body is not JSON"));
      return;
    }
    const list = (Array.isArray(rows) ? rows : [rows]) as Record<string, unknown>[];
    const results = list.map((row, index) => {
      const answer = options.upsert?.(row, index) ?? { status: "OK" };
      const uri = (row.__metadata as { uri?: string } | undefined)?.uri ?? "";
      return {
        key: uri,
        status: answer.status,
        editStatus: answer.status === "OK" ? "UPSERTED" : null,
        message: answer.message ?? null,
        index,
        httpCode: answer.httpCode ?? (answer.status === "OK" ? 200 : 500),
        inlineResults: null,
      };
    });
    send(response, 200, { d: results });
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", origin);
      const rawQuery = (request.url ?? "").includes("?")
        ? (request.url ?? "").slice((request.url ?? "").indexOf("?") + 1)
        : "";
      const body = Buffer.concat(chunks).toString("utf8");
      const recorded = {
        method: request.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        rawQuery,
        headers: request.headers,
        body,
      };
      requests.push(recorded);

      const faultIndex = faults.findIndex((candidate) => candidate.when === undefined || candidate.when(recorded));
      const fault = faultIndex < 0 ? undefined : faults.splice(faultIndex, 1)[0];
      if (fault !== undefined) {
        if ("hang" in fault) {
          hanging.add(response);
          response.on("close", () => hanging.delete(response));
          return;
        }
        send(response, fault.status, fault.body ?? "", { ...fault.headers });
        return;
      }
      if (!authorized(request.headers, options)) {
        send(response, 401, odataError("COE_AUTHENTICATION_FAILED", "Authentication failed"));
        return;
      }
      const resource = url.pathname.startsWith(ODATA_ROOT) ? url.pathname.slice(ODATA_ROOT.length) : "";
      if (request.method === "GET" && resource === "PerPerson") {
        personCollection(url.searchParams, url.pathname, rawQuery, response);
      } else if (request.method === "GET" && resource === "PerPerson/$count") {
        send(response, 200, String(state.persons.length));
      } else if (request.method === "POST" && resource === "upsert") {
        upsert(body, response);
      } else {
        send(response, 404, odataError("COE_RESOURCE_NOT_FOUND", `No resource ${url.pathname}`));
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  state.baseUrl = `${origin}${ODATA_ROOT}`;
  return state;
}
