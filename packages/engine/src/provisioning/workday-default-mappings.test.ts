/**
 * The joiner / mover / leaver / rehire life cycle under the shipped Workday → AD
 * mapping set (SelectUniqueValue UPN, sAMAccountName clean-up, accountDisabled from
 * Active, OU from Municipality, manager reference).
 */
import { describe, expect, it } from "vitest";
import { workdayToActiveDirectory } from "../config/default-mappings/workday-to-active-directory.js";
import type { Attributes } from "../expressions/types.js";
import { compileProvisioningConfigOrThrow } from "./compile-config.js";
import { NEW_ENTRY_ANCHOR } from "./decision.js";
import { InMemoryDirectory } from "./test-support/in-memory-directory.js";
import { run, runAndApply } from "./test-support/fixtures.js";

const config = compileProvisioningConfigOrThrow(workdayToActiveDirectory());

function workdayWorker(overrides: Record<string, Attributes[string]> = {}): Attributes {
  return {
    WID: "wid-jsmith",
    WorkerID: "21001",
    UserID: "jsmith",
    FirstName: "John",
    LastName: "Smith",
    PreferredNameData: "John Smith",
    Active: "1",
    Company: "Contoso",
    SupervisoryOrganization: "Finance",
    BusinessTitle: "Accountant",
    Municipality: "Dallas",
    CountryReferenceTwoLetter: "US",
    ...overrides,
  };
}

describe("Workday → AD default mappings", () => {
  it("compiles the shipped set", () => {
    expect(config.mappings).toHaveLength(24);
    expect(config.matchingMappings.map((m) => m.target)).toEqual(["employeeID"]);
    expect(config.mappings.filter((m) => m.selectUniqueValue).map((m) => m.target)).toEqual(["userPrincipalName"]);
  });

  it("creates a joiner with a unique UPN, a cleaned sAMAccountName and the city's OU, enabled", async () => {
    const dir = new InMemoryDirectory();
    dir.addEntry({ dn: "CN=Other John,OU=x", attributes: { userPrincipalName: "John.Smith@contoso.com" } });
    const d = await runAndApply(config, workdayWorker({ UserID: "j/smith." }), dir);
    expect(d.action).toBe("Create");
    expect(d.operations[0]).toEqual({
      kind: "create",
      parentDn: "OU=Dallas,OU=Users,DC=contoso,DC=com",
      cn: "John Smith",
      accountDisabled: false,
      attributes: {
        employeeID: "21001",
        userPrincipalName: "J.Smith@contoso.com",
        sAMAccountName: "jsmith",
        givenName: "John",
        sn: "Smith",
        displayName: "John Smith",
        company: "Contoso",
        department: "Finance",
        title: "Accountant",
        l: "Dallas",
        co: "US",
        c: "US",
      },
    });
    expect(d.reservedValues).toEqual([{ attribute: "userPrincipalName", value: "J.Smith@contoso.com" }]);
  });

  it("puts workers from other cities in the Switch default OU", async () => {
    const d = await run(config, workdayWorker({ Municipality: "Paris" }), new InMemoryDirectory());
    expect(d.operations[0]).toMatchObject({ parentDn: "OU=Default Users,DC=contoso,DC=com" });
  });

  it("moves a mover, disables a leaver and re-enables a rehire", async () => {
    const dir = new InMemoryDirectory();
    await runAndApply(config, workdayWorker(), dir);

    const mover = await runAndApply(config, workdayWorker({ Municipality: "Austin" }), dir);
    expect(mover.action).toBe("Move");
    expect(mover.operations).toEqual([
      { kind: "update", anchor: mover.targetAnchor, changes: { l: "Austin" } },
      { kind: "move", anchor: mover.targetAnchor, newParentDn: "OU=Austin,OU=Users,DC=contoso,DC=com" },
    ]);

    const leaver = await runAndApply(config, workdayWorker({ Municipality: "Austin", Active: "0" }), dir);
    expect(leaver.action).toBe("Disable");
    expect(leaver.operations).toEqual([{ kind: "disable", anchor: leaver.targetAnchor }]);

    // Rehired with the same employee ID but a new WID: matched by employeeID, re-enabled.
    const rehire = await runAndApply(config, workdayWorker({ WID: "wid-jsmith-2", Municipality: "Austin" }), dir);
    expect(rehire.action).toBe("Enable");
    expect(rehire.newLink).toBe(true);
    expect(rehire.targetAnchor).toBe(leaver.targetAnchor);
    expect(rehire.operations).toEqual([{ kind: "enable", anchor: leaver.targetAnchor }]);
  });

  it("links the manager by reference after the create", async () => {
    const dir = new InMemoryDirectory();
    await runAndApply(
      config,
      workdayWorker({
        WID: "wid-boss",
        WorkerID: "20000",
        UserID: "boss",
        FirstName: "Bo",
        LastName: "Boss",
        PreferredNameData: "Bo Boss",
      }),
      dir,
    );
    const d = await run(config, workdayWorker({ ManagerReference: "wid-boss" }), dir);
    expect(d.operations.map((o) => o.kind)).toEqual(["create", "setReference"]);
    expect(d.operations[1]).toMatchObject({
      anchor: NEW_ENTRY_ANCHOR,
      attribute: "manager",
      targetAnchor: dir.links.get("wid-boss")!.anchor,
    });
  });
});
