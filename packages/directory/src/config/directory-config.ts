/**
 * Connection settings of one directory (a domain controller or an OpenLDAP server), as the
 * agent's configuration file gives them. Secrets may come from files so they stay out of
 * the config itself.
 */
import { readFileSync } from "node:fs";
import { RosterError } from "@roster/engine";
import { z } from "zod";
import { parseDn } from "../dn/distinguished-name.js";

const LDAP_URL = /^ldaps?:\/\/[^/?#\s]+\/?$/i;
const ATTRIBUTE_NAME = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)$/;

const attributeName = z.string().regex(ATTRIBUTE_NAME, "must be an LDAP attribute name");

const validDn = (field: string) =>
  z.string().min(1).superRefine((value, ctx) => {
    try {
      parseDn(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `${field}: ${(error as Error).message}` });
    }
  });

export const directoryConfigSchema = z
  .object({
    /** `ldap://host[:port]` or `ldaps://host[:port]`. */
    url: z.string().regex(LDAP_URL, "must be ldap://host[:port] or ldaps://host[:port]"),
    /** A DN; AD also accepts `user@domain` and `DOMAIN\user`. */
    bindDn: z.string().min(1),
    password: z.string().min(1).optional(),
    /** File holding the bind password (a trailing newline is ignored). */
    passwordFile: z.string().min(1).optional(),
    /** Searches (matching, uniqueness, OpenLDAP anchors) are confined to this subtree. */
    baseDn: validDn("baseDn"),
    /** "ad": Active Directory / Samba AD DC; "openldap": OpenLDAP with Roster's ad-lite schema. */
    dialect: z.enum(["ad", "openldap"]).default("ad"),
    tls: z
      .object({
        /** PEM CA certificate(s) to trust, inline. */
        ca: z.string().min(1).optional(),
        /** File with PEM CA certificate(s) to trust. */
        caFile: z.string().min(1).optional(),
        rejectUnauthorized: z.boolean().default(true),
        /** Upgrade an ldap:// connection with the StartTLS extended operation before binding. */
        startTls: z.boolean().default(false),
        /** Name to check the server certificate against, when the URL holds an IP address or an alias. */
        serverName: z.string().min(1).optional(),
      })
      .strict()
      .default({ rejectUnauthorized: true, startTls: false }),
    pool: z
      .object({
        /** Connections kept open. */
        size: z.number().int().min(1).max(64).default(4),
        /** Operations pipelined on one connection at once. */
        maxInFlightPerConnection: z.number().int().min(1).max(256).default(16),
      })
      .strict()
      .default({ size: 4, maxInFlightPerConnection: 16 }),
    timeouts: z
      .object({
        connectMs: z.number().int().min(100).max(600_000).default(10_000),
        operationMs: z.number().int().min(100).max(3_600_000).default(120_000),
        /** After the server refused the credentials, fail fast for this long instead of re-binding (account lockout). */
        authFailureBackoffMs: z.number().int().min(0).max(3_600_000).default(30_000),
      })
      .strict()
      .default({ connectMs: 10_000, operationMs: 120_000, authFailureBackoffMs: 30_000 }),
    /** Which objects count as user accounts when matching; default per dialect. RFC 4515 filter. */
    userFilter: z.string().min(3).optional(),
    /** objectClass values of a new account. */
    userObjectClasses: z.array(attributeName).min(1).default(["top", "person", "organizationalPerson", "user"]),
    initialPassword: z
      .object({
        /** Set a random unicodePwd on create; default: on for "ad", off for "openldap". */
        enabled: z.boolean().optional(),
        length: z.number().int().min(16).max(128).default(24),
      })
      .strict()
      .default({ length: 24 }),
    /**
     * TEST ONLY: allow unicodePwd over an unencrypted connection (Samba with relaxed settings).
     * Never set this against a production directory.
     */
    unsafeAllowPasswordWithoutTls: z.boolean().default(false),
    /** Values per OR filter in bulk searches. */
    searchChunkSize: z.number().int().min(1).max(1000).default(100),
    /**
     * Use the Post-Read, Pre-Read and Assertion controls (RFC 4527/4528) when the server lists
     * them, so a create or an update is one request instead of two. Off: always read separately.
     */
    writeControls: z.boolean().default(true),
    /** Accounts whose DN is remembered (anchor → DN) so an update needs no search; 0 turns it off. */
    anchorCacheSize: z.number().int().min(0).max(1_000_000).default(50_000),
    /** Overrides of the built-in attribute length limits (case-insensitive names; null removes a limit). */
    attributeLimits: z.record(z.string(), z.number().int().min(1).nullable()).default({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    if ((config.password === undefined) === (config.passwordFile === undefined)) {
      ctx.addIssue({ code: "custom", path: ["password"], message: "give exactly one of password and passwordFile" });
    }
    if (config.tls.startTls && config.url.toLowerCase().startsWith("ldaps:")) {
      ctx.addIssue({ code: "custom", path: ["tls", "startTls"], message: "startTls needs an ldap:// URL (ldaps:// is already encrypted)" });
    }
    if (config.tls.ca !== undefined && config.tls.caFile !== undefined) {
      ctx.addIssue({ code: "custom", path: ["tls", "ca"], message: "give at most one of tls.ca and tls.caFile" });
    }
  });

export type DirectoryConfigInput = z.input<typeof directoryConfigSchema>;
export type DirectoryConfig = z.output<typeof directoryConfigSchema>;
export type Dialect = DirectoryConfig["dialect"];

/** A validated config with its secrets loaded from files. */
export interface ResolvedDirectoryConfig extends DirectoryConfig {
  readonly password: string;
  readonly caCertificates: string | undefined;
  /** The connection is encrypted (ldaps:// or StartTLS). */
  readonly secure: boolean;
  readonly initialPasswordEnabled: boolean;
}

export function resolveDirectoryConfig(input: DirectoryConfigInput): ResolvedDirectoryConfig {
  const parsed = directoryConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.length === 0 ? "directory config" : `directory config field ${issue.path.join(".")}`;
    throw new RosterError("InvalidConfiguration", `${field}: ${issue.message}`, { path: issue.path });
  }
  const config = parsed.data;
  const password = config.password ?? readSecretFile(config.passwordFile!, "passwordFile").replace(/\r?\n$/, "");
  const caCertificates = config.tls.ca ?? (config.tls.caFile === undefined ? undefined : readSecretFile(config.tls.caFile, "tls.caFile"));
  return {
    ...config,
    password,
    caCertificates,
    secure: config.url.toLowerCase().startsWith("ldaps:") || config.tls.startTls,
    initialPasswordEnabled: config.initialPassword.enabled ?? config.dialect === "ad",
  };
}

function readSecretFile(path: string, field: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new RosterError("InvalidConfiguration", `directory config field ${field}: cannot read "${path}": ${(error as Error).message}`, {
      path: [field],
    });
  }
}
