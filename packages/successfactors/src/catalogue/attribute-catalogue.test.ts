import { successFactorsToActiveDirectory } from "@roster/engine";
import { describe, expect, it } from "vitest";
import { PersonExtractor } from "../extraction/person-extractor.js";
import { amaraOkonkwo, globalAssignee, rehiredPerson } from "../test-support/example-persons.js";
import {
  DEFAULT_ATTRIBUTE_NAMES,
  EMPLOYMENT_ROOT,
  JOB_ROOT,
  SUCCESSFACTORS_CATALOGUE,
  SUCCESSFACTORS_CATALOGUE_JSONPATHS,
  SUCCESSFACTORS_DOCUMENTED_JSONPATHS,
  USER_ROOT,
} from "./attribute-catalogue.js";

function extract(attributes: Record<string, string>, person: unknown) {
  const { item } = new PersonExtractor(attributes).extract(person, { operation: "test", page: 1, index: 0 });
  if (!item.ok) throw item.error;
  return item.person.attributes;
}

/** Every catalogue attribute on 100234 (the notes' §2.5 example person, extended). */
const EXPECTED_ON_EXAMPLE: Record<string, unknown> = {
  personIdExternal: "100234",
  personId: "8812",
  perPersonUuid: "9B1C4E0A5D2F4C7B8E6A3D1F0C2B4A68",
  displayName: "Amy Okonkwo",
  firstName: "Amara",
  gender: "F",
  lastName: "Okonkwo",
  middleName: null,
  preferredName: "Amy",
  addressLine1: "200 Lakeshore Plaza",
  addressLine2: "Suite 1400",
  addressLIne3: "Attn: Payroll",
  businessPhone: "312-555-0187",
  cellPhone: "312-555-0190",
  city: "Chicago",
  country: "United States",
  custom01: null,
  custom02: "U-02",
  custom03: "U-03",
  custom04: "U-04",
  custom05: "U-05",
  custom06: "U-06",
  custom07: "U-07",
  custom08: "U-08",
  custom09: "U-09",
  custom10: "U-10",
  custom11: "U-11",
  custom12: "U-12",
  custom13: "U-13",
  custom14: "U-14",
  custom15: "U-15",
  empId: "E100234",
  homePhone: "773-555-0144",
  jobFamily: "Finance",
  nickname: "Amy",
  state: "IL",
  timeZone: "US/Central",
  username: "aokonkwo",
  zipCode: "60601",
  userStatus: "active",
  areaCode: "312",
  countryCode: "1",
  extension: null,
  phoneNumber: "5550187",
  phoneType: "10605",
  emailAddress: "amy.okonkwo@contoso.example",
  emailType: "8448",
  firstDateWorked: "2023-06-01T00:00:00Z",
  lastDateWorked: null,
  userId: "100234",
  isContingentWorker: false,
  startDate: "2023-06-01T00:00:00Z",
  empNavCustomString1: "EMP-C1",
  empNavCustomString2: "EMP-C2",
  empNavCustomString3: "EMP-C3",
  empNavCustomString4: "EMP-C4",
  empNavCustomString5: "EMP-C5",
  empNavCustomString6: "EMP-C6",
  empNavCustomString7: "EMP-C7",
  empNavCustomString8: "EMP-C8",
  empNavCustomString9: "EMP-C9",
  empNavCustomString10: "EMP-C10",
  empNavCustomString11: "EMP-C11",
  empNavCustomString12: "EMP-C12",
  empNavCustomString13: "EMP-C13",
  empNavCustomString14: "EMP-C14",
  empNavCustomString15: "EMP-C15",
  countryOfCompany: "USA",
  emplStatus: "6021",
  endDate: "9999-12-31T00:00:00Z",
  jobTitle: "Payroll Specialist",
  position: "50012345",
  customString13: "JOB-C13",
  managerId: "100017",
  empJobNavCustomString1: "JOB-C1",
  empJobNavCustomString2: "JOB-C2",
  empJobNavCustomString3: "JOB-C3",
  empJobNavCustomString4: "JOB-C4",
  empJobNavCustomString5: "JOB-C5",
  empJobNavCustomString6: "JOB-C6",
  empJobNavCustomString7: "JOB-C7",
  empJobNavCustomString8: "JOB-C8",
  empJobNavCustomString9: "JOB-C9",
  empJobNavCustomString10: "JOB-C10",
  empJobNavCustomString11: "JOB-C11",
  empJobNavCustomString12: "JOB-C12",
  empJobNavCustomString13: "JOB-C13",
  empJobNavCustomString14: "JOB-C14",
  empJobNavCustomString15: "JOB-C15",
  businessUnit: "Corporate Functions",
  businessUnitId: "CORP",
  company: "Contoso US Inc.",
  companyId: "CON_US",
  twoCharCountryCode: "US",
  costCenter: "Payroll Operations",
  costCenterId: "CC_4410",
  costCenterDescription: "Payroll operations, North America",
  department: "Payroll",
  departmentId: "FIN_PAY",
  division: "Finance",
  divisionId: "FIN",
  jobCode: "Payroll Specialist II",
  jobCodeId: "PAY_SPEC",
  LocationName: "Chicago Loop Office",
  officeLocationAddress: "200 Lakeshore Plaza",
  officeLocationCity: "Chicago",
  officeLocationCustomString4: "Floor 14",
  officeLocationZipCode: "60601",
  payGrade: "Grade 7",
  activeEmploymentsCount: 1,
  latestTerminationDate: null,
};

describe("SuccessFactors attribute catalogue", () => {
  it("resolves every JSONPath against the example person", () => {
    expect(extract(SUCCESSFACTORS_CATALOGUE_JSONPATHS, amaraOkonkwo())).toEqual(EXPECTED_ON_EXAMPLE);
    expect(Object.keys(SUCCESSFACTORS_CATALOGUE_JSONPATHS)).toEqual(Object.keys(EXPECTED_ON_EXAMPLE));
  });

  it("holds the documented attribute list once each: SAR's 79 entries, custom15 (SIR), userStatus and 30 custom strings", () => {
    const names = SUCCESSFACTORS_CATALOGUE.map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((name) => /^emp(Job)?NavCustomString\d+$/.test(name))).toHaveLength(30);
    expect(names).toHaveLength(79 + 1 + 1 + 30);
    expect(names).toContain("addressLIne3");
    expect(names).toContain("LocationName");
  });

  it("builds rule paths with the documented construction rule", () => {
    for (const entry of SUCCESSFACTORS_CATALOGUE.filter((candidate) => candidate.provenance === "rule")) {
      const root = { EmpEmployment: EMPLOYMENT_ROOT, User: USER_ROOT, EmpJob: JOB_ROOT }[entry.entity];
      expect(root, entry.name).toBeDefined();
      expect(entry.jsonPath, entry.name).toMatch(new RegExp(`^${root!.replace(/[.[\]$]/g, "\\$&")}\\.[A-Za-z0-9]+$`));
    }
  });

  it("keeps the documented paths verbatim", () => {
    expect(SUCCESSFACTORS_CATALOGUE_JSONPATHS.department).toBe(
      "$.employmentNav.results[0].jobInfoNav.results[0].departmentNav.name_localized",
    );
    expect(SUCCESSFACTORS_CATALOGUE_JSONPATHS.emplStatus).toBe(
      "$.employmentNav.results[0].jobInfoNav.results[0].emplStatus",
    );
    expect(SUCCESSFACTORS_CATALOGUE_JSONPATHS.startDate).toBe("$.employmentNav.results[0].startDate");
    expect(SUCCESSFACTORS_CATALOGUE_JSONPATHS.managerId).toBe(
      "$.employmentNav.results[0].userNav.manager.empInfo.personIdExternal",
    );
    expect(SUCCESSFACTORS_CATALOGUE_JSONPATHS.userStatus).toBe("$.employmentNav.results[0].userNav.status");
    expect(SUCCESSFACTORS_CATALOGUE_JSONPATHS.timeZone).toBe("$.employmentNav.results[0].userNav.timeZone");
    expect(SUCCESSFACTORS_CATALOGUE_JSONPATHS.emailAddress).toBe(
      "$.emailNav.results[?(@.isPrimary == true)].emailAddress",
    );
    expect(SUCCESSFACTORS_CATALOGUE_JSONPATHS.phoneNumber).toBe(
      "$.phoneNav.results[?(@.isPrimary == true)].phoneNumber",
    );
  });

  it("resolves the documented custom JSONPaths", () => {
    const values = (person: unknown) =>
      Object.fromEntries(
        SUCCESSFACTORS_DOCUMENTED_JSONPATHS.map((entry) => [
          `${entry.name} ${entry.jsonPath}`,
          extract({ [entry.name]: entry.jsonPath }, person)[entry.name],
        ]),
      );
    const onExample = Object.values(values(amaraOkonkwo()));
    expect(onExample).toEqual([
      true,
      "Exempt",
      "JOB-C35",
      "U-35",
      "EMP-C35",
      "A",
      "2023-06-01T00:00:00Z",
      "P2",
      "Spécialiste de la paie",
      "Lohnbuchhalterin",
      null,
      null,
      "Payroll",
      "Payroll Specialist",
    ]);
    const byName = (person: unknown, name: string) =>
      extract({ [name]: SUCCESSFACTORS_DOCUMENTED_JSONPATHS.find((entry) => entry.name === name)!.jsonPath }, person)[
        name
      ];
    expect(byName(globalAssignee(), "globalAssignmentDepartment")).toBe("Tokyo");
    expect(byName(globalAssignee(), "standardAssignmentDepartment")).toBe("Berlin");
    expect(byName(rehiredPerson(), "secondJobDepartment")).toBe("Planning & Analysis");
    expect(byName(rehiredPerson(), "activeJobTitle")).toBe("Senior Analyst");
    expect(byName(rehiredPerson(), "startDate")).toBe("2024-01-01T00:00:00Z");
  });

  it("defaults to every source attribute the built-in SuccessFactors → AD mapping reads", () => {
    const config = successFactorsToActiveDirectory();
    const referenced = new Set<string>([config.sourceAnchorAttribute]);
    for (const mapping of config.mappings) {
      if (mapping.type === "Direct") referenced.add(mapping.source);
      if (mapping.type === "Expression") {
        for (const match of mapping.expression.matchAll(/\[([A-Za-z][A-Za-z0-9_]*)\]/g)) referenced.add(match[1]!);
      }
    }
    expect([...referenced].filter((name) => !DEFAULT_ATTRIBUTE_NAMES.includes(name))).toEqual([]);
    for (const name of DEFAULT_ATTRIBUTE_NAMES) expect(SUCCESSFACTORS_CATALOGUE_JSONPATHS, name).toHaveProperty(name);
  });
});
