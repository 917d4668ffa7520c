/**
 * Builds the coordinator's HTTP server: zod-validated routes under /api/v1 behind the admin
 * token, /healthz, /metrics and the OpenAPI document. It is returned ready but not
 * listening: the caller listens, and may attach the agent WebSocket endpoint to
 * `app.server` (attachAgentEndpoint) so both share one port.
 */
import fastifySwagger from "@fastify/swagger";
import Fastify, { type FastifyInstance } from "fastify";
import {
  createJsonSchemaTransform,
  createJsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import type { Logger } from "pino";
import { MAX_BULK_PAYLOAD_BYTES } from "../scim/scim-constants.js";
import { API_PREFIX, API_TAGS, type ApiApp, type RouteContext } from "./api-app.js";
import { apiSchemaRegistry } from "./api-schemas.js";
import { requireAdminToken } from "./auth.js";
import type { CoordinatorServices } from "./coordinator-services.js";
import { installErrorHandlers } from "./error-handler.js";
import { registerAdminTokenRoutes } from "./routes/admin-tokens.js";
import { registerAgentRoutes } from "./routes/agents.js";
import { registerBulkUploadRoutes } from "./routes/bulk-upload.js";
import { registerExpressionRoutes } from "./routes/expressions.js";
import { registerHealthRoutes } from "./routes/health.js";
import { registerJobRoutes } from "./routes/jobs.js";
import { registerLifecycleRoutes } from "./routes/lifecycle.js";
import { registerLogRoutes } from "./routes/logs.js";
import { registerOnDemandRoutes } from "./routes/on-demand.js";
import { registerStagedRoutes } from "./routes/staged.js";

export interface ApiServerOptions {
  /** Request logs go here (the Authorization header and token fields are redacted); none when absent. */
  readonly logger?: Logger;
  /** The coordinator's external base URL: the OpenAPI server and absolute Location headers. */
  readonly publicUrl?: string;
  /** Largest request body; default 1 MiB (the SCIM bulk limit). */
  readonly bodyLimitBytes?: number;
}

export const API_VERSION = "1.0.0";

/** Redacted in the API's request logs even if a serializer or a log call includes them. */
export const API_REDACT_PATHS = [
  "req.headers.authorization",
  "headers.authorization",
  "request.headers.authorization",
  "secret",
  "*.secret",
  "token",
  "*.token",
];

export async function createApiServer(
  services: CoordinatorServices,
  options: ApiServerOptions = {},
): Promise<FastifyInstance> {
  const bodyLimitBytes = options.bodyLimitBytes ?? MAX_BULK_PAYLOAD_BYTES;
  const publicUrl = options.publicUrl === undefined ? undefined : options.publicUrl.replace(/\/+$/, "");
  const base = Fastify({
    bodyLimit: bodyLimitBytes,
    // Long ids reach the zod params schema, which names the field, instead of a bare 414.
    routerOptions: { maxParamLength: 1024 },
    ...(options.logger === undefined
      ? { logger: false }
      : {
          loggerInstance: options.logger.child(
            { component: "api" },
            { redact: { paths: API_REDACT_PATHS, censor: "[redacted]" } },
          ),
        }),
  });
  const app = base.withTypeProvider() as unknown as ApiApp;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandlers(app as unknown as FastifyInstance);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Roster coordinator API",
        version: API_VERSION,
        description:
          "Jobs, cycles, provisioning logs, on-demand provisioning, agents and tokens of a Roster coordinator. " +
          "Errors share one body with a stable code from the error registry.",
      },
      servers: publicUrl === undefined ? [] : [{ url: publicUrl }],
      tags: API_TAGS.map((tag) => ({ ...tag })),
      components: {
        securitySchemes: {
          bearer: {
            type: "http",
            scheme: "bearer",
            description:
              "An administrator token (rst_…) from `roster-coordinator token create` or POST /api/v1/admin-tokens.",
          },
        },
      },
      security: [{ bearer: [] }],
    },
    transform: createJsonSchemaTransform({ schemaRegistry: apiSchemaRegistry }),
    transformObject: createJsonSchemaTransformObject({ schemaRegistry: apiSchemaRegistry }),
  });

  const context: RouteContext = { services, publicUrl, bodyLimitBytes };
  registerHealthRoutes(app, context);
  await app.register(
    async (scope: ApiApp) => {
      requireAdminToken(scope as unknown as FastifyInstance, services);
      registerJobRoutes(scope, context);
      registerLifecycleRoutes(scope, context);
      registerLogRoutes(scope, context);
      registerOnDemandRoutes(scope, context);
      registerStagedRoutes(scope, context);
      registerAgentRoutes(scope, context);
      registerAdminTokenRoutes(scope, context);
      registerExpressionRoutes(scope, context);
      registerBulkUploadRoutes(scope, context);
    },
    { prefix: API_PREFIX },
  );
  await app.ready();
  return app as unknown as FastifyInstance;
}
