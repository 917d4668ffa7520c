import { describe, expect, it } from "vitest";
import { stateAsOf, latestState } from "./as-of.js";
import { parseXsMoment, tenantDate, tenantDateTime, tenantToday } from "./tenant-time.js";
import type { WorkerRecord, WorkerState } from "./worker-record.js";

const base: WorkerState = {
  workerType: "employee", workerId: "1", userId: "u", legalName: { first: "A", last: "B" }, emails: [], phones: [],
  companyId: "CO_100", departmentId: "SUP_ENG", locationId: "LOC_SEA_01", jobProfileId: "JP_SWE2", positionId: "P-1",
  businessTitle: "Engineer", managerChain: [], active: true, hireDate: "2024-07-01", originalHireDate: "2024-07-01",
  rehire: false, terminated: false,
};

const record: WorkerRecord = {
  seq: 1, wid: "w", personUuid: "P", lastModified: "2024-06-10T10:00:00.000Z",
  versions: [
    { effectiveDate: "2024-07-01", enteredAt: "2024-06-01T10:00:00.000Z", state: base },
    { effectiveDate: "2024-09-01", enteredAt: "2024-06-10T10:00:00.000Z", state: { ...base, businessTitle: "Senior Engineer" } },
    // A correction entered later for the same effective date wins.
    { effectiveDate: "2024-09-01", enteredAt: "2024-06-20T10:00:00.000Z", state: { ...base, businessTitle: "Staff Engineer" } },
  ],
};

describe("stateAsOf", () => {
  it("picks the latest version effective by the date among those entered by the moment", () => {
    expect(stateAsOf(record, { effectiveDate: "2024-08-01", entryMoment: Date.parse("2024-07-01T00:00:00Z") })?.businessTitle).toBe("Engineer");
    expect(stateAsOf(record, { effectiveDate: "2024-09-01", entryMoment: Date.parse("2024-06-15T00:00:00Z") })?.businessTitle).toBe("Senior Engineer");
    expect(stateAsOf(record, { effectiveDate: "2024-09-01", entryMoment: Date.parse("2024-07-01T00:00:00Z") })?.businessTitle).toBe("Staff Engineer");
  });

  it("shows a pre-hire inactive before the hire date and nothing before the hire was entered", () => {
    expect(stateAsOf(record, { effectiveDate: "2024-06-15", entryMoment: Date.parse("2024-06-15T00:00:00Z") })?.active).toBe(false);
    expect(stateAsOf(record, { effectiveDate: "2024-06-15", entryMoment: Date.parse("2024-05-01T00:00:00Z") })).toBeUndefined();
    expect(latestState(record).businessTitle).toBe("Staff Engineer");
  });
});

describe("tenant time", () => {
  it("renders dates and date-times with the Pacific offset", () => {
    expect(tenantDate("2021-03-15")).toBe("2021-03-15-08:00");
    expect(tenantDateTime("2024-06-03T15:21:09.311Z")).toBe("2024-06-03T07:21:09.311-08:00");
    expect(tenantToday(Date.parse("2024-06-03T07:00:00Z"))).toBe("2024-06-02");
  });

  it("parses xs:date and xs:dateTime in the forms clients send", () => {
    expect(parseXsMoment("2024-06-03T14:40:00.0000000Z")).toEqual({ date: "2024-06-03", instant: Date.parse("2024-06-03T14:40:00Z") });
    expect(parseXsMoment("2024-07-01-07:00")).toEqual({ date: "2024-07-01", instant: Date.parse("2024-07-01T07:00:00Z") });
    expect(parseXsMoment("2024-06-03Z")?.instant).toBe(Date.parse("2024-06-03T00:00:00Z"));
    expect(parseXsMoment("yesterday")).toBeUndefined();
    expect(parseXsMoment("2024-13-45")).toBeUndefined();
  });
});
