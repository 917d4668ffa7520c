/**
 * OData v2 literals for `$filter`: `datetimeoffset'2024-06-03T15:00:00Z'` for Edm.DateTimeOffset
 * properties (lastModifiedDateTime), `datetime'2024-06-01T00:00:00'` for Edm.DateTime ones
 * (startDate, endDate, latestTerminationDate), and quoted strings with `'` doubled.
 */

/** ISO UTC without milliseconds unless they are non-zero. */
function isoUtc(moment: Date): string {
  const iso = moment.toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}

export function dateTimeOffsetLiteral(moment: Date): string {
  return `datetimeoffset'${isoUtc(moment)}'`;
}

/** Edm.DateTime has no zone; SuccessFactors reads it as UTC. */
export function dateTimeLiteral(moment: Date): string {
  return `datetime'${isoUtc(moment).slice(0, -1)}'`;
}

export function stringLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** `YYYY-MM-DD` of the UTC calendar day, as `asOfDate` takes it. */
export function isoDay(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}
