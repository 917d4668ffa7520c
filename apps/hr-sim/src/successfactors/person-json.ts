/**
 * Renders a worker as a SuccessFactors PerPerson entity (JSON, OData v2 verbose form): every
 * navigation filled in, so a filter can be evaluated on it, then `projectExpansions` replaces
 * the navigations not asked for in `$expand` by `__deferred` links. Dates are /Date(ms)/, Int64
 * values strings, effective-dated rows (PerPersonal, EmpJob) the one effective on the as-of day.
 */
import { COMPANY_BY_ID, DEPARTMENT_BY_ID, JOB_PROFILE_BY_ID, LOCATION_BY_ID, referenceOf } from "../model/reference-data.js";
import type { WorkerRecord, WorkerState } from "../model/worker-record.js";

export const EMAIL_TYPE = { business: "8448", personal: "8449" } as const;
export const PHONE_TYPE = { business: "10605", cell: "10606", fax: "10607" } as const;
const EMPL_STATUS = { A: "6021", U: "6022", T: "6024" } as const;
const OPEN_END = "/Date(253402214400000)/";

const date = (day: string | undefined): string | null => (day === undefined ? null : `/Date(${Date.parse(`${day}T00:00:00Z`)})/`);
const dateTimeOffset = (iso: string): string => `/Date(${Date.parse(iso)}+0000)/`;
const key = (value: string): string => `'${value.replace(/'/g, "''")}'`;

function metadata(base: string, entity: string, predicate: string) {
  return { uri: `${base}/${entity}(${predicate})`, type: `SFOData.${entity}` };
}

const NAVIGATIONS = new Set([
  "personalInfoNav", "emailNav", "phoneNav", "employmentNav", "personEmpTerminationInfoNav", "userNav", "jobInfoNav",
  "manager", "empInfo", "companyNav", "countryOfRegistrationNav", "departmentNav", "divisionNav", "locationNav",
  "addressNavDEFLT", "emplStatusNav", "costCenterNav", "businessUnitNav", "jobCodeNav",
]);

/** The person with every navigation expanded. `base` is the service root, …/odata/v2. */
export function renderPerson(record: WorkerRecord, state: WorkerState, base: string, preHire: boolean): Record<string, unknown> {
  const id = state.workerId;
  const location = referenceOf(LOCATION_BY_ID, state.locationId, "location");
  const company = referenceOf(COMPANY_BY_ID, state.companyId, "company");
  const department = referenceOf(DEPARTMENT_BY_ID, state.departmentId, "department");
  const profile = referenceOf(JOB_PROFILE_BY_ID, state.jobProfileId, "job profile");
  const modified = dateTimeOffset(record.lastModified);
  const divisionCode = department.id.replace(/^SUP_/, "").split("_")[0]!;
  const division = { code: divisionCode, name: DEPARTMENT_BY_ID.get(`SUP_${divisionCode}`)?.name ?? department.name };
  const effective = record.versions.reduce((latest, version) => (version.effectiveDate > latest ? version.effectiveDate : latest), "0000-00-00");
  const status = state.terminated ? "T" : state.leave !== undefined ? "U" : "A";
  const manager = state.managerChain[state.managerChain.length - 1];
  const workEmail = state.emails.find((email) => email.usage === "WORK");
  const businessPhone = state.phones.find((phone) => phone.device === "Landline");
  const cell = state.phones.find((phone) => phone.device === "Mobile");
  const employment = {
    __metadata: metadata(base, "EmpEmployment", `personIdExternal=${key(id)},userId=${key(id)}`),
    personIdExternal: id,
    userId: id,
    startDate: date(state.hireDate),
    endDate: date(state.terminationDate),
    originalStartDate: date(state.originalHireDate),
    firstDateWorked: date(state.hireDate),
    lastDateWorked: date(state.lastDayOfWork),
    isContingentWorker: state.workerType === "contingent",
    assignmentClass: "ST",
    okToRehire: true,
    lastModifiedDateTime: modified,
    userNav: {
      __metadata: metadata(base, "User", key(id)),
      userId: id,
      ...(preHire ? {} : { username: state.userId }),
      status: preHire ? "e" : state.active ? "active" : "inactive",
      email: workEmail?.address ?? null,
      firstName: state.legalName.first,
      lastName: state.legalName.last,
      addressLine1: location.addressLines[0] ?? null,
      city: location.municipality,
      state: location.regionId.slice(4),
      zipCode: location.postalCode,
      country: location.countryName,
      businessPhone: businessPhone === undefined ? null : `${businessPhone.areaCode}-${businessPhone.number}`,
      cellPhone: cell === undefined ? null : `${cell.areaCode}-${cell.number}`,
      timeZone: location.timeZone,
      custom01: null,
      lastModifiedDateTime: modified,
      manager:
        manager === undefined
          ? null
          : {
              __metadata: metadata(base, "User", key(manager.workerId)),
              userId: manager.workerId,
              empInfo: {
                __metadata: metadata(base, "EmpEmployment", `personIdExternal=${key(manager.workerId)},userId=${key(manager.workerId)}`),
                personIdExternal: manager.workerId,
                userId: manager.workerId,
              },
            },
    },
    jobInfoNav: {
      results: [
        {
          __metadata: metadata(base, "EmpJob", `seqNumber=1L,startDate=datetime'${effective}T00:00:00',userId=${key(id)}`),
          userId: id,
          startDate: date(effective),
          endDate: OPEN_END,
          seqNumber: "1",
          jobTitle: state.businessTitle,
          jobCode: profile.id,
          company: company.id,
          businessUnit: null,
          division: division.code,
          department: department.id,
          costCenter: department.costCenterId,
          location: location.id,
          managerId: manager?.workerId ?? "NO_MANAGER",
          position: state.positionId,
          emplStatus: EMPL_STATUS[status],
          countryOfCompany: company.countryAlpha3,
          lastModifiedDateTime: modified,
          companyNav: {
            __metadata: metadata(base, "FOCompany", `externalCode=${key(company.id)},startDate=datetime'1900-01-01T00:00:00'`),
            externalCode: company.id,
            name_localized: company.name,
            countryOfRegistrationNav: {
              __metadata: metadata(base, "Territory", key(company.countryAlpha3)),
              territoryCode: company.countryAlpha3,
              twoCharCountryCode: location.countryAlpha3 === company.countryAlpha3 ? location.countryAlpha2 : company.countryAlpha3.slice(0, 2),
            },
          },
          departmentNav: {
            __metadata: metadata(base, "FODepartment", `externalCode=${key(department.id)},startDate=datetime'1900-01-01T00:00:00'`),
            externalCode: department.id,
            name_localized: department.name,
          },
          divisionNav: {
            __metadata: metadata(base, "FODivision", `externalCode=${key(division.code)},startDate=datetime'1900-01-01T00:00:00'`),
            externalCode: division.code,
            name_localized: division.name,
          },
          costCenterNav: {
            __metadata: metadata(base, "FOCostCenter", `externalCode=${key(department.costCenterId)},startDate=datetime'1900-01-01T00:00:00'`),
            externalCode: department.costCenterId,
            name_localized: department.costCenterName,
          },
          businessUnitNav: null,
          jobCodeNav: {
            __metadata: metadata(base, "FOJobCode", `externalCode=${key(profile.id)},startDate=datetime'1900-01-01T00:00:00'`),
            externalCode: profile.id,
            name_localized: profile.name,
          },
          locationNav: {
            __metadata: metadata(base, "FOLocation", `externalCode=${key(location.id)},startDate=datetime'1900-01-01T00:00:00'`),
            externalCode: location.id,
            name: location.name,
            addressNavDEFLT: {
              __metadata: metadata(base, "FOCorporateAddressDEFLT", `addressId=${record.seq % 9000 + 1000}L`),
              address1: location.addressLines[0] ?? null,
              address2: location.addressLines[1] ?? null,
              city: location.municipality,
              zipCode: location.postalCode,
              state: location.regionId.slice(4),
              country: location.countryAlpha3,
            },
          },
          emplStatusNav: {
            __metadata: metadata(base, "PicklistOption", `${EMPL_STATUS[status]}L`),
            id: EMPL_STATUS[status],
            externalCode: status,
          },
        },
      ],
    },
  };
  const preferred = state.preferredName;
  return {
    __metadata: metadata(base, "PerPerson", key(id)),
    personIdExternal: id,
    personId: String(record.seq),
    perPersonUuid: record.personUuid,
    dateOfBirth: null,
    lastModifiedDateTime: modified,
    createdDateTime: dateTimeOffset(record.versions[0]!.enteredAt),
    personalInfoNav: {
      results: [
        {
          __metadata: metadata(base, "PerPersonal", `personIdExternal=${key(id)},startDate=datetime'${state.hireDate}T00:00:00'`),
          personIdExternal: id,
          startDate: date(state.hireDate),
          endDate: OPEN_END,
          firstName: state.legalName.first,
          middleName: state.legalName.middle ?? null,
          lastName: state.legalName.last,
          preferredName: preferred?.first ?? null,
          displayName: `${preferred?.first ?? state.legalName.first} ${state.legalName.last}`,
          lastModifiedDateTime: modified,
        },
      ],
    },
    emailNav: {
      results: state.emails.map((email) => {
        const type = email.usage === "WORK" ? EMAIL_TYPE.business : EMAIL_TYPE.personal;
        return {
          __metadata: metadata(base, "PerEmail", `emailType=${key(type)},personIdExternal=${key(id)}`),
          personIdExternal: id,
          emailType: type,
          emailAddress: email.address,
          isPrimary: email.usage === "WORK" ? email.primary : email.primary && workEmail === undefined,
          lastModifiedDateTime: modified,
        };
      }),
    },
    phoneNav: {
      results: state.phones.map((phone) => {
        const type = phone.device === "Landline" ? PHONE_TYPE.business : phone.device === "Mobile" ? PHONE_TYPE.cell : PHONE_TYPE.fax;
        return {
          __metadata: metadata(base, "PerPhone", `personIdExternal=${key(id)},phoneType=${key(type)}`),
          personIdExternal: id,
          phoneType: type,
          countryCode: phone.countryCode,
          areaCode: phone.areaCode,
          phoneNumber: phone.number.replace("-", ""),
          extension: phone.extension ?? null,
          isPrimary: phone.device === "Landline" && phone.primary,
          lastModifiedDateTime: modified,
        };
      }),
    },
    personEmpTerminationInfoNav: {
      __metadata: metadata(base, "PersonEmpTerminationInfo", key(id)),
      personIdExternal: id,
      activeEmploymentsCount: state.active ? 1 : 0,
      latestTerminationDate: date(state.terminationDate),
    },
    employmentNav: { results: [employment] },
  };
}

/** Keeps the navigations named (with their prefixes) in `$expand`; the others become __deferred links. */
export function projectExpansions(entity: Record<string, unknown>, expanded: ReadonlySet<string>, path = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const uri = (entity.__metadata as { uri?: string } | undefined)?.uri ?? "";
  for (const [name, value] of Object.entries(entity)) {
    if (!NAVIGATIONS.has(name)) {
      out[name] = value;
      continue;
    }
    const navPath = path === "" ? name : `${path}/${name}`;
    if (!expanded.has(navPath)) {
      out[name] = { __deferred: { uri: `${uri}/${name}` } };
    } else if (value !== null && typeof value === "object" && Array.isArray((value as { results?: unknown }).results)) {
      out[name] = { results: ((value as { results: Record<string, unknown>[] }).results).map((row) => projectExpansions(row, expanded, navPath)) };
    } else {
      out[name] = value === null ? null : projectExpansions(value as Record<string, unknown>, expanded, navPath);
    }
  }
  return out;
}

/** `$expand` entries plus every prefix they imply. */
export function expansionSet(expand: string | undefined): Set<string> {
  const set = new Set<string>();
  for (const entry of (expand ?? "").split(",")) {
    const parts = entry.trim().split("/").filter((part) => part !== "");
    for (let i = 1; i <= parts.length; i++) set.add(parts.slice(0, i).join("/"));
  }
  return set;
}
