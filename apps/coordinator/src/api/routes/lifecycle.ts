/** A job's lifecycle: start, stop, restart, run a cycle now, status and cycle history. */
import { z } from "zod";
import { actorOf } from "../auth.js";
import type { ApiApp, RouteContext } from "../api-app.js";
import {
  ERROR_RESPONSES,
  cycleRecordSchema,
  jobParamsSchema,
  jobStatusSchema,
  jobViewSchema,
  limitQuerySchema,
  restartBodySchema,
  runCycleResultSchema,
} from "../api-schemas.js";

const tags = ["lifecycle"];

export function registerLifecycleRoutes(app: ApiApp, { services }: RouteContext): void {
  app.post(
    "/jobs/:jobId/start",
    {
      schema: {
        tags,
        summary: "Start scheduling cycles",
        params: jobParamsSchema,
        response: { 200: jobViewSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => services.startJob(request.params.jobId, actorOf(request)),
  );

  app.post(
    "/jobs/:jobId/stop",
    {
      schema: {
        tags,
        summary: "Stop scheduling cycles (the running one finishes)",
        params: jobParamsSchema,
        response: { 200: jobViewSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => services.stopJob(request.params.jobId, actorOf(request)),
  );

  app.post(
    "/jobs/:jobId/restart",
    {
      schema: {
        tags,
        summary: "Restart: the next cycle is an initial one",
        params: jobParamsSchema,
        body: restartBodySchema,
        response: { 200: jobViewSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) =>
      services.restartJob(request.params.jobId, { breakLinks: request.body?.breakLinks ?? false }, actorOf(request)),
  );

  app.post(
    "/jobs/:jobId/run",
    {
      schema: {
        tags,
        summary: "Run a cycle now",
        params: jobParamsSchema,
        response: { 202: runCycleResultSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => reply.code(202).send(await services.runCycleNow(request.params.jobId, actorOf(request))),
  );

  app.get(
    "/jobs/:jobId/status",
    {
      schema: {
        tags,
        summary: "A job's status: cycles, quarantine, escrow, staged actions, writebacks, agents",
        params: jobParamsSchema,
        response: { 200: jobStatusSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => services.status(request.params.jobId),
  );

  app.get(
    "/jobs/:jobId/cycles",
    {
      schema: {
        tags,
        summary: "A job's cycles, newest first",
        params: jobParamsSchema,
        querystring: limitQuerySchema,
        response: { 200: z.object({ cycles: z.array(cycleRecordSchema) }), ...ERROR_RESPONSES },
      },
    },
    async (request) => ({ cycles: await services.cycles(request.params.jobId, request.query.limit) }),
  );
}
