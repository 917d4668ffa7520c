/** Wire-shaped records for the formatting tests. */
import type { CycleCounts, CycleRecord, LogRecord } from "./demo-api.js";

export const ZERO_COUNTS: CycleCounts = {
  imported: 0,
  created: 0,
  updated: 0,
  enabled: 0,
  disabled: 0,
  moved: 0,
  skipped: 0,
  noChange: 0,
  failed: 0,
  escrowed: 0,
  staged: 0,
  writebacks: 0,
};

export function cycleRecord(overrides: Partial<Omit<CycleRecord, "counts">> & { counts?: Partial<CycleCounts> } = {}): CycleRecord {
  const { counts, ...rest } = overrides;
  return {
    cycleId: "cycle-1",
    jobId: "job-1",
    kind: "initial",
    state: "completed",
    startedAt: "2025-03-01T08:00:00.000Z",
    finishedAt: "2025-03-01T08:00:40.000Z",
    through: "2025-03-01T08:00:00.000Z",
    from: null,
    processed: 0,
    error: null,
    ...rest,
    counts: { ...ZERO_COUNTS, ...counts },
  };
}

export function logRecord(overrides: Partial<LogRecord> = {}): LogRecord {
  return {
    id: "change-1",
    changeId: "change-1",
    cycleId: "cycle-1",
    jobId: "job-1",
    action: "update",
    status: "success",
    sourceIdentity: { id: "100042", displayName: "Zoë O'Brien" },
    targetIdentity: { id: "anchor-1", displayName: "cn=Zoë O'Brien,ou=Seattle,ou=Users,dc=roster,dc=test" },
    activityDateTime: "2025-03-01T08:00:10.000Z",
    durationInMilliseconds: 5,
    errorCode: null,
    errorCategory: null,
    reason: null,
    additionalDetails: null,
    recommendedAction: null,
    steps: [],
    modifiedProperties: [],
    ...overrides,
  };
}
