/** The coordinator's REST API (docs/api.md): the fastify server, its schemas and error mapping. */
export { API_PREFIX, API_TAGS } from "./api-app.js";
export { apiSchemaRegistry, type ErrorBody, errorBodySchema } from "./api-schemas.js";
export { actorOf, adminTokenOf } from "./auth.js";
export type { CoordinatorServices, JobStatusView, JobView, OnDemandResult } from "./coordinator-services.js";
export { API_REDACT_PATHS, API_VERSION, type ApiServerOptions, createApiServer } from "./create-api-server.js";
export { answerForError, errorBody, statusForCode } from "./error-handler.js";
export { buildOpenApiDocument } from "./openapi-document.js";
