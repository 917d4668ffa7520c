/**
 * OData v2 JSON dates: `Edm.DateTime` is `/Date(<ms since epoch, UTC>)/` and `Edm.DateTimeOffset`
 * is `/Date(<ms>±hhmm)/`, where the milliseconds are the UTC instant and the offset only says in
 * which zone the value was recorded. Both become ISO 8601 text: `2023-06-01T00:00:00Z`, or local
 * time with the offset (`2024-06-03T17:00:00+02:00`) when a non-zero offset was sent, so the
 * instant and the zone survive. Milliseconds appear only when non-zero.
 */

const ODATA_DATE = /^\/Date\((-?\d{1,16})(?:([+-])(\d{2})(\d{2}))?\)\/$/;
/** ECMAScript's Date range. */
const MAX_EPOCH_MS = 8.64e15;
const MS_PER_MINUTE = 60_000;
const SLASH = 0x2f;

/** Cheap pre-check used on every extracted string: only these can be OData dates. */
export function looksLikeODataDate(text: string): boolean {
  return text.length > 8 && text.charCodeAt(0) === SLASH && text.startsWith("/Date(");
}

/** ISO text of an OData date, or undefined when `text` is not a well-formed one. */
export function parseODataDate(text: string): string | undefined {
  const match = ODATA_DATE.exec(text);
  if (match === null) return undefined;
  const ms = Number(match[1]);
  if (!Number.isSafeInteger(ms) || Math.abs(ms) > MAX_EPOCH_MS) return undefined;
  const sign = match[2];
  if (sign === undefined) return isoUtc(ms);
  const hours = Number(match[3]);
  const minutes = Number(match[4]);
  if (hours > 23 || minutes > 59) return undefined;
  const offsetMinutes = (sign === "-" ? -1 : 1) * (hours * 60 + minutes);
  if (offsetMinutes === 0) return isoUtc(ms);
  const shifted = ms + offsetMinutes * MS_PER_MINUTE;
  if (Math.abs(shifted) > MAX_EPOCH_MS) return undefined;
  const local = isoUtc(shifted);
  return `${local.slice(0, -1)}${sign}${match[3]}:${match[4]}`;
}

function isoUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}
