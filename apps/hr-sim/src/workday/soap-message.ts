/**
 * Reads incoming SOAP 1.1 requests and writes responses and faults. Requests are parsed with
 * namespace prefixes removed, so any prefix (wd:, bsvc:, p1:, a default namespace) works; the
 * builder is created once and reused for every response.
 */
import { XMLBuilder, XMLParser } from "fast-xml-parser";

export const WD_NS = "urn:com.workday/bsvc";
export const SOAP_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/";

/** Elements that may repeat in the requests the simulator reads. */
const REPEATING = new Set([
  "Worker_Reference",
  "ID",
  "Transaction_Type_Reference",
  "Transaction_Log_Criteria_Data",
  "Phone_Information_Data",
  "Email_Information_Data",
  "Email_Address_Data",
  "Phone_Data",
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name, _path, _isLeafNode, isAttribute) => !isAttribute && REPEATING.has(name),
});

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  suppressEmptyNode: false,
  processEntities: true,
});

export type XmlObject = { readonly [key: string]: unknown };

export interface SoapRequest {
  readonly username: string | undefined;
  readonly password: string | undefined;
  /** Local name of the Body's payload element. */
  readonly operation: string;
  readonly payload: XmlObject;
}

export class SoapClientError extends Error {}

export function parseSoapRequest(text: string): SoapRequest {
  let document: XmlObject;
  try {
    document = parser.parse(text, true) as XmlObject;
  } catch (error) {
    throw new SoapClientError(`The request is not well-formed XML: ${(error as Error).message}`);
  }
  const envelope = objectAt(document, "Envelope");
  if (envelope === undefined) throw new SoapClientError("The request has no SOAP Envelope.");
  const body = objectAt(envelope, "Body");
  if (body === undefined) throw new SoapClientError("The SOAP Envelope has no Body.");
  const operations = Object.keys(body).filter((key) => !key.startsWith("@_") && key !== "#text");
  if (operations.length !== 1) throw new SoapClientError("The SOAP Body must hold exactly one operation element.");
  const operation = operations[0]!;
  const token = objectAt(objectAt(objectAt(envelope, "Header"), "Security"), "UsernameToken");
  return {
    username: textOf(token?.["Username"]),
    password: textOf(token?.["Password"]),
    operation,
    payload: (objectAt(body, operation) ?? {}) as XmlObject,
  };
}

/** A child element as an object (an empty element parses as ""). */
export function objectAt(parent: XmlObject | undefined, name: string): XmlObject | undefined {
  const value = parent?.[name];
  if (Array.isArray(value)) return value[0] as XmlObject;
  if (typeof value === "object" && value !== null) return value as XmlObject;
  if (value === "") return {};
  return undefined;
}

export function listAt(parent: XmlObject | undefined, name: string): XmlObject[] {
  const value = parent?.[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => (typeof item === "object" && item !== null ? (item as XmlObject) : { "#text": String(item) }));
}

/** Text content of an element (plain or with attributes). */
export function textOf(value: unknown): string | undefined {
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "object" && value !== null) {
    const text = (value as XmlObject)["#text"];
    return text === undefined ? "" : String(text);
  }
  return undefined;
}

export function childText(parent: XmlObject | undefined, name: string): string | undefined {
  return textOf(parent?.[name]);
}

/** XSD booleans: "1"/"true" are true. */
export function isTrue(value: string | undefined): boolean {
  return value === "1" || value === "true";
}

export function attributeOf(element: XmlObject | undefined, name: string): string | undefined {
  const value = element?.[`@_${name}`];
  return value === undefined ? undefined : String(value);
}

/** A response envelope around one payload element (or an empty Body). */
export function soapResponse(payload: XmlObject | undefined): string {
  return builder.build({
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    "env:Envelope": { "@_xmlns:env": SOAP_ENV_NS, "env:Body": payload ?? "" },
  }) as string;
}

export type FaultKind = "authenticationError" | "validationError" | "processingError";

export interface ValidationErrorEntry {
  readonly message: string;
  readonly xpath?: string;
}

/** A SOAP 1.1 Fault in Workday's shape (HTTP 500). */
export function soapFault(kind: FaultKind, message: string, validation: readonly ValidationErrorEntry[] = []): string {
  const fault: Record<string, unknown> = {
    "@_xmlns:wd": WD_NS,
    faultcode: `SOAP-ENV:Client.${kind}`,
    faultstring: message,
  };
  if (validation.length > 0) {
    fault["detail"] = {
      "wd:Validation_Fault": {
        "wd:Validation_Error": validation.map((entry) => ({
          "wd:Message": entry.message,
          "wd:Detail_Message": entry.message,
          ...(entry.xpath === undefined ? {} : { "wd:Xpath": entry.xpath }),
        })),
      },
    };
  }
  return builder.build({
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    "SOAP-ENV:Envelope": { "@_xmlns:SOAP-ENV": SOAP_ENV_NS, "SOAP-ENV:Body": { "SOAP-ENV:Fault": fault } },
  }) as string;
}

/** A fault raised by an operation handler, turned into HTTP 500 + SOAP Fault by the route. */
export class SoapFaultError extends Error {
  constructor(
    readonly kind: FaultKind,
    message: string,
    readonly validation: readonly ValidationErrorEntry[] = [],
  ) {
    super(message);
  }
}
