import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JsonLocations, type JsonPath } from "./json-locations.js";

/** Every path to a scalar inside `value`, with the scalar. */
function leaves(value: unknown, path: (string | number)[] = []): [JsonPath, unknown][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, [...path, i]));
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [[path, value]];
}

function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split("\n");
  return lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0) + column - 1;
}

describe("JsonLocations", () => {
  it("locates every scalar of any pretty-printed JSON document", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, "\t"), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const locations = new JsonLocations(text);
        for (const [path, leaf] of leaves(JSON.parse(text))) {
          const { line, column } = locations.positionOf(path);
          expect(text.startsWith(JSON.stringify(leaf), offsetOf(text, line, column))).toBe(true);
        }
      }),
    );
  });

  it("falls back to the closest existing ancestor", () => {
    const text = '{\n  "mappings": [\n    {"type": "Direct"}\n  ]\n}';
    const locations = new JsonLocations(text);
    expect(locations.positionOf(["mappings", 0, "source"])).toEqual({ line: 3, column: 5 });
    expect(locations.positionOf(["nothing"])).toEqual({ line: 1, column: 1 });
  });

  it("finds a character inside a string with escapes", () => {
    const text = '{"e": "Join(\\"\\u0041\\", [x]) + Bad"}';
    const locations = new JsonLocations(text);
    const expression = (JSON.parse(text) as { e: string }).e;
    const offset = expression.indexOf("Bad");
    const { column } = locations.positionInString(["e"], offset);
    expect(text.slice(column - 1, column + 2)).toBe("Bad");
  });
});
