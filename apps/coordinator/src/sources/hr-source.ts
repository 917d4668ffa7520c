/**
 * One shape for every HR source a job can read (Workday, SuccessFactors, API-driven
 * inbound): the cycle runner and on-demand provisioning only see this.
 */
import type { Attributes } from "@roster/engine";
import type { JobSourceType } from "../jobs/job-definition.js";

/** A worker ready for the engine. */
export interface SourceWorker {
  /** Immutable source anchor (Workday WID, SF perPersonUuid, SCIM externalId). */
  readonly sourceAnchor: string;
  /**
   * The id an admin types for on-demand and other workers use to reference this one where
   * that is not the anchor (Workday WorkerID, SF personIdExternal, SCIM externalId).
   */
  readonly workerId: string;
  /** For logs: e.g. "Åsa Öberg". */
  readonly displayName: string | null;
  /**
   * The kind of worker where the source's writeback needs it to name the worker (Workday:
   * "Employee" or "Contingent_Worker"); kept with the writeback so it needs no lookup.
   */
  readonly workerType?: string;
  /** The engine's input (null values absent). */
  readonly attributes: Attributes;
}

/** A worker the source could not read; the rest of the page goes on. */
export interface SourceFailure {
  /** What is known of the worker (WID, WorkerID, personIdExternal), for the log. */
  readonly sourceAnchor: string | null;
  readonly workerId: string | null;
  /** RosterError code from the registry (e.g. SourceRecordInvalid). */
  readonly errorCode: string;
  /** Names the worker and the field / XPath / JSONPath. */
  readonly message: string;
  readonly retryable: boolean;
}

export type SourceItem = { readonly ok: true; readonly worker: SourceWorker } | { readonly ok: false; readonly failure: SourceFailure };

export interface SourceTestResult {
  readonly ok: true;
  readonly details: Readonly<Record<string, string>>;
}

/** The worker a writeback is for, as the outbox recorded it. */
export interface WritebackTarget {
  readonly sourceAnchor: string;
  readonly workerId: string;
  /** SourceWorker.workerType when the import gave one. */
  readonly workerType?: string | null;
}

export interface WritebackOutcome {
  readonly ok: boolean;
  /** Failure text (names the worker and the field). */
  readonly message?: string;
  /** Transient failures are retried later. */
  readonly retryable?: boolean;
}

export interface HrSource {
  readonly type: JobSourceType;
  /** Throws RosterError (SourceAuthenticationFailed, SourceUnavailable, …) when the source cannot be used. */
  testConnection(signal?: AbortSignal): Promise<SourceTestResult>;
  /** Every worker as of `through`, streamed page by page (never the whole tenant in memory). */
  importAll(options: { readonly through: Date; readonly signal?: AbortSignal }): AsyncIterable<SourceItem>;
  /** Workers changed (entered or effective) between from and through. */
  importChanges(options: { readonly from: Date; readonly through: Date; readonly signal?: AbortSignal }): AsyncIterable<SourceItem>;
  /** On-demand and escrow retries: by WorkerID / WID (Workday), personIdExternal (SF), externalId (API). */
  getWorker(workerId: string, signal?: AbortSignal): Promise<SourceItem | null>;
  /** Writes values (HR field names of the writeback mapping set) for one worker. */
  writeback(worker: WritebackTarget, values: Readonly<Record<string, string>>): Promise<WritebackOutcome>;
  /**
   * Optional: told what happened to each worker of a page once its operations finished
   * (API-driven inbound reports it in the bulk request's status).
   */
  onProvisioned?(outcomes: readonly ProvisionedOutcome[]): Promise<void>;
  close(): Promise<void>;
}

export interface ProvisionedOutcome {
  readonly sourceAnchor: string;
  /** The log record's action and status (create / update / disable / other; success / failure / skipped / warning). */
  readonly action: string;
  readonly status: string;
  readonly errorCode: string | null;
  readonly message: string | null;
  readonly targetAnchor: string | null;
}
