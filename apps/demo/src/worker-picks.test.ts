import { describe, expect, it } from "vitest";
import type { LogRecord } from "./demo-api.js";
import { logRecord } from "./test-fixtures.js";
import { pickWorkers } from "./worker-picks.js";

function created(id: string, city: string | null, disabled = "False"): LogRecord {
  return logRecord({
    action: "create",
    sourceIdentity: { id, displayName: `Worker ${id}` },
    modifiedProperties: [
      { name: "parentDistinguishedName", oldValue: null, newValue: city === null ? "OU=Users,dc=roster,dc=test" : `OU=${city},OU=Users,dc=roster,dc=test` },
      { name: "accountDisabled", oldValue: null, newValue: disabled },
    ],
  });
}

describe("pickWorkers", () => {
  it("picks distinct active workers: the first manages the hire, a Seattle one moves to London, the last leaves", () => {
    const picks = pickWorkers([created("1", null), created("2", "London"), created("3", "Seattle"), created("4", "Chicago"), created("5", "London", "True")]);
    expect(picks.manager.sourceIdentity.id).toBe("1");
    expect(picks.move.sourceIdentity.id).toBe("3");
    expect(picks.moveTo).toEqual({ locationId: "LOC_LON_01", city: "London" });
    expect(picks.terminate.sourceIdentity.id).toBe("4");
  });

  it("moves a London worker to Seattle when nobody is in Seattle", () => {
    const picks = pickWorkers([created("1", null), created("2", "London"), created("3", null)]);
    expect(picks.move.sourceIdentity.id).toBe("2");
    expect(picks.moveTo).toEqual({ locationId: "LOC_SEA_01", city: "Seattle" });
  });

  it("needs three active accounts", () => {
    expect(() => pickWorkers([created("1", null), created("2", null), created("3", null, "True")])).toThrow(
      "The initial cycle created 2 enabled accounts; the demo needs at least 3 (raise --workers).",
    );
  });
});
