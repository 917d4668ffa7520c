/**
 * The SuccessFactors attribute catalogue: the attributes Entra's SuccessFactors schema ships,
 * each with the JSONPath Roster evaluates against one `PerPerson` object.
 *
 * Entra's documentation lists the attribute names but prints only some of their JSONPaths. The
 * paths here are either printed in the documentation ("documented"), built with its
 * construction rule ("rule": EmpEmployment field → `$.employmentNav.results[0].<field>`, User
 * field → `…results[0].userNav.<field>`, EmpJob field → `…results[0].jobInfoNav.results[0].<field>`),
 * or follow the same pattern for entities the rule does not cover ("inferred": PerPersonal,
 * PerEmail/PerPhone (the primary row), the FO objects (name / externalCode) and
 * PersonEmpTerminationInfo). Published spellings are kept (`addressLIne3`, `LocationName`).
 */

export type CatalogueProvenance = "documented" | "rule" | "inferred";

export interface CatalogueAttribute {
  readonly name: string;
  /** The SuccessFactors entity the value comes from, as Entra's schema groups it. */
  readonly entity: string;
  readonly jsonPath: string;
  readonly provenance: CatalogueProvenance;
}

export interface DocumentedJsonPath {
  readonly name: string;
  readonly jsonPath: string;
  readonly note: string;
}

/** Attribute name → JSONPath. */
export type AttributeJsonPaths = Readonly<Record<string, string>>;

export const PERSON_ROOT = "$";
export const PERSONAL_ROOT = "$.personalInfoNav.results[0]";
export const EMPLOYMENT_ROOT = "$.employmentNav.results[0]";
export const USER_ROOT = `${EMPLOYMENT_ROOT}.userNav`;
export const JOB_ROOT = `${EMPLOYMENT_ROOT}.jobInfoNav.results[0]`;
export const PRIMARY_EMAIL_ROOT = "$.emailNav.results[?(@.isPrimary == true)]";
export const PRIMARY_PHONE_ROOT = "$.phoneNav.results[?(@.isPrimary == true)]";
export const TERMINATION_ROOT = "$.personEmpTerminationInfoNav";
/** Documented manager path: the manager User's employment, whose personIdExternal is the manager's anchor. */
export const MANAGER_JSONPATH = `${USER_ROOT}.manager.empInfo.personIdExternal`;

const attribute = (
  name: string,
  entity: string,
  jsonPath: string,
  provenance: CatalogueProvenance,
): CatalogueAttribute => ({ name, entity, jsonPath, provenance });

const fields = (
  entity: string,
  root: string,
  provenance: CatalogueProvenance,
  names: readonly string[],
): CatalogueAttribute[] => names.map((name) => attribute(name, entity, `${root}.${name}`, provenance));

const numbered = (count: number, make: (n: number) => CatalogueAttribute): CatalogueAttribute[] =>
  Array.from({ length: count }, (_, i) => make(i + 1));

const twoDigits = (n: number) => String(n).padStart(2, "0");

/** A foundation object reached from EmpJob: its localized name and its code. */
const foundation = (entity: string, nav: string, nameAttribute: string, idAttribute?: string): CatalogueAttribute[] => [
  attribute(nameAttribute, entity, `${JOB_ROOT}.${nav}.name_localized`, "inferred"),
  ...(idAttribute ? [attribute(idAttribute, entity, `${JOB_ROOT}.${nav}.externalCode`, "inferred")] : []),
];

const LOCATION = `${JOB_ROOT}.locationNav`;
const OFFICE_ADDRESS = `${LOCATION}.addressNavDEFLT`;

export const SUCCESSFACTORS_CATALOGUE: readonly CatalogueAttribute[] = Object.freeze([
  attribute("personIdExternal", "PerPerson", "$.personIdExternal", "documented"),
  ...fields("PerPerson", PERSON_ROOT, "inferred", ["personId"]),
  attribute("perPersonUuid", "PerPerson", "$.perPersonUuid", "documented"),

  ...fields("PerPersonal", PERSONAL_ROOT, "inferred", [
    "displayName",
    "firstName",
    "gender",
    "lastName",
    "middleName",
    "preferredName",
  ]),

  ...fields("User", USER_ROOT, "rule", ["addressLine1", "addressLine2"]),
  // Published with a capital I; the OData property is addressLine3.
  attribute("addressLIne3", "User", `${USER_ROOT}.addressLine3`, "rule"),
  ...fields("User", USER_ROOT, "rule", ["businessPhone", "cellPhone", "city", "country"]),
  ...numbered(15, (n) => attribute(`custom${twoDigits(n)}`, "User", `${USER_ROOT}.custom${twoDigits(n)}`, "rule")),
  ...fields("User", USER_ROOT, "rule", ["empId", "homePhone", "jobFamily", "nickname", "state"]),
  attribute("timeZone", "User", `${USER_ROOT}.timeZone`, "documented"),
  ...fields("User", USER_ROOT, "rule", ["username", "zipCode"]),
  attribute("userStatus", "User", `${USER_ROOT}.status`, "documented"),

  ...fields("PerPhone", PRIMARY_PHONE_ROOT, "inferred", ["areaCode", "countryCode", "extension"]),
  attribute("phoneNumber", "PerPhone", `${PRIMARY_PHONE_ROOT}.phoneNumber`, "documented"),
  ...fields("PerPhone", PRIMARY_PHONE_ROOT, "inferred", ["phoneType"]),

  attribute("emailAddress", "PerEmail", `${PRIMARY_EMAIL_ROOT}.emailAddress`, "documented"),
  ...fields("PerEmail", PRIMARY_EMAIL_ROOT, "inferred", ["emailType"]),

  ...fields("EmpEmployment", EMPLOYMENT_ROOT, "rule", [
    "firstDateWorked",
    "lastDateWorked",
    "userId",
    "isContingentWorker",
  ]),
  // Must stay indexed ([0] or [-1:]) for the pre-hire lookup.
  attribute("startDate", "EmpEmployment", `${EMPLOYMENT_ROOT}.startDate`, "documented"),
  ...numbered(15, (n) =>
    attribute(`empNavCustomString${n}`, "EmpEmployment", `${EMPLOYMENT_ROOT}.customString${n}`, "rule"),
  ),

  ...fields("EmpJob", JOB_ROOT, "rule", ["countryOfCompany"]),
  attribute("emplStatus", "EmpJob", `${JOB_ROOT}.emplStatus`, "documented"),
  ...fields("EmpJob", JOB_ROOT, "rule", ["endDate", "jobTitle", "position", "customString13"]),
  // The default mapping flows managerId to the manager reference, whose anchor is the manager's
  // personIdExternal: Entra documents this path for it, not EmpJob.managerId (a userId).
  attribute("managerId", "EmpJob", MANAGER_JSONPATH, "documented"),
  ...numbered(15, (n) => attribute(`empJobNavCustomString${n}`, "EmpJob", `${JOB_ROOT}.customString${n}`, "rule")),

  ...foundation("EmpJob.BusinessUnit", "businessUnitNav", "businessUnit", "businessUnitId"),
  ...foundation("EmpJob.Company", "companyNav", "company", "companyId"),
  attribute(
    "twoCharCountryCode",
    "EmpJob.Company.CountryOfRegistration",
    `${JOB_ROOT}.companyNav.countryOfRegistrationNav.twoCharCountryCode`,
    "inferred",
  ),
  ...foundation("EmpJob.CostCenter", "costCenterNav", "costCenter", "costCenterId"),
  attribute("costCenterDescription", "EmpJob.CostCenter", `${JOB_ROOT}.costCenterNav.description`, "inferred"),
  attribute("department", "EmpJob.Department", `${JOB_ROOT}.departmentNav.name_localized`, "documented"),
  attribute("departmentId", "EmpJob.Department", `${JOB_ROOT}.departmentNav.externalCode`, "inferred"),
  ...foundation("EmpJob.Division", "divisionNav", "division", "divisionId"),
  ...foundation("EmpJob.JobCode", "jobCodeNav", "jobCode", "jobCodeId"),
  attribute("LocationName", "EmpJob.Location", `${LOCATION}.name`, "inferred"),
  attribute("officeLocationAddress", "EmpJob.Location", `${OFFICE_ADDRESS}.address1`, "documented"),
  attribute("officeLocationCity", "EmpJob.Location", `${OFFICE_ADDRESS}.city`, "documented"),
  attribute("officeLocationCustomString4", "EmpJob.Location", `${OFFICE_ADDRESS}.customString4`, "inferred"),
  attribute("officeLocationZipCode", "EmpJob.Location", `${OFFICE_ADDRESS}.zipCode`, "documented"),
  ...foundation("EmpJob.PayGrade", "payGradeNav", "payGrade"),

  ...fields("EmpEmploymentTermination", TERMINATION_ROOT, "inferred", [
    "activeEmploymentsCount",
    "latestTerminationDate",
  ]),
]);

/** Attribute name → JSONPath of the whole catalogue. */
export const SUCCESSFACTORS_CATALOGUE_JSONPATHS: AttributeJsonPaths = Object.freeze(
  Object.fromEntries(SUCCESSFACTORS_CATALOGUE.map((entry) => [entry.name, entry.jsonPath])),
);

/**
 * The attributes imported when the configuration names none: those of Entra's default
 * SuccessFactors mapping, plus startDate and userStatus, which the pre-hire handling reads.
 */
export const DEFAULT_ATTRIBUTE_NAMES: readonly string[] = Object.freeze([
  "personIdExternal",
  "perPersonUuid",
  "displayName",
  "firstName",
  "lastName",
  "addressLine1",
  "city",
  "country",
  "state",
  "username",
  "zipCode",
  "emailAddress",
  "jobTitle",
  "managerId",
  "twoCharCountryCode",
  "department",
  "division",
  "officeLocationAddress",
  "officeLocationZipCode",
  "activeEmploymentsCount",
  "startDate",
  "userStatus",
]);

/** Entra's documented active-record filter: the job records with status code A, U or P. */
export const DOCUMENTED_ACTIVE_JOB_ROOT =
  "$.employmentNav..jobInfoNav..results[?(@.emplStatusNav.externalCode == 'A' || @.emplStatusNav.externalCode == 'U' || @.emplStatusNav.externalCode == 'P' )]";

/**
 * JSONPaths the documentation prints as examples of custom attributes and alternative roots.
 * Names may repeat catalogue names: they are alternatives to pick, not extra defaults.
 */
export const SUCCESSFACTORS_DOCUMENTED_JSONPATHS: readonly DocumentedJsonPath[] = Object.freeze([
  { name: "okToRehire", jsonPath: `${EMPLOYMENT_ROOT}.okToRehire`, note: "EmpEmployment field" },
  { name: "flsaStatus", jsonPath: `${JOB_ROOT}.flsaStatus`, note: "EmpJob field" },
  { name: "empJobNavCustomString35", jsonPath: `${JOB_ROOT}.customString35`, note: "EmpJob custom string" },
  { name: "custom35", jsonPath: `${USER_ROOT}.custom35`, note: "User custom field" },
  { name: "empNavCustomString35", jsonPath: `${EMPLOYMENT_ROOT}.customString35`, note: "EmpEmployment custom string" },
  {
    name: "emplStatus",
    jsonPath: `${JOB_ROOT}.emplStatusNav.externalCode`,
    note: "status letter code (A, U, P, T, …) instead of the picklist option id",
  },
  {
    name: "startDate",
    jsonPath: "$.employmentNav.results[-1:].startDate",
    note: "latest employment; the other form the pre-hire lookup accepts",
  },
  { name: "positionJobLevel", jsonPath: `${JOB_ROOT}.positionNav.jobLevel`, note: "Position field" },
  { name: "positionNameFR", jsonPath: `${JOB_ROOT}.positionNav.externalName_fr_FR`, note: "Position name, French" },
  { name: "positionNameDE", jsonPath: `${JOB_ROOT}.positionNav.externalName_de_DE`, note: "Position name, German" },
  {
    name: "globalAssignmentDepartment",
    jsonPath:
      "$.employmentNav.results[?(@.assignmentClass == 'GA')].jobInfoNav.results[0].departmentNav.name_localized",
    note: "department of the global assignment",
  },
  {
    name: "secondJobDepartment",
    jsonPath: "$.employmentNav.results[1].jobInfoNav.results[0].departmentNav.name_localized",
    note: "department of the second employment",
  },
  {
    name: "standardAssignmentDepartment",
    jsonPath:
      "$.employmentNav.results[?(@.assignmentClass == 'ST')].jobInfoNav.results[0].departmentNav.name_localized",
    note: "department of the home (standard) assignment",
  },
  {
    name: "activeJobTitle",
    jsonPath: `${DOCUMENTED_ACTIVE_JOB_ROOT}.jobTitle`,
    note: "job title of the active job record (status A, U or P)",
  },
]);
