/**
 * One attribute's JSONPath, compiled once, split into two parts:
 * - a prefix that needs jsonpath-plus (filters, `..`, wildcards, unions, scripts), if any;
 * - a suffix in the simple subset (members, indexes, slices), walked by simple-path.ts.
 * `$.phoneNav.results[?(@.isPrimary == true)].areaCode` becomes the prefix
 * `$.phoneNav.results[?(@.isPrimary == true)]` and the suffix `.areaCode`; a fully simple path has
 * no prefix. Evaluating the prefix with jsonpath-plus and the suffix on each node it selects
 * gives exactly what jsonpath-plus gives for the whole path, and lets attributes that share a
 * prefix (the five primary-phone fields, every field under the active-record root) share one
 * jsonpath-plus evaluation per person (see jsonpath-set.ts).
 *
 * Filter scripts run in jsonpath-plus's "safe" evaluator (no JavaScript eval). A filter that
 * throws on one row (`@.emplStatusNav.externalCode` where emplStatusNav is null) does not match
 * that row, as in Entra.
 */
import { JSONPath } from "jsonpath-plus";
import { compileSimplePath, selectSimple, type SimpleStep } from "./simple-path.js";

export class JsonPathSyntaxError extends Error {
  override readonly name = "JsonPathSyntaxError";
}

/** A jsonpath-plus evaluator for one fixed path. */
export class JsonPathPlusRunner {
  private readonly runner;

  constructor(readonly path: string) {
    this.runner = JSONPath({
      path,
      json: {},
      autostart: false,
      resultType: "value",
      wrap: true,
      eval: "safe",
      ignoreEvalErrors: true,
    });
    checkScripts(path);
  }

  /** The values the path selects in `root`, in document order. */
  run(root: unknown): readonly unknown[] {
    if (root === null || typeof root !== "object") return [];
    const values = this.runner.evaluate(this.path, root as object, undefined, undefined) as unknown[] | undefined;
    return values ?? [];
  }
}

export class CompiledJsonPath {
  /** The part jsonpath-plus evaluates; undefined when the whole path is simple. */
  readonly prefix: string | undefined;
  /** The simple steps applied to the root (no prefix) or to each node the prefix selects. */
  readonly steps: readonly SimpleStep[];
  private prefixRunner: JsonPathPlusRunner | undefined;

  /**
   * Throws JsonPathSyntaxError when `source` cannot be a JSONPath. `forceJsonPathPlus` hands the
   * whole path to jsonpath-plus (used to compare both engines).
   */
  constructor(
    readonly source: string,
    options: { readonly forceJsonPathPlus?: boolean } = {},
  ) {
    if (!source.startsWith("$")) throw new JsonPathSyntaxError(`a JSONPath must start with "$"`);
    const split = options.forceJsonPathPlus === true ? undefined : splitSimpleSuffix(source);
    this.prefix = split === undefined ? source : split.prefix;
    this.steps = split === undefined ? [] : split.steps;
    this.prefixRunner = this.prefix === undefined ? undefined : new JsonPathPlusRunner(this.prefix);
  }

  get engine(): "simple" | "jsonpath-plus" {
    return this.prefix === undefined ? "simple" : "jsonpath-plus";
  }

  /** Appends every value the path selects in `root` to `out`, in document order. */
  select(root: unknown, out: unknown[]): void {
    if (this.prefixRunner === undefined) {
      selectSimple(this.steps, root, out);
      return;
    }
    this.selectBelow(this.prefixRunner.run(root), out);
  }

  /** Applies the suffix to nodes the prefix selected (possibly evaluated once for several paths). */
  selectBelow(prefixNodes: readonly unknown[], out: unknown[]): void {
    for (let i = 0; i < prefixNodes.length; i++) selectSimple(this.steps, prefixNodes[i], out);
  }
}

/**
 * Splits `source` at the earliest top-level `.` or `[` after which everything is simple. Split
 * points inside brackets or quotes, and either dot of a `..`, do not count.
 */
function splitSimpleSuffix(source: string): { prefix: string | undefined; steps: readonly SimpleStep[] } | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let at = 1; at < source.length; at++) {
    const c = source[at]!;
    if (quote !== undefined) {
      if (c === "\\") at++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      continue;
    }
    if (c === "]" || c === ")") {
      depth--;
      continue;
    }
    const opens = c === "[" || c === "(";
    if (depth === 0 && (c === "." || c === "[") && source[at - 1] !== "." && source[at + 1] !== ".") {
      const steps = compileSimplePath(`$${source.slice(at)}`);
      if (steps !== undefined) return { prefix: at === 1 ? undefined : source.slice(0, at), steps };
    }
    if (opens) depth++;
  }
  return source === "$" ? { prefix: undefined, steps: [] } : undefined;
}

/**
 * jsonpath-plus parses a filter or script only when it first reaches a node, so a typo would
 * only show up on real data. Each script is parsed here by applying it alone to a one-element
 * array: a syntax error becomes a configuration error now.
 */
function checkScripts(source: string): void {
  let segments: string[];
  try {
    segments = JSONPath.toPathArray(source);
  } catch (error) {
    throw new JsonPathSyntaxError(reasonOf(error));
  }
  for (const segment of segments) {
    if (!segment.startsWith("?(") && !segment.startsWith("(")) continue;
    try {
      JSONPath({ path: `$[${segment}]`, json: [{}], eval: "safe", ignoreEvalErrors: true, wrap: true });
    } catch (error) {
      throw new JsonPathSyntaxError(`the script ${segment} does not parse: ${reasonOf(error)}`);
    }
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
