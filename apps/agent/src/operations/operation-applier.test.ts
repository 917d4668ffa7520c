import type { DirectoryOperation } from "@roster/engine";
import { beforeEach, describe, expect, it } from "vitest";
import { FakeDirectory } from "../test-support/fake-directory.js";
import { OperationApplier } from "./operation-applier.js";

const USERS = "ou=Users,dc=example,dc=com";
const fresh = { recovering: false };
const recovering = { recovering: true };

function create(employeeID: string, cn = `Person ${employeeID}`, extra: Record<string, string> = {}): DirectoryOperation {
  return { kind: "create", parentDn: USERS, cn, attributes: { employeeID, sAMAccountName: `p${employeeID}`, sn: "Person", ...extra }, accountDisabled: false };
}

let directory: FakeDirectory;
let applier: OperationApplier;
beforeEach(() => {
  directory = new FakeDirectory();
  applier = new OperationApplier(directory, ["employeeID", "sAMAccountName"]);
});

describe("OperationApplier: create", () => {
  it("creates and reports the new anchor and DN", async () => {
    const result = await applier.apply("k1", create("100"), fresh);
    const entry = directory.byDn(`CN=Person 100,${USERS}`)!;
    expect(result).toEqual({ idempotencyKey: "k1", status: "applied", anchor: entry.anchor, dn: entry.dn });
  });

  it("answers alreadyApplied with the existing anchor when another agent already created the same account", async () => {
    const first = await applier.apply("k1", create("100"), fresh);
    const writes = directory.writes;
    const again = await new OperationApplier(directory, ["employeeID", "sAMAccountName"]).apply("k1", create("100"), fresh);
    expect(again).toEqual({ ...first, status: "alreadyApplied" });
    expect(directory.writes).toBe(writes);
    expect(directory.entries.size).toBe(1);
  });

  it("converges a half-applied create (left disabled, attribute missing) and reports it alreadyApplied", async () => {
    const anchor = directory.seed(`CN=Person 100,${USERS}`, { cn: "Person 100", employeeID: "100", sAMAccountName: "p100" }, true);
    const result = await applier.apply("k1", create("100"), recovering);
    expect(result).toMatchObject({ status: "alreadyApplied", anchor });
    const entry = directory.entries.get(anchor)!;
    expect(entry.disabled).toBe(false);
    expect(entry.attributes.get("sn")).toEqual(["Person"]);
    expect(directory.entries.size).toBe(1);
  });

  it("when recovering, finds the account by employeeID even under another DN and does not create a second one", async () => {
    const anchor = directory.seed(`CN=Renamed Person,${USERS}`, { cn: "Renamed Person", employeeID: "100", sAMAccountName: "p100", sn: "Person" });
    const result = await applier.apply("k1", create("100"), recovering);
    expect(result).toMatchObject({ status: "alreadyApplied", anchor, dn: `CN=Renamed Person,${USERS}` });
    expect(directory.entries.size).toBe(1);
  });

  it("keeps the conflict when the DN belongs to someone else", async () => {
    directory.seed(`CN=Person 100,${USERS}`, { cn: "Person 100", employeeID: "999", sAMAccountName: "other" });
    const result = await applier.apply("k1", create("100"), fresh);
    expect(result).toMatchObject({ status: "failed", errorCode: "EntryConflict", retryable: false, ldapCode: 68 });
    expect(result.status === "failed" && result.message).toMatch(/another account \(its employeeID is "999", not "100"\)/);
  });

  it("does not claim an existing entry for a create without identity attributes unless it may have made it itself", async () => {
    directory.seed(`CN=Room 1,${USERS}`, { cn: "Room 1" });
    const op: DirectoryOperation = { kind: "create", parentDn: USERS, cn: "Room 1", attributes: {}, accountDisabled: false };
    expect(await applier.apply("k1", op, fresh)).toMatchObject({ status: "failed", errorCode: "EntryConflict" });
    expect(await applier.apply("k1", op, recovering)).toMatchObject({ status: "alreadyApplied" });
  });

  it("refuses to guess when recovering finds several accounts with the create's employeeID", async () => {
    directory.seed(`CN=A,${USERS}`, { cn: "A", employeeID: "100" });
    directory.seed(`CN=B,${USERS}`, { cn: "B", employeeID: "100" });
    const result = await applier.apply("k1", create("100"), recovering);
    expect(result).toMatchObject({ status: "failed", errorCode: "DuplicateTargetEntries", retryable: false });
    expect(result.status === "failed" && result.message).toMatch(/2 accounts have employeeID "100"/);
    expect(directory.entries.size).toBe(2);
  });
});

describe("OperationApplier: converged operations", () => {
  it("reports a re-applied update, enable, move, rename and setReference as alreadyApplied without writing", async () => {
    const manager = directory.seed(`CN=Boss,${USERS}`, { cn: "Boss", employeeID: "1" });
    const created = await applier.apply("c", create("100"), fresh);
    const anchor = created.status === "applied" ? created.anchor! : "";
    const ops: DirectoryOperation[] = [
      { kind: "update", anchor, changes: { title: "Engineer", sn: null } },
      { kind: "disable", anchor },
      { kind: "move", anchor, newParentDn: "ou=Leavers,dc=example,dc=com" },
      { kind: "rename", anchor, newCn: "Person Hundred" },
      { kind: "setReference", anchor, attribute: "manager", targetAnchor: manager },
    ];
    for (const [index, op] of ops.entries()) {
      expect(await applier.apply(`op${index}`, op, fresh)).toMatchObject({ status: "applied", anchor });
      const writes = directory.writes;
      expect(await applier.apply(`op${index}`, op, recovering)).toMatchObject({ status: "alreadyApplied", anchor });
      expect(directory.writes).toBe(writes);
    }
    expect(directory.entries.get(anchor)!.dn).toBe("CN=Person Hundred,ou=Leavers,dc=example,dc=com");
  });

  it("treats a delete of an entry that is already gone as alreadyApplied", async () => {
    const anchor = directory.seed(`CN=Gone,${USERS}`, { cn: "Gone" });
    expect(await applier.apply("d", { kind: "delete", anchor }, fresh)).toEqual({ idempotencyKey: "d", status: "applied", anchor });
    expect(await applier.apply("d", { kind: "delete", anchor }, fresh)).toEqual({ idempotencyKey: "d", status: "alreadyApplied", anchor });
  });

  it("passes other failures through with their code", async () => {
    const result = await applier.apply("u", { kind: "update", anchor: "00000000-0000-0000-0000-000000000000", changes: { sn: "x" } }, fresh);
    expect(result).toMatchObject({ idempotencyKey: "u", status: "failed", errorCode: "InvalidAnchor", retryable: false });
  });
});
