/**
 * Recognises XPaths that are plain relative location paths walking down the tree
 * (`wd:A/wd:B[pred]/@wd:C`), so that the extraction plan can share their leading child steps
 * between attributes. Anything else (functions at the top, unions, `//`, `..`, axes, absolute
 * paths) is reported as not splittable and is evaluated whole by the XPath library.
 *
 * Works on an expression that xpath.parse already accepted, so it only has to tell shapes apart,
 * not validate them.
 */

// One step's node test: a (prefixed) name or *, an attribute, text() or node().
const STEP_HEAD = /^(?:@?(?:[A-Za-z_][\w.-]*:)?(?:[A-Za-z_][\w.-]*|\*)|text\(\)|node\(\))$/;
// A child element in the wd namespace without predicate: resolved by a direct child scan.
const PLAIN_WD_STEP = /^wd:([A-Za-z_][\w.-]*)$/;
// A child-element name test (any prefix, or *), possibly followed by predicates.
const ELEMENT_STEP_HEAD = /^(?:[A-Za-z_][\w.-]*:)?(?:[A-Za-z_][\w.-]*|\*)$/;

/** Splits at the top-level `/` separators; undefined when the text is not a downward path. */
export function splitDownwardPath(source: string): string[] | undefined {
  const steps: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === "[" || char === "(") {
      depth++;
    } else if (char === "]" || char === ")") {
      depth--;
    } else if (char === "/" && depth === 0) {
      steps.push(source.slice(start, i).trim());
      start = i + 1;
    }
  }
  steps.push(source.slice(start).trim());
  return steps.every(isDownwardStep) ? steps : undefined;
}

/** A step whose node test is a plain name/attribute/text test followed only by predicates. */
function isDownwardStep(step: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  let headEnd = -1;
  for (let i = 0; i < step.length; i++) {
    const char = step[i]!;
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      continue;
    }
    if (char === "'" || char === '"') {
      if (depth === 0) return false;
      quote = char;
    } else if (char === "[") {
      if (depth === 0 && headEnd < 0) headEnd = i;
      depth++;
    } else if (char === "]") {
      depth--;
    } else if (depth === 0 && headEnd >= 0 && !/\s/.test(char)) {
      // Something other than another predicate follows the first predicate (an operator, a union…).
      return false;
    }
  }
  const head = (headEnd < 0 ? step : step.slice(0, headEnd)).trim();
  return STEP_HEAD.test(head);
}

export type SharedStep =
  | { readonly kind: "child"; readonly localName: string }
  | { readonly kind: "xpath"; readonly step: string };

/**
 * How a step can be shared between XPaths: a plain `wd:Name` step by a direct child scan, any
 * other child-element step (a name test with predicates) by evaluating that step alone from each
 * parent. Undefined for steps that do not select elements (attributes, text(), node()).
 */
export function sharedStep(step: string): SharedStep | undefined {
  const plain = PLAIN_WD_STEP.exec(step);
  if (plain) return { kind: "child", localName: plain[1]! };
  const bracket = step.indexOf("[");
  const head = (bracket < 0 ? step : step.slice(0, bracket)).trim();
  return ELEMENT_STEP_HEAD.test(head) ? { kind: "xpath", step } : undefined;
}
