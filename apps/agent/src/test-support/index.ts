/** Test doubles and helpers for running an agent in-process (agent tests, e2e tests, the benchmark). */
export { testAgentConfig, TEST_DOMAIN, type DirectorySettings } from "./agent-harness.js";
export { FakeCoordinator, type FakeCoordinatorOptions } from "./fake-coordinator.js";
export { FakeDirectory } from "./fake-directory.js";
export { startResponseHoldingProxy, type ResponseHoldingProxy } from "./response-holding-proxy.js";
