/**
 * The field schemas every message is built from. Patterns are compiled once here;
 * no schema below compiles a regular expression per message.
 */
import { z } from "zod";
import { PROTOCOL_LIMITS as LIMITS } from "./protocol-limits.js";
import { PROTOCOL_VERSION_PATTERN } from "./protocol-version.js";

/** Printable ASCII without spaces: ids, keys and anchors travel into logs and filenames. */
const TOKEN_PATTERN = /^[\x21-\x7e]+$/;
/** An LDAP attribute description: a name or numeric OID, with optional ";option"s. */
const ATTRIBUTE_NAME_PATTERN = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)(?:;[A-Za-z0-9=-]+)*$/;
/** Error codes are registry names (packages/engine/src/errors/error-codes.ts), e.g. "InsufficientAccessRights". */
const ERROR_CODE_PATTERN = /^[A-Z][A-Za-z0-9]*$/;
const CAPABILITY_PATTERN = /^[A-Za-z][A-Za-z0-9.:_-]*$/;

const token = (what: string, max: number) =>
  z.string().min(1).max(max).regex(TOKEN_PATTERN, `${what} must be printable ASCII without spaces`);

export const protocolVersionSchema = z.string().regex(PROTOCOL_VERSION_PATTERN, 'must be a version like "1.0"');
export const messageIdSchema = token("a message id", LIMITS.maxIdLength);
export const idempotencyKeySchema = token("an idempotency key", LIMITS.maxIdLength);
export const agentIdSchema = token("an agent id", LIMITS.maxIdLength);
/** objectGUID (AD) or entryUUID (OpenLDAP) as a canonical string. */
export const anchorSchema = token("an anchor", LIMITS.maxIdLength);
export const domainSchema = token("a domain", LIMITS.maxDomainLength);
export const hostnameSchema = token("a hostname", 255);
export const agentVersionSchema = token("an agent version", 64);
export const secretSchema = z
  .string()
  .min(LIMITS.minSecretLength)
  .max(LIMITS.maxSecretLength)
  .regex(TOKEN_PATTERN, "a secret must be printable ASCII without spaces");
export const capabilitySchema = z.string().min(1).max(64).regex(CAPABILITY_PATTERN, "must be a capability name");

export const dnSchema = z.string().min(1).max(LIMITS.maxDnLength);
export const attributeNameSchema = z
  .string()
  .min(1)
  .max(LIMITS.maxAttributeNameLength)
  .regex(ATTRIBUTE_NAME_PATTERN, "must be an LDAP attribute name");
export const attributeValueSchema = z.string().max(LIMITS.maxAttributeValueLength);
/** Matches the engine's DirectoryValue: one string, or the values of a multi-valued attribute. */
export const directoryValueSchema = z.union([
  attributeValueSchema,
  z.array(attributeValueSchema).max(LIMITS.maxValuesPerAttribute).readonly(),
]);

export const errorCodeSchema = z.string().min(1).max(100).regex(ERROR_CODE_PATTERN, "must be a Roster error code");
/** LDAP result codes (RFC 4511 and vendor extensions). */
export const ldapResultCodeSchema = z.number().int().min(0).max(65_535);
export const textSchema = z.string().max(LIMITS.maxTextLength);
export const nonNegativeIntSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A bounded attribute-name → value map. */
export function attributeMapSchema<V extends z.ZodType>(value: V) {
  return z
    .record(attributeNameSchema, value)
    .refine((map) => Object.keys(map).length <= LIMITS.maxAttributesPerEntry, {
      message: `at most ${LIMITS.maxAttributesPerEntry} attributes are allowed`,
    })
    .readonly();
}
