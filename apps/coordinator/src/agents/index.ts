export {
  AgentHub,
  type AgentHubOptions,
  type AgentStatus,
  type DispatchOptions,
  type QueryOptions,
} from "./agent-hub.js";
export {
  AgentRegistry,
  DEFAULT_TOKEN_TTL_MS,
  type AgentRecord,
  type AgentRegistration,
  type AgentRegistryOptions,
  type Authentication,
  type IssuedRegistrationToken,
  type RegisteredAgent,
} from "./agent-registry.js";
export {
  AGENT_ENDPOINT_PATH,
  attachAgentEndpoint,
  listenAgentEndpoint,
  type AttachedEndpoint,
  type StandaloneEndpoint,
} from "./agent-endpoint.js";
export { DispatchResults } from "./dispatch-results.js";
export { createCoordinatorLogger, COORDINATOR_REDACT_PATHS } from "./coordinator-logger.js";
