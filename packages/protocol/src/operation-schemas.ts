/**
 * Directory operations as they travel to the agent, and the agent's result for each.
 * The operation schema mirrors the engine's DirectoryOperation union exactly
 * (checked at type level in engine-compatibility.test.ts).
 */
import { z } from "zod";
import { PROTOCOL_LIMITS as LIMITS } from "./protocol-limits.js";
import {
  anchorSchema,
  attributeMapSchema,
  attributeNameSchema,
  directoryValueSchema,
  dnSchema,
  errorCodeSchema,
  idempotencyKeySchema,
  ldapResultCodeSchema,
  textSchema,
} from "./schema-primitives.js";

export const directoryOperationSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("create"),
    parentDn: dnSchema,
    cn: dnSchema,
    attributes: attributeMapSchema(directoryValueSchema),
    accountDisabled: z.boolean(),
  }),
  z.object({
    kind: z.literal("update"),
    anchor: anchorSchema,
    /** null clears the attribute. */
    changes: attributeMapSchema(directoryValueSchema.nullable()),
  }),
  z.object({ kind: z.literal("enable"), anchor: anchorSchema }),
  z.object({ kind: z.literal("disable"), anchor: anchorSchema }),
  z.object({ kind: z.literal("move"), anchor: anchorSchema, newParentDn: dnSchema }),
  z.object({ kind: z.literal("rename"), anchor: anchorSchema, newCn: dnSchema }),
  z.object({
    kind: z.literal("setReference"),
    anchor: anchorSchema,
    attribute: attributeNameSchema,
    targetAnchor: anchorSchema.nullable(),
  }),
  z.object({ kind: z.literal("delete"), anchor: anchorSchema }),
]);
export type ProtocolDirectoryOperation = z.infer<typeof directoryOperationSchema>;

/** One operation of a batch. The key makes re-delivery safe: the agent never applies a key twice. */
export const operationRequestSchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  operation: directoryOperationSchema,
});
export type OperationRequest = z.infer<typeof operationRequestSchema>;

export const operationRequestsSchema = z
  .array(operationRequestSchema)
  .min(1)
  .max(LIMITS.maxOperationsPerBatch)
  .refine((requests) => new Set(requests.map((request) => request.idempotencyKey)).size === requests.length, {
    message: "idempotency keys must be unique within a batch",
  });

export const OPERATION_STATUSES = ["applied", "alreadyApplied", "failed"] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

export const operationSuccessSchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  /** alreadyApplied: the key was applied before (re-delivery); the earlier anchor and DN are returned. */
  status: z.literal(["applied", "alreadyApplied"]),
  /** The object's anchor (required in practice for create, so the coordinator can store it). */
  anchor: anchorSchema.optional(),
  /** The object's DN after the operation (absent after delete). */
  dn: dnSchema.optional(),
});
export type OperationSuccess = z.infer<typeof operationSuccessSchema>;

export const operationFailureSchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  status: z.literal("failed"),
  /** A code from the engine's error registry, e.g. InsufficientAccessRights or NoSuchParent. */
  errorCode: errorCodeSchema,
  message: textSchema,
  /** True for transient failures (busy, unavailable, timeout): the coordinator escrows and retries. */
  retryable: z.boolean(),
  /** The LDAP result code, when the directory answered (absent for connection failures). */
  ldapCode: ldapResultCodeSchema.optional(),
});
export type OperationFailure = z.infer<typeof operationFailureSchema>;

export const operationResultSchema = z.discriminatedUnion("status", [operationSuccessSchema, operationFailureSchema]);
export type OperationResult = z.infer<typeof operationResultSchema>;

export const operationResultsSchema = z.array(operationResultSchema).min(1).max(LIMITS.maxOperationsPerBatch);
