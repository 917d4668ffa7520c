/** Actions staged by accidental-deletion prevention: list, then allow or reject them all. */
import { actorOf } from "../auth.js";
import type { ApiApp, RouteContext } from "../api-app.js";
import {
  ERROR_RESPONSES,
  jobParamsSchema,
  limitQuerySchema,
  stagedDecisionResultSchema,
  stagedListSchema,
} from "../api-schemas.js";

const tags = ["staged"];

export function registerStagedRoutes(app: ApiApp, { services }: RouteContext): void {
  app.get(
    "/jobs/:jobId/staged",
    {
      schema: {
        tags,
        summary: "Pending staged actions",
        params: jobParamsSchema,
        querystring: limitQuerySchema,
        response: { 200: stagedListSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => ({ actions: await services.stagedActions(request.params.jobId, request.query.limit) }),
  );

  for (const decision of ["allow", "reject"] as const) {
    app.post(
      `/jobs/:jobId/staged/${decision}`,
      {
        schema: {
          tags,
          summary: decision === "allow" ? "Carry out every pending staged action" : "Drop every pending staged action",
          params: jobParamsSchema,
          response: { 200: stagedDecisionResultSchema, ...ERROR_RESPONSES },
        },
      },
      async (request) => services.decideStagedActions(request.params.jobId, decision, actorOf(request)),
    );
  }
}
