/** Provisioning agents: who is connected, registration tokens, revocation. */
import { RosterError } from "@roster/engine";
import { actorOf } from "../auth.js";
import type { ApiApp, RouteContext } from "../api-app.js";
import {
  ERROR_RESPONSES,
  agentListSchema,
  agentParamsSchema,
  agentTokenBodySchema,
  agentTokenSchema,
  noContentSchema,
} from "../api-schemas.js";

const tags = ["agents"];

export function registerAgentRoutes(app: ApiApp, { services }: RouteContext): void {
  app.get(
    "/agents",
    { schema: { tags, summary: "Connected agents", response: { 200: agentListSchema, ...ERROR_RESPONSES } } },
    async () => ({ agents: [...(await services.agents())] }),
  );

  app.post(
    "/agent-tokens",
    {
      schema: {
        tags,
        summary: "Issue an agent registration token (shown once)",
        body: agentTokenBodySchema,
        response: { 201: agentTokenSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const { domain, ttlSeconds } = request.body;
      const issued = await services.issueAgentToken(
        domain,
        ttlSeconds === undefined ? undefined : ttlSeconds * 1000,
        actorOf(request),
      );
      return reply.code(201).send(issued);
    },
  );

  app.delete(
    "/agents/:agentId",
    {
      schema: {
        tags,
        summary: "Revoke an agent (its connection is closed, its credential stops working)",
        params: agentParamsSchema,
        response: { 204: noContentSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const { agentId } = request.params;
      if (!(await services.revokeAgent(agentId, actorOf(request)))) {
        throw new RosterError("NotFound", `Agent "${agentId}" does not exist.`, { object: "agent", agentId });
      }
      return reply.code(204).send();
    },
  );
}
