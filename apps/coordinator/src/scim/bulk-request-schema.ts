/**
 * The SCIM BulkRequest that API-driven inbound accepts: exactly the BulkRequest URN, 1..50
 * operations, each a POST of one User to /Users with a bulkId, and RFC 7644's failOnErrors.
 */
import { z } from "zod";
import { BULK_METHOD, BULK_PATH, BULK_REQUEST_URN, MAX_BULK_OPERATIONS } from "./scim-constants.js";
import { scimUserSchema } from "./scim-user-schema.js";

const shown = (value: unknown): string => (value === undefined ? "nothing" : (JSON.stringify(value) ?? String(value)));

export const bulkOperationSchema = z.looseObject({
  method: z.literal(BULK_METHOD, {
    error: (issue) => `must be "POST" (API-driven inbound creates or updates users only), got ${shown(issue.input)}`,
  }),
  bulkId: z
    .string({
      error: (issue) =>
        `is required and must be a string (it names the operation in results), got ${shown(issue.input)}`,
    })
    .min(1, { error: "must not be empty" }),
  path: z.literal(BULK_PATH, {
    error: (issue) => `must be "/Users" (only users can be uploaded), got ${shown(issue.input)}`,
  }),
  data: scimUserSchema,
});

export const bulkRequestSchema = z.looseObject({
  schemas: z.array(z.string()).refine((urns) => urns.length === 1 && urns[0] === BULK_REQUEST_URN, {
    error: `must be exactly ["${BULK_REQUEST_URN}"]`,
  }),
  Operations: z
    .array(bulkOperationSchema)
    .min(1, { error: "must hold at least one operation" })
    .max(MAX_BULK_OPERATIONS, { error: `must hold at most ${MAX_BULK_OPERATIONS} operations` }),
  /** RFC 7644: the number of errors after which processing stops. Entra's samples send null. */
  failOnErrors: z
    .number({ error: (issue) => `must be a positive integer or null, got ${shown(issue.input)}` })
    .int({ error: "must be a positive integer or null" })
    .min(1, { error: "must be a positive integer or null" })
    .nullish(),
});

export type BulkRequest = z.infer<typeof bulkRequestSchema>;
export type BulkOperationInput = z.infer<typeof bulkOperationSchema>;
