/** Built-in default mapping sets (Workday / SuccessFactors → AD, and the writeback sets). */
export {
  WORKDAY_TO_AD_NAME,
  WORKDAY_TO_AD_SET_ID,
  workdayToActiveDirectory,
  type WorkdayToActiveDirectoryOptions,
} from "./workday-to-active-directory.js";
export {
  SUCCESSFACTORS_TO_AD_NAME,
  SUCCESSFACTORS_TO_AD_SET_ID,
  successFactorsToActiveDirectory,
  type SuccessFactorsToActiveDirectoryOptions,
} from "./successfactors-to-active-directory.js";
export {
  WORKDAY_WRITEBACK_NAME,
  WORKDAY_WRITEBACK_SET_ID,
  workdayWriteback,
  type WorkdayWritebackOptions,
} from "./workday-writeback.js";
export {
  SUCCESSFACTORS_WRITEBACK_NAME,
  SUCCESSFACTORS_WRITEBACK_SET_ID,
  successFactorsWriteback,
  type SuccessFactorsWritebackOptions,
} from "./successfactors-writeback.js";
export {
  DEFAULT_MAPPING_SETS,
  getDefaultMappingSet,
  isDefaultMappingSetId,
  type DefaultMappingSet,
  type DefaultMappingSetId,
} from "./registry.js";
