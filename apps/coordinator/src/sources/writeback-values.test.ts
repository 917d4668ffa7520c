import { RosterError, successFactorsWriteback, workdayWriteback } from "@roster/engine";
import { describe, expect, it } from "vitest";
import { compileWriteback, computeWritebackValues } from "./writeback-values.js";

describe("computeWritebackValues", () => {
  it("evaluates the Workday Writeback set against directory attributes", () => {
    const compiled = compileWriteback(workdayWriteback());
    expect(
      computeWritebackValues(compiled, { mail: "ana@contoso.com", userPrincipalName: "ana@contoso.com", sn: "x" }),
    ).toEqual({ EmailAddress: "ana@contoso.com", UserID: "ana@contoso.com" });
  });

  it("leaves out targets whose IgnoreFlowIfNullOrEmpty value is absent or empty", () => {
    const compiled = compileWriteback(workdayWriteback());
    expect(computeWritebackValues(compiled, { mail: "", userPrincipalName: "ana@contoso.com" })).toEqual({
      UserID: "ana@contoso.com",
    });
    expect(computeWritebackValues(compiled, {})).toEqual({});
  });

  it("splits phones into Workday's fields when the set includes them", () => {
    const compiled = compileWriteback(workdayWriteback({ includePhones: true }));
    const values = computeWritebackValues(compiled, {
      telephoneNumber: "+1 (425) 555-0100 x1234",
      mobile: "425-555-0199",
    });
    expect(values).toEqual({
      WorkphoneLandlineIsPrimary: "true",
      WorkphoneLandlineCountryCodeName: "USA",
      WorkphoneLandlineCountryCodeNumber: "1",
      WorkphoneLandlineNumber: "4255550100",
      WorkphoneLandlineExtension: "1234",
      // The mobile has no country code: only the parts it has flow.
      WorkphoneMobileIsPrimary: "false",
      WorkphoneMobileNumber: "4255550199",
    });
  });

  it("sends the SuccessFactors set's constants and skips its matching attribute", () => {
    const compiled = compileWriteback(successFactorsWriteback({ emailTypeId: "9001" }));
    const values = computeWritebackValues(compiled, {
      employeeID: "100234",
      mail: ["amy@contoso.com", "alias@contoso.com"],
    });
    expect(values).toEqual({
      email: "amy@contoso.com",
      emailType: "9001",
      emailIsPrimary: "true",
      businessPhoneType: "10605",
      businessPhoneIsPrimary: "true",
      cellPhoneType: "10606",
      cellPhoneIsPrimary: "false",
    });
    expect(values).not.toHaveProperty("personIdExternal");
  });

  it("handles Direct, None and IgnoreObjectFlow mappings", () => {
    const compiled = compileWriteback({
      name: "custom",
      mappings: [
        { type: "Direct", source: "mail", target: "EmailAddress" },
        { type: "None", target: "UserID", defaultValue: "never" },
        {
          type: "Expression",
          target: "WorkphoneMobileNumber",
          expression: 'IIF([skip] = "yes", IgnoreObjectFlow, [mobile])',
        },
      ],
    });
    expect(computeWritebackValues(compiled, { mail: "a@b.c", mobile: "123" })).toEqual({
      EmailAddress: "a@b.c",
      WorkphoneMobileNumber: "123",
    });
    expect(computeWritebackValues(compiled, { mail: "a@b.c", mobile: "123", skip: "yes" })).toEqual({});
  });

  it("names the mapping whose expression fails, and refuses configurations that cannot work", () => {
    const compiled = compileWriteback({
      name: "dates",
      mappings: [
        { type: "Expression", target: "EmailAddress", expression: 'FormatDateTime([mail], , "yyyyMMdd", "yyyy")' },
      ],
    });
    const failure = (() => {
      try {
        computeWritebackValues(compiled, { mail: "not a date" });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(failure).toBeInstanceOf(RosterError);
    expect((failure as RosterError).code).toBe("ExpressionEvaluationFailed");
    expect((failure as RosterError).message).toMatch(/EmailAddress.*mappings\[0\]/);

    expect(() =>
      compileWriteback({ name: "x", mappings: [{ type: "Expression", target: "UserID", expression: "Join(" }] }),
    ).toThrow(/mappings\[0\]\.expression/);
    expect(() =>
      compileWriteback({
        name: "x",
        mappings: [
          { type: "Expression", target: "UserID", expression: "[a]" },
          {
            type: "Expression",
            target: "EmailAddress",
            expression: "SelectUniqueValue([a], [b])",
            apply: "OnlyOnCreate",
          },
        ],
      }),
    ).toThrow(/SelectUniqueValue/);
    expect(() => compileWriteback({ name: "x", mappings: [] })).toThrow(RosterError);
  });
});
