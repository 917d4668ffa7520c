/**
 * Administrator authentication: `Authorization: Bearer rst_…`, checked against the token
 * store (hashes only) before anything else of the request is read. The token a request
 * authenticated with is the actor of its audit entries.
 */
import { RosterError } from "@roster/engine";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AdminToken } from "../state/contracts.js";
import type { CoordinatorServices } from "./coordinator-services.js";

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;
const MAX_SECRET_LENGTH = 512;

const tokenOfRequest = new WeakMap<FastifyRequest, AdminToken>();

/** The admin token the request authenticated with (routes behind requireAdminToken always have one). */
export function adminTokenOf(request: FastifyRequest): AdminToken {
  const token = tokenOfRequest.get(request);
  if (token === undefined) {
    throw new RosterError(
      "InternalError",
      `Route ${request.method} ${request.routeOptions.url ?? "?"} has no authentication hook.`,
    );
  }
  return token;
}

/** The audit actor for a request: the admin token's name. */
export function actorOf(request: FastifyRequest): string {
  return adminTokenOf(request).name;
}

/** Adds the bearer-token check to every route registered in `scope` (an encapsulated plugin). */
export function requireAdminToken(
  scope: FastifyInstance,
  services: Pick<CoordinatorServices, "verifyAdminToken">,
): void {
  scope.addHook("onRequest", async (request) => {
    const secret = bearerSecretOf(request.headers.authorization);
    const token = await services.verifyAdminToken(secret);
    if (token === null || token.revokedAt !== null) {
      throw new RosterError("AuthenticationRequired", "The administrator token is not valid (unknown or revoked).", {
        field: "Authorization",
        bearerError: "invalid_token",
      });
    }
    tokenOfRequest.set(request, token);
  });
}

function bearerSecretOf(header: string | undefined): string {
  if (header === undefined || header === "") {
    throw new RosterError(
      "AuthenticationRequired",
      "The request has no Authorization header; send `Authorization: Bearer <token>`.",
      {
        field: "Authorization",
      },
    );
  }
  const match = BEARER.exec(header);
  const secret = match?.[1];
  if (secret === undefined || secret.length > MAX_SECRET_LENGTH) {
    throw new RosterError("AuthenticationRequired", 'The Authorization header must be "Bearer <token>".', {
      field: "Authorization",
      bearerError: "invalid_request",
    });
  }
  return secret;
}
