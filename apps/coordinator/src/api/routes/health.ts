/** Unauthenticated routes: liveness, Prometheus metrics and the OpenAPI document. */
import type { ApiApp, RouteContext } from "../api-app.js";
import { healthSchema } from "../api-schemas.js";
import { API_PREFIX } from "../api-app.js";
import { z } from "zod";

const tags = ["health"];

export function registerHealthRoutes(app: ApiApp, { services }: RouteContext): void {
  app.get(
    "/healthz",
    { schema: { tags, summary: "Liveness", security: [], response: { 200: healthSchema } } },
    async () => ({ status: "ok" as const }),
  );

  app.get(
    "/metrics",
    {
      schema: {
        tags,
        summary: "Prometheus metrics",
        security: [],
        produces: ["text/plain"],
        response: {
          200: { description: "Prometheus text exposition.", content: { "text/plain": { schema: z.string() } } },
        },
      },
    },
    async (_request, reply) => {
      const { contentType, body } = await services.metrics();
      return reply.type(contentType).send(body);
    },
  );

  app.get(
    `${API_PREFIX}/openapi.json`,
    {
      schema: {
        tags,
        summary: "This OpenAPI document",
        security: [],
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async () => app.swagger() as unknown as Record<string, unknown>,
  );
}
