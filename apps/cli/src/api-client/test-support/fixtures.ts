/** Canned but realistic coordinator answers for the CLI's tests (shapes of docs/api.md). */
import type {
  AdminToken,
  AgentStatus,
  AuditEntry,
  CycleCounts,
  CycleRecord,
  JobStatusView,
  JobView,
  OnDemandResult,
  ProvisioningLogRecord,
  StagedAction,
} from "../api-types.js";

export const TEST_TOKEN = "rst_3q2xY7kPzN1c8LwVb5TgHd0aFs4R";

export const JOB_DEFINITION = {
  name: "Contoso Workday to AD",
  description: "Hires, movers and leavers from Workday",
  source: {
    type: "workday",
    connection: {
      tenantUrl: "https://wd3-impl-services1.workday.com/ccx/service/contoso",
      username: "ISU_Roster",
      password: "[Redact]",
    },
  },
  domain: "contoso.com",
  provisioning: { sourceAnchorAttribute: "WID", mappings: [] },
  schedule: { intervalMs: 2_400_000 },
} as const;

export const JOB: JobView = {
  jobId: "contoso-workday",
  version: 3,
  definition: JOB_DEFINITION,
  runState: "running",
  needsInitialCycle: false,
  watermark: "2025-03-03T07:40:00.000Z",
  createdAt: "2025-02-10T09:15:42.120Z",
  updatedAt: "2025-03-01T16:02:11.904Z",
};

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

export const LAST_CYCLE: CycleRecord = {
  cycleId: "c-7f1e2a90",
  jobId: JOB.jobId,
  kind: "incremental",
  state: "completed",
  startedAt: "2025-03-03T07:40:00.000Z",
  finishedAt: "2025-03-03T07:41:12.500Z",
  through: "2025-03-03T07:40:00.000Z",
  from: "2025-03-03T07:00:00.000Z",
  counts: { ...ZERO_COUNTS, imported: 1250, created: 4, updated: 37, disabled: 2, noChange: 1205, failed: 2 },
  processed: 1250,
  error: null,
};

export const RUNNING_CYCLE: CycleRecord = {
  cycleId: "c-8a0b3c11",
  jobId: JOB.jobId,
  kind: "initial",
  state: "running",
  startedAt: "2025-03-03T08:20:00.000Z",
  finishedAt: null,
  through: "2025-03-03T08:20:00.000Z",
  from: null,
  counts: { ...ZERO_COUNTS, imported: 5000, created: 120, updated: 300, noChange: 780 },
  processed: 1200,
  error: null,
};

export const AGENT: AgentStatus = {
  agentId: "agt-4d2c",
  connectionId: "conn-91",
  hostname: "DC1-AGENT",
  agentVersion: "0.1.0",
  domains: ["contoso.com"],
  inFlight: 3,
  credits: 253,
  queries: 0,
  connectedAt: "2025-03-03T06:00:01.000Z",
  lastHeartbeatAt: "2025-03-03T08:21:45.000Z",
};

export const STATUS_IDLE: JobStatusView = {
  jobId: JOB.jobId,
  runState: "running",
  currentCycle: null,
  lastCycle: LAST_CYCLE,
  nextCycleAt: "2025-03-03T08:20:00.000Z",
  quarantine: { quarantined: false, reason: null, since: null },
  escrowed: 2,
  stagedPending: 0,
  writebacks: { pending: 1, done: 40, failed: 0 },
  agents: [AGENT],
};

export const STATUS_RUNNING: JobStatusView = { ...STATUS_IDLE, currentCycle: RUNNING_CYCLE, nextCycleAt: null };

export const AUDIT: readonly AuditEntry[] = [
  {
    id: "a3",
    jobId: JOB.jobId,
    at: "2025-03-01T16:02:11.904Z",
    actor: "ops-laptop",
    action: "update",
    details: { changed: ["provisioning"] },
  },
  { id: "a2", jobId: JOB.jobId, at: "2025-02-10T09:20:00.000Z", actor: "ops-laptop", action: "start", details: {} },
];

function logRecord(index: number, overrides: Partial<ProvisioningLogRecord> = {}): ProvisioningLogRecord {
  const workerId = `2100${index}`;
  return {
    id: `chg-${index}`,
    changeId: `chg-${index}`,
    cycleId: LAST_CYCLE.cycleId,
    jobId: JOB.jobId,
    activityDateTime: `2025-03-03T07:40:0${index}.250Z`,
    durationInMilliseconds: 41,
    action: "update",
    status: "success",
    sourceIdentity: { id: workerId, displayName: `Worker ${index}` },
    targetIdentity: { id: `CN=Worker ${index},OU=Users,DC=contoso,DC=com`, displayName: null },
    errorCode: null,
    errorCategory: null,
    reason: null,
    additionalDetails: null,
    recommendedAction: null,
    steps: [],
    modifiedProperties: [{ name: "title", oldValue: "Analyst", newValue: "Senior Analyst" }],
    ...overrides,
  };
}

export const LOG_RECORDS: readonly ProvisioningLogRecord[] = [
  logRecord(1),
  logRecord(2, {
    action: "create",
    status: "failure",
    errorCode: "DuplicateTargetEntries",
    errorCategory: "failure",
    reason: "More than one target object matches the worker's matching attribute value.",
    additionalDetails: 'Two entries have employeeID "21002"',
    recommendedAction: "Make the matching attribute unique in the directory.",
    modifiedProperties: [],
  }),
  logRecord(3, { action: "disable" }),
  logRecord(4),
  logRecord(5, { action: "other", status: "skipped" }),
];

export const LOGS_CSV = {
  summary: "changeId,action,status\r\nchg-1,update,success\r\n",
  steps: "changeId,step,status\r\nchg-1,import,success\r\n",
  modifiedProperties: "changeId,name,oldValue,newValue\r\nchg-1,title,Analyst,Senior Analyst\r\n",
} as const;

export const ON_DEMAND: OnDemandResult = {
  workerId: "21008",
  action: "Update",
  status: "success",
  steps: [
    {
      step: "testConnection",
      status: "success",
      description: "Agent agt-4d2c reached the directory for contoso.com.",
      details: { Domain: "contoso.com" },
    },
    {
      step: "import",
      status: "success",
      description: "Worker 21008 was read from Workday.",
      details: { WID: "9f3a2b", EmployeeID: "21008" },
    },
    {
      step: "scope",
      status: "success",
      description: "The worker is in scope.",
      details: { ScopingFilter: "Active EQUALS 1" },
    },
    {
      step: "match",
      status: "success",
      description: "Matched one directory entry by employeeID.",
      details: { MatchedBy: "employeeID", DN: "CN=Ada Lovelace,OU=Users,DC=contoso,DC=com" },
    },
    { step: "action", status: "success", description: "Updated 2 attributes.", details: {} },
  ],
  target: { anchor: "0f4c1e6e-8a11-4f05-9a3e-3c2b1d0e9f77", dn: "CN=Ada Lovelace,OU=Users,DC=contoso,DC=com" },
  modifiedProperties: [
    { name: "title", oldValue: "Analyst", newValue: "Senior Analyst" },
    { name: "proxyAddresses", oldValue: null, newValue: ["SMTP:ada@contoso.com", "smtp:al@contoso.com"] },
  ],
  logRecord: {
    ...logRecord(8),
    changeId: "chg-od-1",
    steps: [],
  },
};

export const ON_DEMAND_FAILED: OnDemandResult = {
  ...ON_DEMAND,
  workerId: "21009",
  action: "Create",
  status: "failure",
  steps: ON_DEMAND.steps.map((step) =>
    step.step === "action" ? { ...step, status: "failure", description: "The create was refused." } : step,
  ),
  modifiedProperties: [],
  logRecord: {
    ...logRecord(9),
    changeId: "chg-od-2",
    status: "failure",
    errorCode: "NoSuchParent",
    errorCategory: "failure",
    reason: "The parent container (parentDistinguishedName) does not exist in the directory.",
    additionalDetails: 'OU "OU=Interns,DC=contoso,DC=com" does not exist',
    recommendedAction: "Create the OU, or correct the parentDistinguishedName mapping.",
  },
};

export const STAGED: readonly StagedAction[] = [
  {
    id: "st-1",
    jobId: JOB.jobId,
    cycleId: LAST_CYCLE.cycleId,
    sourceAnchor: "wid-771",
    workerId: "21771",
    displayName: "Grace Hopper",
    kind: "disable",
    targetAnchor: "5b6f0c1d-2222-4a4a-8888-000000000771",
    payload: {},
    state: "pending",
    createdAt: "2025-03-03T07:41:00.000Z",
    decidedAt: null,
    decidedBy: null,
  },
];

export const ADMIN_TOKENS: readonly AdminToken[] = [
  {
    tokenId: "tok-1",
    name: "ops-laptop",
    createdAt: "2025-02-01T10:00:00.000Z",
    lastUsedAt: "2025-03-03T08:00:00.000Z",
    revokedAt: null,
  },
  {
    tokenId: "tok-0",
    name: "bootstrap",
    createdAt: "2025-01-01T10:00:00.000Z",
    lastUsedAt: null,
    revokedAt: "2025-02-01T10:05:00.000Z",
  },
];
