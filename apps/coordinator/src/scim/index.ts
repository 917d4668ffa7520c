/** API-driven inbound provisioning: validation of SCIM bulk uploads and their mapping into worker records. */
export * from "./scim-constants.js";
export { type BulkRequestRejection, type ScimErrorBody, type ScimErrorType, formatJsonPath } from "./scim-error.js";
export {
  type EnterpriseUser,
  type ScimUser,
  customExtensionSchema,
  enterpriseUserSchema,
  scimUserSchema,
} from "./scim-user-schema.js";
export {
  type BulkOperationInput,
  type BulkRequest,
  bulkOperationSchema,
  bulkRequestSchema,
} from "./bulk-request-schema.js";
export {
  type BulkOperation,
  type ParseBulkRequestOptions,
  type ParseBulkRequestResult,
  isScimContentType,
  parseBulkRequest,
} from "./parse-bulk-request.js";
export {
  type FlatScalar,
  type FlatScimAttributes,
  SCIM_MATCHING_ATTRIBUTES,
  flattenScimUser,
} from "./flatten-scim-user.js";
export {
  type BulkErrorInformation,
  type BulkOperationResult,
  type BulkOperationStatus,
  type BulkProvisioningAction,
  type BulkUploadAccepted,
  type BulkUploadStatus,
  type OperationOutcome,
  acceptBulkUpload,
  bulkErrorInformation,
  provisioningLogLocation,
  queuedOperations,
  recordOperationOutcome,
} from "./bulk-upload-status.js";
export type { BulkRequestsTable, InboundDatabase, InboundRecordsTable } from "./inbound-schema.js";
export {
  type InboundOutcome,
  type InboundRecord,
  type LatestRecordQuery,
  type NewBulkRequest,
  type NewInboundOperation,
  type StoredBulkRequest,
  type StoredInboundOperation,
  InboundRecordStore,
} from "./inbound-record-store.js";
export {
  type BulkRejectionDetails,
  type BulkRequestStatusView,
  type BulkUploadAcceptedEvent,
  type BulkUploadReceipt,
  type BulkUploadServiceOptions,
  BulkUploadService,
  bulkRejectionOf,
} from "./bulk-upload-service.js";
