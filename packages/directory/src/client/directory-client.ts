/**
 * The directory client the agent uses: executes the engine's operations and answers its
 * queries against one AD domain (or an OpenLDAP server with the ad-lite schema).
 */
import { RosterError, type DirectoryOperation, type ErrorCode, type TargetEntry } from "@roster/engine";
import { FilterParser, type Client, type Entry, type Filter } from "ldapts";
import { resolveDirectoryConfig, type DirectoryConfigInput, type ResolvedDirectoryConfig } from "../config/directory-config.js";
import { ConnectionPool } from "../connection/connection-pool.js";
import { describeFailure, ldapResultCode, toRosterError } from "../errors/ldap-error-mapping.js";
import { buildAttributeLimits } from "../schema/attribute-limits.js";
import {
  schemaFromAttributeSchemaObjects,
  schemaFromAttributeTypes,
  type AttributeSchemaObject,
  type DirectorySchema,
} from "../schema/directory-schema.js";
import { AnchorDnCache } from "./anchor-dn-cache.js";
import { NO_WRITE_CONTROLS, type ClientContext, type WriteControls } from "./client-context.js";
import { dialectProfile } from "./dialect-profile.js";
import { ASSERTION_CONTROL, POST_READ_CONTROL, PRE_READ_CONTROL } from "./entry-controls.js";
import { findByMatchingAttribute, isTaken, readByAnchor, type FindOptions } from "./directory-queries.js";
import { executeOperation, type OperationResult } from "./operation-executor.js";
import { entryValues } from "./target-entry.js";

export interface ConnectionTestSuccess {
  readonly ok: true;
  readonly durationMs: number;
  /** ldaps:// or StartTLS. */
  readonly encrypted: boolean;
  readonly defaultNamingContext?: string;
  readonly namingContexts: readonly string[];
  readonly dnsHostName?: string;
  readonly vendorName?: string;
}

export interface ConnectionTestFailure {
  readonly ok: false;
  readonly errorCode: ErrorCode;
  readonly message: string;
  readonly retryable: boolean;
  readonly ldapCode?: number;
}

export type ConnectionTestResult = ConnectionTestSuccess | ConnectionTestFailure;

export interface BatchOptions {
  /** Operations in flight at once (default: pool size × operations per connection). */
  readonly concurrency?: number;
}

export interface DirectoryClient {
  readonly dialect: "ad" | "openldap";
  /** Carries out one operation; never throws (failures are results). */
  execute(op: DirectoryOperation): Promise<OperationResult>;
  /** Carries out many operations concurrently; results are in input order. */
  executeBatch(ops: readonly DirectoryOperation[], options?: BatchOptions): Promise<OperationResult[]>;
  /** User accounts whose `attribute` equals each value (case-insensitive). Throws RosterError. */
  findByMatchingAttribute(attribute: string, values: readonly string[], options?: FindOptions): Promise<Map<string, TargetEntry[]>>;
  /** Whether each candidate value is already used by any object in the domain. Throws RosterError. */
  isTaken(attribute: string, values: readonly string[]): Promise<Map<string, boolean>>;
  /** Accounts by anchor; missing anchors are absent. Throws RosterError. */
  readByAnchor(anchors: readonly string[], attributes?: readonly string[]): Promise<Map<string, TargetEntry>>;
  /** Binds on a fresh connection, reads the root DSE and checks that baseDn exists. Never throws. */
  testConnection(): Promise<ConnectionTestResult>;
  /** Attribute names, single-valued flags and length limits. Throws RosterError. */
  readSchema(): Promise<DirectorySchema>;
  close(): Promise<void>;
}

/** Validates the config (RosterError InvalidConfiguration) and returns a client; connections open lazily. */
export function createDirectoryClient(input: DirectoryConfigInput): DirectoryClient {
  const config = resolveDirectoryConfig(input);
  const profile = dialectProfile(config.dialect);
  const pool = new ConnectionPool({
    url: config.url,
    bindDn: config.bindDn,
    password: config.password,
    startTls: config.tls.startTls,
    caCertificates: config.caCertificates,
    rejectUnauthorized: config.tls.rejectUnauthorized,
    serverName: config.tls.serverName,
    size: config.pool.size,
    maxInFlightPerConnection: config.pool.maxInFlightPerConnection,
    connectTimeoutMs: config.timeouts.connectMs,
    operationTimeoutMs: config.timeouts.operationMs,
    authFailureBackoffMs: config.timeouts.authFailureBackoffMs,
  });

  let domainRoot: Promise<string> | undefined;
  let writeControls: Promise<WriteControls> | undefined;
  const ctx: ClientContext = {
    config,
    pool,
    profile,
    userFilter: parseUserFilter(config),
    limits: buildAttributeLimits(config.attributeLimits),
    domainRoot() {
      if (config.dialect !== "ad") return Promise.resolve(config.baseDn);
      domainRoot ??= readRootDse(pool, ["defaultNamingContext"]).then(
        (rootDse) => entryValues(rootDse, "defaultNamingContext")[0] ?? config.baseDn,
        (error: unknown) => {
          domainRoot = undefined;
          throw toRosterError(error, { subject: `read the root DSE of ${config.url}`, missingObject: "object" });
        },
      );
      return domainRoot;
    },
    anchorDns: new AnchorDnCache(config.anchorCacheSize),
    writeControls() {
      if (!config.writeControls) return Promise.resolve(NO_WRITE_CONTROLS);
      writeControls ??= readRootDse(pool, ["supportedControl"]).then(
        (rootDse) => {
          const supported = new Set(entryValues(rootDse, "supportedControl"));
          return {
            postRead: supported.has(POST_READ_CONTROL),
            preReadWithAssertion: supported.has(PRE_READ_CONTROL) && supported.has(ASSERTION_CONTROL),
          };
        },
        (error: unknown) => {
          // The plain requests are always correct. A server that refused the read keeps that answer;
          // after a connection problem the next operation asks again.
          if (ldapResultCode(error) === undefined) writeControls = undefined;
          return NO_WRITE_CONTROLS;
        },
      );
      return writeControls;
    },
  };

  // close() lets started operations finish all their steps (an operation is several requests).
  const activity = new ActivityTracker();
  return {
    dialect: config.dialect,
    execute: (op) => activity.track(() => executeOperation(ctx, op)),
    executeBatch: (ops, options) => activity.track(() => executeBatch(ctx, ops, options)),
    findByMatchingAttribute: (attribute, values, options) => activity.track(() => findByMatchingAttribute(ctx, attribute, values, options)),
    isTaken: (attribute, values) => activity.track(() => isTaken(ctx, attribute, values)),
    readByAnchor: (anchors, attributes) => activity.track(() => readByAnchor(ctx, anchors, attributes)),
    testConnection: () => activity.track(() => testConnection(config, pool)),
    readSchema: () => activity.track(() => readSchema(config, pool)),
    close: async () => {
      await activity.drain();
      await pool.close();
    },
  };
}

class ActivityTracker {
  private running = 0;
  private idle: (() => void) | undefined;
  private draining: Promise<void> | undefined;

  async track<T>(work: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      if (this.running === 0) this.idle?.();
    }
  }

  drain(): Promise<void> {
    this.draining ??= this.running === 0 ? Promise.resolve() : new Promise<void>((resolve) => (this.idle = resolve));
    return this.draining;
  }
}

function parseUserFilter(config: ResolvedDirectoryConfig): Filter {
  const text = config.userFilter ?? dialectProfile(config.dialect).defaultUserFilter;
  try {
    return FilterParser.parseString(text);
  } catch (error) {
    throw new RosterError("InvalidConfiguration", `directory config field userFilter: "${text}" is not a valid LDAP filter: ${(error as Error).message}`, {
      path: ["userFilter"],
    });
  }
}

async function executeBatch(ctx: ClientContext, ops: readonly DirectoryOperation[], options: BatchOptions = {}): Promise<OperationResult[]> {
  const poolCapacity = ctx.config.pool.size * ctx.config.pool.maxInFlightPerConnection;
  const concurrency = Math.max(1, Math.min(options.concurrency ?? poolCapacity, ops.length));
  const results = new Array<OperationResult>(ops.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ops.length) {
      const index = next++;
      results[index] = await executeOperation(ctx, ops[index]!);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

async function readRootDse(pool: ConnectionPool, attributes: string[], client?: Client): Promise<Entry> {
  const search = (c: Client) => c.search("", { scope: "base", filter: "(objectClass=*)", attributes });
  const result = client === undefined ? await pool.run(search) : await search(client);
  const rootDse = result.searchEntries[0];
  if (rootDse === undefined) throw new RosterError("UnprocessableEntity", "the server returned no root DSE");
  return rootDse;
}

async function testConnection(config: ResolvedDirectoryConfig, pool: ConnectionPool): Promise<ConnectionTestResult> {
  const started = performance.now();
  let step = `connect and bind to ${config.url} as "${config.bindDn}"`;
  try {
    return await pool.withFreshConnection(async (client) => {
      step = `read the root DSE of ${config.url}`;
      const rootDse = await readRootDse(pool, ["namingContexts", "defaultNamingContext", "dnsHostName", "vendorName"], client);
      step = `read baseDn "${config.baseDn}"`;
      await client.search(config.baseDn, { scope: "base", attributes: ["1.1"] });
      const [defaultNamingContext] = entryValues(rootDse, "defaultNamingContext");
      const [dnsHostName] = entryValues(rootDse, "dnsHostName");
      const [vendorName] = entryValues(rootDse, "vendorName");
      return {
        ok: true as const,
        durationMs: Math.round(performance.now() - started),
        encrypted: config.secure,
        namingContexts: entryValues(rootDse, "namingContexts"),
        ...(defaultNamingContext === undefined ? {} : { defaultNamingContext }),
        ...(dnsHostName === undefined ? {} : { dnsHostName }),
        ...(vendorName === undefined ? {} : { vendorName }),
      };
    });
  } catch (error) {
    const failure = describeFailure(error, { subject: step, missingObject: "parent" });
    return {
      ok: false,
      errorCode: failure.errorCode,
      message: failure.message,
      retryable: failure.retryable,
      ...(failure.ldapCode === undefined ? {} : { ldapCode: failure.ldapCode }),
    };
  }
}

async function readSchema(config: ResolvedDirectoryConfig, pool: ConnectionPool): Promise<DirectorySchema> {
  const subject = `read the schema of ${config.url}`;
  try {
    const rootDse = await readRootDse(pool, ["schemaNamingContext", "subschemaSubentry"]);
    const [schemaNamingContext] = entryValues(rootDse, "schemaNamingContext");
    if (config.dialect === "ad" && schemaNamingContext !== undefined) {
      const attributes = ["lDAPDisplayName", "isSingleValued", "rangeUpper", "systemOnly", "attributeSyntax"];
      const result = await pool.run((client) =>
        client.search(schemaNamingContext, { scope: "one", filter: "(objectClass=attributeSchema)", attributes, paged: { pageSize: 1000 } }),
      );
      const objects: AttributeSchemaObject[] = result.searchEntries.map((entry) => {
        const pick = (name: string) => entryValues(entry, name)[0];
        return {
          lDAPDisplayName: pick("lDAPDisplayName") ?? "",
          ...optional("isSingleValued", pick("isSingleValued")),
          ...optional("rangeUpper", pick("rangeUpper")),
          ...optional("systemOnly", pick("systemOnly")),
          ...optional("attributeSyntax", pick("attributeSyntax")),
        };
      });
      return schemaFromAttributeSchemaObjects(objects);
    }
    const [subschema] = entryValues(rootDse, "subschemaSubentry");
    if (subschema === undefined) throw new RosterError("UnprocessableEntity", `${subject}: the root DSE names no subschemaSubentry`);
    const result = await pool.run((client) =>
      client.search(subschema, { scope: "base", filter: "(objectClass=subschema)", attributes: ["attributeTypes"] }),
    );
    const entry = result.searchEntries[0];
    if (entry === undefined) throw new RosterError("UnprocessableEntity", `${subject}: the subschema entry "${subschema}" is empty`);
    return schemaFromAttributeTypes(entryValues(entry, "attributeTypes"));
  } catch (error) {
    throw toRosterError(error, { subject, missingObject: "object" });
  }
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
