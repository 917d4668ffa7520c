/**
 * The Workday attribute catalogues: attribute name → XPath, for WWS v21.1 (the default when the
 * endpoint URL names no version) and for v30+ (where Position_Data moved under the primary
 * Worker_Job_Data and the contact rows match reference IDs instead of descriptors).
 *
 * The strings are the documented ones, spelling slips included (StatusAcademisTenureDate,
 * Not_Eligible_For_Hire, Work_Space__Reference), so existing mappings keep their meaning. Every
 * path is evaluated with a Response_Data element holding one worker as the context node, and every
 * entry is single-valued: where a path matches several nodes (AddressLineData, an organization
 * type held twice) the first in document order gives the value, as in Entra's connector.
 */

export type CatalogueVersion = "v21.1" | "v30+";

/** Attribute name → XPath. Every catalogue attribute is single-valued. */
export type AttributeXPaths = Readonly<Record<string, string>>;

/**
 * One attribute of a configuration: an XPath (single-valued: the first selected node's value),
 * or `{ xpath, multiValued: true }` for a list of every selected node's value.
 */
export type AttributeDefinition = string | { readonly xpath: string; readonly multiValued?: boolean };

/** Attribute name → definition; a catalogue (AttributeXPaths) is one too. */
export type AttributeDefinitions = Readonly<Record<string, AttributeDefinition>>;

export const xpathOf = (definition: AttributeDefinition): string =>
  typeof definition === "string" ? definition : definition.xpath;

export const isMultiValued = (definition: AttributeDefinition): boolean =>
  typeof definition !== "string" && definition.multiValued === true;

const WORKER = "wd:Worker/wd:Worker_Data";
const REFERENCE = "wd:Worker/wd:Worker_Reference";
const STATUS = `${WORKER}/wd:Employment_Data/wd:Worker_Status_Data`;
const LEGAL_NAME = `${WORKER}/wd:Personal_Data/wd:Name_Data/wd:Legal_Name_Data/wd:Name_Detail_Data`;
const PREFERRED_NAME = `${WORKER}/wd:Personal_Data/wd:Name_Data/wd:Preferred_Name_Data/wd:Name_Detail_Data`;
const CONTACT = `${WORKER}/wd:Personal_Data/wd:Contact_Data`;
const ORGANIZATIONS = `${WORKER}/wd:Organization_Data/wd:Worker_Organization_Data`;
const ORG_TYPE = "wd:Organization_Type_Reference/wd:ID[@wd:type='Organization_Type_ID']";

const POSITION_V21 = `${WORKER}/wd:Employment_Data/wd:Position_Data`;
const POSITION_V30 = `${WORKER}/wd:Employment_Data/wd:Worker_Job_Data[@wd:Primary_Job=1]/wd:Position_Data`;

const upper = (expression: string) =>
  `translate(string(${expression}),'abcdefghijklmnopqrstuvwxyz','ABCDEFGHIJKLMNOPQRSTUVWXYZ')`;
const usageDescriptor = "wd:Usage_Data/wd:Type_Data/wd:Type_Reference/@wd:Descriptor";
const usageId = "wd:Usage_Data/wd:Type_Data/wd:Type_Reference/wd:ID[@wd:type='Communication_Usage_Type_ID']";

/** v21.1 phones: device type and usage matched by their descriptors, upper-cased. */
const phoneV21 = (deviceDescriptor: string) =>
  `${CONTACT}/wd:Phone_Data[${upper("wd:Phone_Device_Type_Reference/@wd:Descriptor")}='${deviceDescriptor}' and ${upper(usageDescriptor)}='WORK']/@wd:Formatted_Phone`;

/** v30+ phones: public WORK usage and the device type's reference ID. */
const phoneV30 = (deviceId: string) =>
  `${CONTACT}/wd:Phone_Data[wd:Usage_Data/@wd:Public='1' and string(${usageId})='WORK' and string(wd:Phone_Device_Type_Reference/wd:ID[@wd:type='Phone_Device_Type_ID'])='${deviceId}']/@wd:Workday_Traditional_Formatted_Phone`;

/** Worker_Status_Data rows: attribute name → element name (the documented spellings). */
const STATUS_ELEMENTS: readonly (readonly [string, string])[] = [
  ["StatusAcademisTenureDate", "Academic_Tenure_Date"],
  ["StatusActiveStatusDate", "Active_Status_Date"],
  ["StatusBenefitsServiceDate", "Benefits_Service_Date"],
  ["StatusCompanyServiceDate", "Company_Service_Date"],
  ["StatusContinuousFirstDayOfWork", "First_Day_of_Work"],
  ["StatusContinuousServiceDate", "Continuous_Service_Date"],
  ["StatusDateEnteredWorkforce", "Date_Entered_Workforce"],
  ["StatusDaysUnemployed", "Days_Unemployed"],
  ["StatusEndEmploymentDate", "End_Employment_Date"],
  ["StatusExpectedRetirementDate", "Expected_Retirement_Date"],
  ["StatusHireDate", "Hire_Date"],
  ["StatusMonthsContinuousPriorEmployment", "Months_Continuous_Prior_Employment"],
  // Published with a capital F, so it never matches the schema's Not_Eligible_for_Hire.
  ["StatusNotEligibleForHire", "Not_Eligible_For_Hire"],
  ["StatusNotEligibleForRehire", "Not_Eligible_for_Rehire"],
  ["StatusOriginalHireDate", "Original_Hire_Date"],
  ["StatusProbationEndDate", "Probation_End_Date"],
  ["StatusProbationStartDate", "Probation_Start_Date"],
  ["StatusRegrettableTermination", "Regrettable_Termination"],
  ["StatusRehire", "Rehire"],
  ["StatusResignationDate", "Resignation_Date"],
  ["StatusRetired", "Retired"],
  ["StatusRetirementDate", "Retirement_Date"],
  ["StatusRetirementEligibilityDate", "Retirement_Eligibility_Date"],
  ["StatusSeniorityDate", "Seniority_Date"],
  ["StatusSeveranceDate", "Severance_Date"],
  ["StatusTerminated", "Terminated"],
  ["StatusTerminationDate", "Termination_Date"],
  ["StatusTerminationInvoluntary", "Termination_Involuntary"],
  ["StatusTerminationLastDayOfWork", "Termination_Last_Day_of_Work"],
  ["StatusTimeOffServiceDate", "Time_Off_Service_Date"],
  ["StatusVestingDate", "Vesting_Date"],
];

/** The rows shared by both versions once the position prefix is chosen. */
function positionRows(position: string): Record<string, string> {
  const address = `${position}/wd:Business_Site_Summary_Data/wd:Address_Data`;
  const rows: Record<string, string> = {};
  for (let line = 2; line <= 9; line++) {
    rows[`AddressLine${line}Data`] = `${address}/wd:Address_Line_Data[@wd:Type='ADDRESS_LINE_${line}']/text()`;
  }
  rows.AddressLineData = `${address}/wd:Address_Line_Data/text()`;
  rows.BusinessTitle = `${position}/wd:Business_Title/text()`;
  rows.CountryReference = `${address}/wd:Country_Reference/wd:ID[@wd:type='ISO_3166-1_Alpha-3_Code']/text()`;
  rows.CountryReferenceFriendly = `${address}/wd:Country_Reference/@wd:Descriptor`;
  rows.CountryReferenceNumeric = `${address}/wd:Country_Reference/wd:ID[@wd:type='ISO_3166-1_Numeric-3_Code']/text()`;
  rows.CountryReferenceTwoLetter = `${address}/wd:Country_Reference/wd:ID[@wd:type='ISO_3166-1_Alpha-2_Code']/text()`;
  rows.JobClassificationID = `${position}/wd:Job_Classification_Summary_Data/wd:Job_Classification_Reference/wd:ID[@wd:type='Job_Classification_Reference_ID']/text()`;
  rows.JobFamilyID = `${position}/wd:Job_Profile_Summary_Data/wd:Job_Family_Reference/wd:ID[@wd:type='Job_Family_ID']/text()`;
  rows.LocalReference = `${position}/wd:Business_Site_Summary_Data/wd:Local_Reference/wd:ID[@wd:type='Locale_ID']/text()`;
  rows.LocationIdentifier = `${position}/wd:Business_Site_Summary_Data/wd:Location_Reference/wd:ID[@wd:type='Location_ID']/text()`;
  rows.Municipality = `${address}/wd:Municipality/text()`;
  rows.PositionID = `${position}/wd:Position_ID/text()`;
  rows.PositionTitle = `${position}/wd:Position_Title/text()`;
  rows.PostalCode = `${address}/wd:Postal_Code/text()`;
  rows.WorkSpaceReference = `${position}/wd:Work_Space__Reference/@wd:Descriptor`;
  return rows;
}

function versionIndependentRows(): Record<string, string> {
  const rows: Record<string, string> = {
    Active: `${STATUS}/wd:Active/text()`,
    ContingentWorkerID: `${REFERENCE}/wd:ID[@wd:type='Contingent_Worker_ID']/text()`,
    EmployeeID: `${REFERENCE}/wd:ID[@wd:type='Employee_ID']/text()`,
    FirstName: `${LEGAL_NAME}/wd:First_Name/text()`,
    LastName: `${LEGAL_NAME}/wd:Last_Name/text()`,
    LeaveAbsenceType: `${STATUS}/wd:Leave_Status_Data[wd:On_Leave='1']/wd:Leave_of_Absence_Type_Reference/wd:ID[@wd:type='Leave_of_Absence_Type_ID']/text()`,
    // The last chain entry of the first supervisory chain is the immediate manager.
    ManagerReference: `${WORKER}/wd:Management_Chain_Data/wd:Worker_Supervisory_Management_Chain_Data[position()=1]/wd:Management_Chain_Data[last()=position()]/wd:Manager_Reference/wd:ID[@wd:type='WID']/text()`,
    MiddleName: `${LEGAL_NAME}/wd:Middle_Name/text()`,
    PreferredFirstName: `${PREFERRED_NAME}/wd:First_Name/text()`,
    PreferredLastName: `${PREFERRED_NAME}/wd:Last_Name/text()`,
    PreferredMiddleName: `${PREFERRED_NAME}/wd:Middle_Name/text()`,
    PreferredNameData: `${PREFERRED_NAME}/@wd:Formatted_Name`,
    SupervisoryOrganization: `${ORGANIZATIONS}/wd:Organization_Data[${upper(ORG_TYPE)}='SUPERVISORY']/wd:Organization_Name/text()`,
    TransactionLogData: `${WORKER}/wd:Transaction_Log_Entry_Data/wd:Transaction_Log_Entry`,
    UserID: `${WORKER}/wd:User_ID/text()`,
    WID: `${REFERENCE}/wd:ID[@wd:type='WID']/text()`,
    WorkerID: `${WORKER}/wd:Worker_ID/text()`,
  };
  for (const [name, element] of STATUS_ELEMENTS) rows[name] = `${STATUS}/wd:${element}/text()`;
  return rows;
}

function sortedByName(rows: Record<string, string>): AttributeXPaths {
  const sorted: Record<string, string> = {};
  for (const name of Object.keys(rows).sort()) sorted[name] = rows[name]!;
  return Object.freeze(sorted);
}

/** WWS v21.1 catalogue (80 attributes). */
export const WORKDAY_V21_CATALOGUE: AttributeXPaths = sortedByName({
  ...versionIndependentRows(),
  ...positionRows(POSITION_V21),
  Company: `${ORGANIZATIONS}[${upper(`wd:Organization_Data/${ORG_TYPE}`)}='COMPANY']/wd:Organization_Reference/@wd:Descriptor`,
  CountryRegionReference: `${POSITION_V21}/wd:Business_Site_Summary_Data/wd:Address_Data/wd:Country_Region_Reference/@wd:Descriptor`,
  EmailAddress: `${CONTACT}/wd:Email_Address_Data[${upper(usageDescriptor)}='WORK']/wd:Email_Address/text()`,
  FacilityLocation: `${ORGANIZATIONS}[${upper(`wd:Organization_Data/${ORG_TYPE}`)}='FACILITY']/wd:Organization_Reference/@wd:Descriptor`,
  Fax: phoneV21("FAX"),
  Mobile: phoneV21("MOBILE"),
  PrimaryWorkTelephone: `${CONTACT}/wd:Phone_Data[wd:Usage_Data/wd:Type_Data/@wd:Primary='1' and ${upper(usageDescriptor)}='WORK']/@wd:Formatted_Phone`,
  Telephone: phoneV21("TELEPHONE"),
  WorkerType: `${POSITION_V21}/wd:Worker_Type_Reference/@wd:Descriptor`,
});

/** WWS v30+ catalogue (the same 80 attribute names). */
export const WORKDAY_V30_CATALOGUE: AttributeXPaths = sortedByName({
  ...versionIndependentRows(),
  ...positionRows(POSITION_V30),
  Company: `${ORGANIZATIONS}[${upper(`wd:Organization_Data/${ORG_TYPE}`)}='COMPANY']/wd:Organization_Data/wd:Organization_Name/text()`,
  CountryRegionReference: `${POSITION_V30}/wd:Business_Site_Summary_Data/wd:Address_Data/wd:Country_Region_Descriptor/text()`,
  EmailAddress: `${CONTACT}/wd:Email_Address_Data[wd:Usage_Data/@wd:Public='1' and string(${usageId})='WORK']/wd:Email_Address/text()`,
  FacilityLocation: `${ORGANIZATIONS}/wd:Organization_Data[${upper(ORG_TYPE)}='LOCATION_HIERARCHY']/wd:Organization_Name/text()`,
  Fax: phoneV30("Fax"),
  Mobile: phoneV30("Mobile"),
  // In v30+ the primary work telephone is the same landline predicate as Telephone.
  PrimaryWorkTelephone: phoneV30("Landline"),
  Telephone: phoneV30("Landline"),
  WorkerType: `${POSITION_V30}/wd:Worker_Type_Reference[wd:ID/@wd:type="Contingent_Worker_Type_ID" or wd:ID/@wd:type="Employee_Type_ID"]/@wd:Descriptor`,
});

/**
 * Documented custom XPaths (not in the default list: several need extra Response_Group data).
 * Add them to a configuration's attribute list by name when wanted.
 */
export const WORKDAY_DOCUMENTED_CUSTOM_XPATHS: AttributeXPaths = Object.freeze({
  UniversalID: `${WORKER}/wd:Universal_ID/text()`,
  UserName: `${WORKER}/wd:User_Account_Data/wd:User_Name/text()`,
  ManagementLevelID: `${POSITION_V30}/wd:Job_Profile_Summary_Data/wd:Management_Level_Reference/wd:ID[@wd:type="Management_Level_ID"]/text()`,
  HireRescinded: `${STATUS}/wd:Hire_Rescinded/text()`,
  AssignedProvisioningGroup: `${WORKER}/wd:Account_Provisioning_Data/wd:Provisioning_Group_Assignment_Data[wd:Status='Assigned']/wd:Provisioning_Group/text()`,
});

export function catalogueForVersion(version: CatalogueVersion): AttributeXPaths {
  return version === "v21.1" ? WORKDAY_V21_CATALOGUE : WORKDAY_V30_CATALOGUE;
}
