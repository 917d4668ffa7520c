/**
 * SuccessFactors OData v2: GET /odata/v2/PerPerson (filter, expand, asOfDate, customPageSize or
 * $top, __next paging with an opaque $skiptoken), /PerPerson/$count, /PerPerson('id'), and
 * POST /odata/v2/upsert with a result per row. Basic (`user@companyId`) or Bearer auth; errors
 * in the OData error shape. A filter is first narrowed to indexed columns (filter-pushdown.ts);
 * the candidates are then rendered and tested with the whole filter, a store chunk at a time.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { FaultInjector } from "../faults/fault-config.js";
import { stateAsOf } from "../model/as-of.js";
import type { WorkerRecord } from "../model/worker-record.js";
import type { HrSimStore } from "../store/worker-store.js";
import { basicCredentials, bearerMatches, bearerToken, credentialsMatch, type Credentials } from "../server/credentials.js";
import { pushdownOf, type Pushdown } from "./filter-pushdown.js";
import { ODataFilterError, parseFilter, predicateOf, type PersonPredicate } from "./odata-filter.js";
import { expansionSet, projectExpansions, renderPerson } from "./person-json.js";
import { upsertEntities } from "./upsert.js";

export interface SuccessFactorsRouteOptions {
  readonly store: HrSimStore;
  readonly credentials: Credentials;
  readonly faults: FaultInjector;
  readonly now: () => number;
}

const MAX_PAGE = 1000;
const CHUNK = 1000;

const querySchema = z
  .object({
    $filter: z.string().max(20_000).optional(),
    $expand: z.string().max(5_000).optional(),
    $format: z.enum(["json", "JSON"]).optional(),
    $select: z.string().optional(),
    $top: z.coerce.number().int().min(0).max(1_000_000).optional(),
    $skip: z.coerce.number().int().min(0).optional(),
    $skiptoken: z.string().max(200).optional(),
    customPageSize: z.coerce.number().int().min(1).max(MAX_PAGE).optional(),
    asOfDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD").optional(),
    fromDate: z.string().optional(),
    toDate: z.string().optional(),
    paging: z.enum(["snapshot", "cursor"]).optional(),
    purgeType: z.enum(["incremental", "full"]).optional(),
  })
  .passthrough();

interface CompiledFilter {
  readonly predicate: PersonPredicate;
  readonly pushdown: Pushdown;
}

function odataError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).type("application/json").send({ error: { code, message: { lang: "en-US", value: message } } });
}

function serviceRoot(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? "localhost"}/odata/v2`;
}

interface Skiptoken {
  readonly after: number;
  readonly sent: number;
}

function decodeSkiptoken(text: string | undefined): Skiptoken | undefined {
  if (text === undefined) return { after: 0, sent: 0 };
  try {
    const value = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Skiptoken;
    return Number.isInteger(value.after) && Number.isInteger(value.sent) ? value : undefined;
  } catch {
    return undefined;
  }
}

export function registerSuccessFactorsRoutes(app: FastifyInstance, options: SuccessFactorsRouteOptions): void {
  const authorize = async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    await options.faults.delay("successfactors");
    const injected = options.faults.draw("successfactors");
    if (injected.kind === "error") {
      const status = injected.error === "http503" ? 503 : 500;
      odataError(reply, status, "INTERNAL_SERVER_ERROR", "Injected failure: the service is unavailable.");
      return false;
    }
    const token = bearerToken(request.headers.authorization);
    const basic = basicCredentials(request.headers.authorization);
    const ok =
      injected.kind !== "auth" &&
      (token !== undefined ? bearerMatches(options.credentials, token) : credentialsMatch(options.credentials, basic?.username, basic?.password));
    if (!ok) {
      reply.header("www-authenticate", 'Basic realm="SuccessFactors"');
      odataError(reply, 401, "UNAUTHORIZED", "Authentication failed: invalid user name, company ID, password or token.");
      return false;
    }
    return true;
  };

  const viewOf = (asOfDate: string | undefined) => {
    const now = options.now();
    return { effectiveDate: asOfDate ?? new Date(now).toISOString().slice(0, 10), entryMoment: now };
  };

  const personOf = (record: WorkerRecord, view: { effectiveDate: string; entryMoment: number }, root: string) => {
    const state = stateAsOf(record, view);
    if (state === undefined) return undefined;
    const preHire = record.versions.every((version) => version.effectiveDate > view.effectiveDate);
    return renderPerson(record, state, root, preHire);
  };

  /** Matching persons after `after`, up to `limit`, and the seq of the last worker looked at. */
  const scan = async (filter: CompiledFilter, view: { effectiveDate: string; entryMoment: number }, root: string, after: number, limit: number) => {
    const found: Record<string, unknown>[] = [];
    const { predicate } = filter;
    const query = filter.pushdown.condition.kind === "true" ? {} : { personFilter: filter.pushdown.condition };
    let position = after;
    for (;;) {
      const chunk = await options.store.queryWorkers(query, position, CHUNK);
      for (const record of chunk) {
        position = record.seq;
        const person = personOf(record, view, root);
        if (person !== undefined && predicate(person)) {
          found.push(person);
          if (found.length >= limit) return { found, position, exhausted: false };
        }
      }
      if (chunk.length < CHUNK) return { found, position, exhausted: true };
    }
  };

  const parseQuery = (request: FastifyRequest, reply: FastifyReply) => {
    const parsed = querySchema.safeParse(request.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      odataError(reply, 400, "COE_GENERAL_BAD_REQUEST", `Invalid query option ${issue.path.join(".")}: ${issue.message}`);
      return undefined;
    }
    if (parsed.data.asOfDate !== undefined && (parsed.data.fromDate !== undefined || parsed.data.toDate !== undefined)) {
      odataError(reply, 400, "COE_GENERAL_BAD_REQUEST", "asOfDate cannot be combined with fromDate/toDate.");
      return undefined;
    }
    let filter: CompiledFilter;
    try {
      const tree = parseFilter(parsed.data.$filter);
      filter = { predicate: predicateOf(tree), pushdown: pushdownOf(tree) };
    } catch (error) {
      if (error instanceof ODataFilterError) {
        odataError(reply, 400, "COE_GENERAL_BAD_REQUEST", error.message);
        return undefined;
      }
      throw error;
    }
    return { query: parsed.data, filter };
  };

  app.get("/odata/v2/PerPerson", async (request, reply) => {
    if (!(await authorize(request, reply))) return reply;
    const parsed = parseQuery(request, reply);
    if (parsed === undefined) return reply;
    const { query, filter } = parsed;
    const token = decodeSkiptoken(query.$skiptoken);
    if (token === undefined) return odataError(reply, 400, "COE_GENERAL_BAD_REQUEST", "Invalid $skiptoken.");
    const root = serviceRoot(request);
    const pageSize = Math.min(query.customPageSize ?? MAX_PAGE, MAX_PAGE);
    const remaining = query.$top === undefined ? Number.POSITIVE_INFINITY : query.$top - token.sent;
    const view = viewOf(query.asOfDate);
    let after = token.after;
    if (query.$skip !== undefined && token.sent === 0 && query.$skip > 0) after = (await scan(filter, view, root, 0, query.$skip)).position;
    const limit = Math.max(0, Math.min(pageSize, remaining));
    const result = limit === 0 ? { found: [], position: after, exhausted: true } : await scan(filter, view, root, after, limit);
    const expanded = expansionSet(query.$expand);
    const body: { d: { results: unknown[]; __next?: string } } = {
      d: { results: result.found.map((person) => projectExpansions(person, expanded)) },
    };
    const sent = token.sent + result.found.length;
    if (!result.exhausted && sent < (query.$top ?? Number.POSITIVE_INFINITY)) {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(request.query as Record<string, string>)) if (name !== "$skiptoken") params.set(name, value);
      params.set("$skiptoken", Buffer.from(JSON.stringify({ after: result.position, sent })).toString("base64url"));
      body.d.__next = `${root}/PerPerson?${params.toString().replace(/%24/g, "$").replace(/%2F/g, "/").replace(/%2C/g, ",")}`;
    }
    const text = options.faults.maybeTruncate("successfactors", JSON.stringify(body));
    return reply.code(200).type("application/json").send(text);
  });

  app.get("/odata/v2/PerPerson/$count", async (request, reply) => {
    if (!(await authorize(request, reply))) return reply;
    const parsed = parseQuery(request, reply);
    if (parsed === undefined) return reply;
    const { filter } = parsed;
    const count = filter.pushdown.exact
      ? // Persons with nothing entered yet (a future-dated entry) are not shown, so not counted.
        await options.store.countMatching({ personFilter: filter.pushdown.condition, enteredBy: new Date(options.now()).toISOString() })
      : (await scan(filter, viewOf(parsed.query.asOfDate), serviceRoot(request), 0, Number.POSITIVE_INFINITY)).found.length;
    return reply.code(200).type("text/plain").send(String(count));
  });

  app.get<{ Params: { key: string } }>("/odata/v2/PerPerson(:key)", async (request, reply) => {
    if (!(await authorize(request, reply))) return reply;
    const parsed = parseQuery(request, reply);
    if (parsed === undefined) return reply;
    const id = /^'((?:[^']|'')*)'\)?$/.exec(request.params.key)?.[1]?.replace(/''/g, "'");
    const record = id === undefined ? undefined : await options.store.findWorker({ type: "Worker_ID", id });
    const person = record === undefined ? undefined : personOf(record, viewOf(parsed.query.asOfDate), serviceRoot(request));
    if (person === undefined) return odataError(reply, 404, "NOT_FOUND", `PerPerson ${request.params.key} does not exist.`);
    return reply.code(200).type("application/json").send({ d: projectExpansions(person, expansionSet(parsed.query.$expand)) });
  });

  app.post("/odata/v2/upsert", async (request, reply) => {
    if (!(await authorize(request, reply))) return reply;
    const parsed = parseQuery(request, reply);
    if (parsed === undefined) return reply;
    const body = request.body;
    const entities = Array.isArray(body) ? body : body !== null && typeof body === "object" ? [body] : undefined;
    if (entities === undefined || entities.length === 0) {
      return odataError(reply, 400, "COE_GENERAL_BAD_REQUEST", "The upsert body must be an entity object or a non-empty array of entities.");
    }
    if (entities.length > 1000) return odataError(reply, 400, "COE_GENERAL_BAD_REQUEST", "At most 1000 entities per upsert.");
    const results = await upsertEntities(options.store, entities, options.now, options.faults.of("successfactors").pendingBusinessProcess);
    return reply.code(200).type("application/json").send({ d: results });
  });
}
