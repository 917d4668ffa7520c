/**
 * A minimal Workday stand-in on loopback for the connector's tests: it records every request
 * (body parsed, fields readable by XPath) and answers with whatever the test's responder returns.
 * The hr-sim app replaces it for end-to-end tests.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { DOMParser, type Document, type Element } from "@xmldom/xmldom";
import { XMLBuilder } from "fast-xml-parser";
import * as xpath from "xpath";
import { SOAP_ENV_NS, WD_NS, WSSE_NS } from "../xml/namespaces.js";
import { getWorkersResponseXml, type ExampleShape } from "./example-workers.js";

export const TENANT_PATH = "/ccx/service/contoso4/Human_Resources";

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly document: Document;
  /** Local name of the Body's payload element, e.g. "Get_Workers_Request". */
  readonly operation: string;
}

export interface FakeReply {
  readonly status?: number;
  readonly body?: string;
  /** Wait before answering (timeouts). */
  readonly delayMs?: number;
}

export type Responder = (request: RecordedRequest, index: number) => FakeReply | Promise<FakeReply>;

export interface FakeWorkday {
  /** Endpoint URL ending in /Human_Resources, optionally with /vNN.N. */
  endpoint(version?: string): string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

const NAMESPACES = { wd: WD_NS, env: SOAP_ENV_NS, wsse: WSSE_NS };

/** Text values an XPath selects in a recorded request (namespaces wd, env, wsse). */
export function requestValues(request: RecordedRequest, expression: string): string[] {
  const nodes = (
    xpath as unknown as {
      parse(e: string): { select(o: object): { nodeValue: string | null; textContent: string | null }[] };
    }
  )
    .parse(expression)
    .select({ node: request.document, namespaces: NAMESPACES, isHtml: false });
  return nodes.map((node) => node.textContent ?? node.nodeValue ?? "");
}

export function requestValue(request: RecordedRequest, expression: string): string | undefined {
  return requestValues(request, expression)[0];
}

export async function startFakeWorkday(responder: Responder): Promise<FakeWorkday> {
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const document = new DOMParser().parseFromString(body, "text/xml");
        const payload = (xpath as unknown as { parse(e: string): { select1(o: object): Element | undefined } })
          .parse("/env:Envelope/env:Body/*")
          .select1({ node: document, namespaces: NAMESPACES, isHtml: false });
        const request: RecordedRequest = {
          method: incoming.method ?? "",
          path: incoming.url ?? "",
          headers: incoming.headers,
          body,
          document,
          operation: payload?.localName ?? "",
        };
        requests.push(request);
        let reply: FakeReply;
        try {
          reply = await responder(request, requests.length - 1);
        } catch (error) {
          reply = { status: 599, body: String(error) };
        }
        if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
        if (outgoing.destroyed) return;
        outgoing.writeHead(reply.status ?? 200, { "content-type": "text/xml; charset=utf-8" });
        outgoing.end(reply.body ?? "");
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: (version) => `http://127.0.0.1:${port}${TENANT_PATH}${version ? `/${version}` : ""}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: "@_" });

/** A SOAP envelope whose Body holds `payload` (an XMLBuilder object), or nothing. */
export function soapEnvelopeXml(payload?: Record<string, unknown>): string {
  return builder.build({
    "SOAP-ENV:Envelope": { "@_xmlns:SOAP-ENV": SOAP_ENV_NS, "SOAP-ENV:Body": payload ?? "" },
  }) as string;
}

/** A SOAP 1.1 fault as Workday sends it (HTTP 500). */
export function soapFaultXml(
  faultCode: string,
  faultString: string,
  validationErrors: readonly { message: string; xpath?: string }[] = [],
): string {
  const fault: Record<string, unknown> = {
    "@_xmlns:wd": WD_NS,
    faultcode: faultCode,
    faultstring: faultString,
  };
  if (validationErrors.length > 0) {
    fault.detail = {
      "wd:Validation_Fault": {
        "wd:Validation_Error": validationErrors.map((entry) => ({
          "wd:Message": entry.message,
          "wd:Detail_Message": entry.message,
          ...(entry.xpath ? { "wd:Xpath": entry.xpath } : {}),
        })),
      },
    };
  }
  return soapEnvelopeXml({ "SOAP-ENV:Fault": fault });
}

/**
 * Answers Get_Workers requests from a fixed worker list, paged by the request's Page and Count
 * (Count defaults to 100, Page to 1), in the given response shape.
 */
export function pagedWorkersReply(
  request: RecordedRequest,
  workers: readonly Element[],
  shape: ExampleShape = "v21.1",
): FakeReply {
  const count = Number(requestValue(request, "//wd:Response_Filter/wd:Count") ?? "100");
  const page = Number(requestValue(request, "//wd:Response_Filter/wd:Page") ?? "1");
  const totalPages = Math.max(1, Math.ceil(workers.length / count));
  const slice = workers.slice((page - 1) * count, page * count);
  return { body: getWorkersResponseXml(slice, { page, totalPages, totalResults: workers.length }, shape) };
}
