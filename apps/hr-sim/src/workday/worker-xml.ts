/**
 * Renders one worker of a Get_Workers page in the v21.1 or the v30+ shape: booleans 1/0, dates
 * with the tenant offset, references with a Descriptor and typed IDs. Which Worker_Data sections
 * appear follows the Response_Group flags.
 *
 * Most of a worker's XML is shared with many other workers: the organisations of a company,
 * department and location, a job profile, a site with its address, a manager's chain, the status
 * block of a hire date. Those subtrees are serialised once by XMLBuilder and cached; the parts
 * that belong to one worker only are built per request and the builder composes the two.
 */
import {
  COMPANY_BY_ID,
  DEPARTMENT_BY_ID,
  JOB_PROFILE_BY_ID,
  LOCATION_BY_ID,
  referenceOf,
  type JobProfile,
  type Location,
} from "../model/reference-data.js";
import { tenantDate, tenantDateTime } from "../model/tenant-time.js";
import { FragmentCache, preserialised, SECTION_BUILDER, serialise, WORKER_BUILDER, type XmlTree } from "./xml-builders.js";
import {
  displayName,
  fullName,
  type EmailRecord,
  type PersonName,
  type PhoneRecord,
  type TransactionEntry,
  type WorkerRecord,
  type WorkerState,
} from "../model/worker-record.js";

export type ShapeVersion = "v21.1" | "v30+";

export interface RenderOptions {
  readonly shape: ShapeVersion;
  readonly flags: ReadonlySet<string>;
  readonly transactions?: readonly TransactionEntry[];
  /** Fault injection: render without Worker_ID, or with an oversize title and Worker ID. */
  readonly malformation?: "missingWorkerId" | "oversize";
}

const YES_WID = "7d1a4c9e2b5f4e8a9c0d3b6f1e4a7c25";
const flag = (value: boolean): string => (value ? "1" : "0");
const id = (type: string, value: string): XmlTree => ({ "@_wd:type": type, "#text": value });
const reference = (descriptor: string, ...ids: XmlTree[]): XmlTree => ({
  "@_wd:Descriptor": descriptor,
  "wd:ID": ids.length === 1 ? ids[0] : ids,
});

export function workerDescriptor(state: WorkerState): string {
  return `${displayName(state)} (${state.workerId})`;
}

function workerReference(wid: string, state: WorkerState): XmlTree {
  const idType = state.workerType === "employee" ? "Employee_ID" : "Contingent_Worker_ID";
  return reference(workerDescriptor(state), id("WID", wid), id(idType, state.workerId));
}

function nameDetail(name: PersonName, countryAlpha3: string, countryName: string): XmlTree {
  const detail: XmlTree = {
    "@_wd:Formatted_Name": fullName(name),
    "@_wd:Reporting_Name": `${name.last}, ${name.middle === undefined ? name.first : `${name.first} ${name.middle}`}`,
    "wd:Country_Reference": reference(countryName, id("ISO_3166-1_Alpha-3_Code", countryAlpha3)),
    "wd:First_Name": name.first,
  };
  if (name.middle !== undefined) detail["wd:Middle_Name"] = name.middle;
  detail["wd:Last_Name"] = name.last;
  return detail;
}

const USAGE_DESCRIPTOR = { WORK: "Work", HOME: "Home" } as const;
const DEVICE_DESCRIPTOR = { Landline: "Telephone", Mobile: "Mobile", Fax: "Fax" } as const;

/** Usage_Data takes eight forms (usage × primary × public): each serialised once. */
const usageFragments = new FragmentCache(64);

function usageData(usage: "WORK" | "HOME", primary: boolean, isPublic: boolean): XmlTree {
  const content = usageFragments.get(`${usage}|${primary}`, () =>
    serialise({
      "wd:Type_Data": {
        "@_wd:Primary": flag(primary),
        "wd:Type_Reference": reference(USAGE_DESCRIPTOR[usage], id("Communication_Usage_Type_ID", usage)),
      },
    }),
  );
  return preserialised(content, { "@_wd:Public": isPublic ? "1" : "0" });
}

function phoneDigits(phone: PhoneRecord): string {
  return `${phone.areaCode}${phone.number}`.replace(/\D/g, "");
}

function phoneData(phone: PhoneRecord, shape: ShapeVersion): XmlTree {
  const northAmerican = phone.countryCode === "1";
  const traditional = northAmerican
    ? `+1 (${phone.areaCode}) ${phone.number}`
    : `+${phone.countryCode} ${phone.areaCode} ${phone.number}`;
  const data: XmlTree = {};
  if (shape === "v21.1") {
    data["@_wd:Formatted_Phone"] = traditional;
  } else {
    data["@_wd:Area_Code"] = phone.areaCode;
    data["@_wd:Phone_Number_Without_Area_Code"] = phone.number;
    data["@_wd:E164_Formatted_Phone"] = `+${phone.countryCode}${phoneDigits(phone)}`;
    data["@_wd:Workday_Traditional_Formatted_Phone"] = traditional;
    data["@_wd:National_Formatted_Phone"] = northAmerican ? `(${phone.areaCode}) ${phone.number}` : `0${phone.areaCode} ${phone.number}`;
    data["@_wd:International_Formatted_Phone"] = `+${phone.countryCode} ${phone.areaCode}-${phone.number}`;
    data["@_wd:Tenant_Formatted_Phone"] = traditional;
  }
  data["wd:Country_ISO_Code"] = phone.countryAlpha3;
  data["wd:International_Phone_Code"] = phone.countryCode;
  if (shape === "v21.1") data["wd:Area_Code"] = phone.areaCode;
  data["wd:Phone_Number"] = phone.number;
  if (phone.extension !== undefined) data["wd:Phone_Extension"] = phone.extension;
  data["wd:Phone_Device_Type_Reference"] = reference(DEVICE_DESCRIPTOR[phone.device], id("Phone_Device_Type_ID", phone.device));
  data["wd:Usage_Data"] = usageData(phone.usage, phone.primary, phone.public);
  return data;
}

function emailData(email: EmailRecord): XmlTree {
  return { "wd:Email_Address": email.address, "wd:Usage_Data": usageData(email.usage, email.primary, email.public) };
}

function addressData(location: Location): XmlTree {
  const lines = location.addressLines.map((line, index) => ({
    "@_wd:Type": `ADDRESS_LINE_${index + 1}`,
    "@_wd:Descriptor": `Address Line ${index + 1}`,
    "#text": line,
  }));
  return {
    "@_wd:Effective_Date": tenantDate("2019-01-01"),
    "@_wd:Formatted_Address": [...location.addressLines, `${location.municipality} ${location.postalCode}`, location.countryName].join("\n"),
    "@_wd:Address_Format_Type": "Basic",
    "wd:Country_Reference": reference(
      location.countryName,
      id("ISO_3166-1_Alpha-2_Code", location.countryAlpha2),
      id("ISO_3166-1_Alpha-3_Code", location.countryAlpha3),
      id("ISO_3166-1_Numeric-3_Code", location.countryNumeric),
    ),
    "wd:Last_Modified": tenantDateTime("2019-01-02T17:12:44.120Z"),
    "wd:Address_Line_Data": lines,
    "wd:Municipality": location.municipality,
    "wd:Country_Region_Reference": reference(location.regionName, id("Country_Region_ID", location.regionId)),
    "wd:Country_Region_Descriptor": location.regionName,
    "wd:Postal_Code": location.postalCode,
  };
}

/** Job profile, job classification and site blocks: one serialisation per profile / location. */
const referenceFragments = new FragmentCache(4096);

function jobClassificationSummary(profile: JobProfile): XmlTree {
  return preserialised(
    referenceFragments.get(`classification|${profile.id}`, () =>
      serialise({
        "wd:Job_Classification_Reference": reference(profile.classificationName, id("Job_Classification_Reference_ID", profile.classificationId)),
      }),
    ),
  );
}

function jobProfileSummary(profile: JobProfile): XmlTree {
  return preserialised(
    referenceFragments.get(`profile|${profile.id}`, () =>
      serialise({
        "wd:Job_Profile_Reference": reference(profile.name, id("Job_Profile_ID", profile.id)),
        "wd:Job_Exempt": flag(profile.managementLevel !== "IC"),
        "wd:Management_Level_Reference": reference(
          profile.managementLevel === "IC" ? "Individual Contributor" : profile.managementLevel === "MGR" ? "Manager" : "Executive",
          id("Management_Level_ID", profile.managementLevel),
        ),
        "wd:Job_Family_Reference": reference(profile.familyName, id("Job_Family_ID", profile.familyId)),
        "wd:Job_Profile_Name": profile.name,
      }),
    ),
  );
}

function businessSiteSummary(location: Location): XmlTree {
  return preserialised(
    referenceFragments.get(`site|${location.id}`, () =>
      serialise({
        "wd:Location_Reference": reference(location.name, id("Location_ID", location.id)),
        "wd:Name": location.name,
        "wd:Local_Reference": reference(location.localeName, id("Locale_ID", location.localeId)),
        "wd:Address_Data": addressData(location),
      }),
    ),
  );
}

const OVERSIZE_TITLE = "Oversize ".repeat(120).trim();

function positionData(state: WorkerState, effectiveDate: string, oversize: boolean): XmlTree {
  const profile = referenceOf(JOB_PROFILE_BY_ID, state.jobProfileId, "job profile");
  const location = referenceOf(LOCATION_BY_ID, state.locationId, "location");
  const employee = state.workerType === "employee";
  const position: XmlTree = {
    "@_wd:Effective_Date": tenantDate(effectiveDate),
    "wd:Position_Reference": reference(`${state.positionId} ${profile.name}`, id("Position_ID", state.positionId)),
    "wd:Position_ID": state.positionId,
    "wd:Position_Title": profile.name,
    "wd:Business_Title": oversize ? OVERSIZE_TITLE : state.businessTitle,
    "wd:Start_Date": tenantDate(state.hireDate),
  };
  if (state.terminationDate !== undefined) position["wd:End_Employment_Date"] = tenantDate(state.terminationDate);
  position["wd:Worker_Type_Reference"] = employee
    ? reference("Regular", id("Employee_Type_ID", "Regular"))
    : reference("Contractor", id("Contingent_Worker_Type_ID", "Contractor"));
  position["wd:Position_Time_Type_Reference"] = reference("Full time", id("Position_Time_Type_ID", "Full_time"));
  position["wd:Job_Classification_Summary_Data"] = jobClassificationSummary(profile);
  position["wd:Job_Profile_Summary_Data"] = jobProfileSummary(profile);
  position["wd:Business_Site_Summary_Data"] = businessSiteSummary(location);
  const desk = `${location.id.slice(4, 7)}-${state.positionId.slice(-3)}`;
  position["wd:Work_Space__Reference"] = reference(desk, id("Location_ID", `WS_${desk.replace("-", "_")}`));
  const manager = state.managerChain[state.managerChain.length - 1];
  if (manager !== undefined) {
    position["wd:Manager_as_of_last_detected_manager_change_Reference"] = reference(
      `${manager.name} (${manager.workerId})`,
      id("WID", manager.wid),
      id("Employee_ID", manager.workerId),
    );
  }
  return position;
}

function statusData(state: WorkerState, shape: ShapeVersion): XmlTree {
  const hire = tenantDate(state.hireDate);
  const status: XmlTree = {
    "wd:Active": flag(state.active),
    "wd:Active_Status_Date": tenantDate(state.terminationDate ?? state.hireDate),
    "wd:Hire_Date": hire,
    "wd:Original_Hire_Date": tenantDate(state.originalHireDate),
  };
  if (state.terminationDate !== undefined) status["wd:End_Employment_Date"] = tenantDate(state.terminationDate);
  status["wd:Continuous_Service_Date"] = hire;
  status["wd:First_Day_of_Work"] = hire;
  if (state.workerType === "employee") {
    const year = Number(state.originalHireDate.slice(0, 4));
    status["wd:Expected_Retirement_Date"] = tenantDate(`${year + 35}${state.originalHireDate.slice(4)}`);
    status["wd:Retirement_Eligibility_Date"] = tenantDate(`${year + 30}${state.originalHireDate.slice(4)}`);
  }
  status["wd:Retired"] = "0";
  status["wd:Seniority_Date"] = hire;
  status["wd:Severance_Date"] = hire;
  status["wd:Benefits_Service_Date"] = hire;
  status["wd:Company_Service_Date"] = hire;
  status["wd:Time_Off_Service_Date"] = hire;
  status["wd:Vesting_Date"] = hire;
  status["wd:Date_Entered_Workforce"] = tenantDate(state.originalHireDate);
  status["wd:Days_Unemployed"] = "0";
  status["wd:Months_Continuous_Prior_Employment"] = "0";
  status["wd:Terminated"] = flag(state.terminated);
  if (state.terminationDate !== undefined) {
    status["wd:Termination_Date"] = tenantDate(state.terminationDate);
    status["wd:Termination_Involuntary"] = "0";
  }
  if (shape === "v21.1") {
    status["wd:Not_Eligible_for_Hire"] = "0";
    status["wd:Regrettable_Termination"] = "0";
    status["wd:Not_Eligible_for_Rehire"] = "0";
  } else {
    status["wd:Eligible_for_Hire_Reference"] = reference("Yes", id("WID", YES_WID));
    status["wd:Regrettable_Termination"] = "0";
    status["wd:Eligible_for_Rehire_on_Latest_Termination_Reference"] = reference("Yes", id("WID", YES_WID));
  }
  status["wd:Hire_Rescinded"] = "0";
  if (state.lastDayOfWork !== undefined) {
    status["wd:Termination_Last_Day_of_Work"] = tenantDate(state.lastDayOfWork);
    status["wd:Resignation_Date"] = tenantDate(state.lastDayOfWork);
  }
  status["wd:Not_Returning"] = "0";
  status["wd:Return_Unknown"] = "0";
  status["wd:Probation_Start_Date"] = hire;
  const probationEnd = new Date(Date.parse(`${state.hireDate}T00:00:00Z`) + 92 * 86_400_000).toISOString().slice(0, 10);
  status["wd:Probation_End_Date"] = tenantDate(probationEnd);
  if (state.leave !== undefined) {
    status["wd:Leave_Status_Data"] = {
      "wd:On_Leave": "1",
      "wd:Leave_Start_Date": tenantDate(state.leave.startDate),
      "wd:Estimated_Leave_End_Date": tenantDate(state.leave.estimatedEndDate),
      "wd:Leave_of_Absence_Type_Reference": reference(state.leave.typeName, id("Leave_of_Absence_Type_ID", state.leave.typeId)),
    };
  }
  status["wd:Academic_Tenure_Date"] = hire;
  status["wd:Rehire"] = flag(state.rehire);
  return status;
}

function organization(refType: string, orgId: string, name: string, typeId: string, typeName: string, code?: string): XmlTree {
  const data: XmlTree = { "wd:Organization_Reference_ID": orgId };
  if (code !== undefined) data["wd:Organization_Code"] = code;
  data["wd:Organization_Name"] = name;
  data["wd:Organization_Type_Reference"] = reference(typeName, id("Organization_Type_ID", typeId));
  return { "wd:Organization_Reference": reference(name, id(refType, orgId)), "wd:Organization_Data": data };
}

function organizationData(state: WorkerState, flags: ReadonlySet<string>): XmlTree[] {
  const company = referenceOf(COMPANY_BY_ID, state.companyId, "company");
  const department = referenceOf(DEPARTMENT_BY_ID, state.departmentId, "department");
  const location = referenceOf(LOCATION_BY_ID, state.locationId, "location");
  const rows: XmlTree[] = [];
  if (!flags.has("Exclude_Companies")) {
    rows.push(organization("Company_Reference_ID", company.id, company.name, "COMPANY", "Company", company.code));
  }
  if (!flags.has("Exclude_Supervisory_Organizations")) {
    rows.push(organization("Organization_Reference_ID", department.id, department.name, "SUPERVISORY", "Supervisory"));
  }
  if (!flags.has("Exclude_Cost_Centers")) {
    rows.push(
      organization("Cost_Center_Reference_ID", department.costCenterId, department.costCenterName, "COST_CENTER", "Cost Center", department.costCenterCode),
    );
  }
  rows.push(organization("Organization_Reference_ID", `FAC_${location.id.slice(4)}`, `${location.municipality} Campus`, "FACILITY", "Facility"));
  if (!flags.has("Exclude_Location_Hierarchies")) {
    rows.push(organization("Organization_Reference_ID", location.hierarchyId, location.hierarchyName, "LOCATION_HIERARCHY", "Location Hierarchy"));
  }
  return rows;
}

function managementChain(state: WorkerState): XmlTree {
  return {
    "wd:Worker_Supervisory_Management_Chain_Data": {
      "wd:Management_Chain_Data": state.managerChain.map((manager) => ({
        "wd:Organization_Reference": reference(`${manager.name}'s team`, id("Organization_Reference_ID", `SUP_MGR_${manager.workerId}`)),
        "wd:Manager_Reference": reference(`${manager.name} (${manager.workerId})`, id("WID", manager.wid), id("Employee_ID", manager.workerId)),
      })),
    },
  };
}

function transactionLog(entries: readonly TransactionEntry[], name: string): XmlTree {
  return {
    "wd:Transaction_Log_Entry": entries.map((entry) => ({
      "wd:Transaction_Log_Reference": reference(`${entry.type}: ${name}`, id("WID", entry.id)),
      "wd:Transaction_Log_Data": {
        "wd:Transaction_Log_Description": entry.description,
        "wd:Transaction_Effective_Moment": tenantDateTime(entry.effectiveMoment),
        "wd:Transaction_Entry_Moment": tenantDateTime(entry.entryMoment),
        "wd:Transaction_Log_Type_Reference": reference(entry.type, id("Business_Process_Type", entry.type)),
      },
    })),
  };
}

/** Status blocks repeat across workers hired on the same day; key = everything statusData reads. */
const statusFragments = new FragmentCache(50_000);

function statusFragment(state: WorkerState, shape: ShapeVersion): XmlTree {
  const leave = state.leave;
  const key = [
    shape,
    state.workerType,
    state.hireDate,
    state.originalHireDate,
    state.terminationDate ?? "",
    state.lastDayOfWork ?? "",
    state.active,
    state.terminated,
    state.rehire,
    leave === undefined ? "" : JSON.stringify([leave.typeId, leave.typeName, leave.startDate, leave.estimatedEndDate]),
  ].join("|");
  return preserialised(statusFragments.get(key, () => serialise(statusData(state, shape))));
}

/** Organization_Data per company × department × location × exclusion flags. */
const organizationFragments = new FragmentCache(4096);
const ORGANIZATION_EXCLUSIONS = ["Exclude_Companies", "Exclude_Supervisory_Organizations", "Exclude_Cost_Centers", "Exclude_Location_Hierarchies"];

function organizationFragment(state: WorkerState, flags: ReadonlySet<string>): string {
  const exclusions = ORGANIZATION_EXCLUSIONS.map((name) => (flags.has(name) ? "1" : "0")).join("");
  return organizationFragments.get(`${state.companyId}|${state.departmentId}|${state.locationId}|${exclusions}`, () =>
    serialise({ "wd:Organization_Data": { "wd:Worker_Organization_Data": organizationData(state, flags) } }),
  );
}

/** Management_Chain_Data is the same for every report of a manager. */
const chainFragments = new FragmentCache(50_000);

function chainFragment(state: WorkerState): string {
  if (state.managerChain.length === 0) return "";
  return chainFragments.get(JSON.stringify(state.managerChain), () => serialise({ "wd:Management_Chain_Data": managementChain(state) }));
}

/** The serialised `wd:Worker` element for a worker in the state a query sees. */
export function renderWorker(record: WorkerRecord, state: WorkerState, effectiveDate: string, options: RenderOptions): string {
  const { flags, shape } = options;
  const oversize = options.malformation === "oversize";
  const worker: XmlTree = {};
  if (flags.has("Include_Reference")) worker["wd:Worker_Reference"] = workerReference(record.wid, state);
  worker["wd:Worker_Descriptor"] = workerDescriptor(state);

  // Worker_Data's children in schema order; consecutive ones built per worker go in one build.
  const own: XmlTree = {};
  if (options.malformation !== "missingWorkerId") own["wd:Worker_ID"] = oversize ? `${state.workerId}${"9".repeat(20)}` : state.workerId;
  own["wd:User_ID"] = state.userId;
  if (shape === "v30+") own["wd:Universal_ID"] = `UID-${record.personUuid.slice(0, 12)}`;
  if (flags.has("Include_Personal_Information")) {
    const location = referenceOf(LOCATION_BY_ID, state.locationId, "location");
    const names: XmlTree = { "wd:Legal_Name_Data": { "wd:Name_Detail_Data": nameDetail(state.legalName, location.countryAlpha3, location.countryName) } };
    if (state.preferredName !== undefined) {
      names["wd:Preferred_Name_Data"] = { "wd:Name_Detail_Data": nameDetail(state.preferredName, location.countryAlpha3, location.countryName) };
    }
    own["wd:Personal_Data"] = {
      "wd:Name_Data": names,
      "wd:Contact_Data": {
        "wd:Phone_Data": state.phones.map((phone) => phoneData(phone, shape)),
        "wd:Email_Address_Data": state.emails.map(emailData),
      },
    };
  }
  if (flags.has("Include_Employment_Information")) {
    const position = positionData(state, effectiveDate, oversize);
    own["wd:Employment_Data"] =
      shape === "v21.1"
        ? { "wd:Position_Data": position, "wd:Worker_Status_Data": statusFragment(state, shape) }
        : { "wd:Worker_Job_Data": { "@_wd:Primary_Job": "1", "wd:Position_Data": position }, "wd:Worker_Status_Data": statusFragment(state, shape) };
  }
  let data = SECTION_BUILDER.build(own) as string;
  if (flags.has("Include_Organizations")) data += organizationFragment(state, flags);
  if (flags.has("Include_Management_Chain_Data")) data += chainFragment(state);
  if (flags.has("Include_Transaction_Log_Data") && options.transactions !== undefined && options.transactions.length > 0) {
    data += serialise({ "wd:Transaction_Log_Entry_Data": transactionLog(options.transactions, displayName(state)) });
  }
  const account: XmlTree = {};
  if (flags.has("Include_User_Account")) account["wd:User_Account_Data"] = { "wd:User_Name": state.userId };
  if (flags.has("Include_Account_Provisioning")) {
    account["wd:Account_Provisioning_Data"] = {
      "wd:Provisioning_Group_Assignment_Data": {
        "wd:Provisioning_Group": state.workerType === "employee" ? "Standard Employees" : "Contingent Workers",
        "wd:Status": state.active ? "Assigned" : "Unassigned",
        "wd:Last_Changed": tenantDateTime(record.lastModified),
      },
    };
  }
  if (Object.keys(account).length > 0) data += serialise(account);
  worker["wd:Worker_Data"] = preserialised(data);
  return WORKER_BUILDER.build({ "wd:Worker": worker }) as string;
}
