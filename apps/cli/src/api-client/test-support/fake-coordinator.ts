/**
 * An edge fake of the coordinator's REST API for the CLI's tests: a real fastify server on
 * loopback that implements the documented routes with canned answers, checks the bearer
 * token like the real one, and records every request. The real coordinator is tested end
 * to end elsewhere.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { ApiErrorBody, JobStatusView, JobView } from "../api-types.js";
import {
  ADMIN_TOKENS,
  AGENT,
  AUDIT,
  JOB,
  JOB_DEFINITION,
  LAST_CYCLE,
  LOG_RECORDS,
  LOGS_CSV,
  ON_DEMAND,
  ON_DEMAND_FAILED,
  RUNNING_CYCLE,
  STAGED,
  STATUS_IDLE,
  TEST_TOKEN,
} from "./fixtures.js";

export interface RecordedRequest {
  readonly method: string;
  /** Without the query string. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly authorization: string | undefined;
  readonly ifMatch: string | undefined;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

export interface FakeCoordinator {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Answers of GET /jobs/{id}/status, one per poll; the last one repeats. */
  statusAnswers: JobStatusView[];
  /** Largest page GET /logs hands out (to exercise the cursor). */
  logPageSize: number;
  close(): Promise<void>;
}

const API = "/api/v1";

export async function startFakeCoordinator(): Promise<FakeCoordinator> {
  const app: FastifyInstance = Fastify({ logger: false });
  const requests: RecordedRequest[] = [];
  const state = { statusAnswers: [STATUS_IDLE] as JobStatusView[], logPageSize: 100 };

  app.addHook("onRequest", async (request, reply) => {
    if (request.headers.authorization !== `Bearer ${TEST_TOKEN}`)
      return sendError(reply, 401, "AuthenticationRequired", "The request has no valid administrator token.");
  });
  app.addHook("preHandler", async (request) => {
    const [path = "", search = ""] = request.url.split("?");
    requests.push({
      method: request.method,
      path,
      query: Object.fromEntries(new URLSearchParams(search)),
      authorization: request.headers.authorization,
      ifMatch: header(request, "if-match"),
      contentType: header(request, "content-type"),
      body: request.body,
    });
  });

  const knownJob = (request: FastifyRequest<{ Params: { jobId: string } }>, reply: FastifyReply): boolean => {
    if (request.params.jobId === JOB.jobId) return true;
    void sendError(reply, 404, "NotFound", `Job "${request.params.jobId}" does not exist.`);
    return false;
  };
  type JobRequest = FastifyRequest<{ Params: { jobId: string } }>;

  // --- jobs ---------------------------------------------------------------------------------
  app.get(`${API}/jobs`, async () => ({ jobs: [JOB] }));
  app.post(`${API}/jobs`, async (request, reply) => {
    const body = request.body as Record<string, unknown> | undefined;
    if (typeof body?.name !== "string")
      return sendError(reply, 400, "InvalidConfiguration", 'Job definition field "name" is required.');
    const job: JobView = {
      ...JOB,
      jobId: "new-job",
      version: 1,
      runState: "stopped",
      needsInitialCycle: true,
      definition: body,
    };
    return reply.code(201).send(job);
  });
  app.get(`${API}/jobs/:jobId`, async (request: JobRequest, reply) => (knownJob(request, reply) ? JOB : reply));
  app.put(`${API}/jobs/:jobId`, async (request: JobRequest, reply) => {
    if (!knownJob(request, reply)) return reply;
    const ifMatch = header(request, "if-match");
    if (ifMatch !== undefined && ifMatch !== String(JOB.version))
      return sendError(
        reply,
        409,
        "VersionConflict",
        `Job "${JOB.jobId}" is at version ${JOB.version}, not ${ifMatch}.`,
      );
    return { ...JOB, version: JOB.version + 1, needsInitialCycle: true, definition: request.body };
  });
  app.delete(`${API}/jobs/:jobId`, async (request: JobRequest, reply) =>
    knownJob(request, reply) ? reply.code(204).send() : reply,
  );
  app.get(`${API}/jobs/:jobId/export`, async (request: JobRequest, reply) =>
    knownJob(request, reply) ? JOB_DEFINITION : reply,
  );
  app.get(
    `${API}/jobs/:jobId/audit`,
    async (request: FastifyRequest<{ Params: { jobId: string }; Querystring: { limit?: string } }>, reply) => {
      if (!knownJob(request, reply)) return reply;
      return { entries: AUDIT.slice(0, Number(request.query.limit ?? AUDIT.length)) };
    },
  );

  // --- lifecycle ----------------------------------------------------------------------------
  app.post(`${API}/jobs/:jobId/start`, async (request: JobRequest, reply) =>
    knownJob(request, reply) ? { ...JOB, runState: "running" } : reply,
  );
  app.post(`${API}/jobs/:jobId/stop`, async (request: JobRequest, reply) =>
    knownJob(request, reply) ? { ...JOB, runState: "stopped" } : reply,
  );
  app.post(`${API}/jobs/:jobId/restart`, async (request: JobRequest, reply) =>
    knownJob(request, reply) ? { ...JOB, needsInitialCycle: true, watermark: null } : reply,
  );
  app.post(`${API}/jobs/:jobId/run`, async (request: JobRequest, reply) => {
    if (!knownJob(request, reply)) return reply;
    if (state.statusAnswers[0]?.currentCycle !== null)
      return sendError(reply, 409, "CycleInProgress", `Job "${JOB.jobId}" is running cycle ${RUNNING_CYCLE.cycleId}.`);
    return reply.code(202).send({ cycleId: RUNNING_CYCLE.cycleId });
  });
  app.get(`${API}/jobs/:jobId/status`, async (request: JobRequest, reply) => {
    if (!knownJob(request, reply)) return reply;
    return state.statusAnswers.length > 1 ? state.statusAnswers.shift() : state.statusAnswers[0];
  });
  app.get(`${API}/jobs/:jobId/cycles`, async (request: JobRequest, reply) =>
    knownJob(request, reply) ? { cycles: [LAST_CYCLE] } : reply,
  );

  // --- logs ---------------------------------------------------------------------------------
  app.get(`${API}/logs`, async (request: FastifyRequest<{ Querystring: Record<string, string> }>) => {
    const query = request.query;
    const matching = LOG_RECORDS.filter(
      (r) =>
        (query.workerId === undefined || r.sourceIdentity.id === query.workerId) &&
        (query.status === undefined || r.status === query.status) &&
        (query.action === undefined || r.action === query.action),
    );
    const start = query.cursor === undefined ? 0 : Number(query.cursor);
    const size = Math.min(Number(query.limit ?? 100), state.logPageSize);
    const records = matching.slice(start, start + size);
    const next = start + records.length;
    return { records, nextCursor: next < matching.length ? String(next) : null };
  });
  app.get(`${API}/logs/csv`, async (request: FastifyRequest<{ Querystring: { file?: string } }>, reply) => {
    const file = request.query.file;
    if (file !== "summary" && file !== "steps" && file !== "modifiedProperties")
      return sendError(
        reply,
        400,
        "InvalidRequest",
        'Query parameter "file" must be summary, steps or modifiedProperties.',
      );
    return reply.type("text/csv; charset=utf-8").send(LOGS_CSV[file]);
  });

  // --- on-demand ----------------------------------------------------------------------------
  app.post(`${API}/jobs/:jobId/provisionOnDemand`, async (request: JobRequest, reply) => {
    if (!knownJob(request, reply)) return reply;
    const workerId = (request.body as { workerId?: unknown } | undefined)?.workerId;
    if (workerId === ON_DEMAND.workerId) return ON_DEMAND;
    if (workerId === ON_DEMAND_FAILED.workerId) return ON_DEMAND_FAILED;
    return sendError(reply, 404, "WorkerNotFound", `Workday has no worker with id "${String(workerId)}".`);
  });

  // --- staged -------------------------------------------------------------------------------
  app.get(`${API}/jobs/:jobId/staged`, async (request: JobRequest, reply) =>
    knownJob(request, reply) ? { actions: STAGED } : reply,
  );
  app.post(`${API}/jobs/:jobId/staged/allow`, async (request: JobRequest, reply) =>
    knownJob(request, reply) ? { count: STAGED.length } : reply,
  );
  app.post(`${API}/jobs/:jobId/staged/reject`, async (request: JobRequest, reply) =>
    knownJob(request, reply) ? { count: 0 } : reply,
  );

  // --- agents and tokens --------------------------------------------------------------------
  app.get(`${API}/agents`, async () => ({ agents: [AGENT] }));
  app.post(`${API}/agent-tokens`, async (request, reply) => {
    const body = request.body as { domain?: unknown; ttlSeconds?: unknown } | undefined;
    if (typeof body?.domain !== "string") return sendError(reply, 400, "InvalidRequest", 'Field "domain" is required.');
    const ttl = typeof body.ttlSeconds === "number" ? body.ttlSeconds : 3600;
    return reply.code(201).send({
      token: "rrt_Zx81mQpL0vKc3",
      tokenId: "reg-77",
      domain: body.domain,
      expiresAt: new Date(Date.parse("2025-03-03T09:00:00.000Z") + ttl * 1000).toISOString(),
    });
  });
  app.delete(`${API}/agents/:agentId`, async (request: FastifyRequest<{ Params: { agentId: string } }>, reply) =>
    request.params.agentId === AGENT.agentId
      ? reply.code(204).send()
      : sendError(reply, 404, "NotFound", `Agent "${request.params.agentId}" does not exist.`),
  );
  app.get(`${API}/admin-tokens`, async () => ({ tokens: ADMIN_TOKENS }));
  app.post(`${API}/admin-tokens`, async (request, reply) => {
    const name = (request.body as { name?: unknown } | undefined)?.name;
    if (typeof name !== "string") return sendError(reply, 400, "InvalidRequest", 'Field "name" is required.');
    return reply.code(201).send({
      token: { tokenId: "tok-2", name, createdAt: "2025-03-03T08:30:00.000Z", lastUsedAt: null, revokedAt: null },
      secret: "rst_NewSecretValue42",
    });
  });
  app.delete(`${API}/admin-tokens/:tokenId`, async (request: FastifyRequest<{ Params: { tokenId: string } }>, reply) =>
    ADMIN_TOKENS.some((t) => t.tokenId === request.params.tokenId)
      ? reply.code(204).send()
      : sendError(reply, 404, "NotFound", `Administrator token "${request.params.tokenId}" does not exist.`),
  );

  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("the fake coordinator has no TCP address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    get statusAnswers() {
      return state.statusAnswers;
    },
    set statusAnswers(answers: JobStatusView[]) {
      state.statusAnswers = [...answers];
    },
    get logPageSize() {
      return state.logPageSize;
    },
    set logPageSize(size: number) {
      state.logPageSize = size;
    },
    close: () => app.close(),
  };
}

/** A loopback URL where nothing listens (connection refused). */
export async function closedPortUrl(): Promise<string> {
  const app = Fastify({ logger: false });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  await app.close();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  return `http://127.0.0.1:${address.port}`;
}

const REASONS: Readonly<Record<string, readonly [string, string]>> = {
  AuthenticationRequired: [
    "The request has no valid administrator bearer token.",
    "Send `Authorization: Bearer <token>` with a token issued by `roster-coordinator token create` or the API.",
  ],
  NotFound: [
    "The requested resource (job, cycle, token, staged action) does not exist.",
    "Check the id in the request.",
  ],
  WorkerNotFound: [
    "The HR system has no worker with that id.",
    "Check the WorkerID / WID (Workday), personIdExternal (SuccessFactors) or externalId (API-driven inbound).",
  ],
  VersionConflict: [
    "The resource changed since it was read (its version differs).",
    "Read the resource again, reapply the change, and send it with the new version.",
  ],
  CycleInProgress: [
    "The job is running a cycle, so this request cannot be carried out now.",
    "Wait for the cycle to finish (see the job's status), or stop the job first.",
  ],
  InvalidConfiguration: [
    "The job configuration is not valid.",
    "Correct the field named in the message and save the configuration again.",
  ],
  InvalidRequest: [
    "A request (API body, CLI input line, message) is malformed or misses a required field.",
    "Correct the field named in the message and send the request again.",
  ],
};

function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  const [reason, recommendedAction] = REASONS[code] ?? ["", ""];
  const body: ApiErrorBody = { code, message, reason, recommendedAction, details: {} };
  return reply.code(status).send(body);
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
