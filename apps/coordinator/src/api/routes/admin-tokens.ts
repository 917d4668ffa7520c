/** Administrator bearer tokens: list, issue (secret shown once), revoke. */
import { RosterError } from "@roster/engine";
import type { ApiApp, RouteContext } from "../api-app.js";
import {
  ERROR_RESPONSES,
  adminTokenBodySchema,
  adminTokenListSchema,
  adminTokenParamsSchema,
  issuedAdminTokenSchema,
  noContentSchema,
} from "../api-schemas.js";

const tags = ["admin-tokens"];

export function registerAdminTokenRoutes(app: ApiApp, { services }: RouteContext): void {
  app.get(
    "/admin-tokens",
    { schema: { tags, summary: "Administrator tokens", response: { 200: adminTokenListSchema, ...ERROR_RESPONSES } } },
    async () => ({ tokens: await services.adminTokens() }),
  );

  app.post(
    "/admin-tokens",
    {
      schema: {
        tags,
        summary: "Issue an administrator token (the secret is shown once)",
        body: adminTokenBodySchema,
        response: { 201: issuedAdminTokenSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => reply.code(201).send(await services.issueAdminToken(request.body.name)),
  );

  app.delete(
    "/admin-tokens/:tokenId",
    {
      schema: {
        tags,
        summary: "Revoke an administrator token",
        params: adminTokenParamsSchema,
        response: { 204: noContentSchema, ...ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const { tokenId } = request.params;
      if (!(await services.revokeAdminToken(tokenId))) {
        throw new RosterError("NotFound", `Admin token "${tokenId}" does not exist.`, {
          object: "admin token",
          tokenId,
        });
      }
      return reply.code(204).send();
    },
  );
}
