/**
 * Serves the operations of every batch: the ledger decides whether a key was completed
 * before (answer again without touching the directory), a create's "started" mark is made
 * durable before the directory is touched, and the result is made durable before it is
 * returned (so before it can be sent).
 *
 * - A key that arrives again while its first attempt still runs (the coordinator re-sent it
 *   after a reconnect) waits for that attempt instead of starting a second one.
 * - Operations on the same account run one after another in arrival order; the others run
 *   in parallel. `concurrency` bounds only the directory work: waiting for the ledger holds
 *   no slot, so the LDAP connections stay busy while records are made durable (the journal
 *   group-commits: the lines of many operations share one write and sync).
 * - Only a create needs the "started" mark: after a crash it is what tells a half-applied
 *   create (reconcile the account the earlier attempt may have made) from a new one. Every
 *   other operation converges when simply applied again, so it is not marked.
 */
import type { DirectoryOperation } from "@roster/engine";
import { resultForRedelivery, type OperationRequest, type OperationResult } from "@roster/protocol";
import type { Logger } from "pino";
import type { JournalLedger } from "../ledger/journal-ledger.js";
import { ConcurrencyLimiter, KeyedSerializer } from "./concurrency-limiter.js";
import { failureFromError, type OperationApplier } from "./operation-applier.js";

export type DurableLedger = Pick<JournalLedger, "lookup" | "markStarted" | "record">;

export interface OperationServiceOptions {
  readonly ledger: DurableLedger;
  /** The applier per served domain (keys lower-cased). */
  readonly appliers: ReadonlyMap<string, OperationApplier>;
  readonly concurrency: number;
  readonly logger: Logger;
}

export class OperationService {
  private readonly running = new Map<string, Promise<OperationResult>>();
  private readonly limiter: ConcurrencyLimiter;
  private readonly perAccount = new KeyedSerializer();

  constructor(private readonly options: OperationServiceOptions) {
    this.limiter = new ConcurrencyLimiter(options.concurrency);
  }

  /** Operations received and not answered yet, across all connections. */
  get inFlight(): number {
    return this.running.size;
  }

  handle(domain: string, request: OperationRequest): Promise<OperationResult> {
    const key = request.idempotencyKey;
    const current = this.running.get(key);
    if (current !== undefined) {
      this.options.logger.debug({ idempotencyKey: key }, "operation re-delivered while still running; answering with its result");
      return current.then((result) => resultForRedelivery(result) ?? result);
    }
    const attempt = this.attempt(domain, request).finally(() => this.running.delete(key));
    this.running.set(key, attempt);
    return attempt;
  }

  /** Resolves once every operation received so far has finished (shutdown). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  private async attempt(domain: string, request: OperationRequest): Promise<OperationResult> {
    const { idempotencyKey: key, operation } = request;
    const { ledger, logger } = this.options;
    const earlier = ledger.lookup(key);
    const answer = resultForRedelivery(earlier?.result);
    if (answer !== undefined) {
      logger.debug({ idempotencyKey: key, status: answer.status }, "operation already completed; answering from the ledger");
      return answer;
    }
    const applier = this.options.appliers.get(domain.toLowerCase());
    if (applier === undefined) {
      return {
        idempotencyKey: key,
        status: "failed",
        errorCode: "EndpointUnavailable",
        message: `this agent does not serve the domain "${domain}"`,
        retryable: true,
      };
    }
    // Anything in the ledger without a final answer (started, or failed transiently) may be half-applied.
    const recovering = earlier !== undefined;
    return this.perAccount.run(accountKey(operation), async () => {
      if (operation.kind === "create") {
        try {
          await ledger.markStarted(key);
        } catch (error) {
          logger.error({ idempotencyKey: key, err: error }, "cannot write the idempotency ledger; the operation is not applied");
          return failureFromError(key, error, `${operation.kind} not applied`);
        }
      }
      let result: OperationResult;
      try {
        result = await this.limiter.run(() => applier.apply(key, operation, { recovering }));
      } catch (error) {
        result = failureFromError(key, error, `${operation.kind} failed`);
      }
      try {
        await ledger.record(key, result);
      } catch (error) {
        // The result still goes out: once the coordinator holds it, it never sends the key again.
        logger.error({ idempotencyKey: key, err: error }, "cannot record the result in the idempotency ledger");
      }
      logResult(logger, operation, result, recovering);
      return result;
    });
  }
}

/** Operations on one account are serialised; creates by their DN (parent + cn). */
function accountKey(operation: DirectoryOperation): string {
  if (operation.kind === "create") return `create:${operation.cn.toLowerCase()},${operation.parentDn.toLowerCase()}`;
  return `anchor:${operation.anchor.toLowerCase()}`;
}

function logResult(logger: Logger, operation: DirectoryOperation, result: OperationResult, recovering: boolean): void {
  // Only identifiers are logged: attribute values are personal data.
  if (result.status === "failed") {
    if (!logger.isLevelEnabled("warn")) return;
    logger.warn(
      { idempotencyKey: result.idempotencyKey, kind: operation.kind, errorCode: result.errorCode, retryable: result.retryable, ldapCode: result.ldapCode, recovering },
      result.message,
    );
  } else if (logger.isLevelEnabled("debug")) {
    logger.debug({ idempotencyKey: result.idempotencyKey, kind: operation.kind, status: result.status, anchor: result.anchor, recovering }, "operation done");
  }
}
