import fc from "fast-check";
import { JSONPath } from "jsonpath-plus";
import { describe, expect, it } from "vitest";
import { CompiledJsonPath } from "./compiled-jsonpath.js";
import { JsonPathSet, Matches } from "./jsonpath-set.js";
import { compileSimplePath, MISSING, selectSimple } from "./simple-path.js";

/** What jsonpath-plus itself returns, the reference for every engine here. */
function reference(path: string, json: unknown): unknown[] {
  return JSONPath({ path, json: json as object, wrap: true, eval: "safe", ignoreEvalErrors: true }) as unknown[];
}

function simple(path: string, json: unknown): unknown[] {
  const out: unknown[] = [];
  selectSimple(compileSimplePath(path)!, json, out);
  return out;
}

// Keys that stress jsonpath-plus's own-property rules: prototype members, array/string indexes.
const KEYS = ["a", "b", "results", "length", "constructor", "toString", "__proto__", "0", "1", "valueOf"];
const key = fc.constantFrom(...KEYS);
const leaf = fc.oneof(fc.constant(null), fc.boolean(), fc.constantFrom(0, 1, -2.5), fc.constantFrom("", "x", "ab"));
const documents = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, leaf, tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc
    .array(fc.tuple(key, tie("value")), { maxLength: 5 })
    .map((entries) => JSON.parse(JSON.stringify(Object.fromEntries(entries))) as unknown),
}));
// A root is a parsed JSON object or array (a person); jsonpath-plus returns nothing at all for falsy roots.
const json = fc.oneof(documents.object, documents.array);

const index = fc.integer({ min: -3, max: 4 });
const bound = fc.option(fc.integer({ min: -3, max: 4 }), { nil: undefined });
const step = fc.oneof(
  fc.constantFrom("a", "b", "results", "length", "constructor", "toString", "valueOf").map((name) => `.${name}`),
  index.map((n) => `[${n}]`),
  fc.tuple(bound, bound).map(([start, end]) => `[${start ?? ""}:${end ?? ""}]`),
);
const randomPath = fc.array(step, { maxLength: 5 }).map((steps) => `$${steps.join("")}`);

/** A path that mostly follows members and elements the document has, so most paths select something. */
function pathAlong(doc: unknown): fc.Arbitrary<string> {
  return fc.array(fc.nat(), { minLength: 1, maxLength: 5 }).map((choices) => {
    let path = "$";
    let node: unknown = doc;
    for (const choice of choices) {
      if (Array.isArray(node) && node.length > 0) {
        const i = choice % node.length;
        path += choice % 5 === 0 ? `[${i - node.length}:]` : `[${i}]`;
        node = node[i];
      } else if (node !== null && typeof node === "object") {
        const names = Object.keys(node).filter((name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name));
        if (names.length === 0) break;
        const name = names[choice % names.length]!;
        path += `.${name}`;
        node = (node as Record<string, unknown>)[name];
      } else {
        path += choice % 2 === 0 ? ".length" : "[0]";
        break;
      }
    }
    return path;
  });
}

const documentAndPath = fc.oneof(
  fc.tuple(json, randomPath),
  json.chain((doc) => fc.tuple(fc.constant(doc), pathAlong(doc))),
);
const simplePath = randomPath;
const filter = fc.constantFrom("[?(@.a == 1)]", "[?(@.b == 'x' || @.a == true)]", "..a", "[*]", "..results[?(@.a)]");

describe("compileSimplePath", () => {
  it("accepts members, indexes and slices only", () => {
    expect(compileSimplePath("$.employmentNav.results[0].userNav.username")).toHaveLength(5);
    expect(compileSimplePath("$.employmentNav.results[-1:].startDate")).toEqual([
      { kind: "member", key: "employmentNav", ownCheck: false },
      { kind: "member", key: "results", ownCheck: false },
      { kind: "slice", start: -1, end: undefined },
      { kind: "member", key: "startDate", ownCheck: false },
    ]);
    expect(compileSimplePath("$.a.length")![1]).toEqual({ kind: "member", key: "length", ownCheck: true });
    for (const path of [
      "$.emailNav.results[?(@.isPrimary == true)].emailAddress",
      "$..departmentNav",
      "$.a[*]",
      "$['a']",
      "$.a[0,1]",
      "a.b",
      "$.a-b",
      "$.a[1:2:1]",
    ]) {
      expect(compileSimplePath(path), path).toBeUndefined();
    }
  });
});

describe("the simple-path engine agrees with jsonpath-plus", () => {
  it("on the catalogue's shapes", () => {
    const doc = { e: { results: [{ s: "/Date(1)/", u: { n: "x" } }, { s: "2" }] } };
    for (const path of [
      "$.e.results[0].s",
      "$.e.results[-1:].s",
      "$.e.results[1].u.n",
      "$.e.results.length",
      "$.e.results[5]",
    ]) {
      expect(simple(path, doc), path).toEqual(reference(path, doc));
    }
  });

  it("for any simple path on any document (property)", () => {
    fc.assert(
      fc.property(documentAndPath, ([doc, path]) => {
        expect(simple(path, doc)).toEqual(reference(path, doc));
      }),
      { numRuns: 3000 },
    );
  });

  it("when a jsonpath-plus prefix is followed by a simple suffix (property)", () => {
    fc.assert(
      fc.property(documentAndPath, filter, simplePath, ([doc, head], middle, tail) => {
        const path = `${head}${middle}${tail.slice(1)}`;
        const compiled = new CompiledJsonPath(path);
        const out: unknown[] = [];
        compiled.select(doc, out);
        expect(out).toEqual(reference(path, doc));
      }),
      { numRuns: 2000 },
    );
  });

  it("when many paths share the tree and memoised prefixes (property)", () => {
    const anyPath = fc.oneof(
      simplePath,
      fc.tuple(simplePath, filter, simplePath).map(([head, middle, tail]) => `${head}${middle}${tail.slice(1)}`),
    );
    const docsAndPaths = fc
      .array(json, { minLength: 1, maxLength: 3 })
      .chain((docs) =>
        fc.tuple(fc.constant(docs), fc.array(fc.oneof(anyPath, pathAlong(docs[0])), { minLength: 1, maxLength: 8 })),
      );
    fc.assert(
      fc.property(docsAndPaths, ([docs, paths]) => {
        const set = new JsonPathSet(paths, (source) => new CompiledJsonPath(source));
        for (const doc of docs) {
          set.reset(doc);
          paths.forEach((path, i) => {
            const expected = reference(path, doc);
            const out: unknown[] = [];
            set.select(i, out);
            expect(out, path).toEqual(expected);
            const value = set.value(i);
            const asList = value === MISSING ? [] : value instanceof Matches ? value.values : [value];
            expect(asList, path).toEqual(expected);
          });
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("CompiledJsonPath", () => {
  it("splits a path into a jsonpath-plus prefix and a simple suffix", () => {
    const primary = new CompiledJsonPath("$.phoneNav.results[?(@.isPrimary == true)].areaCode");
    expect(primary.prefix).toBe("$.phoneNav.results[?(@.isPrimary == true)]");
    expect(primary.steps).toEqual([{ kind: "member", key: "areaCode", ownCheck: false }]);
    expect(primary.engine).toBe("jsonpath-plus");
    expect(new CompiledJsonPath("$.a..b.c").prefix).toBe("$.a..b");
    expect(new CompiledJsonPath("$.a.b").engine).toBe("simple");
    expect(new CompiledJsonPath("$.x[?(@.a == 'p.q')]").prefix).toBe("$.x[?(@.a == 'p.q')]");
  });

  it("rejects paths that do not start at $ and filters that do not parse", () => {
    expect(() => new CompiledJsonPath("employmentNav.results")).toThrow(/must start with "\$"/);
    expect(() => new CompiledJsonPath("$.emailNav.results[?(@.isPrimary == )].emailAddress")).toThrow(/does not parse/);
  });

  it("treats a filter that throws on a row as not matching that row", () => {
    const path = new CompiledJsonPath("$.jobs[?(@.emplStatusNav.externalCode == 'A')].title");
    const out: unknown[] = [];
    path.select(
      {
        jobs: [
          { emplStatusNav: null, title: "x" },
          { emplStatusNav: { externalCode: "A" }, title: "y" },
        ],
      },
      out,
    );
    expect(out).toEqual(["y"]);
  });
});
