/**
 * Every message: an envelope { v, id, type } plus the fields of its type, one
 * discriminated union per direction. Objects are not strict: a peer on a newer
 * minor version may add optional fields, which are dropped here.
 */
import { z } from "zod";
import { PROTOCOL_LIMITS as LIMITS } from "./protocol-limits.js";
import { operationRequestsSchema, operationResultSchema, operationResultsSchema } from "./operation-schemas.js";
import { directoryQueryAnswerSchema, directoryQuerySchema, queryFailureSchema } from "./query-schemas.js";
import {
  agentIdSchema,
  agentVersionSchema,
  capabilitySchema,
  domainSchema,
  errorCodeSchema,
  hostnameSchema,
  messageIdSchema,
  nonNegativeIntSchema,
  protocolVersionSchema,
  secretSchema,
  textSchema,
} from "./schema-primitives.js";

const envelope = { v: protocolVersionSchema, id: messageIdSchema };
const creditCountSchema = z.number().int().min(1).max(LIMITS.maxCredits);

// --- messages either side sends ------------------------------------------------------------

/** Frozen across major versions so a peer on another major can still read why it was refused. */
export const PROTOCOL_ERROR_CODES = ["AgentProtocolError", "AgentVersionMismatch"] as const;
export type ProtocolErrorCode = (typeof PROTOCOL_ERROR_CODES)[number];

export const protocolErrorMessageSchema = z.object({
  ...envelope,
  type: z.literal("protocolError"),
  /** The id of the offending message, when it could be read. */
  inReplyTo: messageIdSchema.optional(),
  code: z.enum(PROTOCOL_ERROR_CODES),
  message: textSchema,
});

/** Receipt of a message (a batch by the agent, results by the coordinator). */
export const ackMessageSchema = z.object({ ...envelope, type: z.literal("ack"), inReplyTo: messageIdSchema });

// --- agent → coordinator ---------------------------------------------------------------------

/** First contact: exchanges a one-time registration token for a long-lived agent credential. */
export const registerMessageSchema = z.object({
  ...envelope,
  type: z.literal("register"),
  token: secretSchema,
  /** Set when re-registering an existing agent (keeps its id). */
  agentId: agentIdSchema.optional(),
  hostname: hostnameSchema,
  agentVersion: agentVersionSchema,
});

/** Opens every session: authenticates with the credential and says what the agent serves. */
export const helloMessageSchema = z.object({
  ...envelope,
  type: z.literal("hello"),
  agentId: agentIdSchema,
  credential: secretSchema,
  hostname: hostnameSchema,
  agentVersion: agentVersionSchema,
  capabilities: z.array(capabilitySchema).max(LIMITS.maxCapabilities),
  domains: z.array(domainSchema).max(LIMITS.maxDomainsPerAgent),
});

export const agentHeartbeatMessageSchema = z.object({
  ...envelope,
  type: z.literal("heartbeat"),
  /** Milliseconds since the epoch, agent clock. */
  sentAt: nonNegativeIntSchema,
  /** Operations received and not yet answered. */
  inFlight: nonNegativeIntSchema,
});

/** Flow control: the agent allows `n` more operations in flight (sent as it finishes operations). */
export const creditMessageSchema = z.object({ ...envelope, type: z.literal("credit"), n: creditCountSchema });

export const operationResultMessageSchema = z.object({
  ...envelope,
  type: z.literal("operationResult"),
  /** The id of the batch the operation came in. */
  inReplyTo: messageIdSchema,
  result: operationResultSchema,
});

export const batchResultMessageSchema = z.object({
  ...envelope,
  type: z.literal("batchResult"),
  inReplyTo: messageIdSchema,
  results: operationResultsSchema,
});

const queryResultBase = { ...envelope, type: z.literal("queryResult"), inReplyTo: messageIdSchema };
export const queryResultMessageSchema = z.discriminatedUnion("ok", [
  z.object({ ...queryResultBase, ok: z.literal(true), result: directoryQueryAnswerSchema }),
  z.object({ ...queryResultBase, ok: z.literal(false), error: queryFailureSchema }),
]);

// --- coordinator → agent ---------------------------------------------------------------------

export const registeredMessageSchema = z.object({
  ...envelope,
  type: z.literal("registered"),
  inReplyTo: messageIdSchema,
  agentId: agentIdSchema,
  /** Stored by the agent (OS secret store) and sent in every hello. */
  credential: secretSchema,
});

export const welcomeMessageSchema = z.object({
  ...envelope,
  type: z.literal("welcome"),
  inReplyTo: messageIdSchema,
  agentId: agentIdSchema,
  heartbeatIntervalMs: z.number().int().min(LIMITS.minHeartbeatIntervalMs).max(LIMITS.maxHeartbeatIntervalMs),
  /** The most operations the coordinator will have outstanding at this agent; the agent grants up to this many credits. */
  maxInFlight: creditCountSchema,
  maxOperationsPerBatch: z.number().int().min(1).max(LIMITS.maxOperationsPerBatch),
});

/** Frozen across major versions, like protocolError. The coordinator closes the connection after sending it. */
export const refusedMessageSchema = z.object({
  ...envelope,
  type: z.literal("refused"),
  inReplyTo: messageIdSchema.optional(),
  /** E.g. Unauthorized (bad token or credential) or AgentVersionMismatch. */
  code: errorCodeSchema,
  message: textSchema,
});

export const coordinatorHeartbeatMessageSchema = z.object({
  ...envelope,
  type: z.literal("heartbeat"),
  sentAt: nonNegativeIntSchema,
});

export const batchMessageSchema = z.object({
  ...envelope,
  type: z.literal("batch"),
  /** The registered domain the operations are for. */
  domain: domainSchema,
  operations: operationRequestsSchema,
});

export const queryMessageSchema = z.object({
  ...envelope,
  type: z.literal("query"),
  domain: domainSchema,
  query: directoryQuerySchema,
});

// --- unions ----------------------------------------------------------------------------------

/** Schemas per message type, used to validate a message once its type is known. */
export const AGENT_MESSAGE_SCHEMAS = {
  register: registerMessageSchema,
  hello: helloMessageSchema,
  heartbeat: agentHeartbeatMessageSchema,
  ack: ackMessageSchema,
  credit: creditMessageSchema,
  operationResult: operationResultMessageSchema,
  batchResult: batchResultMessageSchema,
  queryResult: queryResultMessageSchema,
  protocolError: protocolErrorMessageSchema,
} as const satisfies Record<AgentMessageType, z.ZodType>;

export const COORDINATOR_MESSAGE_SCHEMAS = {
  registered: registeredMessageSchema,
  welcome: welcomeMessageSchema,
  refused: refusedMessageSchema,
  heartbeat: coordinatorHeartbeatMessageSchema,
  ack: ackMessageSchema,
  batch: batchMessageSchema,
  query: queryMessageSchema,
  protocolError: protocolErrorMessageSchema,
} as const satisfies Record<CoordinatorMessageType, z.ZodType>;

export const agentToCoordinatorMessageSchema = z.discriminatedUnion("type", [
  registerMessageSchema,
  helloMessageSchema,
  agentHeartbeatMessageSchema,
  ackMessageSchema,
  creditMessageSchema,
  operationResultMessageSchema,
  batchResultMessageSchema,
  queryResultMessageSchema,
  protocolErrorMessageSchema,
]);

export const coordinatorToAgentMessageSchema = z.discriminatedUnion("type", [
  registeredMessageSchema,
  welcomeMessageSchema,
  refusedMessageSchema,
  coordinatorHeartbeatMessageSchema,
  ackMessageSchema,
  batchMessageSchema,
  queryMessageSchema,
  protocolErrorMessageSchema,
]);

export type AgentToCoordinatorMessage = z.infer<typeof agentToCoordinatorMessageSchema>;
export type CoordinatorToAgentMessage = z.infer<typeof coordinatorToAgentMessageSchema>;
export type ProtocolMessage = AgentToCoordinatorMessage | CoordinatorToAgentMessage;
export type AgentMessageType = AgentToCoordinatorMessage["type"];
export type CoordinatorMessageType = CoordinatorToAgentMessage["type"];

export type ProtocolErrorMessage = z.infer<typeof protocolErrorMessageSchema>;
export type AckMessage = z.infer<typeof ackMessageSchema>;
export type RegisterMessage = z.infer<typeof registerMessageSchema>;
export type HelloMessage = z.infer<typeof helloMessageSchema>;
export type AgentHeartbeatMessage = z.infer<typeof agentHeartbeatMessageSchema>;
export type CreditMessage = z.infer<typeof creditMessageSchema>;
export type OperationResultMessage = z.infer<typeof operationResultMessageSchema>;
export type BatchResultMessage = z.infer<typeof batchResultMessageSchema>;
export type QueryResultMessage = z.infer<typeof queryResultMessageSchema>;
export type RegisteredMessage = z.infer<typeof registeredMessageSchema>;
export type WelcomeMessage = z.infer<typeof welcomeMessageSchema>;
export type RefusedMessage = z.infer<typeof refusedMessageSchema>;
export type CoordinatorHeartbeatMessage = z.infer<typeof coordinatorHeartbeatMessageSchema>;
export type BatchMessage = z.infer<typeof batchMessageSchema>;
export type QueryMessage = z.infer<typeof queryMessageSchema>;

/** Message types whose shape never changes, so they are read whatever the sender's major version. */
export const VERSION_INDEPENDENT_MESSAGE_TYPES: ReadonlySet<string> = new Set(["protocolError", "refused"]);
