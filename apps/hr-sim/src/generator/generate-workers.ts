/**
 * Deterministic tenant generator: `count` workers from a seed and a reference date. Worker 0 is the
 * CEO; worker i reports to worker floor((i-1)/FANOUT), which makes a management tree about six
 * levels deep at 100k. Leaves may be contingent workers, terminated, on leave or future hires;
 * every 97th worker duplicates the previous worker's name so account-name rules collide.
 * Workers stream out one at a time with their transaction-log entries.
 */
import {
  BUSINESS_PROCESS,
  fullName,
  type EmailRecord,
  type ManagerLink,
  type PersonName,
  type PhoneRecord,
  type TransactionEntry,
  type WorkerRecord,
  type WorkerState,
  type WorkerVersion,
} from "../model/worker-record.js";
import { TENANT_UTC_OFFSET } from "../model/tenant-time.js";
import { DEPARTMENTS, JOB_PROFILES, LEAVE_TYPES, LOCATIONS, type Location } from "../model/reference-data.js";
import { FIRST_NAMES, LAST_NAMES, MIDDLE_NAMES, PREFERRED_FIRST, asciiSlug } from "./name-pools.js";
import { Prng } from "./prng.js";

export interface GeneratorOptions {
  readonly count: number;
  readonly seed: number;
  /** "Today" of the generated tenant (ISO date); hires lie before it, future hires after it. */
  readonly referenceDate: string;
  /** Email domain of work addresses. */
  readonly emailDomain?: string;
}

export interface GeneratedWorker {
  readonly record: WorkerRecord;
  readonly transactions: readonly TransactionEntry[];
}

const FANOUT = 8;
const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** An entry moment on `date` at a working hour (UTC). */
function entryOn(date: string, prng: Prng): string {
  const seconds = 8 * 3600 + prng.int(9 * 3600);
  return new Date(Date.parse(`${date}T00:00:00Z`) + seconds * 1000 + prng.int(1000)).toISOString();
}

/** Effective moment of a date: its start in the tenant's time zone, as an ISO instant. */
export function effectiveMomentOf(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000${TENANT_UTC_OFFSET}`)).toISOString();
}

/** Deterministic unique identifiers for generated and scenario-created workers. */
export function employeeIdFor(index: number): string {
  return String(100_000 + index);
}
export function contingentIdFor(index: number): string {
  return `C-${String(index).padStart(6, "0")}`;
}

class UniqueNames {
  private readonly used = new Map<string, number>();
  take(base: string): string {
    const seen = this.used.get(base);
    this.used.set(base, (seen ?? 0) + 1);
    return seen === undefined ? base : `${base}${seen + 1}`;
  }
}

interface Node {
  readonly link: ManagerLink;
  /** This worker's own chain (top first, excluding itself). */
  readonly chain: readonly ManagerLink[];
  readonly parent: number;
  readonly departmentId: string;
  readonly locationId: string;
}

export function* generateWorkers(options: GeneratorOptions): Generator<GeneratedWorker> {
  const prng = new Prng(options.seed);
  const domain = options.emailDomain ?? "contoso.example";
  const userIds = new UniqueNames();
  const emails = new UniqueNames();
  const nodes: Node[] = [];
  let previousName: PersonName | undefined;
  const firstLeaf = Math.ceil((options.count - 1) / FANOUT);

  for (let index = 0; index < options.count; index++) {
    const isLeaf = index >= firstLeaf && index > 0;
    const parent = index === 0 ? -1 : Math.floor((index - 1) / FANOUT);
    const contingent = isLeaf && prng.chance(0.1);
    const legalName: PersonName =
      index % 97 === 96 && previousName !== undefined ? previousName : randomName(prng);
    previousName = legalName;
    const preferredFirst = PREFERRED_FIRST[legalName.first];
    const preferredName: PersonName | undefined =
      preferredFirst !== undefined && prng.chance(0.5)
        ? {
            first: preferredFirst,
            ...(legalName.middle === undefined ? {} : { middle: legalName.middle.slice(0, 1) }),
            last: legalName.last,
          }
        : undefined;

    const parentNode = parent >= 0 ? nodes[parent] : undefined;
    const managerChain = parentNode === undefined ? [] : [...parentNode.chain, parentNode.link];
    const depth = managerChain.length;
    const departmentId =
      depth <= 1 ? DEPARTMENTS[index % DEPARTMENTS.length]!.id : prng.chance(0.9) ? parentNode!.departmentId : prng.pick(DEPARTMENTS).id;
    const location: Location = parentNode !== undefined && prng.chance(0.7)
      ? LOCATIONS.find((candidate) => candidate.id === parentNode.locationId)!
      : prng.pick(LOCATIONS);
    const profile = contingent
      ? JOB_PROFILES.find((candidate) => candidate.id === "JP_CTR")!
      : index === 0
        ? JOB_PROFILES[0]!
        : !isLeaf
          ? JOB_PROFILES[depth <= 2 ? 1 : 2]!
          : prng.pick(JOB_PROFILES.slice(3, 9));

    const workerId = contingent ? contingentIdFor(index) : employeeIdFor(index);
    const wid = prng.hex32();
    const personUuid = prng.hex32().toUpperCase();
    const slugFirst = asciiSlug(legalName.first) || "x";
    const slugLast = asciiSlug(legalName.last) || "worker";
    const userId = userIds.take(`${slugFirst[0]}${slugLast}`.slice(0, 20));

    // Hire dates spread over ten years before the reference date; 1 % of leaves start in the future.
    const futureHire = isLeaf && prng.chance(0.01);
    const hireDate = futureHire
      ? addDays(options.referenceDate, 1 + prng.int(45))
      : addDays(options.referenceDate, -(30 + prng.int(3650)));
    const rehire = prng.chance(0.03);
    const originalHireDate = rehire ? addDays(hireDate, -(400 + prng.int(2000))) : hireDate;

    const workEmail = `${emails.take(`${slugFirst}.${slugLast}`)}@${domain}`;
    const emailRecords: EmailRecord[] = futureHire
      ? [{ address: `${slugFirst}${slugLast}@mail.example`, usage: "HOME", primary: true, public: false }]
      : [
          { address: workEmail, usage: "WORK", primary: true, public: true },
          ...(prng.chance(0.3)
            ? [{ address: `${slugFirst}.${slugLast}${prng.int(100)}@mail.example`, usage: "HOME" as const, primary: true, public: false }]
            : []),
        ];
    const phones: PhoneRecord[] = [phone(prng, location, "Landline", true)];
    if (prng.chance(0.6)) phones.push(phone(prng, location, "Mobile", false));
    if (prng.chance(0.05)) phones.push(phone(prng, location, "Fax", false));

    const state: WorkerState = {
      workerType: contingent ? "contingent" : "employee",
      workerId,
      userId,
      legalName,
      ...(preferredName === undefined ? {} : { preferredName }),
      emails: emailRecords,
      phones,
      companyId: location.companyId,
      departmentId,
      locationId: location.id,
      jobProfileId: profile.id,
      positionId: `P-${String(index + 1).padStart(6, "0")}`,
      businessTitle: businessTitleOf(profile.name, departmentId),
      managerChain,
      active: true,
      hireDate,
      originalHireDate,
      rehire,
      terminated: false,
    };
    nodes.push({
      link: { wid, workerId, name: fullName(preferredName ?? legalName) },
      chain: managerChain,
      parent,
      departmentId,
      locationId: location.id,
    });

    const hireEntered = entryOn(addDays(hireDate, -(futureHire ? 0 : 1 + prng.int(20))), prng);
    const hireEnteredAt = futureHire ? entryOn(addDays(options.referenceDate, -prng.int(5)), prng) : hireEntered;
    const versions: WorkerVersion[] = [{ effectiveDate: hireDate, enteredAt: hireEnteredAt, state }];
    const transactions: TransactionEntry[] = [
      transaction(prng, contingent ? BUSINESS_PROCESS.contract : BUSINESS_PROCESS.hire, legalName, hireDate, hireEnteredAt),
    ];

    if (isLeaf && !futureHire) {
      const roll = prng.next();
      if (roll < 0.05) {
        // Terminated some time after the hire, before the reference date.
        const span = Math.max(1, Math.round((Date.parse(options.referenceDate) - Date.parse(hireDate)) / DAY_MS) - 2);
        const lastDay = addDays(hireDate, 1 + prng.int(span));
        const terminationDate = lastDay;
        const entered = entryOn(addDays(lastDay, -prng.int(14)), prng);
        versions.push({
          effectiveDate: addDays(terminationDate, 1),
          enteredAt: entered,
          state: { ...state, active: false, terminated: true, terminationDate, lastDayOfWork: lastDay },
        });
        transactions.push(
          transaction(prng, contingent ? BUSINESS_PROCESS.endContract : BUSINESS_PROCESS.terminate, legalName, addDays(terminationDate, 1), entered),
        );
      } else if (roll < 0.07 && !contingent) {
        const type = prng.pick(LEAVE_TYPES);
        const start = addDays(options.referenceDate, -prng.int(60));
        const entered = entryOn(addDays(start, -prng.int(10)), prng);
        versions.push({
          effectiveDate: start,
          enteredAt: entered,
          state: { ...state, leave: { typeId: type.id, typeName: type.name, startDate: start, estimatedEndDate: addDays(start, 90) } },
        });
        transactions.push(transaction(prng, BUSINESS_PROCESS.leave, legalName, start, entered));
      }
    }

    let lastModified = versions[0]!.enteredAt;
    for (const version of versions) if (version.enteredAt > lastModified) lastModified = version.enteredAt;
    yield { record: { seq: index + 1, wid, personUuid, versions, lastModified }, transactions };
  }
}

function randomName(prng: Prng): PersonName {
  const first = prng.pick(FIRST_NAMES);
  const last = prng.pick(LAST_NAMES);
  return prng.chance(0.3) ? { first, middle: prng.pick(MIDDLE_NAMES), last } : { first, last };
}

function phone(prng: Prng, location: Location, device: PhoneRecord["device"], primary: boolean): PhoneRecord {
  const line = String(prng.int(10_000)).padStart(4, "0");
  return {
    device,
    countryAlpha3: location.countryAlpha3,
    countryCode: location.callingCode,
    areaCode: prng.pick(location.areaCodes),
    number: `555-${line}`,
    usage: "WORK",
    primary,
    public: true,
  };
}

function businessTitleOf(profileName: string, departmentId: string): string {
  const department = DEPARTMENTS.find((candidate) => candidate.id === departmentId)!;
  return `${profileName}, ${department.name}`;
}

function transaction(prng: Prng, type: string, name: PersonName, effectiveDate: string, entryMoment: string): TransactionEntry {
  return {
    id: prng.hex32(),
    type,
    description: `${type}: ${fullName(name)}`,
    effectiveMoment: effectiveMomentOf(effectiveDate),
    entryMoment,
  };
}
