import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Writable } from "node:stream";
import {
  LOG_CSV_COLUMNS,
  MODIFIED_PROPERTY_CSV_COLUMNS,
  STEP_CSV_COLUMNS,
  writeProvisioningLogCsv,
} from "./log-csv.js";
import type { ProvisioningLogRecord } from "./log-record.js";
import { csvOfRecords, logRecordsArbitrary } from "./test-support/log-arbitraries.js";
import { parseCsv, recordsFromCsv } from "./test-support/read-log-csv.js";

const redacted: ProvisioningLogRecord = {
  id: "log-1",
  changeId: "change-1",
  cycleId: "cycle-1",
  jobId: "job-1",
  activityDateTime: new Date("2026-03-01T10:00:00.123Z"),
  durationInMilliseconds: 42,
  action: "update",
  status: "success",
  sourceIdentity: { id: "21001", displayName: "Ada, Lovelace" },
  targetIdentity: { id: "guid-1", displayName: null },
  errorCode: null,
  errorCategory: null,
  reason: null,
  additionalDetails: null,
  recommendedAction: null,
  steps: [{ step: "action", status: "success", description: 'Updated "ada"', details: { password: "[Redact]" } }],
  modifiedProperties: [
    { name: "unicodePwd", oldValue: null, newValue: "[Redact]" },
    { name: "proxyAddresses", oldValue: ["SMTP:a@x", "smtp:b@x"], newValue: "" },
  ],
};

describe("provisioning-log CSV", () => {
  it("writes the three documented files with headers, joined on the change id, redacted values as [Redact]", async () => {
    const texts = await csvOfRecords([redacted]);
    expect(texts.count).toBe(1);
    expect(parseCsv(texts.logs)[0]).toEqual([...LOG_CSV_COLUMNS]);
    expect(parseCsv(texts.steps)).toEqual([
      [...STEP_CSV_COLUMNS],
      ["change-1", "1", "action", "success", 'Updated "ada"', '{"password":"[Redact]"}'],
    ]);
    expect(parseCsv(texts.modifiedProperties)).toEqual([
      [...MODIFIED_PROPERTY_CSV_COLUMNS],
      ["change-1", "unicodePwd", null, "[Redact]"],
      ["change-1", "proxyAddresses", '["SMTP:a@x","smtp:b@x"]', ""],
    ]);
    expect(texts.modifiedProperties).toContain("unicodePwd,,[Redact]\n");
    expect(recordsFromCsv(texts).records).toEqual([redacted]);
  });

  it("writes only headers for no records", async () => {
    const texts = await csvOfRecords([]);
    expect(texts.count).toBe(0);
    expect(parseCsv(texts.logs)).toEqual([[...LOG_CSV_COLUMNS]]);
    expect(parseCsv(texts.steps)).toEqual([[...STEP_CSV_COLUMNS]]);
    expect(parseCsv(texts.modifiedProperties)).toEqual([[...MODIFIED_PROPERTY_CSV_COLUMNS]]);
  });

  it("round-trips any records (property)", async () => {
    await fc.assert(
      fc.asyncProperty(logRecordsArbitrary(), async (records) => {
        const texts = await csvOfRecords(records);
        expect(recordsFromCsv(texts).records).toEqual(records);
      }),
      { numRuns: 200 },
    );
  });

  it("rejects when an output fails, and when the records fail", async () => {
    const failing = new Writable({ write: (_chunk, _encoding, callback) => callback(new Error("disk full")) });
    const sink = () => new Writable({ write: (_chunk, _encoding, callback) => callback() });
    await expect(
      writeProvisioningLogCsv([redacted], { logs: failing, steps: sink(), modifiedProperties: sink() }),
    ).rejects.toThrow("disk full");
    async function* broken(): AsyncGenerator<ProvisioningLogRecord> {
      yield redacted;
      throw new Error("query failed");
    }
    await expect(
      writeProvisioningLogCsv(broken(), { logs: sink(), steps: sink(), modifiedProperties: sink() }),
    ).rejects.toThrow("query failed");
  });
});
