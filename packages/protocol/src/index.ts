/**
 * @roster/protocol — the versioned messages between the cloud coordinator and the
 * on-premises agent, validated with zod in both directions. See docs/protocol.md.
 */
export {
  PROTOCOL_VERSION,
  PROTOCOL_MAJOR,
  parseProtocolVersion,
  isCompatibleProtocolVersion,
  type ProtocolVersion,
} from "./protocol-version.js";
export { PROTOCOL_LIMITS } from "./protocol-limits.js";
export {
  directoryOperationSchema,
  operationRequestSchema,
  operationResultSchema,
  operationSuccessSchema,
  operationFailureSchema,
  OPERATION_STATUSES,
  type ProtocolDirectoryOperation,
  type OperationRequest,
  type OperationResult,
  type OperationSuccess,
  type OperationFailure,
  type OperationStatus,
} from "./operation-schemas.js";
export {
  directoryQuerySchema,
  directoryQueryAnswerSchema,
  queryFailureSchema,
  targetEntrySchema,
  schemaAttributeSchema,
  DIRECTORY_DIALECTS,
  type DirectoryQuery,
  type DirectoryQueryKind,
  type DirectoryQueryAnswer,
  type QueryFailure,
  type ProtocolTargetEntry,
  type SchemaAttribute,
  type DirectoryDialect,
} from "./query-schemas.js";
export {
  agentToCoordinatorMessageSchema,
  coordinatorToAgentMessageSchema,
  PROTOCOL_ERROR_CODES,
  type ProtocolErrorCode,
  type AgentToCoordinatorMessage,
  type CoordinatorToAgentMessage,
  type ProtocolMessage,
  type AgentMessageType,
  type CoordinatorMessageType,
  type ProtocolErrorMessage,
  type AckMessage,
  type RegisterMessage,
  type HelloMessage,
  type AgentHeartbeatMessage,
  type CreditMessage,
  type OperationResultMessage,
  type BatchResultMessage,
  type QueryResultMessage,
  type RegisteredMessage,
  type WelcomeMessage,
  type RefusedMessage,
  type CoordinatorHeartbeatMessage,
  type BatchMessage,
  type QueryMessage,
} from "./message-schemas.js";
export {
  parseAgentMessage,
  parseCoordinatorMessage,
  encodeMessage,
  type ParseResult,
  type ProtocolError,
  type RawMessage,
} from "./parse-message.js";
export {
  newMessageId,
  agentMessage,
  coordinatorMessage,
  protocolErrorReply,
  type AgentMessageBody,
  type CoordinatorMessageBody,
} from "./message-factory.js";
export { resultForRedelivery, type IdempotencyLedger } from "./idempotency-ledger.js";
