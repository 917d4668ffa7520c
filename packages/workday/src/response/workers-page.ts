/**
 * One Get_Workers_Response page: its paging counters (Response_Results) and the Worker elements
 * of Response_Data, still attached to the parsed document.
 */
import type { Element } from "@xmldom/xmldom";
import { WorkdayError } from "../errors/workday-error.js";
import { WD_NS } from "../xml/namespaces.js";
import { childElements, childText, firstChildElement } from "../xml/xml-document.js";

export interface WorkersPage {
  /** Page number Workday reports (falls back to the one requested). */
  readonly page: number;
  /** Undefined when Workday sent no Response_Results. */
  readonly totalPages: number | undefined;
  readonly totalResults: number | undefined;
  readonly workers: readonly Element[];
}

function count(parent: Element | undefined, name: string): number | undefined {
  if (parent === undefined) return undefined;
  const text = childText(parent, WD_NS, name);
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? Math.trunc(value) : undefined;
}

export function readWorkersPage(payload: Element | undefined, operation: string, requestedPage: number): WorkersPage {
  if (payload === undefined || payload.localName !== "Get_Workers_Response" || payload.namespaceURI !== WD_NS) {
    throw new WorkdayError(
      "data",
      "SystemForCrossDomainIdentityManagementServiceIncompatible",
      `The response to ${operation} is not a Get_Workers_Response (got ${payload ? `<${payload.localName}>` : "an empty body"})`,
      { operation },
    );
  }
  const results = firstChildElement(payload, WD_NS, "Response_Results");
  const data = firstChildElement(payload, WD_NS, "Response_Data");
  return {
    page: count(results, "Page") ?? requestedPage,
    totalPages: count(results, "Total_Pages"),
    totalResults: count(results, "Total_Results"),
    workers: data === undefined ? [] : [...childElements(data, WD_NS, "Worker")],
  };
}
