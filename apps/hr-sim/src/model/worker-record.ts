/**
 * The simulator's worker model: one effective-dated state per version, holding everything both
 * HR wire formats (Workday Get_Workers and SuccessFactors PerPerson) render. A worker row keeps
 * all its versions, so any as-of view (effective date × entry moment) can be answered.
 */

export type WorkerType = "employee" | "contingent";

export interface PersonName {
  readonly first: string;
  readonly middle?: string;
  readonly last: string;
}

export interface EmailRecord {
  readonly address: string;
  readonly usage: "WORK" | "HOME";
  readonly primary: boolean;
  readonly public: boolean;
}

export type PhoneDevice = "Landline" | "Mobile" | "Fax";

export interface PhoneRecord {
  readonly device: PhoneDevice;
  /** ISO 3166-1 alpha-3 of the phone's country. */
  readonly countryAlpha3: string;
  /** International calling code without "+", e.g. "1". */
  readonly countryCode: string;
  readonly areaCode: string;
  /** Number without area code, e.g. "555-0142". */
  readonly number: string;
  readonly extension?: string;
  readonly usage: "WORK" | "HOME";
  readonly primary: boolean;
  readonly public: boolean;
}

/** One level of the supervisory management chain (top of the organisation first). */
export interface ManagerLink {
  readonly wid: string;
  readonly workerId: string;
  readonly name: string;
}

export interface LeaveRecord {
  readonly typeId: string;
  readonly typeName: string;
  readonly startDate: string;
  readonly estimatedEndDate: string;
}

/** The worker as of one effective date. Dates are calendar dates "YYYY-MM-DD". */
export interface WorkerState {
  readonly workerType: WorkerType;
  readonly workerId: string;
  /** Workday sign-in name / SuccessFactors User.username. */
  readonly userId: string;
  readonly legalName: PersonName;
  readonly preferredName?: PersonName;
  readonly emails: readonly EmailRecord[];
  readonly phones: readonly PhoneRecord[];
  readonly companyId: string;
  readonly departmentId: string;
  readonly locationId: string;
  readonly jobProfileId: string;
  readonly positionId: string;
  readonly businessTitle: string;
  /** Top of the organisation first, immediate manager last; empty for the top of the tree. */
  readonly managerChain: readonly ManagerLink[];
  readonly active: boolean;
  readonly hireDate: string;
  readonly originalHireDate: string;
  readonly rehire: boolean;
  readonly terminated: boolean;
  readonly terminationDate?: string;
  readonly lastDayOfWork?: string;
  readonly leave?: LeaveRecord;
}

/** A state that takes effect on `effectiveDate`, entered at `enteredAt` (ISO instant). */
export interface WorkerVersion {
  readonly effectiveDate: string;
  readonly enteredAt: string;
  readonly state: WorkerState;
}

/** A worker as stored: identifiers that never change plus the effective-dated history. */
export interface WorkerRecord {
  readonly seq: number;
  readonly wid: string;
  readonly personUuid: string;
  readonly versions: readonly WorkerVersion[];
  readonly lastModified: string;
}

export interface TransactionEntry {
  readonly id: string;
  readonly type: string;
  readonly description: string;
  /** ISO instants. */
  readonly effectiveMoment: string;
  readonly entryMoment: string;
}

/** Business process types the simulator records. */
export const BUSINESS_PROCESS = {
  hire: "Hire Employee",
  contract: "Contract Contingent Worker",
  terminate: "Terminate Employee",
  endContract: "End Contingent Worker Contract",
  jobChange: "Change Job",
  titleChange: "Change Business Title",
  leave: "Request Leave of Absence",
  returnFromLeave: "Return from Leave of Absence",
  workContact: "Work Contact Change",
  accountUpdate: "Workday Account Update",
} as const;

export function fullName(name: PersonName): string {
  return name.middle === undefined ? `${name.first} ${name.last}` : `${name.first} ${name.middle} ${name.last}`;
}

export function displayName(state: WorkerState): string {
  const name = state.preferredName ?? state.legalName;
  return `${name.first} ${name.last}`;
}
