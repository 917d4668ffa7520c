/** Job definitions: list, create, read, replace (optimistic concurrency), delete, export, audit, validate. */
import { actorOf } from "../auth.js";
import type { ApiApp, RouteContext } from "../api-app.js";
import {
  ERROR_RESPONSES,
  auditEntrySchema,
  ifMatchHeadersSchema,
  jobDefinitionSchema,
  jobListSchema,
  jobParamsSchema,
  jobViewSchema,
  limitQuerySchema,
  noContentSchema,
  validationResultSchema,
  versionOfIfMatch,
} from "../api-schemas.js";
import { z } from "zod";

const tags = ["jobs"];

export function registerJobRoutes(app: ApiApp, { services }: RouteContext): void {
  app.get(
    "/jobs",
    { schema: { tags, summary: "List jobs", response: { 200: jobListSchema, ...ERROR_RESPONSES } } },
    async () => ({ jobs: await services.listJobs() }),
  );

  app.post(
    "/jobs",
    {
      schema: {
        tags,
        summary: "Create a job",
        body: jobDefinitionSchema,
        response: { 201: jobViewSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => reply.code(201).send(await services.createJob(request.body, actorOf(request))),
  );

  app.get(
    "/jobs/:jobId",
    {
      schema: {
        tags,
        summary: "Read a job",
        params: jobParamsSchema,
        response: { 200: jobViewSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => services.getJob(request.params.jobId),
  );

  app.put(
    "/jobs/:jobId",
    {
      schema: {
        tags,
        summary: "Replace a job's definition",
        params: jobParamsSchema,
        headers: ifMatchHeadersSchema,
        body: jobDefinitionSchema,
        response: { 200: jobViewSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const expectedVersion = versionOfIfMatch(request.headers["if-match"]);
      return expectedVersion === undefined
        ? services.updateJob(request.params.jobId, request.body, actorOf(request))
        : services.updateJob(request.params.jobId, request.body, actorOf(request), expectedVersion);
    },
  );

  app.delete(
    "/jobs/:jobId",
    {
      schema: {
        tags,
        summary: "Delete a job",
        params: jobParamsSchema,
        response: { 204: noContentSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await services.deleteJob(request.params.jobId, actorOf(request));
      return reply.code(204).send();
    },
  );

  app.get(
    "/jobs/:jobId/export",
    {
      schema: {
        tags,
        summary: "Export a job's definition (secrets read [Redact])",
        params: jobParamsSchema,
        response: { 200: jobDefinitionSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => services.exportJob(request.params.jobId),
  );

  app.get(
    "/jobs/:jobId/audit",
    {
      schema: {
        tags,
        summary: "A job's audit log, newest first",
        params: jobParamsSchema,
        querystring: limitQuerySchema,
        response: { 200: z.object({ entries: z.array(auditEntrySchema) }), ...ERROR_RESPONSES },
      },
    },
    async (request) => ({ entries: await services.audit(request.params.jobId, request.query.limit) }),
  );

  app.post(
    "/config/validate",
    {
      schema: {
        tags,
        summary: "Validate a job definition without saving it",
        body: jobDefinitionSchema,
        response: { 200: validationResultSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => services.validateConfiguration(request.body),
  );
}
