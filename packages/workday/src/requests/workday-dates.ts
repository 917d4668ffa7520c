/**
 * Dates as the Get_Workers schema types them: Response_Filter/As_Of_Effective_Date is an xs:date,
 * As_Of_Entry_DateTime and the transaction-log window bounds are xs:dateTime. An as-of moment may
 * be given as a Date (an instant: its UTC date is the effective date) or as Workday text
 * ("2024-07-01-07:00" or "2024-07-01T08:00:00+00:00"), which keeps its own offset.
 */
import { RosterError } from "@roster/engine";

export type AsOf = Date | string;

export interface AsOfMoments {
  /** xs:date, e.g. "2024-06-03Z" or "2024-07-01-07:00". */
  readonly effectiveDate: string;
  /** xs:dateTime, e.g. "2024-06-03T14:40:00.000Z". */
  readonly entryDateTime: string;
}

const XS_DATE = /^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$/;
const XS_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:\d{2})?$/;

function invalid(field: string, detail: string): RosterError {
  return new RosterError("InvalidRequest", `${field} ${detail}`, { field });
}

function checkedInstant(value: Date, field: string): Date {
  if (Number.isNaN(value.getTime())) throw invalid(field, "is not a valid date");
  return value;
}

/** The calendar date must exist (no 2024-02-30). */
function checkCalendarDate(date: string, field: string): void {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw invalid(field, `has no such calendar date: ${date}`);
  }
}

export function formatDateTime(value: Date, field = "date"): string {
  return checkedInstant(value, field).toISOString();
}

/** xs:dateTime text for a window bound given as a Date or as xs:dateTime/xs:date text. */
export function toDateTime(value: AsOf, field: string): string {
  return asOfMoments(value, field).entryDateTime;
}

export function asOfMoments(asOf: AsOf, field = "asOf"): AsOfMoments {
  if (asOf instanceof Date) {
    const iso = formatDateTime(asOf, field);
    return { effectiveDate: `${iso.slice(0, 10)}Z`, entryDateTime: iso };
  }
  const text = asOf.trim();
  const date = XS_DATE.exec(text);
  if (date) {
    checkCalendarDate(date[1]!, field);
    return { effectiveDate: text, entryDateTime: `${date[1]!}T00:00:00${date[2] ?? ""}` };
  }
  const dateTime = XS_DATE_TIME.exec(text);
  if (dateTime) {
    checkCalendarDate(dateTime[1]!, field);
    return { effectiveDate: `${dateTime[1]!}${dateTime[3] ?? ""}`, entryDateTime: text };
  }
  throw invalid(field, `must be a Date or an xs:date / xs:dateTime text, not "${text}"`);
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

/** The instant an as-of value stands for (a date stands for its start). */
function instantOf(asOf: AsOf): number {
  if (asOf instanceof Date) return asOf.getTime();
  const { entryDateTime } = asOfMoments(asOf);
  const match = XS_DATE_TIME.exec(entryDateTime)!;
  return Date.parse(`${match[1]!}T${match[2]!}Z`) - offsetMinutes(match[3]) * 60_000;
}

/**
 * True when a Workday Hire_Date ("2024-07-01-07:00") lies after the as-of moment, comparing
 * calendar dates in the hire date's own offset. Unreadable hire dates count as not future.
 */
export function isAfterAsOf(hireDate: string, asOf: AsOf): boolean {
  const match = XS_DATE.exec(hireDate.trim());
  if (!match) return false;
  const offset = offsetMinutes(match[2]);
  const asOfLocalDate = new Date(instantOf(asOf) + offset * 60_000).toISOString().slice(0, 10);
  return match[1]! > asOfLocalDate;
}
