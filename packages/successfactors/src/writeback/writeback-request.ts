/**
 * Writeback input: what Entra's "SuccessFactors Writeback" app writes — business email, business
 * and cell phone, and the User's username — validated and turned into `POST /odata/v2/upsert`
 * rows. SuccessFactors fails on empty values, so an empty field is refused here: leave it out
 * instead. Picklist option ids default to the configured ones (`8448`, `10605`, `10606`).
 *
 * The User row is keyed by `userId` when given (the active employment's user, which differs from
 * personIdExternal after a rehire or conversion), else by personIdExternal — Entra's fallback,
 * which writes to the wrong User in that case.
 */
import { z } from "zod";
import { SuccessFactorsError } from "../errors/successfactors-error.js";

const text = (what: string) => z.string().trim().min(1, `${what} is empty; leave it out instead`);
const optionId = z.string().regex(/^\d+$/, "must be a picklist option id (digits only)");

const emailInput = z.union([
  text("email"),
  z.object({ address: text("email.address"), typeId: optionId.optional(), isPrimary: z.boolean().optional() }).strict(),
]);

const phoneInput = (what: string) =>
  z.union([
    text(what),
    z
      .object({
        number: text(`${what}.number`),
        countryCode: text(`${what}.countryCode`).optional(),
        areaCode: text(`${what}.areaCode`).optional(),
        extension: text(`${what}.extension`).optional(),
        typeId: optionId.optional(),
        isPrimary: z.boolean().optional(),
      })
      .strict(),
  ]);

export const writebackRequestSchema = z
  .object({
    personIdExternal: text("personIdExternal"),
    /** The User to update; default personIdExternal. */
    userId: text("userId").optional(),
    /** Business email (primary unless isPrimary: false). */
    email: emailInput.optional(),
    /** Business phone (primary unless isPrimary: false). */
    businessPhone: phoneInput("businessPhone").optional(),
    /** Cell phone (not primary unless isPrimary: true). */
    cellPhone: phoneInput("cellPhone").optional(),
    /** The SuccessFactors login name (User.username). */
    username: text("username").optional(),
  })
  .strict();

export type WritebackRequest = z.input<typeof writebackRequestSchema>;

export interface PicklistIds {
  readonly emailTypeId: string;
  readonly businessPhoneTypeId: string;
  readonly cellPhoneTypeId: string;
}

export type UpsertEntity = "PerEmail" | "PerPhone" | "User";

export interface UpsertRow {
  readonly entity: UpsertEntity;
  /** The entity's key predicate, e.g. `PerPhone(personIdExternal='100234',phoneType='10605')`. */
  readonly key: string;
  readonly body: Readonly<Record<string, unknown>>;
}

export interface UpsertPlan {
  readonly personIdExternal: string;
  readonly userId: string;
  readonly userKeySource: "userId" | "personIdExternal";
  readonly rows: readonly UpsertRow[];
}

/** A key predicate value: quotes doubled, then percent-encoded for the URI. */
function keyValue(value: string): string {
  return `'${encodeURIComponent(value.replaceAll("'", "''"))}'`;
}

/** `Entity(a='1',b='2')` with the key properties sorted by name, as SuccessFactors writes them. */
function keyPredicate(entity: UpsertEntity, keys: Record<string, string>): string {
  const names = Object.keys(keys).sort();
  if (names.length === 1) return `${entity}(${keyValue(keys[names[0]!]!)})`;
  return `${entity}(${names.map((name) => `${name}=${keyValue(keys[name]!)}`).join(",")})`;
}

function row(entity: UpsertEntity, keys: Record<string, string>, fields: Record<string, unknown>): UpsertRow {
  const key = keyPredicate(entity, keys);
  return { entity, key, body: { __metadata: { uri: key, type: `SFOData.${entity}` }, ...keys, ...fields } };
}

type PhoneValue = z.output<ReturnType<typeof phoneInput>>;

function phoneRow(personIdExternal: string, phone: PhoneValue, typeId: string, primary: boolean): UpsertRow {
  const value = typeof phone === "string" ? { number: phone } : phone;
  return row(
    "PerPhone",
    { personIdExternal, phoneType: value.typeId ?? typeId },
    {
      phoneNumber: value.number,
      ...(value.countryCode === undefined ? {} : { countryCode: value.countryCode }),
      ...(value.areaCode === undefined ? {} : { areaCode: value.areaCode }),
      ...(value.extension === undefined ? {} : { extension: value.extension }),
      isPrimary: value.isPrimary ?? primary,
    },
  );
}

/** Validates the input and builds the upsert rows; an invalid request is an InvalidRequest error naming the field. */
export function planUpsert(input: unknown, picklists: PicklistIds): UpsertPlan {
  const parsed = writebackRequestSchema.safeParse(input);
  if (!parsed.success) {
    const who =
      typeof (input as { personIdExternal?: unknown } | null)?.personIdExternal === "string"
        ? ` for person ${JSON.stringify((input as { personIdExternal: string }).personIdExternal)}`
        : "";
    throw new SuccessFactorsError(
      "data",
      "InvalidRequest",
      `SuccessFactors writeback request${who} is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "(request)"}: ${issue.message}`).join("; ")}`,
      { operation: "writeback", fields: parsed.error.issues.map((issue) => issue.path.join(".")) },
    );
  }
  const request = parsed.data;
  const id = request.personIdExternal;
  const rows: UpsertRow[] = [];
  if (request.email !== undefined) {
    const email = typeof request.email === "string" ? { address: request.email } : request.email;
    rows.push(
      row(
        "PerEmail",
        { emailType: email.typeId ?? picklists.emailTypeId, personIdExternal: id },
        { emailAddress: email.address, isPrimary: email.isPrimary ?? true },
      ),
    );
  }
  if (request.businessPhone !== undefined) {
    rows.push(phoneRow(id, request.businessPhone, picklists.businessPhoneTypeId, true));
  }
  if (request.cellPhone !== undefined) rows.push(phoneRow(id, request.cellPhone, picklists.cellPhoneTypeId, false));
  const userId = request.userId ?? id;
  if (request.username !== undefined) rows.push(row("User", { userId }, { username: request.username }));
  return {
    personIdExternal: id,
    userId,
    userKeySource: request.userId === undefined ? "personIdExternal" : "userId",
    rows,
  };
}
