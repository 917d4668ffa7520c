/**
 * Scoping filters: clauses of one filter are AND-ed, filters are OR-ed, no filter means
 * every worker is in scope. Operators follow the documented semantics (case-sensitive
 * text comparisons, full-match regexes, integer-only Greater_Than). Apart from IS NULL
 * and IS NOT NULL, a clause on a null or empty attribute is false, and multi-valued
 * attributes cannot be filtered (every clause on one is false).
 *
 * Clauses are compiled once with the configuration: regexes translated, integers parsed
 * and the trace texts built, so evaluation allocates only its trace.
 */
import { UNARY_SCOPING_OPERATORS, type ScopingFilter, type ScopingOperator } from "../config/provisioning-config.js";
import { toJsRegExp } from "../expressions/dotnet-regex.js";
import type { Attributes, Value } from "../expressions/types.js";
import { isFlowSignal, toText } from "../expressions/values.js";
import type { DirectoryValue } from "./directory-operations.js";

export interface CompiledScopingClause {
  readonly attribute: string;
  readonly operator: ScopingOperator;
  /** null for the unary operators. */
  readonly value: string | null;
  /** REGEX MATCH / NOT REGEX MATCH, anchored to the whole value. */
  readonly regex: RegExp | null;
  /** Greater_Than / Greater_Than_OR_EQUALS. */
  readonly integer: bigint | null;
  /** "{title} {attribute} {operator} {value}" */
  readonly label: string;
  readonly textTrue: string;
  readonly textFalse: string;
}

export interface CompiledScopingFilter {
  readonly title: string;
  readonly clauses: readonly CompiledScopingClause[];
}

export interface ScopingIssue {
  /** e.g. "scopingFilters[0].clauses[2].value" */
  readonly path: string;
  readonly message: string;
}

export interface ClauseEvaluation {
  readonly attribute: string;
  readonly operator: ScopingOperator;
  readonly value: string | null;
  /** The worker's value as text; null when absent. */
  readonly actual: DirectoryValue | null;
  readonly result: boolean;
  /** "{title} {attribute} {operator} {value}: true|false" */
  readonly text: string;
}

export interface FilterEvaluation {
  readonly title: string;
  readonly result: boolean;
  readonly clauses: readonly ClauseEvaluation[];
}

export interface ScopingEvaluation {
  readonly inScope: boolean;
  readonly filters: readonly FilterEvaluation[];
}

const INTEGER_TEXT = /^-?\d+$/;

/** Validates and precompiles the filters; every problem is reported, not just the first. */
export function compileScopingFilters(
  filters: readonly ScopingFilter[],
  pathPrefix = "scopingFilters",
): { readonly filters: readonly CompiledScopingFilter[]; readonly issues: readonly ScopingIssue[] } {
  const issues: ScopingIssue[] = [];
  const compiled: CompiledScopingFilter[] = [];
  filters.forEach((filter, f) => {
    const title = filter.title !== undefined && filter.title.trim() !== "" ? filter.title : `Scoping filter ${f + 1}`;
    const clauses: CompiledScopingClause[] = [];
    filter.clauses.forEach((clause, c) => {
      const path = `${pathPrefix}[${f}].clauses[${c}]`;
      const unary = UNARY_SCOPING_OPERATORS.has(clause.operator);
      const value = unary ? null : (clause.value ?? null);
      let regex: RegExp | null = null;
      let integer: bigint | null = null;
      if (!unary && (value === null || value === "")) {
        issues.push({
          path: `${path}.value`,
          message: `Scoping clause "${title} ${clause.attribute} ${clause.operator}" needs a value.`,
        });
      } else if (value !== null) {
        if (clause.operator === "Greater_Than" || clause.operator === "Greater_Than_OR_EQUALS") {
          if (INTEGER_TEXT.test(value)) integer = BigInt(value);
          else {
            issues.push({
              path: `${path}.value`,
              message: `Scoping clause "${title} ${clause.attribute} ${clause.operator}" compares integers, but its value "${value}" is not an integer.`,
            });
          }
        } else if (clause.operator === "REGEX MATCH" || clause.operator === "NOT REGEX MATCH") {
          try {
            const translated = toJsRegExp(value, { fullMatch: true });
            // test() on a global or sticky RegExp is stateful; scoping must not be.
            regex =
              translated.global || translated.sticky
                ? new RegExp(translated.source, translated.flags.replace(/[gy]/g, ""))
                : translated;
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            issues.push({
              path: `${path}.value`,
              message: `Scoping clause "${title} ${clause.attribute} ${clause.operator}" has an invalid regular expression "${value}": ${reason}`,
            });
          }
        }
      }
      const label =
        value === null
          ? `${title} ${clause.attribute} ${clause.operator}`
          : `${title} ${clause.attribute} ${clause.operator} ${value}`;
      clauses.push({
        attribute: clause.attribute,
        operator: clause.operator,
        value,
        regex,
        integer,
        label,
        textTrue: `${label}: true`,
        textFalse: `${label}: false`,
      });
    });
    compiled.push({ title, clauses });
  });
  return { filters: compiled, issues };
}

const NO_FILTERS: ScopingEvaluation = Object.freeze({ inScope: true, filters: Object.freeze([]) });

/** Evaluates every clause (so the trace is complete) and combines: AND within a filter, OR across filters. */
export function evaluateScoping(filters: readonly CompiledScopingFilter[], attributes: Attributes): ScopingEvaluation {
  if (filters.length === 0) return NO_FILTERS;
  let inScope = false;
  const results: FilterEvaluation[] = [];
  for (const filter of filters) {
    let all = true;
    const clauses: ClauseEvaluation[] = [];
    for (const clause of filter.clauses) {
      const raw = attributes[clause.attribute];
      const result = evaluateClause(clause, raw);
      if (!result) all = false;
      clauses.push({
        attribute: clause.attribute,
        operator: clause.operator,
        value: clause.value,
        actual: actualText(raw),
        result,
        text: result ? clause.textTrue : clause.textFalse,
      });
    }
    if (all) inScope = true;
    results.push({ title: filter.title, result: all, clauses });
  }
  return { inScope, filters: results };
}

/** One clause against one attribute value. Exported for tests and the CLI. */
export function evaluateClause(clause: CompiledScopingClause, raw: Value | undefined): boolean {
  const op = clause.operator;
  if (
    raw === null ||
    raw === undefined ||
    isFlowSignal(raw) ||
    (Array.isArray(raw) && raw.length === 0) ||
    raw === ""
  ) {
    return op === "IS NULL";
  }
  if (Array.isArray(raw)) return false; // multi-valued attributes cannot be filtered
  if (op === "IS NULL") return false;
  if (op === "IS NOT NULL") return true;
  if (op === "IS TRUE" || op === "IS FALSE") {
    const wanted = op === "IS TRUE";
    if (typeof raw === "boolean") return raw === wanted;
    if (typeof raw !== "string") return false;
    return raw.length === (wanted ? 4 : 5) && raw.toLowerCase() === (wanted ? "true" : "false");
  }
  const text = toText(raw);
  if (text === null || text === "") return false;
  const value = clause.value;
  if (value === null) return false; // a binary operator without a value never matches (rejected at compile)
  switch (op) {
    case "EQUALS":
      return text === value;
    case "NOT EQUALS":
      return text !== value;
    case "Includes":
      return text.includes(value);
    case "ENDS_WITH":
      return text.endsWith(value);
    case "&":
      return value.includes(text);
    case "!&":
      return !value.includes(text);
    case "Greater_Than":
    case "Greater_Than_OR_EQUALS": {
      if (clause.integer === null || !INTEGER_TEXT.test(text)) return false;
      const actual = BigInt(text);
      return op === "Greater_Than" ? actual > clause.integer : actual >= clause.integer;
    }
    case "REGEX MATCH":
      return clause.regex?.test(text) === true;
    case "NOT REGEX MATCH":
      return clause.regex?.test(text) === false;
    default:
      return false;
  }
}

function actualText(raw: Value | undefined): DirectoryValue | null {
  if (raw === null || raw === undefined || isFlowSignal(raw)) return null;
  if (Array.isArray(raw)) return raw.map((v) => toText(v) ?? "");
  return toText(raw);
}
