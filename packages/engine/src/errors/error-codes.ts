/**
 * The one registry of stable error codes, shared by provisioning logs, the API
 * and the CLI. Codes named in the Entra provisioning-log documentation keep their
 * documented names; Roster's own codes follow the same style.
 */
export type ErrorCategory = "failure" | "nonServiceFailure" | "success";

export interface ErrorCodeInfo {
  readonly category: ErrorCategory;
  /** A transient failure: the object is escrowed and retried. */
  readonly retryable: boolean;
  readonly reason: string;
  readonly recommendedAction: string;
}

const entry = (
  category: ErrorCategory,
  retryable: boolean,
  reason: string,
  recommendedAction: string,
): ErrorCodeInfo => ({ category, retryable, reason, recommendedAction });

export const ERROR_CODES = {
  // --- documented provisioning-log codes -------------------------------------------------
  Conflict: entry("failure", false, "A conflicting value already exists in the target (a uniqueness constraint).", "Find the object holding the value in the directory; fix the HR data or the mapping so the value is unique, or check the matching attributes."),
  EntryConflict: entry("failure", false, "The target already holds an entry that conflicts with this one; the matching attributes may be misconfigured.", "Review the matching attributes and the conflicting entry, then retry."),
  TooManyRequests: entry("nonServiceFailure", true, "The target is throttling requests.", "None: the operation is retried automatically."),
  InternalServerError: entry("nonServiceFailure", true, "The target returned an unexpected error.", "None if it is transient: it is retried in the next cycle. If it persists, check the target's logs."),
  InsufficientRights: entry("failure", false, "The account Roster uses is authenticated but not allowed to perform the operation.", "Grant the agent's bind account the rights it needs on the target OU (create, write attributes, move, reset password)."),
  MethodNotAllowed: entry("failure", false, "The target does not allow this operation.", "Check the target object actions and the target's configuration."),
  NotPermitted: entry("failure", false, "The operation is not permitted on the target.", "Check the permissions of the account Roster uses."),
  Unauthorized: entry("failure", false, "The target refused the credentials.", "Check the credentials configured for the target (bind DN and password)."),
  UnprocessableEntity: entry("failure", false, "The target sent an unexpected response or is misconfigured.", "Check the target's configuration and the attribute values sent."),
  WebExceptionProtocolError: entry("nonServiceFailure", true, "An HTTP protocol error occurred while talking to a system.", "None if it is transient: it is retried in the next cycle."),
  InvalidAnchor: entry("failure", false, "The target object linked to this worker no longer exists.", "Restart provisioning to re-match the worker, or restore the deleted account."),
  NotImplemented: entry("failure", false, "The target answered that the operation is not implemented.", "Check that the target supports the operation."),
  MandatoryFieldsMissing: entry("failure", false, "Values required to create the object are missing.", "Make sure the source provides a value (or the mapping a default value) for every mandatory attribute."),
  MissingValues: entry("failure", false, "Values required to create the object are missing.", "Make sure the source provides a value (or the mapping a default value) for every mandatory attribute."),
  SchemaAttributeNotFound: entry("failure", false, "A mapped attribute does not exist in the target schema.", "Remove the mapping or extend the target schema."),
  InternalError: entry("nonServiceFailure", true, "An internal error occurred in Roster.", "None if it is transient: it is retried in the next cycle. If it persists, report it with the change id."),
  InvalidDomain: entry("failure", false, "An attribute value contains an invalid domain name.", "Correct the domain part of the value (for example the UPN suffix) in the mapping."),
  Timeout: entry("nonServiceFailure", true, "The target responded too slowly.", "None if it is transient: it is retried in the next cycle."),
  LicenseLimitExceeded: entry("failure", false, "The target has no licence left.", "Free or add licences in the target."),
  DuplicateTargetEntries: entry("failure", false, "More than one target object matches the worker's matching attribute value.", "Make the matching attribute unique in the directory (remove or change the duplicate entries), then retry."),
  DuplicateSourceEntries: entry("failure", false, "More than one source object resolves to the same target object.", "Make the matching attribute unique in the HR source (for example after a worker conversion)."),
  ImportSkipped: entry("success", false, "The worker has no value for the matching attribute, so it cannot be matched. Scoping was not evaluated.", "Fill in the matching attribute in the HR source, or map it from an attribute that every worker has."),
  EntrySynchronizationSkipped: entry("success", false, "The worker was imported but nothing was done: it is out of scope or already in sync.", "None, if this is expected. Otherwise review the scoping filters."),
  SystemForCrossDomainIdentityManagementMultipleEntriesInResponse: entry("failure", false, "A lookup that expected one object returned several.", "Make the looked-up value unique in the target."),
  SystemForCrossDomainIdentityManagementServiceIncompatible: entry("failure", false, "The response of a system could not be parsed.", "Check the endpoint and its version."),
  SchemaPropertyCanOnlyAcceptValue: entry("failure", false, "A multi-valued source value was mapped to a single-valued target attribute.", "Map a single value, for example with Item() or Join()."),
  EndpointUnavailable: entry("nonServiceFailure", true, "The directory could not be reached through any agent.", "Check that an agent serving the domain is running and can reach a domain controller."),
  HybridSynchronizationActiveDirectoryInvalidParameter: entry("failure", false, "The directory rejected a value as invalid for the attribute.", "Correct the mapping so it produces a value of the attribute's syntax (for example \"TRUE\" / \"FALSE\")."),
  HybridSynchronizationActiveDirectoryCannotFindAttribute: entry("failure", false, "The attribute does not exist in the directory schema.", "Extend the schema or remove the mapping, then restart the agent so it re-reads the schema."),
  InsufficientAccessRights: entry("failure", false, "The directory refused the operation for lack of access rights.", "Grant the agent's bind account the rights it needs on the target OU."),
  StagedAction: entry("success", false, "The disable was staged because the cycle exceeded the accidental-deletion threshold.", "Review the staged actions, then allow or reject them."),
  StagedDelete: entry("success", false, "The delete was staged because the cycle exceeded the accidental-deletion threshold.", "Review the staged deletes, then allow or reject them."),

  // --- Roster's own codes -----------------------------------------------------------------
  InvalidExpression: entry("failure", false, "An attribute-mapping expression cannot be parsed or is used where it is not allowed.", "Correct the expression at the position given; test it with `roster expr eval`."),
  ExpressionEvaluationFailed: entry("failure", false, "An expression failed for this worker's data (for example CDate of a value that is not a date).", "Guard the expression against such values (Switch / IIF / IgnoreFlowIfNullOrEmpty) or correct the HR data."),
  InvalidConfiguration: entry("failure", false, "The job configuration is not valid.", "Correct the field named in the message and save the configuration again."),
  InvalidScopingFilter: entry("failure", false, "A scoping filter clause is not valid (unknown operator, missing value, bad regex, non-integer comparison value).", "Correct the clause named in the message."),
  SelectUniqueValueExhausted: entry("nonServiceFailure", true, "Every candidate value of SelectUniqueValue is already taken in the directory.", "Add more candidate rules to the SelectUniqueValue expression; the worker is retried in the next cycles."),
  ObjectFlowIgnored: entry("success", false, "The objectFilter mapping returned IgnoreObjectFlow, so the worker is not provisioned now.", "None, if this is expected (for example a future hire outside the lookahead window)."),
  OutOfScopeDeletionSkipped: entry("success", false, "The worker left scope, but SkipOutOfScopeDeletions is set, so the account was not disabled.", "None, if this is expected."),
  ActionDisabled: entry("success", false, "The action is switched off in the job's target object actions.", "Enable the action (create / update / delete) if it should happen."),
  ReferenceUnresolved: entry("success", false, "A reference (manager) points at a worker whose account does not exist yet; it is set once that account exists.", "None: the reference is resolved when the referenced worker is provisioned. Make sure the referenced worker is in scope."),
  AttributeValueTooLong: entry("failure", false, "A value exceeds the directory's length limit for the attribute.", "Truncate the value in the mapping, for example with Mid(value, 1, limit)."),
  InvalidAttributeSyntax: entry("failure", false, "The directory rejected the value's syntax (an empty string, for example).", "Use IgnoreFlowIfNullOrEmpty or a Switch default so no empty value is exported."),
  NoSuchParent: entry("failure", false, "The parent container (parentDistinguishedName) does not exist in the directory.", "Create the OU, or correct the parentDistinguishedName mapping."),
  InvalidRequest: entry("failure", false, "A request (API body, CLI input line, message) is malformed or misses a required field.", "Correct the field named in the message and send the request again."),
  AgentProtocolError: entry("nonServiceFailure", true, "A message between coordinator and agent was malformed or unexpected.", "Upgrade the agent and coordinator to matching versions; the operation is retried."),
  AgentVersionMismatch: entry("failure", false, "The agent's protocol version is not supported by the coordinator.", "Upgrade the agent to a version the coordinator supports."),
  SourceAuthenticationFailed: entry("failure", false, "The HR system refused the credentials of the integration user.", "Check the user name, password or token in the job's source connection, and the integration user's permissions in the HR system."),
  SourceUnavailable: entry("nonServiceFailure", true, "The HR system could not be reached or answered with a transient error (HTTP 5xx, timeout, connection error).", "None if it is transient: the request is retried with backoff and the cycle runs again. If it persists, check the HR system's URL and availability."),
  SourceRecordInvalid: entry("failure", false, "A worker record from the HR system is malformed or misses a required field (for example the matching attribute).", "Correct the worker's data in the HR system (the message names the worker and the field); the rest of the workers are provisioned."),
  WorkerNotFound: entry("failure", false, "The HR system has no worker with that id.", "Check the WorkerID / WID (Workday), personIdExternal (SuccessFactors) or externalId (API-driven inbound)."),
  WritebackFailed: entry("failure", true, "Writing directory values back to the HR system failed.", "Check the message: transient failures are retried with backoff; data errors need the HR record or the writeback mappings corrected."),
  NotFound: entry("failure", false, "The requested resource (job, cycle, token, staged action) does not exist.", "Check the id in the request."),
  VersionConflict: entry("failure", false, "The resource changed since it was read (its version differs).", "Read the resource again, reapply the change, and send it with the new version."),
  AuthenticationRequired: entry("failure", false, "The request has no valid administrator bearer token.", "Send `Authorization: Bearer <token>` with a token issued by `roster-coordinator token create` or the API."),
  CycleInProgress: entry("failure", false, "The job is running a cycle, so this request cannot be carried out now.", "Wait for the cycle to finish (see the job's status), or stop the job first."),
  JobQuarantined: entry("failure", false, "The job is quarantined, so provisioning does not run until the cause is fixed.", "Read the job's quarantine reason in its status, fix the cause, then restart the job."),
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

export function describeErrorCode(code: ErrorCode): ErrorCodeInfo & { readonly code: ErrorCode } {
  return { code, ...ERROR_CODES[code] };
}

/** An error that carries a registry code and optional structured details (object, field, position). */
export class RosterError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "RosterError";
    this.code = code;
    this.details = details;
  }

  get info(): ErrorCodeInfo {
    return ERROR_CODES[this.code];
  }

  toJSON(): { code: ErrorCode; message: string; details: Readonly<Record<string, unknown>> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}
