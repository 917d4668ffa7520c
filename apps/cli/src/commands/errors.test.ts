import { ERROR_CODES } from "@roster/engine";
import { describe, expect, it } from "vitest";
import { CollectingStream } from "../test-support/streams.js";
import { runErrors } from "./errors.js";

describe("errors", () => {
  it("lists every registry code as JSON", () => {
    const output = new CollectingStream();
    expect(runErrors({ json: true }, output)).toBe(0);
    const listed = JSON.parse(output.text) as { code: string; reason: string; recommendedAction: string }[];
    expect(listed.map((e) => e.code)).toEqual(Object.keys(ERROR_CODES));
    expect(listed.find((e) => e.code === "DuplicateTargetEntries")).toMatchObject({
      reason: ERROR_CODES.DuplicateTargetEntries.reason,
      recommendedAction: ERROR_CODES.DuplicateTargetEntries.recommendedAction,
    });
  });

  it("prints a readable list with reason and recommended action", () => {
    const output = new CollectingStream();
    runErrors({}, output);
    expect(output.text).toContain(
      `ImportSkipped  (success)\n  Reason:             ${ERROR_CODES.ImportSkipped.reason}`,
    );
    expect(output.text).toContain("Timeout  (nonServiceFailure, retried)");
  });
});
