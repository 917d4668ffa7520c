import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { flattenScimUser, SCIM_MATCHING_ATTRIBUTES } from "./flatten-scim-user.js";
import { parseBulkRequest } from "./parse-bulk-request.js";
import { scimUserSchema, type ScimUser } from "./scim-user-schema.js";
import { CONTOSO_URN, exampleBulkRequest } from "./test-support/bulk-request-fixtures.js";

const ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const CORE = "urn:ietf:params:scim:schemas:core:2.0:User";

function user(data: Record<string, unknown>): ScimUser {
  return scimUserSchema.parse({ schemas: [CORE, ...Object.keys(data).filter((k) => k.startsWith("urn:"))], ...data });
}

describe("flattenScimUser", () => {
  it("flattens the example workers into the API source attribute names", () => {
    const parsed = parseBulkRequest(exampleBulkRequest(), "application/scim+json");
    if (!parsed.ok) throw new Error(parsed.error.body.detail);
    expect(flattenScimUser(parsed.operations[0]!.data)).toEqual({
      externalId: "21045",
      userName: "jo.rivera",
      displayName: "Jo Rivera",
      title: "Senior Software Engineer, Identity",
      userType: "Employee",
      active: true,
      "name.givenName": "Jo",
      "name.familyName": "Rivera",
      "name.middleName": "A",
      'emails[type eq "home"].value': "jo.rivera@personal.example",
      'phoneNumbers[type eq "work"].value': "+1 206 555 0142",
      'phoneNumbers[type eq "mobile"].value': "+1 425 555 0199",
      'addresses[type eq "work"].streetAddress': "1200 Harbor Avenue",
      'addresses[type eq "work"].locality': "Seattle",
      'addresses[type eq "work"].region': "WA",
      'addresses[type eq "work"].postalCode': "98101",
      'addresses[type eq "work"].country': "US",
      [`${ENT}:employeeNumber`]: "21045",
      [`${ENT}:costCenter`]: "4130",
      [`${ENT}:organization`]: "Contoso Ltd",
      [`${ENT}:division`]: "Engineering",
      [`${ENT}:department`]: "Platform Engineering",
      [`${ENT}:manager.value`]: "21001",
      [`${CONTOSO_URN}:HireDate`]: "2021-03-15T00:00:00-07:00",
      [`${CONTOSO_URN}:LocationCode`]: "LOC_SEA_01",
      [`${CONTOSO_URN}:TargetOU`]: "OU=Seattle,OU=Users,DC=contoso,DC=test",
    });
    const leaver = flattenScimUser(parsed.operations[1]!.data);
    expect(leaver["active"]).toBe(false);
    expect(leaver[`${ENT}:manager.value`]).toBe("21045");
  });

  it("covers every documented core single-valued and name attribute", () => {
    const single = [
      "externalId",
      "userName",
      "displayName",
      "nickName",
      "title",
      "userType",
      "preferredLanguage",
      "locale",
      "timezone",
    ];
    const names = ["formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix"];
    const flat = flattenScimUser(
      user({
        ...Object.fromEntries(single.map((key) => [key, `v-${key}`])),
        name: Object.fromEntries(names.map((key) => [key, `n-${key}`])),
      }),
    );
    for (const key of single) expect(flat[key]).toBe(`v-${key}`);
    for (const key of names) expect(flat[`name.${key}`]).toBe(`n-${key}`);
  });

  it("exposes the matching attributes under their documented names", () => {
    const flat = flattenScimUser(user({ externalId: "E1", userName: "u1", [ENT]: { employeeNumber: "N1" } }));
    expect([
      flat[SCIM_MATCHING_ATTRIBUTES.externalId],
      flat[SCIM_MATCHING_ATTRIBUTES.userName],
      flat[SCIM_MATCHING_ATTRIBUTES.employeeNumber],
    ]).toEqual(["E1", "u1", "N1"]);
  });

  it("reads one entry per type: lower-cased type, primary preferred, untyped entries skipped", () => {
    const flat = flattenScimUser(
      user({
        emails: [
          { value: "first@work.example", type: "Work" },
          { value: "primary@work.example", type: "work", primary: true },
          { value: "later@work.example", type: "work" },
          { value: "untyped@example" },
          { type: "other" },
        ],
        addresses: [{ type: "home", formatted: "1 Home St\nTown", locality: null }],
      }),
    );
    expect(flat['emails[type eq "work"].value']).toBe("primary@work.example");
    expect(Object.keys(flat).filter((key) => key.startsWith("emails"))).toEqual(['emails[type eq "work"].value']);
    expect(flat['addresses[type eq "home"].formatted']).toBe("1 Home St\nTown");
    expect('addresses[type eq "home"].locality' in flat).toBe(false);
  });

  it("quotes unusual type values safely in the key", () => {
    const flat = flattenScimUser(user({ phoneNumbers: [{ value: "1", type: 'pa"ger' }] }));
    expect(flat['phoneNumbers[type eq "pa\\"ger"].value']).toBe("1");
  });

  it("leaves out null and absent values and keeps manager.displayName", () => {
    const flat = flattenScimUser(
      user({
        externalId: "E1",
        displayName: null,
        active: null,
        name: null,
        [ENT]: { department: null, manager: { value: null, displayName: "Boss" } },
      }),
    );
    expect(flat).toEqual({ externalId: "E1", [`${ENT}:manager.displayName`]: "Boss" });
  });

  it("flattens custom extensions of any URN as <URN>:<AttrName>, scalars and arrays", () => {
    const csv = "urn:ietf:params:scim:schemas:extension:csv:1.0:User";
    const flat = flattenScimUser(
      user({
        "urn:contoso:employee": { HireDate: "2024-01-02", Grade: 7, Remote: false, Skills: ["a", "b"], Gone: null },
        [csv]: { CostCode: "C1" },
      }),
    );
    expect(flat).toEqual({
      "urn:contoso:employee:HireDate": "2024-01-02",
      "urn:contoso:employee:Grade": 7,
      "urn:contoso:employee:Remote": false,
      "urn:contoso:employee:Skills": ["a", "b"],
      [`${csv}:CostCode`]: "C1",
    });
  });

  it("produces only scalar or scalar-array values for any valid custom extension", () => {
    const scalar = fc.oneof(
      fc.string(),
      fc.boolean(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1 }), fc.oneof(scalar, fc.constant(null), fc.array(scalar))),
        (extension) => {
          const flat = flattenScimUser(user({ externalId: "E", "urn:x:ext": extension }));
          for (const [key, value] of Object.entries(extension)) {
            if (value === null) expect(`urn:x:ext:${key}` in flat).toBe(false);
            else expect(flat[`urn:x:ext:${key}`]).toEqual(value);
          }
        },
      ),
    );
  });
});
