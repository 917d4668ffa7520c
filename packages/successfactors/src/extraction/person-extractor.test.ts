import { describe, expect, it } from "vitest";
import { SuccessFactorsError } from "../errors/successfactors-error.js";
import { amaraOkonkwo } from "../test-support/example-persons.js";
import { PersonExtractor } from "./person-extractor.js";

const position = { operation: "PerPerson (full import)", page: 2, index: 3 };

describe("PersonExtractor", () => {
  it("gives null for nothing, the value for one match, a list for several", () => {
    const extractor = new PersonExtractor({
      none: "$.employmentNav.results[0].userNav.custom99",
      one: "$.employmentNav.results[0].userNav.username",
      emails: "$.emailNav.results[*].emailAddress",
      nullOnly: "$.personalInfoNav.results[0].middleName",
    });
    const { item } = extractor.extract(amaraOkonkwo(), position);
    expect(item).toEqual({
      ok: true,
      person: {
        personIdExternal: "100234",
        perPersonUuid: "9B1C4E0A5D2F4C7B8E6A3D1F0C2B4A68",
        attributes: {
          none: null,
          one: "aokonkwo",
          emails: ["amy.okonkwo@contoso.example", "amara.o@mail.example"],
          nullOnly: null,
        },
      },
    });
  });

  it("converts OData dates inside lists and reports the start date for the pre-hire lookup", () => {
    const extractor = new PersonExtractor(
      { modified: "$.emailNav.results[*].lastModifiedDateTime" },
      "$.employmentNav.results[0].startDate",
    );
    const { item, startDate } = extractor.extract(amaraOkonkwo(), position);
    expect(item.ok && item.person.attributes.modified).toEqual(["2024-06-03T13:20:00Z", "2023-06-01T11:46:40Z"]);
    expect(startDate).toBe("2023-06-01T00:00:00Z");
  });

  it("fails a person without personIdExternal alone, naming its position and the field", () => {
    const extractor = new PersonExtractor({ firstName: "$.personalInfoNav.results[0].firstName" });
    const person = amaraOkonkwo();
    delete person.personIdExternal;
    const { item } = extractor.extract(person, position);
    expect(item.ok).toBe(false);
    const error = (item as { error: SuccessFactorsError }).error;
    expect(error).toBeInstanceOf(SuccessFactorsError);
    expect(error.code).toBe("ImportSkipped");
    expect(error.message).toBe(
      "SuccessFactors PerPerson at index 3 of page 2 of PerPerson (full import) has no personIdExternal",
    );
    expect(error.details).toMatchObject({ page: 2, index: 3, field: "personIdExternal" });
    // The extractor stays usable for the next person.
    expect(extractor.extract(amaraOkonkwo(), position).item.ok).toBe(true);
  });

  it("fails non-objects, non-string ids and uuids, naming the field", () => {
    const extractor = new PersonExtractor({});
    const messageOf = (raw: unknown) => {
      const { item } = extractor.extract(raw, position);
      return item.ok ? "ok" : item.error.message;
    };
    expect(messageOf(null)).toMatch(/is null, not a PerPerson object/);
    expect(messageOf([1])).toMatch(/is an array, not a PerPerson object/);
    expect(messageOf({ personIdExternal: 100234 })).toMatch(/has a personIdExternal that is a number, not a string/);
    expect(messageOf({ personIdExternal: "  " })).toMatch(/has a blank personIdExternal/);
    expect(messageOf({ personIdExternal: "1", perPersonUuid: 5 })).toMatch(
      /\(personIdExternal "1"\) has a perPersonUuid that is a number/,
    );
  });

  it("fails a person with a malformed date or an object where a value belongs, naming attribute and JSONPath", () => {
    const extractor = new PersonExtractor({
      startDate: "$.employmentNav.results[0].startDate",
      manager: "$.employmentNav.results[0].userNav.manager",
    });
    const person = amaraOkonkwo();
    (person.employmentNav as { results: Record<string, unknown>[] }).results[0]!.startDate = "/Date(2023-06-01)/";
    const { item } = extractor.extract(person, position);
    expect(!item.ok && item.error.message).toBe(
      'SuccessFactors PerPerson at index 3 of page 2 of PerPerson (full import) (personIdExternal "100234"): attribute "startDate" selected malformed OData date "/Date(2023-06-01)/" (JSONPath $.employmentNav.results[0].startDate)',
    );
    expect(!item.ok && item.error.details).toMatchObject({
      personIdExternal: "100234",
      attribute: "startDate",
      jsonPath: "$.employmentNav.results[0].startDate",
    });
    const second = extractor.extract(amaraOkonkwo(), position).item;
    expect(!second.ok && second.error.message).toMatch(/attribute "manager" selected an object, not a value/);
  });

  it("refuses a JSONPath that does not parse when it is compiled, naming the attribute", () => {
    expect(() => new PersonExtractor({ email: "$.emailNav.results[?(@.isPrimary ==)].emailAddress" })).toThrow(
      /SuccessFactors attribute "email" has a JSONPath that does not parse/,
    );
  });
});
