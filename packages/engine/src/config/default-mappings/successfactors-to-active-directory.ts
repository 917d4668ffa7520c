/**
 * Built-in mapping set "Synchronize SuccessFactors Users to On Premises Active Directory":
 * the documented SuccessFactors default attribute mapping, adapted for an AD target.
 *
 * The documentation leaves gaps, which Roster fills as follows (Roster's choices, not
 * documented defaults):
 * - accountDisabled instead of Entra's accountEnabled, with the reference's Switch.
 * - streetAddress and postalCode are listed twice (User addressLine1/zipCode and the
 *   EmpJob location's officeLocationAddress/officeLocationZipCode). We map the User
 *   fields: l, st and co also come from User, so the whole postal address is one
 *   record's, and no extra location expansion has to be fetched for every worker.
 * - No UPN, cn or OU mapping is documented. cn is the display name (falling back to
 *   "first last", cut to AD's 64 characters); UPN and sAMAccountName use the
 *   SelectUniqueValue recipes of the HR guides (diacritics normalised, spaces removed,
 *   forbidden sAMAccountName characters dropped). User.username is not mapped to
 *   sAMAccountName: it is the SuccessFactors login, which often breaks AD's
 *   20-character and character-set rules.
 * - Apply mode is undocumented: identifiers (employeeID, cn, UPN, sAMAccountName) are
 *   written on create only, like the Workday set; everything else always.
 * - New accounts go to `defaultContainer` (a placeholder to be replaced).
 */
import {
  provisioningConfigSchema,
  type AttributeMappingInput,
  type ProvisioningConfig,
} from "../provisioning-config.js";
import { checkContainerDn, checkUpnDomain, expressionStringLiteral } from "./expression-text.js";

export const SUCCESSFACTORS_TO_AD_SET_ID = "successfactors-to-ad";
export const SUCCESSFACTORS_TO_AD_NAME = "Synchronize SuccessFactors Users to On Premises Active Directory";

export const SUCCESSFACTORS_EXAMPLE_UPN_DOMAIN = "contoso.com";
export const SUCCESSFACTORS_PLACEHOLDER_CONTAINER = "OU=Users,DC=contoso,DC=com";

export interface SuccessFactorsToActiveDirectoryOptions {
  /** UPN suffix; default "contoso.com". */
  readonly upnDomain?: string;
  /** The "Active Directory Container" for new accounts; default "OU=Users,DC=contoso,DC=com". */
  readonly defaultContainer?: string;
}

const SAM_FORBIDDEN_CHARACTERS = String.raw`"([\\/\\\\\\[\\]\\:\\;\\|\\=\\,\\+\\*\\?\\<\\>])"`;

/** "first.last@domain", then "f.last@domain", then "fi.last@domain". */
function upnExpression(domain: string): string {
  const candidate = (first: string) =>
    `Join("@", NormalizeDiacritics(StripSpaces(Join(".", ${first}, [lastName]))), ${expressionStringLiteral(domain)})`;
  return `SelectUniqueValue(${candidate("[firstName]")}, ${candidate("Mid([firstName], 1, 1)")}, ${candidate("Mid([firstName], 1, 2)")})`;
}

/** 1, 2, then 3 letters of the first name plus the last name, sanitised and cut to 20 characters. */
function samAccountNameExpression(): string {
  const candidate = (letters: number) =>
    String.raw`Replace(Mid(Replace(NormalizeDiacritics(StripSpaces(Join("", Mid([firstName], 1, ${letters}), [lastName]))), , ${SAM_FORBIDDEN_CHARACTERS}, , "", , ), 1, 20), , "(\\.)*$", , "", , )`;
  return `SelectUniqueValue(${candidate(1)}, ${candidate(2)}, ${candidate(3)})`;
}

const CN_EXPRESSION = `Mid(Switch([displayName], [displayName], "", Join(" ", [firstName], [lastName])), 1, 64)`;

const ACCOUNT_DISABLED_EXPRESSION = `Switch([activeEmploymentsCount], "False", "0", "True")`;

const direct = (
  source: string,
  target: string,
  apply: "Always" | "OnlyOnCreate" = "Always",
): AttributeMappingInput => ({
  type: "Direct",
  source,
  target,
  apply,
});

/** A fresh, parsed copy of the SuccessFactors → AD default mapping set. */
export function successFactorsToActiveDirectory(
  options: SuccessFactorsToActiveDirectoryOptions = {},
): ProvisioningConfig {
  const upnDomain = checkUpnDomain(SUCCESSFACTORS_TO_AD_SET_ID, options.upnDomain ?? SUCCESSFACTORS_EXAMPLE_UPN_DOMAIN);
  const defaultContainer = checkContainerDn(
    SUCCESSFACTORS_TO_AD_SET_ID,
    options.defaultContainer ?? SUCCESSFACTORS_PLACEHOLDER_CONTAINER,
  );

  const mappings: AttributeMappingInput[] = [
    { ...direct("personIdExternal", "employeeID", "OnlyOnCreate"), matchingPrecedence: 1 },
    { type: "Expression", expression: CN_EXPRESSION, target: "cn", apply: "OnlyOnCreate" },
    { type: "Expression", expression: upnExpression(upnDomain), target: "userPrincipalName", apply: "OnlyOnCreate" },
    { type: "Expression", expression: samAccountNameExpression(), target: "sAMAccountName", apply: "OnlyOnCreate" },
    { type: "Expression", expression: ACCOUNT_DISABLED_EXPRESSION, target: "accountDisabled", apply: "Always" },
    direct("displayName", "displayName"),
    direct("firstName", "givenName"),
    direct("lastName", "sn"),
    direct("addressLine1", "streetAddress"),
    direct("city", "l"),
    direct("country", "co"),
    direct("state", "st"),
    direct("zipCode", "postalCode"),
    direct("emailAddress", "mail"),
    direct("jobTitle", "title"),
    // A reference: the manager's personIdExternal, resolved to the manager's account by the planner.
    direct("managerId", "manager"),
    direct("twoCharCountryCode", "c"),
    direct("department", "department"),
    direct("division", "company"),
  ];

  return provisioningConfigSchema.parse({
    name: SUCCESSFACTORS_TO_AD_NAME,
    sourceAnchorAttribute: "perPersonUuid",
    referenceAttributes: ["manager"],
    defaultContainer,
    mappings,
    scopingFilters: [],
    // For HR → AD the "delete" action is the disable of workers that leave scope; accounts are never removed.
    targetObjectActions: { create: true, update: true, delete: true },
    skipOutOfScopeDeletions: false,
  });
}
