/**
 * @roster/coordinator — the cloud side. So far: the agent hub (registration tokens, agent
 * credentials, the agent WebSocket endpoint, dispatch of directory operations and queries)
 * and the coordinator's store migrations.
 */
export * from "./agents/index.js";
export * from "./store/index.js";
export * from "./scim/index.js";
