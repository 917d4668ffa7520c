import { describe, expect, it } from "vitest";
import { workdayToActiveDirectory } from "@roster/engine";
import { CollectingStream } from "../test-support/streams.js";
import { parsePath, runConfigDefaults, validateConfigText } from "./config.js";

describe("config validate", () => {
  it("accepts the default Workday mapping set", () => {
    expect(validateConfigText(JSON.stringify(workdayToActiveDirectory(), null, 2), "provisioning")).toEqual([]);
  });

  it("points an expression error at its character in the file", () => {
    const config = workdayToActiveDirectory();
    const text = JSON.stringify(config, null, 2).replace('"Switch([Active],', '"Swicth([Active],');
    const issues = validateConfigText(text, "provisioning");
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue).toMatchObject({ code: "InvalidExpression", path: "mappings[4].expression" });
    const line = text.split("\n")[(issue?.position.line ?? 0) - 1] ?? "";
    expect(line.slice((issue?.position.column ?? 0) - 1)).toMatch(/^Swicth\(/);
  });

  it("points schema errors at the offending value", () => {
    const text = [
      "{",
      '  "name": "x",',
      '  "sourceAnchorAttribute": "WID",',
      '  "mappings": [',
      '    { "type": "Direct", "source": "WorkerID", "target": "employeeID", "matchingPrecedence": 1 },',
      '    { "type": "Direkt", "source": "FirstName", "target": "givenName" }',
      "  ]",
      "}",
    ].join("\n");
    const issues = validateConfigText(text, "provisioning");
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ path: expect.stringMatching(/^mappings\[1\]/), position: { line: 6 } });
  });

  it("reports invalid JSON with its position", () => {
    const issues = validateConfigText('{\n  "name": "x",\n  oops\n}', "provisioning");
    expect(issues).toEqual([
      expect.objectContaining({ code: "InvalidConfiguration", position: { line: 3, column: 3 } }),
    ]);
  });

  it("validates writeback files, expressions included", () => {
    const text = JSON.stringify({
      name: "wb",
      mappings: [{ type: "Expression", target: "UserID", expression: "IgnoreFlowIfNullOrEmpty([upn]" }],
    });
    const issues = validateConfigText(text, "writeback");
    expect(issues).toEqual([expect.objectContaining({ code: "InvalidExpression", path: "mappings[0].expression" })]);
  });

  it("parses issue paths", () => {
    expect(parsePath("mappings[3].expression")).toEqual(["mappings", 3, "expression"]);
    expect(parsePath("scopingFilters[0].clauses[12].value")).toEqual(["scopingFilters", 0, "clauses", 12, "value"]);
    expect(parsePath("(root)")).toEqual([]);
  });
});

describe("config defaults", () => {
  it("prints a known set and rejects an unknown id", () => {
    const output = new CollectingStream();
    const errors = new CollectingStream();
    expect(runConfigDefaults("successfactors-writeback", output, errors)).toBe(0);
    expect(JSON.parse(output.text)).toMatchObject({ name: "SuccessFactors Writeback" });
    expect(runConfigDefaults("workday", output, errors)).toBe(1);
    expect(errors.text).toContain("workday-to-ad");
  });
});
