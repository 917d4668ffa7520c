/**
 * Get_Workers_Request payloads for the query set the connector sends (all elements in schema
 * order): the full import by transaction type, the two incremental windows, lookups by reference
 * (single worker, future hire) and the zero-length Test Connection window.
 */
import type { XmlElement, XmlNode } from "../xml/soap-envelope.js";
import { wdId, workdayPayload } from "../xml/soap-envelope.js";
import { RESPONSE_GROUP_FLAGS, type ResponseGroup } from "./response-group.js";
import type { AsOfMoments } from "./workday-dates.js";

export type WorkerReferenceType = "WID" | "Employee_ID" | "Contingent_Worker_ID";

export interface WorkerReference {
  readonly type: WorkerReferenceType;
  readonly id: string;
}

export interface TransactionLogCriteria {
  /** xs:dateTime bounds of the entry-moment window. */
  readonly updatedFrom?: string;
  readonly updatedThrough?: string;
  /** xs:dateTime bounds of the effective-moment window. */
  readonly effectiveFrom?: string;
  readonly effectiveThrough?: string;
  /** Business_Process_Type IDs, e.g. "Hire Employee". */
  readonly transactionTypes?: readonly string[];
}

export interface GetWorkersQuery {
  readonly version: string;
  /** Explicit workers; an alternative to `criteria`. */
  readonly references?: readonly WorkerReference[];
  readonly criteria?: {
    readonly transactionLog?: TransactionLogCriteria;
    readonly excludeInactiveWorkers?: boolean;
    readonly excludeEmployees?: boolean;
    readonly excludeContingentWorkers?: boolean;
  };
  readonly asOf: AsOfMoments;
  readonly page: number;
  readonly count: number;
  readonly responseGroup: ResponseGroup;
}

const TRUE = "1";

function transactionLogCriteria(criteria: TransactionLogCriteria): XmlElement {
  const range: Record<string, XmlNode> = {};
  if (criteria.updatedFrom !== undefined) range["wd:Updated_From"] = criteria.updatedFrom;
  if (criteria.updatedThrough !== undefined) range["wd:Updated_Through"] = criteria.updatedThrough;
  if (criteria.effectiveFrom !== undefined) range["wd:Effective_From"] = criteria.effectiveFrom;
  if (criteria.effectiveThrough !== undefined) range["wd:Effective_Through"] = criteria.effectiveThrough;
  const data: Record<string, XmlNode> = {};
  if (Object.keys(range).length > 0) data["wd:Transaction_Date_Range_Data"] = range;
  if (criteria.transactionTypes !== undefined && criteria.transactionTypes.length > 0) {
    data["wd:Transaction_Type_References"] = {
      "wd:Transaction_Type_Reference": criteria.transactionTypes.map((type) => ({
        "wd:ID": wdId("Business_Process_Type", type),
      })),
    };
  }
  return data;
}

function responseGroupElement(group: ResponseGroup): XmlElement {
  const flags: Record<string, XmlNode> = {};
  for (const flag of RESPONSE_GROUP_FLAGS) if (group.has(flag)) flags[`wd:${flag}`] = TRUE;
  return flags;
}

/** The Get_Workers_Request element (to be wrapped in an envelope). */
export function getWorkersRequest(query: GetWorkersQuery): XmlElement {
  const content: Record<string, XmlNode> = {};
  if (query.references !== undefined) {
    content["wd:Request_References"] = {
      "@_wd:Skip_Non_Existing_Instances": TRUE,
      "wd:Worker_Reference": query.references.map((reference) => ({ "wd:ID": wdId(reference.type, reference.id) })),
    };
  }
  if (query.criteria !== undefined) {
    const criteria: Record<string, XmlNode> = {};
    if (query.criteria.transactionLog !== undefined) {
      criteria["wd:Transaction_Log_Criteria_Data"] = transactionLogCriteria(query.criteria.transactionLog);
    }
    if (query.criteria.excludeInactiveWorkers) criteria["wd:Exclude_Inactive_Workers"] = TRUE;
    if (query.criteria.excludeEmployees) criteria["wd:Exclude_Employees"] = TRUE;
    if (query.criteria.excludeContingentWorkers) criteria["wd:Exclude_Contingent_Workers"] = TRUE;
    content["wd:Request_Criteria"] = criteria;
  }
  content["wd:Response_Filter"] = {
    "wd:As_Of_Effective_Date": query.asOf.effectiveDate,
    "wd:As_Of_Entry_DateTime": query.asOf.entryDateTime,
    "wd:Page": String(query.page),
    "wd:Count": String(query.count),
  };
  content["wd:Response_Group"] = responseGroupElement(query.responseGroup);
  return workdayPayload("Get_Workers_Request", query.version, content);
}
