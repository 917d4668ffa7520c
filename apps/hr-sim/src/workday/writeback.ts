/**
 * Workday writeback operations: Change_Work_Contact_Information (v30+), the legacy
 * Maintain_Contact_Information_for_Person_Event and Workday_Account_for_Worker_Update. Each
 * applies at once (Auto_Complete), records a transaction-log entry so the next incremental
 * Get_Workers sees the worker, and answers in the operation's response shape.
 */
import { randomBytes } from "node:crypto";
import { latestState } from "../model/as-of.js";
import { tenantToday } from "../model/tenant-time.js";
import {
  BUSINESS_PROCESS,
  displayName,
  type EmailRecord,
  type PhoneDevice,
  type PhoneRecord,
  type WorkerRecord,
  type WorkerState,
} from "../model/worker-record.js";
import { effectiveMomentOf } from "../generator/generate-workers.js";
import type { HrSimStore, ReferenceType } from "../store/worker-store.js";
import {
  WD_NS,
  attributeOf,
  childText,
  isTrue,
  listAt,
  objectAt,
  SoapFaultError,
  type XmlObject,
} from "./soap-message.js";

/** The tenant's reference IDs; a test renames one to reproduce "tenant renamed WORK" faults. */
export interface ReferenceIds {
  readonly workUsage: string;
  readonly landline: string;
  readonly mobile: string;
  readonly fax: string;
}

export const DEFAULT_REFERENCE_IDS: ReferenceIds = { workUsage: "WORK", landline: "Landline", mobile: "Mobile", fax: "Fax" };

export interface WritebackContext {
  readonly store: HrSimStore;
  readonly referenceIds: ReferenceIds;
  readonly now: () => number;
  /** When set, every writeback fails with a processing fault (a pending business process). */
  readonly pendingBusinessProcess?: boolean;
}

const newWid = (): string => randomBytes(16).toString("hex");

function invalidId(type: string, id: string, xpath: string): SoapFaultError {
  const message = `Invalid ID value.  '${id}' is not a valid ID value for type = '${type}'`;
  return new SoapFaultError("validationError", message, [{ message, xpath }]);
}

async function workerByIdElement(store: HrSimStore, reference: XmlObject | undefined, xpath: string): Promise<WorkerRecord> {
  const ids = listAt(reference, "ID");
  for (const entry of ids) {
    const type = attributeOf(entry, "type") ?? "";
    const id = childText(entry, "#text") ?? "";
    if (type !== "WID" && type !== "Employee_ID" && type !== "Contingent_Worker_ID") throw invalidId(type, id, xpath);
    const found = await store.findWorker({ type: type as ReferenceType, id });
    if (found !== undefined) return found;
    throw invalidId(type, id, xpath);
  }
  throw new SoapFaultError("validationError", "A worker reference with an ID is required", [{ message: "Worker reference missing", xpath }]);
}

function idOf(element: XmlObject | undefined, type: string): string | undefined {
  const entry = listAt(element, "ID").find((candidate) => attributeOf(candidate, "type") === type);
  return entry === undefined ? undefined : childText(entry, "#text");
}

function deviceOf(id: string | undefined, ids: ReferenceIds, xpath: string): PhoneDevice {
  if (id === ids.landline) return "Landline";
  if (id === ids.mobile) return "Mobile";
  if (id === ids.fax) return "Fax";
  throw invalidId("Phone_Device_Type_ID", id ?? "", xpath);
}

function checkUsage(usage: XmlObject | undefined, ids: ReferenceIds, xpath: string): boolean {
  const typeData = objectAt(usage, "Type_Data");
  const usageId = idOf(objectAt(typeData, "Type_Reference"), "Communication_Usage_Type_ID");
  if (usageId !== ids.workUsage) throw invalidId("Communication_Usage_Type_ID", usageId ?? "", xpath);
  return isTrue(attributeOf(typeData, "Primary"));
}

/**
 * A primary WORK phone replaces the WORK phones of its device type; a secondary one is added
 * (Workday's documented "secondary phones accumulate" behaviour).
 */
function withPhone(phones: readonly PhoneRecord[], phone: PhoneRecord): PhoneRecord[] {
  if (!phone.primary) return [...phones, phone];
  const kept = phones.filter((existing) => !(existing.device === phone.device && existing.usage === "WORK"));
  return [...kept, phone];
}

function withEmail(emails: readonly EmailRecord[], email: EmailRecord): EmailRecord[] {
  const kept = emails.filter((existing) => !(existing.usage === "WORK" && (email.primary ? existing.primary : existing.address === email.address)));
  return [...kept, email];
}

function splitNumber(complete: string): { areaCode: string; number: string } {
  const digits = complete.replace(/\D/g, "");
  if (digits.length <= 7) return { areaCode: "", number: digits };
  const areaCode = digits.slice(0, digits.length - 7);
  const rest = digits.slice(-7);
  return { areaCode, number: `${rest.slice(0, 3)}-${rest.slice(3)}` };
}

async function applyContactChange(
  context: WritebackContext,
  worker: WorkerRecord,
  effectiveDateText: string | undefined,
  patch: (state: WorkerState) => WorkerState,
): Promise<string> {
  if (context.pendingBusinessProcess) {
    throw new SoapFaultError("processingError", "The worker has a pending business process; the task submitted cannot run until it completes.");
  }
  const now = context.now();
  const effectiveDate = effectiveDateText?.slice(0, 10) || tenantToday(now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveDate)) {
    throw new SoapFaultError("validationError", `Invalid date value '${effectiveDateText}' for the effective date`);
  }
  const enteredAt = new Date(now).toISOString();
  const eventWid = newWid();
  await context.store.applyChange(
    worker.seq,
    { effectiveDate, enteredAt, patch },
    {
      id: eventWid,
      type: BUSINESS_PROCESS.workContact,
      description: `${BUSINESS_PROCESS.workContact}: ${displayName(latestState(worker))}`,
      effectiveMoment: effectiveMomentOf(effectiveDate),
      entryMoment: enteredAt,
    },
  );
  return eventWid;
}

export async function changeWorkContact(context: WritebackContext, payload: XmlObject): Promise<XmlObject> {
  const version = attributeOf(payload, "version") ?? "v30.0";
  const data = objectAt(payload, "Change_Work_Contact_Information_Data");
  const worker = await workerByIdElement(context.store, objectAt(data, "Person_Reference"), "/Change_Work_Contact_Information_Request/Change_Work_Contact_Information_Data/Person_Reference");
  const contact = objectAt(data, "Person_Contact_Information_Data");
  const phones: PhoneRecord[] = listAt(objectAt(contact, "Person_Phone_Information_Data"), "Phone_Information_Data").map((entry, index) => {
    const xpath = `/Change_Work_Contact_Information_Request/…/Phone_Information_Data[${index + 1}]`;
    const phone = objectAt(entry, "Phone_Data");
    const device = deviceOf(idOf(objectAt(phone, "Device_Type_Reference"), "Phone_Device_Type_ID"), context.referenceIds, xpath);
    const countryId = idOf(objectAt(phone, "Country_Code_Reference"), "Country_Phone_Code_ID") ?? "";
    const country = /^([A-Z]{3})_(\d{1,4})$/.exec(countryId);
    if (country === null) throw invalidId("Country_Phone_Code_ID", countryId, xpath);
    const complete = childText(phone, "Complete_Phone_Number") ?? "";
    if (complete.trim() === "") throw new SoapFaultError("validationError", "Complete_Phone_Number is required", [{ message: "Complete_Phone_Number is required", xpath }]);
    const primary = checkUsage(objectAt(entry, "Usage_Data"), context.referenceIds, xpath);
    const extension = childText(phone, "Extension");
    return {
      device,
      countryAlpha3: country[1]!,
      countryCode: country[2]!,
      ...splitNumber(complete),
      ...(extension === undefined || extension === "" ? {} : { extension }),
      usage: "WORK",
      primary,
      public: true,
    };
  });
  const emails: EmailRecord[] = listAt(objectAt(contact, "Person_Email_Information_Data"), "Email_Information_Data").map((entry, index) => {
    const xpath = `/Change_Work_Contact_Information_Request/…/Email_Information_Data[${index + 1}]`;
    const address = childText(objectAt(entry, "Email_Data"), "Email_Address") ?? "";
    if (!address.includes("@")) throw new SoapFaultError("validationError", `Invalid email address '${address}'`, [{ message: "Invalid email address", xpath }]);
    return { address, usage: "WORK", primary: checkUsage(objectAt(entry, "Usage_Data"), context.referenceIds, xpath), public: true };
  });
  const eventWid = await applyContactChange(context, worker, childText(data, "Event_Effective_Date"), (state) => ({
    ...state,
    phones: phones.reduce(withPhone, [...state.phones]),
    emails: emails.reduce(withEmail, [...state.emails]),
  }));
  return {
    "wd:Change_Work_Contact_Information_Response": {
      "@_xmlns:wd": WD_NS,
      "@_wd:version": version,
      "wd:Change_Work_Contact_Information_Event_Reference": {
        "@_wd:Descriptor": `Work Contact Change: ${displayName(latestState(worker))}`,
        "wd:ID": { "@_wd:type": "WID", "#text": eventWid },
      },
    },
  };
}

export async function maintainContactInformation(context: WritebackContext, payload: XmlObject): Promise<XmlObject> {
  const version = attributeOf(payload, "version") ?? "v21.1";
  const data = objectAt(payload, "Maintain_Contact_Information_Data");
  const worker = await workerByIdElement(context.store, objectAt(data, "Worker_Reference"), "/Maintain_Contact_Information_for_Person_Event_Request/Maintain_Contact_Information_Data/Worker_Reference");
  const contact = objectAt(data, "Worker_Contact_Information_Data");
  const emails = listAt(contact, "Email_Address_Data").map((entry, index) => {
    const xpath = `/Maintain_Contact_Information_for_Person_Event_Request/…/Email_Address_Data[${index + 1}]`;
    const address = childText(entry, "Email_Address") ?? "";
    if (!address.includes("@")) throw new SoapFaultError("validationError", `Invalid email address '${address}'`, [{ message: "Invalid email address", xpath }]);
    return { address, usage: "WORK" as const, primary: checkUsage(objectAt(entry, "Usage_Data"), context.referenceIds, xpath), public: true };
  });
  const phones = listAt(contact, "Phone_Data").map((entry, index): PhoneRecord => {
    const xpath = `/Maintain_Contact_Information_for_Person_Event_Request/…/Phone_Data[${index + 1}]`;
    const device = deviceOf(idOf(objectAt(entry, "Phone_Device_Type_Reference"), "Phone_Device_Type_ID"), context.referenceIds, xpath);
    const extension = childText(entry, "Phone_Extension");
    return {
      device,
      countryAlpha3: childText(entry, "Country_ISO_Code") ?? "USA",
      countryCode: childText(entry, "International_Phone_Code") ?? "1",
      ...splitNumber(childText(entry, "Phone_Number") ?? ""),
      ...(extension === undefined || extension === "" ? {} : { extension }),
      usage: "WORK",
      primary: checkUsage(objectAt(entry, "Usage_Data"), context.referenceIds, xpath),
      public: true,
    };
  });
  const eventWid = await applyContactChange(context, worker, childText(data, "Effective_Date"), (state) => ({
    ...state,
    phones: phones.reduce(withPhone, [...state.phones]),
    emails: emails.reduce(withEmail, [...state.emails]),
  }));
  return {
    "wd:Maintain_Contact_Information_for_Person_Event_Response": {
      "@_xmlns:wd": WD_NS,
      "@_wd:version": version,
      "wd:Contact_Information_for_Person_Event_Reference": { "wd:ID": { "@_wd:type": "WID", "#text": eventWid } },
    },
  };
}

/** Returns undefined: the operation's success is an empty SOAP Body. */
export async function updateWorkdayAccount(context: WritebackContext, payload: XmlObject): Promise<undefined> {
  const reference = objectAt(payload, "Worker_Reference");
  const xpath = "/ns0:Workday_Account_for_Worker_Update[1]/ns0:Worker_Reference[1]";
  const employee = objectAt(reference, "Employee_Reference");
  const contingent = objectAt(reference, "Contingent_Worker_Reference");
  const holder = employee ?? contingent;
  const idElement = listAt(objectAt(holder, "Integration_ID_Reference"), "ID")[0];
  const workerId = childText(idElement, "#text") ?? "";
  const type = employee !== undefined ? "Employee_ID" : "Contingent_Worker_ID";
  const worker = holder === undefined ? undefined : await context.store.findWorker({ type, id: workerId });
  if (worker === undefined) throw invalidId(type, workerId, xpath);
  const userName = childText(objectAt(payload, "Workday_Account_for_Worker_Data"), "User_Name") ?? "";
  if (userName.trim() === "") throw new SoapFaultError("validationError", "User_Name is required", [{ message: "User_Name is required", xpath }]);
  const holderOfName = await context.store.findByUserId(userName);
  if (holderOfName !== undefined && holderOfName.seq !== worker.seq) {
    const message = `The user name '${userName}' is already in use by another account.`;
    throw new SoapFaultError("validationError", message, [{ message, xpath: "/ns0:Workday_Account_for_Worker_Update[1]/ns0:Workday_Account_for_Worker_Data[1]/ns0:User_Name[1]" }]);
  }
  if (context.pendingBusinessProcess) {
    throw new SoapFaultError("processingError", "The worker has a pending business process; the task submitted cannot run until it completes.");
  }
  const now = context.now();
  const enteredAt = new Date(now).toISOString();
  const effectiveDate = tenantToday(now);
  await context.store.applyChange(
    worker.seq,
    { effectiveDate, enteredAt, patch: (state) => ({ ...state, userId: userName }) },
    {
      id: newWid(),
      type: BUSINESS_PROCESS.accountUpdate,
      description: `${BUSINESS_PROCESS.accountUpdate}: ${displayName(latestState(worker))}`,
      effectiveMoment: effectiveMomentOf(effectiveDate),
      entryMoment: enteredAt,
    },
  );
  return undefined;
}
