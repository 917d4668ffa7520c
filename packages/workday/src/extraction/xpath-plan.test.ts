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
import { splitDownwardPath } from "./location-path.js";
import { XPathPlan } from "./xpath-plan.js";

function holders(shape: ExampleShape): Element[] {
  return exampleWorkers(shape).map((worker) => {
    const holder = worker.ownerDocument!.createElementNS(WD_NS, "wd:Response_Data");
    holder.appendChild(worker);
    return holder;
  });
}

const HOLDERS = { "v21.1": holders("v21.1"), "v30+": holders("v30+") };

function expectPlanMatchesLibrary(sources: readonly string[], shape: ExampleShape): void {
  const plan = new XPathPlan(sources);
  for (const holder of HOLDERS[shape]) {
    const scope = plan.scope(holder);
    sources.forEach((source, index) => {
      expect(scope.evaluate(index), source).toEqual(new CompiledXPath(source).evaluate(holder));
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
      "[@wd:Primary_Job=1]",
      "[wd:Usage_Data/@wd:Public='1']",
    ];
    const finals = ["", "/text()", "/@wd:Descriptor", "/@wd:type", "/@*", "/node()"];
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

  it("rejects an XPath that does not parse", () => {
    expect(() => new XPathPlan(["wd:Worker/wd:Worker_Data["])).toThrow(XPathSyntaxError);
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
