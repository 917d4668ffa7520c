import { describe, expect, it } from "vitest";
import { RosterError } from "../../errors/error-codes.js";
import { writebackConfigSchema } from "../provisioning-config.js";
import { successFactorsWriteback } from "./successfactors-writeback.js";
import { evaluateMapping, outcomeValue } from "./test-support/evaluate-mapping.js";
import { workdayWriteback } from "./workday-writeback.js";

describe("Workday Writeback default mapping set", () => {
  it("writes mail and userPrincipalName back, skipping empty values", async () => {
    const config = workdayWriteback();
    expect(writebackConfigSchema.parse(config)).toEqual(config);
    expect(config.mappings.map((m) => m.target)).toEqual(["EmailAddress", "UserID"]);
    await expect(
      outcomeValue(evaluateMapping(config.mappings, "EmailAddress", { mail: "ana@contoso.com" })),
    ).resolves.toBe("ana@contoso.com");
    await expect(evaluateMapping(config.mappings, "EmailAddress", { mail: "" })).resolves.toEqual({ kind: "noFlow" });
    await expect(evaluateMapping(config.mappings, "UserID", {})).resolves.toEqual({ kind: "noFlow" });
  });

  it("splits landline and mobile numbers into Workday's phone fields when phones are included", async () => {
    const { mappings } = workdayWriteback({ includePhones: true });
    const phones = { telephoneNumber: "+1 (425) 555-0100 x1234", mobile: "+44 7700 900123" };
    const field = (target: string, attributes: Record<string, string> = phones) =>
      evaluateMapping(mappings, target, attributes);
    await expect(outcomeValue(field("WorkphoneLandlineIsPrimary"))).resolves.toBe("true");
    await expect(outcomeValue(field("WorkphoneLandlineCountryCodeNumber"))).resolves.toBe("1");
    await expect(outcomeValue(field("WorkphoneLandlineCountryCodeName"))).resolves.toBe("USA");
    await expect(outcomeValue(field("WorkphoneLandlineNumber"))).resolves.toBe("4255550100");
    await expect(outcomeValue(field("WorkphoneLandlineExtension"))).resolves.toBe("1234");
    await expect(outcomeValue(field("WorkphoneMobileIsPrimary"))).resolves.toBe("false");
    await expect(outcomeValue(field("WorkphoneMobileCountryCodeNumber"))).resolves.toBe("44");
    await expect(outcomeValue(field("WorkphoneMobileCountryCodeName"))).resolves.toBe("GBR");
    await expect(outcomeValue(field("WorkphoneMobileNumber"))).resolves.toBe("7700900123");
  });

  it("sends nothing for a phone part that is missing", async () => {
    const { mappings } = workdayWriteback({ includePhones: true });
    const local = { telephoneNumber: "425-555-0100" };
    await expect(outcomeValue(evaluateMapping(mappings, "WorkphoneLandlineNumber", local))).resolves.toBe("4255550100");
    for (const target of [
      "WorkphoneLandlineCountryCodeNumber",
      "WorkphoneLandlineCountryCodeName",
      "WorkphoneLandlineExtension",
    ]) {
      await expect(evaluateMapping(mappings, target, local)).resolves.toEqual({ kind: "noFlow" });
    }
    await expect(
      evaluateMapping(mappings, "WorkphoneLandlineCountryCodeName", { telephoneNumber: "+999 1234" }),
    ).resolves.toEqual({
      kind: "noFlow",
    });
    for (const target of ["WorkphoneMobileIsPrimary", "WorkphoneMobileNumber", "WorkphoneMobileCountryCodeNumber"]) {
      await expect(evaluateMapping(mappings, target, local)).resolves.toEqual({ kind: "noFlow" });
    }
  });
});

describe("SuccessFactors Writeback default mapping set", () => {
  it("follows the documented table, with the type ids and primary flags as constants", () => {
    const config = successFactorsWriteback();
    expect(writebackConfigSchema.parse(config)).toEqual(config);
    expect(config.mappings[0]).toMatchObject({
      type: "Direct",
      source: "employeeID",
      target: "personIdExternal",
      matchingPrecedence: 1,
    });
    const constants = Object.fromEntries(
      config.mappings.flatMap((m) => (m.type === "Constant" ? [[m.target, m.value]] : [])),
    );
    expect(constants).toEqual({
      emailType: "8448",
      emailIsPrimary: "true",
      businessPhoneType: "10605",
      businessPhoneIsPrimary: "true",
      cellPhoneType: "10606",
      cellPhoneIsPrimary: "false",
    });
  });

  it("takes the tenant's picklist ids as options and rejects formatted ones", () => {
    const config = successFactorsWriteback({ emailTypeId: "18240", cellPhoneTypeId: "20001" });
    expect(config.mappings.find((m) => m.target === "emailType")).toMatchObject({ value: "18240" });
    expect(config.mappings.find((m) => m.target === "cellPhoneType")).toMatchObject({ value: "20001" });
    expect(() => successFactorsWriteback({ emailTypeId: "8,448" })).toThrow(RosterError);
  });

  it("passes mail and phones through and skips empty ones", async () => {
    const { mappings } = successFactorsWriteback();
    const attributes = { mail: "zoe@contoso.com", telephoneNumber: "+49 30 1234567", mobile: "" };
    await expect(outcomeValue(evaluateMapping(mappings, "email", attributes))).resolves.toBe("zoe@contoso.com");
    await expect(outcomeValue(evaluateMapping(mappings, "businessPhoneNumber", attributes))).resolves.toBe(
      "+49 30 1234567",
    );
    await expect(evaluateMapping(mappings, "cellPhoneNumber", attributes)).resolves.toEqual({ kind: "noFlow" });
  });
});
