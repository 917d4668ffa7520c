/**
 * The `$expand` list of the PerPerson queries: Entra's always-expanded navigations, then those
 * the configured JSONPaths reach into. A navigation is recognised by name: the known ones map to
 * their full path from PerPerson (so `$..departmentNav.name` still expands
 * `employmentNav/jobInfoNav/departmentNav`); an unknown name ending in `Nav`/`NavDEFLT` (custom
 * MDF or picklist navigations) is expanded below the navigation named before it in the path.
 * Quoted filter literals are ignored; `['name']` members count.
 */

/** Always expanded, in the order Entra sends them. */
export const ALWAYS_EXPANDED: readonly string[] = Object.freeze([
  "employmentNav/userNav",
  "employmentNav/jobInfoNav",
  "personalInfoNav",
  "personEmpTerminationInfoNav",
  "phoneNav",
  "emailNav",
  "employmentNav/userNav/manager/empInfo",
]);

const JOB = "employmentNav/jobInfoNav";
const USER = "employmentNav/userNav";

/** Navigation name → its path from PerPerson. */
const KNOWN_NAVIGATIONS: ReadonlyMap<string, string> = new Map([
  ...[
    "personalInfoNav",
    "phoneNav",
    "emailNav",
    "employmentNav",
    "personEmpTerminationInfoNav",
    "homeAddressNavDEFLT",
    "nationalIdNav",
    "userAccountNav",
    "personTypeUsageNav",
    "countryOfBirthNav",
    "personRerlationshipNav",
  ].map((name): [string, string] => [name, name]),
  ["userNav", USER],
  ["jobInfoNav", JOB],
  ["empGlobalAssignmentNav", "employmentNav/empGlobalAssignmentNav"],
  ["assignmentTypeNav", "employmentNav/empGlobalAssignmentNav/assignmentTypeNav"],
  ["empJobRelationshipNav", "employmentNav/empJobRelationshipNav"],
  ["manager", `${USER}/manager`],
  ["empInfo", `${USER}/manager/empInfo`],
  ["hr", `${USER}/hr`],
  ["matrixManager", `${USER}/matrixManager`],
  ...[
    "companyNav",
    "departmentNav",
    "businessUnitNav",
    "costCenterNav",
    "divisionNav",
    "jobCodeNav",
    "payGradeNav",
    "locationNav",
    "eventReasonNav",
    "employmentTypeNav",
    "employeeClassNav",
    "emplStatusNav",
    "positionNav",
    "managerUserNav",
  ].map((name): [string, string] => [name, `${JOB}/${name}`]),
  ["countryOfRegistrationNav", `${JOB}/companyNav/countryOfRegistrationNav`],
  ["addressNavDEFLT", `${JOB}/locationNav/addressNavDEFLT`],
  ["stateNav", `${JOB}/locationNav/addressNavDEFLT/stateNav`],
  ["phoneTypeNav", "phoneNav/phoneTypeNav"],
  ["emailTypeNav", "emailNav/emailTypeNav"],
]);

/** Identifiers outside quoted literals. */
const TOKEN = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*/g;

function isCustomNavigation(name: string): boolean {
  return name.endsWith("Nav") || name.endsWith("NavDEFLT");
}

/** The navigation paths one JSONPath needs, in the order it reaches them. */
export function navigationsOf(jsonPath: string): string[] {
  const paths: string[] = [];
  let current = "";
  for (const match of jsonPath.matchAll(TOKEN)) {
    let token = match[0];
    if (token.startsWith("'") || token.startsWith('"')) {
      // ['name'] is a member in bracket notation; any other quoted text is a filter literal.
      const end = match.index + token.length;
      if (jsonPath[match.index - 1] !== "[" || jsonPath[end] !== "]") continue;
      token = token.slice(1, -1);
    }
    const known = KNOWN_NAVIGATIONS.get(token);
    const path = known ?? (isCustomNavigation(token) ? (current === "" ? token : `${current}/${token}`) : undefined);
    if (path === undefined) continue;
    current = path;
    if (!paths.includes(path)) paths.push(path);
  }
  return paths;
}

/**
 * The `$expand` list for a set of JSONPaths plus explicitly configured expansions. A path that
 * an always-expanded entry already implies (`employmentNav`) is left out.
 */
export function expansionsFor(jsonPaths: Iterable<string>, additional: readonly string[] = []): string[] {
  const result = [...ALWAYS_EXPANDED];
  const add = (path: string) => {
    if (result.includes(path)) return;
    if (ALWAYS_EXPANDED.some((always) => always.startsWith(`${path}/`))) return;
    result.push(path);
  };
  for (const jsonPath of jsonPaths) for (const path of navigationsOf(jsonPath)) add(path);
  for (const path of additional) add(path);
  return result;
}
