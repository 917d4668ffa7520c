/**
 * @roster/coordinator — the cloud side: jobs and their state, provisioning cycles (scheduler,
 * runner, writeback, on-demand), the agent hub and its WebSocket endpoint, API-driven inbound
 * (SCIM bulk), provisioning logs, the REST API and metrics. `startCoordinatorServer` runs it all.
 */
export * from "./agents/index.js";
export * from "./store/index.js";
export * from "./scim/index.js";
export * from "./provisioning-log/index.js";
export * from "./api/index.js";
export * from "./metrics/index.js";
export type * from "./state/contracts.js";
export type { CoordinatorServices, JobStatusView, JobView, OnDemandResult } from "./api/coordinator-services.js";
export { createStateStores, type StateStores } from "./state/state-stores.js";
export {
  jobDefinitionSchema,
  type JobDefinition,
  type JobDefinitionInput,
  type JobSource,
  JOB_SECRET_PATHS,
} from "./jobs/job-definition.js";
export {
  DEFAULT_TEMPLATE_CITIES,
  templateOus,
  workdayJobTemplate,
  type WorkdayJobTemplateOptions,
} from "./jobs/workday-job-template.js";
export { Coordinator, type CoordinatorOptions, targetAttributesOf } from "./coordinator.js";
export { CycleRunner, type CycleObserver, type CycleRunnerDeps } from "./cycles/cycle-runner.js";
export { JobScheduler } from "./cycles/job-scheduler.js";
export { startCoordinatorServer, type CoordinatorServer, type CoordinatorServerOptions } from "./server.js";
export { CycleDirectory } from "./directory/index.js";
export { createHrSource, createApiSource, type HrSource, type SourceItem, type SourceWorker } from "./sources/index.js";
export {
  LinkStore,
  toLinkState,
  type LinkInput,
  type LinkPageOptions,
  type LinkStoreOptions,
  type StoredLink,
} from "./store/link-store.js";
export type { LinksAndLogsDatabase, LinksTable, ProvisioningLogsTable } from "./store/links-and-logs-schema.js";
