import { describe, expect, it } from "vitest";
import {
  findUnknownAttributes,
  parseAttributeTypeDescription,
  schemaFromAttributeSchemaObjects,
  schemaFromAttributeTypes,
} from "./directory-schema.js";

describe("parseAttributeTypeDescription", () => {
  it("reads names, single-valued flag and length bound", () => {
    expect(
      parseAttributeTypeDescription(
        "( 1.2.840.113556.1.4.221 NAME 'sAMAccountName' EQUALITY caseIgnoreMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15{256} SINGLE-VALUE )",
      ),
    ).toEqual({ names: ["sAMAccountName"], attribute: { name: "sAMAccountName", singleValued: true, readOnly: false, maxLength: 256 } });
    expect(
      parseAttributeTypeDescription("( 2.5.4.3 NAME ( 'cn' 'commonName' ) DESC 'RFC4519: common name(s)' SUP name )"),
    ).toEqual({ names: ["cn", "commonName"], attribute: { name: "cn", singleValued: false, readOnly: false } });
    expect(
      parseAttributeTypeDescription(
        "( 1.3.6.1.1.16.4 NAME 'entryUUID' DESC 'UUID of the entry' EQUALITY UUIDMatch SYNTAX 1.3.6.1.1.16.1 SINGLE-VALUE NO-USER-MODIFICATION USAGE directoryOperation )",
      )?.attribute,
    ).toEqual({ name: "entryUUID", singleValued: true, readOnly: true });
    expect(parseAttributeTypeDescription("garbage")).toBeUndefined();
  });

  it("indexes every alias case-insensitively and reports unknown mapped attributes", () => {
    const schema = schemaFromAttributeTypes(["( 2.5.4.3 NAME ( 'cn' 'commonName' ) SUP name )", "( 1.2.3 NAME 'employeeID' SINGLE-VALUE )"]);
    expect(schema.attributes.get("commonname")?.name).toBe("cn");
    expect(findUnknownAttributes(schema, ["CN", "EmployeeID", "workdayID", "accountDisabled", "parentDistinguishedName"])).toEqual(["workdayID"]);
  });
});

describe("schemaFromAttributeSchemaObjects", () => {
  it("uses rangeUpper as a length only for string syntaxes", () => {
    const schema = schemaFromAttributeSchemaObjects([
      { lDAPDisplayName: "company", isSingleValued: "TRUE", rangeUpper: "64", attributeSyntax: "2.5.5.12" },
      { lDAPDisplayName: "countryCode", isSingleValued: "TRUE", rangeUpper: "65535", attributeSyntax: "2.5.5.9" },
      { lDAPDisplayName: "objectGUID", isSingleValued: "TRUE", systemOnly: "TRUE", attributeSyntax: "2.5.5.10" },
    ]);
    expect(schema.attributes.get("company")).toEqual({ name: "company", singleValued: true, readOnly: false, maxLength: 64 });
    expect(schema.attributes.get("countrycode")?.maxLength).toBeUndefined();
    expect(schema.attributes.get("objectguid")?.readOnly).toBe(true);
  });
});
