/** Evaluate an attribute-mapping expression against sample attributes. */
import type { ApiApp, RouteContext } from "../api-app.js";
import { ERROR_RESPONSES, evaluateBodySchema, evaluateResultSchema } from "../api-schemas.js";

export function registerExpressionRoutes(app: ApiApp, { services }: RouteContext): void {
  app.post(
    "/expressions/evaluate",
    {
      schema: {
        tags: ["expressions"],
        summary: "Evaluate an expression",
        body: evaluateBodySchema,
        response: { 200: evaluateResultSchema, ...ERROR_RESPONSES },
      },
    },
    async (request) => services.evaluateExpression(request.body.expression, request.body.attributes),
  );
}
