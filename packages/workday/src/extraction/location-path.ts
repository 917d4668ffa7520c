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

// `wd:Name[@wd:attr='value']` (or an unprefixed attribute, or double quotes): one attribute test.
const WD_STEP_WITH_ATTRIBUTE =
  /^wd:([A-Za-z_][\w.-]*)\s*\[\s*@(wd:)?([A-Za-z_][\w.-]*)\s*=\s*(?:'([^']*)'|"([^"]*)")\s*\]$/;
const TEXT_STEP = /^text\(\)$/;
const ATTRIBUTE_STEP = /^@(wd:)?([A-Za-z_][\w.-]*)$/;

/** An attribute name test: wd-namespaced, or in no namespace. */
export interface AttributeName {
  readonly namespaced: boolean;
  readonly localName: string;
}

export type SharedStep =
  | {
      readonly kind: "child";
      readonly localName: string;
      /** Keep only children with this attribute equal to `value`. */
      readonly attribute?: AttributeName & { readonly value: string };
    }
  | { readonly kind: "xpath"; readonly step: string };

/**
 * How a step can be shared between XPaths: a `wd:Name` step, bare or with one attribute-equals
 * predicate, by a direct child scan; any other child-element step (a name test with predicates)
 * by evaluating that step alone from each parent. Undefined for steps that do not select elements
 * (attributes, text(), node()).
 */
export function sharedStep(step: string): SharedStep | undefined {
  const plain = PLAIN_WD_STEP.exec(step);
  if (plain) return { kind: "child", localName: plain[1]! };
  const tested = WD_STEP_WITH_ATTRIBUTE.exec(step);
  if (tested) {
    const value = tested[4] ?? tested[5]!;
    return {
      kind: "child",
      localName: tested[1]!,
      attribute: { namespaced: tested[2] !== undefined, localName: tested[3]!, value },
    };
  }
  const bracket = step.indexOf("[");
  const head = (bracket < 0 ? step : step.slice(0, bracket)).trim();
  return ELEMENT_STEP_HEAD.test(head) ? { kind: "xpath", step } : undefined;
}

/** A last step read without the XPath library: `text()` or `@wd:Name` / `@Name`. */
export type FinalStep = { readonly kind: "text" } | ({ readonly kind: "attribute" } & AttributeName);

export function finalStep(step: string): FinalStep | undefined {
  if (TEXT_STEP.test(step)) return { kind: "text" };
  const attribute = ATTRIBUTE_STEP.exec(step);
  if (attribute) return { kind: "attribute", namespaced: attribute[1] !== undefined, localName: attribute[2]! };
  return undefined;
}

// Characters after which a `/` continues a relative path (`a/b`, `x[1]/y`, `f()/z`, `./a`).
const PATH_CONTINUES = /[\w.)\]]/;
// Operator names; a `/` after one starts an absolute path (`1 and /x`).
const OPERATOR_WORD = /(?:^|[^\w.:-])(?:and|or|div|mod)$/;
// Axes that stay inside the context node's subtree.
const DOWNWARD_AXES = new Set(["child", "attribute", "self", "descendant", "descendant-or-self"]);
const AXIS = /([A-Za-z-]+)\s*::/g;
const DOCUMENT_FUNCTION = /(?<![\w.-])(?:lang|id)\s*\(/;
const WHITESPACE = /\s/;

/**
 * True when an expression might select or test nodes outside the subtree of the node it starts
 * from: a parent step (`..`), an upward or sideways axis, an absolute path anywhere (also inside a
 * predicate), or lang()/id(), which read ancestors or the whole document. Conservative: string
 * literals are ignored, and anything ambiguous counts as leaving (it is then evaluated whole).
 */
export function mayLeaveSubtree(source: string): boolean {
  let code = "";
  let quote: string | undefined;
  for (const char of source) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      continue;
    }
    if (char === "'" || char === '"') {
      quote = char;
      code += " '' ";
    } else code += char;
  }
  if (code.includes("..") || DOCUMENT_FUNCTION.test(code)) return true;
  for (const match of code.matchAll(AXIS)) if (!DOWNWARD_AXES.has(match[1]!)) return true;
  for (let i = 0; i < code.length; i++) {
    if (code[i] !== "/") continue;
    let before = i - 1;
    while (before >= 0 && WHITESPACE.test(code[before]!)) before--;
    if (before >= 0 && code[before] === "/") continue; // the second slash of `//`, judged by the first
    if (before < 0) return true;
    const previous = code[before]!;
    if (previous === "*") {
      // `*/x` is a wildcard step; `2 * /x` multiplies by an absolute path.
      let operand = before - 1;
      while (operand >= 0 && WHITESPACE.test(code[operand]!)) operand--;
      if (operand >= 0 && !"/:[(,|@".includes(code[operand]!)) return true;
      continue;
    }
    if (!PATH_CONTINUES.test(previous) || OPERATOR_WORD.test(code.slice(0, before + 1))) return true;
  }
  return false;
}
