/**
 * What a caller may write back to Workday, checked before anything is sent: Workday rejects
 * empty values (it never clears a field this way), and text XML cannot carry would corrupt the
 * message.
 */
import { WorkdayError } from "../errors/workday-error.js";
import type { WorkPhone } from "../requests/writeback-requests.js";
import { hasForbiddenXmlCharacters } from "../xml/xml-characters.js";

export type WorkerType = "Employee" | "Contingent_Worker";

export interface WritebackValues {
  /** Work email (primary, public, usage WORK). */
  readonly email?: string;
  /** Work landline and/or mobile. */
  readonly phone?: WorkPhone | readonly WorkPhone[];
  /** Workday sign-in name (Workday_Account_for_Worker_Update). */
  readonly username?: string;
  /** xs:date the contact change takes effect; default today (UTC). */
  readonly effectiveDate?: string;
}

/** The worker is named by WID, or by Worker ID plus whether it is an employee (default) or a contingent worker. */
export type WritebackRequest = WritebackValues &
  (
    | { readonly wid: string; readonly workerId?: never; readonly workerType?: never }
    | { readonly workerId: string; readonly workerType?: WorkerType; readonly wid?: never }
  );

export interface CheckedWriteback {
  readonly target: { readonly wid: string } | { readonly workerId: string; readonly workerType: WorkerType };
  readonly email?: string;
  readonly phones: readonly WorkPhone[];
  readonly username?: string;
  readonly effectiveDate?: string;
}

const ALPHA3 = /^[A-Z]{3}$/;
const CALLING_CODE = /^\d{1,4}$/;
const XS_DATE = /^\d{4}-\d{2}-\d{2}(?:Z|[+-]\d{2}:\d{2})?$/;

function invalid(field: string, problem: string): WorkdayError {
  return new WorkdayError("data", "InvalidRequest", `Workday writeback: ${field} ${problem}`, {
    operation: "writeback",
    attribute: field,
  });
}

function text(value: unknown, field: string): string {
  if (typeof value !== "string" || value.trim() === "")
    throw invalid(field, "is empty; Workday does not accept empty values");
  if (hasForbiddenXmlCharacters(value)) throw invalid(field, "contains control characters");
  return value.trim();
}

function checkPhone(phone: WorkPhone, field: string): WorkPhone {
  if (phone.deviceType !== "Landline" && phone.deviceType !== "Mobile")
    throw invalid(`${field}.deviceType`, 'must be "Landline" or "Mobile"');
  const countryCodeName = text(phone.countryCodeName, `${field}.countryCodeName`).toUpperCase();
  if (!ALPHA3.test(countryCodeName))
    throw invalid(`${field}.countryCodeName`, "must be an ISO 3166-1 alpha-3 code such as USA");
  const countryCodeNumber = text(phone.countryCodeNumber, `${field}.countryCodeNumber`).replace(/^\+/, "");
  if (!CALLING_CODE.test(countryCodeNumber))
    throw invalid(`${field}.countryCodeNumber`, "must be a calling code such as 1 or 44");
  const checked: WorkPhone = {
    deviceType: phone.deviceType,
    number: text(phone.number, `${field}.number`),
    countryCodeName,
    countryCodeNumber,
    primary: phone.primary ?? true,
    ...(phone.extension !== undefined ? { extension: text(phone.extension, `${field}.extension`) } : {}),
  };
  return checked;
}

export function checkWriteback(request: WritebackRequest): CheckedWriteback {
  const hasWid = request.wid !== undefined;
  const hasWorkerId = request.workerId !== undefined;
  if (hasWid === hasWorkerId) throw invalid("wid/workerId", "must name the worker by exactly one of wid or workerId");
  const workerType = request.workerType ?? "Employee";
  if (workerType !== "Employee" && workerType !== "Contingent_Worker")
    throw invalid("workerType", 'must be "Employee" or "Contingent_Worker"');
  const target = hasWid
    ? { wid: text(request.wid, "wid") }
    : { workerId: text(request.workerId, "workerId"), workerType };

  const phones =
    request.phone === undefined ? [] : Array.isArray(request.phone) ? request.phone : [request.phone as WorkPhone];
  const checked: CheckedWriteback = {
    target,
    phones: phones.map((phone, index) => checkPhone(phone, phones.length > 1 ? `phone[${index}]` : "phone")),
    ...(request.email !== undefined ? { email: text(request.email, "email") } : {}),
    ...(request.username !== undefined ? { username: text(request.username, "username") } : {}),
    ...(request.effectiveDate !== undefined ? { effectiveDate: text(request.effectiveDate, "effectiveDate") } : {}),
  };
  if (checked.effectiveDate !== undefined && !XS_DATE.test(checked.effectiveDate))
    throw invalid("effectiveDate", "must be a date such as 2024-06-03");
  if (checked.email === undefined && checked.phones.length === 0 && checked.username === undefined) {
    throw invalid("email/phone/username", "are all missing: nothing to write back");
  }
  return checked;
}
