/**
 * PerPerson objects for tests, built from the example page of the SuccessFactors wire-format
 * notes (§2.5: Amara Okonkwo, 100234, managed by 100017) and extended with the fields the rest of
 * the catalogue reads, plus persons for the multi-employment and pre-hire cases. Every function
 * returns a fresh object, so a test may mutate what it gets.
 */

const HOST = "https://api4.successfactors.com/odata/v2";
const OPEN_END = "/Date(253402214400000)/";

type Json = Record<string, unknown>;

const meta = (uri: string, type: string) => ({ uri: `${HOST}/${uri}`, type: `SFOData.${type}` });

/** `{ customString1: "EMP-C1", … }` for n = 1…15 (EmpEmployment / EmpJob custom strings). */
const customStrings = (prefix: string): Json =>
  Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`customString${i + 1}`, `${prefix}-C${i + 1}`]));

/** User custom02…custom15 as `U-02`…; custom01 stays null as in the notes' example. */
const userCustoms = (): Json =>
  Object.fromEntries(
    Array.from({ length: 15 }, (_, i) => {
      const n = String(i + 1).padStart(2, "0");
      return [`custom${n}`, i === 0 ? null : `U-${n}`];
    }),
  );

function foundationObject(type: string, code: string, name: string, extra: Json = {}): Json {
  return {
    __metadata: meta(`${type}(externalCode='${code}',startDate=datetime'1900-01-01T00:00:00')`, type),
    externalCode: code,
    name_localized: name,
    ...extra,
  };
}

function picklistOption(id: string, externalCode: string): Json {
  return { __metadata: meta(`PicklistOption(${id}L)`, "PicklistOption"), id, externalCode };
}

/** The manager's User with its employment, as `userNav.manager` carries it. */
function managerOf(personIdExternal: string): Json {
  return {
    __metadata: meta(`User('${personIdExternal}')`, "User"),
    userId: personIdExternal,
    empInfo: {
      __metadata: meta(
        `EmpEmployment(personIdExternal='${personIdExternal}',userId='${personIdExternal}')`,
        "EmpEmployment",
      ),
      personIdExternal,
      userId: personIdExternal,
    },
  };
}

/** 100234 (§2.5), with every catalogue field filled in where the example left it out. */
export function amaraOkonkwo(): Json {
  return {
    __metadata: meta("PerPerson('100234')", "PerPerson"),
    personIdExternal: "100234",
    personId: "8812",
    perPersonUuid: "9B1C4E0A5D2F4C7B8E6A3D1F0C2B4A68",
    dateOfBirth: "/Date(453168000000)/",
    lastModifiedDateTime: "/Date(1717420800000+0000)/",
    createdDateTime: "/Date(1684108800000+0000)/",
    personalInfoNav: {
      results: [
        {
          __metadata: meta(
            "PerPersonal(personIdExternal='100234',startDate=datetime'2023-06-01T00:00:00')",
            "PerPersonal",
          ),
          personIdExternal: "100234",
          startDate: "/Date(1685577600000)/",
          endDate: OPEN_END,
          firstName: "Amara",
          middleName: null,
          lastName: "Okonkwo",
          preferredName: "Amy",
          displayName: "Amy Okonkwo",
          gender: "F",
          lastModifiedDateTime: "/Date(1685620000000+0000)/",
        },
      ],
    },
    emailNav: {
      results: [
        {
          __metadata: meta("PerEmail(emailType='8448',personIdExternal='100234')", "PerEmail"),
          personIdExternal: "100234",
          emailType: "8448",
          emailAddress: "amy.okonkwo@contoso.example",
          isPrimary: true,
          lastModifiedDateTime: "/Date(1717420800000+0000)/",
        },
        {
          __metadata: meta("PerEmail(emailType='8449',personIdExternal='100234')", "PerEmail"),
          personIdExternal: "100234",
          emailType: "8449",
          emailAddress: "amara.o@mail.example",
          isPrimary: false,
          lastModifiedDateTime: "/Date(1685620000000+0000)/",
        },
      ],
    },
    phoneNav: {
      results: [
        {
          __metadata: meta("PerPhone(personIdExternal='100234',phoneType='10605')", "PerPhone"),
          personIdExternal: "100234",
          phoneType: "10605",
          countryCode: "1",
          areaCode: "312",
          phoneNumber: "5550187",
          extension: null,
          isPrimary: true,
          lastModifiedDateTime: "/Date(1685620000000+0000)/",
        },
        {
          __metadata: meta("PerPhone(personIdExternal='100234',phoneType='10606')", "PerPhone"),
          personIdExternal: "100234",
          phoneType: "10606",
          countryCode: "1",
          areaCode: "312",
          phoneNumber: "5550190",
          extension: null,
          isPrimary: false,
          lastModifiedDateTime: "/Date(1685620000000+0000)/",
        },
      ],
    },
    personEmpTerminationInfoNav: {
      __metadata: meta("PersonEmpTerminationInfo('100234')", "PersonEmpTerminationInfo"),
      personIdExternal: "100234",
      activeEmploymentsCount: 1,
      latestTerminationDate: null,
    },
    employmentNav: {
      results: [
        {
          __metadata: meta("EmpEmployment(personIdExternal='100234',userId='100234')", "EmpEmployment"),
          personIdExternal: "100234",
          userId: "100234",
          startDate: "/Date(1685577600000)/",
          endDate: null,
          firstDateWorked: "/Date(1685577600000)/",
          lastDateWorked: null,
          isContingentWorker: false,
          assignmentClass: "ST",
          okToRehire: true,
          ...customStrings("EMP"),
          customString35: "EMP-C35",
          lastModifiedDateTime: "/Date(1685620000000+0000)/",
          userNav: {
            __metadata: meta("User('100234')", "User"),
            userId: "100234",
            username: "aokonkwo",
            status: "active",
            email: "amy.okonkwo@contoso.example",
            firstName: "Amara",
            lastName: "Okonkwo",
            addressLine1: "200 Lakeshore Plaza",
            addressLine2: "Suite 1400",
            addressLine3: "Attn: Payroll",
            city: "Chicago",
            state: "IL",
            zipCode: "60601",
            country: "United States",
            businessPhone: "312-555-0187",
            cellPhone: "312-555-0190",
            homePhone: "773-555-0144",
            empId: "E100234",
            jobFamily: "Finance",
            nickname: "Amy",
            timeZone: "US/Central",
            ...userCustoms(),
            custom35: "U-35",
            lastModifiedDateTime: "/Date(1717420800000+0000)/",
            manager: managerOf("100017"),
          },
          jobInfoNav: {
            results: [
              {
                __metadata: meta(
                  "EmpJob(seqNumber=1L,startDate=datetime'2024-04-01T00:00:00',userId='100234')",
                  "EmpJob",
                ),
                userId: "100234",
                startDate: "/Date(1711929600000)/",
                endDate: OPEN_END,
                seqNumber: "1",
                jobTitle: "Payroll Specialist",
                company: "CON_US",
                businessUnit: "CORP",
                costCenter: "CC_4410",
                department: "FIN_PAY",
                division: "FIN",
                jobCode: "PAY_SPEC",
                location: "CHI_01",
                managerId: "100017",
                payGrade: "GR07",
                emplStatus: "6021",
                countryOfCompany: "USA",
                position: "50012345",
                flsaStatus: "Exempt",
                ...customStrings("JOB"),
                customString35: "JOB-C35",
                lastModifiedDateTime: "/Date(1711970000000+0000)/",
                businessUnitNav: foundationObject("FOBusinessUnit", "CORP", "Corporate Functions"),
                companyNav: {
                  ...foundationObject("FOCompany", "CON_US", "Contoso US Inc."),
                  countryOfRegistrationNav: {
                    __metadata: meta("Territory('USA')", "Territory"),
                    territoryCode: "USA",
                    twoCharCountryCode: "US",
                  },
                },
                costCenterNav: foundationObject("FOCostCenter", "CC_4410", "Payroll Operations", {
                  description: "Payroll operations, North America",
                }),
                departmentNav: foundationObject("FODepartment", "FIN_PAY", "Payroll"),
                divisionNav: foundationObject("FODivision", "FIN", "Finance"),
                jobCodeNav: foundationObject("FOJobCode", "PAY_SPEC", "Payroll Specialist II"),
                payGradeNav: foundationObject("FOPayGrade", "GR07", "Grade 7"),
                locationNav: {
                  __metadata: meta(
                    "FOLocation(externalCode='CHI_01',startDate=datetime'1900-01-01T00:00:00')",
                    "FOLocation",
                  ),
                  externalCode: "CHI_01",
                  name: "Chicago Loop Office",
                  addressNavDEFLT: {
                    __metadata: meta("FOCorporateAddressDEFLT(addressId=3301L)", "FOCorporateAddressDEFLT"),
                    address1: "200 Lakeshore Plaza",
                    city: "Chicago",
                    zipCode: "60601",
                    state: "IL",
                    customString4: "Floor 14",
                  },
                },
                positionNav: {
                  __metadata: meta(
                    "Position(code='50012345',effectiveStartDate=datetime'2024-04-01T00:00:00')",
                    "Position",
                  ),
                  code: "50012345",
                  jobLevel: "P2",
                  externalName_fr_FR: "Spécialiste de la paie",
                  externalName_de_DE: "Lohnbuchhalterin",
                },
                emplStatusNav: picklistOption("6021", "A"),
              },
            ],
          },
        },
      ],
    },
  };
}

/** 100017, Amara's manager: a plain active employee with a short record. */
export function managerPerson(): Json {
  return {
    __metadata: meta("PerPerson('100017')", "PerPerson"),
    personIdExternal: "100017",
    personId: "7001",
    perPersonUuid: "3F7A1C2D9E8B4A5C6D7E8F9012345678",
    lastModifiedDateTime: "/Date(1700000000000+0000)/",
    personalInfoNav: {
      results: [{ personIdExternal: "100017", firstName: "Jonas", lastName: "Berg", displayName: "Jonas Berg" }],
    },
    emailNav: {
      results: [
        { personIdExternal: "100017", emailType: "8448", emailAddress: "jonas.berg@contoso.example", isPrimary: true },
      ],
    },
    phoneNav: { results: [] },
    personEmpTerminationInfoNav: { personIdExternal: "100017", activeEmploymentsCount: 1, latestTerminationDate: null },
    employmentNav: {
      results: [
        {
          personIdExternal: "100017",
          userId: "100017",
          startDate: "/Date(1420070400000)/",
          assignmentClass: "ST",
          userNav: { userId: "100017", username: "jberg", status: "active", manager: null },
          jobInfoNav: {
            results: [{ userId: "100017", jobTitle: "Payroll Manager", emplStatusNav: picklistOption("6021", "A") }],
          },
        },
      ],
    },
  };
}

/**
 * 100412, rehired: the first employment (userId 100412) ended with a termination, the second
 * (userId 100412-R1, a new User) is active. SuccessFactors lists employments oldest first.
 */
export function rehiredPerson(): Json {
  return {
    personIdExternal: "100412",
    perPersonUuid: "0A1B2C3D4E5F60718293A4B5C6D7E8F9",
    personalInfoNav: { results: [{ personIdExternal: "100412", firstName: "Ravi", lastName: "Menon" }] },
    emailNav: { results: [] },
    phoneNav: { results: [] },
    personEmpTerminationInfoNav: {
      personIdExternal: "100412",
      activeEmploymentsCount: 1,
      latestTerminationDate: "/Date(1640908800000)/",
    },
    employmentNav: {
      results: [
        {
          personIdExternal: "100412",
          userId: "100412",
          startDate: "/Date(1546300800000)/",
          endDate: "/Date(1640908800000)/",
          assignmentClass: "ST",
          userNav: { userId: "100412", username: "rmenon_old", status: "inactive" },
          jobInfoNav: {
            results: [
              {
                userId: "100412",
                jobTitle: "Contractor Analyst",
                emplStatus: "6024",
                emplStatusNav: picklistOption("6024", "T"),
                departmentNav: foundationObject("FODepartment", "OPS", "Operations"),
              },
            ],
          },
        },
        {
          personIdExternal: "100412",
          userId: "100412-R1",
          startDate: "/Date(1704067200000)/",
          endDate: null,
          assignmentClass: "ST",
          userNav: { userId: "100412-R1", username: "rmenon", status: "active" },
          jobInfoNav: {
            results: [
              {
                userId: "100412-R1",
                jobTitle: "Senior Analyst",
                emplStatus: "6021",
                emplStatusNav: picklistOption("6021", "A"),
                departmentNav: foundationObject("FODepartment", "FIN_FPA", "Planning & Analysis"),
              },
            ],
          },
        },
      ],
    },
  };
}

/** 100520: home employment (ST) plus a global assignment (GA) listed first. */
export function globalAssignee(): Json {
  const employment = (userId: string, assignmentClass: string, department: string) => ({
    personIdExternal: "100520",
    userId,
    startDate: "/Date(1672531200000)/",
    assignmentClass,
    userNav: { userId, username: userId === "100520" ? "lchen" : "lchen_ga", status: "active" },
    jobInfoNav: {
      results: [
        {
          userId,
          jobTitle: `${department} Lead`,
          emplStatusNav: picklistOption("6021", "A"),
          departmentNav: foundationObject("FODepartment", department.toUpperCase(), department),
        },
      ],
    },
  });
  return {
    personIdExternal: "100520",
    perPersonUuid: "5D6E7F8091A2B3C4D5E6F708192A3B4C",
    personalInfoNav: { results: [{ firstName: "Li", lastName: "Chen" }] },
    personEmpTerminationInfoNav: { activeEmploymentsCount: 2 },
    employmentNav: { results: [employment("100520-GA", "GA", "Tokyo"), employment("100520", "ST", "Berlin")] },
  };
}

/** 100311 before the start date: the minimal record SuccessFactors exposes for a pre-hire. */
export function preHireMinimal(): Json {
  return {
    personIdExternal: "100311",
    perPersonUuid: "77AA88BB99CC00DD11EE22FF33004411",
    personalInfoNav: { results: [{ personIdExternal: "100311", firstName: "Noor", lastName: "Haddad" }] },
    personEmpTerminationInfoNav: { personIdExternal: "100311", activeEmploymentsCount: 0, latestTerminationDate: null },
    employmentNav: {
      results: [
        {
          personIdExternal: "100311",
          userId: "100311",
          // 2024-07-01
          startDate: "/Date(1719792000000)/",
          userNav: { userId: "100311", status: "e" },
          jobInfoNav: { results: [] },
        },
      ],
    },
  };
}

/** 100311 read with asOfDate=2024-07-01: the record as it will be on the start date. */
export function preHireAsOfStart(): Json {
  const person = preHireMinimal();
  const employment = (person.employmentNav as { results: Json[] }).results[0]!;
  employment.userNav = { userId: "100311", username: "nhaddad", status: "e", city: "Austin" };
  employment.jobInfoNav = {
    results: [
      {
        userId: "100311",
        startDate: "/Date(1719792000000)/",
        jobTitle: "Data Engineer",
        emplStatusNav: picklistOption("6021", "A"),
        departmentNav: foundationObject("FODepartment", "ENG_DATA", "Data Platform"),
      },
    ],
  };
  (person.personEmpTerminationInfoNav as Json).activeEmploymentsCount = 1;
  return person;
}

/** `{"d": {"results": [...], "__next": ...}}` */
export function odataCollection(results: readonly unknown[], next?: string): Json {
  return { d: next === undefined ? { results } : { results, __next: next } };
}
