import { describe, expect, it } from "vitest";
import { workdayJob } from "../state/test-support/job-fixtures.js";
import { changedTopLevelKeys, deepEqual, requiresInitialCycle } from "./definition-changes.js";
import { jobDefinitionSchema } from "./job-definition.js";

const parse = (input: unknown) => jobDefinitionSchema.parse(input);

describe("definition changes", () => {
  const base = workdayJob();

  it("lists the top-level keys that differ", () => {
    expect(changedTopLevelKeys(parse(base), parse(base))).toEqual([]);
    const changed = parse({ ...base, name: "Other", schedule: { intervalMs: 60_000 }, description: "d" });
    expect(changedTopLevelKeys(parse(base), changed)).toEqual(["description", "name", "schedule"]);
  });

  it("wants an initial cycle for source, domain, mapping, scoping and anchor changes only", () => {
    const before = parse(base);
    const variants: [unknown, boolean][] = [
      [{ ...base, name: "Renamed", schedule: { intervalMs: 5_000 } }, false],
      [{ ...base, safety: { accidentalDeletions: { threshold: 10 } } }, false],
      [{ ...base, domain: "other.example.com" }, true],
      [{ ...base, source: { type: "api" } }, true],
      [{ ...base, provisioning: { ...base.provisioning, sourceAnchorAttribute: "WorkerID" } }, true],
      [{ ...base, provisioning: { ...base.provisioning, mappings: base.provisioning.mappings.slice(0, 2) } }, true],
      [
        {
          ...base,
          provisioning: {
            ...base.provisioning,
            scopingFilters: [{ clauses: [{ attribute: "Company", operator: "EQUALS", value: "Acme" }] }],
          },
        },
        true,
      ],
      [{ ...base, provisioning: { ...base.provisioning, skipOutOfScopeDeletions: true } }, false],
    ];
    for (const [input, expected] of variants) expect(requiresInitialCycle(before, parse(input))).toBe(expected);
  });

  it("does not resync for a new password alone", () => {
    const rotated = {
      ...base,
      source: {
        type: "workday",
        connection: { ...(base.source as { connection: object }).connection, password: "new" },
      },
    };
    expect(requiresInitialCycle(parse(base), parse(rotated))).toBe(false);
    expect(changedTopLevelKeys(parse(base), parse(rotated))).toEqual(["source"]);
  });

  it("compares structurally, ignoring key order and undefined members", () => {
    expect(deepEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({ a: 1 }, [1])).toBe(false);
    expect(deepEqual(null, {})).toBe(false);
  });
});
