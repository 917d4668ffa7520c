/**
 * The `$filter` texts of the PerPerson queries, as Entra sends them (see docs/successfactors.md).
 * A filter on a navigation path means "any related row matches".
 *
 * Differences from Entra's published incremental template, on purpose:
 * - the `or` missing between the employment-edit and job-start clauses is there;
 * - Edm.DateTime properties (startDate, endDate, latestTerminationDate) are compared with
 *   `datetime'…'` literals and Edm.DateTimeOffset ones (lastModifiedDateTime) with
 *   `datetimeoffset'…'`, the literal kind each property type takes;
 * - "yesterday" for the termination clause is the UTC calendar day before `through`, up to its
 *   last second, so today's terminations are not caught a day early.
 */
import { dateTimeLiteral, dateTimeOffsetLiteral, stringLiteral } from "./odata-literals.js";

/** Every person with employment data, active or terminated. */
export const HAS_EMPLOYMENT = "personEmpTerminationInfoNav/activeEmploymentsCount ne null";

/** Pre-hire visibility: User.status t (active), f (inactive) or e (Onboarding pre-hire). */
export const PRE_HIRE_STATUSES: readonly string[] = ["t", "f", "e"];

const MS_PER_DAY = 86_400_000;

export function fullImportFilter(through: Date): string {
  return `(${HAS_EMPLOYMENT}) and (lastModifiedDateTime le ${dateTimeOffsetLiteral(through)})`;
}

export function incrementalFilter(from: Date, through: Date): string {
  const since = dateTimeOffsetLiteral(from);
  const until = dateTimeOffsetLiteral(through);
  const sinceDay = dateTimeLiteral(from);
  const untilDay = dateTimeLiteral(through);
  const modified = (path: string) => `${path} ge ${since} and ${path} le ${until}`;
  const starts = (path: string) => `${path} ge ${sinceDay} and ${path} le ${untilDay}`;
  const effectiveNow = (nav: string) =>
    `${nav}/startDate le ${untilDay} and (${nav}/endDate ge ${untilDay} or ${nav}/endDate eq null)`;
  const editedWhileEffective = (nav: string) => `(${modified(`${nav}/lastModifiedDateTime`)} and ${effectiveNow(nav)})`;

  const yesterdayStart = new Date(Math.floor(through.getTime() / MS_PER_DAY) * MS_PER_DAY - MS_PER_DAY);
  const yesterdayEnd = new Date(yesterdayStart.getTime() + MS_PER_DAY - 1000);

  const clauses = [
    modified("lastModifiedDateTime"),
    starts("personalInfoNav/startDate"),
    editedWhileEffective("personalInfoNav"),
    starts("employmentNav/startDate"),
    editedWhileEffective("employmentNav"),
    starts("employmentNav/jobInfoNav/startDate"),
    editedWhileEffective("employmentNav/jobInfoNav"),
    modified("phoneNav/lastModifiedDateTime"),
    modified("emailNav/lastModifiedDateTime"),
    `personEmpTerminationInfoNav/latestTerminationDate ge ${dateTimeLiteral(yesterdayStart)} and personEmpTerminationInfoNav/latestTerminationDate le ${dateTimeLiteral(yesterdayEnd)}`,
    modified("employmentNav/userNav/lastModifiedDateTime"),
  ];
  return `(${HAS_EMPLOYMENT}) and (${clauses.map((clause) => `(${clause})`).join(" or ")})`;
}

/** `prop in 'a','b'` (SuccessFactors' extension) or the portable `(prop eq 'a' or prop eq 'b')`. */
function anyOf(property: string, values: readonly string[], useIn: boolean): string {
  if (useIn) return `${property} in ${values.map(stringLiteral).join(",")}`;
  if (values.length === 1) return `${property} eq ${stringLiteral(values[0]!)}`;
  return `(${values.map((value) => `${property} eq ${stringLiteral(value)}`).join(" or ")})`;
}

export function singlePersonFilter(personIdExternal: string, useIn: boolean): string {
  return `(${anyOf("personIdExternal", [personIdExternal], useIn)})`;
}

export function preHireFilter(personIdExternal: string, useIn: boolean): string {
  return `(${anyOf("personIdExternal", [personIdExternal], useIn)} and ${anyOf("employmentNav/userNav/status", PRE_HIRE_STATUSES, useIn)})`;
}
