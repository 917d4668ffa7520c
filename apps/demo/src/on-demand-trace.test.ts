import { describe, expect, it } from "vitest";
import type { OnDemandResult } from "./demo-api.js";
import { formatOnDemandTrace } from "./on-demand-trace.js";
import { logRecord } from "./test-fixtures.js";

function result(overrides: Partial<OnDemandResult> = {}): OnDemandResult {
  return {
    workerId: "1100051",
    action: "create",
    status: "success",
    steps: [
      { step: "import", status: "success", description: "Imported worker w1 from the source.", details: { WID: "w1" } },
      { step: "scope", status: "success", description: "The worker is in scope.", details: {} },
      { step: "match", status: "success", description: "No directory entry matches.", details: { "employeeID (precedence 1)": "1100051: 0 candidates" } },
      { step: "action", status: "success", description: "Create the account.", details: { Target: "CN=Åsa Öberg,OU=London" } },
    ],
    target: { anchor: "anchor-9", dn: "cn=Åsa Öberg,ou=London" },
    modifiedProperties: [{ name: "sn", oldValue: null, newValue: "Öberg" }],
    logRecord: logRecord({ changeId: "change-9" }),
    ...overrides,
  };
}

describe("on-demand trace", () => {
  it("prints the outcome, the numbered steps with details, and the modified properties", () => {
    const text = formatOnDemandTrace(result());
    expect(text).toContain("  Outcome: create (success)\n  Entry:   cn=Åsa Öberg,ou=London\n  Anchor:  anchor-9\n");
    expect(text).toContain("(Step 1, test connection, passed: it is listed only when it fails.)");
    expect(text).toContain("  2. Import the worker from the HR source: success\n     Imported worker w1 from the source.\n       WID: w1\n");
    expect(text).toContain("  3. Decide whether the worker is in scope: success\n     The worker is in scope.\n\n");
    expect(text).toContain("       employeeID (precedence 1): 1100051: 0 candidates\n");
    expect(text).toContain("  5. Perform the action: success\n");
    expect(text).toContain('  Modified properties:\n    sn: (none) → "Öberg"\n');
    expect(text).toContain("Change id change-9");
    expect(text).not.toContain("Error:");
  });

  it("numbers a failed connection test as step 1 and shows the error with its recommended action", () => {
    const text = formatOnDemandTrace(
      result({
        action: "other",
        status: "failure",
        steps: [{ step: "testConnection", status: "failure", description: "No agent serves roster.test.", details: {} }],
        target: { anchor: null, dn: null },
        modifiedProperties: [],
        logRecord: logRecord({ errorCode: "EndpointUnavailable", additionalDetails: "no agent", recommendedAction: "Start an agent." }),
      }),
    );
    expect(text).toContain("  1. Test connection: failure\n");
    expect(text).not.toContain("Step 1, test connection, passed");
    expect(text).toContain("  Entry:   -\n");
    expect(text).toContain("  Modified properties: none\n");
    expect(text).toContain("Error:              EndpointUnavailable\n");
    expect(text).toContain("Recommended action: Start an agent.\n");
  });
});
