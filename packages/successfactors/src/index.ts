/**
 * @roster/successfactors — the SAP SuccessFactors Employee Central connector (OData v2):
 * PerPerson imports with navigation expansions and JSONPath attribute extraction, pre-hire
 * re-reads, and writeback of email, phones and username through `POST /odata/v2/upsert`.
 * See docs/successfactors.md.
 */
export {
  createSuccessFactorsClient,
  type ImportSummary,
  type Moment,
  type SuccessFactorsClient,
  type SuccessFactorsClientOptions,
  type TestConnectionResult,
} from "./client/successfactors-client.js";
export {
  DEFAULT_ATTRIBUTE_NAMES,
  MANAGER_JSONPATH,
  SUCCESSFACTORS_CATALOGUE,
  SUCCESSFACTORS_CATALOGUE_JSONPATHS,
  SUCCESSFACTORS_DOCUMENTED_JSONPATHS,
  type AttributeJsonPaths,
  type CatalogueAttribute,
  type CatalogueProvenance,
  type DocumentedJsonPath,
} from "./catalogue/attribute-catalogue.js";
export {
  applyEmploymentSelection,
  EMPLOYMENT_SELECTIONS,
  type EmploymentSelection,
} from "./catalogue/employment-selection.js";
export {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  parseSuccessFactorsConfig,
  successFactorsConfigSchema,
  type SuccessFactorsConfig,
  type SuccessFactorsConfigInput,
  type TokenProvider,
  type TokenRequest,
} from "./config/successfactors-config.js";
export {
  isSuccessFactorsError,
  SuccessFactorsError,
  type SuccessFactorsErrorDetails,
  type SuccessFactorsErrorKind,
} from "./errors/successfactors-error.js";
export { parseODataDate } from "./extraction/odata-date.js";
export type {
  AttributeScalar,
  AttributeValue,
  PersonItem,
  SuccessFactorsPerson,
} from "./extraction/person-extractor.js";
export { ALWAYS_EXPANDED } from "./query/expand-list.js";
export type { SuccessFactorsLogger } from "./transport/odata-transport.js";
export type { UpsertRowResult, WritebackResult } from "./writeback/upsert-result.js";
export type { WritebackRequest } from "./writeback/writeback-request.js";
