import { describe, expect, it } from "vitest";
import { formatCycleChanges, formatFailures, formatHrChanges, formatPropertyChange, isDirectoryChange } from "./change-report.js";
import { logRecord } from "./test-fixtures.js";

describe("HR changes", () => {
  it("lists each change aligned by kind", () => {
    expect(
      formatHrChanges([
        { kind: "hire", workerId: "1100050", description: "Zoë joins" },
        { kind: "terminate", workerId: "100032", description: "David leaves" },
      ]),
    ).toBe("HR changes applied in hr-sim (scenario driver):\n  hire       1100050   Zoë joins\n  terminate  100032    David leaves\n");
  });
});

describe("cycle changes", () => {
  it("leaves out records that changed nothing", () => {
    expect(isDirectoryChange({ action: "other" })).toBe(false);
    expect(isDirectoryChange({ action: "disable" })).toBe(true);
    expect(formatCycleChanges([logRecord({ action: "other", status: "skipped" })])).toBe("The incremental cycle changed nothing in the directory.\n");
  });

  it("shows an update's properties old → new, a create's count and OU, and a failure's code", () => {
    const text = formatCycleChanges([
      logRecord({
        modifiedProperties: [
          { name: "l", oldValue: "Seattle", newValue: "London" },
          { name: "otherTelephone", oldValue: null, newValue: ["+1", "+2"] },
        ],
      }),
      logRecord({
        action: "create",
        sourceIdentity: { id: "1100050", displayName: "Zoë O'Brien-Łukasz" },
        modifiedProperties: [
          { name: "cn", oldValue: null, newValue: "Zoë O'Brien-Łukasz" },
          { name: "parentDistinguishedName", oldValue: null, newValue: "OU=München,OU=Users,dc=roster,dc=test" },
        ],
      }),
      logRecord({
        action: "update",
        status: "failure",
        sourceIdentity: { id: "100007", displayName: null },
        targetIdentity: { id: "a", displayName: "cn=X,ou=Users" },
        errorCode: "AttributeValueTooLong",
        additionalDetails: "department is 70 characters",
      }),
      logRecord({ action: "other" }),
    ]);
    expect(text).toBe(
      [
        "The incremental cycle changed 3 accounts:",
        "  update  100042 Zoë O'Brien (success)",
        '      l: "Seattle" → "London"',
        '      otherTelephone: (none) → ["+1", "+2"]',
        "  create  1100050 Zoë O'Brien-Łukasz (success)",
        '      2 attributes set in "OU=München,OU=Users,dc=roster,dc=test"',
        "  update  100007 cn=X,ou=Users (failure)",
        "      AttributeValueTooLong: department is 70 characters",
        "",
      ].join("\n"),
    );
  });

  it("caps a long list and says how many more there are", () => {
    const records = Array.from({ length: 5 }, (_, index) => logRecord({ sourceIdentity: { id: String(index), displayName: null } }));
    const text = formatCycleChanges(records, 2);
    expect(text).toContain("changed 5 accounts");
    expect(text.match(/^ {2}update/gm)).toHaveLength(2);
    expect(text).toContain("… and 3 more changes (see the logs)");
  });

  it("formats a removed value", () => {
    expect(formatPropertyChange({ name: "manager", oldValue: "cn=A", newValue: null })).toBe('manager: "cn=A" → (none)');
  });
});

describe("failures", () => {
  it("groups failures by code, most frequent first, with an example and the command for all of them", () => {
    const failure = (id: string, errorCode: string, details: string) =>
      logRecord({ status: "failure", sourceIdentity: { id, displayName: null }, errorCode, additionalDetails: details });
    const text = formatFailures(
      [
        failure("1", "Conflict", "sAMAccountName jsmith is taken"),
        failure("2", "AttributeValueTooLong", "department is 70 characters"),
        failure("3", "AttributeValueTooLong", "department is 70 characters"),
        logRecord({ status: "success" }),
      ],
      "job_1",
    );
    expect(text).toBe(
      [
        "Failures by cause (the generated tenant has some bad data on purpose):",
        "  AttributeValueTooLong × 2, e.g. worker 2: department is 70 characters",
        "  Conflict × 1, e.g. worker 1: sAMAccountName jsmith is taken",
        "  All of them: npx roster logs --job job_1 --status failure",
        "",
      ].join("\n"),
    );
    expect(formatFailures([logRecord()], "job_1")).toBe("");
  });
});
