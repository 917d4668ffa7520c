import { RosterError, successFactorsWriteback, workdayToActiveDirectory, workdayWriteback } from "@roster/engine";
import { describe, expect, it } from "vitest";
import { successFactorsJob, workdayJob } from "../state/test-support/job-fixtures.js";
import { DEFAULT_SCHEDULE_INTERVAL_MS } from "./job-definition.js";
import { parseJobDefinitionOrThrow, validateJobDefinition } from "./validate-job.js";

describe("validateJobDefinition", () => {
  it("accepts a valid definition and fills in defaults", () => {
    const result = validateJobDefinition(workdayJob());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.definition.schedule.intervalMs).toBe(DEFAULT_SCHEDULE_INTERVAL_MS);
    expect(result.definition.provisioning.scopingFilters).toEqual([]);
    expect(validateJobDefinition(successFactorsJob()).ok).toBe(true);
  });

  it("accepts the engine's built-in mapping and writeback sets", () => {
    const workday = validateJobDefinition(
      workdayJob({ provisioning: workdayToActiveDirectory(), writeback: workdayWriteback() }),
    );
    expect(workday.ok ? [] : workday.issues).toEqual([]);
    const sf = validateJobDefinition(successFactorsJob({ writeback: successFactorsWriteback() }));
    expect(sf.ok ? [] : sf.issues).toEqual([]);
  });

  it("names every issue with its path: schema, engine compiler and writeback expressions", () => {
    const base = workdayJob();
    const input = {
      ...base,
      domain: "has space",
      provisioning: {
        ...base.provisioning,
        mappings: [...base.provisioning.mappings, { type: "Expression", expression: "Join(", target: "title" }],
        scopingFilters: [{ clauses: [{ attribute: "Company", operator: "EQUALZ", value: "x" }] }],
      },
      writeback: {
        name: "wb",
        mappings: [
          { type: "Expression", expression: "Left([mail]", target: "EmailAddress" },
          { type: "Direct", source: "mail", target: "emailaddress" },
        ],
      },
    };
    const result = validateJobDefinition(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.issues.map((issue) => issue.path);
    expect(paths).toContain("domain");
    expect(paths).toContain("provisioning.mappings[3].expression");
    expect(paths).toContain("provisioning.scopingFilters[0].clauses[0].operator");
    expect(paths).toContain("writeback.mappings[0].expression");
    expect(paths).toContain("writeback.mappings[1].target");
    // Reported once, not by both the job schema and the engine's compiler.
    expect(new Set(paths).size).toBe(paths.length);
  });

  it("reports engine-only rules (no matching attribute) under provisioning", () => {
    const base = workdayJob();
    const input = {
      ...base,
      provisioning: { ...base.provisioning, mappings: [{ type: "Direct", source: "WorkerID", target: "employeeID" }] },
    };
    const result = validateJobDefinition(input);
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual(["provisioning.mappings"]);
  });

  it("rejects values JSON cannot hold and inputs that are not objects", () => {
    const base = successFactorsJob();
    const input = {
      ...base,
      source: {
        type: "successfactors",
        connection: { host: "api4.successfactors.com", auth: { type: "bearer", getToken: () => "t" } },
      },
    };
    const result = validateJobDefinition(input);
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toContain("source.connection.auth.getToken");
    expect(validateJobDefinition(null).ok).toBe(false);
    expect(validateJobDefinition("job").ok).toBe(false);
  });

  it("throws InvalidConfiguration with every path in the message", () => {
    const base = workdayJob();
    const input = {
      ...base,
      provisioning: {
        ...base.provisioning,
        mappings: [...base.provisioning.mappings, { type: "Expression", expression: "Bogus(", target: "title" }],
      },
    };
    let caught: unknown;
    try {
      parseJobDefinitionOrThrow(input, 'Job "j1"');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RosterError);
    expect((caught as RosterError).code).toBe("InvalidConfiguration");
    expect((caught as RosterError).message).toMatch(/^Job "j1" is not valid:/);
    expect((caught as RosterError).message).toContain("provisioning.mappings[3].expression");
  });
});
