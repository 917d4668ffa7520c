/**
 * Kysely types of the tables added by migration 0004_inbound (API-driven inbound): the
 * accepted SCIM bulk requests and one record per operation with its processing status.
 */
import type { Generated, JsonbColumn } from "@roster/store";
import type { BulkOperationStatus } from "./bulk-upload-status.js";
import type { FlatScimAttributes } from "./flatten-scim-user.js";

export interface BulkRequestsTable {
  readonly request_id: string;
  readonly job_id: string;
  readonly received_at: Date;
  /** Who uploaded it (admin token name); never a secret. */
  readonly actor: string;
  readonly operation_count: number;
  /** RFC 7644 failOnErrors: failures after which the request's queued operations are skipped. */
  readonly fail_on_errors: number | null;
  failures: Generated<number>;
  /** True once failOnErrors was reached. */
  stopped: Generated<boolean>;
}

export interface InboundRecordsTable {
  /** Receipt order (bigserial). */
  readonly sequence: Generated<number>;
  readonly request_id: string;
  /** Position in the request's Operations[]. */
  readonly operation_index: number;
  readonly job_id: string;
  readonly bulk_id: string;
  /** The worker's source anchor; null when the operation had none (then it failed at once). */
  readonly external_id: string | null;
  readonly display_name: string | null;
  /** The flattened SCIM user (flattenScimUser), as the engine's mappings read it. */
  readonly attributes: JsonbColumn<FlatScimAttributes>;
  readonly received_at: Date;
  status: BulkOperationStatus;
  provisioning_action: string | null;
  error_code: string | null;
  /** The outcome's message (additionalDetails in the status). */
  error_message: string | null;
  /** "failOnErrorsReached" when the request's error budget ran out before this operation. */
  skip_reason: string | null;
  finished_at: Date | null;
}

export interface InboundDatabase {
  roster_bulk_requests: BulkRequestsTable;
  roster_inbound_records: InboundRecordsTable;
}
