/**
 * Count, Item, Join, RemoveDuplicates and Split: the functions that read or build
 * multi-valued attributes.
 */
import type { Arg, EagerFunctionDef, FunctionDef, Scalar, Value } from "../types.js";
import { isFlowSignal, isNull, toText, toValues } from "../values.js";
import { checkIntegerLiteral, integerArg } from "./text-args.js";

/** Count(attribute): the number of values; NULL has none, a single value is one. */
const count: EagerFunctionDef = {
  name: "Count",
  minArgs: 1,
  maxArgs: 1,
  call: (args) => {
    const v = args[0];
    if (Array.isArray(v)) return toValues(v).length;
    return isNull(v) || isFlowSignal(v) ? 0 : 1;
  },
};

/**
 * Item(attribute, index): the value at a 1-based index. The reference says index 0
 * "shouldn't be used" and Cloud Sync throws for an index out of range; Roster instead
 * returns NULL (the attribute is then not provisioned, and Coalesce or
 * IgnoreFlowIfNullOrEmpty can supply a fallback) rather than failing the whole worker
 * because one of them has fewer values. A literal index below 1 is rejected when the
 * expression is compiled. A single-valued attribute is a list of one.
 */
const item: EagerFunctionDef = {
  name: "Item",
  minArgs: 2,
  maxArgs: 2,
  check: (args) => checkIntegerLiteral(args[1], "index (1-based)", 1),
  call: (args) => {
    const v = args[0];
    if (isFlowSignal(v)) return v;
    const index = integerArg(args[1], "Item", "index");
    if (Array.isArray(v))
      return index >= 1 && index <= v.length ? ((v[index - 1] as Scalar | undefined) ?? null) : null;
    if (isNull(v)) return null;
    return index === 1 ? (v as Value) : null;
  },
};

/** `joined` plus the separator and the value's text; NULL and "" are skipped. */
function joinText(joined: string | null, separator: string, v: Arg): string | null {
  const text = toText(v);
  if (text === null || text === "") return joined;
  return joined === null ? text : joined + separator + text;
}

/**
 * Join(separator, source1, ...): the values joined by the separator. A multi-valued
 * source contributes each of its values; NULL and "" sources (and values) are skipped, so
 * Join(", ", "", [surname], [givenName]) is "Doe, John". Nothing left gives "".
 */
const join: EagerFunctionDef = {
  name: "Join",
  minArgs: 2,
  maxArgs: Number.POSITIVE_INFINITY,
  call: (args) => {
    const separator = toText(args[0]) ?? "";
    let out: string | null = null;
    for (let i = 1; i < args.length; i++) {
      const v = args[i];
      if (isFlowSignal(v)) return v;
      if (Array.isArray(v)) {
        for (const x of v as readonly Scalar[]) out = joinText(out, separator, x);
      } else {
        out = joinText(out, separator, v);
      }
    }
    return out ?? "";
  },
};

/**
 * RemoveDuplicates(attribute): the values without repeats, compared case-sensitively by
 * their text, each kept at its first occurrence. NULL stays NULL.
 */
const removeDuplicates: EagerFunctionDef = {
  name: "RemoveDuplicates",
  minArgs: 1,
  maxArgs: 1,
  call: (args) => {
    const v = args[0];
    if (isFlowSignal(v)) return v;
    if (isNull(v)) return null;
    const seen = new Set<string>();
    const out: Scalar[] = [];
    for (const x of toValues(v)) {
      const key = toText(x) as string;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(x);
      }
    }
    return out;
  },
};

/**
 * Split(source, delimiter): a literal split into a multi-valued result; spaces around
 * the values are kept ("a, b" on "," gives "a" and " b"; the reference's sample output
 * looks trimmed, which its expression does not do). NULL stays NULL; a NULL or empty
 * delimiter gives the whole string as the only value.
 */
const split: EagerFunctionDef = {
  name: "Split",
  minArgs: 2,
  maxArgs: 2,
  call: (args) => {
    const source = args[0];
    if (isFlowSignal(source)) return source;
    const text = toText(source);
    if (text === null) return null;
    const delimiter = toText(args[1]) ?? "";
    return delimiter === "" ? [text] : text.split(delimiter);
  },
};

export const collectionFunctions: readonly FunctionDef[] = [count, item, join, removeDuplicates, split];
