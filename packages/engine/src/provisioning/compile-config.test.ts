import { describe, expect, it } from "vitest";
import type { AttributeMappingInput } from "../config/provisioning-config.js";
import { RosterError } from "../errors/error-codes.js";
import {
  compileProvisioningConfig,
  compileProvisioningConfigOrThrow,
  formatConfigIssue,
  type ConfigIssue,
} from "./compile-config.js";
import { BASE_MAPPINGS, hrConfigInput, withMappings } from "./test-support/fixtures.js";

function errorsOf(input: unknown): readonly ConfigIssue[] {
  const result = compileProvisioningConfig(input);
  if (result.ok) throw new Error("expected the configuration to be rejected");
  return result.errors;
}

describe("compileProvisioningConfig", () => {
  it("compiles a valid configuration and sorts mappings into their roles", () => {
    const result = compileProvisioningConfig(
      hrConfigInput({
        mappings: withMappings(
          { type: "Direct", source: "Email", target: "mail", matchingPrecedence: 2 },
          { type: "Expression", expression: "[Office]", target: "parentDistinguishedName" },
          { type: "Expression", expression: "IgnoreAttributeFlow", target: "objectFilter" },
        ),
      }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const c = result.config;
    expect(c.matchingMappings.map((m) => [m.target, m.matchingPrecedence])).toEqual([
      ["employeeID", 1],
      ["mail", 2],
    ]);
    expect(c.cn?.target).toBe("cn");
    expect(c.accountDisabled?.target).toBe("accountDisabled");
    expect(c.parentDistinguishedName?.type).toBe("Expression");
    expect(c.objectFilter?.role).toBe("objectFilter");
    expect(c.referenceMappings.map((m) => m.target)).toEqual(["manager"]);
    expect(c.attributeMappings.map((m) => m.target)).toEqual([
      "employeeID",
      "givenName",
      "sn",
      "title",
      "company",
      "mail",
    ]);
    expect(c.defaultContainer).toBe("OU=Users,DC=contoso,DC=com");
    expect(c.actions).toEqual({ create: true, update: true, delete: true });
    expect(c.skipOutOfScopeDeletions).toBe(false);
  });

  it("reports schema errors with bracketed paths", () => {
    const errors = errorsOf(
      hrConfigInput({
        mappings: [
          ...BASE_MAPPINGS,
          { type: "Direct", target: "x" } as unknown as AttributeMappingInput,
          { type: "Magic", target: "y" } as unknown as AttributeMappingInput,
        ],
        scopingFilters: [{ clauses: [{ attribute: "a", operator: "LIKE" as "EQUALS", value: "b" }] }],
      }),
    );
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ["InvalidConfiguration", "mappings[8].source"],
      ["InvalidConfiguration", "mappings[9].type"],
      ["InvalidScopingFilter", "scopingFilters[0].clauses[0].operator"],
    ]);
  });

  it("reports expression errors with their line and column, even alongside schema errors", () => {
    const errors = errorsOf(
      hrConfigInput({
        name: "",
        mappings: withMappings({ type: "Expression", expression: 'Join("@", [FirstName]', target: "mail" }),
      }),
    );
    expect(errors.map((e) => e.path)).toEqual(["name", "mappings[8].expression"]);
    const expression = errors[1]!;
    expect(expression.code).toBe("InvalidExpression");
    expect(expression.line).toBe(1);
    expect(expression.column).toBeGreaterThan(1);
    expect(expression.message).toContain('"mail"');
    expect(formatConfigIssue(expression)).toMatch(/^mappings\[8\]\.expression \(1:\d+\): /);
  });

  it("rejects SelectUniqueValue on a matching attribute and on a mapping applied always", () => {
    const errors = errorsOf(
      hrConfigInput({
        mappings: withMappings(
          {
            type: "Expression",
            expression: "SelectUniqueValue([WorkerID], [Email])",
            target: "employeeID",
            apply: "OnlyOnCreate",
            matchingPrecedence: 1,
          },
          {
            type: "Expression",
            expression: "SelectUniqueValue([A], [B])",
            target: "userPrincipalName",
            apply: "Always",
          },
        ),
      }),
    );
    expect(errors.map((e) => e.path)).toEqual(["mappings[7].matchingPrecedence", "mappings[8].apply"]);
    expect(errors[0]!.message).toContain("not allowed on a matching attribute");
    expect(errors[1]!.message).toContain("OnlyOnCreate");
  });

  it("requires unique matching precedences, at least one matching attribute, and unique targets", () => {
    const duplicates = errorsOf(
      hrConfigInput({
        mappings: [
          ...BASE_MAPPINGS,
          { type: "Direct", source: "Email", target: "mail", matchingPrecedence: 1 },
          { type: "Direct", source: "Surname", target: "SN" }, // attribute names are case-insensitive
        ],
      }),
    );
    expect(duplicates.map((e) => e.path)).toEqual(["mappings[8].matchingPrecedence", "mappings[9].target"]);
    expect(duplicates[0]!.message).toContain("already used by mappings[0]");
    expect(duplicates[1]!.message).toContain("already mapped by mappings[3]");

    const none = errorsOf(hrConfigInput({ mappings: BASE_MAPPINGS.slice(1) }));
    expect(none).toEqual([expect.objectContaining({ code: "InvalidConfiguration", path: "mappings" })]);
  });

  it("rejects matching on special targets and on mappings that carry no worker value", () => {
    const errors = errorsOf(
      hrConfigInput({
        mappings: withMappings(
          { type: "Direct", source: "Disabled", target: "accountDisabled", matchingPrecedence: 2 },
          { type: "Constant", value: "x", target: "department", matchingPrecedence: 3 },
          { type: "None", target: "description", matchingPrecedence: 4 },
        ),
      }),
    );
    expect(errors.map((e) => e.path)).toEqual([
      "mappings[7].matchingPrecedence",
      "mappings[8].matchingPrecedence",
      "mappings[9].matchingPrecedence",
    ]);
  });

  it("checks accountDisabled constants and default values", () => {
    const errors = errorsOf(
      hrConfigInput({
        mappings: withMappings({ type: "Constant", value: "yes", target: "accountDisabled", defaultValue: "no" }),
      }),
    );
    expect(errors.map((e) => e.path)).toEqual(["mappings[7].value", "mappings[7].defaultValue"]);
  });

  it("collects scoping clause problems with the other problems", () => {
    const errors = errorsOf(
      hrConfigInput({
        mappings: withMappings({ type: "Expression", expression: "Nope(", target: "title" }),
        scopingFilters: [{ clauses: [{ attribute: "Level", operator: "Greater_Than", value: "high" }] }],
      }),
    );
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ["InvalidExpression", "mappings[7].expression"],
      ["InvalidScopingFilter", "scopingFilters[0].clauses[0].value"],
    ]);
  });

  it("accepts unknown attribute names in scoping clauses", () => {
    const result = compileProvisioningConfig(
      hrConfigInput({ scopingFilters: [{ clauses: [{ attribute: "SomethingCustom", operator: "IS NOT NULL" }] }] }),
    );
    expect(result.ok).toBe(true);
  });

  it("rejects input that is not an object at all", () => {
    expect(errorsOf(null)[0]).toMatchObject({ code: "InvalidConfiguration", path: "(root)" });
    expect(errorsOf("x")[0]!.code).toBe("InvalidConfiguration");
  });

  it("throws a RosterError listing every issue from compileProvisioningConfigOrThrow", () => {
    try {
      compileProvisioningConfigOrThrow(
        hrConfigInput({ mappings: BASE_MAPPINGS.slice(1), skipOutOfScopeDeletions: "yes" as unknown as boolean }),
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RosterError);
      expect((error as RosterError).code).toBe("InvalidConfiguration");
      expect((error as RosterError).message).toContain("skipOutOfScopeDeletions");
    }
  });
});
