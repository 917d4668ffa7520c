/** The coordinator's durable state: contracts, and their implementations on PGlite / PostgreSQL. */
export type * from "./contracts.js";
export { ADMIN_TOKEN_PREFIX, SqlAdminTokenStore } from "./admin-token-store.js";
export { emptyCycleCounts, SqlCycleStore } from "./cycle-store.js";
export { type EscrowFailure, SqlEscrowStore } from "./escrow-store.js";
export { newJobId, SqlJobStore } from "./job-store.js";
export { SqlPendingReferenceStore } from "./pending-reference-store.js";
export { type NewStagedAction, SqlStagedActionStore } from "./staged-action-store.js";
export { createStateStores, type StateStoreOptions, type StateStores } from "./state-stores.js";
export { type NewWriteback, SqlWritebackOutbox } from "./writeback-outbox.js";
