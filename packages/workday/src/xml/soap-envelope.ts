/**
 * Builds outgoing SOAP 1.1 messages with fast-xml-parser's XMLBuilder: payloads are plain
 * objects (keys in XSD order, "@_" attributes, "#text" text) and the library escapes every value.
 * Every request carries the WS-Security UsernameToken header with a PasswordText password.
 */
import { XMLBuilder } from "fast-xml-parser";
import { SOAP_ENV_NS, WD_NS, WSSE_NS, WSSE_PASSWORD_TEXT } from "./namespaces.js";

/** An element's content as XMLBuilder takes it. */
export type XmlNode = string | number | XmlElement | readonly XmlNode[];
export interface XmlElement {
  readonly [key: string]: XmlNode | undefined;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  suppressEmptyNode: false,
  processEntities: true,
});

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** An `ID` element with its `wd:type` attribute. */
export const wdId = (type: string, value: string): XmlElement => ({ "@_wd:type": type, "#text": value });

/** The root of a Workday payload: `wd:` prefix bound on the element, version attribute set. */
export function workdayPayload(rootName: string, version: string, content: XmlElement): XmlElement {
  return { [`wd:${rootName}`]: { "@_xmlns:wd": WD_NS, "@_wd:version": version, ...content } };
}

/** Serialises a full envelope; the payload element is the only child of the Body. */
export function buildSoapEnvelope(credentials: Credentials, payload: XmlElement): string {
  const envelope: XmlElement = {
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    "env:Envelope": {
      "@_xmlns:env": SOAP_ENV_NS,
      "env:Header": {
        "wsse:Security": {
          "@_xmlns:wsse": WSSE_NS,
          "@_env:mustUnderstand": "1",
          "wsse:UsernameToken": {
            "wsse:Username": credentials.username,
            "wsse:Password": { "@_Type": WSSE_PASSWORD_TEXT, "#text": credentials.password },
          },
        },
      },
      "env:Body": payload,
    },
  };
  return builder.build(envelope) as string;
}
