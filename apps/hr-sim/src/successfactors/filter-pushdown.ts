/**
 * Narrows a SuccessFactors `$filter` to a condition on stored columns, so the store's indexes
 * pick the candidates instead of every person being rendered and tested. The condition is never
 * narrower than the filter (every person the filter accepts meets it); it is `exact` when it
 * accepts precisely those persons, and then `$count` is answered by the database alone. Pages
 * still test every candidate with the full filter, so results are the same as a full scan.
 *
 * Pushed down: personIdExternal (eq, ne, in with strings; Worker IDs never change, a conversion
 * hires a new worker), the person's lastModifiedDateTime against date literals, and `ne null` /
 * `eq null` on personEmpTerminationInfoNav/activeEmploymentsCount (always 0 or 1). Anything else
 * becomes "true" (not exact), which makes an enclosing `or` or `not` "true" as well.
 */
import type { PersonCondition } from "../store/worker-store.js";
import type { FilterNode, Literal } from "./odata-filter.js";

export interface Pushdown {
  readonly condition: PersonCondition;
  readonly exact: boolean;
}

const TRUE: PersonCondition = { kind: "true" };
const FALSE: PersonCondition = { kind: "false" };
const ANY: Pushdown = { condition: TRUE, exact: false };

const SQL_OPERATORS = { eq: "=", ne: "<>", gt: ">", ge: ">=", lt: "<", le: "<=" } as const;

const isDate = (literal: Literal): literal is { readonly ms: number } => typeof literal === "object" && literal !== null;
const samePath = (path: readonly string[], expected: readonly string[]): boolean =>
  path.length === expected.length && path.every((part, index) => part === expected[index]);

function nullTest(op: string, literal: Literal): Pushdown | undefined {
  if (literal !== null) return undefined;
  if (op === "eq") return { condition: FALSE, exact: true };
  if (op === "ne") return { condition: TRUE, exact: true };
  return { condition: FALSE, exact: true };
}

function compareLeaf(path: readonly string[], op: string, literal: Literal): Pushdown {
  if (samePath(path, ["personIdExternal"])) {
    const isNull = nullTest(op, literal);
    if (isNull !== undefined) return isNull;
    if (typeof literal !== "string") return ANY;
    if (op === "eq") return { condition: { kind: "workerId", op: "in", ids: [literal] }, exact: true };
    if (op === "ne") return { condition: { kind: "workerId", op: "not in", ids: [literal] }, exact: true };
    return ANY;
  }
  if (samePath(path, ["lastModifiedDateTime"])) {
    const isNull = nullTest(op, literal);
    if (isNull !== undefined) return isNull;
    if (!isDate(literal) || !(op in SQL_OPERATORS)) return ANY;
    const at = new Date(literal.ms).toISOString();
    return { condition: { kind: "lastModified", op: SQL_OPERATORS[op as keyof typeof SQL_OPERATORS], at }, exact: true };
  }
  if (samePath(path, ["personEmpTerminationInfoNav", "activeEmploymentsCount"])) return nullTest(op, literal) ?? ANY;
  return ANY;
}

function and(left: Pushdown, right: Pushdown): Pushdown {
  const exact = left.exact && right.exact;
  if (left.condition.kind === "false" || right.condition.kind === "false") return { condition: FALSE, exact };
  if (left.condition.kind === "true") return { condition: right.condition, exact };
  if (right.condition.kind === "true") return { condition: left.condition, exact };
  return { condition: { kind: "and", left: left.condition, right: right.condition }, exact };
}

function or(left: Pushdown, right: Pushdown): Pushdown {
  const exact = left.exact && right.exact;
  if (left.condition.kind === "true" || right.condition.kind === "true") return { condition: TRUE, exact };
  if (left.condition.kind === "false") return { condition: right.condition, exact };
  if (right.condition.kind === "false") return { condition: left.condition, exact };
  return { condition: { kind: "or", left: left.condition, right: right.condition }, exact };
}

export function pushdownOf(tree: FilterNode | undefined): Pushdown {
  if (tree === undefined) return { condition: TRUE, exact: true };
  switch (tree.kind) {
    case "and":
      return and(pushdownOf(tree.left), pushdownOf(tree.right));
    case "or":
      return or(pushdownOf(tree.left), pushdownOf(tree.right));
    case "not": {
      const inner = pushdownOf(tree.operand);
      // The complement of a wider set would be too narrow: only an exact condition can be negated.
      if (!inner.exact) return ANY;
      const kind = inner.condition.kind;
      if (kind === "true" || kind === "false") return { condition: kind === "true" ? FALSE : TRUE, exact: true };
      return { condition: { kind: "not", operand: inner.condition }, exact: true };
    }
    case "compare":
      return compareLeaf(tree.path, tree.op, tree.value);
    case "in": {
      if (samePath(tree.path, ["personIdExternal"]) && tree.values.every((value) => typeof value === "string")) {
        return { condition: { kind: "workerId", op: "in", ids: tree.values as string[] }, exact: true };
      }
      return tree.values.reduce<Pushdown>((result, value) => or(result, compareLeaf(tree.path, "eq", value)), { condition: FALSE, exact: true });
    }
  }
}
