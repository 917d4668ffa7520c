/**
 * One Get_Workers_Response page: its paging counters (Response_Results) and the Worker elements
 * of Response_Data, as light-tree elements (xml/light-tree.ts).
 */
import { WorkdayError } from "../errors/workday-error.js";
import { firstLightChild, lightChildElements, lightStringValue, type LightElement } from "../xml/light-tree.js";
import { WD_NS } from "../xml/namespaces.js";

export interface WorkersPage {
  /** Page number Workday reports (falls back to the one requested). */
  readonly page: number;
  /** Undefined when Workday sent no Response_Results. */
  readonly totalPages: number | undefined;
  readonly totalResults: number | undefined;
  readonly workers: readonly LightElement[];
}

function count(parent: LightElement | undefined, name: string): number | undefined {
  if (parent === undefined) return undefined;
  const element = firstLightChild(parent, WD_NS, name);
  const text = element === undefined ? "" : lightStringValue(element).trim();
  if (text === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? Math.trunc(value) : undefined;
}

export function readWorkersPage(
  payload: LightElement | undefined,
  operation: string,
  requestedPage: number,
): WorkersPage {
  if (payload === undefined || payload.localName !== "Get_Workers_Response" || payload.namespace !== WD_NS) {
    throw new WorkdayError(
      "data",
      "SystemForCrossDomainIdentityManagementServiceIncompatible",
      `The response to ${operation} is not a Get_Workers_Response (got ${payload ? `<${payload.localName}>` : "an empty body"})`,
      { operation },
    );
  }
  const results = firstLightChild(payload, WD_NS, "Response_Results");
  const data = firstLightChild(payload, WD_NS, "Response_Data");
  return {
    page: count(results, "Page") ?? requestedPage,
    totalPages: count(results, "Total_Pages"),
    totalResults: count(results, "Total_Results"),
    workers: data === undefined ? [] : [...lightChildElements(data, WD_NS, "Worker")],
  };
}
