import { describe, expect, it } from "vitest";
import { PersonExtractor } from "../extraction/person-extractor.js";
import { globalAssignee, rehiredPerson } from "../test-support/example-persons.js";
import { SUCCESSFACTORS_CATALOGUE_JSONPATHS } from "./attribute-catalogue.js";
import {
  ACTIVE_EMPLOYMENT_ROOT,
  ACTIVE_JOB_ROOT,
  applyEmploymentSelection,
  startDatePath,
  type EmploymentSelection,
} from "./employment-selection.js";

const NAMES = ["jobTitle", "department", "username", "userId", "startDate", "firstName", "managerId"] as const;

function read(selection: EmploymentSelection, person: unknown) {
  const attributes = Object.fromEntries(
    NAMES.map((name) => [name, applyEmploymentSelection(SUCCESSFACTORS_CATALOGUE_JSONPATHS[name]!, selection)]),
  );
  const { item } = new PersonExtractor(attributes).extract(person, { operation: "test", page: 1, index: 0 });
  if (!item.ok) throw item.error;
  return item.person.attributes;
}

describe("employment selection", () => {
  it("rewrites the employment root of catalogue paths", () => {
    const job = SUCCESSFACTORS_CATALOGUE_JSONPATHS.jobTitle!;
    const user = SUCCESSFACTORS_CATALOGUE_JSONPATHS.username!;
    expect(applyEmploymentSelection(job, "first")).toBe(job);
    expect(applyEmploymentSelection(job, "latest")).toBe("$.employmentNav.results[-1:].jobInfoNav.results[0].jobTitle");
    expect(applyEmploymentSelection(job, "active")).toBe(`${ACTIVE_JOB_ROOT}.jobTitle`);
    expect(applyEmploymentSelection(user, "active")).toBe(`${ACTIVE_EMPLOYMENT_ROOT}.userNav.username`);
    expect(applyEmploymentSelection(user, "standardAssignment")).toBe(
      "$.employmentNav.results[?(@.assignmentClass == 'ST')].userNav.username",
    );
    expect(ACTIVE_JOB_ROOT).toBe(
      "$.employmentNav.results[*].jobInfoNav.results[?(@.emplStatusNav.externalCode == 'A' || @.emplStatusNav.externalCode == 'U' || @.emplStatusNav.externalCode == 'P' )]",
    );
  });

  it("leaves paths outside the employment alone, and keeps the start date indexed", () => {
    const firstName = SUCCESSFACTORS_CATALOGUE_JSONPATHS.firstName!;
    for (const selection of ["latest", "active", "standardAssignment"] as const) {
      expect(applyEmploymentSelection(firstName, selection)).toBe(firstName);
      expect(applyEmploymentSelection("$.employmentNav.results[0]x.y", selection)).toBe(
        "$.employmentNav.results[0]x.y",
      );
    }
    expect(applyEmploymentSelection(SUCCESSFACTORS_CATALOGUE_JSONPATHS.startDate!, "active")).toBe(
      "$.employmentNav.results[-1:].startDate",
    );
    expect(applyEmploymentSelection(SUCCESSFACTORS_CATALOGUE_JSONPATHS.startDate!, "standardAssignment")).toBe(
      "$.employmentNav.results[0].startDate",
    );
    expect(startDatePath("latest")).toBe("$.employmentNav.results[-1:].startDate");
    expect(startDatePath("first")).toBe("$.employmentNav.results[0].startDate");
  });

  it("reads the old employment with [0] and the new one with [-1:] or the active filter after a rehire", () => {
    const person = rehiredPerson();
    expect(read("first", person)).toMatchObject({
      jobTitle: "Contractor Analyst",
      department: "Operations",
      username: "rmenon_old",
      userId: "100412",
      startDate: "2019-01-01T00:00:00Z",
    });
    const current = {
      jobTitle: "Senior Analyst",
      department: "Planning & Analysis",
      username: "rmenon",
      userId: "100412-R1",
      startDate: "2024-01-01T00:00:00Z",
      firstName: "Ravi",
    };
    expect(read("latest", person)).toMatchObject(current);
    expect(read("active", person)).toMatchObject(current);
  });

  it("reads the home assignment, not the global one, with standardAssignment", () => {
    expect(read("first", globalAssignee())).toMatchObject({ department: "Tokyo", username: "lchen_ga" });
    expect(read("standardAssignment", globalAssignee())).toMatchObject({
      department: "Berlin",
      username: "lchen",
      userId: "100520",
    });
  });

  it("gives a list when several employments are active, and null when none is", () => {
    expect(read("active", globalAssignee())).toMatchObject({ department: ["Tokyo", "Berlin"] });
    const person = rehiredPerson();
    const jobs = (person.employmentNav as { results: { jobInfoNav: { results: { emplStatusNav: unknown }[] } }[] })
      .results;
    jobs[1]!.jobInfoNav.results[0]!.emplStatusNav = { id: "6024", externalCode: "T" };
    expect(read("active", person)).toMatchObject({ jobTitle: null, username: null, firstName: "Ravi" });
  });
});
