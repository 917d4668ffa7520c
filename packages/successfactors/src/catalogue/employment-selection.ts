/**
 * Which employment a catalogue path reads when a person has several (rehire, conversion,
 * global assignment, concurrent jobs). Entra's guidance is a find-and-replace over the schema's
 * JSONPaths; Roster applies the same rewrite to catalogue attributes (custom JSONPaths are used
 * exactly as configured):
 * - "first": `$.employmentNav.results[0]` as shipped;
 * - "latest": `$.employmentNav.results[-1:]`, relying on SuccessFactors listing employments in
 *   ascending order (usual, not guaranteed);
 * - "active": the job record whose status code is A, U or P, and for employment and User fields
 *   the employment holding such a job record. Entra's documented job root
 *   `$.employmentNav..jobInfoNav..results[?(…)]` descends into the whole employment tree; the
 *   rewrite uses `$.employmentNav.results[*].jobInfoNav.results[?(…)]`, which selects the same
 *   rows on SuccessFactors data, about five times faster, and cannot stray into a manager's
 *   expanded job records. The documented nested employment form
 *   `…results[?(@.jobInfoNav..results[?(…)])]` is not understood by jsonpath-plus; without
 *   asOfDate each employment carries exactly its currently effective job record, so
 *   `jobInfoNav.results[0]` inside the filter is equivalent;
 * - "standardAssignment": the home employment (`assignmentClass == 'ST'`), not a global assignment.
 * The employment start date always stays indexed (`[0]`, or `[-1:]` for "latest" and "active"),
 * because the pre-hire lookup needs an indexed start date.
 */
import { EMPLOYMENT_ROOT, JOB_ROOT } from "./attribute-catalogue.js";

export type EmploymentSelection = "first" | "latest" | "active" | "standardAssignment";

export const EMPLOYMENT_SELECTIONS: readonly EmploymentSelection[] = [
  "first",
  "latest",
  "active",
  "standardAssignment",
];

const LATEST_EMPLOYMENT = "$.employmentNav.results[-1:]";
const activeTest = (status: string) => `${status} == 'A' || ${status} == 'U' || ${status} == 'P' `;
/** The active job records (status code A, U or P) of every employment. */
export const ACTIVE_JOB_ROOT = `$.employmentNav.results[*].jobInfoNav.results[?(${activeTest("@.emplStatusNav.externalCode")})]`;
/** The employments whose current job record is active (the job root's filter, one level up). */
export const ACTIVE_EMPLOYMENT_ROOT = `$.employmentNav.results[?(${activeTest("@.jobInfoNav.results[0].emplStatusNav.externalCode")})]`;
export const STANDARD_EMPLOYMENT_ROOT = "$.employmentNav.results[?(@.assignmentClass == 'ST')]";

const START_DATE = `${EMPLOYMENT_ROOT}.startDate`;
const JOB_SUFFIX = JOB_ROOT.slice(EMPLOYMENT_ROOT.length);

/** The employment start date path the pre-hire lookup reads for a selection. */
export function startDatePath(selection: EmploymentSelection): string {
  return selection === "latest" || selection === "active" ? `${LATEST_EMPLOYMENT}.startDate` : START_DATE;
}

/** Rewrites a catalogue JSONPath for `selection`; paths outside the employment are returned unchanged. */
export function applyEmploymentSelection(jsonPath: string, selection: EmploymentSelection): string {
  if (selection === "first" || !startsWithSegment(jsonPath, EMPLOYMENT_ROOT)) return jsonPath;
  if (jsonPath === START_DATE) return startDatePath(selection);
  const rest = jsonPath.slice(EMPLOYMENT_ROOT.length);
  switch (selection) {
    case "latest":
      return LATEST_EMPLOYMENT + rest;
    case "standardAssignment":
      return STANDARD_EMPLOYMENT_ROOT + rest;
    case "active":
      return startsWithSegment(rest, JOB_SUFFIX)
        ? ACTIVE_JOB_ROOT + rest.slice(JOB_SUFFIX.length)
        : ACTIVE_EMPLOYMENT_ROOT + rest;
  }
}

/** `path` starts with `prefix` followed by a member step or nothing. */
function startsWithSegment(path: string, prefix: string): boolean {
  return path.startsWith(prefix) && (path.length === prefix.length || path[prefix.length] === ".");
}
