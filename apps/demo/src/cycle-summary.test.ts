import { describe, expect, it } from "vitest";
import { cycleDurationMs, formatCycleSummary, formatWhereToLook, formatWritebacks } from "./cycle-summary.js";
import { cycleRecord } from "./test-fixtures.js";

const NOW = Date.parse("2025-03-01T09:00:00.000Z");

describe("cycle summary", () => {
  it("shows the five outcomes, writebacks and the time with a rate", () => {
    const text = formatCycleSummary(
      cycleRecord({ processed: 1000, counts: { imported: 1000, created: 950, updated: 940, skipped: 48, failed: 2, writebacks: 950 } }),
      { pending: 10, done: 940, failed: 0 },
      NOW,
    );
    expect(text).toBe(
      [
        "Initial cycle completed: 1,000 workers processed",
        "  Created:    950",
        "  Updated:    940 (manager references set once the manager's account existed)",
        "  Disabled:   0",
        "  Skipped:    48 (out of scope, e.g. terminated before they had an account)",
        "  Failed:     2",
        "  Writebacks: 950 queued by this cycle (e-mail and user name back to Workday); 940 done, 10 pending",
        "  Time:       40.0 s (25 workers/s)",
        "",
      ].join("\n"),
    );
  });

  it("counts moves and re-enables as updates and explains them; shows unchanged workers and the error", () => {
    const text = formatCycleSummary(
      cycleRecord({
        kind: "incremental",
        state: "failed",
        processed: 5,
        error: "SourceUnavailable: hr-sim answered HTTP 503",
        counts: { updated: 1, moved: 2, enabled: 1, noChange: 1 },
      }),
      { pending: 0, done: 3, failed: 1 },
      NOW,
    );
    expect(text).toContain("Incremental cycle failed: 5 workers processed");
    expect(text).toContain("Updated:    4 (2 moved to another OU; 1 enabled again)\n");
    expect(text).toContain("Unchanged:  1\n");
    expect(text).toContain("3 done, 1 failed");
    expect(text).toContain("  Error: SourceUnavailable: hr-sim answered HTTP 503\n");
  });

  it("measures a running cycle up to now", () => {
    expect(cycleDurationMs(cycleRecord({ finishedAt: null }), NOW)).toBe(3_600_000);
    expect(cycleDurationMs(cycleRecord(), NOW)).toBe(40_000);
  });

  it("leaves zero pending and failed writebacks out", () => {
    expect(formatWritebacks(0, { pending: 0, done: 0, failed: 0 })).toBe("0 queued by this cycle (e-mail and user name back to Workday); 0 done");
  });

  it("tells where to look with working commands for the job and worker", () => {
    const text = formatWhereToLook({
      coordinatorUrl: "http://127.0.0.1:7070",
      adminToken: "rst_secret",
      jobId: "job_1",
      exampleWorkerId: "100042",
      ldap: { url: "ldap://127.0.0.1:3890", bindDn: "cn=admin,dc=roster,dc=test", password: "pw", baseDn: "dc=roster,dc=test" },
      hrSimUrl: "http://127.0.0.1:8085",
    });
    expect(text).toContain("REST API:    http://127.0.0.1:7070/api/v1 ");
    expect(text).toContain("Admin token: rst_secret\n");
    expect(text).toContain("export ROSTER_URL=http://127.0.0.1:7070 ROSTER_TOKEN=rst_secret\n");
    expect(text).toContain('curl -s -H "Authorization: Bearer $ROSTER_TOKEN" $ROSTER_URL/api/v1/jobs/job_1/status\n');
    expect(text).toContain('"$ROSTER_URL/api/v1/logs?jobId=job_1&workerId=100042"');
    expect(text).toContain("npx roster status job_1\n");
    expect(text).toContain("npx roster provision 100042 --job job_1\n");
    expect(text).toContain(`-D "cn=admin,dc=roster,dc=test" -w 'pw' -b "OU=Users,dc=roster,dc=test" "(employeeID=100042)"`);
  });
});
