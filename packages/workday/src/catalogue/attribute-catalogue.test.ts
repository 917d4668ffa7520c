/**
 * Every XPath of both default catalogues against the spec's example workers (W1 = Jo Rivera 21045,
 * an employee on leave; W2 = Lee Chen C-00881, a terminated contingent worker). Expected values are
 * the ones the spec's §1.6 table lists (checked there with lxml and npm xpath). Catalogue attributes
 * are single-valued: where an XPath selects several nodes the first in document order is the value
 * (AddressLineData: the first address line), as in Entra's connector.
 */
import { describe, expect, it } from "vitest";
import { WorkerExtractor, type WorkerItem } from "../extraction/worker-extractor.js";
import { readWorkersPage } from "../response/workers-page.js";
import { exampleResponseXml, type ExampleShape } from "../test-support/example-workers.js";
import { readLightSoapBody } from "../transport/soap-response.js";
import {
  catalogueForVersion,
  WORKDAY_DOCUMENTED_CUSTOM_XPATHS,
  WORKDAY_V21_CATALOGUE,
  WORKDAY_V30_CATALOGUE,
  type AttributeDefinitions,
} from "./attribute-catalogue.js";

type Value = string | null;

const EXPECTED: Record<string, Record<ExampleShape, readonly [Value, Value]>> = {
  Active: { "v21.1": ["1", "0"], "v30+": ["1", "0"] },
  AddressLine2Data: { "v21.1": ["Floor 7", null], "v30+": ["Floor 7", null] },
  AddressLine3Data: { "v21.1": [null, null], "v30+": [null, null] },
  AddressLine4Data: { "v21.1": [null, null], "v30+": [null, null] },
  AddressLine5Data: { "v21.1": [null, null], "v30+": [null, null] },
  AddressLine6Data: { "v21.1": [null, null], "v30+": [null, null] },
  AddressLine7Data: { "v21.1": [null, null], "v30+": [null, null] },
  AddressLine8Data: { "v21.1": [null, null], "v30+": [null, null] },
  AddressLine9Data: { "v21.1": [null, null], "v30+": [null, null] },
  AddressLineData: { "v21.1": ["1200 Harbor Avenue", null], "v30+": ["1200 Harbor Avenue", null] },
  BusinessTitle: {
    "v21.1": ["Senior Software Engineer, Identity", "Contract QA Analyst"],
    "v30+": ["Senior Software Engineer, Identity", "Contract QA Analyst"],
  },
  Company: { "v21.1": ["Contoso Ltd", null], "v30+": ["Contoso Ltd", null] },
  ContingentWorkerID: { "v21.1": [null, "C-00881"], "v30+": [null, "C-00881"] },
  CountryReference: { "v21.1": ["USA", null], "v30+": ["USA", null] },
  CountryReferenceFriendly: { "v21.1": ["United States of America", null], "v30+": ["United States of America", null] },
  CountryReferenceNumeric: { "v21.1": ["840", null], "v30+": ["840", null] },
  CountryReferenceTwoLetter: { "v21.1": ["US", null], "v30+": ["US", null] },
  CountryRegionReference: { "v21.1": ["Washington", null], "v30+": ["Washington", null] },
  EmailAddress: { "v21.1": ["jo.rivera@contoso.example", null], "v30+": ["jo.rivera@contoso.example", null] },
  EmployeeID: { "v21.1": ["21045", null], "v30+": ["21045", null] },
  FacilityLocation: { "v21.1": ["Seattle Campus", null], "v30+": ["North America - West", null] },
  Fax: { "v21.1": ["+1 (206) 555-0150", null], "v30+": ["+1 (206) 555-0150", null] },
  FirstName: { "v21.1": ["Jordan", "Lee"], "v30+": ["Jordan", "Lee"] },
  JobClassificationID: { "v21.1": ["EEO1_2", null], "v30+": ["EEO1_2", null] },
  JobFamilyID: { "v21.1": ["JF_SWE", null], "v30+": ["JF_SWE", null] },
  LastName: { "v21.1": ["Rivera", "Chen"], "v30+": ["Rivera", "Chen"] },
  LeaveAbsenceType: { "v21.1": ["PARENTAL", null], "v30+": ["PARENTAL", null] },
  LocalReference: { "v21.1": ["en_US", null], "v30+": ["en_US", null] },
  LocationIdentifier: { "v21.1": ["LOC_SEA_01", null], "v30+": ["LOC_SEA_01", null] },
  ManagerReference: {
    "v21.1": ["8a1e4c2b6d9f4e0a8c3b5d7f9e1a2c4b", null],
    "v30+": ["8a1e4c2b6d9f4e0a8c3b5d7f9e1a2c4b", null],
  },
  MiddleName: { "v21.1": ["Alexis", null], "v30+": ["Alexis", null] },
  Mobile: { "v21.1": ["+1 (425) 555-0199", null], "v30+": ["+1 (425) 555-0199", null] },
  Municipality: { "v21.1": ["Seattle", null], "v30+": ["Seattle", null] },
  PositionID: { "v21.1": ["P-00412", "P-00977"], "v30+": ["P-00412", "P-00977"] },
  PositionTitle: {
    "v21.1": ["Senior Software Engineer", "Contract QA Analyst"],
    "v30+": ["Senior Software Engineer", "Contract QA Analyst"],
  },
  PostalCode: { "v21.1": ["98101", null], "v30+": ["98101", null] },
  PreferredFirstName: { "v21.1": ["Jo", null], "v30+": ["Jo", null] },
  PreferredLastName: { "v21.1": ["Rivera", null], "v30+": ["Rivera", null] },
  PreferredMiddleName: { "v21.1": ["A", null], "v30+": ["A", null] },
  PreferredNameData: { "v21.1": ["Jo Rivera", null], "v30+": ["Jo Rivera", null] },
  PrimaryWorkTelephone: { "v21.1": ["+1 (206) 555-0142", null], "v30+": ["+1 (206) 555-0142", null] },
  StatusAcademisTenureDate: { "v21.1": ["2021-03-15-07:00", null], "v30+": ["2021-03-15-07:00", null] },
  StatusActiveStatusDate: {
    "v21.1": ["2021-03-15-07:00", "2024-05-31-07:00"],
    "v30+": ["2021-03-15-07:00", "2024-05-31-07:00"],
  },
  StatusBenefitsServiceDate: { "v21.1": ["2021-03-15-07:00", null], "v30+": ["2021-03-15-07:00", null] },
  StatusCompanyServiceDate: { "v21.1": ["2021-03-15-07:00", null], "v30+": ["2021-03-15-07:00", null] },
  StatusContinuousFirstDayOfWork: { "v21.1": ["2021-03-15-07:00", null], "v30+": ["2021-03-15-07:00", null] },
  StatusContinuousServiceDate: { "v21.1": ["2021-03-15-07:00", null], "v30+": ["2021-03-15-07:00", null] },
  StatusDateEnteredWorkforce: { "v21.1": ["2012-05-21-07:00", null], "v30+": ["2012-05-21-07:00", null] },
  StatusDaysUnemployed: { "v21.1": ["0", null], "v30+": ["0", null] },
  StatusEndEmploymentDate: { "v21.1": [null, "2024-05-31-07:00"], "v30+": [null, "2024-05-31-07:00"] },
  StatusExpectedRetirementDate: { "v21.1": ["2052-07-01-07:00", null], "v30+": ["2052-07-01-07:00", null] },
  StatusHireDate: {
    "v21.1": ["2021-03-15-07:00", "2023-01-09-08:00"],
    "v30+": ["2021-03-15-07:00", "2023-01-09-08:00"],
  },
  StatusMonthsContinuousPriorEmployment: { "v21.1": ["0", null], "v30+": ["0", null] },
  StatusNotEligibleForHire: { "v21.1": [null, null], "v30+": [null, null] },
  StatusNotEligibleForRehire: { "v21.1": ["0", "0"], "v30+": [null, null] },
  StatusOriginalHireDate: { "v21.1": ["2019-06-03-07:00", null], "v30+": ["2019-06-03-07:00", null] },
  StatusProbationEndDate: { "v21.1": ["2021-06-15-07:00", null], "v30+": ["2021-06-15-07:00", null] },
  StatusProbationStartDate: { "v21.1": ["2021-03-15-07:00", null], "v30+": ["2021-03-15-07:00", null] },
  StatusRegrettableTermination: { "v21.1": ["0", "0"], "v30+": ["0", "0"] },
  StatusRehire: { "v21.1": ["1", null], "v30+": ["1", null] },
  StatusResignationDate: { "v21.1": [null, "2024-05-17-07:00"], "v30+": [null, "2024-05-17-07:00"] },
  StatusRetired: { "v21.1": ["0", null], "v30+": ["0", null] },
  StatusRetirementDate: { "v21.1": [null, null], "v30+": [null, null] },
  StatusRetirementEligibilityDate: { "v21.1": ["2049-07-01-07:00", null], "v30+": ["2049-07-01-07:00", null] },
  StatusSeniorityDate: { "v21.1": ["2021-03-15-07:00", null], "v30+": ["2021-03-15-07:00", null] },
  StatusSeveranceDate: { "v21.1": ["2021-03-15-07:00", null], "v30+": ["2021-03-15-07:00", null] },
  StatusTerminated: { "v21.1": ["0", "1"], "v30+": ["0", "1"] },
  StatusTerminationDate: { "v21.1": [null, "2024-05-31-07:00"], "v30+": [null, "2024-05-31-07:00"] },
  StatusTerminationInvoluntary: { "v21.1": [null, "0"], "v30+": [null, "0"] },
  StatusTerminationLastDayOfWork: { "v21.1": [null, "2024-05-31-07:00"], "v30+": [null, "2024-05-31-07:00"] },
  StatusTimeOffServiceDate: { "v21.1": ["2021-03-15-07:00", null], "v30+": ["2021-03-15-07:00", null] },
  StatusVestingDate: { "v21.1": ["2021-03-15-07:00", null], "v30+": ["2021-03-15-07:00", null] },
  SupervisoryOrganization: { "v21.1": ["Platform Engineering", null], "v30+": ["Platform Engineering", null] },
  Telephone: { "v21.1": ["+1 (206) 555-0142", null], "v30+": ["+1 (206) 555-0142", null] },
  UserID: { "v21.1": ["jrivera", "lchen"], "v30+": ["jrivera", "lchen"] },
  WID: {
    "v21.1": ["3f9c2d7a1b8e4c6f9a0d5e7b2c4f6a81", "b7c9e1f3a5d74b2c8e6f0a4c2e8b6d19"],
    "v30+": ["3f9c2d7a1b8e4c6f9a0d5e7b2c4f6a81", "b7c9e1f3a5d74b2c8e6f0a4c2e8b6d19"],
  },
  WorkSpaceReference: { "v21.1": ["SEA-07-114", null], "v30+": ["SEA-07-114", null] },
  WorkerID: { "v21.1": ["21045", "C-00881"], "v30+": ["21045", "C-00881"] },
  WorkerType: { "v21.1": ["Regular", "Contractor"], "v30+": ["Regular", "Contractor"] },
};

/** Reads the example response as the client does: light parse, page, extraction. */
function extractExamples(shape: ExampleShape, attributes: AttributeDefinitions): WorkerItem[] {
  const extractor = new WorkerExtractor(attributes);
  const context = { operation: "Get_Workers", httpStatus: 200, redact: (text: string) => text };
  const { workers } = readWorkersPage(readLightSoapBody(exampleResponseXml(shape), context), "Get_Workers", 1);
  return workers.map(
    (worker, index) => extractor.extract(worker, { operation: "Get_Workers", page: 1, index: index + 1 }).item,
  );
}

function attributesOf(item: WorkerItem | undefined): Readonly<Record<string, string | readonly string[] | null>> {
  if (!item?.ok) throw new Error(`worker failed: ${item?.ok === false ? item.error.message : "missing"}`);
  return item.worker.attributes;
}

describe.each(["v21.1", "v30+"] as const)("the %s catalogue on the example response", (shape) => {
  const catalogue = catalogueForVersion(shape);
  const [w1, w2] = extractExamples(shape, catalogue).map(attributesOf);

  it("has the 80 documented attributes, all of them listed here", () => {
    expect(Object.keys(catalogue)).toHaveLength(80);
    expect(Object.keys(catalogue).sort()).toEqual([...Object.keys(EXPECTED), "TransactionLogData"].sort());
  });

  it.each(Object.keys(EXPECTED))("%s resolves to the documented values", (name) => {
    expect([w1![name], w2![name]]).toEqual(EXPECTED[name]![shape]);
  });

  it("gives a single string or null for every attribute, never a list", () => {
    for (const worker of [w1!, w2!]) {
      for (const [name, value] of Object.entries(worker)) {
        expect(value === null || typeof value === "string", name).toBe(true);
      }
    }
  });

  it("gives every selected node, in document order, when an attribute is defined multi-valued", () => {
    const [jo, lee] = extractExamples(shape, {
      AddressLines: { xpath: catalogue.AddressLineData!, multiValued: true },
      Titles: { xpath: catalogue.BusinessTitle!, multiValued: true },
    }).map(attributesOf);
    expect(jo).toEqual({
      AddressLines: ["1200 Harbor Avenue", "Floor 7"],
      Titles: ["Senior Software Engineer, Identity"],
    });
    expect(lee).toEqual({ AddressLines: null, Titles: ["Contract QA Analyst"] });
  });

  it("TransactionLogData selects the transaction log entry element (its string value)", () => {
    expect(w1!.TransactionLogData).toContain("Request Leave of Absence: Jo Rivera");
    expect(w1!.TransactionLogData).toContain("2024-06-03T07:21:09.311-07:00");
    expect(w2!.TransactionLogData).toBeNull();
  });
});

describe("catalogue differences between the versions", () => {
  it("moves every Position_Data path under the primary Worker_Job_Data in v30+", () => {
    for (const [name, v21] of Object.entries(WORKDAY_V21_CATALOGUE)) {
      if (!v21.includes("wd:Employment_Data/wd:Position_Data")) continue;
      expect(WORKDAY_V30_CATALOGUE[name], name).toContain(
        "wd:Employment_Data/wd:Worker_Job_Data[@wd:Primary_Job=1]/wd:Position_Data",
      );
    }
  });

  it("keeps the published misspelling of StatusNotEligibleForHire, which never matches", () => {
    expect(WORKDAY_V21_CATALOGUE.StatusNotEligibleForHire).toContain("wd:Not_Eligible_For_Hire");
  });

  it("gives v30+ PrimaryWorkTelephone the same landline predicate as Telephone", () => {
    expect(WORKDAY_V30_CATALOGUE.PrimaryWorkTelephone).toBe(WORKDAY_V30_CATALOGUE.Telephone);
  });

  it("reads v30+ paths as null on a v21.1 response and v21.1 paths as null on a v30+ response", () => {
    const [v21OnV30] = extractExamples("v30+", { BusinessTitle: WORKDAY_V21_CATALOGUE.BusinessTitle! }).map(
      attributesOf,
    );
    const [v30OnV21] = extractExamples("v21.1", { BusinessTitle: WORKDAY_V30_CATALOGUE.BusinessTitle! }).map(
      attributesOf,
    );
    expect(v21OnV30!.BusinessTitle).toBeNull();
    expect(v30OnV21!.BusinessTitle).toBeNull();
  });
});

describe("documented custom XPaths", () => {
  it("resolve against the v30+ example", () => {
    const [w1, w2] = extractExamples("v30+", WORKDAY_DOCUMENTED_CUSTOM_XPATHS).map(attributesOf);
    expect(w1).toEqual({
      UniversalID: "UID-000021045",
      UserName: "jo.rivera@contoso.example",
      ManagementLevelID: "IC",
      HireRescinded: "0",
      AssignedProvisioningGroup: "Standard Employees",
    });
    expect(Object.values(w2!).every((value) => value === null)).toBe(true);
  });
});
