import { describe, expect, it } from "vitest";
import { provisioningConfigSchema } from "../provisioning-config.js";
import { successFactorsToActiveDirectory } from "./successfactors-to-active-directory.js";
import { evaluateMapping, outcomeValue } from "./test-support/evaluate-mapping.js";

/** A SuccessFactors worker as the connector hands it over. */
const user = {
  perPersonUuid: "5E3A2F0C8B9D4E7AA1B2C3D4E5F60718",
  personIdExternal: "80231",
  displayName: "Zoë Ångström Berg",
  firstName: "Zoë",
  lastName: "Ångström Berg",
  activeEmploymentsCount: "1",
  managerId: "80001",
};

describe("SuccessFactors → AD default mapping set", () => {
  it("matches personIdExternal → employeeID (precedence 1, create only) and anchors on perPersonUuid", () => {
    const config = successFactorsToActiveDirectory();
    expect(config.sourceAnchorAttribute).toBe("perPersonUuid");
    expect(config.mappings.filter((m) => m.matchingPrecedence !== undefined)).toEqual([
      expect.objectContaining({
        source: "personIdExternal",
        target: "employeeID",
        matchingPrecedence: 1,
        apply: "OnlyOnCreate",
      }),
    ]);
    expect(config.referenceAttributes).toEqual(["manager"]);
    expect(config.mappings.find((m) => m.target === "manager")).toMatchObject({ type: "Direct", source: "managerId" });
  });

  it("maps each target once, resolving the documented streetAddress/postalCode duplicates to the User record", () => {
    const config = successFactorsToActiveDirectory();
    const targets = config.mappings.map((m) => m.target);
    expect(new Set(targets).size).toBe(targets.length);
    expect(config.mappings.find((m) => m.target === "streetAddress")).toMatchObject({ source: "addressLine1" });
    expect(config.mappings.find((m) => m.target === "postalCode")).toMatchObject({ source: "zipCode" });
    expect(targets).toEqual(
      expect.arrayContaining(["cn", "userPrincipalName", "sAMAccountName", "accountDisabled", "mail", "company", "c"]),
    );
  });

  it("writes identifiers only on create", () => {
    const config = successFactorsToActiveDirectory();
    const createOnly = config.mappings.filter((m) => m.apply === "OnlyOnCreate").map((m) => m.target);
    expect(createOnly.sort()).toEqual(["cn", "employeeID", "sAMAccountName", "userPrincipalName"]);
  });

  it("has no OU mapping and a replaceable default container", () => {
    expect(successFactorsToActiveDirectory().defaultContainer).toBe("OU=Users,DC=contoso,DC=com");
    const config = successFactorsToActiveDirectory({ defaultContainer: "OU=Staff,DC=fabrikam,DC=example" });
    expect(config.defaultContainer).toBe("OU=Staff,DC=fabrikam,DC=example");
    expect(config.mappings.some((m) => m.target === "parentDistinguishedName")).toBe(false);
    expect(provisioningConfigSchema.parse(config)).toEqual(config);
  });

  it("disables the account when there is no active employment", async () => {
    const { mappings } = successFactorsToActiveDirectory();
    const disabled = (activeEmploymentsCount: string) =>
      outcomeValue(evaluateMapping(mappings, "accountDisabled", { ...user, activeEmploymentsCount }));
    await expect(disabled("0")).resolves.toBe("True");
    await expect(disabled("1")).resolves.toBe("False");
    await expect(disabled("2")).resolves.toBe("False");
  });

  it("builds UPN candidates without diacritics or spaces", async () => {
    const { mappings } = successFactorsToActiveDirectory({ upnDomain: "fabrikam.example" });
    const upn = (taken: string[]) => outcomeValue(evaluateMapping(mappings, "userPrincipalName", user, taken));
    await expect(upn([])).resolves.toBe("Zoe.AngstromBerg@fabrikam.example");
    await expect(upn(["zoe.angstromberg@fabrikam.example"])).resolves.toBe("Z.AngstromBerg@fabrikam.example");
    await expect(upn(["zoe.angstromberg@fabrikam.example", "Z.AngstromBerg@fabrikam.example"])).resolves.toBe(
      "Zo.AngstromBerg@fabrikam.example",
    );
  });

  it("builds sAMAccountName candidates that fit AD's rules", async () => {
    const { mappings } = successFactorsToActiveDirectory();
    const sam = (attributes: Record<string, string>, taken: string[] = []) =>
      outcomeValue(evaluateMapping(mappings, "sAMAccountName", { ...user, ...attributes }, taken));
    await expect(sam({})).resolves.toBe("ZAngstromBerg");
    await expect(sam({}, ["zangstromberg"])).resolves.toBe("ZoAngstromBerg");
    await expect(sam({}, ["zangstromberg", "zoangstromberg"])).resolves.toBe("ZoeAngstromBerg");
    await expect(sam({ firstName: "Jean-Luc", lastName: "de la Croix-Valmont, Jr." })).resolves.toBe(
      "JdelaCroix-ValmontJr",
    );
    await expect(sam({ firstName: "Åsa", lastName: "Ødegård" })).resolves.toBe("AOEdegard");
  });

  it("uses the display name as cn, falling back to first and last name, at most 64 characters", async () => {
    const { mappings } = successFactorsToActiveDirectory();
    const cn = (attributes: Record<string, string | null>) =>
      outcomeValue(evaluateMapping(mappings, "cn", { ...user, ...attributes }));
    await expect(cn({})).resolves.toBe("Zoë Ångström Berg");
    await expect(cn({ displayName: "" })).resolves.toBe("Zoë Ångström Berg");
    await expect(cn({ displayName: null, firstName: "Ana" })).resolves.toBe("Ana Ångström Berg");
    await expect(cn({ displayName: "x".repeat(80) })).resolves.toBe("x".repeat(64));
  });
});
