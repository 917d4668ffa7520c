import { describe, expect, it } from "vitest";
import { compileExpression } from "../../expressions/compile.js";
import { compileProvisioningConfig, formatConfigIssue } from "../../provisioning/compile-config.js";
import { provisioningConfigSchema, writebackConfigSchema } from "../provisioning-config.js";
import { DEFAULT_MAPPING_SETS, getDefaultMappingSet, isDefaultMappingSetId } from "./registry.js";

describe("DEFAULT_MAPPING_SETS", () => {
  it("lists the four built-in sets by id", () => {
    expect(Object.keys(DEFAULT_MAPPING_SETS).sort()).toEqual([
      "successfactors-to-ad",
      "successfactors-writeback",
      "workday-to-ad",
      "workday-writeback",
    ]);
    for (const [id, set] of Object.entries(DEFAULT_MAPPING_SETS)) expect(set.id).toBe(id);
  });

  it("creates fresh configs that parse with the schema of their kind", () => {
    for (const set of Object.values(DEFAULT_MAPPING_SETS)) {
      const config = set.create();
      const schema = set.kind === "provisioning" ? provisioningConfigSchema : writebackConfigSchema;
      expect(schema.parse(config)).toEqual(config);
      expect(set.create()).not.toBe(config);
      expect(set.create()).toEqual(config);
    }
  });

  it("passes the planner's configuration compiler (provisioning sets) or compiles every expression (writeback sets)", () => {
    for (const set of Object.values(DEFAULT_MAPPING_SETS)) {
      if (set.kind === "provisioning") {
        const result = compileProvisioningConfig(set.create());
        expect(result.ok ? [] : result.errors.map(formatConfigIssue), set.id).toEqual([]);
      } else {
        for (const mapping of set.create().mappings) {
          if (mapping.type === "Expression")
            expect(() => compileExpression(mapping.expression), `${set.id} ${mapping.target}`).not.toThrow();
        }
      }
    }
  });

  it("names the known sets when an id is unknown", () => {
    expect(isDefaultMappingSetId("workday-to-ad")).toBe(true);
    expect(isDefaultMappingSetId("toString")).toBe(false);
    expect(() => getDefaultMappingSet("workday")).toThrow(/Unknown default mapping set "workday".*workday-to-ad/);
  });
});
