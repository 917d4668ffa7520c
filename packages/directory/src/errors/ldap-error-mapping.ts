/**
 * LDAP result codes and transport errors → Roster's error registry. The same server answer
 * can mean different things per request (32 noSuchObject is a missing OU on create but a
 * vanished account on update), so the caller says what a missing object means.
 */
import { ERROR_CODES, RosterError, type DirectoryValue, type ErrorCode } from "@roster/engine";
import { ResultCodeError } from "ldapts";
import { AD_ATTRIBUTE_LIMITS } from "../schema/attribute-limits.js";

export interface FailureDescription {
  readonly errorCode: ErrorCode;
  readonly message: string;
  readonly retryable: boolean;
  /** The LDAP result code when the server answered; absent for transport errors and checks made before sending. */
  readonly ldapCode?: number;
}

export interface FailureContext {
  /** What was attempted, naming the object, e.g. `create "CN=Rivera\, Jo,OU=Users,…"`. */
  readonly subject: string;
  /** What noSuchObject (32) / referral (10) means: the parent container or the object itself is missing. */
  readonly missingObject: "parent" | "object";
  /** Attribute values sent, used to tell a length violation from a uniqueness violation (19). */
  readonly sentValues?: Readonly<Record<string, DirectoryValue | null>>;
}

const RESULT_NAMES: Readonly<Record<number, string>> = {
  1: "operationsError",
  2: "protocolError",
  3: "timeLimitExceeded",
  4: "sizeLimitExceeded",
  7: "authMethodNotSupported",
  8: "strongerAuthRequired",
  10: "referral",
  11: "adminLimitExceeded",
  13: "confidentialityRequired",
  16: "noSuchAttribute",
  17: "undefinedAttributeType",
  18: "inappropriateMatching",
  19: "constraintViolation",
  20: "attributeOrValueExists",
  21: "invalidAttributeSyntax",
  32: "noSuchObject",
  34: "invalidDNSyntax",
  48: "inappropriateAuthentication",
  49: "invalidCredentials",
  50: "insufficientAccessRights",
  51: "busy",
  52: "unavailable",
  53: "unwillingToPerform",
  54: "loopDetect",
  64: "namingViolation",
  65: "objectClassViolation",
  66: "notAllowedOnNonLeaf",
  67: "notAllowedOnRDN",
  68: "entryAlreadyExists",
  69: "objectClassModsProhibited",
  71: "affectsMultipleDSAs",
  80: "other",
};

/** Result codes whose meaning does not depend on the request. */
const FIXED_CODES: Readonly<Record<number, ErrorCode>> = {
  1: "InternalServerError",
  2: "InternalServerError",
  3: "Timeout",
  4: "InternalServerError",
  7: "InvalidConfiguration",
  8: "InvalidConfiguration",
  11: "TooManyRequests",
  13: "InvalidConfiguration",
  16: "UnprocessableEntity",
  17: "HybridSynchronizationActiveDirectoryCannotFindAttribute",
  18: "UnprocessableEntity",
  20: "Conflict",
  21: "InvalidAttributeSyntax",
  34: "InvalidAttributeSyntax",
  48: "Unauthorized",
  49: "Unauthorized",
  50: "InsufficientAccessRights",
  51: "Timeout",
  52: "EndpointUnavailable",
  53: "NotPermitted",
  54: "InternalServerError",
  64: "HybridSynchronizationActiveDirectoryInvalidParameter",
  66: "NotPermitted",
  67: "NotPermitted",
  68: "Conflict",
  69: "NotPermitted",
  71: "NotPermitted",
  80: "UnprocessableEntity",
};

const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EHOSTDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EADDRNOTAVAIL",
]);
const TLS_CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;
const CONNECTION_LOST = /Connection closed|Socket error|Socket connection not established|connection was lost|Connection timeout/i;
const OPERATION_TIMEOUT = /Operation timed out/i;

// constraintViolation (19) carries several meanings; the server text tells them apart.
const LENGTH_VIOLATION = /too long|too large|too big|exceeds|length|rangeUpper|size limit|value size/i;
const INVALID_CHARACTER = /invalid .*character|contains invalid|00000523/i;
const PASSWORD_POLICY = /check_password_restrictions|0000052D|password .*(?:complexity|too short|history)/i;
const REFERENCED_OBJECT_MISSING = /Referenced object not found|000020B5/i;
const NAMED_ATTRIBUTE = [/constraint on ([A-Za-z][\w-]*)/, /\(([A-Za-z][\w-]*)\)\s*$/, /Att [0-9a-fA-F]+ \(([A-Za-z][\w-]*)\)/, /attribute[: ]+'?([A-Za-z][\w-]*)/i];
const PASSWORD_TRANSPORT = /encrypted connection|confidentiality|unicodePwd/i;
const ATTRIBUTE_NOT_ALLOWED = /not allowed|no such attribute/i;
const ATTRIBUTE_REQUIRED = /requires attribute|missing (?:required )?attribute|MUST/i;

/** The LDAP result code of an ldapts error, if it is one. */
export function ldapResultCode(error: unknown): number | undefined {
  return error instanceof ResultCodeError ? error.code : undefined;
}

export function ldapResultName(code: number): string {
  return RESULT_NAMES[code] ?? `result ${code}`;
}

/** Maps anything thrown while talking to the directory to a registry code and a message naming the object. */
export function describeFailure(error: unknown, context: FailureContext): FailureDescription {
  if (error instanceof RosterError) {
    return { errorCode: error.code, message: error.message, retryable: ERROR_CODES[error.code].retryable };
  }
  const ldapCode = ldapResultCode(error);
  if (ldapCode !== undefined) {
    const serverText = serverMessage(error as ResultCodeError);
    const errorCode = classifyResult(ldapCode, serverText, context);
    const detail = serverText === "" ? "" : `: ${serverText}`;
    return {
      errorCode,
      ldapCode,
      message: `${context.subject} failed with LDAP ${ldapCode} ${ldapResultName(ldapCode)}${detail}`,
      retryable: ERROR_CODES[errorCode].retryable,
    };
  }
  const errorCode = classifyTransportError(error);
  return {
    errorCode,
    message: `${context.subject} failed: ${transportMessage(error, errorCode)}`,
    retryable: ERROR_CODES[errorCode].retryable,
  };
}

/** A RosterError for errors raised by queries (which throw instead of returning a failure). */
export function toRosterError(error: unknown, context: FailureContext): RosterError {
  if (error instanceof RosterError) return error;
  const failure = describeFailure(error, context);
  return new RosterError(
    failure.errorCode,
    failure.message,
    failure.ldapCode === undefined ? {} : { ldapCode: failure.ldapCode },
    { cause: error },
  );
}

function classifyResult(code: number, text: string, context: FailureContext): ErrorCode {
  switch (code) {
    case 10:
    case 32:
      return context.missingObject === "parent" ? "NoSuchParent" : "InvalidAnchor";
    case 19:
      return classifyConstraintViolation(text, context);
    case 53:
      return PASSWORD_TRANSPORT.test(text) ? "InvalidConfiguration" : "NotPermitted";
    case 65:
      if (ATTRIBUTE_NOT_ALLOWED.test(text)) return "HybridSynchronizationActiveDirectoryCannotFindAttribute";
      if (ATTRIBUTE_REQUIRED.test(text)) return "MandatoryFieldsMissing";
      return "HybridSynchronizationActiveDirectoryInvalidParameter";
    case 80:
      return INVALID_CHARACTER.test(text) ? "HybridSynchronizationActiveDirectoryInvalidParameter" : "UnprocessableEntity";
    default:
      return FIXED_CODES[code] ?? "InternalServerError";
  }
}

function classifyConstraintViolation(text: string, context: FailureContext): ErrorCode {
  if (PASSWORD_POLICY.test(text)) return "InvalidConfiguration";
  if (LENGTH_VIOLATION.test(text)) return "AttributeValueTooLong";
  if (INVALID_CHARACTER.test(text)) return "HybridSynchronizationActiveDirectoryInvalidParameter";
  if (REFERENCED_OBJECT_MISSING.test(text)) return "ReferenceUnresolved";
  const attribute = namedAttribute(text);
  if (attribute !== undefined && context.sentValues !== undefined && exceedsKnownLimit(attribute, context.sentValues)) {
    return "AttributeValueTooLong";
  }
  return "Conflict";
}

function namedAttribute(text: string): string | undefined {
  for (const pattern of NAMED_ATTRIBUTE) {
    const match = pattern.exec(text);
    if (match?.[1] !== undefined) return match[1];
  }
  return undefined;
}

function exceedsKnownLimit(attribute: string, sent: Readonly<Record<string, DirectoryValue | null>>): boolean {
  const wanted = attribute.toLowerCase();
  const limit = AD_ATTRIBUTE_LIMITS[wanted];
  if (limit === undefined) return false;
  for (const [name, value] of Object.entries(sent)) {
    if (name.toLowerCase() !== wanted || value === null) continue;
    const values = typeof value === "string" ? [value] : value;
    if (values.some((v) => v.length > limit)) return true;
  }
  return false;
}

function classifyTransportError(error: unknown): ErrorCode {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === "string") {
    if (CONNECTION_ERROR_CODES.has(code)) return "EndpointUnavailable";
    if (TLS_CERTIFICATE_ERROR.test(code)) return "InvalidConfiguration";
  }
  if (OPERATION_TIMEOUT.test(message)) return "Timeout";
  if (CONNECTION_LOST.test(message)) return "EndpointUnavailable";
  if (TLS_CERTIFICATE_ERROR.test(message)) return "InvalidConfiguration";
  return "InternalError";
}

function transportMessage(error: unknown, errorCode: ErrorCode): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = (error instanceof Error ? error.message : String(error)).split("\n").join(" ");
  const prefix = typeof code === "string" && !message.includes(code) ? `${code} ` : "";
  if (errorCode === "InvalidConfiguration") {
    return `${prefix}${message} (the server's TLS certificate was rejected: configure tls.ca/tls.caFile, tls.serverName or tls.rejectUnauthorized)`;
  }
  return prefix + message;
}

// ldapts appends " Code: 0x44" to the server's diagnostic message.
const CODE_SUFFIX = /\s*Code: 0x[0-9a-f]+$/i;

function serverMessage(error: ResultCodeError): string {
  return error.message.replace(CODE_SUFFIX, "").replace(/\s+/g, " ").trim();
}
