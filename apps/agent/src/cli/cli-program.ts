/**
 * The `roster-agent` command line: register (token → credential), run (the service) and
 * install (a systemd unit). Errors print one line naming what to fix; the exit status is
 * 78 when the operator must act (configuration, credential, protocol version), 1 otherwise.
 */
import { readFile } from "node:fs/promises";
import { hostname } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { RosterError } from "@roster/engine";
import { Command, CommanderError } from "commander";
import { DEFAULT_CONFIG_PATH, loadAgentConfig, type AgentConfig } from "../config/agent-config.js";
import { protocolHostname, readCaFile } from "../connection/coordinator-socket.js";
import { readCredentialFile } from "../credentials/credential-file.js";
import { DEFAULT_UNIT_PATH, EXIT_NEEDS_OPERATOR, installSystemdUnit } from "../install/systemd-unit.js";
import { createLogger, LOG_LEVELS, type LogLevel } from "../logging/create-logger.js";
import { registerAgent } from "../registration/register-agent.js";
import { startAgent } from "../start-agent.js";
import { AGENT_VERSION } from "../version.js";

const DEFAULT_CREDENTIAL_FILE = "/var/lib/roster-agent/credential.json";
const TOKEN_ENVIRONMENT_VARIABLE = "ROSTER_AGENT_REGISTRATION_TOKEN";
const OPERATOR_CODES = new Set(["InvalidConfiguration", "Unauthorized", "AgentVersionMismatch", "InvalidRequest"]);

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Signals that stop `run` (default: SIGTERM and SIGINT of this process). */
  readonly onStopSignal?: (stop: () => void) => void;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  onStopSignal: (stop) => {
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  },
};

/** Runs the command line; resolves to the exit status. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let status = 0;
  const program = new Command("roster-agent")
    .description("Roster's on-premises agent: carries out directory changes planned by the Roster coordinator.")
    .version(AGENT_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  program
    .command("register")
    .description("exchange a one-time registration token for this agent's credential (stored 0600)")
    .option("--coordinator <url>", "the coordinator's wss:// URL (default: from --config)")
    .option("--token <token>", `the one-time registration token (or --token-file, or $${TOKEN_ENVIRONMENT_VARIABLE})`)
    .option("--token-file <path>", "a file holding the registration token")
    .option("--config <path>", "the agent config, for the coordinator URL, TLS settings and credential file")
    .option("--credential-file <path>", `where to store the credential (default: from --config, else ${DEFAULT_CREDENTIAL_FILE})`)
    .option("--ca-file <path>", "PEM CA certificate(s) to trust for wss:// (default: from --config)")
    .action(async (options: RegisterCliOptions) => {
      status = await register(options, io);
    });

  program
    .command("run")
    .description("connect to the coordinator and serve directory operations until stopped")
    .option("--config <path>", "the agent config (JSON)", DEFAULT_CONFIG_PATH)
    .option("--log-level <level>", `one of ${LOG_LEVELS.join(", ")} (default: from the config)`)
    .action(async (options: { config: string; logLevel?: string }) => {
      status = await run(options, io);
    });

  program
    .command("install")
    .description("write a systemd unit for the agent (starts nothing)")
    .option("--unit-path <path>", "where to write the unit", DEFAULT_UNIT_PATH)
    .option("--config <path>", "the agent config the service will use", DEFAULT_CONFIG_PATH)
    .option("--user <name>", "the account the service runs as", "roster-agent")
    .option("--group <name>", "the group the service runs as", "roster-agent")
    .option("--node <path>", "the Node.js executable", process.execPath)
    .option("--force", "replace an existing unit file", false)
    .action(async (options: InstallCliOptions) => {
      status = await install(options, io);
    });

  try {
    await program.parseAsync([...argv]);
    return status;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return reportError(error, io);
  }
}

interface RegisterCliOptions {
  coordinator?: string;
  token?: string;
  tokenFile?: string;
  config?: string;
  credentialFile?: string;
  caFile?: string;
}

async function register(options: RegisterCliOptions, io: CliIo): Promise<number> {
  const config: AgentConfig | undefined = options.config === undefined ? undefined : await loadAgentConfig(options.config);
  const url = options.coordinator ?? config?.coordinator.url;
  if (url === undefined) throw new RosterError("InvalidRequest", "give --coordinator <url> (or --config with coordinator.url)", { field: "coordinator" });
  const token = await registrationToken(options);
  const credentialFile = options.credentialFile ?? config?.credentialFile ?? DEFAULT_CREDENTIAL_FILE;
  const existing = await readCredentialFile(credentialFile).catch(() => undefined);
  const logger = createLogger({ level: "warn" });
  const credential = await registerAgent({
    endpoint: {
      url,
      ca: await readCaFile(options.caFile ?? config?.coordinator.caFile),
      rejectUnauthorized: config?.coordinator.rejectUnauthorized ?? true,
      handshakeTimeoutMs: config?.coordinator.handshakeTimeoutMs ?? 15_000,
    },
    token,
    credentialFile,
    hostname: protocolHostname(hostname()),
    ...(existing === undefined ? {} : { agentId: existing.agentId }),
    logger,
  });
  io.out(`Registered as agent ${credential.agentId}; credential stored in ${credentialFile} (mode 0600).\n`);
  return 0;
}

async function registrationToken(options: RegisterCliOptions): Promise<string> {
  if (options.token !== undefined) return options.token;
  if (options.tokenFile !== undefined) {
    try {
      return (await readFile(options.tokenFile, "utf8")).trim();
    } catch (error) {
      throw new RosterError("InvalidRequest", `cannot read --token-file ${options.tokenFile}: ${(error as Error).message}`, { field: "token-file" });
    }
  }
  const fromEnvironment = process.env[TOKEN_ENVIRONMENT_VARIABLE];
  if (fromEnvironment !== undefined && fromEnvironment !== "") return fromEnvironment;
  throw new RosterError("InvalidRequest", `give the registration token with --token, --token-file or $${TOKEN_ENVIRONMENT_VARIABLE}`, { field: "token" });
}

async function run(options: { config: string; logLevel?: string }, io: CliIo): Promise<number> {
  const config = await loadAgentConfig(options.config);
  if (options.logLevel !== undefined && !(LOG_LEVELS as readonly string[]).includes(options.logLevel)) {
    throw new RosterError("InvalidRequest", `--log-level must be one of ${LOG_LEVELS.join(", ")}`, { field: "log-level" });
  }
  const logger = createLogger({ level: (options.logLevel as LogLevel | undefined) ?? config.logLevel });
  const agent = await startAgent({ config, logger });
  logger.info({ agentId: agent.agentId, coordinator: config.coordinator.url, domains: config.domains.map((d) => d.name) }, "agent started");
  io.onStopSignal?.(() => {
    logger.info("stop requested; finishing running operations");
    void agent.stop();
  });
  const exit = await agent.done;
  if (exit.kind === "refused") {
    io.err(`roster-agent: the coordinator refused this agent (${exit.code}): ${exit.message}\n`);
    return EXIT_NEEDS_OPERATOR;
  }
  return 0;
}

interface InstallCliOptions {
  unitPath: string;
  config: string;
  user: string;
  group: string;
  node: string;
  force: boolean;
}

async function install(options: InstallCliOptions, io: CliIo): Promise<number> {
  const config = await loadAgentConfig(options.config);
  const launcher = fileURLToPath(new URL("../../bin/roster-agent.js", import.meta.url));
  await installSystemdUnit({
    unitPath: options.unitPath,
    force: options.force,
    user: options.user,
    group: options.group,
    command: [options.node, launcher, "run", "--config", resolve(options.config)],
    writablePaths: [config.stateDir],
  });
  io.out(`Wrote ${options.unitPath}. Enable it with: systemctl daemon-reload && systemctl enable --now roster-agent\n`);
  return 0;
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof RosterError) {
    io.err(`roster-agent: ${error.code}: ${error.message}\n`);
    return OPERATOR_CODES.has(error.code) ? EXIT_NEEDS_OPERATOR : 1;
  }
  io.err(`roster-agent: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}
