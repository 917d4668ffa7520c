/**
 * The agent's configuration file (JSON): where the coordinator is, where the agent keeps its
 * state, and which directory serves each domain. Validated with zod; every error names the
 * file and the field. Relative paths are relative to the config file.
 */
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { directoryConfigSchema } from "@roster/directory";
import { RosterError } from "@roster/engine";
import { PROTOCOL_LIMITS } from "@roster/protocol";
import { z } from "zod";
import { LOG_LEVELS } from "../logging/create-logger.js";

const COORDINATOR_URL = /^wss?:\/\/[^\s/?#]+(?:\/[^\s#]*)?$/i;
const DOMAIN_NAME = /^[\x21-\x7e]+$/;
const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9-]*$/;

export const DEFAULT_CONFIG_PATH = "/etc/roster-agent/config.json";
export const CREDENTIAL_FILE_NAME = "credential.json";

const coordinatorSchema = z
  .object({
    /** wss://host/path (ws:// only for tests or a TLS-terminating proxy on the same host). */
    url: z.string().regex(COORDINATOR_URL, "must be a ws:// or wss:// URL"),
    /** PEM CA certificate(s) to trust for wss://, in addition to the system's. */
    caFile: z.string().min(1).optional(),
    rejectUnauthorized: z.boolean().default(true),
    /** How long the WebSocket handshake and the hello/welcome exchange may take. */
    handshakeTimeoutMs: z.number().int().min(1000).max(300_000).default(15_000),
  })
  .strict();

const domainSchema = z
  .object({
    /** The domain name the coordinator addresses batches and queries to (e.g. "contoso.com"). */
    name: z.string().min(1).max(PROTOCOL_LIMITS.maxDomainLength).regex(DOMAIN_NAME, "must be printable ASCII without spaces"),
    directory: directoryConfigSchema,
  })
  .strict();

export const agentConfigSchema = z
  .object({
    coordinator: coordinatorSchema,
    /** Holds the idempotency ledger, the lock file and (by default) the credential. Created 0700. */
    stateDir: z.string().min(1),
    /** Default: <stateDir>/credential.json. */
    credentialFile: z.string().min(1).optional(),
    domains: z
      .array(domainSchema)
      .min(1, "list at least one domain")
      .max(PROTOCOL_LIMITS.maxDomainsPerAgent)
      .superRefine((domains, ctx) => {
        const seen = new Set<string>();
        domains.forEach((domain, index) => {
          const key = domain.name.toLowerCase();
          if (seen.has(key)) ctx.addIssue({ code: "custom", path: [index, "name"], message: `domain "${domain.name}" is listed twice` });
          seen.add(key);
        });
      }),
    /** Directory operations carried out at once. */
    concurrency: z.number().int().min(1).max(256).default(8),
    /** Operations accepted from the coordinator at once (credits); capped by the coordinator's maxInFlight. */
    maxInFlight: z.number().int().min(1).max(PROTOCOL_LIMITS.maxCredits).default(64),
    /** Read-only queries answered at once. */
    queryConcurrency: z.number().int().min(1).max(64).default(4),
    reconnect: z
      .object({
        initialDelayMs: z.number().int().min(10).max(600_000).default(1000),
        maxDelayMs: z.number().int().min(10).max(3_600_000).default(60_000),
        jitter: z.number().min(0).max(1).default(0.5),
      })
      .strict()
      .refine((reconnect) => reconnect.maxDelayMs >= reconnect.initialDelayMs, {
        message: "maxDelayMs must not be smaller than initialDelayMs",
        path: ["maxDelayMs"],
      })
      .default({ initialDelayMs: 1000, maxDelayMs: 60_000, jitter: 0.5 }),
    ledger: z
      .object({
        /** Keys older than this are forgotten when the ledger is compacted. */
        retentionDays: z.number().min(1).max(3650).default(7),
      })
      .strict()
      .default({ retentionDays: 7 }),
    reconcile: z
      .object({
        /**
         * Attributes that identify a person's account. A create that finds its DN taken (or
         * that this agent may already have applied) reports the existing entry as alreadyApplied
         * only when these attributes agree with the create.
         */
        identityAttributes: z
          .array(z.string().regex(ATTRIBUTE_NAME, "must be an LDAP attribute name"))
          .max(10)
          .default(["employeeID", "sAMAccountName"]),
      })
      .strict()
      .default({ identityAttributes: ["employeeID", "sAMAccountName"] }),
    logLevel: z.enum(LOG_LEVELS).default("info"),
    /** On SIGTERM, how long operations already running may take to finish. */
    shutdownTimeoutMs: z.number().int().min(0).max(600_000).default(30_000),
  })
  .strict();

export type AgentConfigInput = z.input<typeof agentConfigSchema>;
export type AgentConfig = z.output<typeof agentConfigSchema> & { readonly credentialFile: string };
export type DomainConfig = AgentConfig["domains"][number];

/**
 * Validates a config object. Relative paths are taken relative to `baseDirectory` (the config
 * file's folder). Throws RosterError InvalidConfiguration naming `source` and each bad field.
 */
export function parseAgentConfig(input: unknown, source = "agent config", baseDirectory = process.cwd()): AgentConfig {
  const parsed = agentConfigSchema.safeParse(input);
  if (!parsed.success) {
    const fields = parsed.error.issues.slice(0, 10).map((issue) => `${fieldName(issue.path)}: ${issue.message}`);
    const more = parsed.error.issues.length > 10 ? ` (and ${parsed.error.issues.length - 10} more)` : "";
    throw new RosterError("InvalidConfiguration", `${source} is invalid: ${fields.join("; ")}${more}`, {
      fields: parsed.error.issues.map((issue) => fieldName(issue.path)),
    });
  }
  const config = parsed.data;
  const at = (path: string) => (isAbsolute(path) ? path : resolve(baseDirectory, path));
  const stateDir = at(config.stateDir);
  return {
    ...config,
    stateDir,
    credentialFile: config.credentialFile === undefined ? join(stateDir, CREDENTIAL_FILE_NAME) : at(config.credentialFile),
    coordinator: config.coordinator.caFile === undefined ? config.coordinator : { ...config.coordinator, caFile: at(config.coordinator.caFile) },
    domains: config.domains.map((domain) => {
      const directory = { ...domain.directory };
      if (directory.passwordFile !== undefined) directory.passwordFile = at(directory.passwordFile);
      if (directory.tls.caFile !== undefined) directory.tls = { ...directory.tls, caFile: at(directory.tls.caFile) };
      return { ...domain, directory };
    }),
  };
}

/** Reads and validates the JSON config file at `path`. */
export async function loadAgentConfig(path: string): Promise<AgentConfig> {
  const absolute = resolve(path);
  let text: string;
  try {
    text = await readFile(absolute, "utf8");
  } catch (error) {
    throw new RosterError("InvalidConfiguration", `cannot read the agent config ${absolute}: ${(error as Error).message}`, { path: absolute });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RosterError("InvalidConfiguration", `the agent config ${absolute} is not valid JSON: ${(error as Error).message}`, {
      path: absolute,
    });
  }
  return parseAgentConfig(value, `the agent config ${absolute}`, dirname(absolute));
}

/** `domains[0].directory.bindDn` for a zod issue path. */
export function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(the whole file)";
  let name = "";
  for (const part of path) {
    if (typeof part === "number") name += `[${part}]`;
    else name += name === "" ? String(part) : `.${String(part)}`;
  }
  return name;
}
