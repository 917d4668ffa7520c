import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ScopingFilter, ScopingOperator } from "../config/provisioning-config.js";
import type { Value } from "../expressions/types.js";
import { compileScopingFilters, evaluateClause, evaluateScoping, type CompiledScopingClause } from "./scoping.js";

function clause(operator: ScopingOperator, value?: string, attribute = "a"): CompiledScopingClause {
  const { filters, issues } = compileScopingFilters([
    { clauses: [{ attribute, operator, ...(value === undefined ? {} : { value }) }] },
  ]);
  expect(issues).toEqual([]);
  return filters[0]!.clauses[0]!;
}

const check = (operator: ScopingOperator, value: string | undefined, actual: Value | undefined): boolean =>
  evaluateClause(clause(operator, value), actual);

describe("scoping operators", () => {
  it("EQUALS and NOT EQUALS are exact and case-sensitive", () => {
    expect(check("EQUALS", "sales", "sales")).toBe(true);
    expect(check("EQUALS", "sales", "Sales")).toBe(false);
    expect(check("EQUALS", "sales", "sales ")).toBe(false);
    expect(check("NOT EQUALS", "sales", "Sales")).toBe(true);
    expect(check("NOT EQUALS", "sales", "sales")).toBe(false);
  });

  it("Includes is a case-sensitive substring test of the attribute", () => {
    expect(check("Includes", "eng", "Engineering")).toBe(false);
    expect(check("Includes", "ngin", "Engineering")).toBe(true);
    expect(check("Includes", "Engineering Dept", "Engineering")).toBe(false);
  });

  it("ENDS_WITH is case-sensitive", () => {
    expect(check("ENDS_WITH", "@contoso.com", "ann@contoso.com")).toBe(true);
    expect(check("ENDS_WITH", "@contoso.com", "ann@CONTOSO.com")).toBe(false);
  });

  it("& is true when the attribute value occurs in the given string, !& is its negation", () => {
    expect(check("&", "Sales,Marketing,Finance", "Marketing")).toBe(true);
    expect(check("&", "Sales,Marketing,Finance", "HR")).toBe(false);
    expect(check("&", "Sales", "Sales,Marketing")).toBe(false);
    expect(check("!&", "Sales,Marketing,Finance", "HR")).toBe(true);
    expect(check("!&", "Sales,Marketing,Finance", "Sales")).toBe(false);
  });

  it("Greater_Than and Greater_Than_OR_EQUALS compare integers", () => {
    expect(check("Greater_Than", "10", "11")).toBe(true);
    expect(check("Greater_Than", "10", "10")).toBe(false);
    expect(check("Greater_Than", "10", "9")).toBe(false); // numeric, not text, comparison
    expect(check("Greater_Than", "10", 100)).toBe(true);
    expect(check("Greater_Than_OR_EQUALS", "10", "10")).toBe(true);
    expect(check("Greater_Than_OR_EQUALS", "10", "-3")).toBe(false);
    expect(check("Greater_Than", "1", "99999999999999999999")).toBe(true); // beyond double precision
  });

  it("Greater_Than on a non-integer attribute is false", () => {
    expect(check("Greater_Than", "1", "2.5")).toBe(false);
    expect(check("Greater_Than", "1", "ten")).toBe(false);
    expect(check("Greater_Than_OR_EQUALS", "1", 2.5)).toBe(false);
  });

  it("IS TRUE / IS FALSE accept booleans and True/False text in any case", () => {
    expect(check("IS TRUE", undefined, true)).toBe(true);
    expect(check("IS TRUE", undefined, "True")).toBe(true);
    expect(check("IS TRUE", undefined, "TRUE")).toBe(true);
    expect(check("IS TRUE", undefined, "false")).toBe(false);
    expect(check("IS TRUE", undefined, "yes")).toBe(false);
    expect(check("IS TRUE", undefined, 1)).toBe(false);
    expect(check("IS FALSE", undefined, false)).toBe(true);
    expect(check("IS FALSE", undefined, "false")).toBe(true);
    expect(check("IS FALSE", undefined, true)).toBe(false);
  });

  it("IS NULL is true for absent and empty values; IS NOT NULL is its opposite", () => {
    for (const empty of [null, undefined, "", []] as const) {
      expect(check("IS NULL", undefined, empty)).toBe(true);
      expect(check("IS NOT NULL", undefined, empty)).toBe(false);
    }
    expect(check("IS NULL", undefined, "x")).toBe(false);
    expect(check("IS NOT NULL", undefined, "x")).toBe(true);
    expect(check("IS NOT NULL", undefined, false)).toBe(true);
  });

  it("every other operator is false on a null or empty attribute, negations included", () => {
    const binary: [ScopingOperator, string][] = [
      ["EQUALS", "x"],
      ["NOT EQUALS", "x"],
      ["Includes", "x"],
      ["ENDS_WITH", "x"],
      ["&", "x"],
      ["!&", "x"],
      ["Greater_Than", "1"],
      ["Greater_Than_OR_EQUALS", "1"],
    ];
    for (const empty of [null, undefined, ""] as const) {
      for (const [op, value] of binary) expect(check(op, value, empty), `${op} on ${String(empty)}`).toBe(false);
      expect(check("IS TRUE", undefined, empty)).toBe(false);
      expect(check("IS FALSE", undefined, empty)).toBe(false);
    }
  });

  it("every clause on a multi-valued attribute is false, even one that holds for its first value", () => {
    // [operator, value, result on the single value "1"]
    const cases: [ScopingOperator, string | undefined, boolean][] = [
      ["EQUALS", "1", true],
      ["NOT EQUALS", "2", true],
      ["Includes", "1", true],
      ["ENDS_WITH", "1", true],
      ["&", "12", true],
      ["!&", "2", true],
      ["Greater_Than", "0", true],
      ["Greater_Than_OR_EQUALS", "1", true],
      ["IS NOT NULL", undefined, true],
    ];
    for (const [op, value, single] of cases) {
      expect(check(op, value, "1"), `${op} on a single value`).toBe(single);
      expect(check(op, value, ["1", "2"]), `${op} on a multi-value`).toBe(false);
    }
    expect(check("IS TRUE", undefined, [true])).toBe(false);
    expect(check("IS NULL", undefined, ["1"])).toBe(false);
  });

  it("compares booleans, numbers and dates by their .NET text", () => {
    expect(check("EQUALS", "True", true)).toBe(true);
    expect(check("EQUALS", "42", 42)).toBe(true);
    expect(check("EQUALS", "2024-01-02T00:00:00Z", new Date("2024-01-02T00:00:00Z"))).toBe(true);
  });

  it("property: EQUALS v is true exactly when NOT EQUALS v is false, for non-empty text", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (actual, value) => {
        expect(check("EQUALS", value, actual)).toBe(actual === value);
        expect(check("NOT EQUALS", value, actual)).toBe(actual !== value);
        expect(check("&", value, actual)).toBe(!check("!&", value, actual));
      }),
      { numRuns: 200 },
    );
  });
});

describe("regular-expression operators", () => {
  it("REGEX MATCH matches the whole value, case-sensitively", () => {
    expect(check("REGEX MATCH", "(1[0-9][0-9][0-9][0-9][0-9][0-9])", "1234567")).toBe(true);
    expect(check("REGEX MATCH", "(1[0-9][0-9][0-9][0-9][0-9][0-9])", "21234567")).toBe(false);
    expect(check("REGEX MATCH", "([1-9][0-9])", "42")).toBe(true);
    expect(check("REGEX MATCH", "([1-9][0-9])", "420")).toBe(false);
    expect(check("REGEX MATCH", ".*\\@contoso.com", "ann@contoso.com")).toBe(true);
    expect(check("REGEX MATCH", ".*\\@contoso.com", "ann@Contoso.com")).toBe(false);
  });

  it("NOT REGEX MATCH negates, but is false on a null or empty attribute", () => {
    expect(check("NOT REGEX MATCH", "[0-9]+", "abc")).toBe(true);
    expect(check("NOT REGEX MATCH", "[0-9]+", "123")).toBe(false);
    expect(check("NOT REGEX MATCH", "[0-9]+", null)).toBe(false);
    expect(check("NOT REGEX MATCH", "[0-9]+", "")).toBe(false);
    expect(check("REGEX MATCH", ".*", null)).toBe(false);
    expect(check("REGEX MATCH", ".*", ["a"])).toBe(false);
    expect(check("NOT REGEX MATCH", "x", ["a"])).toBe(false);
  });

  it("a compiled regex gives the same answer on repeated use", () => {
    const c = clause("REGEX MATCH", "[a-z]+");
    for (let i = 0; i < 3; i++) expect(evaluateClause(c, "abc")).toBe(true);
  });
});

describe("combining filters", () => {
  const filters: ScopingFilter[] = [
    {
      title: "Employees in Sales",
      clauses: [
        { attribute: "WorkerType", operator: "EQUALS", value: "Employee" },
        { attribute: "Department", operator: "EQUALS", value: "Sales" },
      ],
    },
    { title: "Contractors", clauses: [{ attribute: "WorkerType", operator: "EQUALS", value: "Contractor" }] },
  ];
  const compiled = compileScopingFilters(filters).filters;

  it("AND-s the clauses of a filter and OR-s the filters", () => {
    expect(evaluateScoping(compiled, { WorkerType: "Employee", Department: "Sales" }).inScope).toBe(true);
    expect(evaluateScoping(compiled, { WorkerType: "Employee", Department: "HR" }).inScope).toBe(false);
    expect(evaluateScoping(compiled, { WorkerType: "Contractor", Department: "HR" }).inScope).toBe(true);
    expect(evaluateScoping(compiled, {}).inScope).toBe(false);
  });

  it("puts every worker in scope when there is no filter", () => {
    expect(evaluateScoping([], {})).toEqual({ inScope: true, filters: [] });
  });

  it("traces every clause as '{title} {attribute} {operator} {value}: result'", () => {
    const result = evaluateScoping(compiled, { WorkerType: "Employee", Department: "HR" });
    expect(result.filters.map((f) => f.result)).toEqual([false, false]);
    expect(result.filters[0]!.clauses).toEqual([
      {
        attribute: "WorkerType",
        operator: "EQUALS",
        value: "Employee",
        actual: "Employee",
        result: true,
        text: "Employees in Sales WorkerType EQUALS Employee: true",
      },
      {
        attribute: "Department",
        operator: "EQUALS",
        value: "Sales",
        actual: "HR",
        result: false,
        text: "Employees in Sales Department EQUALS Sales: false",
      },
    ]);
    expect(result.filters[1]!.clauses[0]!.text).toBe("Contractors WorkerType EQUALS Contractor: false");
  });

  it("names untitled filters by position and leaves the value out for unary operators", () => {
    const { filters: untitled } = compileScopingFilters([
      { clauses: [{ attribute: "EmployeeID", operator: "IS NOT NULL" }] },
    ]);
    const result = evaluateScoping(untitled, { EmployeeID: ["1", "2"] });
    expect(result.filters[0]!.clauses[0]).toMatchObject({
      actual: ["1", "2"],
      result: false,
      text: "Scoping filter 1 EmployeeID IS NOT NULL: false",
    });
  });
});

describe("compiling scoping filters", () => {
  it("reports a missing value, a non-integer comparison and a bad regex, with paths", () => {
    const { issues } = compileScopingFilters([
      {
        title: "F",
        clauses: [
          { attribute: "dept", operator: "EQUALS" },
          { attribute: "level", operator: "Greater_Than", value: "1.5" },
          { attribute: "id", operator: "REGEX MATCH", value: "([0-9]" },
          { attribute: "x", operator: "IS NULL" },
          { attribute: "n", operator: "Greater_Than_OR_EQUALS", value: "7" },
        ],
      },
    ]);
    expect(issues.map((i) => i.path)).toEqual([
      "scopingFilters[0].clauses[0].value",
      "scopingFilters[0].clauses[1].value",
      "scopingFilters[0].clauses[2].value",
    ]);
    expect(issues[0]!.message).toContain("needs a value");
    expect(issues[1]!.message).toContain('"1.5" is not an integer');
    expect(issues[2]!.message).toContain("([0-9]");
  });
});
