/**
 * The prefix-sharing plan must give exactly what the XPath library gives for the whole
 * expression: checked on the catalogues, on expressions of other shapes, and on random downward
 * paths over the example documents.
 */
import type { Element } from "@xmldom/xmldom";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  WORKDAY_DOCUMENTED_CUSTOM_XPATHS,
  WORKDAY_V21_CATALOGUE,
  WORKDAY_V30_CATALOGUE,
} from "../catalogue/attribute-catalogue.js";
import { exampleWorkers, type ExampleShape } from "../test-support/example-workers.js";
import { WD_NS } from "../xml/namespaces.js";
import { CompiledXPath, XPathSyntaxError } from "./compiled-xpath.js";
import { mayLeaveSubtree, splitDownwardPath } from "./location-path.js";
import { XPathPlan, type XPathScope } from "./xpath-plan.js";

/**
 * Each example worker twice: left in its page (Response_Data with the other worker), as the plan
 * gets it, and a copy alone in a Response_Data holder, as the library reference sees it.
 */
interface Case {
  readonly worker: Element;
  readonly reference: Element;
}

function cases(shape: ExampleShape): Case[] {
  return exampleWorkers(shape).map((worker) => {
    const reference = worker.ownerDocument!.createElementNS(WD_NS, "wd:Response_Data");
    reference.appendChild(worker.cloneNode(true));
    return { worker, reference };
  });
}

const CASES = { "v21.1": cases("v21.1"), "v30+": cases("v30+") };

/** Runs `check` with a scope over the worker in its page; the worker is moved to a holder only on demand. */
function withScope(plan: XPathPlan, { worker }: Case, check: (scope: XPathScope) => void): boolean {
  const page = worker.parentNode!;
  const next = worker.nextSibling;
  let holder: Element | undefined;
  const context = () => {
    if (holder === undefined) {
      holder = worker.ownerDocument!.createElementNS(WD_NS, "wd:Response_Data");
      holder.appendChild(worker);
    }
    return holder;
  };
  try {
    check(plan.scope(worker, context));
  } finally {
    if (holder !== undefined) page.insertBefore(worker, next);
  }
  return holder !== undefined;
}

function expectPlanMatchesLibrary(sources: readonly string[], shape: ExampleShape): void {
  const plan = new XPathPlan(sources);
  for (const testCase of CASES[shape]) {
    withScope(plan, testCase, (scope) => {
      sources.forEach((source, index) => {
        const xpath = new CompiledXPath(source);
        expect(scope.evaluate(index), source).toEqual(xpath.evaluate(testCase.reference));
        expect(scope.first(index), source).toEqual(xpath.evaluateFirst(testCase.reference));
      });
    });
  }
}

describe("XPathPlan", () => {
  it.each(["v21.1", "v30+"] as const)("matches whole-expression evaluation for every catalogue XPath (%s)", (shape) => {
    const sources = [
      ...Object.values(WORKDAY_V21_CATALOGUE),
      ...Object.values(WORKDAY_V30_CATALOGUE),
      ...Object.values(WORKDAY_DOCUMENTED_CUSTOM_XPATHS),
    ];
    expectPlanMatchesLibrary(sources, shape);
  });

  const otherShapes = [
    "count(wd:Worker/wd:Worker_Data/wd:Personal_Data/wd:Contact_Data/wd:Phone_Data)",
    "wd:Worker//wd:ID[@wd:type='WID']/text()",
    "wd:Worker/wd:Worker_Data/../wd:Worker_Reference/wd:ID/text()",
    "wd:Worker/wd:Worker_Data/wd:User_ID/text() | wd:Worker/wd:Worker_Data/wd:Worker_ID/text()",
    "concat(wd:Worker/wd:Worker_Data/wd:Worker_ID, '-', wd:Worker/wd:Worker_Data/wd:User_ID)",
    "wd:Worker/wd:Worker_Data/wd:Worker_ID/text() = '21045'",
    "wd:Worker/wd:Worker_Data/wd:Personal_Data/wd:Contact_Data/wd:Phone_Data[1]/@wd:Formatted_Phone",
    "wd:Worker/wd:Worker_Data/wd:Personal_Data/wd:Contact_Data/wd:Phone_Data[last()]/wd:Phone_Number/text()",
    "wd:Worker/wd:Worker_Data/wd:Organization_Data/wd:Worker_Organization_Data/wd:Organization_Data/wd:Organization_Name",
    "wd:Worker/child::wd:Worker_Data/wd:Worker_ID/text()",
    "wd:Worker/wd:Worker_Data/*/wd:Worker_Status_Data/wd:Active/text()",
    "wd:Worker/wd:Worker_Data/wd:Employment_Data/wd:Worker_Status_Data/node()",
    "wd:Worker / wd:Worker_Data / wd:Worker_ID / text()",
    // Expressions that look outside the worker: they must still see a Response_Data holding it alone.
    "wd:Worker/wd:Worker_Data[count(/*/wd:Worker) = 1]/wd:Worker_ID/text()",
    "wd:Worker/wd:Worker_Data[count(../../wd:Worker) = 1]/wd:Worker_ID/text()",
    "wd:Worker/wd:Worker_Data/ancestor::*[1]/wd:Worker_Reference/wd:ID/text()",
    "wd:Worker/wd:Worker_Data[following-sibling::*]/wd:Worker_ID/text()",
    "wd:Worker[1]/wd:Worker_Data/wd:Worker_ID/text()",
    "wd:Worker[last()]/wd:Worker_Data/wd:Worker_ID/text()",
    "wd:Worker/wd:Worker_Data[1 and //wd:Worker_ID]/wd:User_ID/text()",
  ];

  it.each(otherShapes)("matches whole-expression evaluation for %s", (source) => {
    expectPlanMatchesLibrary([source], "v21.1");
    expectPlanMatchesLibrary([source], "v30+");
  });

  it("matches whole-expression evaluation on random downward paths (property)", () => {
    const names = [
      "wd:Worker",
      "wd:Worker_Data",
      "wd:Worker_Reference",
      "wd:ID",
      "wd:Personal_Data",
      "wd:Contact_Data",
      "wd:Phone_Data",
      "wd:Usage_Data",
      "wd:Type_Data",
      "wd:Employment_Data",
      "wd:Worker_Job_Data",
      "wd:Position_Data",
      "wd:Worker_Status_Data",
      "wd:Organization_Data",
      "wd:Worker_Organization_Data",
      "wd:Email_Address_Data",
      "*",
    ];
    const predicates = [
      "",
      "",
      "",
      "[1]",
      "[last()]",
      "[position()=2]",
      "[@wd:type='WID']",
      '[@wd:type="Employee_ID"]',
      "[ @wd:type = 'Communication_Usage_Type_ID' ]",
      "[@type='WID']",
      "[@wd:Primary='1']",
      "[@wd:Primary_Job=1]",
      "[wd:Usage_Data/@wd:Public='1']",
    ];
    const finals = ["", "/text()", "/@wd:Descriptor", "/@wd:type", "/@Descriptor", "/@*", "/node()"];
    const step = fc
      .tuple(fc.constantFrom(...names), fc.constantFrom(...predicates))
      .map(([name, predicate]) => name + predicate);
    const path = fc
      .tuple(fc.array(step, { minLength: 1, maxLength: 7 }), fc.constantFrom(...finals))
      .map(([steps, final]) => `wd:Worker/${steps.join("/")}${final}`);
    fc.assert(
      fc.property(
        fc.array(path, { minLength: 1, maxLength: 6 }),
        fc.constantFrom("v21.1" as const, "v30+" as const),
        (sources, shape) => {
          expectPlanMatchesLibrary(sources, shape);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("moves the worker into a holder only for expressions that need one", () => {
    const [jo] = CASES["v21.1"];
    const sources = Object.values(WORKDAY_V21_CATALOGUE);
    const firstValues: (string | null)[] = [];
    const planned = new XPathPlan(sources);
    const usedHolder = withScope(planned, jo!, (scope) => {
      for (let i = 0; i < sources.length; i++) firstValues.push(scope.first(i));
    });
    expect(usedHolder).toBe(false);
    expect(firstValues).toEqual(sources.map((source) => new CompiledXPath(source).evaluateFirst(jo!.reference)));
    const whole = new XPathPlan(["count(wd:Worker)"]);
    expect(withScope(whole, jo!, (scope) => expect(scope.first(0)).toBe("1"))).toBe(true);
  });

  it("gives the first node in document order for first() and every node for values()", () => {
    const [jo] = CASES["v21.1"];
    const plan = new XPathPlan([
      WORKDAY_V21_CATALOGUE.AddressLineData!,
      "wd:Worker/wd:Worker_Data/wd:Personal_Data/wd:Contact_Data/wd:Phone_Data/wd:Phone_Number/text()",
      "wd:Worker/wd:Worker_Data/wd:Personal_Data/wd:Contact_Data/wd:Phone_Data/wd:Phone_Number[0]/text()",
    ]);
    withScope(plan, jo!, (scope) => {
      expect(scope.first(0)).toBe("1200 Harbor Avenue");
      expect(scope.values(0)).toEqual(["1200 Harbor Avenue", "Floor 7"]);
      expect(scope.first(1)).toBe("555-0142");
      expect(scope.values(1)).toEqual(["555-0142", "555-0199", "555-0150"]);
      expect(scope.first(2)).toBeNull();
      expect(scope.values(2)).toEqual([]);
    });
  });

  it("rejects an XPath that does not parse", () => {
    expect(() => new XPathPlan(["wd:Worker/wd:Worker_Data["])).toThrow(XPathSyntaxError);
  });
});

describe("mayLeaveSubtree", () => {
  it.each([
    "wd:A/wd:B[@wd:type='x/y']/text()",
    "wd:A/wd:B[wd:C/wd:D='..']/@wd:E",
    "wd:A//wd:B",
    "wd:A/*/wd:B",
    "count(wd:A/wd:B) * 2",
    "wd:A[position() = last()]/descendant::wd:B",
    "concat(wd:A, '/', wd:B)",
  ])("keeps %s inside the subtree", (source) => {
    expect(mayLeaveSubtree(source)).toBe(false);
  });

  it.each([
    "/wd:A",
    "wd:A/..",
    "wd:A[../wd:B]",
    "wd:A[count(/*) = 1]",
    "wd:A[1 and /wd:B]",
    "wd:A[2 * /wd:B]",
    "wd:A[ //wd:B ]",
    "wd:A/parent::*",
    "wd:A/ancestor-or-self::wd:B",
    "wd:A[following-sibling::wd:B]",
    "wd:A[lang('en')]",
    "id('x')/wd:A",
  ])("flags %s as leaving the subtree", (source) => {
    expect(mayLeaveSubtree(source)).toBe(true);
  });
});

describe("splitDownwardPath", () => {
  it("splits downward paths at top-level slashes only", () => {
    expect(splitDownwardPath("wd:A/wd:B[wd:C/wd:D='x/y']/@wd:E")).toEqual(["wd:A", "wd:B[wd:C/wd:D='x/y']", "@wd:E"]);
    expect(splitDownwardPath("wd:A[1][last()]/text()")).toEqual(["wd:A[1][last()]", "text()"]);
  });

  it.each([
    "/wd:A/wd:B",
    "wd:A//wd:B",
    "wd:A/../wd:B",
    "wd:A/wd:B | wd:C",
    "wd:A[1] | wd:C[2]",
    "count(wd:A)",
    "wd:A/wd:B = 'x'",
    "ancestor::wd:A",
    "$x/wd:A",
    "wd:A/.",
  ])("does not split %s", (source) => {
    expect(splitDownwardPath(source)).toBeUndefined();
  });
});
