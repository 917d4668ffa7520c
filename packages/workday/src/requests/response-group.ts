/**
 * Get_Workers Response_Group flags. Like the Entra connector, the data sets every mapping needs
 * are always fetched (reference, personal, employment, additional jobs, organizations,
 * management chain); organization types that mappings rarely use are excluded unless a mapped
 * XPath names their Organization_Type_ID token; and the optional Worker_Data sets are fetched only
 * when a mapped XPath reaches into them.
 */

/** Every flag of Worker_Response_GroupType, in schema order (the order they must be sent in). */
export const RESPONSE_GROUP_FLAGS = [
  "Include_Reference",
  "Include_Personal_Information",
  "Include_Additional_Jobs",
  "Include_Employment_Information",
  "Include_Compensation",
  "Include_Organizations",
  "Exclude_Organization_Support_Role_Data",
  "Exclude_Location_Hierarchies",
  "Exclude_Cost_Centers",
  "Exclude_Cost_Center_Hierarchies",
  "Exclude_Companies",
  "Exclude_Company_Hierarchies",
  "Exclude_Matrix_Organizations",
  "Exclude_Pay_Groups",
  "Exclude_Regions",
  "Exclude_Region_Hierarchies",
  "Exclude_Supervisory_Organizations",
  "Exclude_Teams",
  "Exclude_Custom_Organizations",
  "Include_Roles",
  "Include_Management_Chain_Data",
  "Include_Multiple_Managers_in_Management_Chain_Data",
  "Include_Benefit_Enrollments",
  "Include_Benefit_Eligibility",
  "Include_Related_Persons",
  "Include_Qualifications",
  "Include_Employee_Review",
  "Include_Goals",
  "Include_Development_Items",
  "Include_Skills",
  "Include_Photo",
  "Include_Worker_Documents",
  "Include_Transaction_Log_Data",
  "Include_Subevents_for_Corrected_Transaction",
  "Include_Subevents_for_Rescinded_Transaction",
  "Include_Succession_Profile",
  "Include_Talent_Assessment",
  "Include_Employee_Contract_Data",
  "Include_Collective_Agreement_Data",
  "Include_Probation_Period_Data",
  "Include_Extended_Employee_Contract_Details",
  "Include_Feedback_Received",
  "Include_User_Account",
  "Include_Career",
  "Include_Account_Provisioning",
  "Include_Background_Check_Data",
  "Include_Contingent_Worker_Tax_Authority_Form_Information",
  "Exclude_Funds",
  "Exclude_Fund_Hierarchies",
  "Exclude_Grants",
  "Exclude_Grant_Hierarchies",
  "Exclude_Business_Units",
  "Exclude_Business_Unit_Hierarchies",
  "Exclude_Programs",
  "Exclude_Program_Hierarchies",
  "Exclude_Gifts",
  "Exclude_Gift_Hierarchies",
] as const;

export type ResponseGroupFlag = (typeof RESPONSE_GROUP_FLAGS)[number];

const ALWAYS_INCLUDED: readonly ResponseGroupFlag[] = [
  "Include_Reference",
  "Include_Personal_Information",
  "Include_Additional_Jobs",
  "Include_Employment_Information",
  "Include_Organizations",
  "Include_Management_Chain_Data",
];

/** Organization_Type_ID token → the exclusion dropped when a mapped XPath mentions it. */
const ORGANIZATION_TYPE_EXCLUSIONS: readonly (readonly [string, ResponseGroupFlag])[] = [
  ["LOCATION_HIERARCHY", "Exclude_Location_Hierarchies"],
  ["COST_CENTER", "Exclude_Cost_Centers"],
  ["COST_CENTER_HIERARCHY", "Exclude_Cost_Center_Hierarchies"],
  ["COMPANY_HIERARCHY", "Exclude_Company_Hierarchies"],
  ["MATRIX", "Exclude_Matrix_Organizations"],
  ["PAY_GROUP", "Exclude_Pay_Groups"],
  ["REGION", "Exclude_Regions"],
  ["REGION_HIERARCHY", "Exclude_Region_Hierarchies"],
  ["FUND", "Exclude_Funds"],
  ["FUND_HIERARCHY", "Exclude_Fund_Hierarchies"],
  ["GRANT", "Exclude_Grants"],
  ["GRANT_HIERARCHY", "Exclude_Grant_Hierarchies"],
  ["BUSINESS_UNIT", "Exclude_Business_Units"],
  ["BUSINESS_UNIT_HIERARCHY", "Exclude_Business_Unit_Hierarchies"],
  ["PROGRAMS", "Exclude_Programs"],
  ["PROGRAM_HIERARCHY", "Exclude_Program_Hierarchies"],
  ["GIFT", "Exclude_Gifts"],
  ["GIFT_HIERARCHY", "Exclude_Gift_Hierarchies"],
  // Not an organization type, but fetched the same way: only when a mapping reads it.
  ["Organization_Support_Role_Data", "Exclude_Organization_Support_Role_Data"],
];

/** Worker_Data child element → the flag that makes Workday return it. */
const WORKER_DATA_SETS: readonly (readonly [string, ResponseGroupFlag])[] = [
  ["Account_Provisioning_Data", "Include_Account_Provisioning"],
  ["Background_Check_Data", "Include_Background_Check_Data"],
  ["Benefit_Eligibility_Data", "Include_Benefit_Eligibility"],
  ["Benefit_Enrollment_Data", "Include_Benefit_Enrollments"],
  ["Career_Data", "Include_Career"],
  ["Compensation_Data", "Include_Compensation"],
  ["Contingent_Worker_Tax_Authority_Form_Type_Data", "Include_Contingent_Worker_Tax_Authority_Form_Information"],
  ["Development_Item_Data", "Include_Development_Items"],
  ["Employee_Contracts_Data", "Include_Employee_Contract_Data"],
  ["Employee_Review_Data", "Include_Employee_Review"],
  ["Feedback_Received_Data", "Include_Feedback_Received"],
  ["Worker_Goal_Data", "Include_Goals"],
  ["Photo_Data", "Include_Photo"],
  ["Qualification_Data", "Include_Qualifications"],
  ["Related_Persons_Data", "Include_Related_Persons"],
  ["Role_Data", "Include_Roles"],
  ["Skill_Data", "Include_Skills"],
  ["Succession_Profile_Data", "Include_Succession_Profile"],
  ["Talent_Assessment_Data", "Include_Talent_Assessment"],
  ["User_Account_Data", "Include_User_Account"],
  ["Worker_Document_Data", "Include_Worker_Documents"],
  ["Transaction_Log_Entry_Data", "Include_Transaction_Log_Data"],
];

/** Whole-token matchers, built once: COST_CENTER must not match inside COST_CENTER_HIERARCHY. */
const tokenMatcher = (token: string) => new RegExp(`(?<![A-Za-z0-9_])${token}(?![A-Za-z0-9_])`);
const EXCLUSION_MATCHERS = ORGANIZATION_TYPE_EXCLUSIONS.map(([token, flag]) => [tokenMatcher(token), flag] as const);
const DATA_SET_MATCHERS = WORKER_DATA_SETS.map(([element, flag]) => [tokenMatcher(element), flag] as const);

export type ResponseGroup = ReadonlySet<ResponseGroupFlag>;

/** The flags a Get_Workers request needs to answer the given XPaths. */
export function responseGroupFor(xpaths: Iterable<string>): ResponseGroup {
  const text = [...xpaths].join("\n");
  const flags = new Set<ResponseGroupFlag>(ALWAYS_INCLUDED);
  for (const [matcher, flag] of EXCLUSION_MATCHERS) if (!matcher.test(text)) flags.add(flag);
  for (const [matcher, flag] of DATA_SET_MATCHERS) if (matcher.test(text)) flags.add(flag);
  return flags;
}

/** The two flags of the Test Connection request. */
export const TEST_CONNECTION_RESPONSE_GROUP: ResponseGroup = new Set<ResponseGroupFlag>([
  "Include_Reference",
  "Include_Personal_Information",
]);

/** Reference IDs only (WID lookups before a username writeback). */
export const REFERENCE_ONLY_RESPONSE_GROUP: ResponseGroup = new Set<ResponseGroupFlag>(["Include_Reference"]);

export function withFlags(group: ResponseGroup, ...extra: ResponseGroupFlag[]): ResponseGroup {
  return new Set([...group, ...extra]);
}
