import { describe, expect, it } from "vitest";
import { RosterError } from "../../errors/error-codes.js";
import { provisioningConfigSchema } from "../provisioning-config.js";
import { evaluateMapping, expressionOf, outcomeValue } from "./test-support/evaluate-mapping.js";
import { workdayToActiveDirectory } from "./workday-to-active-directory.js";

/** A Workday worker as the connector hands it over (attribute names of the Workday catalogue). */
const worker = {
  WID: "3aa5550b7fe348b98d7b5741afc65534",
  WorkerID: "21023",
  UserID: "jose.o'brien-nunez",
  FirstName: "José",
  LastName: "O'Brien-Núñez",
  PreferredNameData: "José O'Brien-Núñez",
  Active: "1",
  Company: "Contoso Ltd.",
  SupervisoryOrganization: "Finance",
  ManagerReference: "7d1f0e6b2c8a4e5f9b3c1d2e4f6a8b0c",
  BusinessTitle: "Accountant, Senior",
  Municipality: "Dallas",
  CountryReferenceTwoLetter: "US",
};

describe("Workday → AD default mapping set", () => {
  it("holds the 24 tutorial rows in order, with their apply modes", () => {
    const config = workdayToActiveDirectory();
    expect(config.mappings.map((m) => [m.target, m.apply])).toEqual([
      ["employeeID", "OnlyOnCreate"],
      ["cn", "OnlyOnCreate"],
      ["userPrincipalName", "OnlyOnCreate"],
      ["sAMAccountName", "OnlyOnCreate"],
      ["accountDisabled", "Always"],
      ["givenName", "Always"],
      ["sn", "Always"],
      ["displayName", "Always"],
      ["company", "Always"],
      ["department", "Always"],
      ["manager", "Always"],
      ["title", "Always"],
      ["streetAddress", "Always"],
      ["l", "Always"],
      ["co", "Always"],
      ["c", "Always"],
      ["st", "Always"],
      ["physicalDeliveryOfficeName", "Always"],
      ["postalCode", "Always"],
      ["telephoneNumber", "Always"],
      ["facsimileTelephoneNumber", "Always"],
      ["mobile", "Always"],
      ["preferredLanguage", "Always"],
      ["parentDistinguishedName", "Always"],
    ]);
  });

  it("matches WorkerID → employeeID with precedence 1 and nothing else", () => {
    const config = workdayToActiveDirectory();
    const matching = config.mappings.filter((m) => m.matchingPrecedence !== undefined);
    expect(matching).toEqual([
      expect.objectContaining({ type: "Direct", source: "WorkerID", target: "employeeID", matchingPrecedence: 1 }),
    ]);
    expect(config.sourceAnchorAttribute).toBe("WID");
    expect(config.referenceAttributes).toEqual(["manager"]);
    expect(config.mappings.find((m) => m.target === "manager")).toMatchObject({
      type: "Direct",
      source: "ManagerReference",
    });
  });

  it("keeps the tutorial expressions verbatim", () => {
    const { mappings } = workdayToActiveDirectory();
    expect(expressionOf(mappings, "accountDisabled").expression).toBe('Switch([Active], , "0", "True", "1", "False")');
    expect(expressionOf(mappings, "sAMAccountName").expression).toBe(
      String.raw`Replace(Mid(Replace([UserID], , "([\\/\\\\\\[\\]\\:\\;\\|\\=\\,\\+\\*\\?\\<\\>])", , "", , ), 1, 20), , "(\\.)*$", , "", , )`,
    );
    expect(expressionOf(mappings, "userPrincipalName").expression).toBe(
      'SelectUniqueValue( Join("@", Join(".",  [FirstName], [LastName]), "contoso.com"), Join("@", Join(".",  Mid([FirstName], 1, 1), [LastName]), "contoso.com"), Join("@", Join(".",  Mid([FirstName], 1, 2), [LastName]), "contoso.com"))',
    );
  });

  it("returns a fresh, schema-valid copy each time", () => {
    const first = workdayToActiveDirectory();
    expect(provisioningConfigSchema.parse(first)).toEqual(first);
    first.mappings.pop();
    expect(workdayToActiveDirectory().mappings).toHaveLength(24);
  });

  describe("evaluated for a realistic worker", () => {
    it("picks the first UPN candidate that is not taken, case-insensitively", async () => {
      const { mappings } = workdayToActiveDirectory();
      await expect(outcomeValue(evaluateMapping(mappings, "userPrincipalName", worker))).resolves.toBe(
        "José.O'Brien-Núñez@contoso.com",
      );
      await expect(
        outcomeValue(evaluateMapping(mappings, "userPrincipalName", worker, ["JOSÉ.O'BRIEN-NÚÑEZ@CONTOSO.COM"])),
      ).resolves.toBe("J.O'Brien-Núñez@contoso.com");
      await expect(
        outcomeValue(
          evaluateMapping(mappings, "userPrincipalName", worker, [
            "josé.o'brien-núñez@contoso.com",
            "j.o'brien-núñez@contoso.com",
          ]),
        ),
      ).resolves.toBe("Jo.O'Brien-Núñez@contoso.com");
    });

    it("fails with SelectUniqueValueExhausted when every UPN candidate is taken", async () => {
      const { mappings } = workdayToActiveDirectory();
      const taken = ["José.O'Brien-Núñez@contoso.com", "J.O'Brien-Núñez@contoso.com", "Jo.O'Brien-Núñez@contoso.com"];
      const outcome = evaluateMapping(mappings, "userPrincipalName", worker, taken);
      await expect(outcome).rejects.toBeInstanceOf(RosterError);
      await expect(outcome).rejects.toMatchObject({ code: "SelectUniqueValueExhausted" });
    });

    it("uses the upnDomain option in every UPN candidate", async () => {
      const { mappings } = workdayToActiveDirectory({ upnDomain: "fabrikam.example" });
      await expect(
        outcomeValue(evaluateMapping(mappings, "userPrincipalName", worker, ["josé.o'brien-núñez@fabrikam.example"])),
      ).resolves.toBe("J.O'Brien-Núñez@fabrikam.example");
    });

    it("sanitises sAMAccountName: forbidden characters dropped, 20 characters, no trailing dots", async () => {
      const { mappings } = workdayToActiveDirectory();
      const sam = (UserID: string) => outcomeValue(evaluateMapping(mappings, "sAMAccountName", { ...worker, UserID }));
      await expect(sam("jose.o'brien-nunez")).resolves.toBe("jose.o'brien-nunez");
      await expect(sam('o"brien,jose+adm[1]')).resolves.toBe('o"brienjoseadm1');
      await expect(sam("a/b\\c:d;e|f=g*h?i<j>k")).resolves.toBe("abcdefghijk");
      await expect(sam("abcdefghijklmnopqrs.tuvwxyz")).resolves.toBe("abcdefghijklmnopqrs");
      await expect(sam("van.der.berg.........x")).resolves.toBe("van.der.berg");
    });

    it("disables inactive workers and enables active ones", async () => {
      const { mappings } = workdayToActiveDirectory();
      await expect(
        outcomeValue(evaluateMapping(mappings, "accountDisabled", { ...worker, Active: "1" })),
      ).resolves.toBe("False");
      await expect(
        outcomeValue(evaluateMapping(mappings, "accountDisabled", { ...worker, Active: "0" })),
      ).resolves.toBe("True");
    });

    it("places workers in their city's OU, and others in the default OU", async () => {
      const { mappings } = workdayToActiveDirectory();
      const ou = (Municipality: string | null) =>
        outcomeValue(evaluateMapping(mappings, "parentDistinguishedName", { ...worker, Municipality }));
      await expect(ou("Dallas")).resolves.toBe("OU=Dallas,OU=Users,DC=contoso,DC=com");
      await expect(ou("London")).resolves.toBe("OU=London,OU=Users,DC=contoso,DC=com");
      await expect(ou("Zürich")).resolves.toBe("OU=Default Users,DC=contoso,DC=com");
      await expect(ou("dallas")).resolves.toBe("OU=Default Users,DC=contoso,DC=com"); // Switch keys are case-sensitive
      await expect(ou(null)).resolves.toBe("OU=Default Users,DC=contoso,DC=com");
    });

    it("uses the defaultContainer option for unknown cities and as the job's container, escaped in the expression", async () => {
      const container = String.raw`OU=R\,D "West",DC=fabrikam,DC=example`;
      const config = workdayToActiveDirectory({ defaultContainer: container });
      expect(config.defaultContainer).toBe(container);
      await expect(
        outcomeValue(evaluateMapping(config.mappings, "parentDistinguishedName", { ...worker, Municipality: "Paris" })),
      ).resolves.toBe(container);
      await expect(
        outcomeValue(
          evaluateMapping(config.mappings, "parentDistinguishedName", { ...worker, Municipality: "Austin" }),
        ),
      ).resolves.toBe("OU=Austin,OU=Users,DC=contoso,DC=com");
    });
  });

  it("rejects options that are not a domain or a DN", () => {
    expect(() => workdayToActiveDirectory({ upnDomain: 'contoso.com") , Guid(' })).toThrow(/upnDomain/);
    expect(() => workdayToActiveDirectory({ upnDomain: "localhost" })).toThrow(RosterError);
    expect(() => workdayToActiveDirectory({ defaultContainer: "Users" })).toThrow(/defaultContainer/);
  });
});
