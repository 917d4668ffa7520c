/**
 * Answers the coordinator's read-only queries from the directory of the addressed domain.
 * Answers are checked against the protocol schema before they leave, so an oversized or
 * odd directory value becomes a clear failure instead of a message the coordinator rejects.
 */
import { ERROR_CODES, RosterError, type TargetEntry } from "@roster/engine";
import {
  directoryQueryAnswerSchema,
  PROTOCOL_LIMITS,
  type DirectoryQuery,
  type DirectoryQueryAnswer,
  type ProtocolTargetEntry,
  type QueryFailure,
} from "@roster/protocol";
import type { Logger } from "pino";
import type { AgentDirectory } from "../operations/agent-directory.js";
import { ConcurrencyLimiter } from "../operations/concurrency-limiter.js";

export type QueryOutcome = { readonly ok: true; readonly result: DirectoryQueryAnswer } | { readonly ok: false; readonly error: QueryFailure };

export interface QueryServiceOptions {
  /** The directory per served domain (keys lower-cased). */
  readonly directories: ReadonlyMap<string, AgentDirectory>;
  readonly concurrency: number;
  readonly logger: Logger;
}

const WHITESPACE_RUN = /\s+/g;
const matchKey = (value: string) => value.replace(WHITESPACE_RUN, " ").trim().toLowerCase();

export class QueryService {
  private readonly limiter: ConcurrencyLimiter;

  constructor(private readonly options: QueryServiceOptions) {
    this.limiter = new ConcurrencyLimiter(options.concurrency);
  }

  async handle(domain: string, query: DirectoryQuery): Promise<QueryOutcome> {
    const directory = this.options.directories.get(domain.toLowerCase());
    if (directory === undefined) {
      return failed({ errorCode: "EndpointUnavailable", message: `this agent does not serve the domain "${domain}"`, retryable: true });
    }
    return this.limiter.run(async () => {
      try {
        const answer = await answerQuery(directory, query);
        if ("errorCode" in answer) return failed(answer);
        const checked = directoryQueryAnswerSchema.safeParse(answer);
        if (!checked.success) {
          const issue = checked.error.issues[0];
          return failed({
            errorCode: "UnprocessableEntity",
            message: `the ${query.kind} answer exceeds the protocol limits at ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "invalid"}`,
            retryable: false,
          });
        }
        return { ok: true as const, result: checked.data };
      } catch (error) {
        this.options.logger.warn({ kind: query.kind, domain, err: error }, "query failed");
        return failed(describeError(error, `${query.kind} query`));
      }
    });
  }
}

async function answerQuery(directory: AgentDirectory, query: DirectoryQuery): Promise<DirectoryQueryAnswer | QueryFailure> {
  switch (query.kind) {
    case "findByMatchingAttribute": {
      const found = await directory.findByMatchingAttribute(query.attribute, query.values, { attributes: query.attributes });
      return {
        kind: "findByMatchingAttribute",
        matches: query.values.map((value) => ({
          value,
          entries: (found.get(value) ?? []).slice(0, PROTOCOL_LIMITS.maxEntriesPerMatch).map(toProtocolEntry),
        })),
      };
    }
    case "isTaken":
      return { kind: "isTaken", taken: await takenValues(directory, query.attribute, query.values, query.excludeAnchor) };
    case "readByAnchor": {
      const found = await directory.readByAnchor(query.anchors, query.attributes);
      const entries: ProtocolTargetEntry[] = [];
      const missing: string[] = [];
      const reported = new Set<string>();
      for (const anchor of query.anchors) {
        const entry = found.get(anchor);
        if (entry === undefined) missing.push(anchor);
        else if (!reported.has(entry.anchor)) {
          reported.add(entry.anchor);
          entries.push(toProtocolEntry(entry));
        }
      }
      return { kind: "readByAnchor", entries, missing };
    }
    case "testConnection": {
      const tested = await directory.testConnection();
      if (!tested.ok) return { errorCode: tested.errorCode, message: tested.message, retryable: tested.retryable, ...ldapCodeField(tested.ldapCode) };
      return {
        kind: "testConnection",
        dialect: directory.dialect === "ad" ? "activeDirectory" : "openLdap",
        server: tested.dnsHostName ?? tested.vendorName ?? "unknown",
        namingContexts: [...tested.namingContexts].slice(0, 100),
        latencyMs: tested.durationMs,
      };
    }
    case "readSchema": {
      const schema = await directory.readSchema();
      // The map has one key per alias; report each attribute once.
      const attributes = [...new Set(schema.attributes.values())].map((attribute) => ({
        name: attribute.name,
        singleValued: attribute.singleValued,
        ...(attribute.maxLength === undefined ? {} : { maxLength: attribute.maxLength }),
      }));
      return { kind: "readSchema", attributes };
    }
  }
}

/**
 * The candidate values some entry already holds. With excludeAnchor, a value held only by
 * that account (the one being updated) is free: the directory's uniqueness check counts
 * every holder, so values the excluded account holds are checked again by matching.
 */
async function takenValues(directory: AgentDirectory, attribute: string, values: readonly string[], excludeAnchor: string | undefined): Promise<string[]> {
  const taken = await directory.isTaken(attribute, values);
  const result = values.filter((value) => taken.get(value) === true);
  if (excludeAnchor === undefined || result.length === 0) return result;

  const excluded = (await directory.readByAnchor([excludeAnchor], [attribute])).get(excludeAnchor);
  const own = new Set<string>();
  const held = excluded?.attributes[attribute];
  for (const value of held === null || held === undefined ? [] : typeof held === "string" ? [held] : held) own.add(matchKey(value));
  const ownTaken = result.filter((value) => own.has(matchKey(value)));
  if (ownTaken.length === 0) return result;

  const holders = await directory.findByMatchingAttribute(attribute, ownTaken, { attributes: [] });
  const excludedAnchor = excluded?.anchor;
  const freeForExcluded = new Set(ownTaken.filter((value) => (holders.get(value) ?? []).every((entry) => entry.anchor === excludedAnchor)));
  return result.filter((value) => !freeForExcluded.has(value));
}

/** The engine allows undefined for "not read"; the protocol says null. */
function toProtocolEntry(entry: TargetEntry): ProtocolTargetEntry {
  const attributes: Record<string, string | readonly string[] | null> = {};
  for (const [name, value] of Object.entries(entry.attributes)) attributes[name] = value ?? null;
  return { anchor: entry.anchor, dn: entry.dn, attributes };
}

function ldapCodeField(ldapCode: number | undefined): { ldapCode?: number } {
  return ldapCode === undefined ? {} : { ldapCode };
}

function failed(error: QueryFailure): QueryOutcome {
  const message = error.message.length <= PROTOCOL_LIMITS.maxTextLength ? error.message : `${error.message.slice(0, PROTOCOL_LIMITS.maxTextLength - 1)}…`;
  return { ok: false, error: { ...error, message } };
}

function describeError(error: unknown, subject: string): QueryFailure {
  if (error instanceof RosterError) {
    const ldapCode = error.details.ldapCode;
    return { errorCode: error.code, message: error.message, retryable: ERROR_CODES[error.code].retryable, ...ldapCodeField(typeof ldapCode === "number" ? ldapCode : undefined) };
  }
  return { errorCode: "InternalError", message: `${subject}: ${error instanceof Error ? error.message : String(error)}`, retryable: true };
}
