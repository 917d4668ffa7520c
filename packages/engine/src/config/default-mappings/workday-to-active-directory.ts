/**
 * Built-in mapping set "Synchronize Workday Workers to On Premises Active Directory":
 * the example mappings of the Workday inbound tutorial, which are the closest thing to
 * a shipped default. Expressions are kept verbatim (including their spacing) so the set
 * behaves like the documented one; only the UPN suffix and the fallback OU can be
 * replaced through options.
 *
 * Attribute names are the same for WWS v21.1 and v30+ (only the XPaths differ, and
 * those live in the Workday connector), so this one set serves both API versions.
 */
import {
  provisioningConfigSchema,
  type AttributeMappingInput,
  type ProvisioningConfig,
} from "../provisioning-config.js";
import { checkContainerDn, checkUpnDomain, expressionStringLiteral } from "./expression-text.js";

export const WORKDAY_TO_AD_SET_ID = "workday-to-ad";
export const WORKDAY_TO_AD_NAME = "Synchronize Workday Workers to On Premises Active Directory";

/** The tutorial's placeholders, replaced when the matching option is given. */
export const WORKDAY_EXAMPLE_UPN_DOMAIN = "contoso.com";
export const WORKDAY_EXAMPLE_DEFAULT_OU = "OU=Default Users,DC=contoso,DC=com";

export interface WorkdayToActiveDirectoryOptions {
  /** UPN suffix used by the SelectUniqueValue candidates; default "contoso.com". */
  readonly upnDomain?: string;
  /**
   * OU for workers whose Municipality has no OU of its own: the Switch default and the
   * job's "Active Directory Container". Default "OU=Default Users,DC=contoso,DC=com".
   */
  readonly defaultContainer?: string;
}

// Verbatim from the tutorial; the domain literal is swapped for the option below.
const UPN_EXPRESSION =
  'SelectUniqueValue( Join("@", Join(".",  [FirstName], [LastName]), "contoso.com"), Join("@", Join(".",  Mid([FirstName], 1, 1), [LastName]), "contoso.com"), Join("@", Join(".",  Mid([FirstName], 1, 2), [LastName]), "contoso.com"))';

// Drops the characters AD forbids in sAMAccountName, keeps 20 characters, then strips trailing dots.
const SAM_ACCOUNT_NAME_EXPRESSION = String.raw`Replace(Mid(Replace([UserID], , "([\\/\\\\\\[\\]\\:\\;\\|\\=\\,\\+\\*\\?\\<\\>])", , "", , ), 1, 20), , "(\\.)*$", , "", , )`;

const ACCOUNT_DISABLED_EXPRESSION = 'Switch([Active], , "0", "True", "1", "False")';

const PARENT_DN_EXPRESSION =
  'Switch([Municipality], "OU=Default Users,DC=contoso,DC=com", "Dallas", "OU=Dallas,OU=Users,DC=contoso,DC=com", "Austin", "OU=Austin,OU=Users,DC=contoso,DC=com", "Seattle", "OU=Seattle,OU=Users,DC=contoso,DC=com", "London", "OU=London,OU=Users,DC=contoso,DC=com")';

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

/** A fresh, parsed copy of the Workday → AD default mapping set. */
export function workdayToActiveDirectory(options: WorkdayToActiveDirectoryOptions = {}): ProvisioningConfig {
  const upnDomain = checkUpnDomain(WORKDAY_TO_AD_SET_ID, options.upnDomain ?? WORKDAY_EXAMPLE_UPN_DOMAIN);
  const defaultContainer = checkContainerDn(
    WORKDAY_TO_AD_SET_ID,
    options.defaultContainer ?? WORKDAY_EXAMPLE_DEFAULT_OU,
  );

  const mappings: AttributeMappingInput[] = [
    { ...direct("WorkerID", "employeeID", "OnlyOnCreate"), matchingPrecedence: 1 },
    direct("PreferredNameData", "cn", "OnlyOnCreate"),
    {
      type: "Expression",
      expression: UPN_EXPRESSION.replaceAll(
        expressionStringLiteral(WORKDAY_EXAMPLE_UPN_DOMAIN),
        expressionStringLiteral(upnDomain),
      ),
      target: "userPrincipalName",
      apply: "OnlyOnCreate",
    },
    { type: "Expression", expression: SAM_ACCOUNT_NAME_EXPRESSION, target: "sAMAccountName", apply: "OnlyOnCreate" },
    { type: "Expression", expression: ACCOUNT_DISABLED_EXPRESSION, target: "accountDisabled", apply: "Always" },
    direct("FirstName", "givenName"),
    direct("LastName", "sn"),
    direct("PreferredNameData", "displayName"),
    direct("Company", "company"),
    direct("SupervisoryOrganization", "department"),
    // A reference: the value is the manager's WID, resolved to the manager's account by the planner.
    direct("ManagerReference", "manager"),
    direct("BusinessTitle", "title"),
    direct("AddressLineData", "streetAddress"),
    direct("Municipality", "l"),
    direct("CountryReferenceTwoLetter", "co"),
    direct("CountryReferenceTwoLetter", "c"),
    direct("CountryRegionReference", "st"),
    direct("WorkSpaceReference", "physicalDeliveryOfficeName"),
    direct("PostalCode", "postalCode"),
    direct("PrimaryWorkTelephone", "telephoneNumber"),
    direct("Fax", "facsimileTelephoneNumber"),
    direct("Mobile", "mobile"),
    direct("LocalReference", "preferredLanguage"),
    {
      type: "Expression",
      expression: PARENT_DN_EXPRESSION.replace(
        expressionStringLiteral(WORKDAY_EXAMPLE_DEFAULT_OU),
        expressionStringLiteral(defaultContainer),
      ),
      target: "parentDistinguishedName",
      apply: "Always",
    },
  ];

  return provisioningConfigSchema.parse({
    name: WORKDAY_TO_AD_NAME,
    sourceAnchorAttribute: "WID",
    referenceAttributes: ["manager"],
    defaultContainer,
    mappings,
    scopingFilters: [],
    // For HR → AD the "delete" action is the disable of workers that leave scope; accounts are never removed.
    targetObjectActions: { create: true, update: true, delete: true },
    skipOutOfScopeDeletions: false,
  });
}
