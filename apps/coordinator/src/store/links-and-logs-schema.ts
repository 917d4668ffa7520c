/**
 * Kysely types of the tables added by migration 0002_links_and_logs: the source↔target
 * links of every job and the immutable provisioning-log records.
 */
import type { ExportedState, ModifiedProperty, ProvisioningStep } from "@roster/engine";
import type { JsonbColumn, NullableJsonbColumn } from "@roster/store";

export interface LinksTable {
  readonly job_id: string;
  /** The worker's source anchor (WID, perPersonUuid). */
  readonly source_anchor: string;
  /** The value other workers use to reference this one (SuccessFactors personIdExternal for managers). */
  source_matching_value: string | null;
  /** objectGUID / entryUUID of the linked entry. */
  target_anchor: string;
  target_dn: string | null;
  /** Whether the worker was in scope when last evaluated (LinkState.wasInScope). */
  in_scope: boolean;
  exported_state: NullableJsonbColumn<ExportedState>;
  updated_at: Date;
}

export interface ProvisioningLogsTable {
  readonly id: string;
  readonly change_id: string;
  readonly cycle_id: string;
  readonly job_id: string;
  readonly activity_time: Date;
  readonly duration_ms: number;
  readonly action: string;
  readonly status: string;
  readonly source_identity_id: string | null;
  readonly source_display_name: string | null;
  readonly target_identity_id: string | null;
  readonly target_display_name: string | null;
  readonly error_code: string | null;
  readonly error_category: string | null;
  readonly reason: string | null;
  readonly additional_details: string | null;
  readonly recommended_action: string | null;
  readonly steps: JsonbColumn<readonly ProvisioningStep[]>;
  readonly modified_properties: JsonbColumn<readonly ModifiedProperty[]>;
}

export interface LinksAndLogsDatabase {
  roster_links: LinksTable;
  roster_provisioning_logs: ProvisioningLogsTable;
}
