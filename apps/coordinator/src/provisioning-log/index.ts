export {
  LOG_CSV_COLUMNS,
  MODIFIED_PROPERTY_CSV_COLUMNS,
  PROVISIONING_LOG_CSV_FILES,
  type ProvisioningLogCsvOutputs,
  STEP_CSV_COLUMNS,
  writeProvisioningLogCsv,
} from "./log-csv.js";
export {
  LOG_ACTIONS,
  LOG_STATUSES,
  type LogAction,
  type LogIdentity,
  type LogRecordContext,
  type ProvisioningLogRecord,
  logActionOf,
  toLogRecord,
} from "./log-record.js";
export {
  type LogPage,
  type LogPageOptions,
  type LogQuery,
  ProvisioningLogStore,
} from "./provisioning-log-store.js";
