/**
 * The one code path every worker takes — in a cycle's page, an escrow retry, an on-demand
 * request: decide with the engine (all workers of the batch concurrently, so the directory
 * queries batch), send the operations, then persist links, provisioning-log records, escrow,
 * pending references and writebacks for the whole batch at once.
 *
 * Decisions that disable or delete can be held back instead (the accidental-deletion guard
 * must count a cycle's deprovisions before any is sent); finishDecisions sends them later.
 */
import { randomUUID } from "node:crypto";
import {
  type CompiledProvisioningConfig,
  type DirectoryValue,
  type DirectoryView,
  type ProvisioningDecision,
  provisionWorker,
  type TraceLevel,
} from "@roster/engine";
import type { ProvisioningLogRecord } from "../provisioning-log/log-record.js";
import { toLogRecord } from "../provisioning-log/log-record.js";
import type { ProvisioningLogStore } from "../provisioning-log/provisioning-log-store.js";
import type { HrSource, ProvisionedOutcome, SourceItem, SourceWorker } from "../sources/hr-source.js";
import type { CycleCounts, EscrowStore, NewWritebackItem, PendingReferenceStore, WritebackOutbox } from "../state/contracts.js";
import { type LinkInput, type LinkStore, type StoredLink, toLinkState } from "../store/link-store.js";
import { type DecisionDispatcher, type DispatchOutcome } from "./decision-dispatcher.js";
import { sourceFailureDecision, withFailure } from "./decision-outcome.js";

/** What a worker batch needs of the directory (CycleDirectory implements it). */
export interface BatchDirectory {
  viewFor(sourceAnchor: string): DirectoryView;
  rememberLink(sourceAnchor: string, workerId: string | null, targetAnchor: string): void;
  reserve(attribute: string, value: string, bySourceAnchor: string): void;
  /** Gives back the unique values a worker reserved (its decision failed or created nothing). */
  release?(sourceAnchor: string): void;
  /** The worker's decision succeeded: its values stay reserved, nothing is kept to give them back. */
  settle?(sourceAnchor: string): void;
}

export interface BatchEnvironment {
  readonly jobId: string;
  readonly cycleId: string;
  readonly config: CompiledProvisioningConfig;
  readonly directory: BatchDirectory;
  readonly dispatcher: Pick<DecisionDispatcher, "dispatch">;
  readonly links: Pick<LinkStore, "getMany" | "upsert">;
  readonly logs: Pick<ProvisioningLogStore, "append">;
  readonly escrow: Pick<EscrowStore, "recordFailures" | "clear">;
  readonly pendingReferences: Pick<PendingReferenceStore, "add" | "remove">;
  readonly writebacks: Pick<WritebackOutbox, "enqueue"> | null;
  /** Directory attributes of the account → HR field values to write back (null: nothing to write). */
  readonly writebackValues: ((attributes: Readonly<Record<string, DirectoryValue>>) => Record<string, string> | null) | null;
  readonly source: Pick<HrSource, "onProvisioned">;
  readonly now: () => Date;
  readonly random: () => number;
  readonly trace: TraceLevel;
  /** Cycles: hold decisions that disable or delete (see finishDecisions). */
  readonly holdDeprovisions: boolean;
  /** On-demand: the DirectoryView also tests the connection first. */
  readonly testConnection: boolean;
  /** On-demand: log the decision even when nothing changed (the admin asked for it). */
  readonly logEveryDecision?: boolean;
  /** Clear escrow entries of the workers that succeed (skip the query when none can exist). */
  readonly escrowActive: () => boolean;
}

/** A worker's decision waiting to be sent. */
export interface DecidedWorker {
  readonly worker: SourceWorker;
  readonly link: StoredLink | null;
  readonly decision: ProvisioningDecision;
  readonly startedAt: number;
}

/** What happened to one worker, as the caller may want to show it (on-demand). */
export interface WorkerResult {
  readonly worker: SourceWorker | null;
  readonly decision: ProvisioningDecision;
  readonly record: ProvisioningLogRecord;
  readonly link: LinkInput | null;
  readonly dispatched: DispatchOutcome | null;
}

export interface BatchResult {
  readonly counts: Partial<CycleCounts>;
  readonly held: DecidedWorker[];
  readonly results: WorkerResult[];
  readonly failures: number;
  readonly successes: number;
}

type EscrowFailure = Parameters<EscrowStore["recordFailures"]>[0][number];

const DEPROVISIONING_KINDS: ReadonlySet<string> = new Set(["disable", "delete"]);

export function isDeprovisioning(decision: ProvisioningDecision): boolean {
  return decision.operations.some((operation) => DEPROVISIONING_KINDS.has(operation.kind));
}

/** Decides a batch of source items and finishes the decisions that need not be held. */
export async function processWorkers(env: BatchEnvironment, items: readonly SourceItem[]): Promise<BatchResult> {
  const failed: WorkerResult[] = [];
  const workers: SourceWorker[] = [];
  const escrowed: EscrowFailure[] = [];
  const now = env.now();
  for (const item of items) {
    if (item.ok) workers.push(item.worker);
    else {
      const failure = item.failure;
      const decision = sourceFailureDecision(failure.sourceAnchor, failure.errorCode, failure.message, failure.retryable);
      failed.push({
        worker: null,
        decision,
        record: logRecord(env, decision, now, 0, failure.workerId ?? failure.sourceAnchor, null, null),
        link: null,
        dispatched: null,
      });
      if (failure.retryable && failure.sourceAnchor !== null && failure.workerId !== null) {
        escrowed.push({
          jobId: env.jobId,
          sourceAnchor: failure.sourceAnchor,
          workerId: failure.workerId,
          errorCode: decision.error?.code ?? "InternalError",
          at: now,
        });
      }
    }
  }

  if (escrowed.length > 0) await env.escrow.recordFailures(escrowed);
  const links = workers.length === 0 ? new Map<string, StoredLink>() : await env.links.getMany(env.jobId, workers.map((w) => w.sourceAnchor));
  const decided = await Promise.all(
    workers.map(async (worker): Promise<DecidedWorker> => {
      const link = links.get(worker.sourceAnchor) ?? null;
      const startedAt = performance.now();
      const decision = await provisionWorker({
        config: env.config,
        worker: worker.attributes,
        link: link === null ? null : toLinkState(link),
        directory: viewFor(env, worker.sourceAnchor),
        now: env.now,
        random: env.random,
        trace: env.trace,
      });
      for (const reserved of decision.reservedValues) env.directory.reserve(reserved.attribute, reserved.value, worker.sourceAnchor);
      return { worker, link, decision, startedAt };
    }),
  );

  const held: DecidedWorker[] = [];
  const toFinish: DecidedWorker[] = [];
  for (const entry of decided) {
    if (env.holdDeprovisions && isDeprovisioning(entry.decision)) held.push(entry);
    else toFinish.push(entry);
  }
  const finished = await finishDecisions(env, toFinish, failed);
  return { ...finished, held };
}

/**
 * Sends the decisions' operations and persists everything that follows from them. `extra`
 * are results already known (source failures) to log with the batch.
 */
export async function finishDecisions(
  env: BatchEnvironment,
  decided: readonly DecidedWorker[],
  extra: readonly WorkerResult[] = [],
): Promise<Omit<BatchResult, "held">> {
  const withOperations = decided.filter((entry) => entry.decision.operations.length > 0 && entry.decision.error === null);
  const outcomes = await env.dispatcher.dispatch(
    withOperations.map((entry) => ({ sourceAnchor: entry.worker.sourceAnchor, operations: entry.decision.operations })),
  );
  const outcomeOf = new Map<DecidedWorker, DispatchOutcome>();
  for (const [index, entry] of withOperations.entries()) outcomeOf.set(entry, outcomes[index]!);

  const now = env.now();
  const results: WorkerResult[] = [...extra];
  const linkWrites: LinkInput[] = [];
  const pendingAdds: { jobId: string; sourceAnchor: string; attribute: string; referencedValue: string }[] = [];
  const pendingRemovals: { jobId: string; sourceAnchor: string; attribute: string }[] = [];
  const writebackItems: NewWritebackItem[] = [];
  const succeeded: string[] = [];
  const escrowed: EscrowFailure[] = [];
  const counts: Partial<CycleCounts> = {};
  let failures = extra.length;
  let successes = 0;
  const add = (key: keyof CycleCounts, n = 1) => {
    counts[key] = (counts[key] ?? 0) + n;
  };
  add("failed", extra.length);

  for (const entry of decided) {
    const { worker, link } = entry;
    const dispatched = outcomeOf.get(entry) ?? null;
    let decision = entry.decision;
    if (dispatched !== null && dispatched.failure !== null) {
      decision = withFailure(
        decision,
        dispatched.failure,
        `The agent could not ${dispatched.failure.operation} the account: ${dispatched.failure.errorCode}.`,
      );
    }
    const targetAnchor = dispatched?.createdAnchor ?? decision.targetAnchor ?? link?.targetAnchor ?? null;
    const applied = dispatched === null || dispatched.applied > 0;

    // The link: written when the worker is linked for the first time, when what Roster wrote
    // changed, or when scope changed; after a partial failure the exported state is unknown.
    let linkWrite: LinkInput | null = null;
    if (targetAnchor !== null && (decision.error === null || (dispatched !== null && applied))) {
      const partial = dispatched !== null && !dispatched.ok;
      const exportedState = partial ? null : (decision.newExportedState ?? link?.exportedState ?? null);
      const inScope = decision.inScope ?? link?.inScope ?? false;
      const targetDn = dispatched?.dn ?? link?.targetDn ?? null;
      const changed =
        link === null ||
        decision.newLink ||
        link.targetAnchor !== targetAnchor ||
        decision.newExportedState !== null ||
        partial ||
        link.inScope !== inScope ||
        link.targetDn !== targetDn ||
        link.sourceMatchingValue !== worker.workerId;
      if (changed) {
        linkWrite = {
          jobId: env.jobId,
          sourceAnchor: worker.sourceAnchor,
          sourceMatchingValue: worker.workerId,
          targetAnchor,
          targetDn,
          inScope,
          exportedState,
        };
        linkWrites.push(linkWrite);
      }
      if (decision.newLink || link === null) env.directory.rememberLink(worker.sourceAnchor, worker.workerId, targetAnchor);

      // Writeback after a create or a match, and when the values written back change.
      if (env.writebacks !== null && env.writebackValues !== null && exportedState !== null && decision.error === null) {
        const after = env.writebackValues(exportedState.attributes);
        const before =
          decision.newLink || link?.exportedState == null ? null : env.writebackValues(link.exportedState.attributes);
        if (after !== null && Object.keys(after).length > 0 && (before === null || !sameValues(before, after))) {
          writebackItems.push({
            jobId: env.jobId,
            sourceAnchor: worker.sourceAnchor,
            workerId: worker.workerId,
            workerType: worker.workerType ?? null,
            values: after,
          });
        }
      }
    }

    if (decision.error === null) {
      successes += 1;
      succeeded.push(worker.sourceAnchor);
      env.directory.settle?.(worker.sourceAnchor);
      // The worker's pending references are exactly the ones this decision deferred.
      for (const attribute of env.config.config.referenceAttributes) {
        pendingRemovals.push({ jobId: env.jobId, sourceAnchor: worker.sourceAnchor, attribute });
      }
      for (const deferred of decision.deferredReferences) {
        pendingAdds.push({
          jobId: env.jobId,
          sourceAnchor: worker.sourceAnchor,
          attribute: deferred.attribute,
          referencedValue: deferred.sourceAnchorValue,
        });
      }
      add(countKey(decision));
    } else {
      failures += 1;
      add("failed");
      if (dispatched === null || dispatched.createdAnchor === null) env.directory.release?.(worker.sourceAnchor);
      if (decision.error.retryable) {
        escrowed.push({
          jobId: env.jobId,
          sourceAnchor: worker.sourceAnchor,
          workerId: worker.workerId,
          errorCode: decision.error.code,
          at: now,
        });
        add("escrowed");
      }
    }

    const record = logRecord(
      env,
      decision,
      now,
      Math.max(0, Math.round(performance.now() - entry.startedAt)),
      worker.workerId,
      worker.displayName,
      targetAnchor,
      linkWrite?.targetDn ?? link?.targetDn ?? null,
    );
    results.push({ worker, decision, record, link: linkWrite, dispatched });
  }

  // Persist: links first (they make a re-run safe), then the rest.
  if (linkWrites.length > 0) await env.links.upsert(linkWrites);
  if (pendingRemovals.length > 0) await env.pendingReferences.remove(pendingRemovals);
  if (pendingAdds.length > 0) await env.pendingReferences.add(pendingAdds);
  if (writebackItems.length > 0 && env.writebacks !== null) {
    await env.writebacks.enqueue(writebackItems);
    add("writebacks", writebackItems.length);
  }
  if (escrowed.length > 0) await env.escrow.recordFailures(escrowed);
  if (succeeded.length > 0 && env.escrowActive()) await env.escrow.clear(env.jobId, succeeded);
  const logged = env.logEveryDecision === true ? results : results.filter((result) => shouldLog(result.decision));
  if (logged.length > 0) await env.logs.append(logged.map((result) => result.record));
  if (env.source.onProvisioned !== undefined && results.length > 0) {
    await env.source.onProvisioned(results.filter((r) => r.decision.sourceAnchor !== null).map(provisionedOutcome));
  }
  return { counts, results, failures, successes };
}

/** Worker anchors never repeat inside one batch: the last item for an anchor wins. */
export function distinctByAnchor(items: readonly SourceItem[]): SourceItem[] {
  const last = new Map<string, number>();
  items.forEach((item, index) => {
    if (item.ok) last.set(item.worker.sourceAnchor, index);
  });
  return items.filter((item, index) => !item.ok || last.get(item.worker.sourceAnchor) === index);
}

function viewFor(env: BatchEnvironment, sourceAnchor: string): DirectoryView {
  const view = env.directory.viewFor(sourceAnchor);
  if (env.testConnection || view.testConnection === undefined) return view;
  // Cycles test the connection once, not per worker.
  return {
    findByAnchor: (anchor) => view.findByAnchor(anchor),
    findByMatchingAttribute: (attribute, value) => view.findByMatchingAttribute(attribute, value),
    isTaken: (attribute, value) => view.isTaken(attribute, value),
    resolveReference: (value, attribute) => view.resolveReference(value, attribute),
  };
}

function countKey(decision: ProvisioningDecision): keyof CycleCounts {
  switch (decision.action) {
    case "Create":
      return "created";
    case "Update":
    case "Rename":
      return "updated";
    case "Move":
      return "moved";
    case "Enable":
      return "enabled";
    case "Disable":
      return "disabled";
    case "Skip":
      return "skipped";
    case "NoChange":
      return "noChange";
  }
}

/** "A log record per worker per cycle that did or failed something": in-sync workers are not logged. */
function shouldLog(decision: ProvisioningDecision): boolean {
  return decision.action !== "NoChange" || decision.error !== null || decision.newLink;
}

function logRecord(
  env: Pick<BatchEnvironment, "jobId" | "cycleId">,
  decision: ProvisioningDecision,
  at: Date,
  durationMs: number,
  workerId: string | null,
  displayName: string | null,
  targetAnchor: string | null,
  targetDn: string | null = null,
): ProvisioningLogRecord {
  return toLogRecord(decision, {
    changeId: randomUUID(),
    cycleId: env.cycleId,
    jobId: env.jobId,
    activityDateTime: at,
    durationInMilliseconds: durationMs,
    sourceIdentity: { id: workerId ?? decision.sourceAnchor, displayName },
    targetIdentity: { id: targetAnchor, displayName: targetDn },
  });
}

function provisionedOutcome(result: WorkerResult): ProvisionedOutcome {
  return {
    sourceAnchor: result.decision.sourceAnchor ?? "",
    action: result.record.action,
    status: result.record.status,
    errorCode: result.record.errorCode,
    message: result.record.additionalDetails,
    targetAnchor: result.record.targetIdentity.id,
  };
}

function sameValues(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}
