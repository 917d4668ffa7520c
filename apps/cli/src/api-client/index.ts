/** The typed REST client of the coordinator (docs/api.md), for the CLI and other tools (the demo). */
export * from "./api-types.js";
export { ApiError, CoordinatorUnreachableError } from "./cli-errors.js";
export { HttpClient, type HttpClientOptions } from "./http-client.js";
export { RosterApi } from "./roster-api.js";
