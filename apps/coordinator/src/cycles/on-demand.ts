/**
 * Provision on demand: one worker, fetched from the source by the id an admin types, through
 * the very code a cycle runs (worker-batch.ts) with the full trace and a connection test first.
 * The steps returned and the provisioning-log record written are the same object.
 */
import { compileProvisioningConfigOrThrow, RosterError } from "@roster/engine";
import type { OnDemandResult } from "../api/coordinator-services.js";
import type { JobRecord } from "../state/contracts.js";
import type { CycleRunnerDeps } from "./cycle-runner.js";
import { DecisionDispatcher } from "./decision-dispatcher.js";
import { type BatchEnvironment, processWorkers } from "./worker-batch.js";

export async function provisionOnDemand(
  deps: CycleRunnerDeps,
  job: JobRecord,
  workerId: string,
  cycleId: string,
): Promise<OnDemandResult> {
  const config = compileProvisioningConfigOrThrow(job.definition.provisioning);
  const source = deps.createSource(job);
  try {
    const item = await source.getWorker(workerId);
    if (item === null) {
      throw new RosterError("WorkerNotFound", `Job "${job.jobId}": the HR source has no worker "${workerId}".`, {
        jobId: job.jobId,
        field: "workerId",
        workerId,
      });
    }
    const { stores } = deps;
    const env: BatchEnvironment = {
      jobId: job.jobId,
      cycleId,
      config,
      directory: deps.createDirectory(job, config),
      dispatcher: new DecisionDispatcher({ hub: deps.hub, domain: job.definition.domain, jobId: job.jobId, cycleId, timeoutMs: 60_000 }),
      links: deps.links,
      logs: deps.logs,
      escrow: stores.escrow,
      pendingReferences: stores.pendingReferences,
      writebacks: job.definition.writeback === undefined ? null : stores.writebacks,
      writebackValues: deps.writebackValues(job),
      source,
      now: deps.now ?? (() => new Date()),
      random: deps.random ?? Math.random,
      trace: "full",
      holdDeprovisions: false,
      testConnection: true,
      escrowActive: () => true,
      logEveryDecision: true,
    };
    const batch = await processWorkers(env, [item]);
    const result = batch.results[0];
    if (result === undefined) throw new RosterError("InternalError", `No result for worker "${workerId}".`, { workerId });
    const anchor = result.link?.targetAnchor ?? result.decision.targetAnchor ?? null;
    return {
      workerId,
      action: result.record.action,
      status: result.record.status,
      steps: result.record.steps,
      target: { anchor, dn: result.link?.targetDn ?? result.record.targetIdentity.displayName ?? null },
      modifiedProperties: result.record.modifiedProperties,
      logRecord: result.record,
    };
  } finally {
    await source.close().catch(() => undefined);
  }
}
