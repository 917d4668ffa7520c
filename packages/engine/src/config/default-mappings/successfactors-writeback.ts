/**
 * Built-in mapping set "SuccessFactors Writeback": work email and phones written back
 * to SuccessFactors, matched on personIdExternal. The type ids are option ids of the
 * tenant's `ecEmailType` / `ecPhoneType` picklists; the documented example ids are the
 * defaults and usually have to be replaced. Constants stay Constant mappings, so the
 * mapped primary flags always win (SuccessFactors' current flags cannot be read).
 *
 * Optional documented rows (custom01–15, username, loginMethod, userId) are left out.
 */
import { writebackConfigSchema, type AttributeMappingInput, type WritebackConfig } from "../provisioning-config.js";
import { checkPicklistOptionId } from "./expression-text.js";

export const SUCCESSFACTORS_WRITEBACK_SET_ID = "successfactors-writeback";
export const SUCCESSFACTORS_WRITEBACK_NAME = "SuccessFactors Writeback";

export interface SuccessFactorsWritebackOptions {
  /** Option id of the Business email type in picklist ecEmailType; default "8448". */
  readonly emailTypeId?: string;
  /** Option id of the business phone type in picklist ecPhoneType; default "10605". */
  readonly businessPhoneTypeId?: string;
  /** Option id of the cell phone type in picklist ecPhoneType; default "10606". */
  readonly cellPhoneTypeId?: string;
}

const constant = (target: string, value: string): AttributeMappingInput => ({ type: "Constant", target, value });

/** A fresh, parsed copy of the SuccessFactors Writeback default mapping set. */
export function successFactorsWriteback(options: SuccessFactorsWritebackOptions = {}): WritebackConfig {
  const id = SUCCESSFACTORS_WRITEBACK_SET_ID;
  const emailTypeId = checkPicklistOptionId(id, "emailTypeId", options.emailTypeId ?? "8448");
  const businessPhoneTypeId = checkPicklistOptionId(id, "businessPhoneTypeId", options.businessPhoneTypeId ?? "10605");
  const cellPhoneTypeId = checkPicklistOptionId(id, "cellPhoneTypeId", options.cellPhoneTypeId ?? "10606");

  const mappings: AttributeMappingInput[] = [
    { type: "Direct", source: "employeeID", target: "personIdExternal", matchingPrecedence: 1 },
    // SuccessFactors fails on empty values, so a missing mail or phone sends nothing.
    { type: "Expression", target: "email", expression: "IgnoreFlowIfNullOrEmpty([mail])" },
    constant("emailType", emailTypeId),
    constant("emailIsPrimary", "true"),
    { type: "Expression", target: "businessPhoneNumber", expression: "IgnoreFlowIfNullOrEmpty([telephoneNumber])" },
    constant("businessPhoneType", businessPhoneTypeId),
    constant("businessPhoneIsPrimary", "true"),
    { type: "Expression", target: "cellPhoneNumber", expression: "IgnoreFlowIfNullOrEmpty([mobile])" },
    constant("cellPhoneType", cellPhoneTypeId),
    constant("cellPhoneIsPrimary", "false"),
  ];
  return writebackConfigSchema.parse({ name: SUCCESSFACTORS_WRITEBACK_NAME, mappings });
}
