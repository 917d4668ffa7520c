import { describe, expect, it } from "vitest";
import { dateTimeLiteral, dateTimeOffsetLiteral, stringLiteral } from "./odata-literals.js";
import { fullImportFilter, incrementalFilter, preHireFilter, singlePersonFilter } from "./person-filters.js";
import { personQueryUrl } from "./person-query.js";

const L = new Date("2024-06-02T15:00:00Z");
const C = new Date("2024-06-03T15:00:00Z");

describe("OData literals", () => {
  it("formats timestamps, dates and strings", () => {
    expect(dateTimeOffsetLiteral(C)).toBe("datetimeoffset'2024-06-03T15:00:00Z'");
    expect(dateTimeOffsetLiteral(new Date("2024-06-03T15:00:00.250Z"))).toBe(
      "datetimeoffset'2024-06-03T15:00:00.250Z'",
    );
    expect(dateTimeLiteral(C)).toBe("datetime'2024-06-03T15:00:00'");
    expect(stringLiteral("O'Brien")).toBe("'O''Brien'");
  });
});

describe("PerPerson filters", () => {
  it("full import: everyone with employment data, modified up to the run", () => {
    expect(fullImportFilter(C)).toBe(
      "(personEmpTerminationInfoNav/activeEmploymentsCount ne null) and (lastModifiedDateTime le datetimeoffset'2024-06-03T15:00:00Z')",
    );
  });

  it("incremental: eleven windows joined by or, the template's missing or restored", () => {
    const w = "ge datetimeoffset'2024-06-02T15:00:00Z' and";
    const until = "le datetimeoffset'2024-06-03T15:00:00Z'";
    const day = (path: string) =>
      `${path} ge datetime'2024-06-02T15:00:00' and ${path} le datetime'2024-06-03T15:00:00'`;
    const current = (nav: string) =>
      `${nav}/startDate le datetime'2024-06-03T15:00:00' and (${nav}/endDate ge datetime'2024-06-03T15:00:00' or ${nav}/endDate eq null)`;
    expect(incrementalFilter(L, C)).toBe(
      "(personEmpTerminationInfoNav/activeEmploymentsCount ne null) and (" +
        [
          `(lastModifiedDateTime ${w} lastModifiedDateTime ${until})`,
          `(${day("personalInfoNav/startDate")})`,
          `((personalInfoNav/lastModifiedDateTime ${w} personalInfoNav/lastModifiedDateTime ${until} and ${current("personalInfoNav")}))`,
          `(${day("employmentNav/startDate")})`,
          `((employmentNav/lastModifiedDateTime ${w} employmentNav/lastModifiedDateTime ${until} and ${current("employmentNav")}))`,
          `(${day("employmentNav/jobInfoNav/startDate")})`,
          `((employmentNav/jobInfoNav/lastModifiedDateTime ${w} employmentNav/jobInfoNav/lastModifiedDateTime ${until} and ${current("employmentNav/jobInfoNav")}))`,
          `(phoneNav/lastModifiedDateTime ${w} phoneNav/lastModifiedDateTime ${until})`,
          `(emailNav/lastModifiedDateTime ${w} emailNav/lastModifiedDateTime ${until})`,
          "(personEmpTerminationInfoNav/latestTerminationDate ge datetime'2024-06-02T00:00:00' and personEmpTerminationInfoNav/latestTerminationDate le datetime'2024-06-02T23:59:59')",
          `(employmentNav/userNav/lastModifiedDateTime ${w} employmentNav/userNav/lastModifiedDateTime ${until})`,
        ].join(" or ") +
        ")",
    );
    expect(incrementalFilter(L, C).match(/\) or \(/g)).toHaveLength(10);
  });

  it("pre-hire and single person: Entra's in form, or eq for tenants without in", () => {
    expect(preHireFilter("100311", true)).toBe(
      "(personIdExternal in '100311' and employmentNav/userNav/status in 't','f','e')",
    );
    expect(preHireFilter("100311", false)).toBe(
      "(personIdExternal eq '100311' and (employmentNav/userNav/status eq 't' or employmentNav/userNav/status eq 'f' or employmentNav/userNav/status eq 'e'))",
    );
    expect(singlePersonFilter("10'0", true)).toBe("(personIdExternal in '10''0')");
  });
});

describe("PerPerson query URL", () => {
  it("keeps option names literal and encodes values, quotes included", () => {
    const url = personQueryUrl("https://api4.successfactors.com/odata/v2/", {
      filter: singlePersonFilter("100234", true),
      asOfDate: "2024-07-01",
      expand: ["employmentNav/userNav", "personalInfoNav"],
      pageSize: 100,
      snapshot: true,
    });
    expect(url).toBe(
      "https://api4.successfactors.com/odata/v2/PerPerson?$format=json&$filter=(personIdExternal%20in%20%27100234%27)&asOfDate=2024-07-01&$expand=employmentNav%2FuserNav%2CpersonalInfoNav&customPageSize=100&paging=snapshot",
    );
    expect(new URL(url).searchParams.get("$filter")).toBe("(personIdExternal in '100234')");
  });
});
