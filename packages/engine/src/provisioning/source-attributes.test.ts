import { describe, expect, it } from "vitest";
import type { ProvisioningConfigInput } from "../config/provisioning-config.js";
import { successFactorsToActiveDirectory } from "../config/default-mappings/successfactors-to-active-directory.js";
import { successFactorsWriteback } from "../config/default-mappings/successfactors-writeback.js";
import { workdayToActiveDirectory } from "../config/default-mappings/workday-to-active-directory.js";
import { workdayWriteback } from "../config/default-mappings/workday-writeback.js";
import { RosterError } from "../errors/error-codes.js";
import { compileProvisioningConfigOrThrow } from "./compile-config.js";
import { sourceAttributesOf } from "./source-attributes.js";

describe("sourceAttributesOf", () => {
  it("lists the Workday → AD set's anchor, Direct sources and expression attributes, once each", () => {
    const names = sourceAttributesOf(compileProvisioningConfigOrThrow(workdayToActiveDirectory()));
    expect(names[0]).toBe("WID");
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(
      [
        "WID",
        "WorkerID",
        "PreferredNameData",
        // from the UPN (SelectUniqueValue rules), sAMAccountName, accountDisabled and OU expressions
        "FirstName",
        "LastName",
        "UserID",
        "Active",
        "Municipality",
        "Company",
        "SupervisoryOrganization",
        "ManagerReference",
        "BusinessTitle",
        "AddressLineData",
        "CountryReferenceTwoLetter",
        "CountryRegionReference",
        "WorkSpaceReference",
        "PostalCode",
        "PrimaryWorkTelephone",
        "Fax",
        "Mobile",
        "LocalReference",
      ].sort(),
    );
  });

  it("lists the SuccessFactors → AD set's attributes, perPersonUuid first", () => {
    const names = sourceAttributesOf(compileProvisioningConfigOrThrow(successFactorsToActiveDirectory()));
    expect(names[0]).toBe("perPersonUuid");
    for (const name of [
      "personIdExternal",
      "displayName",
      "firstName",
      "lastName",
      "activeEmploymentsCount",
      "managerId",
    ]) {
      expect(names).toContain(name);
    }
    expect(new Set(names).size).toBe(names.length);
  });

  it("adds scoping clause attributes and names only read inside nested calls", () => {
    const input: ProvisioningConfigInput = {
      name: "scoped",
      sourceAnchorAttribute: "WID",
      mappings: [
        { type: "Direct", source: "WorkerID", target: "employeeID", matchingPrecedence: 1 },
        { type: "Expression", expression: 'IIF([Active] = "1", Join(" ", [First], [Last]), [Fallback])', target: "cn" },
        { type: "Constant", value: "x", target: "company" },
      ],
      scopingFilters: [
        { clauses: [{ attribute: "WorkerType", operator: "EQUALS", value: "Employee" }] },
        { clauses: [{ attribute: "Active", operator: "IS TRUE" }] },
      ],
    };
    expect(sourceAttributesOf(compileProvisioningConfigOrThrow(input))).toEqual([
      "WID",
      "WorkerID",
      "Active",
      "First",
      "Last",
      "Fallback",
      "WorkerType",
    ]);
  });

  it("lists the directory attributes the writeback sets read", () => {
    expect(sourceAttributesOf(workdayWriteback())).toEqual(["mail", "userPrincipalName"]);
    expect(sourceAttributesOf(workdayWriteback({ includePhones: true }))).toEqual([
      "mail",
      "userPrincipalName",
      "telephoneNumber",
      "mobile",
    ]);
    expect(sourceAttributesOf(successFactorsWriteback())).toEqual(["employeeID", "mail", "telephoneNumber", "mobile"]);
  });

  it("names the writeback mapping whose expression does not parse", () => {
    const broken = {
      name: "broken",
      mappings: [
        {
          type: "Expression" as const,
          expression: "Join(",
          target: "EmailAddress",
          apply: "Always" as const,
          flowNullValues: false,
        },
      ],
    };
    expect(() => sourceAttributesOf(broken)).toThrow(RosterError);
    expect(() => sourceAttributesOf(broken)).toThrow(/EmailAddress.*mappings\[0\]\.expression/);
  });
});
