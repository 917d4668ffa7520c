/**
 * @roster/coordinator — the cloud side. So far: the agent hub (registration tokens, agent
 * credentials, the agent WebSocket endpoint, dispatch of directory operations and queries)
 * and the coordinator's store migrations.
 */
export * from "./agents/index.js";
export * from "./store/index.js";
export * from "./scim/index.js";
export * from "./provisioning-log/index.js";
export {
  LinkStore,
  toLinkState,
  type LinkInput,
  type LinkPageOptions,
  type LinkStoreOptions,
  type StoredLink,
} from "./store/link-store.js";
export type { LinksAndLogsDatabase, LinksTable, ProvisioningLogsTable } from "./store/links-and-logs-schema.js";
