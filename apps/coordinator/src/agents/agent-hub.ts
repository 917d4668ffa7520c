/**
 * The coordinator's agent hub: accepts agent WebSockets, and gives the cycle code two
 * calls that hide the agents behind a domain name:
 *
 * - dispatch(domain, operations): sends directory writes to the healthy agents of the
 *   domain within each one's credits, spreading them over all of them, and re-sends the
 *   unanswered operations of an agent that drops to another one (the idempotency keys make
 *   that safe). With no agent it waits, up to the timeout.
 * - query(domain, query) / testConnection(domain): read-only questions, answered by one
 *   healthy agent, asked again elsewhere when that agent drops.
 *
 * Liveness: a heartbeat goes to every agent each interval, and an agent silent for
 * `missedHeartbeats` intervals is dropped (its work fails over).
 */
import type { IncomingMessage } from "node:http";
import { RosterError, isErrorCode } from "@roster/engine";
import {
  PROTOCOL_LIMITS,
  directoryQuerySchema,
  operationRequestSchema,
  type DirectoryQuery,
  type DirectoryQueryAnswer,
  type HelloMessage,
  type OperationRequest,
  type OperationResult,
  type QueryResultMessage,
  type RegisterMessage,
} from "@roster/protocol";
import pino, { type Logger } from "pino";
import type { WebSocket } from "ws";
import { AgentConnection, type ConnectionHost, type SessionLimits } from "./agent-connection.js";
import { checkDomainName, type AgentRegistry, type Authentication, type RegisteredAgent } from "./agent-registry.js";
import { DispatchResults } from "./dispatch-results.js";
import { OperationQueue } from "./operation-queue.js";
import type { PendingOperation, PendingQuery } from "./pending-work.js";

export interface AgentHubOptions {
  readonly registry: AgentRegistry;
  readonly logger?: Logger;
  /** Sent in welcome; both sides heartbeat this often (default 15 s). */
  readonly heartbeatIntervalMs?: number;
  /** Intervals of silence after which an agent counts as dead (default 3). */
  readonly missedHeartbeats?: number;
  /** The most operations outstanding at one agent (default 256). */
  readonly maxInFlight?: number;
  /** Operations per batch message (default 100, at most 500). */
  readonly maxOperationsPerBatch?: number;
  /** How long a new connection may take to say hello (default 15 s). */
  readonly handshakeTimeoutMs?: number;
}

export interface DispatchOptions {
  /**
   * Operations without a result after this long get a failed result (retryable):
   * EndpointUnavailable when no agent serves the domain, else Timeout. Default 10 min.
   */
  readonly timeoutMs?: number;
}

export interface QueryOptions {
  /** Default 60 s; covers waiting for an agent to connect. */
  readonly timeoutMs?: number;
}

export interface AgentStatus {
  readonly agentId: string;
  readonly connectionId: string;
  readonly hostname: string;
  readonly agentVersion: string;
  readonly domains: readonly string[];
  readonly inFlight: number;
  readonly credits: number;
  readonly queries: number;
  readonly connectedAt: Date;
  readonly lastHeartbeatAt: Date | null;
}

const DEFAULTS = {
  heartbeatIntervalMs: 15_000,
  missedHeartbeats: 3,
  maxInFlight: 256,
  maxOperationsPerBatch: 100,
  handshakeTimeoutMs: 15_000,
  dispatchTimeoutMs: 600_000,
  queryTimeoutMs: 60_000,
} as const;
/** A batch the agent would not take is offered again after this pause, not in a tight loop. */
const RETURNED_BATCH_DELAY_MS = 100;

export class AgentHub implements ConnectionHost {
  readonly limits: SessionLimits;
  private readonly registry: AgentRegistry;
  private readonly logger: Logger;
  private readonly missedHeartbeats: number;
  private readonly handshakeTimeoutMs: number;
  private readonly connections = new Set<AgentConnection>();
  /** Welcomed connections by domain key (lower case). */
  private readonly byDomain = new Map<string, Set<AgentConnection>>();
  private readonly byAgentId = new Map<string, AgentConnection>();
  private readonly queues = new Map<string, OperationQueue>();
  /** Operations that have no result yet, by idempotency key. */
  private readonly pending = new Map<string, PendingOperation>();
  /** Queries waiting for an agent of their domain. */
  private readonly waitingQueries = new Map<string, Set<PendingQuery>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly ticker: NodeJS.Timeout;
  private closing = false;

  constructor(options: AgentHubOptions) {
    this.registry = options.registry;
    this.logger = options.logger ?? pino({ level: "silent" });
    this.limits = {
      heartbeatIntervalMs: setting(
        options,
        "heartbeatIntervalMs",
        PROTOCOL_LIMITS.minHeartbeatIntervalMs,
        PROTOCOL_LIMITS.maxHeartbeatIntervalMs,
      ),
      maxInFlight: setting(options, "maxInFlight", 1, PROTOCOL_LIMITS.maxCredits),
      maxOperationsPerBatch: setting(options, "maxOperationsPerBatch", 1, PROTOCOL_LIMITS.maxOperationsPerBatch),
    };
    this.missedHeartbeats = setting(options, "missedHeartbeats", 2, 100);
    this.handshakeTimeoutMs = setting(options, "handshakeTimeoutMs", 1000, 600_000);
    this.ticker = setInterval(() => this.tick(), this.limits.heartbeatIntervalMs);
    this.ticker.unref();
  }

  // --- for the cycle code ---------------------------------------------------------------------

  /**
   * Sends the operations to the domain's agents and yields one result per operation as it
   * arrives (`.all` resolves with all of them). Never throws for an operation: an invalid one,
   * a key already being dispatched, or a timeout each become a failed result.
   */
  dispatch(domain: string, operations: readonly OperationRequest[], options: DispatchOptions = {}): DispatchResults {
    checkDomainName(domain);
    const timeoutMs = timeoutOption(options.timeoutMs, DEFAULTS.dispatchTimeoutMs, "dispatch");
    const domainKey = domain.toLowerCase();
    const results = new DispatchResults(operations.length);
    if (this.closing) {
      for (const request of operations)
        results.add(failure(request, "EndpointUnavailable", "the coordinator is stopping", true));
      return results;
    }
    const accepted: PendingOperation[] = [];
    const seen = new Set<string>();
    for (const request of operations) {
      const parsed = operationRequestSchema.safeParse(request);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        results.add(
          failure(
            request,
            "InvalidRequest",
            `invalid operation for domain "${domain}": ${issue === undefined ? "" : `${issue.path.join(".")}: ${issue.message}`}`,
            false,
          ),
        );
        continue;
      }
      const key = parsed.data.idempotencyKey;
      if (seen.has(key) || this.pending.has(key)) {
        results.add(failure(request, "InvalidRequest", `idempotency key "${key}" is already being dispatched`, false));
        continue;
      }
      seen.add(key);
      const operation: PendingOperation = {
        request: parsed.data,
        domain,
        domainKey,
        deliver: (result) => results.add(result),
        settled: false,
      };
      this.pending.set(key, operation);
      accepted.push(operation);
    }
    if (accepted.length === 0) return results;
    this.logger.info(
      { domain, operations: accepted.length, agents: this.healthyAgents(domainKey).length },
      "dispatching operations",
    );
    const queue = getOrAdd(this.queues, domainKey, () => new OperationQueue());
    for (const operation of accepted) queue.push(operation);
    const timer = this.startTimer(() => this.expireOperations(accepted, timeoutMs), timeoutMs);
    void results.all.then(() => this.stopTimer(timer));
    this.pump(domainKey);
    return results;
  }

  /** Asks a healthy agent of the domain; fails over when it drops. Rejects with a RosterError. */
  query(domain: string, query: DirectoryQuery, options: QueryOptions = {}): Promise<DirectoryQueryAnswer> {
    checkDomainName(domain);
    const parsed = directoryQuerySchema.safeParse(query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return Promise.reject(
        new RosterError(
          "InvalidRequest",
          `invalid directory query for domain "${domain}": ${issue === undefined ? "" : `${issue.path.join(".")}: ${issue.message}`}`,
          {
            field: "query",
          },
        ),
      );
    }
    if (this.closing)
      return Promise.reject(new RosterError("EndpointUnavailable", "the coordinator is stopping", { domain }));
    let timeoutMs: number;
    try {
      timeoutMs = timeoutOption(options.timeoutMs, DEFAULTS.queryTimeoutMs, "query");
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<DirectoryQueryAnswer>((resolve, reject) => {
      const domainKey = domain.toLowerCase();
      let timer: NodeJS.Timeout | undefined;
      const pendingQuery: PendingQuery = {
        domain,
        domainKey,
        query: parsed.data,
        resolve: (answer) => {
          this.stopTimer(timer);
          resolve(answer);
        },
        reject: (error) => {
          this.stopTimer(timer);
          reject(error);
        },
        settled: false,
        askedAgents: new Set(),
        messageId: "",
        forget: () => undefined,
      };
      timer = this.startTimer(() => {
        const available = this.healthyAgents(domainKey).length > 0;
        this.settleQuery(
          pendingQuery,
          available
            ? new RosterError(
                "Timeout",
                `no answer to the ${query.kind} query for domain "${domain}" within ${timeoutMs} ms`,
                { domain },
              )
            : unavailable(domain, ` within ${timeoutMs} ms`),
        );
      }, timeoutMs);
      this.routeQuery(pendingQuery, false);
    });
  }

  /** Checks that an agent serves the domain and reaches its directory; fails at once when none is connected. */
  testConnection(
    domain: string,
    options: QueryOptions = {},
  ): Promise<Extract<DirectoryQueryAnswer, { kind: "testConnection" }>> {
    checkDomainName(domain);
    if (this.healthyAgents(domain.toLowerCase()).length === 0) return Promise.reject(unavailable(domain, ""));
    return this.query(domain, { kind: "testConnection" }, options) as Promise<
      Extract<DirectoryQueryAnswer, { kind: "testConnection" }>
    >;
  }

  /** The connected agents (welcomed sessions). */
  status(): AgentStatus[] {
    const list: AgentStatus[] = [];
    for (const connection of this.connections) {
      if (!connection.welcomed) continue;
      list.push({
        agentId: connection.agentId!,
        connectionId: connection.connectionId,
        hostname: connection.hostname ?? "",
        agentVersion: connection.agentVersion ?? "",
        domains: connection.domains,
        inFlight: connection.inFlight.size,
        credits: connection.credits,
        queries: connection.queries.size,
        connectedAt: new Date(connection.connectedAt),
        lastHeartbeatAt: connection.lastHeartbeatAt === undefined ? null : new Date(connection.lastHeartbeatAt),
      });
    }
    return list;
  }

  /** How many healthy agents serve the domain now. */
  agentCount(domain: string): number {
    return this.healthyAgents(domain.toLowerCase()).length;
  }

  /** Revokes the agent's credential and ends its live sessions. False when no such agent is registered. */
  async revokeAgent(agentId: string): Promise<boolean> {
    const revoked = await this.registry.revokeAgent(agentId);
    for (const connection of this.connections) {
      if (connection.agentId === agentId) connection.refuse("Unauthorized", `agent ${agentId} has been revoked`);
    }
    return revoked;
  }

  /** Takes over an accepted WebSocket (from attachAgentHub or a test server). */
  accept(socket: WebSocket, request?: IncomingMessage): void {
    if (this.closing) {
      socket.close(1001, "coordinator stopping");
      return;
    }
    const connection = new AgentConnection(socket, this, this.logger, request?.socket.remoteAddress);
    this.connections.add(connection);
  }

  /** Ends every session; operations and queries without an answer fail with EndpointUnavailable. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    clearInterval(this.ticker);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const operation of [...this.pending.values()]) {
      this.settle(operation, failure(operation.request, "EndpointUnavailable", "the coordinator is stopping", true));
    }
    for (const set of this.waitingQueries.values())
      for (const query of set)
        this.settleQuery(query, new RosterError("EndpointUnavailable", "the coordinator is stopping"));
    const closed = [...this.connections].map((connection) => {
      for (const query of connection.queries.values())
        this.settleQuery(query, new RosterError("EndpointUnavailable", "the coordinator is stopping"));
      connection.close(1001, "coordinator stopping");
      return connection;
    });
    // Give close handshakes a moment; AgentConnection cuts off peers that do not answer.
    const deadline = Date.now() + 2500;
    while (closed.some((connection) => this.connections.has(connection)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    this.logger.info("agent hub closed");
  }

  // --- ConnectionHost: called by the connections ----------------------------------------------

  register(message: RegisterMessage): Promise<RegisteredAgent> {
    return this.registry.registerAgent({
      token: message.token,
      hostname: message.hostname,
      agentVersion: message.agentVersion,
      agentId: message.agentId,
    });
  }

  authenticate(message: HelloMessage): Promise<Authentication> {
    return this.registry.authenticate(message.agentId, message.credential);
  }

  welcomed(connection: AgentConnection): void {
    const agentId = connection.agentId!;
    const previous = this.byAgentId.get(agentId);
    // A reconnecting agent whose old connection is half open: the old one's work fails over now.
    if (previous !== undefined && previous !== connection)
      previous.terminate("superseded by a new session of the same agent");
    this.byAgentId.set(agentId, connection);
    for (const domainKey of connection.domains) {
      getOrAdd(this.byDomain, domainKey, () => new Set<AgentConnection>()).add(connection);
      const waiting = this.waitingQueries.get(domainKey);
      if (waiting !== undefined) {
        this.waitingQueries.delete(domainKey);
        for (const query of waiting) this.routeQuery(query, false);
      }
    }
  }

  credited(connection: AgentConnection): void {
    for (const domainKey of connection.domains) this.pump(domainKey);
  }

  operationsFinished(
    connection: AgentConnection,
    results: readonly OperationResult[],
    carried: readonly (PendingOperation | undefined)[],
  ): void {
    let late = 0;
    results.forEach((result, index) => {
      // Only results for operations this connection was sent count: an agent cannot answer for
      // work it never received (another domain's, say).
      const operation = carried[index] === undefined ? undefined : this.pending.get(result.idempotencyKey);
      if (operation === undefined || operation.domainKey !== carried[index]!.domainKey) {
        late += 1;
        return;
      }
      this.settle(operation, result);
    });
    if (late > 0)
      this.logger.debug(
        { agentId: connection.agentId, results: late },
        "results for operations already settled, or not sent to this agent, ignored",
      );
    if (carried.some((operation) => operation !== undefined)) this.credited(connection);
  }

  operationsReturned(connection: AgentConnection, operations: readonly PendingOperation[]): void {
    this.logger.warn(
      { agentId: connection.agentId, operations: operations.length },
      "the agent did not take a batch; its operations wait for another send",
    );
    this.requeue(operations);
    const domains = new Set(operations.map((operation) => operation.domainKey));
    this.startTimer(() => {
      for (const domainKey of domains) this.pump(domainKey);
    }, RETURNED_BATCH_DELAY_MS);
  }

  queryAnswered(connection: AgentConnection, query: PendingQuery, answer: QueryResultMessage): void {
    if (query.settled) return;
    if (answer.ok) {
      if (answer.result.kind !== query.query.kind) {
        this.settleQuery(
          query,
          new RosterError(
            "AgentProtocolError",
            `agent ${connection.agentId} answered a ${query.query.kind} query for domain "${query.domain}" with a ${answer.result.kind} answer`,
            { domain: query.domain },
          ),
        );
      } else {
        this.settleQuery(query, undefined, answer.result);
      }
      return;
    }
    const { error } = answer;
    if (error.retryable && this.routeQuery(query, true)) {
      this.logger.warn(
        { agentId: connection.agentId, domain: query.domain, errorCode: error.errorCode },
        "query failed at one agent; asking another",
      );
      return;
    }
    this.settleQuery(
      query,
      new RosterError(
        isErrorCode(error.errorCode) ? error.errorCode : "InternalError",
        `agent ${connection.agentId} could not answer the ${query.query.kind} query for domain "${query.domain}": ${error.message}`,
        {
          domain: query.domain,
          agentId: connection.agentId,
          retryable: error.retryable,
          ...(error.ldapCode === undefined ? {} : { ldapCode: error.ldapCode }),
        },
      ),
    );
  }

  queryRejected(connection: AgentConnection, query: PendingQuery, reason: string): void {
    this.settleQuery(
      query,
      new RosterError(
        "AgentProtocolError",
        `agent ${connection.agentId} could not read the ${query.query.kind} query for domain "${query.domain}": ${reason}`,
        { domain: query.domain },
      ),
    );
  }

  closed(connection: AgentConnection, carried: readonly PendingOperation[], queries: readonly PendingQuery[]): void {
    this.connections.delete(connection);
    if (connection.agentId !== undefined && this.byAgentId.get(connection.agentId) === connection)
      this.byAgentId.delete(connection.agentId);
    for (const domainKey of connection.domains) this.byDomain.get(domainKey)?.delete(connection);
    if (this.closing) return;
    const resend = carried.filter(
      (operation) => !operation.settled && this.pending.get(operation.request.idempotencyKey) === operation,
    );
    if (resend.length > 0) {
      this.logger.warn(
        {
          agentId: connection.agentId,
          operations: resend.length,
          domains: connection.domains,
          remainingAgents: connection.domains.map((domain) => this.healthyAgents(domain).length),
        },
        "agent dropped with operations unanswered; sending them to another agent of the domain",
      );
      this.requeue(resend);
    }
    for (const query of queries) if (!query.settled) this.routeQuery(query, false);
    for (const domainKey of connection.domains) this.pump(domainKey);
  }

  // --- internals ------------------------------------------------------------------------------

  private healthyAgents(domainKey: string): AgentConnection[] {
    const set = this.byDomain.get(domainKey);
    if (set === undefined) return [];
    const healthy: AgentConnection[] = [];
    for (const connection of set) if (connection.welcomed) healthy.push(connection);
    return healthy;
  }

  /** Sends waiting operations of the domain to agents with spare credits, sharing them out evenly. */
  private pump(domainKey: string): void {
    const queue = this.queues.get(domainKey);
    if (queue === undefined || queue.size === 0) return;
    const agents = this.healthyAgents(domainKey);
    for (;;) {
      const ready = agents.filter((agent) => agent.capacity > 0);
      if (ready.length === 0 || queue.size === 0) return;
      // An even share per agent, so one agent with many credits does not take everything.
      const share = Math.max(1, Math.ceil(queue.size / ready.length));
      for (const agent of ready) {
        const batch = queue.take(Math.min(agent.capacity, this.limits.maxOperationsPerBatch, share));
        if (batch.length === 0) return;
        agent.sendBatch(batch[0]!.domain, batch);
      }
    }
  }

  private requeue(operations: readonly PendingOperation[]): void {
    const byDomain = new Map<string, PendingOperation[]>();
    for (const operation of operations) {
      if (operation.settled) continue;
      const list = byDomain.get(operation.domainKey);
      if (list === undefined) byDomain.set(operation.domainKey, [operation]);
      else list.push(operation);
    }
    for (const [domainKey, list] of byDomain) {
      getOrAdd(this.queues, domainKey, () => new OperationQueue()).pushFront(list);
    }
  }

  private settle(operation: PendingOperation, result: OperationResult): void {
    if (operation.settled) return;
    operation.settled = true;
    const key = operation.request.idempotencyKey;
    if (this.pending.get(key) === operation) this.pending.delete(key);
    operation.deliver(result);
  }

  private expireOperations(operations: readonly PendingOperation[], timeoutMs: number): void {
    let expired = 0;
    for (const operation of operations) {
      if (operation.settled) continue;
      expired += 1;
      const domain = operation.domain;
      const available = this.healthyAgents(operation.domainKey).length > 0;
      this.settle(
        operation,
        available
          ? failure(
              operation.request,
              "Timeout",
              `no result from an agent of domain "${domain}" within ${timeoutMs} ms`,
              true,
            )
          : failure(
              operation.request,
              "EndpointUnavailable",
              `no agent serving domain "${domain}" was connected to carry out the operation within ${timeoutMs} ms`,
              true,
            ),
      );
    }
    if (expired > 0)
      this.logger.warn(
        { operations: expired, timeoutMs },
        "dispatch timed out; operations without a result failed (retryable)",
      );
  }

  /**
   * Sends the query to the least busy healthy agent (with `onlyUnasked`, only to one not asked
   * yet). Returns false when no agent could take it; without `onlyUnasked` it then waits for one.
   */
  private routeQuery(query: PendingQuery, onlyUnasked: boolean): boolean {
    if (query.settled) return true;
    let best: AgentConnection | undefined;
    for (const agent of this.healthyAgents(query.domainKey)) {
      if (onlyUnasked && query.askedAgents.has(agent.agentId!)) continue;
      if (best === undefined || load(agent) < load(best)) best = agent;
    }
    if (best !== undefined) {
      best.sendQuery(query);
      return true;
    }
    if (onlyUnasked) return false;
    getOrAdd(this.waitingQueries, query.domainKey, () => new Set<PendingQuery>()).add(query);
    return false;
  }

  private settleQuery(query: PendingQuery, error: Error | undefined, answer?: DirectoryQueryAnswer): void {
    if (query.settled) return;
    query.settled = true;
    query.forget();
    this.waitingQueries.get(query.domainKey)?.delete(query);
    if (error !== undefined) query.reject(error);
    else query.resolve(answer!);
  }

  private tick(): void {
    const now = Date.now();
    const deadAfter = this.limits.heartbeatIntervalMs * this.missedHeartbeats;
    for (const connection of this.connections) {
      if (!connection.welcomed) {
        if (now - connection.connectedAt > this.handshakeTimeoutMs) connection.terminate("no hello in time");
      } else if (now - connection.lastReceivedAt > deadAfter) {
        connection.terminate(`no message for ${now - connection.lastReceivedAt} ms (dead peer)`);
      } else {
        connection.sendHeartbeat(now);
      }
    }
  }

  private startTimer(callback: () => void, ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      callback();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private stopTimer(timer: NodeJS.Timeout | undefined): void {
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(timer);
  }
}

type NumericSetting =
  | "heartbeatIntervalMs"
  | "missedHeartbeats"
  | "maxInFlight"
  | "maxOperationsPerBatch"
  | "handshakeTimeoutMs";

/** A hub option or its default, checked against the range the protocol allows. */
function setting(options: AgentHubOptions, name: NumericSetting, min: number, max: number): number {
  const value = options[name] ?? DEFAULTS[name];
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RosterError(
      "InvalidConfiguration",
      `agent hub option "${name}" must be an integer from ${min} to ${max}, got ${String(value)}`,
      { field: name },
    );
  }
  return value;
}

/** setTimeout's longest delay (about 24.8 days). */
const MAX_TIMEOUT_MS = 2_147_483_647;

function timeoutOption(value: number | undefined, fallback: number, call: string): number {
  const timeoutMs = value ?? fallback;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
    throw new RosterError(
      "InvalidRequest",
      `${call} option "timeoutMs" must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}, got ${String(timeoutMs)}`,
      { field: "timeoutMs" },
    );
  }
  return timeoutMs;
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

function load(agent: AgentConnection): number {
  return agent.inFlight.size + agent.queries.size * 10;
}

function failure(request: OperationRequest, errorCode: string, message: string, retryable: boolean): OperationResult {
  const key = typeof request?.idempotencyKey === "string" ? request.idempotencyKey : "";
  return { idempotencyKey: key, status: "failed", errorCode, message, retryable };
}

function unavailable(domain: string, within: string): RosterError {
  return new RosterError(
    "EndpointUnavailable",
    `no agent serving domain "${domain}" is connected${within}; start an agent registered for the domain`,
    { domain },
  );
}
