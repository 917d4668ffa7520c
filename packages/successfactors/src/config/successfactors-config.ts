/**
 * Connection settings of the SuccessFactors connector, validated with zod. Errors name the bad
 * field, never its value (the password and tokens must not leak into logs).
 *
 * The tenant is either `host` (what Entra's "Tenant URL" field takes: `api4.successfactors.com`,
 * https is added, the service is `/odata/v2/`) or `baseUrl` (a full OData root, e.g. behind a
 * proxy). Plain http is accepted only for loopback hosts, so credentials never travel in clear.
 */
import { z } from "zod";
import {
  DEFAULT_ATTRIBUTE_NAMES,
  SUCCESSFACTORS_CATALOGUE_JSONPATHS,
  type AttributeJsonPaths,
} from "../catalogue/attribute-catalogue.js";
import {
  applyEmploymentSelection,
  EMPLOYMENT_SELECTIONS,
  type EmploymentSelection,
} from "../catalogue/employment-selection.js";
import { SuccessFactorsError } from "../errors/successfactors-error.js";

/** SuccessFactors caps a server page at 1,000 rows. */
export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 100;

export interface TokenRequest {
  /** True after SuccessFactors refused the previous token (HTTP 401): do not serve it from a cache. */
  readonly forceRefresh: boolean;
}
/** Returns an OAuth access token for `Authorization: Bearer …`; called before every request. */
export type TokenProvider = (request: TokenRequest) => string | Promise<string>;

const HOST = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:\d{1,5})?$/;
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const PICKLIST_OPTION_ID = /^\d+$/;

const nonEmpty = (what: string) => z.string().min(1, `${what} is empty`);
const noLineBreaks = (what: string) =>
  nonEmpty(what).refine((value) => !/[\r\n]/.test(value), `${what} must not contain line breaks`);

const basicAuth = z
  .object({
    type: z.literal("basic"),
    /** API user as `username@companyId`, or the bare user name together with `companyId`. */
    username: noLineBreaks("username"),
    password: nonEmpty("password"),
    companyId: noLineBreaks("companyId").optional(),
  })
  .strict();

const bearerAuth = z
  .object({
    type: z.literal("bearer"),
    /** A fixed access token. */
    token: noLineBreaks("token").optional(),
    /** Or a callback that returns a current token (refreshing it as needed). */
    getToken: z.custom<TokenProvider>((value) => typeof value === "function", "getToken must be a function").optional(),
  })
  .strict()
  .refine((auth) => (auth.token === undefined) !== (auth.getToken === undefined), {
    message: "give exactly one of token and getToken",
  });

const jsonPathList = z.record(
  nonEmpty("attribute name"),
  z
    .string()
    .trim()
    .min(1, "JSONPath is empty")
    .refine((path) => path.startsWith("$"), "JSONPath must start with $"),
);

const picklistOptionId = (what: string, fallback: string) =>
  z
    .string()
    .regex(PICKLIST_OPTION_ID, `${what} must be a picklist option id (digits only, no thousands separator)`)
    .default(fallback);

export const successFactorsConfigSchema = z
  .object({
    /** API server host name, as in Entra's Tenant URL field: `api4.successfactors.com`. */
    host: z.string().regex(HOST, "host must be a host name (optionally :port), without scheme or path").optional(),
    /** Or the full OData v2 root, e.g. `https://api4.successfactors.com/odata/v2/`. */
    baseUrl: z.url({ protocol: /^https?$/, error: "baseUrl must be an http(s) URL" }).optional(),
    auth: z.discriminatedUnion("type", [basicAuth, bearerAuth]),
    /** Persons per server page (`customPageSize`). */
    customPageSize: z.int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
    /** Time allowed for one HTTP exchange, body included. */
    timeoutMs: z.int().min(1).max(600_000).default(120_000),
    /** Extra attempts after a transient failure (HTTP 429/5xx, timeout, connection error). */
    retries: z.int().min(0).max(10).default(3),
    retryBaseDelayMs: z.int().min(0).max(60_000).default(1_000),
    retryMaxDelayMs: z.int().min(0).max(600_000).default(30_000),
    /** Largest response body accepted (a runaway page must not exhaust memory). */
    maxResponseBytes: z
      .int()
      .min(1024)
      .max(2 ** 31)
      .default(256 * 1024 * 1024),
    /**
     * The attributes to import: catalogue names (`["firstName", "department"]`) or name →
     * JSONPath. Default: the attributes of Entra's default mapping.
     */
    attributes: z.union([z.array(nonEmpty("attribute name")), jsonPathList]).optional(),
    /** Custom attributes (name → JSONPath) added to, or replacing entries of, the list. */
    extraAttributes: jsonPathList.default({}),
    /** Which employment catalogue attributes read when a person has several. */
    employmentSelection: z.enum(EMPLOYMENT_SELECTIONS).default("first"),
    /** `$expand` entries to add to those derived from the JSONPaths. */
    additionalExpansions: z
      .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/, "must be a navigation path"))
      .default([]),
    /** Re-read a person whose employment starts after the as-of day, as of the start date. */
    preHireLookup: z.boolean().default(true),
    /** Use SuccessFactors' `in` operator like Entra; false sends `eq`/`or`, for tenants that reject `in`. */
    useInOperator: z.boolean().default(true),
    /** Ask for snapshot-based server paging (`paging=snapshot`). */
    snapshotPaging: z.boolean().default(false),
    /** Picklist option ids of the email and phone types written back. */
    writeback: z
      .object({
        emailTypeId: picklistOptionId("emailTypeId", "8448"),
        businessPhoneTypeId: picklistOptionId("businessPhoneTypeId", "10605"),
        cellPhoneTypeId: picklistOptionId("cellPhoneTypeId", "10606"),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    if ((config.host === undefined) === (config.baseUrl === undefined)) {
      ctx.addIssue({ code: "custom", path: ["host"], message: "give exactly one of host and baseUrl" });
    }
    if (config.retryMaxDelayMs < config.retryBaseDelayMs) {
      ctx.addIssue({ code: "custom", path: ["retryMaxDelayMs"], message: "must not be below retryBaseDelayMs" });
    }
    if (config.auth.type === "basic" && !config.auth.username.includes("@") && config.auth.companyId === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["auth", "username"],
        message: "must be username@companyId, or give companyId",
      });
    }
  });

export type SuccessFactorsConfigInput = z.input<typeof successFactorsConfigSchema>;
type ParsedConfig = z.output<typeof successFactorsConfigSchema>;

export type SuccessFactorsAuth =
  | { readonly type: "basic"; readonly username: string; readonly password: string }
  | { readonly type: "bearer"; readonly token: string }
  | { readonly type: "bearer"; readonly getToken: TokenProvider };

/** The validated configuration plus everything derived from it. */
export interface SuccessFactorsConfig
  extends Omit<ParsedConfig, "host" | "baseUrl" | "auth" | "attributes" | "extraAttributes"> {
  /** OData root ending in "/", e.g. `https://api4.successfactors.com/odata/v2/`. */
  readonly baseUrl: string;
  readonly origin: string;
  readonly auth: SuccessFactorsAuth;
  /** The effective attribute list (selection rewrite applied to catalogue attributes). */
  readonly attributes: AttributeJsonPaths;
}

function invalid(problems: readonly string[], fields: readonly string[]): SuccessFactorsError {
  return new SuccessFactorsError(
    "data",
    "InvalidConfiguration",
    `SuccessFactors configuration is not valid: ${problems.join("; ")}`,
    { fields },
  );
}

function resolveBaseUrl(config: ParsedConfig): { baseUrl: string; origin: string } {
  const url = new URL(config.baseUrl ?? `https://${config.host}/odata/v2/`);
  if (url.protocol === "http:" && !LOOPBACK_HOSTS.has(url.hostname)) {
    throw invalid(["baseUrl: plain http is only allowed for loopback hosts; use https"], ["baseUrl"]);
  }
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    throw invalid(["baseUrl: must not carry credentials, a query or a fragment"], ["baseUrl"]);
  }
  let path = url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`;
  if (path === "/") path = "/odata/v2/";
  return { baseUrl: `${url.origin}${path}`, origin: url.origin };
}

function resolveAuth(auth: ParsedConfig["auth"]): SuccessFactorsAuth {
  if (auth.type === "basic") {
    const username = auth.username.includes("@") ? auth.username : `${auth.username}@${auth.companyId}`;
    return { type: "basic", username, password: auth.password };
  }
  return auth.getToken !== undefined
    ? { type: "bearer", getToken: auth.getToken }
    : { type: "bearer", token: auth.token! };
}

function resolveAttributes(config: ParsedConfig, selection: EmploymentSelection): AttributeJsonPaths {
  const fromCatalogue = (names: readonly string[]) => {
    const unknown = names.filter((name) => !Object.hasOwn(SUCCESSFACTORS_CATALOGUE_JSONPATHS, name));
    if (unknown.length > 0) {
      throw invalid(
        [`attributes: ${unknown.map((name) => `"${name}"`).join(", ")} not in the catalogue; give a JSONPath instead`],
        ["attributes"],
      );
    }
    return Object.fromEntries(
      names.map((name) => [name, applyEmploymentSelection(SUCCESSFACTORS_CATALOGUE_JSONPATHS[name]!, selection)]),
    );
  };
  const base = Array.isArray(config.attributes)
    ? fromCatalogue(config.attributes)
    : (config.attributes ?? fromCatalogue(DEFAULT_ATTRIBUTE_NAMES));
  return Object.freeze({ ...base, ...config.extraAttributes });
}

/** Validates raw settings; the error names each bad field but never echoes a value. */
export function parseSuccessFactorsConfig(input: unknown): SuccessFactorsConfig {
  const result = successFactorsConfigSchema.safeParse(input);
  if (!result.success) {
    throw invalid(
      result.error.issues.map((issue) => `${issue.path.join(".") || "(config)"}: ${issue.message}`),
      result.error.issues.map((issue) => issue.path.join(".")),
    );
  }
  const {
    host: _host,
    baseUrl: _baseUrl,
    auth,
    attributes: _attributes,
    extraAttributes: _extra,
    ...rest
  } = result.data;
  return {
    ...rest,
    ...resolveBaseUrl(result.data),
    auth: resolveAuth(auth),
    attributes: resolveAttributes(result.data, rest.employmentSelection),
  };
}
