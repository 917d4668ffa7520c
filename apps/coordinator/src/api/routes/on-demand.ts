/** Provision one worker now and show the five steps. */
import { actorOf } from "../auth.js";
import type { ApiApp, RouteContext } from "../api-app.js";
import { ERROR_RESPONSES, jobParamsSchema, onDemandBodySchema, onDemandResultSchema } from "../api-schemas.js";

export function registerOnDemandRoutes(app: ApiApp, { services }: RouteContext): void {
  app.post(
    "/jobs/:jobId/provisionOnDemand",
    {
      schema: {
        tags: ["on-demand"],
        summary: "Provision one worker now",
        params: jobParamsSchema,
        body: onDemandBodySchema,
        response: { 200: onDemandResultSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => services.provisionOnDemand(request.params.jobId, request.body.workerId, actorOf(request)),
  );
}
