/**
 * @roster/agent — the on-premises agent. The executable is `roster-agent` (src/main.ts);
 * this module lets tests and the benchmark run an agent in-process.
 */
export { startAgent, type RunningAgent, type StartAgentOptions } from "./start-agent.js";
export type { AgentExit } from "./connection/agent-runtime.js";
export {
  agentConfigSchema,
  loadAgentConfig,
  parseAgentConfig,
  type AgentConfig,
  type AgentConfigInput,
  type DomainConfig,
} from "./config/agent-config.js";
export { readCredentialFile, writeCredentialFile, type AgentCredential } from "./credentials/credential-file.js";
export { registerAgent, type RegisterOptions } from "./registration/register-agent.js";
export { JournalLedger, type LedgerEntry, type LedgerOpenReport } from "./ledger/journal-ledger.js";
export { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from "./connection/backoff.js";
export { createLogger, silentLogger, REDACT_PATHS, type Logger, type LogLevel } from "./logging/create-logger.js";
export { runCli } from "./cli/cli-program.js";
export { AGENT_VERSION } from "./version.js";
