/**
 * Built-in mapping set "Workday Writeback": directory values written back to Workday
 * (work email and username; work phones on request). Sources are directory attributes.
 *
 * Workday rejects null and "" (empty values are never cleared, they fail), so every
 * row derived from a directory attribute is wrapped in IgnoreFlowIfNullOrEmpty, as the
 * writeback troubleshooting guide advises.
 */
import { writebackConfigSchema, type AttributeMappingInput, type WritebackConfig } from "../provisioning-config.js";

export const WORKDAY_WRITEBACK_SET_ID = "workday-writeback";
export const WORKDAY_WRITEBACK_NAME = "Workday Writeback";

export interface WorkdayWritebackOptions {
  /**
   * Also write the work landline (telephoneNumber) and mobile (mobile) back. Off by
   * default: the phone rows are optional in the tutorial and need numbers in the
   * "+<country code> <number>[ x<extension>]" form.
   */
  readonly includePhones?: boolean;
}

// Roster's phone parsing. Every pattern matches the whole value, so a number without
// the expected part yields "" (and the row is skipped) instead of the unchanged input.
const countryCodeNumber = (attribute: string) =>
  String.raw`Replace([${attribute}], , "^(?:\\+(?<isdCode>\\d+)[ -])?.*$", , "${"$"}{isdCode}", , )`;

const localNumber = (attribute: string) =>
  String.raw`Replace(Replace([${attribute}], , "^(?:\\+\\d+[ -])?(?<phoneNumber>.*?)(?:\\s*x\\d+)?$", , "${"$"}{phoneNumber}", , ), , "[()\\s-]+", , "", , )`;

const extension = (attribute: string) =>
  String.raw`Replace([${attribute}], , "^.*?(?:\\s*x(?<extension>\\d+))?$", , "${"$"}{extension}", , )`;

// Calling code → ISO 3166-1 alpha-3, a short list of common codes; extend it for the
// tenant's countries. Unknown codes give "" and the row is skipped.
const CALLING_CODE_COUNTRIES: readonly (readonly [string, string])[] = [
  ["1", "USA"],
  ["44", "GBR"],
  ["49", "DEU"],
  ["33", "FRA"],
  ["34", "ESP"],
  ["39", "ITA"],
  ["31", "NLD"],
  ["41", "CHE"],
  ["46", "SWE"],
  ["91", "IND"],
  ["61", "AUS"],
  ["81", "JPN"],
  ["86", "CHN"],
  ["55", "BRA"],
  ["52", "MEX"],
];

const countryCodeName = (attribute: string) =>
  `Switch(${countryCodeNumber(attribute)}, ""${CALLING_CODE_COUNTRIES.map(([code, iso]) => `, "${code}", "${iso}"`).join("")})`;

/** "true"/"false" only when the phone attribute has a value, so an empty phone sends nothing. */
const isPrimary = (attribute: string, primary: boolean) =>
  `Switch([${attribute}], "${primary ? "true" : "false"}", "", "")`;

const ignoreIfEmpty = (expression: string) => `IgnoreFlowIfNullOrEmpty(${expression})`;

function phoneMappings(kind: "Landline" | "Mobile", attribute: string, primary: boolean): AttributeMappingInput[] {
  const rows: AttributeMappingInput[] = [
    {
      type: "Expression",
      target: `Workphone${kind}IsPrimary`,
      expression: ignoreIfEmpty(isPrimary(attribute, primary)),
    },
    {
      type: "Expression",
      target: `Workphone${kind}CountryCodeName`,
      expression: ignoreIfEmpty(countryCodeName(attribute)),
    },
    {
      type: "Expression",
      target: `Workphone${kind}CountryCodeNumber`,
      expression: ignoreIfEmpty(countryCodeNumber(attribute)),
    },
    { type: "Expression", target: `Workphone${kind}Number`, expression: ignoreIfEmpty(localNumber(attribute)) },
  ];
  if (kind === "Landline") {
    rows.push({
      type: "Expression",
      target: "WorkphoneLandlineExtension",
      expression: ignoreIfEmpty(extension(attribute)),
    });
  }
  return rows;
}

/** A fresh, parsed copy of the Workday Writeback default mapping set. */
export function workdayWriteback(options: WorkdayWritebackOptions = {}): WritebackConfig {
  const mappings: AttributeMappingInput[] = [
    { type: "Expression", target: "EmailAddress", expression: "IgnoreFlowIfNullOrEmpty([mail])" },
    { type: "Expression", target: "UserID", expression: "IgnoreFlowIfNullOrEmpty([userPrincipalName])" },
  ];
  if (options.includePhones === true) {
    mappings.push(...phoneMappings("Landline", "telephoneNumber", true), ...phoneMappings("Mobile", "mobile", false));
  }
  return writebackConfigSchema.parse({ name: WORKDAY_WRITEBACK_NAME, mappings });
}
