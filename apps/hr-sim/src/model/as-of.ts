/**
 * Effective-dated reads: which version of a worker a query sees as of an effective date and an
 * entry moment. A worker whose first version takes effect later (a pre-hire) is seen in that
 * first state but inactive, as Workday shows pre-hires before their hire date.
 */
import type { WorkerRecord, WorkerState, WorkerVersion } from "./worker-record.js";

export interface AsOfView {
  /** Calendar date "YYYY-MM-DD". */
  readonly effectiveDate: string;
  /** Epoch milliseconds. */
  readonly entryMoment: number;
}

/** The worker's state as of the view, or undefined when nothing about it had been entered. */
export function stateAsOf(record: WorkerRecord, view: AsOfView): WorkerState | undefined {
  return versionAsOf(record, view)?.state;
}

/** The version a view sees (for a pre-hire: its first version, made inactive). */
export function versionAsOf(record: WorkerRecord, view: AsOfView): WorkerVersion | undefined {
  let best: WorkerRecord["versions"][number] | undefined;
  let earliestEntered: WorkerRecord["versions"][number] | undefined;
  for (const version of record.versions) {
    if (Date.parse(version.enteredAt) > view.entryMoment) continue;
    if (earliestEntered === undefined || version.effectiveDate < earliestEntered.effectiveDate) earliestEntered = version;
    if (version.effectiveDate > view.effectiveDate) continue;
    if (
      best === undefined ||
      version.effectiveDate > best.effectiveDate ||
      (version.effectiveDate === best.effectiveDate && version.enteredAt >= best.enteredAt)
    ) {
      best = version;
    }
  }
  if (best !== undefined) return best;
  if (earliestEntered === undefined) return undefined;
  return { ...earliestEntered, state: { ...earliestEntered.state, active: false } };
}

/** The latest state entered, whatever its effective date (what a scenario changes next). */
export function latestState(record: WorkerRecord): WorkerState {
  let best = record.versions[0]!;
  for (const version of record.versions) {
    if (
      version.effectiveDate > best.effectiveDate ||
      (version.effectiveDate === best.effectiveDate && version.enteredAt >= best.enteredAt)
    ) {
      best = version;
    }
  }
  return best.state;
}
