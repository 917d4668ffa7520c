/**
 * @roster/directory — AD-flavoured directory operations over LDAP (Active Directory, Samba
 * AD DC, or OpenLDAP with Roster's ad-lite schema). Test servers: "@roster/directory/test-support".
 */
export {
  createDirectoryClient,
  type BatchOptions,
  type ConnectionTestFailure,
  type ConnectionTestResult,
  type ConnectionTestSuccess,
  type DirectoryClient,
} from "./client/directory-client.js";
export type { AppliedResult, FailedResult, OperationResult } from "./client/operation-executor.js";
export type { FindOptions } from "./client/directory-queries.js";
export {
  directoryConfigSchema,
  resolveDirectoryConfig,
  type Dialect,
  type DirectoryConfig,
  type DirectoryConfigInput,
} from "./config/directory-config.js";
export { escapeDnValue } from "./dn/dn-value-escape.js";
export {
  childDn,
  dnEquals,
  formatDn,
  formatRdn,
  normalizeDn,
  parentDnOf,
  parseDn,
  type AttributeTypeAndValue,
  type Rdn,
} from "./dn/distinguished-name.js";
export { equalityFilter, escapeFilterValue, unescapeFilterValue } from "./filter/filter-value-escape.js";
export { canonicalGuid, guidBytesToString, guidFilterValue, guidStringToBytes } from "./ad/object-guid.js";
export {
  UAC_ACCOUNTDISABLE,
  UAC_NEW_DISABLED,
  UAC_NEW_ENABLED,
  UAC_NORMAL_ACCOUNT,
  isAccountDisabled,
  parseUserAccountControl,
  withAccountDisabled,
} from "./ad/user-account-control.js";
export { AD_ATTRIBUTE_LIMITS } from "./schema/attribute-limits.js";
export { findUnknownAttributes, type DirectorySchema, type SchemaAttribute } from "./schema/directory-schema.js";
