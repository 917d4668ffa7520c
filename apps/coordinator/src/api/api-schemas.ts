/**
 * Zod schemas of the REST API: what requests must look like (validated before a handler
 * runs) and what answers look like (they also strip anything a service returns beyond the
 * documented fields). Dates are z.date() in answers and go out as ISO 8601 strings. Named
 * schemas are registered in `apiSchemaRegistry` and become OpenAPI components.
 */
import { z } from "zod";
import { LOG_ACTIONS, LOG_STATUSES } from "../provisioning-log/log-record.js";

export const apiSchemaRegistry = z.registry<{ id?: string | undefined; [key: string]: unknown }>();

function named<T extends z.ZodType>(id: string, schema: T): T {
  apiSchemaRegistry.add(schema, { id });
  return schema;
}

/** An array in an answer (services hand out readonly arrays). */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

const MAX_ID_LENGTH = 256;
const id = (what: string) => z.string().min(1).max(MAX_ID_LENGTH).describe(what);
const limit = (max: number) =>
  z.coerce.number().int().min(1).max(max).optional().describe(`At most this many items (1 to ${max}).`);

// --- errors -----------------------------------------------------------------------------------

export const errorBodySchema = named(
  "Error",
  z.object({
    code: z.string().describe("A stable code from the error registry (`roster errors`)."),
    message: z.string().describe("What went wrong, naming the object and the field."),
    reason: z.string(),
    recommendedAction: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
);
export type ErrorBody = z.output<typeof errorBodySchema>;

/** Added to every route's answers, so the OpenAPI document shows the error body. */
export const ERROR_RESPONSES = { "4xx": errorBodySchema, "5xx": errorBodySchema } as const;

// --- common params and queries ----------------------------------------------------------------

export const jobParamsSchema = z.object({ jobId: id("The job's id.") });
export const limitQuerySchema = z.object({ limit: limit(1000) });
export const noContentSchema = z.undefined().describe("No content.");

// --- jobs -------------------------------------------------------------------------------------

export const jobDefinitionSchema = named(
  "JobDefinition",
  z
    .record(z.string(), z.unknown())
    .describe("A job definition (docs/jobs.md); validated in full by the coordinator, errors name the field."),
);

const runStateSchema = z.enum(["stopped", "running", "disabled"]);

export const jobViewSchema = named(
  "Job",
  z.object({
    jobId: z.string(),
    version: z.number().int(),
    definition: jobDefinitionSchema,
    runState: runStateSchema,
    needsInitialCycle: z.boolean(),
    watermark: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

export const jobListSchema = z.object({ jobs: list(jobViewSchema) });

export const ifMatchHeadersSchema = z.looseObject({
  "if-match": z
    .string()
    .regex(/^(?:W\/)?"?\d{1,15}"?$/, 'If-Match must be the job\'s version, for example "3"')
    .optional()
    .describe("The version the change is based on; a different current version answers 409 VersionConflict."),
});

/** If-Match value → version number ("3", "\"3\"" and W/"3" all read 3). */
export function versionOfIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const digits = header.replace(/\D/g, "");
  return Number.parseInt(digits, 10);
}

export const auditEntrySchema = named(
  "AuditEntry",
  z.object({
    id: z.string(),
    jobId: z.string(),
    at: z.date(),
    actor: z.string(),
    action: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
);

export const validationResultSchema = z.object({
  valid: z.boolean(),
  issues: list(z.object({ path: z.string(), message: z.string() })),
});

// --- lifecycle and cycles ---------------------------------------------------------------------

export const restartBodySchema = z
  .object({
    breakLinks: z
      .boolean()
      .optional()
      .describe("Also forget which directory entry each worker is linked to (workers are matched again)."),
  })
  .strict()
  // No body at all reaches the validator as null.
  .nullish();

export const runCycleResultSchema = z.object({ cycleId: z.string().nullable() });

const cycleCountsSchema = z.object({
  imported: z.number(),
  created: z.number(),
  updated: z.number(),
  enabled: z.number(),
  disabled: z.number(),
  moved: z.number(),
  skipped: z.number(),
  noChange: z.number(),
  failed: z.number(),
  escrowed: z.number(),
  staged: z.number(),
  writebacks: z.number(),
});

export const cycleRecordSchema = named(
  "Cycle",
  z.object({
    cycleId: z.string(),
    jobId: z.string(),
    kind: z.enum(["initial", "incremental"]),
    state: z.enum(["running", "completed", "failed", "stopped"]),
    startedAt: z.date(),
    finishedAt: z.date().nullable(),
    through: z.date(),
    from: z.date().nullable(),
    counts: cycleCountsSchema,
    processed: z.number(),
    error: z.string().nullable(),
  }),
);

export const agentStatusSchema = named(
  "AgentStatus",
  z.object({
    agentId: z.string(),
    connectionId: z.string(),
    hostname: z.string(),
    agentVersion: z.string(),
    domains: list(z.string()),
    inFlight: z.number(),
    credits: z.number(),
    queries: z.number(),
    connectedAt: z.date(),
    lastHeartbeatAt: z.date().nullable(),
  }),
);

export const jobStatusSchema = named(
  "JobStatus",
  z.object({
    jobId: z.string(),
    runState: runStateSchema,
    currentCycle: cycleRecordSchema.nullable(),
    lastCycle: cycleRecordSchema.nullable(),
    nextCycleAt: z.string().nullable(),
    quarantine: z.object({
      quarantined: z.boolean(),
      reason: z.string().nullable(),
      since: z.string().nullable(),
    }),
    escrowed: z.number(),
    stagedPending: z.number(),
    writebacks: z.object({ pending: z.number(), done: z.number(), failed: z.number() }),
    agents: list(agentStatusSchema),
  }),
);

// --- provisioning logs ------------------------------------------------------------------------

const isoDateTime = (what: string) =>
  z.iso
    .datetime({ offset: true })
    .transform((text) => new Date(text))
    .optional()
    .describe(`${what} (ISO 8601 date and time with Z or an offset).`);

export const logQuerySchema = z.object({
  jobId: id("Only this job's records.").optional(),
  cycleId: id("Only this cycle's records.").optional(),
  workerId: id("Only this worker's records (the HR id).").optional(),
  action: z.enum(LOG_ACTIONS as [string, ...string[]]).optional(),
  status: z.enum(LOG_STATUSES as [string, ...string[]]).optional(),
  from: isoDateTime("Records at or after this time"),
  to: isoDateTime("Records before this time"),
});

export const logPageQuerySchema = logQuerySchema.extend({
  limit: limit(1000),
  cursor: z.string().min(1).max(1024).optional().describe("The `nextCursor` of the previous page."),
});

export const LOG_CSV_FILES = ["summary", "steps", "modifiedProperties"] as const;
export const logCsvQuerySchema = logQuerySchema.extend({
  file: z.enum(LOG_CSV_FILES).default("summary").describe("Which of the three CSV files (joined on changeId)."),
});

const stepSchema = z.object({
  step: z.string(),
  status: z.string(),
  description: z.string(),
  details: z.record(z.string(), z.string()),
});

const modifiedPropertySchema = z.object({
  name: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
});

const identitySchema = z.object({ id: z.string().nullable(), displayName: z.string().nullable() });

export const logRecordSchema = named(
  "ProvisioningLogRecord",
  z.object({
    id: z.string(),
    changeId: z.string(),
    cycleId: z.string(),
    jobId: z.string(),
    activityDateTime: z.date(),
    durationInMilliseconds: z.number(),
    action: z.string(),
    status: z.string(),
    sourceIdentity: identitySchema,
    targetIdentity: identitySchema,
    errorCode: z.string().nullable(),
    errorCategory: z.string().nullable(),
    reason: z.string().nullable(),
    additionalDetails: z.string().nullable(),
    recommendedAction: z.string().nullable(),
    steps: list(stepSchema),
    modifiedProperties: list(modifiedPropertySchema),
  }),
);

export const logPageSchema = z.object({
  records: list(logRecordSchema),
  nextCursor: z.string().nullable(),
});

// --- on-demand and staged actions -------------------------------------------------------------

export const onDemandBodySchema = z.object({ workerId: id("The worker's id in the HR system.") }).strict();

export const onDemandResultSchema = named(
  "OnDemandResult",
  z.object({
    workerId: z.string(),
    action: z.string(),
    status: z.string(),
    steps: list(stepSchema),
    target: z.object({ anchor: z.string().nullable(), dn: z.string().nullable() }),
    modifiedProperties: list(modifiedPropertySchema),
    logRecord: logRecordSchema,
  }),
);

export const stagedActionSchema = named(
  "StagedAction",
  z.object({
    id: z.string(),
    jobId: z.string(),
    cycleId: z.string(),
    sourceAnchor: z.string(),
    workerId: z.string().nullable(),
    displayName: z.string().nullable(),
    kind: z.enum(["disable", "delete"]),
    targetAnchor: z.string(),
    payload: z.record(z.string(), z.unknown()),
    state: z.enum(["pending", "allowed", "rejected"]),
    createdAt: z.date(),
    decidedAt: z.date().nullable(),
    decidedBy: z.string().nullable(),
  }),
);

export const stagedListSchema = z.object({ actions: list(stagedActionSchema) });
export const stagedDecisionResultSchema = z.object({ count: z.number().int() });

// --- agents and tokens ------------------------------------------------------------------------

export const agentListSchema = z.object({ agents: list(agentStatusSchema) });
export const agentParamsSchema = z.object({ agentId: id("The agent's id.") });

export const agentTokenBodySchema = z
  .object({
    domain: z.string().min(1).max(255).describe("The domain the agent will serve."),
    ttlSeconds: z.int().min(1).max(31_536_000).optional().describe("How long the token can be used (default 1 hour)."),
  })
  .strict();

export const agentTokenSchema = z.object({
  token: z.string().describe("The registration token; shown once."),
  tokenId: z.string(),
  domain: z.string(),
  expiresAt: z.date(),
});

export const adminTokenSchema = named(
  "AdminToken",
  z.object({
    tokenId: z.string(),
    name: z.string(),
    createdAt: z.date(),
    lastUsedAt: z.date().nullable(),
    revokedAt: z.date().nullable(),
  }),
);

export const adminTokenListSchema = z.object({ tokens: list(adminTokenSchema) });
export const adminTokenParamsSchema = z.object({ tokenId: id("The admin token's id.") });
export const adminTokenBodySchema = z
  .object({ name: z.string().min(1).max(128).describe("Who or what uses the token (shown in the audit log).") })
  .strict();
export const issuedAdminTokenSchema = z.object({
  token: adminTokenSchema,
  secret: z.string().describe("The bearer secret (rst_…); shown once, stored only as a hash."),
});

// --- expressions ------------------------------------------------------------------------------

export const evaluateBodySchema = z
  .object({
    expression: z.string().min(1).max(65_536).describe("An attribute-mapping expression."),
    attributes: z
      .record(z.string(), z.unknown())
      .default({})
      .describe("Source attributes by name, as the expression reads them."),
  })
  .strict();

export const evaluateResultSchema = z.object({
  value: z.unknown().describe("The result (null when the expression yields no value)."),
  text: z.string().nullable().describe("The result as the directory would receive it."),
});

// --- API-driven inbound (SCIM bulk) -----------------------------------------------------------

export const bulkRequestBodySchema = z
  .unknown()
  .describe("A SCIM BulkRequest (RFC 7644 §3.7) of POST /Users operations; validated by the coordinator.");
export const bulkParamsSchema = jobParamsSchema.extend({ requestId: id("The bulk request's id.") });
export const bulkAcceptedSchema = z.object({
  requestId: z.string(),
  location: z.string().describe("Where to follow the results (also in the Location header)."),
  status: z.unknown(),
});
export const bulkStatusSchema = z.unknown().describe("Per operation (bulkId): queued, then the provisioning outcome.");

// --- health -----------------------------------------------------------------------------------

export const healthSchema = z.object({ status: z.literal("ok") });
