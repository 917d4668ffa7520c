/** Provisioning logs: filtered pages (keyset cursor) and the three CSV files of a download. */
import { z } from "zod";
import type { LogQuery } from "../../provisioning-log/provisioning-log-store.js";
import type { ApiApp, RouteContext } from "../api-app.js";
import {
  ERROR_RESPONSES,
  logCsvQuerySchema,
  logPageQuerySchema,
  logPageSchema,
  type logQuerySchema,
} from "../api-schemas.js";

const tags = ["logs"];

const CSV_FILE_NAMES = {
  summary: "provisioning-logs-summary.csv",
  steps: "provisioning-logs-steps.csv",
  modifiedProperties: "provisioning-logs-modified-properties.csv",
} as const;

export function registerLogRoutes(app: ApiApp, { services }: RouteContext): void {
  app.get(
    "/logs",
    {
      schema: {
        tags,
        summary: "Query provisioning logs",
        querystring: logPageQuerySchema,
        response: { 200: logPageSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const options: { limit?: number; cursor?: string } = {};
      if (limit !== undefined) options.limit = limit;
      if (cursor !== undefined) options.cursor = cursor;
      return services.logs(logQueryOf(request.query), options);
    },
  );

  app.get(
    "/logs/csv",
    {
      schema: {
        tags,
        summary: "Download provisioning logs as CSV (one of three files joined on changeId)",
        querystring: logCsvQuerySchema,
        produces: ["text/csv"],
        response: {
          200: { description: "The CSV file.", content: { "text/csv": { schema: z.string() } } },
          ...ERROR_RESPONSES,
        },
      },
    },
    async (request, reply) => {
      const files = await services.logsCsv(logQueryOf(request.query));
      const file = request.query.file;
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${CSV_FILE_NAMES[file]}"`)
        .send(files[file]);
    },
  );
}

/** Only the filters the client gave (exact optional properties: no undefined members). */
function logQueryOf(query: z.output<typeof logQuerySchema>): LogQuery {
  const result: { -readonly [K in keyof LogQuery]: LogQuery[K] } = {};
  if (query.jobId !== undefined) result.jobId = query.jobId;
  if (query.cycleId !== undefined) result.cycleId = query.cycleId;
  if (query.workerId !== undefined) result.workerId = query.workerId;
  if (query.action !== undefined) result.action = query.action as NonNullable<LogQuery["action"]>;
  if (query.status !== undefined) result.status = query.status as NonNullable<LogQuery["status"]>;
  if (query.from !== undefined) result.from = query.from;
  if (query.to !== undefined) result.to = query.to;
  return result;
}
