/**
 * Writeback to Workday: the work email and phones through Change_Work_Contact_Information (or
 * the legacy Maintain_Contact_Information), then the sign-in name through
 * Update_Workday_Account. Writes are sent as non-idempotent calls (see SoapTransport). A failure
 * names the operations already done in `details.completed`.
 */
import type { Element } from "@xmldom/xmldom";
import { versionAtLeast } from "../config/workday-config.js";
import { WorkdayError } from "../errors/workday-error.js";
import type { WorkerReference } from "../requests/get-workers-request.js";
import {
  changeWorkContactRequest,
  maintainContactRequest,
  workdayAccountUpdateRequest,
} from "../requests/writeback-requests.js";
import type { SoapTransport } from "../transport/soap-transport.js";
import { firstLightChild, lightChildElements, lightStringValue, type LightElement } from "../xml/light-tree.js";
import { WD_NS } from "../xml/namespaces.js";
import { childElements, firstChildElement } from "../xml/xml-document.js";
import { checkWriteback, type WorkerType, type WritebackRequest } from "./writeback-input.js";

export interface WritebackResult {
  /** Operations that succeeded, in order. */
  readonly operations: readonly string[];
  /** WID of the contact-change business process event, when Workday returned one. */
  readonly contactEventWid?: string;
}

export interface WritebackContext {
  readonly transport: SoapTransport;
  readonly serviceUrl: string;
  /** The configured WWS version. */
  readonly version: string;
  readonly contactWriteback: "change-work-contact" | "maintain-contact-legacy";
  readonly now: () => Date;
  /** Employee or Contingent Worker ID of a worker known by WID. */
  readonly integrationIdFor: (wid: string) => Promise<{ kind: WorkerType; id: string }>;
}

/** Change_Work_Contact_Information exists from v30.0, the Entra app's account writeback uses v31.2. */
const CHANGE_WORK_CONTACT_MIN_VERSION = "v30.0";
const ACCOUNT_UPDATE_MIN_VERSION = "v31.2";

const atLeast = (version: string, minimum: string) => (versionAtLeast(version, minimum) ? version : minimum);

export async function writeBack(context: WritebackContext, request: WritebackRequest): Promise<WritebackResult> {
  const checked = checkWriteback(request);
  const operations: string[] = [];
  let contactEventWid: string | undefined;
  // A failure reports which operations were already applied.
  const step = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof WorkdayError && operations.length > 0) {
        (error.details as Record<string, unknown>).completed = [...operations];
      }
      throw error;
    }
  };
  const send = (operation: string, version: string, payload: Parameters<SoapTransport["call"]>[2]) =>
    step(() => context.transport.call(`${context.serviceUrl}/${version}`, operation, payload, { idempotent: false }));

  if (checked.email !== undefined || checked.phones.length > 0) {
    const legacy = context.contactWriteback === "maintain-contact-legacy";
    const version = legacy ? context.version : atLeast(context.version, CHANGE_WORK_CONTACT_MIN_VERSION);
    const worker: WorkerReference =
      "wid" in checked.target
        ? { type: "WID", id: checked.target.wid }
        : {
            type: checked.target.workerType === "Employee" ? "Employee_ID" : "Contingent_Worker_ID",
            id: checked.target.workerId,
          };
    const change = {
      version,
      worker,
      effectiveDate: checked.effectiveDate ?? context.now().toISOString().slice(0, 10),
      phones: checked.phones,
      ...(checked.email !== undefined ? { email: checked.email } : {}),
    };
    const operation = legacy ? "Maintain_Contact_Information" : "Change_Work_Contact_Information";
    const response = await send(
      operation,
      version,
      legacy ? maintainContactRequest(change) : changeWorkContactRequest(change),
    );
    contactEventWid = eventWid(
      response,
      legacy ? "Contact_Information_for_Person_Event_Reference" : "Change_Work_Contact_Information_Event_Reference",
    );
    operations.push(operation);
  }

  if (checked.username !== undefined) {
    const operation = "Update_Workday_Account";
    const version = atLeast(context.version, ACCOUNT_UPDATE_MIN_VERSION);
    const target = checked.target;
    const worker = await step(async () =>
      "wid" in target ? context.integrationIdFor(target.wid) : { kind: target.workerType, id: target.workerId },
    );
    await send(operation, version, workdayAccountUpdateRequest({ version, worker, userName: checked.username }));
    operations.push(operation);
  }
  return contactEventWid !== undefined ? { operations, contactEventWid } : { operations };
}

/** Employee_ID or Contingent_Worker_ID from a Worker's Worker_Reference. */
export function integrationIdOf(worker: LightElement): { kind: WorkerType; id: string } | undefined {
  const reference = firstLightChild(worker, WD_NS, "Worker_Reference");
  if (reference === undefined) return undefined;
  for (const id of lightChildElements(reference, WD_NS, "ID")) {
    const type = id.attributes.find(
      (attribute) => attribute.localName === "type" && attribute.namespace === WD_NS,
    )?.value;
    const value = lightStringValue(id).trim();
    if (!value) continue;
    if (type === "Employee_ID") return { kind: "Employee", id: value };
    if (type === "Contingent_Worker_ID") return { kind: "Contingent_Worker", id: value };
  }
  return undefined;
}

/** The WID of the event reference a business-process response carries, if any. */
function eventWid(response: Element | undefined, referenceName: string): string | undefined {
  if (response === undefined) return undefined;
  const reference = firstChildElement(response, WD_NS, referenceName);
  if (reference === undefined) return undefined;
  for (const id of childElements(reference, WD_NS, "ID")) {
    if (id.getAttributeNS(WD_NS, "type") === "WID") return id.textContent?.trim() || undefined;
  }
  return undefined;
}
