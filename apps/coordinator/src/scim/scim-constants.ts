/**
 * Fixed names and limits of Entra-style API-driven inbound provisioning (a SCIM BulkRequest,
 * RFC 7644 §3.7, POSTed to the job's bulkUpload endpoint).
 */
export const BULK_REQUEST_URN = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
export const SCIM_ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";
export const CORE_USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
export const ENTERPRISE_USER_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

/** The only media type the bulkUpload endpoint accepts (anything else, application/json included, is a 400). */
export const SCIM_MEDIA_TYPE = "application/scim+json";

/** Entra accepts at most 50 operations per bulk request. */
export const MAX_BULK_OPERATIONS = 50;

/**
 * Roster's own cap on the request body. Entra documents no byte limit; RFC 7644 lets the
 * service provider choose one (maxPayloadSize) and answer 413 above it. 1 MiB leaves room
 * for 50 users with large custom extensions.
 */
export const MAX_BULK_PAYLOAD_BYTES = 1_048_576;

/** Every operation of an API-driven bulk request creates-or-updates a user. */
export const BULK_METHOD = "POST";
export const BULK_PATH = "/Users";
