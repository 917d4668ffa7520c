/**
 * Runs one provisioning cycle of a job, start to finish:
 *
 * 1. Resume the job's unfinished cycle (same id, same window: the coordinator died) or start
 *    an initial one (no watermark, or mappings/scoping changed) or an incremental one.
 * 2. Test the connection (an agent must serve the domain), then stream the source page by
 *    page: several pages are decided and dispatched at once while the next ones are read.
 * 3. Incremental cycles retry the escrowed workers that are due.
 * 4. Count the planned disables/deletes (held back so far): within the threshold they are
 *    sent; above it they are staged and the job is quarantined (TooManyDeletes).
 * 5. Resolve references (managers) that waited for their target.
 * 6. Save the watermark (the cycle's start), the counts and the quarantine state.
 *
 * Restart safety: links are written once an operation's result arrives, and operation keys
 * are derived from (cycle, worker, operation), so re-running a cycle after a crash re-sends
 * the same keys (the agent answers "alreadyApplied") or finds the entry by matching.
 */
import { randomUUID } from "node:crypto";
import {
  checkAccidentalDeletions,
  type CompiledProvisioningConfig,
  compileProvisioningConfigOrThrow,
  type DirectoryValue,
  evaluateEscrowProportion,
  onCycleResult,
  planReferenceResolution,
  type QuarantineCycleResult,
  RosterError,
  withResolvedReferences,
} from "@roster/engine";
import pino, { type Logger } from "pino";
import type { AgentHub } from "../agents/agent-hub.js";
import type { JobRecord } from "../state/contracts.js";
import type { ProvisioningLogRecord } from "../provisioning-log/log-record.js";
import type { ProvisioningLogStore } from "../provisioning-log/provisioning-log-store.js";
import type { HrSource, SourceItem } from "../sources/hr-source.js";
import type { CycleCounts, CycleKind, CycleRecord, StagedAction } from "../state/contracts.js";
import type { StateStores } from "../state/state-stores.js";
import type { LinkInput, LinkStore } from "../store/link-store.js";
import { addCounts, emptyCounts } from "./cycle-counts.js";
import { DecisionDispatcher } from "./decision-dispatcher.js";
import { issueFor } from "./decision-outcome.js";
import {
  type BatchDirectory,
  type BatchEnvironment,
  type DecidedWorker,
  distinctByAnchor,
  finishDecisions,
  processWorkers,
} from "./worker-batch.js";

/** What the runner reports as a cycle goes (metrics, progress bars). */
export interface CycleObserver {
  cycleStarted?(job: JobRecord, cycle: CycleRecord): void;
  pageFinished?(job: JobRecord, cycle: CycleRecord, counts: CycleCounts, processed: number): void;
  cycleFinished?(job: JobRecord, cycle: CycleRecord, state: CycleRecord["state"], counts: CycleCounts, seconds: number): void;
}

export type WritebackValuesFactory = (
  job: JobRecord,
) => ((attributes: Readonly<Record<string, DirectoryValue>>) => Record<string, string> | null) | null;

export interface CycleRunnerDeps {
  readonly stores: StateStores;
  readonly links: LinkStore;
  readonly logs: ProvisioningLogStore;
  readonly hub: Pick<AgentHub, "dispatch" | "testConnection">;
  /** The job's HR source (the runner closes it after the cycle). */
  readonly createSource: (job: JobRecord) => HrSource;
  readonly createDirectory: (job: JobRecord, config: CompiledProvisioningConfig) => BatchDirectory;
  readonly writebackValues: WritebackValuesFactory;
  readonly observer?: CycleObserver;
  readonly logger?: Logger;
  readonly now?: () => Date;
  readonly random?: () => number;
  /** Workers decided together (default 500). */
  readonly pageSize?: number;
  /** Pages decided/dispatched at once (default 3). */
  readonly pagesInFlight?: number;
  /** Operation result timeout (default 10 min). */
  readonly dispatchTimeoutMs?: number;
}

export interface RunCycleOptions {
  readonly signal?: AbortSignal;
}

const ESCROW_RETRY_BATCH = 500;
const WINDOW_OVERLAP_MS = 10_000;

export class CycleRunner {
  readonly #deps: CycleRunnerDeps;
  readonly #logger: Logger;
  readonly #now: () => Date;
  readonly #pageSize: number;
  readonly #pagesInFlight: number;

  constructor(deps: CycleRunnerDeps) {
    this.#deps = deps;
    this.#logger = deps.logger ?? pino({ level: "silent" });
    this.#now = deps.now ?? (() => new Date());
    this.#pageSize = deps.pageSize ?? 500;
    this.#pagesInFlight = deps.pagesInFlight ?? 3;
  }

  /**
   * Runs (or resumes) a cycle of the job. Resolves with the finished cycle record; when the
   * signal aborts, the cycle stops between pages and stays resumable (state "running").
   */
  async run(jobId: string, options: RunCycleOptions = {}): Promise<CycleRecord> {
    const { stores } = this.#deps;
    const job = await stores.jobs.get(jobId);
    if (job === null) throw new RosterError("NotFound", `Job "${jobId}" does not exist.`, { jobId });
    if (job.quarantine.status === "disabled") {
      throw new RosterError("JobQuarantined", `Job "${jobId}" was disabled after four weeks in quarantine; restart it.`, { jobId });
    }
    const config = compileProvisioningConfigOrThrow(job.definition.provisioning);

    const cycle = await this.#startOrResume(job);
    const started = performance.now();
    this.#deps.observer?.cycleStarted?.(job, cycle);
    const counts: CycleCounts = { ...emptyCounts(), ...cycle.counts };
    const log = this.#logger.child({ jobId, cycleId: cycle.cycleId, kind: cycle.kind });
    log.info({ from: cycle.from, through: cycle.through }, "cycle started");

    const finish = async (state: "completed" | "failed", result: QuarantineCycleResult | null, error?: string) => {
      await stores.cycles.finish(cycle.cycleId, state, counts, error);
      if (state === "completed") await stores.jobs.completeCycle(jobId, cycle.through);
      if (result !== null) {
        const fresh = await stores.jobs.get(jobId);
        if (fresh !== null) {
          const transition = onCycleResult(fresh.quarantine, result, this.#now().getTime());
          if (transition.state !== fresh.quarantine) await stores.jobs.setQuarantine(jobId, transition.state);
          if (transition.notice !== undefined) {
            log.warn({ notice: transition.notice, quarantine: transition.state }, "quarantine changed");
            await stores.jobs.appendAudit({ jobId, actor: "system", action: "quarantine", details: { notice: transition.notice, state: transition.state } });
          }
        }
      }
      const record = (await stores.cycles.get(cycle.cycleId)) ?? cycle;
      this.#deps.observer?.cycleFinished?.(job, record, state, counts, (performance.now() - started) / 1000);
      log.info({ state, counts, error }, "cycle finished");
      return record;
    };

    // 1. Test connection: no agent → the cycle fails at once and is tried again later.
    try {
      await this.#deps.hub.testConnection(job.definition.domain);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return finish("failed", null, `Test connection failed: ${message}`);
    }

    const source = this.#deps.createSource(job);
    const directory = this.#deps.createDirectory(job, config);
    const dispatcher = new DecisionDispatcher({
      hub: this.#deps.hub,
      domain: job.definition.domain,
      jobId,
      cycleId: cycle.cycleId,
      ...(this.#deps.dispatchTimeoutMs === undefined ? {} : { timeoutMs: this.#deps.dispatchTimeoutMs }),
    });
    let escrowActive = (await stores.escrow.count(jobId)) > 0;
    const guard = job.definition.safety.accidentalDeletions;
    const env: BatchEnvironment = {
      jobId,
      cycleId: cycle.cycleId,
      config,
      directory,
      dispatcher,
      links: this.#deps.links,
      logs: this.#deps.logs,
      escrow: {
        recordFailures: (entries) => {
          escrowActive = true;
          return stores.escrow.recordFailures(entries);
        },
        clear: (id, anchors) => stores.escrow.clear(id, anchors),
      },
      pendingReferences: stores.pendingReferences,
      writebacks: job.definition.writeback === undefined ? null : stores.writebacks,
      writebackValues: this.#deps.writebackValues(job),
      source,
      now: this.#now,
      random: this.#deps.random ?? Math.random,
      trace: "summary",
      holdDeprovisions: guard.enabled,
      testConnection: false,
      escrowActive: () => escrowActive,
    };

    const held: DecidedWorker[] = [];
    let failures = 0;
    let successes = 0;
    let processed = cycle.processed;
    const seen = new Set<string>();
    let progressChain: Promise<void> = Promise.resolve();
    const onBatch = (result: Awaited<ReturnType<typeof processWorkers>>, size: number) => {
      addCounts(counts, result.counts);
      held.push(...result.held);
      failures += result.failures;
      successes += result.successes;
      processed += size;
      const snapshot = { ...counts };
      const at = processed;
      progressChain = progressChain
        .then(() => stores.cycles.progress(cycle.cycleId, snapshot, at))
        .catch((error: unknown) => log.warn({ err: error }, "cycle progress not saved"));
      this.#deps.observer?.pageFinished?.(job, cycle, snapshot, at);
    };

    try {
      // 2. Stream the source, several pages in flight.
      const items =
        cycle.kind === "initial" || cycle.from === null
          ? source.importAll({ through: cycle.through, ...(options.signal ? { signal: options.signal } : {}) })
          : source.importChanges({
              // A small overlap: a change committed just as the last cycle read may carry an earlier
              // timestamp. Reading a worker twice is harmless (its decision is NoChange).
              from: new Date(cycle.from.getTime() - WINDOW_OVERLAP_MS),
              through: cycle.through,
              ...(options.signal ? { signal: options.signal } : {}),
            });
      await this.#pipeline(items, env, seen, counts, onBatch, options.signal);

      // 3. Escrowed workers that are due (incremental cycles; an initial cycle reads everyone).
      if (cycle.kind === "incremental" && escrowActive && options.signal?.aborted !== true) {
        await this.#pipeline(this.#escrowRetries(job, source, seen), env, seen, counts, onBatch, options.signal);
      }
      if (options.signal?.aborted === true) {
        await progressChain;
        log.info("cycle interrupted; it resumes from the start of its window");
        return (await stores.cycles.get(cycle.cycleId)) ?? cycle;
      }

      // 4. The accidental-deletion guard, over the whole cycle's deprovisions.
      let quarantine: QuarantineCycleResult = { healthy: true };
      if (held.length > 0) {
        const deletes = held.filter((entry) => entry.decision.operations.some((operation) => operation.kind === "delete")).length;
        const verdict = checkAccidentalDeletions(guard, { disables: held.length - deletes, deletes });
        if (verdict.outcome === "allow") {
          for (let i = 0; i < held.length; i += this.#pageSize) {
            const result = await finishDecisions(env, held.slice(i, i + this.#pageSize));
            onBatch({ ...result, held: [] }, 0);
          }
        } else {
          await this.#stage(job, cycle, held);
          counts.staged += held.length;
          quarantine = { healthy: false, reason: verdict.quarantineReason };
          log.warn({ count: verdict.count, threshold: verdict.threshold }, "deprovisions staged: accidental-deletion threshold exceeded");
        }
      }

      // 5. References that waited for their target.
      await this.resolvePendingReferences(job, env, counts);
      await progressChain;

      if (quarantine.healthy) {
        const escrow = evaluateEscrowProportion({ failures, referenceFailures: 0, successes });
        if (escrow.quarantine) quarantine = { healthy: false, reason: escrow.reason };
      }
      return await finish("completed", quarantine);
    } catch (error) {
      await progressChain;
      const message = error instanceof Error ? error.message : String(error);
      log.error({ err: error }, "cycle failed");
      // A source that refuses our credentials will not get better by itself: quarantine.
      const persistent = error instanceof RosterError && error.code === "SourceAuthenticationFailed";
      return finish("failed", persistent ? { healthy: false, reason: "EncounteredQuarantineException" } : null, message);
    } finally {
      await source.close().catch(() => undefined);
    }
  }

  /** Resolves the job's pending references whose targets are linked by now. */
  async resolvePendingReferences(job: JobRecord, env: BatchEnvironment, counts: CycleCounts): Promise<void> {
    const { stores } = this.#deps;
    for await (const page of stores.pendingReferences.pages(job.jobId, this.#pageSize)) {
      const byWorker = new Map<string, typeof page>();
      for (const reference of page) {
        const list = byWorker.get(reference.sourceAnchor);
        if (list === undefined) byWorker.set(reference.sourceAnchor, [reference]);
        else list.push(reference);
      }
      const links = await this.#deps.links.getMany(job.jobId, byWorker.keys());
      const planned: {
        anchor: string;
        operations: Awaited<ReturnType<typeof planReferenceResolution>>["operations"];
        resolved: Record<string, string>;
        attributes: string[];
      }[] = [];
      await Promise.all(
        [...byWorker].map(async ([sourceAnchor, references]) => {
          const link = links.get(sourceAnchor);
          if (link === undefined) return;
          const view = env.directory.viewFor(sourceAnchor);
          const plan = await planReferenceResolution(
            link.targetAnchor,
            references.map((r) => ({ attribute: r.attribute, sourceAnchorValue: r.referencedValue })),
            (value, attribute) => view.resolveReference(value, attribute),
          );
          if (plan.error !== null || plan.operations.length === 0) return;
          planned.push({ anchor: sourceAnchor, operations: plan.operations, resolved: plan.resolved, attributes: Object.keys(plan.resolved) });
        }),
      );
      if (planned.length === 0) continue;
      const outcomes = await env.dispatcher.dispatch(planned.map((p) => ({ sourceAnchor: p.anchor, operations: p.operations })));
      const linkWrites: LinkInput[] = [];
      const removals: { jobId: string; sourceAnchor: string; attribute: string }[] = [];
      const records: ProvisioningLogRecord[] = [];
      const now = this.#now();
      planned.forEach((p, index) => {
        const outcome = outcomes[index]!;
        const link = links.get(p.anchor)!;
        const issue = outcome.failure === null ? null : issueFor(outcome.failure.errorCode, outcome.failure.message);
        if (outcome.ok) {
          for (const attribute of p.attributes) removals.push({ jobId: job.jobId, sourceAnchor: p.anchor, attribute });
          if (link.exportedState !== null) {
            linkWrites.push({
              jobId: link.jobId,
              sourceAnchor: link.sourceAnchor,
              sourceMatchingValue: link.sourceMatchingValue,
              targetAnchor: link.targetAnchor,
              targetDn: link.targetDn,
              inScope: link.inScope,
              exportedState: withResolvedReferences(link.exportedState, p.resolved),
            });
          }
          counts.updated += 1;
        } else {
          counts.failed += 1;
        }
        records.push({
          id: randomUUID(),
          changeId: randomUUID(),
          cycleId: env.cycleId,
          jobId: job.jobId,
          activityDateTime: now,
          durationInMilliseconds: 0,
          action: "update",
          status: outcome.ok ? "success" : "failure",
          sourceIdentity: { id: link.sourceMatchingValue ?? link.sourceAnchor, displayName: null },
          targetIdentity: { id: link.targetAnchor, displayName: link.targetDn },
          errorCode: issue?.code ?? null,
          errorCategory: issue?.category ?? null,
          reason: issue?.reason ?? null,
          additionalDetails: issue?.message ?? null,
          recommendedAction: issue?.recommendedAction ?? null,
          steps: [
            {
              step: "action",
              status: outcome.ok ? "success" : "failure",
              description: outcome.ok
                ? `Set the reference${p.attributes.length === 1 ? "" : "s"} ${p.attributes.join(", ")} now that the referenced account exists.`
                : `Setting ${p.attributes.join(", ")} failed.`,
              details: Object.fromEntries(p.attributes.map((attribute) => [attribute, p.resolved[attribute] ?? ""])),
            },
          ],
          modifiedProperties: p.attributes.map((attribute) => ({
            name: attribute,
            oldValue: link.exportedState?.references[attribute] ?? null,
            newValue: p.resolved[attribute] ?? null,
          })),
        });
      });
      if (linkWrites.length > 0) await this.#deps.links.upsert(linkWrites);
      if (removals.length > 0) await stores.pendingReferences.remove(removals);
      await this.#deps.logs.append(records);
    }
  }

  async #startOrResume(job: JobRecord): Promise<CycleRecord> {
    const { cycles } = this.#deps.stores;
    const unfinished = await cycles.unfinished(job.jobId);
    if (unfinished !== null) return unfinished;
    const kind: CycleKind = job.needsInitialCycle || job.watermark === null ? "initial" : "incremental";
    return cycles.start({
      jobId: job.jobId,
      kind,
      through: this.#now(),
      from: kind === "incremental" ? job.watermark : null,
    });
  }

  /** Reads items into pages and keeps up to pagesInFlight pages being processed. */
  async #pipeline(
    items: AsyncIterable<SourceItem>,
    env: BatchEnvironment,
    seen: Set<string>,
    counts: CycleCounts,
    onBatch: (result: Awaited<ReturnType<typeof processWorkers>>, size: number) => void,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    let firstError: unknown = null;
    const launch = (page: SourceItem[]) => {
      const task = processWorkers(env, page)
        .then((result) => onBatch(result, page.length))
        .catch((error: unknown) => {
          firstError ??= error;
        })
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    };
    let page: SourceItem[] = [];
    for await (const item of items) {
      if (firstError !== null || signal?.aborted === true) break;
      counts.imported += 1;
      if (item.ok) {
        // A worker appears once per cycle (sources may repeat one across pages).
        if (seen.has(item.worker.sourceAnchor)) continue;
        seen.add(item.worker.sourceAnchor);
      }
      page.push(item);
      if (page.length >= this.#pageSize) {
        launch(distinctByAnchor(page));
        page = [];
        while (inFlight.size >= this.#pagesInFlight) await Promise.race(inFlight);
      }
    }
    if (page.length > 0 && firstError === null && signal?.aborted !== true) launch(distinctByAnchor(page));
    await Promise.all(inFlight);
    if (firstError !== null) throw firstError;
  }

  /** The due escrow entries, fetched again from the source one by one. */
  async *#escrowRetries(job: JobRecord, source: HrSource, seen: ReadonlySet<string>): AsyncGenerator<SourceItem> {
    const due = await this.#deps.stores.escrow.due(job.jobId, this.#now(), ESCROW_RETRY_BATCH);
    for (const entry of due) {
      if (seen.has(entry.sourceAnchor)) continue;
      const item = await source.getWorker(entry.workerId);
      if (item === null) {
        // The worker is gone from the source: nothing left to retry.
        await this.#deps.stores.escrow.clear(job.jobId, [entry.sourceAnchor]);
        continue;
      }
      yield item;
    }
  }

  async #stage(job: JobRecord, cycle: CycleRecord, held: readonly DecidedWorker[]): Promise<void> {
    const { stores } = this.#deps;
    const now = this.#now();
    const actions: Omit<StagedAction, "id" | "state" | "createdAt" | "decidedAt" | "decidedBy">[] = [];
    const records: ProvisioningLogRecord[] = [];
    for (const entry of held) {
      const { worker, link, decision } = entry;
      const kind = decision.operations.some((operation) => operation.kind === "delete") ? "delete" : "disable";
      const targetAnchor = decision.targetAnchor ?? link?.targetAnchor ?? "";
      const linkAfter: LinkInput = {
        jobId: job.jobId,
        sourceAnchor: worker.sourceAnchor,
        sourceMatchingValue: worker.workerId,
        targetAnchor,
        targetDn: link?.targetDn ?? null,
        inScope: decision.inScope ?? link?.inScope ?? false,
        exportedState: decision.newExportedState ?? link?.exportedState ?? null,
      };
      actions.push({
        jobId: job.jobId,
        cycleId: cycle.cycleId,
        sourceAnchor: worker.sourceAnchor,
        workerId: worker.workerId,
        displayName: worker.displayName,
        kind,
        targetAnchor,
        payload: {
          operations: decision.operations,
          link: linkAfter,
          // Rejected: the account stays as it is, but the link records the deprovision as settled, so
          // re-reading the worker does not stage it again; the next HR change is compared from there.
          rejectedLink: link === null ? null : linkAfter,
          modifiedProperties: decision.modifiedProperties,
        },
      });
      const issue = issueFor(kind === "delete" ? "StagedDelete" : "StagedAction", `The ${kind} of ${worker.workerId} was staged: this cycle exceeded the accidental-deletion threshold.`);
      records.push({
        id: randomUUID(),
        changeId: randomUUID(),
        cycleId: cycle.cycleId,
        jobId: job.jobId,
        activityDateTime: now,
        durationInMilliseconds: 0,
        action: kind === "delete" ? "stagedDelete" : "disable",
        status: "skipped",
        sourceIdentity: { id: worker.workerId, displayName: worker.displayName },
        targetIdentity: { id: targetAnchor, displayName: link?.targetDn ?? null },
        errorCode: issue.code,
        errorCategory: issue.category,
        reason: issue.reason,
        additionalDetails: issue.message,
        recommendedAction: issue.recommendedAction,
        steps: decision.steps.map((step) =>
          step.step === "action" ? { ...step, status: "skipped" as const, details: { ...step.details, ErrorCode: issue.code } } : step,
        ),
        modifiedProperties: decision.modifiedProperties,
      });
    }
    await stores.staged.add(actions);
    await this.#deps.logs.append(records);
  }
}
