/**
 * Proleptic Gregorian calendar arithmetic on UTC day numbers (days since 1970-01-01).
 * Written out instead of using Date.UTC, which maps years 0–99 to 1900–1999 and
 * allocates; .NET dates span years 1–9999.
 */
export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
/** 100-ns ticks per millisecond. */
export const TICKS_PER_MS = 10_000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** Day number of a civil date (month 1–12). Valid for any year, including years before 1970. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export interface CivilDate {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
}

/** Inverse of daysFromCivil. */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function dayOfWeek(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/** Day number of an epoch-millisecond value (floor, so times before 1970 land on the right day). */
export function dayNumber(epochMs: number): number {
  return Math.floor(epochMs / MS_PER_DAY);
}

/** 0001-01-01T00:00:00 and 9999-12-31T23:59:59.999, the range of .NET DateTime. */
export const MIN_EPOCH_MS = daysFromCivil(1, 1, 1) * MS_PER_DAY;
export const MAX_EPOCH_MS = daysFromCivil(10_000, 1, 1) * MS_PER_DAY - 1;

export function isInDateTimeRange(epochMs: number): boolean {
  return epochMs >= MIN_EPOCH_MS && epochMs <= MAX_EPOCH_MS;
}

/** Epoch milliseconds of a validated civil date and time of day. */
export function epochMsOf(year: number, month: number, day: number, msOfDay: number): number {
  return daysFromCivil(year, month, day) * MS_PER_DAY + msOfDay;
}

/** Two-digit years follow .NET's invariant calendar: 00–49 → 20xx, 50–99 → 19xx (TwoDigitYearMax 2049). */
export function expandTwoDigitYear(twoDigits: number): number {
  return twoDigits <= 49 ? 2000 + twoDigits : 1900 + twoDigits;
}
