/**
 * The protocol's operation and entry schemas must describe exactly the engine's
 * DirectoryOperation and TargetEntry. The type import is erased at run time
 * (verbatimModuleSyntax), so @roster/protocol keeps no runtime dependency on the engine;
 * typecheck fails if the two drift apart in either direction.
 */
import type { DirectoryOperation, TargetEntry } from "@roster/engine";
import { describe, expect, it } from "vitest";
import { directoryOperationSchema, type ProtocolDirectoryOperation } from "./operation-schemas.js";
import { targetEntrySchema, type ProtocolTargetEntry } from "./query-schemas.js";

type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const operationTypesMatch: MutuallyAssignable<ProtocolDirectoryOperation, DirectoryOperation> = true;
/** Every kind on one side exists on the other (a union-level check the assignability above implies per variant). */
const operationKindsMatch: MutuallyAssignable<ProtocolDirectoryOperation["kind"], DirectoryOperation["kind"]> = true;
/** Entries the agent sends are usable as engine TargetEntries (JSON has no undefined, so only this direction). */
const entriesUsableByEngine: ProtocolTargetEntry extends TargetEntry ? true : false = true;

const ANCHOR = "0f8fad5b-d9cb-469f-a165-70867728950e";

/** One engine-typed operation of every kind: what the planner hands to the coordinator. */
const engineOperations: readonly DirectoryOperation[] = [
  {
    kind: "create",
    parentDn: "OU=Staff,DC=x",
    cn: "Ada",
    attributes: { mail: "ada@x", otherMobile: ["1", "2"] },
    accountDisabled: true,
  },
  { kind: "update", anchor: ANCHOR, changes: { title: "Engineer", mobile: null, proxyAddresses: ["SMTP:a@x"] } },
  { kind: "enable", anchor: ANCHOR },
  { kind: "disable", anchor: ANCHOR },
  { kind: "move", anchor: ANCHOR, newParentDn: "OU=Leavers,DC=x" },
  { kind: "rename", anchor: ANCHOR, newCn: "Ada King" },
  { kind: "setReference", anchor: ANCHOR, attribute: "manager", targetAnchor: ANCHOR },
  { kind: "setReference", anchor: ANCHOR, attribute: "manager", targetAnchor: null },
  { kind: "delete", anchor: ANCHOR },
];

describe("engine compatibility", () => {
  it("holds at type level", () => {
    expect([operationTypesMatch, operationKindsMatch, entriesUsableByEngine]).toEqual([true, true, true]);
  });

  it.each(engineOperations.map((operation) => [operation.kind, operation] as const))(
    "carries an engine %s operation unchanged",
    (_kind, operation) => {
      const parsed = directoryOperationSchema.parse(JSON.parse(JSON.stringify(operation)));
      expect(parsed).toEqual(operation);
      const backToEngine: DirectoryOperation = parsed;
      expect(backToEngine.kind).toBe(operation.kind);
    },
  );

  it("reads entries with the pseudo-attributes the engine expects", () => {
    const entry: TargetEntry = targetEntrySchema.parse({
      anchor: ANCHOR,
      dn: "CN=Ada,OU=Staff,DC=x",
      attributes: {
        accountDisabled: "False",
        parentDistinguishedName: "OU=Staff,DC=x",
        manager: null,
        proxyAddresses: ["SMTP:a@x"],
      },
    });
    expect(entry.attributes.accountDisabled).toBe("False");
    expect(entry.attributes.parentDistinguishedName).toBe("OU=Staff,DC=x");
  });
});
