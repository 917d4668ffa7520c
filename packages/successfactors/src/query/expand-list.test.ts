import { describe, expect, it } from "vitest";
import { DEFAULT_ATTRIBUTE_NAMES, SUCCESSFACTORS_CATALOGUE_JSONPATHS } from "../catalogue/attribute-catalogue.js";
import { ACTIVE_JOB_ROOT } from "../catalogue/employment-selection.js";
import { ALWAYS_EXPANDED, expansionsFor, navigationsOf } from "./expand-list.js";

const pathsOf = (names: readonly string[]) => names.map((name) => SUCCESSFACTORS_CATALOGUE_JSONPATHS[name]!);

describe("$expand list", () => {
  it("always expands Entra's set, in Entra's order", () => {
    expect(expansionsFor(pathsOf(["personIdExternal", "firstName", "username", "jobTitle", "managerId"]))).toEqual(
      ALWAYS_EXPANDED,
    );
    expect(ALWAYS_EXPANDED.join(",")).toBe(
      "employmentNav/userNav,employmentNav/jobInfoNav,personalInfoNav,personEmpTerminationInfoNav,phoneNav,emailNav,employmentNav/userNav/manager/empInfo",
    );
  });

  it("adds the navigations the default attribute list reaches into (Entra's full-sync list minus emplStatusNav)", () => {
    expect(expansionsFor(pathsOf(DEFAULT_ATTRIBUTE_NAMES)).slice(ALWAYS_EXPANDED.length)).toEqual([
      "employmentNav/jobInfoNav/companyNav",
      "employmentNav/jobInfoNav/companyNav/countryOfRegistrationNav",
      "employmentNav/jobInfoNav/departmentNav",
      "employmentNav/jobInfoNav/divisionNav",
      "employmentNav/jobInfoNav/locationNav",
      "employmentNav/jobInfoNav/locationNav/addressNavDEFLT",
    ]);
  });

  it("expands only what a mapped attribute needs", () => {
    expect(expansionsFor(pathsOf(["costCenter"])).slice(ALWAYS_EXPANDED.length)).toEqual([
      "employmentNav/jobInfoNav/costCenterNav",
    ]);
    expect(expansionsFor([`${ACTIVE_JOB_ROOT}.jobTitle`]).slice(ALWAYS_EXPANDED.length)).toEqual([
      "employmentNav/jobInfoNav/emplStatusNav",
    ]);
  });

  it("places known navigations wherever they appear, custom ones under the navigation before them", () => {
    expect(navigationsOf("$..departmentNav.name_localized")).toEqual(["employmentNav/jobInfoNav/departmentNav"]);
    expect(navigationsOf("$.employmentNav.results[0].jobInfoNav.results[0].customString5Nav.externalCode")).toEqual([
      "employmentNav",
      "employmentNav/jobInfoNav",
      "employmentNav/jobInfoNav/customString5Nav",
    ]);
    expect(navigationsOf("$.homeAddressNavDEFLT.results[0].cityNav.label")).toEqual([
      "homeAddressNavDEFLT",
      "homeAddressNavDEFLT/cityNav",
    ]);
    expect(navigationsOf("$['employmentNav'].results[0]['positionNav'].jobLevel")).toEqual([
      "employmentNav",
      "employmentNav/jobInfoNav/positionNav",
    ]);
  });

  it("ignores names inside filter literals", () => {
    expect(navigationsOf("$.emailNav.results[?(@.emailType == 'payGradeNav')].emailAddress")).toEqual(["emailNav"]);
  });

  it("appends configured expansions once", () => {
    const list = expansionsFor(pathsOf(["department"]), [
      "employmentNav/empJobRelationshipNav",
      "employmentNav/jobInfoNav/departmentNav",
    ]);
    expect(list.slice(ALWAYS_EXPANDED.length)).toEqual([
      "employmentNav/jobInfoNav/departmentNav",
      "employmentNav/empJobRelationshipNav",
    ]);
  });
});
