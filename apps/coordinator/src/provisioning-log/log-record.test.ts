import { describe, expect, it } from "vitest";
import type { DecisionIssue, ProvisioningAction, ProvisioningDecision } from "@roster/engine";
import { logActionOf, toLogRecord } from "./log-record.js";

function decision(overrides: Partial<ProvisioningDecision> = {}): ProvisioningDecision {
  return {
    status: "success",
    action: "Update",
    sourceAnchor: "wid-1",
    targetAnchor: "guid-1",
    newLink: false,
    inScope: true,
    operations: [],
    modifiedProperties: [{ name: "title", oldValue: "Dev", newValue: "Lead" }],
    deferredReferences: [],
    reservedValues: [],
    newExportedState: null,
    error: null,
    skipReason: null,
    notes: [],
    steps: [{ step: "action", status: "success", description: "Updated", details: { title: "Lead" } }],
    scoping: null,
    matching: null,
    ...overrides,
  };
}

const context = {
  changeId: "change-1",
  cycleId: "cycle-1",
  jobId: "job-1",
  activityDateTime: new Date("2026-01-02T03:04:05Z"),
  durationInMilliseconds: 12,
};

function issue(code: string, message: string): DecisionIssue {
  return {
    code,
    message,
    category: "failure",
    retryable: false,
    reason: `reason of ${code}`,
    recommendedAction: `fix ${code}`,
  } as DecisionIssue;
}

describe("toLogRecord", () => {
  it("copies the decision and the context, ids defaulting to the anchors and the change id", () => {
    const d = decision();
    const record = toLogRecord(d, context);
    expect(record).toEqual({
      id: "change-1",
      changeId: "change-1",
      cycleId: "cycle-1",
      jobId: "job-1",
      activityDateTime: context.activityDateTime,
      durationInMilliseconds: 12,
      action: "update",
      status: "success",
      sourceIdentity: { id: "wid-1", displayName: null },
      targetIdentity: { id: "guid-1", displayName: null },
      errorCode: null,
      errorCategory: null,
      reason: null,
      additionalDetails: null,
      recommendedAction: null,
      steps: d.steps,
      modifiedProperties: d.modifiedProperties,
    });
  });

  it("takes identities from the context (the employee id, the anchor a create returned)", () => {
    const record = toLogRecord(decision({ action: "Create", targetAnchor: null }), {
      ...context,
      id: "log-9",
      sourceIdentity: { id: "21001", displayName: "Ada Lovelace" },
      targetIdentity: { id: "new-guid", displayName: "CN=Ada Lovelace,OU=Staff" },
    });
    expect(record.id).toBe("log-9");
    expect(record.action).toBe("create");
    expect(record.sourceIdentity).toEqual({ id: "21001", displayName: "Ada Lovelace" });
    expect(record.targetIdentity).toEqual({ id: "new-guid", displayName: "CN=Ada Lovelace,OU=Staff" });
  });

  it("reports the error, or else the skip reason", () => {
    const failed = toLogRecord(
      decision({
        status: "failure",
        error: issue("NoSuchParent", "OU=Gone missing"),
        skipReason: issue("ActionDisabled", "x"),
      }),
      context,
    );
    expect([
      failed.errorCode,
      failed.reason,
      failed.additionalDetails,
      failed.recommendedAction,
      failed.errorCategory,
    ]).toEqual(["NoSuchParent", "reason of NoSuchParent", "OU=Gone missing", "fix NoSuchParent", "failure"]);
    const skipped = toLogRecord(
      decision({ status: "skipped", action: "Skip", skipReason: issue("EntrySynchronizationSkipped", "out of scope") }),
      context,
    );
    expect([skipped.status, skipped.action, skipped.errorCode]).toEqual([
      "skipped",
      "other",
      "EntrySynchronizationSkipped",
    ]);
  });

  it("maps every engine action to a log action", () => {
    const expected: Record<ProvisioningAction, string> = {
      Create: "create",
      Update: "update",
      Enable: "update",
      Move: "update",
      Rename: "update",
      Disable: "disable",
      Skip: "other",
      NoChange: "other",
    };
    for (const [action, logAction] of Object.entries(expected))
      expect(logActionOf(action as ProvisioningAction)).toBe(logAction);
  });
});
