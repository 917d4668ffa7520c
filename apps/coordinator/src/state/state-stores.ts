/** The coordinator's durable state stores over one database (PGlite or PostgreSQL). */
import type { Kysely } from "@roster/store";
import type { CoordinatorDatabase } from "../store/coordinator-schema.js";
import { SqlAdminTokenStore } from "./admin-token-store.js";
import { SqlCycleStore } from "./cycle-store.js";
import { SqlEscrowStore } from "./escrow-store.js";
import { SqlJobStore } from "./job-store.js";
import { SqlPendingReferenceStore } from "./pending-reference-store.js";
import { SqlStagedActionStore } from "./staged-action-store.js";
import type { Clock } from "./store-input.js";
import { SqlWritebackOutbox } from "./writeback-outbox.js";

export interface StateStores {
  readonly jobs: SqlJobStore;
  readonly cycles: SqlCycleStore;
  /** Also offers recordFailures (a page of failures in one round trip). */
  readonly escrow: SqlEscrowStore;
  readonly staged: SqlStagedActionStore;
  readonly writebacks: SqlWritebackOutbox;
  readonly pendingReferences: SqlPendingReferenceStore;
  readonly adminTokens: SqlAdminTokenStore;
}

export interface StateStoreOptions {
  /** The clock for every stored time (tests pass a fixed one). */
  readonly now?: () => Date;
}

/** The stores over a migrated database (migrateCoordinatorStore). */
export function createStateStores(db: Kysely<CoordinatorDatabase>, options: StateStoreOptions = {}): StateStores {
  const clock: { now?: Clock } = options.now === undefined ? {} : { now: options.now };
  return {
    jobs: new SqlJobStore(db, clock),
    cycles: new SqlCycleStore(db, clock),
    escrow: new SqlEscrowStore(db),
    staged: new SqlStagedActionStore(db, clock),
    writebacks: new SqlWritebackOutbox(db, clock),
    pendingReferences: new SqlPendingReferenceStore(db),
    adminTokens: new SqlAdminTokenStore(db, clock),
  };
}
