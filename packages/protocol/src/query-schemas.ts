/**
 * Read-only directory queries the coordinator asks an agent, and their answers.
 * Queries are batched by value so matching a whole cycle costs few round trips.
 */
import { z } from "zod";
import { PROTOCOL_LIMITS as LIMITS } from "./protocol-limits.js";
import {
  anchorSchema,
  attributeMapSchema,
  attributeNameSchema,
  attributeValueSchema,
  directoryValueSchema,
  dnSchema,
  errorCodeSchema,
  ldapResultCodeSchema,
  nonNegativeIntSchema,
  textSchema,
} from "./schema-primitives.js";

const queryValuesSchema = z.array(attributeValueSchema).min(1).max(LIMITS.maxQueryValues);
const requestedAttributesSchema = z.array(attributeNameSchema).max(LIMITS.maxAttributesPerEntry);

export const directoryQuerySchema = z.discriminatedUnion("kind", [
  /** Entries whose `attribute` equals one of `values` (matching), with the `attributes` the job maps. */
  z.object({
    kind: z.literal("findByMatchingAttribute"),
    attribute: attributeNameSchema,
    values: queryValuesSchema,
    attributes: requestedAttributesSchema,
  }),
  /** Which candidate values an entry already holds (SelectUniqueValue candidates such as sAMAccountName). */
  z.object({
    kind: z.literal("isTaken"),
    attribute: attributeNameSchema,
    values: queryValuesSchema,
    /** The account being updated: its own value does not count as taken. */
    excludeAnchor: anchorSchema.optional(),
  }),
  z.object({
    kind: z.literal("readByAnchor"),
    anchors: z.array(anchorSchema).min(1).max(LIMITS.maxQueryValues),
    attributes: requestedAttributesSchema,
  }),
  z.object({ kind: z.literal("testConnection") }),
  z.object({ kind: z.literal("readSchema") }),
]);
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;
export type DirectoryQueryKind = DirectoryQuery["kind"];

/**
 * An entry as the engine's TargetEntry: current values of the requested attributes
 * plus the pseudo-attributes accountDisabled ("True"/"False") and parentDistinguishedName.
 * null marks an attribute that has no value.
 */
export const targetEntrySchema = z.object({
  anchor: anchorSchema,
  dn: dnSchema,
  attributes: attributeMapSchema(directoryValueSchema.nullable()),
});
export type ProtocolTargetEntry = z.infer<typeof targetEntrySchema>;

export const DIRECTORY_DIALECTS = ["activeDirectory", "openLdap", "other"] as const;
export type DirectoryDialect = (typeof DIRECTORY_DIALECTS)[number];

export const schemaAttributeSchema = z.object({
  name: attributeNameSchema,
  singleValued: z.boolean(),
  /** The attribute syntax OID, e.g. 1.3.6.1.4.1.1466.115.121.1.15 (Directory String). */
  syntax: z.string().max(256).optional(),
  /** The maximum length (AD rangeUpper), when the schema declares one. */
  maxLength: nonNegativeIntSchema.optional(),
});
export type SchemaAttribute = z.infer<typeof schemaAttributeSchema>;

export const directoryQueryAnswerSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("findByMatchingAttribute"),
    /** One entry per queried value, in query order; more than one entry means duplicates. */
    matches: z
      .array(
        z.object({
          value: attributeValueSchema,
          entries: z.array(targetEntrySchema).max(LIMITS.maxEntriesPerMatch),
        }),
      )
      .max(LIMITS.maxQueryValues),
  }),
  z.object({
    kind: z.literal("isTaken"),
    /** The subset of the queried values some other entry already holds. */
    taken: z.array(attributeValueSchema).max(LIMITS.maxQueryValues),
  }),
  z.object({
    kind: z.literal("readByAnchor"),
    entries: z.array(targetEntrySchema).max(LIMITS.maxQueryValues),
    /** Anchors no entry has any more (deleted accounts: InvalidAnchor). */
    missing: z.array(anchorSchema).max(LIMITS.maxQueryValues),
  }),
  z.object({
    kind: z.literal("testConnection"),
    dialect: z.enum(DIRECTORY_DIALECTS),
    /** The domain controller or LDAP server that answered. */
    server: z.string().min(1).max(255),
    namingContexts: z.array(dnSchema).max(100),
    latencyMs: nonNegativeIntSchema,
  }),
  z.object({
    kind: z.literal("readSchema"),
    attributes: z.array(schemaAttributeSchema).max(LIMITS.maxSchemaAttributes),
  }),
]);
export type DirectoryQueryAnswer = z.infer<typeof directoryQueryAnswerSchema>;

export const queryFailureSchema = z.object({
  errorCode: errorCodeSchema,
  message: textSchema,
  retryable: z.boolean(),
  ldapCode: ldapResultCodeSchema.optional(),
});
export type QueryFailure = z.infer<typeof queryFailureSchema>;
