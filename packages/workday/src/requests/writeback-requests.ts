/**
 * Writeback payloads: work email and phones through Change_Work_Contact_Information (v30+, what
 * Entra sends) or the legacy Maintain_Contact_Information_for_Person_Event, and the sign-in name
 * through Workday_Account_for_Worker_Update (operation Update_Workday_Account). The reference
 * IDs are Workday's delivered ones: usage WORK, device types Landline/Mobile, phone country code
 * "<ISO alpha-3>_<calling code>" (e.g. USA_1).
 */
import type { XmlElement, XmlNode } from "../xml/soap-envelope.js";
import { wdId, workdayPayload } from "../xml/soap-envelope.js";
import type { WorkerReference } from "./get-workers-request.js";

export type PhoneDeviceType = "Landline" | "Mobile";

export interface WorkPhone {
  readonly deviceType: PhoneDeviceType;
  /** The number without country code, digits only or as the tenant formats it, e.g. "2065550142". */
  readonly number: string;
  readonly extension?: string;
  /** ISO 3166-1 alpha-3, e.g. "USA". */
  readonly countryCodeName: string;
  /** International calling code without "+", e.g. "1". */
  readonly countryCodeNumber: string;
  /** Primary work phone of its device type; default true. */
  readonly primary?: boolean;
}

export interface ContactChange {
  readonly version: string;
  readonly worker: WorkerReference;
  /** xs:date the change takes effect. */
  readonly effectiveDate: string;
  readonly email?: string;
  readonly phones: readonly WorkPhone[];
}

const flag = (value: boolean) => (value ? "1" : "0");

function workUsage(primary: boolean): XmlElement {
  return {
    "@_wd:Public": "1",
    "wd:Type_Data": {
      "@_wd:Primary": flag(primary),
      "wd:Type_Reference": { "wd:ID": wdId("Communication_Usage_Type_ID", "WORK") },
    },
  };
}

export function countryPhoneCodeId(phone: WorkPhone): string {
  return `${phone.countryCodeName}_${phone.countryCodeNumber}`;
}

/** Change_Work_Contact_Information_Request: adds/replaces the work email and phones, nothing else. */
export function changeWorkContactRequest(change: ContactChange): XmlElement {
  const contact: Record<string, XmlNode> = {};
  if (change.phones.length > 0) {
    contact["wd:Person_Phone_Information_Data"] = {
      "@_wd:Replace_All": "0",
      "wd:Phone_Information_Data": change.phones.map((phone) => {
        const phoneData: Record<string, XmlNode> = {
          "wd:Device_Type_Reference": { "wd:ID": wdId("Phone_Device_Type_ID", phone.deviceType) },
          "wd:Country_Code_Reference": { "wd:ID": wdId("Country_Phone_Code_ID", countryPhoneCodeId(phone)) },
          "wd:Complete_Phone_Number": phone.number,
        };
        if (phone.extension !== undefined) phoneData["wd:Extension"] = phone.extension;
        return { "@_wd:Delete": "0", "wd:Phone_Data": phoneData, "wd:Usage_Data": workUsage(phone.primary ?? true) };
      }),
    };
  }
  if (change.email !== undefined) {
    contact["wd:Person_Email_Information_Data"] = {
      "@_wd:Replace_All": "0",
      "wd:Email_Information_Data": {
        "@_wd:Delete": "0",
        "wd:Email_Data": { "wd:Email_Address": change.email },
        "wd:Usage_Data": workUsage(true),
      },
    };
  }
  return workdayPayload("Change_Work_Contact_Information_Request", change.version, {
    "wd:Business_Process_Parameters": {
      "wd:Auto_Complete": "1",
      "wd:Run_Now": "1",
      "wd:Comment_Data": { "wd:Comment": "Work contact written back by Roster identity provisioning" },
    },
    "wd:Change_Work_Contact_Information_Data": {
      "wd:Person_Reference": { "wd:ID": wdId(change.worker.type, change.worker.id) },
      "wd:Event_Effective_Date": change.effectiveDate,
      "wd:Person_Contact_Information_Data": contact,
    },
  });
}

/** Maintain_Contact_Information_for_Person_Event_Request: the pre-v30 way; keeps other addresses. */
export function maintainContactRequest(change: ContactChange): XmlElement {
  const contact: Record<string, XmlNode> = {};
  if (change.phones.length > 0) {
    contact["wd:Phone_Data"] = change.phones.map((phone) => {
      const phoneData: Record<string, XmlNode> = {
        "@_wd:Do_Not_Replace_All": "1",
        "wd:Country_ISO_Code": phone.countryCodeName,
        "wd:International_Phone_Code": phone.countryCodeNumber,
        "wd:Phone_Number": phone.number,
      };
      if (phone.extension !== undefined) phoneData["wd:Phone_Extension"] = phone.extension;
      phoneData["wd:Phone_Device_Type_Reference"] = { "wd:ID": wdId("Phone_Device_Type_ID", phone.deviceType) };
      phoneData["wd:Usage_Data"] = workUsage(phone.primary ?? true);
      return phoneData;
    });
  }
  if (change.email !== undefined) {
    contact["wd:Email_Address_Data"] = {
      "@_wd:Do_Not_Replace_All": "1",
      "wd:Email_Address": change.email,
      "wd:Usage_Data": workUsage(true),
    };
  }
  return workdayPayload("Maintain_Contact_Information_for_Person_Event_Request", change.version, {
    "@_wd:Add_Only": "0",
    "wd:Business_Process_Parameters": { "wd:Auto_Complete": "1", "wd:Run_Now": "1" },
    "wd:Maintain_Contact_Information_Data": {
      "wd:Worker_Reference": { "wd:ID": wdId(change.worker.type, change.worker.id) },
      "wd:Effective_Date": change.effectiveDate,
      "wd:Worker_Contact_Information_Data": contact,
    },
  });
}

export interface AccountChange {
  readonly version: string;
  /** This operation names workers by integration ID (system WD-EMPLID), not by WID. */
  readonly worker: { readonly kind: "Employee" | "Contingent_Worker"; readonly id: string };
  readonly userName: string;
}

/** Workday_Account_for_Worker_Update: sets the worker's Workday sign-in name. */
export function workdayAccountUpdateRequest(change: AccountChange): XmlElement {
  const integrationId = {
    "wd:Integration_ID_Reference": { "wd:ID": { "@_wd:System_ID": "WD-EMPLID", "#text": change.worker.id } },
  };
  return workdayPayload("Workday_Account_for_Worker_Update", change.version, {
    "wd:Worker_Reference": { [`wd:${change.worker.kind}_Reference`]: integrationId },
    "wd:Workday_Account_for_Worker_Data": { "wd:User_Name": change.userName },
  });
}
