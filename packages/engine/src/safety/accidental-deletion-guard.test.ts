import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RosterError } from "../errors/error-codes.js";
import { checkAccidentalDeletions } from "./accidental-deletion-guard.js";

const on = (threshold: number) => ({ enabled: true, threshold });

describe("checkAccidentalDeletions", () => {
  it("allows a count equal to the threshold and stages one more (> threshold reading)", () => {
    expect(checkAccidentalDeletions(on(500), { disables: 300, deletes: 200 }).outcome).toBe("allow");
    const staged = checkAccidentalDeletions(on(500), { disables: 301, deletes: 200 });
    expect(staged).toMatchObject({
      outcome: "stage",
      count: 501,
      threshold: 500,
      disableAction: "StagedAction",
      deleteAction: "StagedDelete",
      quarantineReason: "TooManyDeletes",
    });
    expect(staged.reason).toContain("301 disables, 200 deletes");
    expect(staged.reason).toContain("threshold of 500");
  });

  it("counts disables and deletes together, per cycle", () => {
    expect(checkAccidentalDeletions(on(10), { disables: 6, deletes: 5 }).outcome).toBe("stage");
    expect(checkAccidentalDeletions(on(10), { disables: 11, deletes: 0 }).outcome).toBe("stage");
    expect(checkAccidentalDeletions(on(10), { disables: 0, deletes: 11 }).outcome).toBe("stage");
  });

  it("allows everything when the setting is off", () => {
    const decision = checkAccidentalDeletions({ enabled: false, threshold: 0 }, { disables: 90_000, deletes: 10_000 });
    expect(decision).toMatchObject({ outcome: "allow", count: 100_000 });
    expect(decision.reason).toMatch(/off/);
  });

  it("with threshold 0 any deprovisioning is staged", () => {
    expect(checkAccidentalDeletions(on(0), { disables: 0, deletes: 0 }).outcome).toBe("allow");
    expect(checkAccidentalDeletions(on(0), { disables: 1, deletes: 0 }).outcome).toBe("stage");
  });

  it("lets an administrator's 'Allow deletes' run the staged objects", () => {
    const decision = checkAccidentalDeletions(on(5), { disables: 50, deletes: 0 }, { approvedByAdministrator: true });
    expect(decision.outcome).toBe("allow");
    expect(decision.reason).toMatch(/administrator allowed/);
  });

  it("stages exactly when enabled and disables + deletes > threshold (property)", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.nat({ max: 1_000_000 }),
        fc.nat({ max: 1_000_000 }),
        fc.nat({ max: 1_000_000 }),
        (enabled, threshold, disables, deletes) => {
          const decision = checkAccidentalDeletions({ enabled, threshold }, { disables, deletes });
          expect(decision.count).toBe(disables + deletes);
          expect(decision.outcome === "stage").toBe(enabled && disables + deletes > threshold);
        },
      ),
    );
  });

  it("rejects a bad threshold or count with a RosterError naming the field", () => {
    expect(() => checkAccidentalDeletions(on(-1), { disables: 0, deletes: 0 })).toThrowError(/threshold/);
    expect(() => checkAccidentalDeletions(on(Number.NaN), { disables: 0, deletes: 0 })).toThrowError(RosterError);
    expect(() => checkAccidentalDeletions(on(1.5), { disables: 0, deletes: 0 })).toThrowError(/threshold/);
    expect(() => checkAccidentalDeletions(on(5), { disables: Number.NaN, deletes: 0 })).toThrowError(/disables/);
    expect(() => checkAccidentalDeletions(on(5), { disables: 0, deletes: -3 })).toThrowError(/deletes/);
    try {
      checkAccidentalDeletions(on(-1), { disables: 0, deletes: 0 });
    } catch (error) {
      expect(error).toBeInstanceOf(RosterError);
      expect((error as RosterError).code).toBe("InvalidConfiguration");
    }
  });
});
