import { describe, expect, it } from "vitest";
import { compileFilter, ODataFilterError } from "./odata-filter.js";

const person = {
  personIdExternal: "100234",
  lastModifiedDateTime: "/Date(1717420800000+0000)/",
  personEmpTerminationInfoNav: { activeEmploymentsCount: 1, latestTerminationDate: null },
  employmentNav: {
    results: [
      { startDate: "/Date(1685577600000)/", userNav: { status: "active" }, jobInfoNav: { results: [{ startDate: "/Date(1711929600000)/" }] } },
    ],
  },
};

describe("compileFilter", () => {
  it("evaluates the full-import and delta shapes with any-semantics across navigations", () => {
    expect(compileFilter("(personEmpTerminationInfoNav/activeEmploymentsCount ne null) and (lastModifiedDateTime le datetimeoffset'2024-06-03T15:00:00Z')")(person)).toBe(true);
    expect(compileFilter("lastModifiedDateTime le datetimeoffset'2024-06-03T12:00:00.000Z'")(person)).toBe(false);
    expect(compileFilter("employmentNav/jobInfoNav/startDate ge datetime'2024-04-01T00:00:00' and employmentNav/jobInfoNav/startDate le datetime'2024-04-02T00:00:00'")(person)).toBe(true);
    expect(compileFilter("(employmentNav/startDate ge datetime'2024-01-01T00:00:00') or (personEmpTerminationInfoNav/latestTerminationDate ne null)")(person)).toBe(false);
  });

  it("supports in, eq chains, status codes, not and string escapes", () => {
    expect(compileFilter("(personIdExternal in '1','100234' and employmentNav/userNav/status in 't','f','e')")(person)).toBe(true);
    expect(compileFilter("(personIdExternal eq '1' or personIdExternal eq '100234')")(person)).toBe(true);
    expect(compileFilter("not (personIdExternal eq '100234')")(person)).toBe(false);
    expect(compileFilter("personIdExternal eq 'O''Brien'")({ personIdExternal: "O'Brien" })).toBe(true);
  });

  it("rejects malformed filters with a message naming the position", () => {
    expect(() => compileFilter("personIdExternal eq")).toThrow(ODataFilterError);
    expect(() => compileFilter("(personIdExternal eq '1'")).toThrow(/missing "\)"/);
    expect(() => compileFilter("personIdExternal like '1'")).toThrow(/operator/);
    expect(() => compileFilter("startDate ge datetime'2024-13-99'")).toThrow(/date literal/);
  });
});
