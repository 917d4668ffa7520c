/**
 * The SCIM User resource an API-driven bulk operation carries in `data`: core User, the
 * enterprise extension and any custom extension keyed by its own URN. Attributes Roster does
 * not read are kept but never checked (Entra silently ignores unknown attributes); a null
 * value means "unassigned", as in SCIM.
 */
import { z } from "zod";
import { CORE_USER_URN, ENTERPRISE_USER_URN } from "./scim-constants.js";

const text = z.string().nullish();
const flag = z.boolean().nullish();

export const scimNameSchema = z.looseObject({
  formatted: text,
  familyName: text,
  givenName: text,
  middleName: text,
  honorificPrefix: text,
  honorificSuffix: text,
});

/** One entry of emails / phoneNumbers. */
export const scimMultiValueSchema = z.looseObject({
  value: text,
  type: text,
  primary: flag,
  display: text,
});

export const scimAddressSchema = z.looseObject({
  type: text,
  primary: flag,
  formatted: text,
  streetAddress: text,
  locality: text,
  region: text,
  postalCode: text,
  country: text,
});

export const scimManagerSchema = z.looseObject({
  /** The manager's externalId (not a DN or object id). */
  value: text,
  displayName: text,
  $ref: text,
});

export const enterpriseUserSchema = z.looseObject({
  employeeNumber: text,
  costCenter: text,
  organization: text,
  division: text,
  department: text,
  manager: scimManagerSchema.nullish(),
});

const customScalar = z.union([z.string(), z.number(), z.boolean()]);
/** A custom extension is flat: `<URN>:<AttrName>` addresses each attribute in mappings. */
export const customExtensionSchema = z.record(
  z.string(),
  z.union([customScalar, z.null(), z.array(customScalar)], {
    error: "a custom extension attribute must be a string, number, boolean, null or an array of those",
  }),
);

const URN_PREFIX = "urn:";
const isUrnKey = (key: string): boolean => key.length > 4 && key.slice(0, 4).toLowerCase() === URN_PREFIX;

export const scimUserSchema = z
  .looseObject({
    schemas: z.array(z.string()).min(1, { error: "must list at least the core User schema URN" }),
    externalId: text,
    userName: text,
    name: scimNameSchema.nullish(),
    displayName: text,
    nickName: text,
    title: text,
    userType: text,
    preferredLanguage: text,
    locale: text,
    timezone: text,
    active: flag,
    emails: z.array(scimMultiValueSchema).nullish(),
    phoneNumbers: z.array(scimMultiValueSchema).nullish(),
    addresses: z.array(scimAddressSchema).nullish(),
    [ENTERPRISE_USER_URN]: enterpriseUserSchema.nullish(),
  })
  .superRefine((user, ctx) => {
    // SCIM schema URNs compare case-insensitively; a request lists a handful, so a scan is cheapest.
    const listed = user.schemas.map((urn) => urn.toLowerCase());
    if (!listed.includes(CORE_USER_URN.toLowerCase())) {
      ctx.addIssue({ code: "custom", path: ["schemas"], message: `must include "${CORE_USER_URN}"` });
    }
    for (const key of Object.keys(user)) {
      if (!isUrnKey(key)) continue;
      const value = (user as Record<string, unknown>)[key];
      if (value !== null && value !== undefined && !listed.includes(key.toLowerCase())) {
        ctx.addIssue({ code: "custom", path: [key], message: `extension "${key}" is used but not listed in schemas` });
      }
      if (key === ENTERPRISE_USER_URN || value === null || value === undefined) continue;
      const custom = customExtensionSchema.safeParse(value);
      if (!custom.success) {
        for (const issue of custom.error.issues) {
          ctx.addIssue({ code: "custom", path: [key, ...issue.path], message: issue.message });
        }
      }
    }
  });

export type ScimUser = z.infer<typeof scimUserSchema>;
export type EnterpriseUser = z.infer<typeof enterpriseUserSchema>;
