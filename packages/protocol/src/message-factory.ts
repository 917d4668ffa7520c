/** Building outgoing messages: the envelope (version, fresh id) is filled in here. */
import { randomUUID } from "node:crypto";
import type {
  AgentMessageType,
  AgentToCoordinatorMessage,
  CoordinatorMessageType,
  CoordinatorToAgentMessage,
  ProtocolErrorMessage,
} from "./message-schemas.js";
import type { ProtocolError } from "./parse-message.js";
import { PROTOCOL_VERSION } from "./protocol-version.js";

/** Omit that keeps the variants of a union apart (queryResult has two). */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type AgentMessageBody<T extends AgentMessageType> = OmitEach<
  Extract<AgentToCoordinatorMessage, { type: T }>,
  "v" | "id" | "type"
>;
export type CoordinatorMessageBody<T extends CoordinatorMessageType> = OmitEach<
  Extract<CoordinatorToAgentMessage, { type: T }>,
  "v" | "id" | "type"
>;

/** A fresh message id. Random, so ids from several agents and coordinator instances never collide. */
export function newMessageId(): string {
  return randomUUID();
}

/** A message for the agent to send, e.g. `agentMessage("credit", { n: 10 })`. */
export function agentMessage<T extends AgentMessageType>(
  type: T,
  body: AgentMessageBody<T>,
  id: string = newMessageId(),
): Extract<AgentToCoordinatorMessage, { type: T }> {
  return { v: PROTOCOL_VERSION, id, type, ...body } as unknown as Extract<AgentToCoordinatorMessage, { type: T }>;
}

/** A message for the coordinator to send, e.g. `coordinatorMessage("batch", { domain, operations })`. */
export function coordinatorMessage<T extends CoordinatorMessageType>(
  type: T,
  body: CoordinatorMessageBody<T>,
  id: string = newMessageId(),
): Extract<CoordinatorToAgentMessage, { type: T }> {
  return { v: PROTOCOL_VERSION, id, type, ...body } as unknown as Extract<CoordinatorToAgentMessage, { type: T }>;
}

/** The protocolError message that answers a message that failed to parse (valid in both directions). */
export function protocolErrorReply(error: ProtocolError, id: string = newMessageId()): ProtocolErrorMessage {
  const reply: ProtocolErrorMessage = {
    v: PROTOCOL_VERSION,
    id,
    type: "protocolError",
    code: error.code,
    message: error.message,
  };
  if (error.inReplyTo !== undefined) reply.inReplyTo = error.inReplyTo;
  return reply;
}
