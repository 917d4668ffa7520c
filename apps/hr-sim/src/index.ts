/**
 * @roster/hr-sim — a standalone HR simulator for Roster's demo, tests and benchmarks: Workday
 * Get_Workers and writeback over SOAP, SuccessFactors PerPerson and upsert over OData v2, a
 * scenario driver and fault injection, on PGlite or PostgreSQL. See docs/hr-sim.md.
 */
export { createHrSimServer, type HrSimServer, type HrSimServerOptions } from "./server/create-server.js";
export type { Credentials } from "./server/credentials.js";
export { generateWorkers, type GeneratedWorker, type GeneratorOptions } from "./generator/generate-workers.js";
export { openHrSimStore, type HrSimStore, type WorkerQuery } from "./store/worker-store.js";
export { ScenarioDriver, ScenarioError, type ScenarioResult } from "./scenarios/scenario-driver.js";
export { FaultInjector, type EndpointFaultsInput, type FaultSettingsInput } from "./faults/fault-config.js";
export { DEFAULT_REFERENCE_IDS, type ReferenceIds } from "./workday/writeback.js";
export type { WorkerRecord, WorkerState, WorkerVersion, TransactionEntry } from "./model/worker-record.js";
export { HRSIM_MIGRATIONS, HRSIM_MIGRATION_PREFIX } from "./store/migrations.js";
