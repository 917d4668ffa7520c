import { describeErrorCode, type ExportedState, type ProvisioningDecision } from "@roster/engine";
import { describe, expect, it } from "vitest";
import { accountAnchor } from "./account-anchor.js";
import { BenchDirectory } from "./bench-directory.js";

/** A cycle reserves what a decision chose before planning the next worker, then stores the link. */
function reserveAndApply(directory: BenchDirectory, index: number, d: ProvisioningDecision): void {
  directory.reserve(index, d);
  directory.apply(index, d);
}

const state = (title: string): ExportedState => ({
  attributes: { employeeID: "1", title },
  cn: "Ana",
  parentDistinguishedName: "OU=Users,DC=contoso,DC=com",
  accountDisabled: false,
  references: {},
});
const stateA = state("A");
const stateB = state("B");

function decision(fields: Partial<ProvisioningDecision>): ProvisioningDecision {
  return {
    status: "success",
    action: "Create",
    sourceAnchor: "wid-1",
    targetAnchor: null,
    newLink: true,
    inScope: true,
    operations: [],
    modifiedProperties: [],
    deferredReferences: [],
    reservedValues: [],
    newExportedState: stateA,
    error: null,
    skipReason: null,
    notes: [],
    steps: [],
    scoping: null,
    matching: null,
    ...fields,
  };
}

describe("BenchDirectory", () => {
  it("links a created worker, reserves its unique values (case-insensitively) and resolves references to it", () => {
    const directory = new BenchDirectory();
    expect(directory.resolveReference("wid-1")).toBeNull();
    expect(directory.link(0)).toBeNull();
    reserveAndApply(
      directory,
      0,
      decision({ reservedValues: [{ attribute: "userPrincipalName", value: "Ana@Contoso.com" }] }),
    );
    expect(directory.isTaken("userprincipalname", "ana@contoso.COM")).toBe(true);
    expect(directory.isTaken("userPrincipalName", "ANA@contoso.com")).toBe(true);
    expect(directory.isTaken("mail", "ana@contoso.com")).toBe(false);
    const link = directory.link(0);
    expect(link).toEqual({ anchor: accountAnchor(1), exportedAttributes: stateA, wasInScope: true });
    expect(directory.resolveReference("wid-1")).toBe(link?.anchor);
  });

  it("numbers the accounts it creates and links a matched worker to the entry found", () => {
    const directory = new BenchDirectory();
    reserveAndApply(directory, 0, decision({}));
    reserveAndApply(directory, 1, decision({ sourceAnchor: "wid-2" }));
    reserveAndApply(
      directory,
      2,
      decision({ sourceAnchor: "wid-3", action: "NoChange", targetAnchor: "guid-matched" }),
    );
    expect(directory.resolveReference("wid-1")).toBe(accountAnchor(1));
    expect(directory.resolveReference("wid-2")).toBe(accountAnchor(2));
    expect(directory.resolveReference("wid-1")).toBe(accountAnchor(1));
    expect(directory.resolveReference("wid-3")).toBe("guid-matched");
    expect(directory.link(2)?.anchor).toBe("guid-matched");
  });

  it("keeps the link on NoChange and replaces the state on an update; ignores failed decisions", () => {
    const directory = new BenchDirectory();
    reserveAndApply(directory, 0, decision({}));
    const first = directory.link(0);
    reserveAndApply(
      directory,
      0,
      decision({ action: "NoChange", targetAnchor: first?.anchor ?? null, newExportedState: null }),
    );
    expect(directory.link(0)).toEqual(first);
    reserveAndApply(
      directory,
      0,
      decision({ action: "Update", targetAnchor: first?.anchor ?? null, newExportedState: stateB }),
    );
    expect(directory.link(0)).toEqual({ anchor: first?.anchor, exportedAttributes: stateB, wasInScope: true });
    reserveAndApply(
      directory,
      0,
      decision({ action: "Skip", targetAnchor: first?.anchor ?? null, newExportedState: null, inScope: false }),
    );
    expect(directory.link(0)).toEqual({ anchor: first?.anchor, exportedAttributes: stateB, wasInScope: false });
    const exhausted = { ...describeErrorCode("SelectUniqueValueExhausted"), message: "every candidate is taken" };
    reserveAndApply(directory, 1, decision({ sourceAnchor: "wid-2", error: exhausted }));
    expect(directory.link(1)).toBeNull();
    expect(directory.resolveReference("wid-2")).toBeNull();
  });
});
