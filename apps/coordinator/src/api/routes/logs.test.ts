import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProvisioningLogRecord } from "../../provisioning-log/log-record.js";
import { parseCsv } from "../../provisioning-log/test-support/read-log-csv.js";
import { type ApiTestServer, startApiTestServer } from "../test-support/api-test-server.js";

function record(index: number, overrides: Partial<ProvisioningLogRecord> = {}): ProvisioningLogRecord {
  return {
    id: `log-${index}`,
    changeId: `change-${index}`,
    cycleId: index < 3 ? "cycle-1" : "cycle-2",
    jobId: "hr",
    activityDateTime: new Date(Date.UTC(2026, 2, 1, 9, index)),
    durationInMilliseconds: 10 + index,
    action: "create",
    status: "success",
    sourceIdentity: { id: `W${index}`, displayName: `Worker ${index}` },
    targetIdentity: { id: `anchor-${index}`, displayName: null },
    errorCode: null,
    errorCategory: null,
    reason: null,
    additionalDetails: null,
    recommendedAction: null,
    steps: [{ step: "import", status: "success", description: "Imported", details: { WorkerID: `W${index}` } }],
    modifiedProperties: [{ name: "sn", oldValue: null, newValue: `Name${index}` }],
    ...overrides,
  };
}

interface Page {
  records: { id: string; activityDateTime: string; steps: unknown[] }[];
  nextCursor: string | null;
}

describe("provisioning-log routes", () => {
  let server: ApiTestServer;
  beforeAll(async () => {
    server = await startApiTestServer();
    server.services.addLogRecords([
      record(0),
      record(1, { status: "failure", action: "update", errorCode: "Conflict" }),
      record(2),
      record(3),
      record(4, { jobId: "other" }),
    ]);
  });
  afterAll(() => server.close());

  it("answers records with ISO dates and pages them with the cursor", async () => {
    const first = (await (await server.request("/api/v1/logs?jobId=hr&limit=3")).json()) as Page;
    expect(first.records.map((entry) => entry.id)).toEqual(["log-0", "log-1", "log-2"]);
    expect(first.records[0]!.activityDateTime).toBe("2026-03-01T09:00:00.000Z");
    expect(first.records[0]!.steps).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();

    const second = (await (
      await server.request(`/api/v1/logs?jobId=hr&limit=3&cursor=${encodeURIComponent(first.nextCursor!)}`)
    ).json()) as Page;
    expect(second.records.map((entry) => entry.id)).toEqual(["log-3"]);
    expect(second.nextCursor).toBeNull();
  });

  it("filters by status, action, worker, cycle and time range", async () => {
    const ids = async (query: string) =>
      ((await (await server.request(`/api/v1/logs?${query}`)).json()) as Page).records.map((entry) => entry.id);
    expect(await ids("status=failure")).toEqual(["log-1"]);
    expect(await ids("action=update")).toEqual(["log-1"]);
    expect(await ids("workerId=W2")).toEqual(["log-2"]);
    expect(await ids("cycleId=cycle-2&jobId=hr")).toEqual(["log-3"]);
    expect(
      await ids(
        `from=${encodeURIComponent("2026-03-01T09:01:00Z")}&to=${encodeURIComponent("2026-03-01T10:03:00+01:00")}`,
      ),
    ).toEqual(["log-1", "log-2"]);
  });

  it("downloads each of the three CSV files as an attachment", async () => {
    const expectations = [
      ["summary", "provisioning-logs-summary.csv", "Change ID", 4],
      ["steps", "provisioning-logs-steps.csv", "Step Number", 4],
      ["modifiedProperties", "provisioning-logs-modified-properties.csv", "Property Name", 4],
    ] as const;
    for (const [file, filename, header, rows] of expectations) {
      const response = await server.request(`/api/v1/logs/csv?jobId=hr&file=${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${filename}"`);
      const table = parseCsv(await response.text());
      expect(table[0], file).toContain(header);
      expect(table.length - 1, file).toBe(rows);
    }
  });

  it("defaults the CSV file to the summary and rejects an unknown one naming `file`", async () => {
    const summary = parseCsv(await (await server.request("/api/v1/logs/csv?status=failure")).text());
    expect(summary).toHaveLength(2);
    expect(summary[1]).toContain("change-1");
    const bad = await server.request("/api/v1/logs/csv?file=everything");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^Request query field "file"/);
  });
});
