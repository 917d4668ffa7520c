/**
 * A provisioning job as an administrator defines it: where workers come from, which domain
 * (group of agents) receives them, the engine's provisioning and writeback configuration,
 * the schedule and the safety thresholds. Stored as given (the input form), validated with
 * the connectors' and the engine's own schemas, exported and imported as JSON.
 */
import { provisioningConfigSchema, writebackConfigSchema } from "@roster/engine";
import { successFactorsConfigSchema } from "@roster/successfactors";
import { workdayConfigSchema } from "@roster/workday";
import { z } from "zod";

/** "seconds to hours": the documented default is 40 minutes. */
export const DEFAULT_SCHEDULE_INTERVAL_MS = 40 * 60_000;
export const MIN_SCHEDULE_INTERVAL_MS = 1_000;
export const MAX_SCHEDULE_INTERVAL_MS = 24 * 60 * 60_000;
/** The documented default for "Prevent accidental deletions". */
export const DEFAULT_DELETION_THRESHOLD = 500;

const DOMAIN_NAME = /^[\x21-\x7e]{1,255}$/;

export const jobSourceSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("workday"), connection: workdayConfigSchema }).strict(),
  z.object({ type: z.literal("successfactors"), connection: successFactorsConfigSchema }).strict(),
  /** API-driven inbound: workers arrive as SCIM bulk requests (POST /api/v1/jobs/{id}/bulkUpload). */
  z.object({ type: z.literal("api") }).strict(),
]);
export type JobSource = z.infer<typeof jobSourceSchema>;
export type JobSourceType = JobSource["type"];

export const jobDefinitionSchema = z
  .object({
    name: z.string().min(1).max(256),
    description: z.string().max(4096).optional(),
    source: jobSourceSchema,
    /** The target domain: the agents registered for it receive the operations. */
    domain: z.string().regex(DOMAIN_NAME, "domain must be 1 to 255 printable characters without spaces"),
    provisioning: provisioningConfigSchema,
    /** Writeback of directory values (mail, UPN/username, phones) to the HR source; absent: none. */
    writeback: writebackConfigSchema.optional(),
    schedule: z
      .object({
        intervalMs: z.int().min(MIN_SCHEDULE_INTERVAL_MS).max(MAX_SCHEDULE_INTERVAL_MS).default(DEFAULT_SCHEDULE_INTERVAL_MS),
      })
      .strict()
      .prefault({}),
    safety: z
      .object({
        accidentalDeletions: z
          .object({
            enabled: z.boolean().default(true),
            threshold: z.int().min(0).max(10_000_000).default(DEFAULT_DELETION_THRESHOLD),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** What an administrator writes (defaults may be left out). */
export type JobDefinitionInput = z.input<typeof jobDefinitionSchema>;
/** After validation, with defaults filled in. */
export type JobDefinition = z.output<typeof jobDefinitionSchema>;

/** The secret fields of a job definition, as paths: replaced by "[Redact]" on export and in the audit log. */
export const JOB_SECRET_PATHS: readonly (readonly string[])[] = [
  ["source", "connection", "password"],
  ["source", "connection", "auth", "password"],
  ["source", "connection", "auth", "token"],
];
