/** The Workday set through the real planner: what a new worker's create looks like. */
import { describe, expect, it } from "vitest";
import { compileProvisioningConfigOrThrow } from "../../provisioning/compile-config.js";
import type { DirectoryView } from "../../provisioning/directory-view.js";
import { provisionWorker } from "../../provisioning/provision-worker.js";
import { workdayToActiveDirectory } from "./workday-to-active-directory.js";

function directory(taken: readonly string[], managers: Readonly<Record<string, string>> = {}): DirectoryView {
  const takenLower = new Set(taken.map((t) => t.toLowerCase()));
  return {
    findByAnchor: () => null,
    findByMatchingAttribute: () => [],
    isTaken: (_attribute, value) => takenLower.has(value.toLowerCase()),
    resolveReference: (wid) => managers[wid] ?? null,
  };
}

const worker = {
  WID: "9f0c2a7d41e84b6c8d3e5f7a9b1c3d5e",
  WorkerID: "21024",
  UserID: "siobhan.o'connor,jr",
  FirstName: "Siobhán",
  LastName: "O'Connor, Jr.",
  PreferredNameData: "Siobhán O'Connor, Jr.",
  Active: "0",
  Municipality: "Seattle",
  BusinessTitle: "Manager, Finance",
  ManagerReference: "0a1b2c3d4e5f60718293a4b5c6d7e8f9",
};

describe("Workday → AD default set through provisionWorker", () => {
  it("plans a disabled create in the city OU with the first free UPN and a sanitised sAMAccountName", async () => {
    const config = compileProvisioningConfigOrThrow(workdayToActiveDirectory());
    const decision = await provisionWorker({
      config,
      worker,
      link: null,
      directory: directory(["Siobhán.O'Connor, Jr.@contoso.com"], {
        "0a1b2c3d4e5f60718293a4b5c6d7e8f9": "manager-guid",
      }),
      now: () => new Date("2024-03-01T12:00:00Z"),
      random: () => 0.5,
    });
    expect(decision.error).toBeNull();
    expect(decision.action).toBe("Create");
    const [create, ...rest] = decision.operations;
    expect(create).toMatchObject({
      kind: "create",
      parentDn: "OU=Seattle,OU=Users,DC=contoso,DC=com",
      cn: "Siobhán O'Connor, Jr.",
      accountDisabled: true,
      attributes: {
        employeeID: "21024",
        userPrincipalName: "S.O'Connor, Jr.@contoso.com",
        sAMAccountName: "siobhan.o'connorjr",
        title: "Manager, Finance",
        l: "Seattle",
      },
    });
    expect(rest).toEqual([
      expect.objectContaining({ kind: "setReference", attribute: "manager", targetAnchor: "manager-guid" }),
    ]);
    expect(decision.reservedValues).toEqual([{ attribute: "userPrincipalName", value: "S.O'Connor, Jr.@contoso.com" }]);
  });
});
