/**
 * The intervals of DateAdd and DateDiff (VB semantics): yyyy year, m month, d day,
 * ww week, h hour, n minute, s second. Interval names are matched case-insensitively,
 * as VB does; m (month) and n (minute) stay distinct.
 */
import type { DotNetDateTime } from "../dotnet-date-format.js";
import {
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  civilFromDays,
  dayNumber,
  daysInMonth,
  epochMsOf,
  isInDateTimeRange,
} from "./date-calendar.js";

export type DateInterval = "yyyy" | "m" | "d" | "ww" | "h" | "n" | "s";

const INTERVALS: ReadonlyMap<string, DateInterval> = new Map(
  (["yyyy", "m", "d", "ww", "h", "n", "s"] as const).map((i) => [i, i] as const),
);

export const INTERVAL_LIST =
  'one of "yyyy" (year), "m" (month), "d" (day), "ww" (week), "h" (hour), "n" (minute), "s" (second)';

export function parseInterval(text: string): DateInterval | undefined {
  return INTERVALS.get(text.toLowerCase());
}

/** Length of the fixed-size intervals in milliseconds. */
const FIXED_MS: Readonly<Record<Exclude<DateInterval, "yyyy" | "m">, number>> = {
  d: MS_PER_DAY,
  ww: 7 * MS_PER_DAY,
  h: MS_PER_HOUR,
  n: MS_PER_MINUTE,
  s: MS_PER_SECOND,
};

/** .NET AddMonths: the day of month is kept, clamped to the end of a shorter month. */
function addMonths(value: DotNetDateTime, months: number): DotNetDateTime | undefined {
  const days = dayNumber(value.epochMs);
  const msOfDay = value.epochMs - days * MS_PER_DAY;
  const date = civilFromDays(days);
  const total = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  if (year < 1 || year > 9999) return undefined;
  const day = Math.min(date.day, daysInMonth(year, month));
  return { ...value, epochMs: epochMsOf(year, month, day, msOfDay) };
}

/** `value` moved by `amount` intervals; undefined when the result leaves years 1–9999. */
export function addInterval(value: DotNetDateTime, interval: DateInterval, amount: number): DotNetDateTime | undefined {
  if (interval === "yyyy") return addMonths(value, amount * 12);
  if (interval === "m") return addMonths(value, amount);
  const epochMs = value.epochMs + amount * FIXED_MS[interval];
  return isInDateTimeRange(epochMs) ? { ...value, epochMs } : undefined;
}

/** Sunday-based week number: 1970-01-04 (a Sunday) starts week 1. */
function weekNumber(epochMs: number): number {
  return Math.floor((dayNumber(epochMs) + 4) / 7);
}

/**
 * DateDiff: positive when `b` is later than `a`. d/h/n/s count whole elapsed units,
 * truncated toward zero; m and yyyy count calendar month/year boundaries; ww counts
 * Sunday-start week boundaries.
 */
export function diffInterval(interval: DateInterval, a: DotNetDateTime, b: DotNetDateTime): number {
  switch (interval) {
    case "yyyy":
    case "m": {
      const da = civilFromDays(dayNumber(a.epochMs));
      const db = civilFromDays(dayNumber(b.epochMs));
      const years = db.year - da.year;
      return interval === "yyyy" ? years : years * 12 + db.month - da.month;
    }
    case "ww":
      return weekNumber(b.epochMs) - weekNumber(a.epochMs);
    default: {
      const unit = FIXED_MS[interval];
      const elapsedMs = b.epochMs - a.epochMs;
      const whole = Math.trunc(elapsedMs / unit);
      // Sub-millisecond ticks only matter when the milliseconds sit exactly on a unit boundary.
      if (elapsedMs % unit === 0) {
        const subTicks = b.subMsTicks - a.subMsTicks;
        if (whole > 0 && subTicks < 0) return whole - 1;
        if (whole < 0 && subTicks > 0) return whole + 1;
      }
      return whole === 0 ? 0 : whole;
    }
  }
}
