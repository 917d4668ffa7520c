/**
 * Connection settings of the Workday connector, validated with zod. The WWS version comes from
 * the endpoint URL the way the Entra app reads it (…/Human_Resources/v34.0 → v34.0; no version →
 * v21.1) unless `version` overrides it, and it selects the default XPath catalogue.
 */
import { RosterError } from "@roster/engine";
import { z } from "zod";
import { hasForbiddenXmlCharacters } from "../xml/xml-characters.js";
import {
  catalogueForVersion,
  isMultiValued,
  xpathOf,
  type AttributeDefinition,
  type AttributeDefinitions,
  type AttributeXPaths,
  type CatalogueVersion,
} from "../catalogue/attribute-catalogue.js";

/** Workday's documented page-size limit for Get_Workers. */
export const MAX_PAGE_SIZE = 999;
export const DEFAULT_WWS_VERSION = "v21.1";

const VERSION_PATTERN = /^v(\d{1,3})\.(\d{1,2})$/;

const xmlText = (what: string) =>
  z
    .string()
    .min(1, `${what} is empty`)
    .refine((value) => !hasForbiddenXmlCharacters(value), `${what} contains control characters XML cannot carry`);

const xpathText = z.string().trim().min(1, "XPath is empty");

/** Attribute name → XPath (single-valued) or { xpath, multiValued }. */
const attributeList = z.record(
  z.string().min(1, "attribute name is empty"),
  z.union([xpathText, z.object({ xpath: xpathText, multiValued: z.boolean().default(false) }).strict()]),
);

export const workdayConfigSchema = z
  .object({
    /** Workday Web Services URL: https://{host}/ccx/service/{tenant}[/Human_Resources[/vNN.N]]. */
    endpoint: z.url({ protocol: /^https?$/, error: "endpoint must be an http(s) URL" }),
    /** Integration system user, `user@tenant`. */
    username: xmlText("username"),
    password: xmlText("password"),
    /** Overrides the version derived from the endpoint, e.g. "v34.0". */
    version: z.string().regex(VERSION_PATTERN, "version must look like v34.0").optional(),
    /** Workers per Get_Workers page (Count). Entra uses 30; Workday accepts 1–999. */
    pageSize: z.int().min(1).max(MAX_PAGE_SIZE).default(30),
    /** Time allowed for one HTTP exchange, body included. */
    timeoutMs: z.int().min(1).max(600_000).default(120_000),
    /** Extra attempts after a transient failure (HTTP 5xx/429, timeout, connection error). */
    retries: z.int().min(0).max(10).default(3),
    retryBaseDelayMs: z.int().min(0).max(60_000).default(1_000),
    retryMaxDelayMs: z.int().min(0).max(600_000).default(30_000),
    /** Attribute name → XPath; replaces the version's catalogue when given. */
    attributes: attributeList.optional(),
    /** Custom attributes added to (or overriding entries of) the attribute list. */
    extraAttributes: attributeList.default({}),
    /**
     * The attributes the provisioning job reads (mappings, scoping, matching, anchor). Only these
     * (plus requiredAttributes) are extracted, and they alone decide the Response_Group; default:
     * the whole attribute list.
     */
    mappedAttributes: z.array(z.string().min(1, "attribute name is empty")).optional(),
    /** Attributes every worker must have (e.g. the matching attribute); a worker without one fails alone. */
    requiredAttributes: z.array(z.string().min(1)).default([]),
    /** Business process types whose transaction-log entries make up the full import. */
    fullImportTransactionTypes: z
      .array(xmlText("transaction type"))
      .min(1)
      .default(["Hire Employee", "Contract Contingent Worker"]),
    /** Re-read a worker whose hire date lies after the as-of date as of that hire date. */
    futureHireLookup: z.boolean().default(true),
    /** Email/phone writeback operation: Change_Work_Contact_Information (v30+) or the legacy one. */
    contactWriteback: z.enum(["change-work-contact", "maintain-contact-legacy"]).default("change-work-contact"),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.retryMaxDelayMs < config.retryBaseDelayMs) {
      ctx.addIssue({ code: "custom", path: ["retryMaxDelayMs"], message: "must not be below retryBaseDelayMs" });
    }
  });

export type WorkdayConfigInput = z.input<typeof workdayConfigSchema>;
type ParsedConfig = z.output<typeof workdayConfigSchema>;

/** The validated configuration plus everything derived from it. */
export interface WorkdayConfig extends Omit<ParsedConfig, "attributes" | "extraAttributes" | "mappedAttributes"> {
  /** Scheme, host and path up to and including /Human_Resources, without a version. */
  readonly serviceUrl: string;
  readonly version: string;
  readonly catalogueVersion: CatalogueVersion;
  /**
   * The attributes extracted, name → XPath: the catalogue (or `attributes`) plus
   * `extraAttributes`, narrowed to `mappedAttributes` and `requiredAttributes` when those are given.
   */
  readonly attributes: AttributeXPaths;
  /** Names among `attributes` defined multi-valued (their values are lists). */
  readonly multiValuedAttributes: readonly string[];
}

/** The extracted attributes as the extractor takes them. */
export function attributeDefinitionsOf(
  config: Pick<WorkdayConfig, "attributes" | "multiValuedAttributes">,
): AttributeDefinitions {
  const definitions: Record<string, AttributeDefinition> = { ...config.attributes };
  for (const name of config.multiValuedAttributes)
    definitions[name] = { xpath: config.attributes[name]!, multiValued: true };
  return definitions;
}

const SERVICE_PATH = /^(.*?\/Human_Resources)(?:\/(v\d{1,3}\.\d{1,2}))?$/;

/** Splits an endpoint URL into the version-less service URL and the version it names, if any. */
export function parseEndpoint(endpoint: string): { serviceUrl: string; urlVersion: string | undefined } {
  const url = new URL(endpoint);
  const path = url.pathname.replace(/\/+$/, "");
  const match = SERVICE_PATH.exec(path);
  const servicePath = match ? match[1]! : `${path}/Human_Resources`;
  return { serviceUrl: `${url.origin}${servicePath}`, urlVersion: match?.[2] };
}

export function catalogueVersionOf(version: string): CatalogueVersion {
  const major = Number(VERSION_PATTERN.exec(version)?.[1] ?? "0");
  return major >= 30 ? "v30+" : "v21.1";
}

/** True when `version` is the same as or later than `minimum` (both "vNN.N"). */
export function versionAtLeast(version: string, minimum: string): boolean {
  const [major = 0, minor = 0] = VERSION_PATTERN.exec(version)?.slice(1).map(Number) ?? [];
  const [minMajor = 0, minMinor = 0] = VERSION_PATTERN.exec(minimum)?.slice(1).map(Number) ?? [];
  return major !== minMajor ? major > minMajor : minor >= minMinor;
}

/** Validates raw settings; the error names each bad field but never echoes a value. */
export function parseWorkdayConfig(input: unknown): WorkdayConfig {
  const result = workdayConfigSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "(config)"}: ${issue.message}`);
    throw new RosterError("InvalidConfiguration", `Workday configuration is not valid: ${problems.join("; ")}`, {
      fields: result.error.issues.map((issue) => issue.path.join(".")),
    });
  }
  const { attributes, extraAttributes, mappedAttributes, ...rest } = result.data;
  const { serviceUrl, urlVersion } = parseEndpoint(rest.endpoint);
  const version = rest.version ?? urlVersion ?? DEFAULT_WWS_VERSION;
  const catalogueVersion = catalogueVersionOf(version);
  const available: AttributeDefinitions = {
    ...(attributes ?? catalogueForVersion(catalogueVersion)),
    ...extraAttributes,
  };
  checkNamesExist("requiredAttributes", rest.requiredAttributes, available);
  let names = Object.keys(available);
  if (mappedAttributes !== undefined) {
    checkNamesExist("mappedAttributes", mappedAttributes, available);
    const wanted = new Set([...mappedAttributes, ...rest.requiredAttributes]);
    names = names.filter((name) => wanted.has(name));
  }
  const xpaths: Record<string, string> = {};
  const multiValuedAttributes: string[] = [];
  for (const name of names) {
    xpaths[name] = xpathOf(available[name]!);
    if (isMultiValued(available[name]!)) multiValuedAttributes.push(name);
  }
  return {
    ...rest,
    serviceUrl,
    version,
    catalogueVersion,
    attributes: Object.freeze(xpaths),
    multiValuedAttributes: Object.freeze(multiValuedAttributes),
  };
}

function checkNamesExist(field: string, names: readonly string[], available: AttributeDefinitions): void {
  const missing = names.filter((name) => !Object.hasOwn(available, name));
  if (missing.length === 0) return;
  throw new RosterError(
    "InvalidConfiguration",
    `Workday configuration is not valid: ${field} names ${missing.map((name) => `"${name}"`).join(", ")}, which the attribute list does not contain`,
    { fields: [field] },
  );
}
