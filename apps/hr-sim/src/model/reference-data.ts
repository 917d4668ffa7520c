/**
 * The simulated tenant's organisation: companies, departments (each a supervisory organisation
 * with a cost centre), locations with addresses, job profiles and leave types. Fixed data, so a
 * seed always produces the same tenant. Some names are deliberately long or non-ASCII.
 */

export interface Company {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly countryAlpha3: string;
}

export interface Department {
  readonly id: string;
  readonly name: string;
  readonly costCenterId: string;
  readonly costCenterCode: string;
  readonly costCenterName: string;
}

export interface Location {
  readonly id: string;
  readonly name: string;
  readonly addressLines: readonly string[];
  readonly municipality: string;
  readonly regionId: string;
  readonly regionName: string;
  readonly postalCode: string;
  readonly countryAlpha2: string;
  readonly countryAlpha3: string;
  readonly countryNumeric: string;
  readonly countryName: string;
  readonly callingCode: string;
  readonly areaCodes: readonly string[];
  readonly localeId: string;
  readonly localeName: string;
  readonly timeZone: string;
  readonly companyId: string;
  readonly hierarchyId: string;
  readonly hierarchyName: string;
}

export interface JobProfile {
  readonly id: string;
  readonly name: string;
  readonly familyId: string;
  readonly familyName: string;
  readonly managementLevel: "IC" | "MGR" | "EXEC";
  readonly classificationId: string;
  readonly classificationName: string;
}

export const COMPANIES: readonly Company[] = [
  { id: "CO_100", code: "100", name: "Contoso Inc.", countryAlpha3: "USA" },
  { id: "CO_200", code: "200", name: "Contoso Deutschland GmbH", countryAlpha3: "DEU" },
  { id: "CO_300", code: "300", name: "Contoso (UK) Ltd", countryAlpha3: "GBR" },
  { id: "CO_400", code: "400", name: "Contoso Canada Ltée", countryAlpha3: "CAN" },
];

const department = (id: string, name: string, code: string): Department => ({
  id: `SUP_${id}`,
  name,
  costCenterId: `CC_${code}`,
  costCenterCode: code,
  costCenterName: name,
});

export const DEPARTMENTS: readonly Department[] = [
  department("EXEC", "Executive Office", "1000"),
  department("ENG", "Engineering", "4100"),
  department("ENG_PLAT", "Platform Engineering", "4130"),
  department("ENG_ID", "Identity & Access Engineering", "4140"),
  department("SALES", "Sales", "5100"),
  department("MKT", "Marketing", "5200"),
  department("FIN", "Finance", "6100"),
  department("FIN_PAY", "Payroll", "6150"),
  department("HR", "People & Culture", "7100"),
  department("LEGAL", "Legal, Risk and Compliance", "7200"),
  department("OPS", "Operations", "8100"),
  // Longer than AD's 64-character department limit on purpose.
  department("RND", "Research and Development for Advanced Distributed Systems Infrastructure", "9100"),
];

const location = (value: Location): Location => value;

export const LOCATIONS: readonly Location[] = [
  location({
    id: "LOC_SEA_01", name: "Seattle Office", addressLines: ["1200 Harbor Avenue", "Floor 7"], municipality: "Seattle",
    regionId: "USA-WA", regionName: "Washington", postalCode: "98101", countryAlpha2: "US", countryAlpha3: "USA",
    countryNumeric: "840", countryName: "United States of America", callingCode: "1", areaCodes: ["206", "425"],
    localeId: "en_US", localeName: "English (United States)", timeZone: "America/Los_Angeles", companyId: "CO_100",
    hierarchyId: "LH_NA_WEST", hierarchyName: "North America - West",
  }),
  location({
    id: "LOC_NYC_01", name: "New York Office", addressLines: ["350 Fifth Avenue", "Suite 2100"], municipality: "New York",
    regionId: "USA-NY", regionName: "New York", postalCode: "10118", countryAlpha2: "US", countryAlpha3: "USA",
    countryNumeric: "840", countryName: "United States of America", callingCode: "1", areaCodes: ["212", "646"],
    localeId: "en_US", localeName: "English (United States)", timeZone: "America/New_York", companyId: "CO_100",
    hierarchyId: "LH_NA_EAST", hierarchyName: "North America - East",
  }),
  location({
    id: "LOC_CHI_01", name: "Chicago Loop Office", addressLines: ["200 Lakeshore Plaza"], municipality: "Chicago",
    regionId: "USA-IL", regionName: "Illinois", postalCode: "60601", countryAlpha2: "US", countryAlpha3: "USA",
    countryNumeric: "840", countryName: "United States of America", callingCode: "1", areaCodes: ["312"],
    localeId: "en_US", localeName: "English (United States)", timeZone: "America/Chicago", companyId: "CO_100",
    hierarchyId: "LH_NA_CENTRAL", hierarchyName: "North America - Central",
  }),
  location({
    id: "LOC_MUC_01", name: "München Büro", addressLines: ["Leopoldstraße 244"], municipality: "München",
    regionId: "DEU-BY", regionName: "Bayern", postalCode: "80807", countryAlpha2: "DE", countryAlpha3: "DEU",
    countryNumeric: "276", countryName: "Germany", callingCode: "49", areaCodes: ["89"],
    localeId: "de_DE", localeName: "German (Germany)", timeZone: "Europe/Berlin", companyId: "CO_200",
    hierarchyId: "LH_EU_CENTRAL", hierarchyName: "Europe - Central",
  }),
  location({
    id: "LOC_LON_01", name: "London Office", addressLines: ["1 Canada Square", "Level 30"], municipality: "London",
    regionId: "GBR-LND", regionName: "London, City of", postalCode: "E14 5AB", countryAlpha2: "GB", countryAlpha3: "GBR",
    countryNumeric: "826", countryName: "United Kingdom", callingCode: "44", areaCodes: ["20"],
    localeId: "en_GB", localeName: "English (United Kingdom)", timeZone: "Europe/London", companyId: "CO_300",
    hierarchyId: "LH_EU_WEST", hierarchyName: "Europe - West",
  }),
  location({
    id: "LOC_MTL_01", name: "Montréal Bureau", addressLines: ["1000 rue De La Gauchetière Ouest"], municipality: "Montréal",
    regionId: "CAN-QC", regionName: "Québec", postalCode: "H3B 4W5", countryAlpha2: "CA", countryAlpha3: "CAN",
    countryNumeric: "124", countryName: "Canada", callingCode: "1", areaCodes: ["514"],
    localeId: "fr_CA", localeName: "French (Canada)", timeZone: "America/Toronto", companyId: "CO_400",
    hierarchyId: "LH_NA_EAST", hierarchyName: "North America - East",
  }),
];

export const JOB_PROFILES: readonly JobProfile[] = [
  { id: "JP_CEO", name: "Chief Executive Officer", familyId: "JF_EXEC", familyName: "Executive", managementLevel: "EXEC", classificationId: "EEO1_1", classificationName: "1.1 - Executive/Senior Level Officials and Managers (EEO-1)" },
  { id: "JP_DIR", name: "Director", familyId: "JF_MGMT", familyName: "Management", managementLevel: "MGR", classificationId: "EEO1_1", classificationName: "1.2 - First/Mid-Level Officials and Managers (EEO-1)" },
  { id: "JP_MGR", name: "Manager", familyId: "JF_MGMT", familyName: "Management", managementLevel: "MGR", classificationId: "EEO1_1", classificationName: "1.2 - First/Mid-Level Officials and Managers (EEO-1)" },
  { id: "JP_SWE2", name: "Software Engineer II", familyId: "JF_SWE", familyName: "Software Engineering", managementLevel: "IC", classificationId: "EEO1_2", classificationName: "2 - Professionals (EEO-1)" },
  { id: "JP_SWE3", name: "Software Engineer III", familyId: "JF_SWE", familyName: "Software Engineering", managementLevel: "IC", classificationId: "EEO1_2", classificationName: "2 - Professionals (EEO-1)" },
  { id: "JP_AE", name: "Account Executive", familyId: "JF_SALES", familyName: "Sales", managementLevel: "IC", classificationId: "EEO1_4", classificationName: "4 - Sales Workers (EEO-1)" },
  { id: "JP_ANL", name: "Financial Analyst", familyId: "JF_FIN", familyName: "Finance", managementLevel: "IC", classificationId: "EEO1_2", classificationName: "2 - Professionals (EEO-1)" },
  { id: "JP_HRBP", name: "HR Business Partner", familyId: "JF_HR", familyName: "Human Resources", managementLevel: "IC", classificationId: "EEO1_2", classificationName: "2 - Professionals (EEO-1)" },
  { id: "JP_OPS", name: "Operations Specialist", familyId: "JF_OPS", familyName: "Operations", managementLevel: "IC", classificationId: "EEO1_5", classificationName: "5 - Administrative Support Workers (EEO-1)" },
  { id: "JP_CTR", name: "Contract Consultant", familyId: "JF_CTR", familyName: "Contingent Workforce", managementLevel: "IC", classificationId: "EEO1_2", classificationName: "2 - Professionals (EEO-1)" },
];

export const LEAVE_TYPES = [
  { id: "PARENTAL", name: "Parental Leave" },
  { id: "MEDICAL", name: "Medical Leave" },
  { id: "SABBATICAL", name: "Sabbatical" },
] as const;

function indexBy<T extends { readonly id: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

export const COMPANY_BY_ID = indexBy(COMPANIES);
export const DEPARTMENT_BY_ID = indexBy(DEPARTMENTS);
export const LOCATION_BY_ID = indexBy(LOCATIONS);
export const JOB_PROFILE_BY_ID = indexBy(JOB_PROFILES);

/** Looks a reference up; the simulator's own data always resolves, so a miss is a bug. */
export function referenceOf<T>(map: ReadonlyMap<string, T>, id: string, what: string): T {
  const found = map.get(id);
  if (found === undefined) throw new Error(`hr-sim: unknown ${what} "${id}"`);
  return found;
}
