/**
 * @roster/workday — the Workday Web Services (Human_Resources) connector: Get_Workers imports
 * over SOAP with WS-Security, XPath attribute extraction for WWS v21.1 and v30+, and writeback of
 * work contact data and usernames. See docs/workday.md.
 */
export {
  createWorkdayClient,
  type ImportOptions,
  type TestConnectionResult,
  type WorkdayClient,
  type WorkdayClientOptions,
} from "./client/workday-client.js";
export type { WritebackResult } from "./client/writeback.js";
export type { WorkerType, WritebackRequest, WritebackValues } from "./client/writeback-input.js";
export {
  catalogueForVersion,
  WORKDAY_DOCUMENTED_CUSTOM_XPATHS,
  WORKDAY_V21_CATALOGUE,
  WORKDAY_V30_CATALOGUE,
  type AttributeDefinition,
  type AttributeDefinitions,
  type AttributeXPaths,
  type CatalogueVersion,
} from "./catalogue/attribute-catalogue.js";
export {
  DEFAULT_WWS_VERSION,
  MAX_PAGE_SIZE,
  parseWorkdayConfig,
  workdayConfigSchema,
  type WorkdayConfig,
  type WorkdayConfigInput,
} from "./config/workday-config.js";
export {
  isWorkdayError,
  WorkdayError,
  type WorkdayErrorDetails,
  type WorkdayErrorKind,
} from "./errors/workday-error.js";
export type { XPathValue } from "./extraction/compiled-xpath.js";
export type { WorkdayWorker, WorkerItem } from "./extraction/worker-extractor.js";
export type { AsOf } from "./requests/workday-dates.js";
export type { PhoneDeviceType, WorkPhone } from "./requests/writeback-requests.js";
export type { WorkdayLogger } from "./transport/soap-transport.js";
