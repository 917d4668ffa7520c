/**
 * Time as the simulated tenant shows it. Workday evaluates dates for the integration user in US
 * Pacific time; the simulator uses a fixed Pacific standard offset, so a calendar date D starts
 * at D 08:00 UTC and dates render as "D-08:00".
 */
export const TENANT_UTC_OFFSET = "-08:00";
const OFFSET_MS = -8 * 3_600_000;

/** xs:date with the tenant offset, e.g. "2021-03-15-08:00". */
export function tenantDate(date: string): string {
  return `${date}${TENANT_UTC_OFFSET}`;
}

/** xs:dateTime in tenant local time, e.g. "2024-06-03T07:21:09.311-08:00". */
export function tenantDateTime(iso: string): string {
  const local = new Date(Date.parse(iso) + OFFSET_MS).toISOString();
  return `${local.slice(0, 23)}${TENANT_UTC_OFFSET}`;
}

/** The tenant's calendar date at an instant. */
export function tenantToday(instant: number): string {
  return new Date(instant + OFFSET_MS).toISOString().slice(0, 10);
}

const XS_DATE = /^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$/;
const XS_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Parses xs:date / xs:dateTime text (any fraction length, with or without offset; no offset means
 * the tenant's) into the calendar date it names and the instant it stands for.
 */
export function parseXsMoment(text: string): { date: string; instant: number } | undefined {
  const value = text.trim();
  const date = XS_DATE.exec(value);
  if (date) {
    const zone = date[2] ?? TENANT_UTC_OFFSET;
    const instant = Date.parse(`${date[1]!}T00:00:00${zone}`);
    return Number.isNaN(instant) ? undefined : { date: date[1]!, instant };
  }
  const dateTime = XS_DATE_TIME.exec(value);
  if (dateTime) {
    const fraction = (dateTime[3] ?? ".000").padEnd(4, "0").slice(0, 4);
    const zone = dateTime[4] ?? TENANT_UTC_OFFSET;
    const instant = Date.parse(`${dateTime[1]!}T${dateTime[2]!}${fraction}${zone}`);
    return Number.isNaN(instant) ? undefined : { date: tenantToday(instant), instant };
  }
  return undefined;
}
