/**
 * URLs of the PerPerson queries. Query option names stay literal (`$filter`); values are
 * percent-encoded, quotes included (`%27`), as SuccessFactors' own clients send them.
 */

export interface PersonQuery {
  readonly filter?: string;
  readonly expand: readonly string[];
  readonly pageSize?: number;
  /** `YYYY-MM-DD`: effective-dated entities as of that day, at every expanded level. */
  readonly asOfDate?: string;
  /** `paging=snapshot`: stable server paging for long exports. */
  readonly snapshot?: boolean;
  readonly top?: number;
  readonly select?: readonly string[];
}

export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replaceAll("'", "%27");
}

/** `{baseUrl}{entitySet}?$format=json&…` with the options in Entra's order. */
export function personQueryUrl(baseUrl: string, query: PersonQuery, entitySet = "PerPerson"): string {
  const options = ["$format=json"];
  if (query.filter !== undefined) options.push(`$filter=${encodeQueryValue(query.filter)}`);
  if (query.asOfDate !== undefined) options.push(`asOfDate=${encodeQueryValue(query.asOfDate)}`);
  if (query.select !== undefined) options.push(`$select=${encodeQueryValue(query.select.join(","))}`);
  if (query.expand.length > 0) options.push(`$expand=${encodeQueryValue(query.expand.join(","))}`);
  if (query.top !== undefined) options.push(`$top=${query.top}`);
  if (query.pageSize !== undefined) options.push(`customPageSize=${query.pageSize}`);
  if (query.snapshot === true) options.push("paging=snapshot");
  return `${baseUrl}${entitySet}?${options.join("&")}`;
}
