/**
 * POST /odata/v2/upsert rows: PerEmail, PerPhone and User. Each row succeeds or fails alone
 * (HTTP 200 with a status per row); a success changes the stored worker and bumps its
 * lastModifiedDateTime through a transaction-log entry, so the next delta query sees it.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { effectiveMomentOf } from "../generator/generate-workers.js";
import { latestState } from "../model/as-of.js";
import { BUSINESS_PROCESS, type PhoneDevice, type WorkerRecord, type WorkerState } from "../model/worker-record.js";
import type { HrSimStore } from "../store/worker-store.js";
import { EMAIL_TYPE, PHONE_TYPE } from "./person-json.js";

export interface UpsertRowResult {
  readonly key: string | null;
  readonly status: "OK" | "ERROR";
  readonly editStatus: "UPSERTED" | null;
  readonly message: string | null;
  readonly index: number;
  readonly httpCode: number;
  readonly inlineResults: null;
}

const metadataSchema = z.object({ uri: z.string().min(1), type: z.string().optional() }).passthrough();
const emailSchema = z
  .object({ __metadata: metadataSchema, personIdExternal: z.string().min(1), emailType: z.string().min(1), emailAddress: z.string().email(), isPrimary: z.boolean() })
  .passthrough();
const phoneSchema = z
  .object({
    __metadata: metadataSchema,
    personIdExternal: z.string().min(1),
    phoneType: z.string().min(1),
    phoneNumber: z.string().min(1).max(40),
    countryCode: z.string().max(4).nullish(),
    areaCode: z.string().max(8).nullish(),
    extension: z.string().max(12).nullish(),
    isPrimary: z.boolean(),
  })
  .passthrough();
const userSchema = z
  .object({
    __metadata: metadataSchema,
    userId: z.string().min(1),
    username: z.string().min(1).max(100).optional(),
    loginMethod: z.enum(["SSO", "PWD"]).optional(),
  })
  .passthrough();

const ENTITY = /^(?:.*\/)?([A-Za-z]+)\(/;

function keyOf(entity: string, row: Record<string, unknown>, names: readonly string[]): string {
  return names.map((name) => `${entity}/${name}=${String(row[name])}`).join(",");
}

async function apply(store: HrSimStore, worker: WorkerRecord, now: number, patch: (state: WorkerState) => WorkerState, type: string): Promise<void> {
  const enteredAt = new Date(now).toISOString();
  const effectiveDate = enteredAt.slice(0, 10);
  await store.applyChange(worker.seq, { effectiveDate, enteredAt, patch }, {
    id: randomBytes(16).toString("hex"),
    type,
    description: `${type}: ${latestState(worker).legalName.first} ${latestState(worker).legalName.last}`,
    effectiveMoment: effectiveMomentOf(effectiveDate),
    entryMoment: enteredAt,
  });
}

export async function upsertEntities(store: HrSimStore, entities: readonly unknown[], now: () => number, blocked: boolean): Promise<UpsertRowResult[]> {
  const results: UpsertRowResult[] = [];
  for (const [index, raw] of entities.entries()) {
    const ok = (key: string): UpsertRowResult => ({ key, status: "OK", editStatus: "UPSERTED", message: null, index, httpCode: 200, inlineResults: null });
    const fail = (key: string | null, message: string, httpCode = 500): UpsertRowResult => ({
      key, status: "ERROR", editStatus: null, message, index, httpCode, inlineResults: null,
    });
    const uri = (raw as { __metadata?: { uri?: unknown } } | null)?.__metadata?.uri;
    const entity = typeof uri === "string" ? ENTITY.exec(uri)?.[1] : undefined;
    if (entity === undefined) {
      results.push(fail(null, `Row ${index}: __metadata.uri must name an entity with its key, e.g. PerEmail(emailType='8448',personIdExternal='100234').`, 400));
      continue;
    }
    if (blocked) {
      results.push(fail(entity, "The record is locked by a pending workflow."));
      continue;
    }
    if (entity === "PerEmail") {
      const parsed = emailSchema.safeParse(raw);
      if (!parsed.success) {
        results.push(fail(entity, `PerEmail: ${parsed.error.issues[0]!.path.join(".")} ${parsed.error.issues[0]!.message}`, 400));
        continue;
      }
      const row = parsed.data;
      const key = keyOf(entity, row, ["emailType", "personIdExternal"]);
      if (row.emailType !== EMAIL_TYPE.business && row.emailType !== EMAIL_TYPE.personal) {
        results.push(fail(key, `Invalid picklist option id ${row.emailType} for emailType (picklist ecEmailType).`));
        continue;
      }
      const worker = await store.findWorker({ type: "Worker_ID", id: row.personIdExternal });
      if (worker === undefined) {
        results.push(fail(key, `Person ${row.personIdExternal} does not exist.`, 404));
        continue;
      }
      const usage = row.emailType === EMAIL_TYPE.business ? "WORK" : "HOME";
      const state = latestState(worker);
      if (row.isPrimary && usage === "WORK" && state.emails.some((email) => email.usage === "HOME" && email.primary) && !state.emails.some((email) => email.usage === "WORK")) {
        results.push(fail(key, "The primary email cannot be switched from the personal to the business email by an API user."));
        continue;
      }
      await apply(store, worker, now(), (current) => ({
        ...current,
        emails: [
          ...current.emails.filter((email) => email.usage !== usage),
          { address: row.emailAddress, usage, primary: row.isPrimary, public: usage === "WORK" },
        ],
      }), BUSINESS_PROCESS.workContact);
      results.push(ok(key));
    } else if (entity === "PerPhone") {
      const parsed = phoneSchema.safeParse(raw);
      if (!parsed.success) {
        results.push(fail(entity, `PerPhone: ${parsed.error.issues[0]!.path.join(".")} ${parsed.error.issues[0]!.message}`, 400));
        continue;
      }
      const row = parsed.data;
      const key = keyOf(entity, row, ["personIdExternal", "phoneType"]);
      const device: PhoneDevice | undefined =
        row.phoneType === PHONE_TYPE.business ? "Landline" : row.phoneType === PHONE_TYPE.cell ? "Mobile" : row.phoneType === PHONE_TYPE.fax ? "Fax" : undefined;
      if (device === undefined) {
        results.push(fail(key, `Invalid picklist option id ${row.phoneType} for phoneType (picklist ecPhoneType).`));
        continue;
      }
      const worker = await store.findWorker({ type: "Worker_ID", id: row.personIdExternal });
      if (worker === undefined) {
        results.push(fail(key, `Person ${row.personIdExternal} does not exist.`, 404));
        continue;
      }
      const digits = row.phoneNumber.replace(/\D/g, "");
      const number = digits.length > 4 ? `${digits.slice(0, digits.length - 4)}-${digits.slice(-4)}` : digits;
      await apply(store, worker, now(), (current) => ({
        ...current,
        phones: [
          ...current.phones.filter((phone) => phone.device !== device),
          {
            device,
            countryAlpha3: current.phones[0]?.countryAlpha3 ?? "USA",
            countryCode: row.countryCode ?? "1",
            areaCode: row.areaCode ?? "",
            number,
            ...(row.extension ? { extension: row.extension } : {}),
            usage: "WORK",
            primary: row.isPrimary,
            public: true,
          },
        ],
      }), BUSINESS_PROCESS.workContact);
      results.push(ok(key));
    } else if (entity === "User") {
      const parsed = userSchema.safeParse(raw);
      if (!parsed.success) {
        results.push(fail(entity, `User: ${parsed.error.issues[0]!.path.join(".")} ${parsed.error.issues[0]!.message}`, 400));
        continue;
      }
      const row = parsed.data;
      const key = keyOf(entity, row, ["userId"]);
      const worker = await store.findWorker({ type: "Worker_ID", id: row.userId });
      if (worker === undefined) {
        results.push(fail(key, `User ${row.userId} does not exist.`, 404));
        continue;
      }
      const username = row.username;
      if (username !== undefined) {
        const holder = await store.findByUserId(username);
        if (holder !== undefined && holder.seq !== worker.seq) {
          results.push(fail(key, `Username ${username} is already in use`));
          continue;
        }
      }
      await apply(store, worker, now(), (current) => ({ ...current, ...(username === undefined ? {} : { userId: username }) }), BUSINESS_PROCESS.accountUpdate);
      results.push(ok(key));
    } else {
      results.push(fail(entity, `Upsert of ${entity} is not supported by this simulator.`, 400));
    }
  }
  return results;
}
