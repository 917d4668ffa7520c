import { describe, expect, it } from "vitest";
import { RosterError } from "../errors/error-codes.js";
import { NEW_ENTRY_ANCHOR, REDACTED, type ProvisioningDecision } from "./decision.js";
import { planReferenceResolution, withResolvedReferences } from "./planner.js";
import { provisionWorker } from "./provision-worker.js";
import { InMemoryDirectory } from "./test-support/in-memory-directory.js";
import { FIXED_NOW, hrConfig, run, runAndApply, USERS_OU, withMappings, worker } from "./test-support/fixtures.js";

const stepStatuses = (d: ProvisioningDecision) => d.steps.map((s) => `${s.step}:${s.status}`);

/** A directory holding Ann's account, matched (not linked) by employeeID 1001. */
function directoryWithAnn(overrides: Record<string, string> = {}, disabled = false): InMemoryDirectory {
  const dir = new InMemoryDirectory();
  dir.addEntry({
    anchor: "guid-ann",
    dn: `CN=Ann Lee,${USERS_OU}`,
    attributes: {
      employeeID: "1001",
      givenName: "Ann",
      sn: "Lee",
      title: "Engineer",
      company: "Contoso",
      ...overrides,
    },
    accountDisabled: disabled,
  });
  return dir;
}

describe("create", () => {
  it("creates an unmatched worker with every mapping, in the default container, in the state the mapping yields", async () => {
    const dir = new InMemoryDirectory();
    const d = await run(hrConfig(), worker(), dir);
    expect(d.action).toBe("Create");
    expect(d.status).toBe("success");
    expect(d.error).toBeNull();
    expect(d.newLink).toBe(true);
    expect(d.targetAnchor).toBeNull();
    expect(d.inScope).toBe(true);
    expect(d.operations).toEqual([
      {
        kind: "create",
        parentDn: USERS_OU,
        cn: "Ann Lee",
        attributes: { employeeID: "1001", givenName: "Ann", sn: "Lee", title: "Engineer", company: "Contoso" },
        accountDisabled: false,
      },
    ]);
    expect(d.newExportedState).toEqual({
      attributes: { employeeID: "1001", givenName: "Ann", sn: "Lee", title: "Engineer", company: "Contoso" },
      cn: "Ann Lee",
      parentDistinguishedName: USERS_OU,
      accountDisabled: false,
      references: {},
    });
    expect(d.modifiedProperties).toContainEqual({ name: "employeeID", oldValue: null, newValue: "1001" });
    expect(d.modifiedProperties).toContainEqual({ name: "accountDisabled", oldValue: null, newValue: "False" });
    expect(stepStatuses(d)).toEqual(["import:success", "scope:success", "match:success", "action:success"]);
    expect(d.steps[2]!.details).toEqual({ "employeeID (precedence 1)": "1001: 0 candidates" });
    expect(JSON.parse(JSON.stringify(d))).toEqual(d); // plain data, ready for logs
    expect(d.steps[3]!.details).toEqual({ Target: `CN=Ann Lee,${USERS_OU}`, "Modified properties": "8" });
    expect(d.modifiedProperties).toHaveLength(8);
  });

  it("creates a pre-hire disabled when the accountDisabled mapping says True", async () => {
    const d = await run(hrConfig(), worker({ Disabled: "True" }), new InMemoryDirectory());
    expect(d.operations[0]).toMatchObject({ kind: "create", accountDisabled: true });
  });

  it("creates the account disabled when accountDisabled is not mapped", async () => {
    const config = hrConfig({ mappings: withMappings().filter((m) => m.target !== "accountDisabled") });
    const d = await run(config, worker(), new InMemoryDirectory());
    expect(d.operations[0]).toMatchObject({ kind: "create", accountDisabled: true });
  });

  it("applies default values only on create, leaves nulls out and exports empty strings", async () => {
    const config = hrConfig({
      mappings: withMappings(
        { type: "Direct", source: "BusinessTitle", target: "title", defaultValue: "Staff" },
        { type: "Direct", source: "Office", target: "physicalDeliveryOfficeName" },
        { type: "Direct", source: "Fax", target: "facsimileTelephoneNumber" },
        { type: "None", target: "description", defaultValue: "Created by Roster" },
      ),
    });
    const d = await run(config, worker({ BusinessTitle: null, Fax: "" }), new InMemoryDirectory());
    const create = d.operations[0]!;
    if (create.kind !== "create") throw new Error("expected a create");
    expect(create.attributes["title"]).toBe("Staff");
    expect(create.attributes["description"]).toBe("Created by Roster");
    expect(create.attributes["facsimileTelephoneNumber"]).toBe("");
    expect("physicalDeliveryOfficeName" in create.attributes).toBe(false);
  });

  it("with Flow null values, an empty value is not written on create", async () => {
    const config = hrConfig({
      mappings: withMappings({
        type: "Direct",
        source: "Fax",
        target: "facsimileTelephoneNumber",
        flowNullValues: true,
      }),
    });
    const d = await run(config, worker({ Fax: "" }), new InMemoryDirectory());
    expect(d.operations[0]).toMatchObject({ kind: "create" });
    expect("facsimileTelephoneNumber" in (d.operations[0] as { attributes: object }).attributes).toBe(false);
  });

  it("writes multi-valued attributes as string arrays and non-text values as .NET text", async () => {
    const config = hrConfig({
      mappings: withMappings(
        { type: "Direct", source: "Phones", target: "otherTelephone" },
        { type: "Direct", source: "Level", target: "extensionAttribute1" },
      ),
    });
    const d = await run(config, worker({ Phones: ["1", "2"], Level: 7 }), new InMemoryDirectory());
    expect(d.operations[0]).toMatchObject({ attributes: { otherTelephone: ["1", "2"], extensionAttribute1: "7" } });
  });

  it("uses a mapped parentDistinguishedName instead of the default container", async () => {
    const config = hrConfig({
      mappings: withMappings({ type: "Direct", source: "OU", target: "parentDistinguishedName" }),
    });
    const d = await run(config, worker({ OU: "OU=Dallas,DC=contoso,DC=com" }), new InMemoryDirectory());
    expect(d.operations[0]).toMatchObject({ kind: "create", parentDn: "OU=Dallas,DC=contoso,DC=com" });
  });

  it("fails with MandatoryFieldsMissing without a cn or a container", async () => {
    const noCn = await run(hrConfig(), worker({ PreferredNameData: null }), new InMemoryDirectory());
    expect(noCn.status).toBe("failure");
    expect(noCn.action).toBe("Create");
    expect(noCn.error?.code).toBe("MandatoryFieldsMissing");
    expect(noCn.error?.message).toContain("cn");
    expect(noCn.error?.recommendedAction).toContain("default value");
    expect(noCn.operations).toEqual([]);
    expect(noCn.newExportedState).toBeNull();
    expect(stepStatuses(noCn)).toEqual(["import:success", "scope:success", "match:success", "action:failure"]);

    const noContainer = hrConfig();
    const config = { ...noContainer, defaultContainer: null };
    const d = await run(config, worker(), new InMemoryDirectory());
    expect(d.error?.code).toBe("MandatoryFieldsMissing");
    expect(d.error?.message).toContain("parentDistinguishedName (not mapped, and no default container is configured)");
  });

  it("skips with ActionDisabled when creating is switched off", async () => {
    const config = hrConfig({ targetObjectActions: { create: false, update: true, delete: true } });
    const d = await run(config, worker(), new InMemoryDirectory());
    expect(d.action).toBe("Skip");
    expect(d.status).toBe("skipped");
    expect(d.skipReason?.code).toBe("ActionDisabled");
    expect(d.operations).toEqual([]);
  });

  it("picks the first SelectUniqueValue candidate not taken and reports it for reservation", async () => {
    const config = hrConfig({
      mappings: withMappings({
        type: "Expression",
        expression: "SelectUniqueValue([Upn1], [Upn2], [Upn3])",
        target: "userPrincipalName",
        apply: "OnlyOnCreate",
      }),
    });
    const dir = new InMemoryDirectory();
    dir.addEntry({ dn: "CN=Other,OU=x", attributes: { userPrincipalName: "ann.lee@contoso.com" } });
    const w = worker({ Upn1: "ann.lee@contoso.com", Upn2: "a.lee@contoso.com", Upn3: "an.lee@contoso.com" });
    const d = await runAndApply(config, w, dir);
    expect(d.operations[0]).toMatchObject({ attributes: { userPrincipalName: "a.lee@contoso.com" } });
    expect(d.reservedValues).toEqual([{ attribute: "userPrincipalName", value: "a.lee@contoso.com" }]);
    expect(d.steps[3]!.details).toMatchObject({
      "SelectUniqueValue userPrincipalName": "ann.lee@contoso.com (taken), a.lee@contoso.com (available)",
    });

    // A second worker with the same names in the same cycle: the reserved value counts as taken.
    const twin = await run(config, { ...w, WID: "wid-2002", WorkerID: "2002" }, dir);
    expect(twin.operations[0]).toMatchObject({ attributes: { userPrincipalName: "an.lee@contoso.com" } });
  });

  it("fails, retryably, with SelectUniqueValueExhausted when every candidate is taken", async () => {
    const config = hrConfig({
      mappings: withMappings({
        type: "Expression",
        expression: "SelectUniqueValue([Upn1], [Upn2])",
        target: "userPrincipalName",
        apply: "OnlyOnCreate",
      }),
    });
    const dir = new InMemoryDirectory();
    dir.addEntry({ dn: "CN=A,OU=x", attributes: { userPrincipalName: "a@x" } });
    dir.addEntry({ dn: "CN=B,OU=x", attributes: { userPrincipalName: "b@x" } });
    const d = await run(config, worker({ Upn1: "a@x", Upn2: "b@x" }), dir);
    expect(d.status).toBe("failure");
    expect(d.error).toMatchObject({ code: "SelectUniqueValueExhausted", retryable: true });
    expect(d.reservedValues).toEqual([]);
  });
});

describe("update", () => {
  it("links a matched entry and updates only the changed attributes, never OnlyOnCreate ones", async () => {
    const dir = directoryWithAnn({ title: "Intern", employeeID: "1001" });
    const d = await runAndApply(hrConfig(), worker({ PreferredNameData: "Ann B. Lee" }), dir);
    expect(d.action).toBe("Update");
    expect(d.targetAnchor).toBe("guid-ann");
    expect(d.newLink).toBe(true);
    expect(d.operations).toEqual([{ kind: "update", anchor: "guid-ann", changes: { title: "Engineer" } }]);
    expect(d.modifiedProperties).toEqual([{ name: "title", oldValue: "Intern", newValue: "Engineer" }]);
    expect(d.matching).toMatchObject({
      method: "matchingAttributes",
      outcome: "matched",
      matchedDn: `CN=Ann Lee,${USERS_OU}`,
    });
    expect(d.newExportedState).toMatchObject({
      attributes: { title: "Engineer", employeeID: "1001" },
      cn: "Ann Lee",
      parentDistinguishedName: USERS_OU,
      accountDisabled: false,
    });
    expect(dir.links.get("wid-1001")).toMatchObject({ anchor: "guid-ann", wasInScope: true });
  });

  it("links a matched entry that is already in sync (NoChange) and stores its state", async () => {
    const dir = directoryWithAnn();
    const d = await runAndApply(hrConfig(), worker(), dir);
    expect(d.action).toBe("NoChange");
    expect(d.status).toBe("skipped");
    expect(d.skipReason?.code).toBe("EntrySynchronizationSkipped");
    expect(d.newLink).toBe(true);
    expect(d.operations).toEqual([]);
    expect(dir.links.get("wid-1001")?.exportedAttributes).toMatchObject({
      attributes: { title: "Engineer" },
      cn: "Ann Lee",
    });
  });

  it("compares an unchanged linked worker with its exported state without reading the directory", async () => {
    const dir = new InMemoryDirectory();
    await runAndApply(hrConfig(), worker(), dir);
    const before = { ...dir.calls };
    const d = await runAndApply(hrConfig(), worker(), dir);
    expect(d.action).toBe("NoChange");
    expect(d.newExportedState).toBeNull();
    expect(dir.calls.findByAnchor).toBe(before.findByAnchor);
    expect(dir.calls.findByMatchingAttribute).toBe(before.findByMatchingAttribute);
    expect(d.matching).toMatchObject({ method: "anchor", outcome: "linked" });
    expect(d.steps[2]!.description).toContain("not read");

    const changed = await runAndApply(hrConfig(), worker({ BusinessTitle: "Lead" }), dir);
    expect(changed.operations).toEqual([{ kind: "update", anchor: changed.targetAnchor, changes: { title: "Lead" } }]);
    expect(changed.newExportedState?.attributes).toMatchObject({ title: "Lead", givenName: "Ann" });
    expect(dir.entry(changed.targetAnchor!)?.attributes["title"]).toBe("Lead");
  });

  it("reads the linked entry by anchor when the link has no exported state", async () => {
    const dir = directoryWithAnn({ sn: "Old" });
    dir.link("wid-1001", { anchor: "guid-ann", exportedAttributes: null, wasInScope: true });
    const d = await run(hrConfig(), worker(), dir);
    expect(dir.calls.findByAnchor).toBe(1);
    expect(dir.calls.findByMatchingAttribute).toBe(0);
    expect(d.newLink).toBe(false);
    expect(d.operations).toEqual([{ kind: "update", anchor: "guid-ann", changes: { sn: "Lee" } }]);
    expect(d.steps[2]!.description).toBe(`Found the linked entry CN=Ann Lee,${USERS_OU}.`);
  });

  it("clears an attribute on update only with Flow null values", async () => {
    const dir = new InMemoryDirectory();
    const plain = hrConfig();
    await runAndApply(plain, worker(), dir);
    const kept = await run(plain, worker({ BusinessTitle: null }), dir);
    expect(kept.action).toBe("NoChange");

    const flowing = hrConfig({
      mappings: withMappings({
        type: "Direct",
        source: "BusinessTitle",
        target: "title",
        flowNullValues: true,
        defaultValue: "Staff",
      }),
    });
    const cleared = await runAndApply(flowing, worker({ BusinessTitle: "" }), dir);
    expect(cleared.operations).toEqual([{ kind: "update", anchor: cleared.targetAnchor, changes: { title: null } }]);
    expect(cleared.modifiedProperties).toEqual([{ name: "title", oldValue: "Engineer", newValue: null }]);
    expect(cleared.newExportedState?.attributes).not.toHaveProperty("title");
    expect(cleared.newExportedState?.attributes).toHaveProperty("givenName", "Ann");
    expect(dir.entry(cleared.targetAnchor!)?.attributes["title"]).toBeUndefined();
  });

  it("skips with ActionDisabled when updating is switched off and something changed", async () => {
    const config = hrConfig({ targetObjectActions: { create: true, update: false, delete: true } });
    const dir = directoryWithAnn({ title: "Intern" });
    const d = await run(config, worker(), dir);
    expect(d.action).toBe("Skip");
    expect(d.skipReason?.code).toBe("ActionDisabled");
    expect(d.operations).toEqual([]);
    expect(d.newLink).toBe(true); // the match is still remembered
  });

  it("moves the account when the mapped parent changes, comparing DNs case- and blank-insensitively", async () => {
    const config = hrConfig({
      mappings: withMappings({ type: "Direct", source: "OU", target: "parentDistinguishedName" }),
    });
    const dir = new InMemoryDirectory();
    await runAndApply(config, worker({ OU: "OU=Dallas,DC=contoso,DC=com" }), dir);
    const same = await run(config, worker({ OU: "ou=dallas, dc=Contoso,DC=com" }), dir);
    expect(same.action).toBe("NoChange");

    const moved = await runAndApply(config, worker({ OU: "OU=Austin,DC=contoso,DC=com", BusinessTitle: "Lead" }), dir);
    expect(moved.action).toBe("Move");
    expect(moved.operations.map((o) => o.kind)).toEqual(["update", "move"]);
    expect(moved.operations[1]).toEqual({
      kind: "move",
      anchor: moved.targetAnchor,
      newParentDn: "OU=Austin,DC=contoso,DC=com",
    });
    expect(dir.entry(moved.targetAnchor!)?.dn).toBe("CN=Ann Lee,OU=Austin,DC=contoso,DC=com");
  });

  it("renames the account when cn is applied always and changes", async () => {
    const config = hrConfig({
      mappings: withMappings({ type: "Direct", source: "PreferredNameData", target: "cn", apply: "Always" }),
    });
    const dir = new InMemoryDirectory();
    await runAndApply(config, worker(), dir);
    const d = await runAndApply(config, worker({ PreferredNameData: "Ann Smith" }), dir);
    expect(d.action).toBe("Rename");
    expect(d.operations).toEqual([{ kind: "rename", anchor: d.targetAnchor, newCn: "Ann Smith" }]);
    expect(d.modifiedProperties).toEqual([{ name: "cn", oldValue: "Ann Lee", newValue: "Ann Smith" }]);
    expect(dir.entry(d.targetAnchor!)?.dn).toBe(`CN=Ann Smith,${USERS_OU}`);
  });
});

describe("joiners, movers, leavers", () => {
  it("disables a terminated worker through accountDisabled, after the attribute update", async () => {
    const dir = new InMemoryDirectory();
    await runAndApply(hrConfig(), worker(), dir);
    const d = await runAndApply(hrConfig(), worker({ Disabled: "True", BusinessTitle: "Former" }), dir);
    expect(d.action).toBe("Disable");
    expect(d.operations.map((o) => o.kind)).toEqual(["update", "disable"]);
    expect(d.modifiedProperties).toContainEqual({ name: "accountDisabled", oldValue: "False", newValue: "True" });
    expect(dir.entry(d.targetAnchor!)?.attributes["accountDisabled"]).toBe("True");
  });

  it("re-enables a rehired worker whose disabled account is matched by the reused employee ID", async () => {
    const dir = directoryWithAnn({}, true);
    const d = await runAndApply(hrConfig(), worker({ WID: "wid-new" }), dir);
    expect(d.action).toBe("Enable");
    expect(d.operations).toEqual([{ kind: "enable", anchor: "guid-ann" }]);
    expect(dir.links.get("wid-new")?.anchor).toBe("guid-ann");
  });

  it("fails on an accountDisabled value that is neither True nor False", async () => {
    const d = await run(hrConfig(), worker({ Disabled: "maybe" }), new InMemoryDirectory());
    expect(d.error?.code).toBe("ExpressionEvaluationFailed");
    expect(d.error?.message).toContain('"maybe"');
  });

  const scoped = (extra: object = {}) =>
    hrConfig({
      scopingFilters: [{ title: "Active", clauses: [{ attribute: "Status", operator: "EQUALS", value: "Active" }] }],
      ...extra,
    });

  it("disables a linked worker who leaves scope", async () => {
    const dir = new InMemoryDirectory();
    await runAndApply(scoped(), worker({ Status: "Active" }), dir);
    const d = await runAndApply(scoped(), worker({ Status: "Gone" }), dir);
    expect(d.action).toBe("Disable");
    expect(d.inScope).toBe(false);
    expect(d.operations).toEqual([{ kind: "disable", anchor: d.targetAnchor }]);
    expect(stepStatuses(d)).toEqual(["import:success", "scope:skipped", "match:success", "action:success"]);
    expect(d.steps[1]!.details).toEqual({ "Active Status EQUALS Active: false": "false" });
    expect(dir.links.get("wid-1001")?.wasInScope).toBe(false);

    // Next cycle: already handled.
    const again = await run(scoped(), worker({ Status: "Gone" }), dir);
    expect(again.action).toBe("Skip");
    expect(again.skipReason?.code).toBe("EntrySynchronizationSkipped");
  });

  it("does not disable a worker leaving scope when SkipOutOfScopeDeletions is set or deletes are off", async () => {
    const dir = new InMemoryDirectory();
    await runAndApply(scoped(), worker({ Status: "Active" }), dir);
    const skip = await run(scoped({ skipOutOfScopeDeletions: true }), worker({ Status: "Gone" }), dir);
    expect(skip.action).toBe("Skip");
    expect(skip.skipReason?.code).toBe("OutOfScopeDeletionSkipped");
    expect(skip.operations).toEqual([]);
    const off = await run(
      scoped({ targetObjectActions: { create: true, update: true, delete: false } }),
      worker({ Status: "Gone" }),
      dir,
    );
    expect(off.skipReason?.code).toBe("ActionDisabled");
  });

  it("skips an out-of-scope worker that was never linked, without searching the directory", async () => {
    const dir = new InMemoryDirectory();
    const d = await run(scoped(), worker({ Status: "Pre-hire" }), dir);
    expect(d.action).toBe("Skip");
    expect(d.skipReason?.code).toBe("EntrySynchronizationSkipped");
    expect(dir.calls.findByMatchingAttribute).toBe(0);
    expect(stepStatuses(d)).toEqual(["import:success", "scope:skipped", "match:skipped", "action:skipped"]);
  });

  it("skips a linked worker leaving scope whose account is already disabled", async () => {
    const dir = new InMemoryDirectory();
    await runAndApply(scoped(), worker({ Status: "Active", Disabled: "True" }), dir);
    const d = await run(scoped(), worker({ Status: "Gone" }), dir);
    expect(d.skipReason?.code).toBe("EntrySynchronizationSkipped");
    expect(d.skipReason?.message).toContain("already disabled");
  });

  it("skips the worker when the objectFilter mapping returns IgnoreObjectFlow", async () => {
    const config = hrConfig({
      mappings: withMappings({ type: "Expression", expression: "IgnoreObjectFlow", target: "objectFilter" }),
    });
    const dir = new InMemoryDirectory();
    const d = await run(config, worker(), dir);
    expect(d.action).toBe("Skip");
    expect(d.skipReason?.code).toBe("ObjectFlowIgnored");
    expect(dir.calls.findByMatchingAttribute).toBe(0);
    expect(stepStatuses(d)).toEqual(["import:success", "scope:skipped", "match:skipped", "action:skipped"]);
  });

  it("lets the worker through when the objectFilter mapping yields anything else", async () => {
    const config = hrConfig({
      mappings: withMappings({ type: "Expression", expression: "IgnoreAttributeFlow", target: "objectFilter" }),
    });
    const d = await run(config, worker(), new InMemoryDirectory());
    expect(d.action).toBe("Create");
    expect(JSON.stringify(d.operations)).not.toContain("objectFilter");
  });
});

describe("manager references", () => {
  const manager = worker({
    WID: "wid-boss",
    WorkerID: "9000",
    PreferredNameData: "Bo Boss",
    FirstName: "Bo",
    LastName: "Boss",
  });
  const report = worker({ ManagerReference: "wid-boss" });

  it("sets the manager after the create when the manager is already provisioned", async () => {
    const dir = new InMemoryDirectory();
    await runAndApply(hrConfig(), manager, dir);
    const bossAnchor = dir.links.get("wid-boss")!.anchor;
    const d = await runAndApply(hrConfig(), report, dir);
    expect(d.operations.map((o) => o.kind)).toEqual(["create", "setReference"]);
    expect(d.operations[1]).toEqual({
      kind: "setReference",
      anchor: NEW_ENTRY_ANCHOR,
      attribute: "manager",
      targetAnchor: bossAnchor,
    });
    expect((d.operations[0] as { attributes: object }).attributes).not.toHaveProperty("manager");
    expect(d.newExportedState?.references).toEqual({ manager: bossAnchor });
    expect(dir.entry(dir.links.get("wid-1001")!.anchor)?.attributes["manager"]).toBe(bossAnchor);

    // Unchanged afterwards.
    expect((await run(hrConfig(), report, dir)).action).toBe("NoChange");
  });

  it("defers an unresolved manager with a note, then resolves it later", async () => {
    const dir = new InMemoryDirectory();
    const first = await runAndApply(hrConfig(), report, dir);
    expect(first.action).toBe("Create");
    expect(first.status).toBe("warning");
    expect(first.operations.map((o) => o.kind)).toEqual(["create"]);
    expect(first.deferredReferences).toEqual([{ attribute: "manager", sourceAnchorValue: "wid-boss" }]);
    expect(first.notes.map((n) => n.code)).toEqual(["ReferenceUnresolved"]);
    expect(first.error).toBeNull();
    expect(first.steps[3]!.status).toBe("warning");
    expect(first.newExportedState?.references).toEqual({});

    const userAnchor = dir.links.get("wid-1001")!.anchor;
    const stillMissing = await planReferenceResolution(userAnchor, first.deferredReferences, (v) =>
      dir.resolveReference(v),
    );
    expect(stillMissing.operations).toEqual([]);
    expect(stillMissing.stillDeferred).toEqual(first.deferredReferences);

    await runAndApply(hrConfig(), manager, dir);
    const bossAnchor = dir.links.get("wid-boss")!.anchor;
    const second = await planReferenceResolution(userAnchor, first.deferredReferences, (v) => dir.resolveReference(v));
    expect(second.operations).toEqual([
      { kind: "setReference", anchor: userAnchor, attribute: "manager", targetAnchor: bossAnchor },
    ]);
    expect(second.resolved).toEqual({ manager: bossAnchor });
    const stored = dir.links.get("wid-1001")!.exportedAttributes!;
    expect(withResolvedReferences(stored, second.resolved)).toEqual({ ...stored, references: { manager: bossAnchor } });

    // The next evaluation of the worker resolves it too.
    const again = await run(hrConfig(), report, dir);
    expect(again.action).toBe("Update");
    expect(again.operations).toEqual([
      { kind: "setReference", anchor: userAnchor, attribute: "manager", targetAnchor: bossAnchor },
    ]);
    expect(again.newExportedState?.references).toEqual({ manager: bossAnchor });
  });

  it("keeps a deferred reference on an otherwise unchanged worker", async () => {
    const dir = new InMemoryDirectory();
    await runAndApply(hrConfig(), report, dir);
    const d = await run(hrConfig(), report, dir);
    expect(d.action).toBe("NoChange");
    expect(d.status).toBe("warning");
    expect(d.deferredReferences).toHaveLength(1);
  });
});

describe("redaction", () => {
  it("shows [Redact] in modified properties and the trace but writes the real value", async () => {
    const config = hrConfig({
      mappings: withMappings(
        { type: "Expression", expression: "Redact([Ssn])", target: "employeeNumber" },
        {
          type: "Expression",
          expression: "Redact([WorkerID])",
          target: "employeeID",
          apply: "OnlyOnCreate",
          matchingPrecedence: 1,
        },
      ),
    });
    const dir = new InMemoryDirectory();
    const created = await runAndApply(config, worker({ Ssn: "123-45-6789" }), dir);
    expect(created.operations[0]).toMatchObject({ attributes: { employeeNumber: "123-45-6789", employeeID: "1001" } });
    expect(created.modifiedProperties).toContainEqual({ name: "employeeNumber", oldValue: null, newValue: REDACTED });
    expect(created.steps[0]!.details).toMatchObject({ "employeeID (matching, precedence 1)": REDACTED });
    expect(created.steps[2]!.details).toEqual({ "employeeID (precedence 1)": `${REDACTED}: 0 candidates` });
    expect(JSON.stringify(created.steps)).not.toContain("123-45-6789");
    expect(JSON.stringify(created.modifiedProperties)).not.toContain("123-45-6789");

    const updated = await run(config, worker({ Ssn: "987-65-4321" }), dir);
    expect(updated.operations).toEqual([
      { kind: "update", anchor: updated.targetAnchor, changes: { employeeNumber: "987-65-4321" } },
    ]);
    expect(updated.modifiedProperties).toEqual([{ name: "employeeNumber", oldValue: REDACTED, newValue: REDACTED }]);
  });
});

describe("matching", () => {
  const twoKeys = () =>
    hrConfig({ mappings: withMappings({ type: "Direct", source: "Email", target: "mail", matchingPrecedence: 2 }) });

  it("tries matching attributes in precedence order; the first single match wins", async () => {
    const dir = new InMemoryDirectory();
    dir.addEntry({ anchor: "guid-mail", dn: "CN=Ann,OU=x", attributes: { mail: "ann@contoso.com" } });
    const d = await run(twoKeys(), worker({ Email: "ann@contoso.com" }), dir);
    expect(d.targetAnchor).toBe("guid-mail");
    expect(d.matching?.attempts).toEqual([
      { attribute: "employeeID", precedence: 1, value: "1001", candidates: [] },
      { attribute: "mail", precedence: 2, value: "ann@contoso.com", candidates: ["CN=Ann,OU=x"] },
    ]);
    expect(d.steps[2]!.details).toEqual({
      "employeeID (precedence 1)": "1001: 0 candidates",
      "mail (precedence 2)": "ann@contoso.com: 1 candidate (CN=Ann,OU=x)",
      Anchor: "guid-mail",
    });
  });

  it("does not evaluate lower precedences once one matches", async () => {
    const dir = directoryWithAnn();
    dir.addEntry({ dn: "CN=Other,OU=x", attributes: { mail: "ann@contoso.com" } });
    const d = await run(twoKeys(), worker({ Email: "ann@contoso.com" }), dir);
    expect(d.targetAnchor).toBe("guid-ann");
    expect(dir.calls.findByMatchingAttribute).toBe(1);
    expect(d.matching?.attempts).toHaveLength(1);
  });

  it("skips a matching attribute without a value and uses the next", async () => {
    const dir = new InMemoryDirectory();
    dir.addEntry({ anchor: "guid-mail", dn: "CN=Ann,OU=x", attributes: { mail: "ann@contoso.com" } });
    const d = await run(twoKeys(), worker({ WorkerID: null, Email: "ann@contoso.com" }), dir);
    expect(d.targetAnchor).toBe("guid-mail");
    expect(d.matching?.attempts[0]).toEqual({ attribute: "employeeID", precedence: 1, value: null, candidates: [] });
  });

  it("fails with DuplicateTargetEntries naming the candidates", async () => {
    const dir = directoryWithAnn();
    dir.addEntry({ dn: "CN=Ann Lee2,OU=Old,DC=contoso,DC=com", attributes: { employeeID: "1001" } });
    const d = await run(hrConfig(), worker(), dir);
    expect(d.status).toBe("failure");
    expect(d.error?.code).toBe("DuplicateTargetEntries");
    expect(d.error?.message).toContain(`CN=Ann Lee,${USERS_OU}`);
    expect(d.error?.message).toContain("CN=Ann Lee2,OU=Old,DC=contoso,DC=com");
    expect(d.operations).toEqual([]);
    expect(stepStatuses(d)).toEqual(["import:success", "scope:success", "match:failure", "action:skipped"]);
  });

  it("skips with ImportSkipped, before scoping, when no matching attribute has a value", async () => {
    const config = hrConfig({ scopingFilters: [{ clauses: [{ attribute: "Status", operator: "IS NOT NULL" }] }] });
    const dir = new InMemoryDirectory();
    const d = await run(config, worker({ WorkerID: "" }), dir);
    expect(d.action).toBe("Skip");
    expect(d.status).toBe("skipped");
    expect(d.skipReason?.code).toBe("ImportSkipped");
    expect(d.scoping).toBeNull();
    expect(d.inScope).toBeNull();
    expect(stepStatuses(d)).toEqual(["import:failure", "scope:skipped", "match:skipped", "action:skipped"]);
    expect(d.steps[0]!.details).toMatchObject({ WID: "wid-1001", "employeeID (matching, precedence 1)": "(no value)" });
    expect(dir.calls.findByMatchingAttribute).toBe(0);
  });

  it("skips with ImportSkipped when the worker has no source anchor", async () => {
    const d = await run(hrConfig(), worker({ WID: null }), new InMemoryDirectory());
    expect(d.skipReason?.code).toBe("ImportSkipped");
    expect(d.skipReason?.message).toContain("source anchor attribute WID");
  });

  it("fails with InvalidAnchor when the linked entry is gone", async () => {
    const dir = new InMemoryDirectory();
    dir.link("wid-1001", { anchor: "guid-gone", exportedAttributes: null, wasInScope: true });
    const d = await run(hrConfig(), worker(), dir);
    expect(d.error?.code).toBe("InvalidAnchor");
    expect(d.matching).toMatchObject({ method: "anchor", outcome: "invalidAnchor", anchor: "guid-gone" });
    expect(dir.calls.findByMatchingAttribute).toBe(0);
  });
});

describe("callback failures", () => {
  it("turns a throwing or rejecting directory into a failed step with the error's code", async () => {
    for (const async of [false, true]) {
      const dir = new InMemoryDirectory();
      dir.async = async;
      dir.failures.set("findByMatchingAttribute", new RosterError("Timeout", "LDAP search timed out"));
      const d = await run(hrConfig(), worker(), dir);
      expect(d.status).toBe("failure");
      expect(d.error).toMatchObject({ code: "Timeout", retryable: true });
      expect(d.error?.message).toContain("LDAP search timed out");
      expect(d.steps[2]!.status).toBe("failure");
    }
  });

  it("reports a non-Roster error as InternalError", async () => {
    const dir = new InMemoryDirectory();
    dir.failures.set("resolveReference", new TypeError("boom"));
    const d = await run(hrConfig(), worker({ ManagerReference: "wid-boss" }), dir);
    expect(d.error?.code).toBe("InternalError");
    expect(d.error?.message).toContain("boom");
  });

  it("shows the test-connection step only when it fails", async () => {
    const ok = new InMemoryDirectory();
    ok.enableConnectionTest();
    const fine = await run(hrConfig(), worker(), ok);
    expect(ok.calls.testConnection).toBe(1);
    expect(fine.steps.map((s) => s.step)).toEqual(["import", "scope", "match", "action"]);

    const broken = new InMemoryDirectory();
    broken.enableConnectionTest(new RosterError("EndpointUnavailable", "no agent is connected"));
    const d = await run(hrConfig(), worker(), broken);
    expect(stepStatuses(d)).toEqual([
      "testConnection:failure",
      "import:skipped",
      "scope:skipped",
      "match:skipped",
      "action:skipped",
    ]);
    expect(d.error?.code).toBe("EndpointUnavailable");
  });

  it("fails the import step when a matching expression fails", async () => {
    const config = hrConfig({
      mappings: withMappings({
        type: "Expression",
        expression: "CDate([WorkerID])",
        target: "employeeID",
        matchingPrecedence: 1,
      }),
    });
    const d = await run(config, worker({ WorkerID: "not a date" }), new InMemoryDirectory());
    expect(d.error?.code).toBe("ExpressionEvaluationFailed");
    expect(stepStatuses(d)[0]).toBe("import:failure");
  });

  it("never rejects: a directory answering nonsense gives an InternalError decision", async () => {
    const dir = new InMemoryDirectory();
    dir.findByMatchingAttribute = () => null as never;
    const d = await provisionWorker({
      config: hrConfig(),
      worker: worker(),
      link: null,
      directory: dir,
      now: () => FIXED_NOW,
      random: () => 0,
    });
    expect(d.status).toBe("failure");
    expect(d.error?.code).toBe("InternalError");
    expect(d.operations).toEqual([]);
  });
});

describe("expressions in mappings", () => {
  it("matches on a transformed value", async () => {
    const config = hrConfig({
      mappings: withMappings({
        type: "Expression",
        expression: 'Join("", "E", [WorkerID])',
        target: "employeeID",
        apply: "OnlyOnCreate",
        matchingPrecedence: 1,
      }),
    });
    const dir = directoryWithAnn({ employeeID: "E1001" });
    const d = await run(config, worker(), dir);
    expect(d.targetAnchor).toBe("guid-ann");
    expect(d.matching?.attempts[0]?.value).toBe("E1001");
  });

  it("leaves an attribute out when its expression yields IgnoreFlowIfNullOrEmpty's no-flow, on create and update", async () => {
    const config = hrConfig({
      mappings: withMappings({
        type: "Expression",
        expression: "IgnoreFlowIfNullOrEmpty([BusinessTitle])",
        target: "title",
        flowNullValues: true,
      }),
    });
    const dir = new InMemoryDirectory();
    const created = await runAndApply(config, worker({ BusinessTitle: "" }), dir);
    expect((created.operations[0] as { attributes: object }).attributes).not.toHaveProperty("title");
    await runAndApply(config, worker({ BusinessTitle: "Lead" }), dir);
    const kept = await run(config, worker({ BusinessTitle: "" }), dir);
    expect(kept.action).toBe("NoChange"); // not cleared, despite Flow null values
  });

  it("skips the worker when any mapping yields IgnoreObjectFlow", async () => {
    const config = hrConfig({
      mappings: withMappings({
        type: "Expression",
        expression: 'IIF([BusinessTitle]="Contractor", IgnoreObjectFlow, [BusinessTitle])',
        target: "title",
      }),
    });
    const d = await run(config, worker({ BusinessTitle: "Contractor" }), new InMemoryDirectory());
    expect(d.action).toBe("Skip");
    expect(d.skipReason?.code).toBe("ObjectFlowIgnored");
    expect(d.skipReason?.message).toContain('"title"');
    expect((await run(config, worker(), new InMemoryDirectory())).action).toBe("Create");
  });

  it("fails the action step with the mapping named when an expression fails for this worker", async () => {
    const config = hrConfig({
      mappings: withMappings({ type: "Expression", expression: "CDate([HireDate])", target: "extensionAttribute2" }),
    });
    const d = await run(config, worker({ HireDate: "soon" }), new InMemoryDirectory());
    expect(d.error?.code).toBe("ExpressionEvaluationFailed");
    expect(d.error?.message).toContain('mapping to "extensionAttribute2" (mappings[8])');
    expect(stepStatuses(d)).toEqual(["import:success", "scope:success", "match:success", "action:failure"]);
  });
});

describe("synchronous and asynchronous directories", () => {
  it("give the same decisions", async () => {
    const config = hrConfig({
      mappings: withMappings({
        type: "Expression",
        expression: "SelectUniqueValue([Upn1], [Upn2])",
        target: "userPrincipalName",
        apply: "OnlyOnCreate",
      }),
      scopingFilters: [{ clauses: [{ attribute: "Status", operator: "NOT EQUALS", value: "Gone" }] }],
    });
    const script = [
      worker({ WID: "wid-boss", WorkerID: "9000", Upn1: "a@x", Upn2: "b@x", Status: "Active" }),
      worker({ ManagerReference: "wid-boss", Upn1: "a@x", Upn2: "c@x", Status: "Active" }),
      worker({ ManagerReference: "wid-boss", BusinessTitle: "Lead", Status: "Active" }),
      worker({ Status: "Gone" }),
      worker({ WID: "wid-3", WorkerID: "3", Upn1: "a@x", Upn2: "c@x", Status: "Active" }),
    ];
    const outcomes: ProvisioningDecision[][] = [];
    for (const async of [false, true]) {
      const dir = new InMemoryDirectory();
      dir.async = async;
      const decisions: ProvisioningDecision[] = [];
      for (const w of script) decisions.push(await runAndApply(config, w, dir));
      outcomes.push(decisions);
    }
    expect(outcomes[0]!.map((d) => d.action)).toEqual(["Create", "Create", "Update", "Disable", "Create"]);
    expect(outcomes[0]!.map((d) => d.status)).toEqual(["success", "success", "success", "success", "failure"]);
    expect(outcomes[0]![4]!.error?.code).toBe("SelectUniqueValueExhausted");
    expect(outcomes[1]).toEqual(outcomes[0]);
  });
});
