/**
 * Reading and writing messages. Parsing never throws: whatever arrives (bad JSON,
 * wrong types, unknown types, oversize, another major version) becomes a
 * ProtocolError the receiver can send back as a protocolError message.
 */
import type { z } from "zod";
import {
  AGENT_MESSAGE_SCHEMAS,
  COORDINATOR_MESSAGE_SCHEMAS,
  VERSION_INDEPENDENT_MESSAGE_TYPES,
  type AgentToCoordinatorMessage,
  type CoordinatorToAgentMessage,
  type ProtocolErrorCode,
  type ProtocolMessage,
} from "./message-schemas.js";
import { PROTOCOL_LIMITS } from "./protocol-limits.js";
import { PROTOCOL_MAJOR, PROTOCOL_VERSION, parseProtocolVersion } from "./protocol-version.js";
import { messageIdSchema } from "./schema-primitives.js";

export interface ProtocolError {
  readonly code: ProtocolErrorCode;
  readonly message: string;
  /** The id of the offending message, when it had a readable one. */
  readonly inReplyTo?: string;
}

export type ParseResult<M> =
  | { readonly ok: true; readonly message: M }
  | { readonly ok: false; readonly error: ProtocolError };

/** What a WebSocket library hands over: text, bytes, or fragments of bytes. */
export type RawMessage = string | Uint8Array | ArrayBuffer | readonly Uint8Array[];

interface Direction {
  /** Who sent the message, for error texts. */
  readonly sender: string;
  readonly receiver: string;
  readonly schemas: Readonly<Record<string, z.ZodType>>;
  readonly typeList: string;
}

const FROM_AGENT: Direction = {
  sender: "agent",
  receiver: "coordinator",
  schemas: AGENT_MESSAGE_SCHEMAS,
  typeList: Object.keys(AGENT_MESSAGE_SCHEMAS).join(", "),
};
const FROM_COORDINATOR: Direction = {
  sender: "coordinator",
  receiver: "agent",
  schemas: COORDINATOR_MESSAGE_SCHEMAS,
  typeList: Object.keys(COORDINATOR_MESSAGE_SCHEMAS).join(", "),
};

const UTF8 = new TextDecoder("utf-8", { fatal: true });
const MAX_ISSUES_REPORTED = 3;
const MAX_ECHOED_CHARS = 64;

/** Parses a message the agent sent (read by the coordinator). */
export function parseAgentMessage(raw: RawMessage): ParseResult<AgentToCoordinatorMessage> {
  return parseMessage(raw, FROM_AGENT) as ParseResult<AgentToCoordinatorMessage>;
}

/** Parses a message the coordinator sent (read by the agent). */
export function parseCoordinatorMessage(raw: RawMessage): ParseResult<CoordinatorToAgentMessage> {
  return parseMessage(raw, FROM_COORDINATOR) as ParseResult<CoordinatorToAgentMessage>;
}

/** The wire form of a message. Senders keep within PROTOCOL_LIMITS (the receiver refuses larger). */
export function encodeMessage(message: ProtocolMessage): string {
  return JSON.stringify(message);
}

function parseMessage(raw: RawMessage, direction: Direction): ParseResult<ProtocolMessage> {
  const from = `the ${direction.sender}`;
  let inReplyTo: string | undefined;
  try {
    const text = decodeText(raw);
    if (text === OVERSIZE) {
      return failure(
        "AgentProtocolError",
        `A message from ${from} exceeds the limit of ${PROTOCOL_LIMITS.maxMessageBytes} bytes.`,
      );
    }
    if (text === undefined) {
      return failure("AgentProtocolError", `A message from ${from} is not valid UTF-8 text.`);
    }

    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return failure("AgentProtocolError", `A message from ${from} is not valid JSON.`);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return failure("AgentProtocolError", `A message from ${from} must be a JSON object.`);
    }
    const fields = value as Record<string, unknown>;
    if (messageIdSchema.safeParse(fields.id).success) inReplyTo = fields.id as string;

    const version = fields.v;
    const parsedVersion = typeof version === "string" ? parseProtocolVersion(version) : undefined;
    if (parsedVersion === undefined) {
      return failure(
        "AgentProtocolError",
        `A message from ${from} has no valid protocol version (field "v" must be a version like "${PROTOCOL_VERSION}").`,
        inReplyTo,
      );
    }
    const type = fields.type;
    if (typeof type !== "string") {
      return failure("AgentProtocolError", `A message from ${from} has no message type (field "type").`, inReplyTo);
    }
    if (parsedVersion.major !== PROTOCOL_MAJOR && !VERSION_INDEPENDENT_MESSAGE_TYPES.has(type)) {
      return failure(
        "AgentVersionMismatch",
        `Protocol version mismatch: the ${direction.sender} speaks version ${version as string} but this ${direction.receiver} ` +
          `speaks version ${PROTOCOL_VERSION}; the major versions must match. Upgrade the older side.`,
        inReplyTo,
      );
    }
    const schema = Object.hasOwn(direction.schemas, type) ? direction.schemas[type] : undefined;
    if (schema === undefined) {
      return failure(
        "AgentProtocolError",
        `Unknown message type "${echo(type)}" from ${from}; expected one of: ${direction.typeList}.`,
        inReplyTo,
      );
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      return failure(
        "AgentProtocolError",
        `Invalid ${type} message from ${from}: ${describeIssues(parsed.error.issues)}.`,
        inReplyTo,
      );
    }
    return { ok: true, message: parsed.data as ProtocolMessage };
  } catch (error) {
    // Last resort (e.g. a stack overflow on absurdly nested JSON): still an answer, never a crash.
    const reason = error instanceof Error ? error.message : String(error);
    return failure("AgentProtocolError", `A message from ${from} could not be read: ${echo(reason)}.`, inReplyTo);
  }
}

const OVERSIZE = Symbol("oversize");

/** The message text; OVERSIZE before decoding anything too large; undefined for invalid UTF-8. */
function decodeText(raw: RawMessage): string | typeof OVERSIZE | undefined {
  if (typeof raw === "string") {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes: only count bytes when it could matter.
    const limit = PROTOCOL_LIMITS.maxMessageBytes;
    if (raw.length > limit || (raw.length * 3 > limit && Buffer.byteLength(raw, "utf8") > limit)) return OVERSIZE;
    return raw;
  }
  const bytes = raw instanceof Uint8Array ? raw : raw instanceof ArrayBuffer ? new Uint8Array(raw) : concatenate(raw);
  if (bytes === OVERSIZE || bytes.byteLength > PROTOCOL_LIMITS.maxMessageBytes) return OVERSIZE;
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

function concatenate(fragments: readonly Uint8Array[]): Uint8Array | typeof OVERSIZE {
  let total = 0;
  for (const fragment of fragments) total += fragment.byteLength;
  if (total > PROTOCOL_LIMITS.maxMessageBytes) return OVERSIZE;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const fragment of fragments) {
    bytes.set(fragment, offset);
    offset += fragment.byteLength;
  }
  return bytes;
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const described = issues.slice(0, MAX_ISSUES_REPORTED).map((issue) => {
    const path = issue.path.map(String).join(".");
    return path === "" ? issue.message : `${path}: ${issue.message}`;
  });
  const more = issues.length - described.length;
  return more > 0 ? `${described.join("; ")}; and ${more} more` : described.join("; ");
}

/** Peer-supplied text quoted in an error, shortened so an error never echoes a huge value. */
function echo(text: string): string {
  return text.length <= MAX_ECHOED_CHARS ? text : `${text.slice(0, MAX_ECHOED_CHARS)}…`;
}

function failure(code: ProtocolErrorCode, message: string, inReplyTo?: string): { ok: false; error: ProtocolError } {
  const text =
    message.length <= PROTOCOL_LIMITS.maxTextLength
      ? message
      : `${message.slice(0, PROTOCOL_LIMITS.maxTextLength - 1)}…`;
  return { ok: false, error: inReplyTo === undefined ? { code, message: text } : { code, message: text, inReplyTo } };
}
