/**
 * One agent's WebSocket on the coordinator side. It speaks the protocol (register or
 * hello first, then credits, batches, results, queries and heartbeats) and tracks what
 * the agent holds: its credits, the operations sent and not answered, the queries asked.
 * Decisions that span agents (which agent gets what, failover) belong to the hub.
 *
 * Nothing the peer sends can crash it: unreadable or unexpected messages are answered
 * with protocolError and the connection stays open; a failing handler is logged and
 * answered the same way.
 */
import { randomUUID } from "node:crypto";
import { RosterError } from "@roster/engine";
import {
  coordinatorMessage,
  encodeMessage,
  parseAgentMessage,
  protocolErrorReply,
  type AgentToCoordinatorMessage,
  type CoordinatorToAgentMessage,
  type HelloMessage,
  type OperationResult,
  type QueryResultMessage,
  type RawMessage,
  type RegisterMessage,
} from "@roster/protocol";
import type { Logger } from "pino";
import { WebSocket } from "ws";
import type { Authentication, RegisteredAgent } from "./agent-registry.js";
import type { PendingOperation, PendingQuery } from "./pending-work.js";

export interface SessionLimits {
  readonly heartbeatIntervalMs: number;
  readonly maxInFlight: number;
  readonly maxOperationsPerBatch: number;
}

/** What a connection asks of the hub. */
export interface ConnectionHost {
  readonly limits: SessionLimits;
  register(message: RegisterMessage): Promise<RegisteredAgent>;
  authenticate(message: HelloMessage): Promise<Authentication>;
  /** The session was accepted; the connection serves `domains` (lower-case keys). */
  welcomed(connection: AgentConnection): void;
  /** The agent can take more operations. */
  credited(connection: AgentConnection): void;
  /** Results the agent sent for operations this connection carried (already removed from its in-flight set). */
  operationsFinished(
    connection: AgentConnection,
    results: readonly OperationResult[],
    carried: readonly (PendingOperation | undefined)[],
  ): void;
  /** The agent would not take a batch: its operations go back to the queue. */
  operationsReturned(connection: AgentConnection, operations: readonly PendingOperation[]): void;
  queryAnswered(connection: AgentConnection, query: PendingQuery, answer: QueryResultMessage): void;
  queryRejected(connection: AgentConnection, query: PendingQuery, reason: string): void;
  closed(connection: AgentConnection, carried: readonly PendingOperation[], queries: readonly PendingQuery[]): void;
}

type State = "new" | "busy" | "welcomed" | "closed";

export class AgentConnection {
  readonly connectionId = randomUUID();
  readonly connectedAt = Date.now();
  private state: State = "new";
  agentId: string | undefined;
  hostname: string | undefined;
  agentVersion: string | undefined;
  /** Lower-case domain keys served on this connection (set at welcome). */
  domains: readonly string[] = [];
  credits = 0;
  lastReceivedAt = Date.now();
  lastHeartbeatAt: number | undefined;
  /** The in-flight count the agent last reported in a heartbeat. */
  reportedInFlight: number | undefined;
  /** Operations sent and not answered yet, by idempotency key: what the agent holds. */
  readonly inFlight = new Map<string, PendingOperation>();
  /** Batches not acknowledged yet, by message id (a protocolError about one returns its operations). */
  private readonly unacknowledgedBatches = new Map<string, readonly string[]>();
  /** Queries asked and not answered, by message id. */
  readonly queries = new Map<string, PendingQuery>();
  private logger: Logger;

  constructor(
    private readonly socket: WebSocket,
    private readonly host: ConnectionHost,
    logger: Logger,
    remoteAddress: string | undefined,
  ) {
    this.logger = logger.child({ connectionId: this.connectionId, remoteAddress });
    socket.on("message", (data: RawMessage) => this.receive(data));
    socket.on("error", (error) => this.logger.warn({ err: error }, "agent connection error"));
    socket.on("close", (code, reason) => this.onClose(code, reason.toString()));
    this.logger.debug("agent connected");
  }

  get welcomed(): boolean {
    return this.state === "welcomed";
  }

  /** Operations this connection may still send: credits granted, within the coordinator's own maxInFlight. */
  get capacity(): number {
    if (this.state !== "welcomed") return 0;
    return Math.max(0, Math.min(this.credits, this.host.limits.maxInFlight - this.inFlight.size));
  }

  /** Sends one batch (the caller keeps within capacity and maxOperationsPerBatch). */
  sendBatch(domain: string, operations: readonly PendingOperation[]): void {
    const message = coordinatorMessage("batch", {
      domain,
      operations: operations.map((operation) => operation.request),
    });
    this.credits -= operations.length;
    for (const operation of operations) this.inFlight.set(operation.request.idempotencyKey, operation);
    this.unacknowledgedBatches.set(
      message.id,
      operations.map((operation) => operation.request.idempotencyKey),
    );
    this.logger.debug({ batchId: message.id, domain, operations: operations.length }, "batch sent");
    this.send(message);
  }

  sendQuery(query: PendingQuery): void {
    const message = coordinatorMessage("query", { domain: query.domain, query: query.query });
    query.messageId = message.id;
    if (this.agentId !== undefined) query.askedAgents.add(this.agentId);
    this.queries.set(message.id, query);
    query.forget = () => this.queries.delete(message.id);
    this.send(message);
  }

  sendHeartbeat(now: number): void {
    if (this.state === "welcomed") this.send(coordinatorMessage("heartbeat", { sentAt: now }));
  }

  /** Refuses the session with a reason the agent shows its operator, then closes. */
  refuse(code: string, text: string, inReplyTo?: string): void {
    this.logger.warn({ agentId: this.agentId, code }, `agent session refused: ${text}`);
    this.send(
      coordinatorMessage("refused", { code, message: text, ...(inReplyTo === undefined ? {} : { inReplyTo }) }),
    );
    this.close(4001, code);
  }

  /** Closes gracefully; a peer that does not finish the close handshake is cut off. */
  close(code = 1000, reason = "closing"): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) {
      this.socket.close(code, reason);
      setTimeout(() => this.socket.terminate(), 2000).unref();
    }
  }

  /** Drops the connection at once (a dead peer). */
  terminate(reason: string): void {
    this.logger.warn({ agentId: this.agentId, reason }, "dropping agent connection");
    this.socket.terminate();
  }

  private receive(data: RawMessage): void {
    this.lastReceivedAt = Date.now();
    const parsed = parseAgentMessage(data);
    if (!parsed.ok) {
      this.logger.warn(
        { agentId: this.agentId, code: parsed.error.code, inReplyTo: parsed.error.inReplyTo },
        `unusable message from agent: ${parsed.error.message}`,
      );
      if (parsed.error.code === "AgentVersionMismatch" && this.state === "new") {
        // refused has the same shape in every version, so an agent of another major can read why.
        this.refuse("AgentVersionMismatch", parsed.error.message, parsed.error.inReplyTo);
      } else {
        this.send(protocolErrorReply(parsed.error));
      }
      return;
    }
    try {
      this.handle(parsed.message);
    } catch (error) {
      this.logger.error({ err: error, type: parsed.message.type }, "failed to handle an agent message");
      this.protocolError(parsed.message, "the coordinator could not handle this message");
    }
  }

  private handle(message: AgentToCoordinatorMessage): void {
    if (this.state === "new") {
      if (message.type === "register") this.onRegister(message);
      else if (message.type === "hello") this.onHello(message);
      else this.protocolError(message, "the first message must be hello (or register)");
      return;
    }
    if (this.state !== "welcomed") {
      this.protocolError(
        message,
        this.state === "busy" ? "wait for the answer to the previous hello or register" : "the session is closed",
      );
      return;
    }
    switch (message.type) {
      case "heartbeat":
        this.lastHeartbeatAt = Date.now();
        this.reportedInFlight = message.inFlight;
        break;
      case "credit":
        // The agent never grants beyond maxInFlight; a peer that does gets no more than the limit allows.
        this.credits = Math.min(this.credits + message.n, this.host.limits.maxInFlight);
        this.host.credited(this);
        break;
      case "ack":
        this.unacknowledgedBatches.delete(message.inReplyTo);
        break;
      case "operationResult":
      case "batchResult":
        this.onResults(message.type === "batchResult" ? message.results : [message.result]);
        this.send(coordinatorMessage("ack", { inReplyTo: message.id }));
        break;
      case "queryResult": {
        const query = this.queries.get(message.inReplyTo);
        if (query === undefined) {
          this.logger.debug({ inReplyTo: message.inReplyTo }, "answer to an unknown or finished query ignored");
          break;
        }
        this.queries.delete(message.inReplyTo);
        this.host.queryAnswered(this, query, message);
        break;
      }
      case "protocolError":
        this.onPeerProtocolError(message.inReplyTo, message.message);
        break;
      case "register":
      case "hello":
        this.protocolError(message, `${message.type} is only allowed as the first message of a connection`);
        break;
    }
  }

  private onRegister(message: RegisterMessage): void {
    this.state = "busy";
    this.host.register(message).then(
      (registered) => {
        this.state = "new";
        this.send(
          coordinatorMessage("registered", {
            inReplyTo: message.id,
            agentId: registered.agentId,
            credential: registered.credential,
          }),
        );
      },
      (error: unknown) => this.refuseAfterError(error, message.id, "registration"),
    );
  }

  private onHello(message: HelloMessage): void {
    this.state = "busy";
    this.agentId = message.agentId;
    this.hostname = message.hostname;
    this.agentVersion = message.agentVersion;
    this.logger = this.logger.child({ agentId: message.agentId });
    this.host.authenticate(message).then(
      (authentication) => {
        if (this.state === "closed") return;
        if (!authentication.ok) {
          this.refuse(
            "Unauthorized",
            `the coordinator refused agent ${message.agentId}: ${authentication.reason}`,
            message.id,
          );
          return;
        }
        const registeredKey = authentication.domain.toLowerCase();
        const served = message.domains
          .map((domain) => domain.toLowerCase())
          .filter((domain) => domain === registeredKey);
        if (served.length === 0) {
          this.refuse(
            "Unauthorized",
            `agent ${message.agentId} is registered for domain "${authentication.domain}" but its configuration serves ${
              message.domains.length === 0 ? "no domain" : message.domains.map((domain) => `"${domain}"`).join(", ")
            }; add the domain to the agent's configuration or register it for the right domain`,
            message.id,
          );
          return;
        }
        const ignored = message.domains.filter((domain) => domain.toLowerCase() !== registeredKey);
        if (ignored.length > 0)
          this.logger.warn({ ignored }, "the agent lists domains it is not registered for; they get no work");
        this.domains = [registeredKey];
        this.state = "welcomed";
        const { limits } = this.host;
        this.send(
          coordinatorMessage("welcome", {
            inReplyTo: message.id,
            agentId: message.agentId,
            heartbeatIntervalMs: limits.heartbeatIntervalMs,
            maxInFlight: limits.maxInFlight,
            maxOperationsPerBatch: limits.maxOperationsPerBatch,
          }),
        );
        this.logger.info(
          { hostname: message.hostname, agentVersion: message.agentVersion, domains: this.domains },
          "agent session welcomed",
        );
        this.host.welcomed(this);
      },
      (error: unknown) => this.refuseAfterError(error, message.id, "hello"),
    );
  }

  private refuseAfterError(error: unknown, inReplyTo: string, what: string): void {
    if (this.state === "closed") return;
    if (error instanceof RosterError) {
      this.refuse(error.code, error.message, inReplyTo);
      return;
    }
    this.logger.error({ err: error }, `${what} failed`);
    this.refuse("InternalError", `the coordinator could not process the ${what}; try again later`, inReplyTo);
  }

  private onResults(results: readonly OperationResult[]): void {
    const carried = results.map((result) => {
      const operation = this.inFlight.get(result.idempotencyKey);
      if (operation !== undefined) this.inFlight.delete(result.idempotencyKey);
      return operation;
    });
    this.host.operationsFinished(this, results, carried);
  }

  private onPeerProtocolError(inReplyTo: string | undefined, text: string): void {
    this.logger.warn({ inReplyTo }, `the agent could not use a message: ${text}`);
    if (inReplyTo === undefined) return;
    const keys = this.unacknowledgedBatches.get(inReplyTo);
    if (keys !== undefined) {
      // The agent did not take the batch on (flow control, or it could not read it): nothing of it runs there.
      this.unacknowledgedBatches.delete(inReplyTo);
      const returned: PendingOperation[] = [];
      for (const key of keys) {
        const operation = this.inFlight.get(key);
        if (operation === undefined) continue;
        this.inFlight.delete(key);
        returned.push(operation);
      }
      this.host.operationsReturned(this, returned);
      return;
    }
    const query = this.queries.get(inReplyTo);
    if (query !== undefined) {
      this.queries.delete(inReplyTo);
      this.host.queryRejected(this, query, text);
    }
  }

  private onClose(code: number, reason: string): void {
    if (this.state === "closed") return;
    const wasWelcomed = this.state === "welcomed";
    this.state = "closed";
    const carried = [...this.inFlight.values()];
    const queries = [...this.queries.values()];
    this.inFlight.clear();
    this.queries.clear();
    this.unacknowledgedBatches.clear();
    this.credits = 0;
    this.logger[wasWelcomed ? "info" : "debug"](
      { code, reason, inFlight: carried.length, queries: queries.length },
      "agent disconnected",
    );
    this.host.closed(this, carried, queries);
  }

  private protocolError(message: AgentToCoordinatorMessage, reason: string): void {
    this.logger.warn({ type: message.type, id: message.id }, `unexpected message from agent: ${reason}`);
    this.send(
      protocolErrorReply({
        code: "AgentProtocolError",
        message: `unexpected ${message.type}: ${reason}`,
        inReplyTo: message.id,
      }),
    );
  }

  private send(message: CoordinatorToAgentMessage): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(encodeMessage(message), (error) => {
      if (error !== undefined && error !== null)
        this.logger.debug({ err: error, type: message.type }, "send to agent failed");
    });
  }
}
