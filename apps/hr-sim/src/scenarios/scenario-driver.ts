/**
 * Scenario driver: the business processes a test or demo plays against the tenant — hire
 * (future-dated too), job/title/department/location/manager changes, termination (now or
 * future-dated), rehire, contingent → employee conversion, leave of absence. Each writes the
 * worker's effective-dated version and the transaction-log entry a real tenant would, so
 * incremental queries see exactly that worker. Inputs are validated with zod.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { addDays, contingentIdFor, effectiveMomentOf, employeeIdFor } from "../generator/generate-workers.js";
import { asciiSlug } from "../generator/name-pools.js";
import { latestState } from "../model/as-of.js";
import { DEPARTMENT_BY_ID, DEPARTMENTS, JOB_PROFILE_BY_ID, LEAVE_TYPES, LOCATION_BY_ID, LOCATIONS } from "../model/reference-data.js";
import { tenantToday } from "../model/tenant-time.js";
import {
  BUSINESS_PROCESS,
  fullName,
  type ManagerLink,
  type PersonName,
  type WorkerRecord,
  type WorkerState,
} from "../model/worker-record.js";
import type { HrSimStore } from "../store/worker-store.js";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");
const name = z.string().trim().min(1).max(256);
const departmentId = z.string().refine((id) => DEPARTMENT_BY_ID.has(id), "is not a known department id");
const locationId = z.string().refine((id) => LOCATION_BY_ID.has(id), "is not a known location id");

export const hireSchema = z
  .object({
    firstName: name,
    lastName: name,
    middleName: name.optional(),
    preferredFirstName: name.optional(),
    workerType: z.enum(["employee", "contingent"]).default("employee"),
    hireDate: isoDate.optional(),
    managerWorkerId: z.string().min(1).optional(),
    departmentId: departmentId.optional(),
    locationId: locationId.optional(),
    businessTitle: name.optional(),
    jobProfileId: z.string().refine((id) => JOB_PROFILE_BY_ID.has(id), "is not a known job profile id").optional(),
  })
  .strict();

export const updateSchema = z
  .object({
    workerId: z.string().min(1),
    effectiveDate: isoDate.optional(),
    businessTitle: name.optional(),
    departmentId: departmentId.optional(),
    locationId: locationId.optional(),
    managerWorkerId: z.string().min(1).optional(),
    lastName: name.optional(),
    preferredFirstName: name.optional(),
  })
  .strict();

export const terminateSchema = z.object({ workerId: z.string().min(1), lastDayOfWork: isoDate.optional() }).strict();
export const rehireSchema = z.object({ workerId: z.string().min(1), hireDate: isoDate.optional() }).strict();
export const convertSchema = z.object({ workerId: z.string().min(1), conversionDate: isoDate.optional() }).strict();
export const leaveSchema = z
  .object({
    workerId: z.string().min(1),
    typeId: z.enum(LEAVE_TYPES.map((type) => type.id) as [string, ...string[]]).default("PARENTAL"),
    startDate: isoDate.optional(),
    estimatedEndDate: isoDate.optional(),
  })
  .strict();

export class ScenarioError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

export interface ScenarioResult {
  readonly wid: string;
  readonly workerId: string;
  readonly businessProcess: string;
  readonly effectiveDate: string;
  readonly enteredAt: string;
}

const newId = (): string => randomBytes(16).toString("hex");

export class ScenarioDriver {
  constructor(
    private readonly store: HrSimStore,
    private readonly now: () => number,
  ) {}

  private today(): string {
    return tenantToday(this.now());
  }

  private async worker(workerId: string): Promise<WorkerRecord> {
    const found = await this.store.findWorker({ type: "Worker_ID", id: workerId });
    if (found === undefined) throw new ScenarioError(404, `No worker with Worker ID "${workerId}".`);
    return found;
  }

  private async managerChainOf(managerWorkerId: string): Promise<ManagerLink[]> {
    const manager = await this.worker(managerWorkerId);
    const state = latestState(manager);
    return [...state.managerChain, { wid: manager.wid, workerId: state.workerId, name: fullName(state.preferredName ?? state.legalName) }];
  }

  private async uniqueUserId(base: string): Promise<string> {
    let candidate = base;
    for (let suffix = 2; (await this.store.findByUserId(candidate)) !== undefined; suffix++) candidate = `${base}${suffix}`;
    return candidate;
  }

  private async record(worker: WorkerRecord, type: string, effectiveDate: string, patch: (state: WorkerState) => WorkerState): Promise<ScenarioResult> {
    const enteredAt = new Date(this.now()).toISOString();
    const state = latestState(worker);
    const updated = await this.store.applyChange(
      worker.seq,
      { effectiveDate, enteredAt, patch },
      { id: newId(), type, description: `${type}: ${fullName(state.legalName)}`, effectiveMoment: effectiveMomentOf(effectiveDate), entryMoment: enteredAt },
    );
    return { wid: updated.wid, workerId: latestState(updated).workerId, businessProcess: type, effectiveDate, enteredAt };
  }

  async hire(input: unknown): Promise<ScenarioResult> {
    const request = parse(hireSchema, input);
    const hireDate = request.hireDate ?? this.today();
    const enteredAt = new Date(this.now()).toISOString();
    const managerChain = request.managerWorkerId === undefined ? [] : await this.managerChainOf(request.managerWorkerId);
    const location = LOCATION_BY_ID.get(request.locationId ?? LOCATIONS[0]!.id)!;
    const department = DEPARTMENT_BY_ID.get(request.departmentId ?? DEPARTMENTS[1]!.id)!;
    const count = await this.store.countWorkers();
    const index = 1_000_000 + count;
    const workerId = request.workerType === "employee" ? employeeIdFor(index) : contingentIdFor(index);
    const legalName: PersonName = {
      first: request.firstName,
      ...(request.middleName === undefined ? {} : { middle: request.middleName }),
      last: request.lastName,
    };
    const slugFirst = asciiSlug(request.firstName) || "x";
    const slugLast = asciiSlug(request.lastName) || "worker";
    const userId = await this.uniqueUserId(`${slugFirst[0]}${slugLast}`.slice(0, 20));
    const profileId = request.jobProfileId ?? (request.workerType === "employee" ? "JP_SWE2" : "JP_CTR");
    const state: WorkerState = {
      workerType: request.workerType,
      workerId,
      userId,
      legalName,
      ...(request.preferredFirstName === undefined ? {} : { preferredName: { first: request.preferredFirstName, last: request.lastName } }),
      emails: [{ address: `${slugFirst}.${slugLast}@mail.example`, usage: "HOME", primary: true, public: false }],
      phones: [
        { device: "Mobile", countryAlpha3: location.countryAlpha3, countryCode: location.callingCode, areaCode: location.areaCodes[0]!, number: "555-0100", usage: "HOME", primary: true, public: false },
      ],
      companyId: location.companyId,
      departmentId: department.id,
      locationId: location.id,
      jobProfileId: profileId,
      positionId: `P-${index}`,
      businessTitle: request.businessTitle ?? `${JOB_PROFILE_BY_ID.get(profileId)!.name}, ${department.name}`,
      managerChain,
      active: true,
      hireDate,
      originalHireDate: hireDate,
      rehire: false,
      terminated: false,
    };
    const type = request.workerType === "employee" ? BUSINESS_PROCESS.hire : BUSINESS_PROCESS.contract;
    const record = await this.store.insertWorker(
      { wid: newId(), personUuid: newId().toUpperCase(), versions: [{ effectiveDate: hireDate, enteredAt, state }], lastModified: enteredAt },
      { id: newId(), type, description: `${type}: ${fullName(legalName)}`, effectiveMoment: effectiveMomentOf(hireDate), entryMoment: enteredAt },
    );
    return { wid: record.wid, workerId, businessProcess: type, effectiveDate: hireDate, enteredAt };
  }

  async update(input: unknown): Promise<ScenarioResult> {
    const request = parse(updateSchema, input);
    const worker = await this.worker(request.workerId);
    const managerChain = request.managerWorkerId === undefined ? undefined : await this.managerChainOf(request.managerWorkerId);
    const onlyTitle =
      request.businessTitle !== undefined && request.departmentId === undefined && request.locationId === undefined && managerChain === undefined;
    const type = onlyTitle ? BUSINESS_PROCESS.titleChange : BUSINESS_PROCESS.jobChange;
    return this.record(worker, type, request.effectiveDate ?? this.today(), (state) => {
      const location = request.locationId === undefined ? undefined : LOCATION_BY_ID.get(request.locationId)!;
      return {
        ...state,
        ...(request.businessTitle === undefined ? {} : { businessTitle: request.businessTitle }),
        ...(request.departmentId === undefined ? {} : { departmentId: request.departmentId }),
        ...(location === undefined ? {} : { locationId: location.id, companyId: location.companyId }),
        ...(managerChain === undefined ? {} : { managerChain }),
        ...(request.lastName === undefined ? {} : { legalName: { ...state.legalName, last: request.lastName } }),
        ...(request.preferredFirstName === undefined
          ? {}
          : { preferredName: { first: request.preferredFirstName, last: request.lastName ?? state.legalName.last } }),
      };
    });
  }

  async terminate(input: unknown): Promise<ScenarioResult> {
    const request = parse(terminateSchema, input);
    const worker = await this.worker(request.workerId);
    const state = latestState(worker);
    if (state.terminated) throw new ScenarioError(409, `Worker "${request.workerId}" is already terminated.`);
    // The last day of work defaults to yesterday, so the termination takes effect today.
    const lastDay = request.lastDayOfWork ?? addDays(this.today(), -1);
    const type = state.workerType === "employee" ? BUSINESS_PROCESS.terminate : BUSINESS_PROCESS.endContract;
    return this.record(worker, type, addDays(lastDay, 1), (current) => {
      const { leave: _leave, ...rest } = current;
      return { ...rest, active: false, terminated: true, terminationDate: lastDay, lastDayOfWork: lastDay };
    });
  }

  async rehire(input: unknown): Promise<ScenarioResult> {
    const request = parse(rehireSchema, input);
    const worker = await this.worker(request.workerId);
    if (!latestState(worker).terminated) throw new ScenarioError(409, `Worker "${request.workerId}" is not terminated, so it cannot be rehired.`);
    const hireDate = request.hireDate ?? this.today();
    return this.record(worker, BUSINESS_PROCESS.hire, hireDate, (current) => {
      const { terminationDate: _t, lastDayOfWork: _l, ...rest } = current;
      return { ...rest, active: true, terminated: false, rehire: true, hireDate };
    });
  }

  /** Ends the contingent worker's contract and hires the person as a new employee (new WID and Employee_ID). */
  async convert(input: unknown): Promise<{ ended: ScenarioResult; hired: ScenarioResult }> {
    const request = parse(convertSchema, input);
    const worker = await this.worker(request.workerId);
    const state = latestState(worker);
    if (state.workerType !== "contingent") throw new ScenarioError(409, `Worker "${request.workerId}" is not a contingent worker.`);
    const date = request.conversionDate ?? this.today();
    const ended = await this.terminate({ workerId: request.workerId, lastDayOfWork: addDays(date, -1) });
    const managerWorkerId = state.managerChain[state.managerChain.length - 1]?.workerId;
    const hired = await this.hire({
      firstName: state.legalName.first,
      lastName: state.legalName.last,
      ...(state.legalName.middle === undefined ? {} : { middleName: state.legalName.middle }),
      workerType: "employee",
      hireDate: date,
      departmentId: state.departmentId,
      locationId: state.locationId,
      businessTitle: state.businessTitle,
      ...(managerWorkerId === undefined ? {} : { managerWorkerId }),
    });
    return { ended, hired };
  }

  async leave(input: unknown): Promise<ScenarioResult> {
    const request = parse(leaveSchema, input);
    const worker = await this.worker(request.workerId);
    const start = request.startDate ?? this.today();
    const type = LEAVE_TYPES.find((candidate) => candidate.id === request.typeId)!;
    return this.record(worker, BUSINESS_PROCESS.leave, start, (current) => ({
      ...current,
      leave: { typeId: type.id, typeName: type.name, startDate: start, estimatedEndDate: request.estimatedEndDate ?? addDays(start, 90) },
    }));
  }
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ScenarioError(400, `Invalid scenario request: ${issue.path.join(".") || "(body)"} ${issue.message}`);
  }
  return result.data;
}
