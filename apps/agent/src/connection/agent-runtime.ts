/**
 * The connection loop: one session after another, with jittered exponential backoff
 * between them. A session that got as far as welcome resets the backoff. A refusal that
 * retrying cannot fix (another protocol version, a revoked credential) ends the loop so the
 * process can exit with a clear message instead of hammering the coordinator.
 */
import type { Logger } from "pino";
import type { OperationService } from "../operations/operation-service.js";
import type { QueryService } from "../queries/query-service.js";
import { backoffDelay, type BackoffPolicy } from "./backoff.js";
import type { CoordinatorEndpoint } from "./coordinator-socket.js";
import { CoordinatorSession, type SessionEnd } from "./coordinator-session.js";

export type AgentExit =
  | { readonly kind: "stopped" }
  | { readonly kind: "refused"; readonly code: string; readonly message: string };

export interface RuntimeOptions {
  readonly endpoint: CoordinatorEndpoint;
  readonly agentId: string;
  readonly credential: string;
  readonly hostname: string;
  readonly domains: readonly string[];
  readonly maxInFlight: number;
  readonly backoff: BackoffPolicy;
  readonly operations: OperationService;
  readonly queries: QueryService;
  readonly logger: Logger;
  readonly random?: () => number;
}

export class AgentRuntime {
  private stopping = false;
  private session: CoordinatorSession | undefined;
  private activeSession: CoordinatorSession | undefined;
  private wakeUp: (() => void) | undefined;
  private sessionsStarted = 0;
  readonly done: Promise<AgentExit>;

  constructor(private readonly options: RuntimeOptions) {
    this.done = this.loop();
  }

  /** Connections opened so far (for tests and status). */
  get connections(): number {
    return this.sessionsStarted;
  }

  get connected(): boolean {
    return this.activeSession !== undefined;
  }

  /** Closes the connection and ends the loop; `done` resolves once the current session has ended. */
  stop(): Promise<AgentExit> {
    this.stopping = true;
    this.session?.close(1001, "agent stopping");
    this.wakeUp?.();
    return this.done;
  }

  private async loop(): Promise<AgentExit> {
    const { logger } = this.options;
    let attempt = 0;
    while (!this.stopping) {
      const end = await this.runSession();
      if (this.stopping) break;
      if (end.kind === "refused" && end.fatal) {
        logger.fatal({ code: end.code }, `giving up: ${end.message}`);
        return { kind: "refused", code: end.code, message: end.message };
      }
      if (end.kind === "closed" && end.welcomed) attempt = 0;
      const delayMs = backoffDelay(attempt, this.options.backoff, this.options.random);
      attempt += 1;
      logger.info({ delayMs, attempt, reason: end.kind === "closed" ? end.reason : `refused: ${end.code}` }, "reconnecting to the coordinator after a delay");
      await this.sleep(delayMs);
    }
    return { kind: "stopped" };
  }

  private runSession(): Promise<SessionEnd> {
    this.sessionsStarted += 1;
    const session = new CoordinatorSession({
      ...this.options,
      onActive: (active) => {
        if (active !== undefined) this.activeSession = active;
        else if (this.activeSession === session) this.activeSession = undefined;
      },
      onOperationSettled: () => this.activeSession?.operationSettled(),
    });
    this.session = session;
    return session.ended;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
