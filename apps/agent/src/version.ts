/** The agent's own version, sent in register and hello (the coordinator may refuse old agents). */
export const AGENT_VERSION = "0.1.0";

/** What this agent can do, announced in hello; a newer minor protocol may add capabilities. */
export const AGENT_CAPABILITIES: readonly string[] = ["directory.write", "directory.query", "results.batch"];
