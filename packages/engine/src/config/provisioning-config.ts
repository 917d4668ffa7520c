/**
 * The provisioning configuration of one job: attribute mappings, scoping filters,
 * matching and target object actions. It is a zod schema so a configuration can be
 * validated when saved, exported as JSON Schema, and imported again.
 *
 * Expressions are only checked for shape here; `validateProvisioningConfig`
 * (validate-config.ts) compiles every expression and reports errors with positions.
 */
import { z } from "zod";

export const MAX_EXPRESSION_LENGTH = 10_000;

export const SCOPING_OPERATORS = [
  "&",
  "!&",
  "ENDS_WITH",
  "EQUALS",
  "NOT EQUALS",
  "Greater_Than",
  "Greater_Than_OR_EQUALS",
  "Includes",
  "IS TRUE",
  "IS FALSE",
  "IS NULL",
  "IS NOT NULL",
  "REGEX MATCH",
  "NOT REGEX MATCH",
] as const;
export type ScopingOperator = (typeof SCOPING_OPERATORS)[number];

/** Operators that take no comparison value. */
export const UNARY_SCOPING_OPERATORS: ReadonlySet<ScopingOperator> = new Set(["IS TRUE", "IS FALSE", "IS NULL", "IS NOT NULL"]);

const attributeName = z.string().min(1).max(256);

export const scopingClauseSchema = z
  .object({
    attribute: attributeName,
    operator: z.enum(SCOPING_OPERATORS),
    value: z.string().max(4096).optional(),
  })
  .strict();
export type ScopingClause = z.infer<typeof scopingClauseSchema>;

export const scopingFilterSchema = z
  .object({
    /** Shown in traces as "{title} {attribute} {operator} {value}". */
    title: z.string().max(256).optional(),
    clauses: z.array(scopingClauseSchema).min(1),
  })
  .strict();
export type ScopingFilter = z.infer<typeof scopingFilterSchema>;

export const APPLY_MAPPING = ["Always", "OnlyOnCreate"] as const;
export type ApplyMapping = (typeof APPLY_MAPPING)[number];

const mappingCommon = {
  /** Target (directory) attribute, or a pseudo-attribute: accountDisabled, parentDistinguishedName, objectFilter. */
  target: attributeName,
  apply: z.enum(APPLY_MAPPING).default("Always"),
  /** Used only on create when the source yields null. */
  defaultValue: z.string().optional(),
  /** 1 = tried first. Present only on matching attributes. */
  matchingPrecedence: z.number().int().min(1).max(100).optional(),
  /** "Flow null values": on update a null source clears the target attribute. */
  flowNullValues: z.boolean().default(false),
};

export const attributeMappingSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Direct"), source: attributeName, ...mappingCommon }).strict(),
  z.object({ type: z.literal("Constant"), value: z.string(), ...mappingCommon }).strict(),
  z.object({ type: z.literal("Expression"), expression: z.string().min(1).max(MAX_EXPRESSION_LENGTH), ...mappingCommon }).strict(),
  /** Writes nothing, except the default value on create. */
  z.object({ type: z.literal("None"), ...mappingCommon }).strict(),
]);
export type AttributeMapping = z.infer<typeof attributeMappingSchema>;
export type AttributeMappingInput = z.input<typeof attributeMappingSchema>;

export const targetObjectActionsSchema = z
  .object({
    create: z.boolean().default(true),
    update: z.boolean().default(true),
    delete: z.boolean().default(true),
  })
  .strict();

export const provisioningConfigSchema = z
  .object({
    /** Free text, e.g. "Synchronize Workday Workers to On Premises Active Directory". */
    name: z.string().min(1).max(256),
    /** Source attribute holding the immutable source anchor (Workday WID, SuccessFactors perPersonUuid). */
    sourceAnchorAttribute: attributeName,
    /** Target attributes that hold a reference to another worker's account (AD: manager). */
    referenceAttributes: z.array(attributeName).default(["manager"]),
    /** The "Active Directory Container": OU for creates when parentDistinguishedName is not mapped. */
    defaultContainer: z.string().min(1).max(2048).optional(),
    mappings: z.array(attributeMappingSchema).min(1),
    /** Filters are OR-ed; clauses inside a filter are AND-ed. Empty: every worker is in scope. */
    scopingFilters: z.array(scopingFilterSchema).default([]),
    targetObjectActions: targetObjectActionsSchema.default({ create: true, update: true, delete: true }),
    /** SkipOutOfScopeDeletions: workers leaving scope are not disabled. */
    skipOutOfScopeDeletions: z.boolean().default(false),
  })
  .strict();
export type ProvisioningConfig = z.infer<typeof provisioningConfigSchema>;
export type ProvisioningConfigInput = z.input<typeof provisioningConfigSchema>;

/** Writeback (directory → HR): Update only, scope all. Sources are directory attributes. */
export const writebackConfigSchema = z
  .object({
    name: z.string().min(1).max(256),
    mappings: z.array(attributeMappingSchema).min(1),
  })
  .strict();
export type WritebackConfig = z.infer<typeof writebackConfigSchema>;
export type WritebackConfigInput = z.input<typeof writebackConfigSchema>;

/** JSON Schema documents for export (config files, API docs). */
export function provisioningConfigJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(provisioningConfigSchema, { io: "input" }) as Record<string, unknown>;
}

export function writebackConfigJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(writebackConfigSchema, { io: "input" }) as Record<string, unknown>;
}
