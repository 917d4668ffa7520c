/**
 * Conformance cases for scoping filters, from the documented operator table and null rules
 * (expected results worked out by hand), run through compileScopingFilters + evaluateScoping.
 */
import { describe, expect, it } from "vitest";
import type { ScopingFilter, ScopingOperator } from "../config/provisioning-config.js";
import type { Attributes, Value } from "../expressions/types.js";
import { compileScopingFilters, evaluateScoping } from "./scoping.js";

interface ClauseCase {
  readonly id: string;
  readonly operator: ScopingOperator;
  readonly value?: string;
  /** The worker's attribute; omitted means absent. */
  readonly actual?: Value;
  readonly inScope: boolean;
}

const CLAUSE_CASES: readonly ClauseCase[] = [
  // EQUALS / NOT EQUALS: exact and case-sensitive
  { id: "equals-exact", operator: "EQUALS", value: "sales", actual: "sales", inScope: true },
  { id: "equals-case", operator: "EQUALS", value: "sales", actual: "Sales", inScope: false },
  { id: "equals-trailing-space", operator: "EQUALS", value: "sales", actual: "sales ", inScope: false },
  { id: "equals-number-attribute", operator: "EQUALS", value: "5", actual: 5, inScope: true },
  { id: "equals-null", operator: "EQUALS", value: "sales", inScope: false },
  { id: "not-equals-different", operator: "NOT EQUALS", value: "sales", actual: "Sales", inScope: true },
  { id: "not-equals-same", operator: "NOT EQUALS", value: "sales", actual: "sales", inScope: false },
  { id: "not-equals-null-is-false", operator: "NOT EQUALS", value: "Onboarding", inScope: false },
  { id: "not-equals-empty-is-false", operator: "NOT EQUALS", value: "Onboarding", actual: "", inScope: false },
  // ENDS_WITH / Includes
  { id: "ends-with", operator: "ENDS_WITH", value: "@contoso.com", actual: "ann@contoso.com", inScope: true },
  { id: "ends-with-case", operator: "ENDS_WITH", value: "@contoso.com", actual: "ann@Contoso.com", inScope: false },
  { id: "ends-with-null", operator: "ENDS_WITH", value: "@contoso.com", inScope: false },
  { id: "includes-substring", operator: "Includes", value: "ngin", actual: "Engineering", inScope: true },
  { id: "includes-case", operator: "Includes", value: "eng", actual: "Engineering", inScope: false },
  {
    id: "includes-reverse-is-not-includes",
    operator: "Includes",
    value: "Engineering Dept",
    actual: "Engineering",
    inScope: false,
  },
  { id: "includes-empty", operator: "Includes", value: "x", actual: "", inScope: false },
  // & and !&: the attribute value occurs in the given string
  { id: "amp-value-in-list", operator: "&", value: "Sales,Marketing,Finance", actual: "Marketing", inScope: true },
  { id: "amp-value-not-in-list", operator: "&", value: "Sales,Marketing,Finance", actual: "HR", inScope: false },
  { id: "amp-attribute-longer", operator: "&", value: "Sales", actual: "Sales,Marketing", inScope: false },
  { id: "amp-case-sensitive", operator: "&", value: "Sales,Marketing", actual: "sales", inScope: false },
  { id: "amp-null", operator: "&", value: "Sales,Marketing", inScope: false },
  { id: "amp-empty", operator: "&", value: "Sales,Marketing", actual: "", inScope: false },
  { id: "not-amp-absent-from-list", operator: "!&", value: "Sales,Marketing", actual: "HR", inScope: true },
  { id: "not-amp-in-list", operator: "!&", value: "Sales,Marketing", actual: "Sales", inScope: false },
  { id: "not-amp-null-is-false", operator: "!&", value: "Sales,Marketing", inScope: false },
  { id: "not-amp-empty-is-false", operator: "!&", value: "Sales,Marketing", actual: "", inScope: false },
  // Greater_Than / Greater_Than_OR_EQUALS: integers only
  { id: "gt-true", operator: "Greater_Than", value: "10", actual: "11", inScope: true },
  { id: "gt-equal", operator: "Greater_Than", value: "10", actual: "10", inScope: false },
  { id: "gt-numeric-not-text", operator: "Greater_Than", value: "10", actual: "9", inScope: false },
  { id: "gt-numeric-not-text-2", operator: "Greater_Than", value: "9", actual: "10", inScope: true },
  { id: "gt-number-attribute", operator: "Greater_Than", value: "0", actual: 2, inScope: true },
  { id: "gt-non-integer-attribute", operator: "Greater_Than", value: "1", actual: "2.5", inScope: false },
  { id: "gt-null", operator: "Greater_Than", value: "0", inScope: false },
  { id: "ge-equal", operator: "Greater_Than_OR_EQUALS", value: "10", actual: "10", inScope: true },
  { id: "ge-less", operator: "Greater_Than_OR_EQUALS", value: "10", actual: "-3", inScope: false },
  // IS TRUE / IS FALSE
  { id: "is-true-boolean", operator: "IS TRUE", actual: true, inScope: true },
  { id: "is-true-on-false", operator: "IS TRUE", actual: false, inScope: false },
  { id: "is-true-null", operator: "IS TRUE", inScope: false },
  { id: "is-false-boolean", operator: "IS FALSE", actual: false, inScope: true },
  { id: "is-false-on-true", operator: "IS FALSE", actual: true, inScope: false },
  { id: "is-false-null", operator: "IS FALSE", inScope: false },
  // IS NULL / IS NOT NULL: empty counts as null
  { id: "is-null-absent", operator: "IS NULL", inScope: true },
  { id: "is-null-explicit-null", operator: "IS NULL", actual: null, inScope: true },
  { id: "is-null-empty", operator: "IS NULL", actual: "", inScope: true },
  { id: "is-null-value", operator: "IS NULL", actual: "E123", inScope: false },
  { id: "is-not-null-value", operator: "IS NOT NULL", actual: "E123", inScope: true },
  { id: "is-not-null-empty", operator: "IS NOT NULL", actual: "", inScope: false },
  { id: "is-not-null-absent", operator: "IS NOT NULL", inScope: false },
  { id: "is-not-null-space", operator: "IS NOT NULL", actual: " ", inScope: true },
  // REGEX MATCH / NOT REGEX MATCH: .NET regex, case-sensitive, whole value
  {
    id: "regex-upn-domain",
    operator: "REGEX MATCH",
    value: String.raw`.*\@domain.com`,
    actual: "ann@domain.com",
    inScope: true,
  },
  {
    id: "regex-upn-domain-suffix-after",
    operator: "REGEX MATCH",
    value: String.raw`.*\@domain.com`,
    actual: "ann@domain.com.evil",
    inScope: false,
  },
  {
    id: "regex-upn-domain-case",
    operator: "REGEX MATCH",
    value: String.raw`.*\@domain.com`,
    actual: "ann@DOMAIN.com",
    inScope: false,
  },
  { id: "regex-two-digits-10", operator: "REGEX MATCH", value: "([1-9][0-9])", actual: "10", inScope: true },
  { id: "regex-two-digits-99", operator: "REGEX MATCH", value: "([1-9][0-9])", actual: "99", inScope: true },
  {
    id: "regex-two-digits-100-full-match",
    operator: "REGEX MATCH",
    value: "([1-9][0-9])",
    actual: "100",
    inScope: false,
  },
  { id: "regex-two-digits-5", operator: "REGEX MATCH", value: "([1-9][0-9])", actual: "5", inScope: false },
  {
    id: "regex-worker-id-low",
    operator: "REGEX MATCH",
    value: "(1[0-9][0-9][0-9][0-9][0-9][0-9])",
    actual: "1000000",
    inScope: true,
  },
  {
    id: "regex-worker-id-high",
    operator: "REGEX MATCH",
    value: "(1[0-9][0-9][0-9][0-9][0-9][0-9])",
    actual: "1999999",
    inScope: true,
  },
  {
    id: "regex-worker-id-2m",
    operator: "REGEX MATCH",
    value: "(1[0-9][0-9][0-9][0-9][0-9][0-9])",
    actual: "2000000",
    inScope: false,
  },
  {
    id: "regex-worker-id-8-digits",
    operator: "REGEX MATCH",
    value: "(1[0-9][0-9][0-9][0-9][0-9][0-9])",
    actual: "10000000",
    inScope: false,
  },
  { id: "regex-number-attribute", operator: "REGEX MATCH", value: "([1-9][0-9])", actual: 42, inScope: true },
  { id: "regex-alternation-whole-value", operator: "REGEX MATCH", value: "a|b", actual: "ab", inScope: false },
  { id: "regex-alternation-one", operator: "REGEX MATCH", value: "a|b", actual: "b", inScope: true },
  { id: "regex-dotnet-digit-class", operator: "REGEX MATCH", value: String.raw`\d{3}`, actual: "123", inScope: true },
  { id: "regex-null", operator: "REGEX MATCH", value: ".*", inScope: false },
  { id: "regex-empty-value-is-false", operator: "REGEX MATCH", value: ".*", actual: "", inScope: false },
  {
    id: "not-regex-no-match",
    operator: "NOT REGEX MATCH",
    value: String.raw`.*\@domain.com`,
    actual: "ann@other.com",
    inScope: true,
  },
  {
    id: "not-regex-match",
    operator: "NOT REGEX MATCH",
    value: String.raw`.*\@domain.com`,
    actual: "ann@domain.com",
    inScope: false,
  },
  {
    id: "not-regex-partial-is-no-match",
    operator: "NOT REGEX MATCH",
    value: "([1-9][0-9])",
    actual: "100",
    inScope: true,
  },
  { id: "not-regex-null-is-false", operator: "NOT REGEX MATCH", value: "x", inScope: false },
  { id: "not-regex-empty-is-false", operator: "NOT REGEX MATCH", value: "x", actual: "", inScope: false },
];

function oneClause(c: ClauseCase): readonly ScopingFilter[] {
  return [
    { clauses: [{ attribute: "a", operator: c.operator, ...(c.value === undefined ? {} : { value: c.value }) }] },
  ];
}

function scope(filters: readonly ScopingFilter[], attributes: Attributes): boolean {
  const compiled = compileScopingFilters(filters);
  expect(compiled.issues).toEqual([]);
  return evaluateScoping(compiled.filters, attributes).inScope;
}

describe("scoping conformance: one clause", () => {
  it.each(CLAUSE_CASES.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const attributes: Attributes = c.actual === undefined ? {} : { a: c.actual };
    expect(scope(oneClause(c), attributes)).toBe(c.inScope);
  });

  it("cannot filter a multi-valued attribute with any operator", () => {
    const multi: Attributes = { a: ["x", "y"] };
    const cases: readonly ScopingFilter["clauses"][number][] = [
      { attribute: "a", operator: "EQUALS", value: "x" },
      { attribute: "a", operator: "NOT EQUALS", value: "z" },
      { attribute: "a", operator: "Includes", value: "x" },
      { attribute: "a", operator: "REGEX MATCH", value: ".*" },
      { attribute: "a", operator: "IS NOT NULL" },
    ];
    for (const clause of cases) expect(scope([{ clauses: [clause] }], multi), clause.operator).toBe(false);
  });
});

describe("scoping conformance: combining clauses and filters", () => {
  const employeesInSales: ScopingFilter = {
    title: "Sales employees",
    clauses: [
      { attribute: "EmployeeID", operator: "IS NOT NULL" },
      { attribute: "department", operator: "EQUALS", value: "sales" },
    ],
  };
  const contractors: ScopingFilter = {
    title: "Contractors",
    clauses: [{ attribute: "workerType", operator: "EQUALS", value: "Contractor" }],
  };

  it("puts every worker in scope when there is no filter", () => {
    expect(scope([], {})).toBe(true);
  });

  it("ANDs the clauses of one filter", () => {
    expect(scope([employeesInSales], { EmployeeID: "E1", department: "sales" })).toBe(true);
    expect(scope([employeesInSales], { EmployeeID: "", department: "sales" })).toBe(false);
    expect(scope([employeesInSales], { EmployeeID: "E1", department: "hr" })).toBe(false);
  });

  it("ORs several filters", () => {
    expect(scope([employeesInSales, contractors], { workerType: "Contractor" })).toBe(true);
    expect(scope([employeesInSales, contractors], { EmployeeID: "E1", department: "sales" })).toBe(true);
    expect(scope([employeesInSales, contractors], { EmployeeID: "E1", department: "hr", workerType: "Employee" })).toBe(
      false,
    );
  });

  it("traces every clause of every filter with its result", () => {
    const compiled = compileScopingFilters([employeesInSales, contractors]);
    const result = evaluateScoping(compiled.filters, { EmployeeID: "E1", department: "hr" });
    expect(result.filters.map((f) => [f.title, f.result, f.clauses.map((c) => c.result)])).toEqual([
      ["Sales employees", false, [true, false]],
      ["Contractors", false, [false]],
    ]);
  });
});

describe("scoping conformance: invalid clauses are configuration errors", () => {
  it.each([
    ["Greater_Than with a non-integer value", { attribute: "a", operator: "Greater_Than", value: "ten" }],
    [
      "Greater_Than_OR_EQUALS with a decimal value",
      { attribute: "a", operator: "Greater_Than_OR_EQUALS", value: "1.5" },
    ],
    ["EQUALS without a value", { attribute: "a", operator: "EQUALS" }],
    ["REGEX MATCH with a bad regex", { attribute: "a", operator: "REGEX MATCH", value: "([0-9]" }],
  ] as const)("%s", (_name, clause) => {
    const { issues } = compileScopingFilters([{ clauses: [clause] }]);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe("scopingFilters[0].clauses[0].value");
  });
});
