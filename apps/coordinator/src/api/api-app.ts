/** The fastify instance type the route modules register on (zod-typed requests and answers). */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { CoordinatorServices } from "./coordinator-services.js";

export type ApiApp = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export interface RouteContext {
  readonly services: CoordinatorServices;
  /** The coordinator's external base URL (no trailing slash), when known. */
  readonly publicUrl: string | undefined;
  /** Largest accepted request body. */
  readonly bodyLimitBytes: number;
}

export const API_PREFIX = "/api/v1";

/** OpenAPI tags, in the order the document lists them. */
export const API_TAGS = [
  { name: "jobs", description: "Job definitions, export and audit." },
  { name: "lifecycle", description: "Start, stop, restart, run now, status and cycles." },
  { name: "logs", description: "Provisioning logs and their CSV download." },
  { name: "on-demand", description: "Provision one worker now." },
  { name: "staged", description: "Actions held back by accidental-deletion prevention." },
  { name: "agents", description: "Provisioning agents and their registration tokens." },
  { name: "admin-tokens", description: "Administrator bearer tokens." },
  { name: "expressions", description: "Try attribute-mapping expressions." },
  { name: "bulk-upload", description: "API-driven inbound provisioning (SCIM bulk)." },
  { name: "health", description: "Health, metrics and this document." },
] as const;
