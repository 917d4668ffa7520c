/** Tables of the simulator (prefix hrsim_), as kysely sees them. */
import type { JsonbColumn } from "@roster/store";
import type { WorkerVersion } from "../model/worker-record.js";

export interface WorkerTable {
  /** Dense insertion order: the keyset paging key. */
  seq: number;
  wid: string;
  /** Worker ID of the latest version (Employee_ID or Contingent_Worker_ID; SF personIdExternal). */
  worker_id: string;
  worker_type: string;
  user_id: string;
  person_uuid: string;
  /** Active in the latest version (Exclude_Inactive_Workers). */
  active: boolean;
  versions: JsonbColumn<WorkerVersion[]>;
  last_modified: Date | string;
}

export interface TransactionTable {
  id: string;
  worker_seq: number;
  type: string;
  description: string;
  effective_moment: Date | string;
  entry_moment: Date | string;
}

export interface HrSimSchema {
  hrsim_worker: WorkerTable;
  hrsim_transaction: TransactionTable;
}
