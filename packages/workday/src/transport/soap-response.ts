/**
 * Reads a SOAP 1.1 response: the Body's payload element, or a typed WorkdayError for a Fault.
 * Fault codes follow Workday's conventions: Client.authenticationError (credentials),
 * Client.validationError (bad reference ID, schema or business rule) and
 * Client.processingError ("The task submitted is not authorized.", a pending business process).
 */
import type { Element } from "@xmldom/xmldom";
import { WorkdayError } from "../errors/workday-error.js";
import { SOAP_ENV_NS, WD_NS } from "../xml/namespaces.js";
import { parseLightXml } from "../xml/light-tree-builder.js";
import { ELEMENT_NODE, firstLightChild, type LightElement } from "../xml/light-tree.js";
import { childElements, childText, firstChildElement, parseXml, XmlSyntaxError } from "../xml/xml-document.js";

export interface ResponseContext {
  readonly operation: string;
  readonly httpStatus: number;
  /** Removes secrets from any text taken from the response. */
  readonly redact: (text: string) => string;
}

const WORKER = { namespace: WD_NS, localName: "Worker" } as const;
const NOT_AUTHORIZED = /not authori[sz]ed|permission|security/i;

export function faultToError(fault: Element, context: ResponseContext): WorkdayError {
  // SOAP 1.1 faultcode/faultstring are unqualified; read them by local name only.
  const faultCode = context.redact(childText(fault, undefined, "faultcode") ?? "");
  const faultString = context.redact(childText(fault, undefined, "faultstring") ?? "");
  const validationErrors: { message: string; xpath?: string }[] = [];
  const detail = firstChildElement(fault, undefined, "detail");
  if (detail !== undefined) {
    for (const validationFault of childElements(detail, WD_NS, "Validation_Fault")) {
      for (const entry of childElements(validationFault, WD_NS, "Validation_Error")) {
        const message = childText(entry, WD_NS, "Detail_Message") || childText(entry, WD_NS, "Message") || "";
        const xpath = childText(entry, WD_NS, "Xpath");
        validationErrors.push(
          xpath ? { message: context.redact(message), xpath } : { message: context.redact(message) },
        );
      }
    }
  }
  const details = { operation: context.operation, httpStatus: context.httpStatus, faultCode, validationErrors };
  const prefix = `Workday rejected ${context.operation} (${faultCode || "SOAP fault"})`;
  const text = faultString || validationErrors.map((entry) => entry.message).join("; ") || "no fault string";
  const code = faultCode.toLowerCase();

  if (code.includes("authenticationerror")) {
    return new WorkdayError(
      "auth",
      "Unauthorized",
      `${prefix}: ${text}. Check the Workday username (user@tenant) and password.`,
      details,
    );
  }
  if (code.includes("processingerror") && NOT_AUTHORIZED.test(faultString)) {
    return new WorkdayError(
      "auth",
      "InsufficientRights",
      `${prefix}: ${text}. Grant the integration system user's security group the domain and business-process permissions.`,
      details,
    );
  }
  if (
    code.includes("validationerror") ||
    code.includes("processingerror") ||
    code.startsWith("client") ||
    code.includes(":client")
  ) {
    return new WorkdayError("data", "UnprocessableEntity", `${prefix}: ${text}`, details);
  }
  return new WorkdayError("transient", "InternalServerError", `${prefix}: ${text}`, details);
}

/** The Body's payload element (undefined for an empty Body); throws WorkdayError for faults. */
export function readSoapBody(text: string, context: ResponseContext): Element | undefined {
  let root: Element | null;
  try {
    root = parseXml(text).documentElement;
  } catch (error) {
    const reason = error instanceof XmlSyntaxError ? error.message : String(error);
    throw unreadable(context, `is not well-formed XML (${context.redact(reason).slice(0, 200)})`);
  }
  if (root === null || root.localName !== "Envelope" || root.namespaceURI !== SOAP_ENV_NS) {
    throw unreadable(context, "is not a SOAP 1.1 envelope");
  }
  const body = firstChildElement(root, SOAP_ENV_NS, "Body");
  if (body === undefined) throw unreadable(context, "has no SOAP Body");
  const payload = firstChildElement(body);
  if (payload !== undefined && payload.localName === "Fault" && payload.namespaceURI === SOAP_ENV_NS) {
    throw faultToError(payload, context);
  }
  return payload;
}

/**
 * readSoapBody for large responses (Get_Workers pages): parsed by saxes into the light tree
 * (xml/light-tree-builder.ts), several times faster than an xmldom document. A Fault is rare and small; it is read again by readSoapBody.
 */
export function readLightSoapBody(text: string, context: ResponseContext): LightElement | undefined {
  let root: LightElement;
  try {
    // Workers are built one at a time as they are extracted (xml/deferred-subtree.ts).
    root = parseLightXml(text, { defer: WORKER });
  } catch (error) {
    const reason = error instanceof XmlSyntaxError ? error.message : String(error);
    throw unreadable(context, `is not well-formed XML (${context.redact(reason).slice(0, 200)})`);
  }
  if (root.localName !== "Envelope" || root.namespace !== SOAP_ENV_NS) {
    throw unreadable(context, "is not a SOAP 1.1 envelope");
  }
  const body = firstLightChild(root, SOAP_ENV_NS, "Body");
  if (body === undefined) throw unreadable(context, "has no SOAP Body");
  let payload: LightElement | undefined;
  for (const child of body.children) {
    if (child.kind === ELEMENT_NODE) {
      payload = child;
      break;
    }
  }
  if (payload !== undefined && payload.localName === "Fault" && payload.namespace === SOAP_ENV_NS) {
    readSoapBody(text, context);
  }
  return payload;
}

function unreadable(context: ResponseContext, problem: string): WorkdayError {
  // A broken answer with a server-error status is the server's trouble (e.g. a proxy error page).
  const kind = context.httpStatus >= 500 ? "transient" : "data";
  return new WorkdayError(
    kind,
    kind === "transient" ? "WebExceptionProtocolError" : "SystemForCrossDomainIdentityManagementServiceIncompatible",
    `The response to ${context.operation} (HTTP ${context.httpStatus}) ${problem}. Check that the endpoint URL is a Workday Human_Resources service URL.`,
    { operation: context.operation, httpStatus: context.httpStatus },
  );
}
