/** The built-in mapping sets by id, for the CLI (`roster config defaults <id>`) and the API. */
import { RosterError } from "../../errors/error-codes.js";
import type { ProvisioningConfig, WritebackConfig } from "../provisioning-config.js";
import { SUCCESSFACTORS_TO_AD_SET_ID, successFactorsToActiveDirectory } from "./successfactors-to-active-directory.js";
import { SUCCESSFACTORS_WRITEBACK_SET_ID, successFactorsWriteback } from "./successfactors-writeback.js";
import { WORKDAY_TO_AD_SET_ID, workdayToActiveDirectory } from "./workday-to-active-directory.js";
import { WORKDAY_WRITEBACK_SET_ID, workdayWriteback } from "./workday-writeback.js";

interface MappingSetInfo {
  readonly id: string;
  /** One line for listings. */
  readonly description: string;
}

export type DefaultMappingSet =
  | (MappingSetInfo & { readonly kind: "provisioning"; readonly create: () => ProvisioningConfig })
  | (MappingSetInfo & { readonly kind: "writeback"; readonly create: () => WritebackConfig });

export const DEFAULT_MAPPING_SETS = {
  [WORKDAY_TO_AD_SET_ID]: {
    id: WORKDAY_TO_AD_SET_ID,
    kind: "provisioning",
    description: "Workday workers → on-premises Active Directory (tutorial example mappings, WWS v21.1 and v30+).",
    create: () => workdayToActiveDirectory(),
  },
  [SUCCESSFACTORS_TO_AD_SET_ID]: {
    id: SUCCESSFACTORS_TO_AD_SET_ID,
    kind: "provisioning",
    description:
      "SuccessFactors users → on-premises Active Directory (documented defaults plus Roster's UPN/sAMAccountName/cn).",
    create: () => successFactorsToActiveDirectory(),
  },
  [WORKDAY_WRITEBACK_SET_ID]: {
    id: WORKDAY_WRITEBACK_SET_ID,
    kind: "writeback",
    description: "Directory mail and userPrincipalName → Workday EmailAddress and UserID.",
    create: () => workdayWriteback(),
  },
  [SUCCESSFACTORS_WRITEBACK_SET_ID]: {
    id: SUCCESSFACTORS_WRITEBACK_SET_ID,
    kind: "writeback",
    description: "Directory mail and phones → SuccessFactors email and phone records, matched on personIdExternal.",
    create: () => successFactorsWriteback(),
  },
} as const satisfies Record<string, DefaultMappingSet>;

export type DefaultMappingSetId = keyof typeof DEFAULT_MAPPING_SETS;

export function isDefaultMappingSetId(id: string): id is DefaultMappingSetId {
  return Object.hasOwn(DEFAULT_MAPPING_SETS, id);
}

/** The set with `id`; RosterError("InvalidConfiguration") naming the known ids otherwise. */
export function getDefaultMappingSet(id: string): DefaultMappingSet {
  if (!isDefaultMappingSetId(id)) {
    throw new RosterError(
      "InvalidConfiguration",
      `Unknown default mapping set "${id}". Known sets: ${Object.keys(DEFAULT_MAPPING_SETS).join(", ")}.`,
      { setId: id },
    );
  }
  return DEFAULT_MAPPING_SETS[id];
}
