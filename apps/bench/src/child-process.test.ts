import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ENTRY_POINTS, REPOSITORY_ROOT, shebangNodeFlags } from "./child-process.js";

describe("shebangNodeFlags", () => {
  it("runs the coordinator with the heap cap its launcher ships with", () => {
    expect(shebangNodeFlags(ENTRY_POINTS.coordinator)).toEqual(["--max-old-space-size=320"]);
  });

  it("finds no flags in a plain `#!/usr/bin/env node` launcher or a built module", () => {
    expect(shebangNodeFlags(join(REPOSITORY_ROOT, "apps/agent/bin/roster-agent.js"))).toEqual([]);
    expect(shebangNodeFlags(ENTRY_POINTS.agent)).toEqual([]);
  });
});
