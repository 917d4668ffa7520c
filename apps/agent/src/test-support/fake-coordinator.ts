/**
 * The coordinator's side of the protocol on a loopback WebSocket server, for tests and the
 * benchmark: registration, hello/welcome, credit accounting, batches, queries, results.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import {
  coordinatorMessage,
  encodeMessage,
  parseAgentMessage,
  type AgentToCoordinatorMessage,
  type CoordinatorToAgentMessage,
  type DirectoryQuery,
  type OperationRequest,
  type OperationResult,
  type QueryResultMessage,
  type RawMessage,
} from "@roster/protocol";
import { WebSocketServer, type WebSocket } from "ws";

export interface FakeCoordinatorOptions {
  readonly registrationToken?: string;
  readonly heartbeatIntervalMs?: number;
  readonly maxInFlight?: number;
  readonly maxOperationsPerBatch?: number;
  /** Answer hello with this refusal instead of welcome. */
  readonly refuseWith?: { readonly code: string; readonly message: string };
  /** Send welcome with this protocol version (a coordinator of another major version). */
  readonly welcomeVersion?: string;
  /** Do not answer the agent's heartbeats or anything else after welcome (a silent peer). */
  readonly silentAfterWelcome?: boolean;
}

interface Connection {
  readonly socket: WebSocket;
  credits: number;
  welcomed: boolean;
}

export class FakeCoordinator {
  readonly url: string;
  readonly registrationToken: string;
  /** Credentials issued by register, by agent id. */
  readonly credentials = new Map<string, string>();
  /** Every message received, in order (valid ones). */
  readonly received: AgentToCoordinatorMessage[] = [];
  /** Messages from the agent that failed to parse (a correct agent sends none). */
  readonly invalid: string[] = [];
  /** Results by idempotency key: every result received for the key, in order. */
  readonly results = new Map<string, OperationResult[]>();
  connections = 0;
  private current: Connection | undefined;
  private sendGeneration = 0;
  /** Bumped by forgetResults, so a pending resultsFor starts checking from the first key again. */
  private resultsGeneration = 0;
  private readonly waiters = new Set<() => void>();
  private readonly listeners = new Set<(message: AgentToCoordinatorMessage) => void>();

  private constructor(
    private readonly server: WebSocketServer,
    private readonly options: FakeCoordinatorOptions,
  ) {
    const { port } = server.address() as AddressInfo;
    this.url = `ws://127.0.0.1:${port}/agent`;
    this.registrationToken = options.registrationToken ?? randomBytes(24).toString("base64url");
    server.on("connection", (socket) => this.accept(socket));
  }

  static async start(options: FakeCoordinatorOptions = {}): Promise<FakeCoordinator> {
    const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => server.once("listening", resolve));
    return new FakeCoordinator(server, options);
  }

  /** Adds a credential the agent can authenticate with, without registering. */
  issueCredential(agentId = `agent-${randomBytes(4).toString("hex")}`): { agentId: string; credential: string } {
    const credential = randomBytes(24).toString("base64url");
    this.credentials.set(agentId, credential);
    return { agentId, credential };
  }

  get connected(): boolean {
    return this.current?.welcomed === true;
  }

  get credits(): number {
    return this.current?.credits ?? 0;
  }

  /** Calls `listener` with every valid message as it arrives (before any reply); returns the unsubscribe. */
  onMessage(listener: (message: AgentToCoordinatorMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once `predicate` holds (checked after every received message). */
  async until(predicate: () => boolean, timeoutMs = 20_000, what = "condition"): Promise<void> {
    if (predicate()) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Sends operations in batches as credits allow (like the real coordinator) and returns the batch ids. */
  async sendOperations(domain: string, requests: readonly OperationRequest[], batchSize = 50): Promise<string[]> {
    const ids: string[] = [];
    const generation = this.sendGeneration;
    for (let offset = 0; offset < requests.length; ) {
      await this.until(() => this.connected && this.credits > 0, 20_000, "credits");
      if (generation !== this.sendGeneration) break;
      const size = Math.min(batchSize, this.credits, requests.length - offset);
      const batch = coordinatorMessage("batch", { domain, operations: requests.slice(offset, offset + size) });
      this.current!.credits -= size;
      this.send(batch);
      ids.push(batch.id);
      offset += size;
    }
    return ids;
  }

  /** Waits until every key has at least one result; returns the latest result per key. */
  async resultsFor(keys: readonly string[], timeoutMs = 60_000): Promise<Map<string, OperationResult>> {
    // Keys before the cursor have results already, so each message costs only the new ones:
    // re-checking every key after every message is quadratic and would slow the benchmark's agent.
    let cursor = 0;
    let generation = this.resultsGeneration;
    const allArrived = () => {
      if (generation !== this.resultsGeneration) [cursor, generation] = [0, this.resultsGeneration];
      while (cursor < keys.length && this.results.has(keys[cursor]!)) cursor += 1;
      return cursor === keys.length;
    };
    await this.until(allArrived, timeoutMs, `results for ${keys.length} operations`);
    return new Map(keys.map((key) => [key, this.results.get(key)!.at(-1)!]));
  }

  async query(domain: string, query: DirectoryQuery): Promise<QueryResultMessage> {
    await this.until(() => this.connected, 20_000, "a welcomed agent");
    const message = coordinatorMessage("query", { domain, query });
    this.send(message);
    let answer: QueryResultMessage | undefined;
    await this.until(() => {
      answer = this.received.find((m): m is QueryResultMessage => m.type === "queryResult" && m.inReplyTo === message.id);
      return answer !== undefined;
    }, 20_000, "a query result");
    return answer!;
  }

  send(message: CoordinatorToAgentMessage): void {
    this.current?.socket.send(encodeMessage(message));
  }

  /** Sends raw text (malformed messages). */
  sendRaw(text: string): void {
    this.current?.socket.send(text);
  }

  /** Cuts the current connection without a close handshake (a network failure). */
  dropConnection(): void {
    this.current?.socket.terminate();
    this.current = undefined;
  }

  /** Ends every sendOperations loop still waiting for credits (a coordinator that gave up on them). */
  stopSending(): void {
    this.sendGeneration += 1;
  }

  forgetResults(): void {
    this.resultsGeneration += 1;
    this.results.clear();
  }

  async stop(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    this.connections += 1;
    const connection: Connection = { socket, credits: 0, welcomed: false };
    socket.on("message", (data: RawMessage) => this.receive(connection, data));
    socket.on("close", () => {
      if (this.current === connection) this.current = undefined;
      this.notify();
    });
  }

  private receive(connection: Connection, data: RawMessage): void {
    const parsed = parseAgentMessage(data);
    if (!parsed.ok) {
      this.invalid.push(parsed.error.message);
      return;
    }
    const message = parsed.message;
    this.received.push(message);
    for (const listener of this.listeners) listener(message);
    const reply = (answer: CoordinatorToAgentMessage) => connection.socket.send(encodeMessage(answer));
    switch (message.type) {
      case "register": {
        if (message.token !== this.registrationToken) {
          reply(coordinatorMessage("refused", { inReplyTo: message.id, code: "Unauthorized", message: "unknown registration token" }));
          connection.socket.close();
          break;
        }
        const issued = this.issueCredential(message.agentId);
        reply(coordinatorMessage("registered", { inReplyTo: message.id, ...issued }));
        break;
      }
      case "hello": {
        if (this.options.refuseWith !== undefined) {
          reply(coordinatorMessage("refused", { inReplyTo: message.id, ...this.options.refuseWith }));
          connection.socket.close();
          break;
        }
        if (this.credentials.get(message.agentId) !== message.credential) {
          reply(coordinatorMessage("refused", { inReplyTo: message.id, code: "Unauthorized", message: "unknown agent or credential" }));
          connection.socket.close();
          break;
        }
        connection.welcomed = true;
        this.current = connection;
        const welcome = coordinatorMessage("welcome", {
          inReplyTo: message.id,
          agentId: message.agentId,
          heartbeatIntervalMs: this.options.heartbeatIntervalMs ?? 1000,
          maxInFlight: this.options.maxInFlight ?? 100,
          maxOperationsPerBatch: this.options.maxOperationsPerBatch ?? 500,
        });
        reply(this.options.welcomeVersion === undefined ? welcome : { ...welcome, v: this.options.welcomeVersion });
        break;
      }
      case "credit":
        connection.credits += message.n;
        break;
      case "heartbeat":
        if (!this.options.silentAfterWelcome) reply(coordinatorMessage("heartbeat", { sentAt: Date.now() }));
        break;
      case "batchResult":
      case "operationResult": {
        const results = message.type === "batchResult" ? message.results : [message.result];
        for (const result of results) {
          const list = this.results.get(result.idempotencyKey);
          if (list === undefined) this.results.set(result.idempotencyKey, [result]);
          else list.push(result);
        }
        if (!this.options.silentAfterWelcome) reply(coordinatorMessage("ack", { inReplyTo: message.id }));
        break;
      }
      default:
        break;
    }
    this.notify();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
