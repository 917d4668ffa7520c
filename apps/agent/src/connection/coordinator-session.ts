/**
 * One connection to the coordinator: hello → welcome (or refused), then heartbeats both
 * ways, flow control by credits, batches and queries. The session ends when the socket
 * closes for whatever reason; the runtime decides whether and when to reconnect.
 *
 * Credits: after welcome the agent grants up to min(welcome.maxInFlight, its own maxInFlight)
 * minus the operations still running from an earlier connection, and grants one credit back
 * per finished operation, so operations accepted never exceed that limit across connections.
 *
 * Outgoing results and credits are coalesced, because every message costs a socket write here
 * and a parse (and, for results, an ack) at the coordinator: finished operations collect in an
 * outbox that is flushed once a quarter of the credit window is waiting, or a few milliseconds
 * after the first one finished, whichever comes first. A flush sends one batchResult per batch
 * with everything of that batch that finished, then one credit for all credits to return, so
 * the coordinator sees results before the credits they free. A result only reaches the outbox
 * once the ledger holds it durably (OperationService), so coalescing never sends one earlier.
 */
import {
  agentMessage,
  encodeMessage,
  parseCoordinatorMessage,
  protocolErrorReply,
  type AgentToCoordinatorMessage,
  type BatchMessage,
  type CoordinatorToAgentMessage,
  type OperationResult,
  type QueryMessage,
  type RawMessage,
  type WelcomeMessage,
} from "@roster/protocol";
import type { Logger } from "pino";
import { WebSocket } from "ws";
import type { OperationService } from "../operations/operation-service.js";
import type { QueryService } from "../queries/query-service.js";
import { AGENT_CAPABILITIES, AGENT_VERSION } from "../version.js";
import { openCoordinatorSocket, type CoordinatorEndpoint } from "./coordinator-socket.js";

export type SessionEnd =
  | { readonly kind: "closed"; readonly welcomed: boolean; readonly reason: string }
  /** The coordinator refused the session; `fatal` when retrying cannot help (bad credential, other protocol version). */
  | { readonly kind: "refused"; readonly code: string; readonly message: string; readonly fatal: boolean };

/** Refusals that reconnecting will not fix: the operator has to act. */
const FATAL_REFUSALS = new Set(["AgentVersionMismatch", "Unauthorized"]);
/** Silence for this many heartbeat intervals means the connection is dead. */
const MISSED_HEARTBEATS = 3;
/** Longest wait before finished operations are reported and their credits returned. */
const OUTBOX_LINGER_MS = 2;
/** The outbox is flushed at once when this share of the credit window is waiting in it. */
const OUTBOX_FLUSH_SHARE = 4;

export interface SessionDependencies {
  readonly endpoint: CoordinatorEndpoint;
  readonly agentId: string;
  readonly credential: string;
  readonly hostname: string;
  readonly domains: readonly string[];
  readonly maxInFlight: number;
  readonly operations: OperationService;
  readonly queries: QueryService;
  readonly logger: Logger;
  /** Told when the session can take credits back (welcome) and when it cannot any more (end). */
  readonly onActive: (session: CoordinatorSession | undefined) => void;
  /** An operation of this session finished (the active session may grant a credit). */
  readonly onOperationSettled: () => void;
}

export class CoordinatorSession {
  private readonly socket: WebSocket;
  private readonly logger: Logger;
  private helloId = "";
  private welcome: WelcomeMessage | undefined;
  /** Credits granted on this connection and not used by a batch yet. */
  private creditsOutstanding = 0;
  private creditsToGrant = 0;
  private lastReceivedAt = Date.now();
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private helloTimer: NodeJS.Timeout | undefined;
  private endResult: SessionEnd | undefined;
  /** Results waiting in the outbox, by batch id. */
  private readonly pendingResults = new Map<string, OperationResult[]>();
  private pendingResultCount = 0;
  private outboxTimer: NodeJS.Timeout | undefined;
  private outboxImmediate: NodeJS.Immediate | undefined;
  readonly ended: Promise<SessionEnd>;

  constructor(private readonly deps: SessionDependencies) {
    this.logger = deps.logger;
    this.socket = openCoordinatorSocket(deps.endpoint);
    this.ended = new Promise<SessionEnd>((resolve) => {
      this.socket.on("close", (code, reason) => {
        this.stopTimers();
        deps.onActive(undefined);
        resolve(
          this.endResult ?? {
            kind: "closed",
            welcomed: this.welcome !== undefined,
            reason: `connection closed (${code}${reason.length > 0 ? ` ${reason.toString()}` : ""})`,
          },
        );
      });
    });
    this.socket.on("open", () => this.sendHello());
    this.socket.on("message", (data: RawMessage) => this.receive(data));
    this.socket.on("error", (error) => this.logger.warn({ err: error, url: deps.endpoint.url }, "coordinator connection error"));
    this.socket.on("unexpected-response", (_request, response) => {
      this.logger.warn({ url: deps.endpoint.url, status: response.statusCode }, "the coordinator refused the WebSocket upgrade");
      this.socket.terminate();
    });
    this.helloTimer = setTimeout(() => {
      this.logger.warn({ url: deps.endpoint.url }, "no welcome from the coordinator in time; reconnecting");
      this.close(4000, "no welcome");
    }, deps.endpoint.handshakeTimeoutMs * 2);
  }

  /** Closes the connection (stopping, or a dead peer). Operations keep running; their results are kept in the ledger. */
  close(code = 1000, reason = "agent stopping"): void {
    if (this.socket.readyState === WebSocket.CONNECTING || this.socket.readyState === WebSocket.OPEN) {
      this.socket.close(code, reason);
      // A peer that does not answer the close handshake is cut off.
      setTimeout(() => this.socket.terminate(), 2000).unref();
    }
  }

  /** One operation finished somewhere: give the coordinator a credit back if within the limit. */
  operationSettled(): void {
    if (this.welcome === undefined) return;
    if (this.creditsOutstanding + this.creditsToGrant + this.deps.operations.inFlight >= this.creditLimit()) return;
    this.creditsToGrant += 1;
    this.scheduleOutboxFlush();
  }

  private creditLimit(): number {
    return Math.min(this.welcome?.maxInFlight ?? 0, this.deps.maxInFlight);
  }

  /** How much finished work makes the outbox go out at once: a quarter of the credit window. */
  private flushThreshold(): number {
    return Math.max(1, Math.floor(this.creditLimit() / OUTBOX_FLUSH_SHARE));
  }

  private sendHello(): void {
    const hello = agentMessage("hello", {
      agentId: this.deps.agentId,
      credential: this.deps.credential,
      hostname: this.deps.hostname,
      agentVersion: AGENT_VERSION,
      capabilities: [...AGENT_CAPABILITIES],
      domains: [...this.deps.domains],
    });
    this.helloId = hello.id;
    this.logger.info({ url: this.deps.endpoint.url, agentId: this.deps.agentId }, "connected to the coordinator; saying hello");
    this.send(hello);
  }

  private receive(data: RawMessage): void {
    this.lastReceivedAt = Date.now();
    const parsed = parseCoordinatorMessage(data);
    if (!parsed.ok) {
      this.logger.warn({ code: parsed.error.code, inReplyTo: parsed.error.inReplyTo }, `unusable message from the coordinator: ${parsed.error.message}`);
      this.send(protocolErrorReply(parsed.error));
      if (parsed.error.code === "AgentVersionMismatch" && this.welcome === undefined) {
        this.end({ kind: "refused", code: "AgentVersionMismatch", message: parsed.error.message, fatal: true });
      }
      return;
    }
    try {
      this.dispatch(parsed.message);
    } catch (error) {
      // A bug in handling must not take the agent down; the coordinator learns the message was not used.
      this.logger.error({ err: error, type: parsed.message.type }, "failed to handle a coordinator message");
      this.send(
        protocolErrorReply({ code: "AgentProtocolError", message: `the agent could not handle the ${parsed.message.type} message`, inReplyTo: parsed.message.id }),
      );
    }
  }

  private dispatch(message: CoordinatorToAgentMessage): void {
    switch (message.type) {
      case "welcome":
        this.onWelcome(message);
        break;
      case "refused":
        this.onRefused(message.code, message.message);
        break;
      case "heartbeat":
      case "ack":
        break; // lastReceivedAt is all they carry
      case "batch":
        this.onBatch(message);
        break;
      case "query":
        this.onQuery(message);
        break;
      case "protocolError":
        if (message.inReplyTo === this.helloId && this.welcome === undefined) this.onRefused(message.code, message.message);
        else this.logger.warn({ code: message.code, inReplyTo: message.inReplyTo }, `the coordinator could not use a message: ${message.message}`);
        break;
      case "registered":
        this.unexpected(message, "registered is only sent in answer to register");
        break;
    }
  }

  private onWelcome(message: WelcomeMessage): void {
    if (this.welcome !== undefined || message.inReplyTo !== this.helloId) {
      this.unexpected(message, "welcome does not answer this session's hello");
      return;
    }
    clearTimeout(this.helloTimer);
    this.welcome = message;
    this.logger.info(
      { agentId: message.agentId, heartbeatIntervalMs: message.heartbeatIntervalMs, maxInFlight: message.maxInFlight, maxOperationsPerBatch: message.maxOperationsPerBatch },
      "session accepted by the coordinator",
    );
    this.deps.onActive(this);
    const initial = this.creditLimit() - this.deps.operations.inFlight;
    if (initial > 0) {
      this.creditsToGrant = initial;
      this.flushCredits();
    }
    this.heartbeatTimer = setInterval(() => this.heartbeat(message.heartbeatIntervalMs), message.heartbeatIntervalMs);
    this.heartbeatTimer.unref();
  }

  private onRefused(code: string, text: string): void {
    const fatal = FATAL_REFUSALS.has(code);
    this.logger.error({ code, fatal }, `the coordinator refused the session: ${text}`);
    this.end({ kind: "refused", code, message: text, fatal });
  }

  private onBatch(batch: BatchMessage): void {
    const welcome = this.welcome;
    const count = batch.operations.length;
    let refusal: string | undefined;
    if (welcome === undefined) refusal = "batch before welcome";
    else if (count > welcome.maxOperationsPerBatch) refusal = `the batch has ${count} operations, more than maxOperationsPerBatch (${welcome.maxOperationsPerBatch})`;
    else if (count > this.creditsOutstanding) refusal = `the batch has ${count} operations but only ${this.creditsOutstanding} credits were granted`;
    if (refusal !== undefined) {
      // Flow control: a batch beyond the credits is not taken on; the coordinator sends it again later.
      this.unexpected(batch, refusal);
      return;
    }
    this.creditsOutstanding -= count;
    this.send(agentMessage("ack", { inReplyTo: batch.id }));
    this.logger.debug({ batchId: batch.id, domain: batch.domain, operations: count }, "batch received");
    for (const request of batch.operations) {
      this.deps.operations.handle(batch.domain, request).then(
        (result) => {
          this.queueResult(batch.id, result);
          this.deps.onOperationSettled();
        },
        (error: unknown) => {
          this.logger.error({ err: error, idempotencyKey: request.idempotencyKey }, "operation handling failed unexpectedly");
          this.deps.onOperationSettled();
        },
      );
    }
  }

  private onQuery(query: QueryMessage): void {
    if (this.welcome === undefined) {
      this.unexpected(query, "query before welcome");
      return;
    }
    void this.deps.queries.handle(query.domain, query.query).then((outcome) => {
      const reply = outcome.ok
        ? agentMessage("queryResult", { inReplyTo: query.id, ok: true, result: outcome.result })
        : agentMessage("queryResult", { inReplyTo: query.id, ok: false, error: outcome.error });
      this.send(reply);
    });
  }

  /** A durable result joins the outbox; results of one batch go out together as one batchResult. */
  private queueResult(batchId: string, result: OperationResult): void {
    const queued = this.pendingResults.get(batchId);
    if (queued === undefined) this.pendingResults.set(batchId, [result]);
    else queued.push(result);
    this.pendingResultCount += 1;
    this.scheduleOutboxFlush();
  }

  /** Flushes on the next turn once enough is waiting, else after OUTBOX_LINGER_MS at the latest. */
  private scheduleOutboxFlush(): void {
    if (this.outboxImmediate !== undefined) return;
    const threshold = this.flushThreshold();
    if (this.pendingResultCount >= threshold || this.creditsToGrant >= threshold) {
      // The next turn still collects whatever else finishes in this one.
      this.outboxImmediate = setImmediate(() => this.flushOutbox());
    } else {
      this.outboxTimer ??= setTimeout(() => this.flushOutbox(), OUTBOX_LINGER_MS);
    }
  }

  private flushOutbox(): void {
    clearTimeout(this.outboxTimer);
    clearImmediate(this.outboxImmediate);
    this.outboxTimer = undefined;
    this.outboxImmediate = undefined;
    this.flushResults();
    this.flushCredits();
  }

  private flushResults(): void {
    if (this.pendingResultCount === 0) return;
    for (const [batchId, results] of this.pendingResults) {
      if (this.socket.readyState !== WebSocket.OPEN) {
        this.logger.debug({ batchId, results: results.length }, "connection gone; results stay in the ledger for re-delivery");
      } else {
        this.send(agentMessage("batchResult", { inReplyTo: batchId, results }));
      }
    }
    this.pendingResults.clear();
    this.pendingResultCount = 0;
  }

  private flushCredits(): void {
    const n = this.creditsToGrant;
    if (n <= 0 || this.socket.readyState !== WebSocket.OPEN) return;
    this.creditsToGrant = 0;
    this.creditsOutstanding += n;
    this.send(agentMessage("credit", { n }));
  }

  private heartbeat(intervalMs: number): void {
    if (Date.now() - this.lastReceivedAt > intervalMs * MISSED_HEARTBEATS) {
      this.logger.warn({ silentForMs: Date.now() - this.lastReceivedAt }, "the coordinator stopped answering; reconnecting");
      this.end({ kind: "closed", welcomed: true, reason: "coordinator silent" });
      return;
    }
    this.send(agentMessage("heartbeat", { sentAt: Date.now(), inFlight: this.deps.operations.inFlight }));
  }

  private unexpected(message: CoordinatorToAgentMessage, reason: string): void {
    this.logger.warn({ type: message.type, id: message.id }, `unexpected message from the coordinator: ${reason}`);
    this.send(protocolErrorReply({ code: "AgentProtocolError", message: `unexpected ${message.type}: ${reason}`, inReplyTo: message.id }));
  }

  private end(result: SessionEnd): void {
    this.endResult ??= result;
    this.stopTimers();
    this.socket.terminate();
  }

  private stopTimers(): void {
    clearTimeout(this.helloTimer);
    clearInterval(this.heartbeatTimer);
    clearTimeout(this.outboxTimer);
    clearImmediate(this.outboxImmediate);
    this.outboxTimer = undefined;
    this.outboxImmediate = undefined;
  }

  private send(message: AgentToCoordinatorMessage): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.socket.send(encodeMessage(message), (error) => {
      if (error !== undefined && error !== null) this.logger.debug({ err: error, type: message.type }, "send failed");
    });
  }
}
