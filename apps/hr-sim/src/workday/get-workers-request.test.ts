import { describe, expect, it } from "vitest";
import { FaultInjector } from "../faults/fault-config.js";
import { parseGetWorkers, PageCursorCache } from "./get-workers.js";
import { parseSoapRequest, SoapFaultError } from "./soap-message.js";

const envelope = (body: string) =>
  `<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Header><wsse:Security xmlns:wsse="urn:wsse"><wsse:UsernameToken><wsse:Username>isu@acme</wsse:Username><wsse:Password Type="PasswordText">pw</wsse:Password></wsse:UsernameToken></wsse:Security></env:Header><env:Body>${body}</env:Body></env:Envelope>`;

const NOW = Date.parse("2024-06-03T14:40:00Z");

describe("parseGetWorkers", () => {
  it("reads Entra's incremental request with p1: prefixes, 7-digit fractions and out-of-order flags", () => {
    const soap = parseSoapRequest(
      envelope(`<p1:Get_Workers_Request p1:version="v21.1" xmlns:p1="urn:com.workday/bsvc" xmlns="urn:com.workday/bsvc">
        <p1:Request_Criteria><p1:Transaction_Log_Criteria_Data><p1:Transaction_Date_Range_Data>
          <p1:Updated_From>2024-06-03T14:00:00.0000000Z</p1:Updated_From><p1:Updated_Through>2024-06-03T14:40:00.0000000Z</p1:Updated_Through>
        </p1:Transaction_Date_Range_Data></p1:Transaction_Log_Criteria_Data></p1:Request_Criteria>
        <p1:Response_Filter><p1:As_Of_Effective_Date>2024-06-03T14:40:00.0000000Z</p1:As_Of_Effective_Date><p1:As_Of_Entry_DateTime>2024-06-03T14:40:00.0000000Z</p1:As_Of_Entry_DateTime><p1:Page>2</p1:Page><p1:Count>30</p1:Count></p1:Response_Filter>
        <p1:Response_Group><p1:Include_Reference>1</p1:Include_Reference><p1:Exclude_Pay_Groups>1</p1:Exclude_Pay_Groups><p1:Include_Management_Chain_Data>true</p1:Include_Management_Chain_Data><p1:Include_Photo>0</p1:Include_Photo></p1:Response_Group>
      </p1:Get_Workers_Request>`),
    );
    expect(soap).toMatchObject({ username: "isu@acme", password: "pw", operation: "Get_Workers_Request" });
    const parsed = parseGetWorkers(soap.payload, undefined, NOW);
    expect(parsed).toMatchObject({ version: "v21.1", shape: "v21.1", page: 2, count: 30 });
    expect(parsed.query.transactionLog).toEqual({ updatedFrom: "2024-06-03T14:00:00.000Z", updatedThrough: "2024-06-03T14:40:00.000Z" });
    expect(parsed.view).toEqual({ effectiveDate: "2024-06-03", entryMoment: NOW });
    expect([...parsed.flags].sort()).toEqual(["Exclude_Pay_Groups", "Include_Management_Chain_Data", "Include_Reference"]);
  });

  it("reads references and the full-sync transaction types; defaults the response group and the version from the URL", () => {
    const references = parseGetWorkers(
      parseSoapRequest(
        envelope(`<bsvc:Get_Workers_Request xmlns:bsvc="urn:com.workday/bsvc"><bsvc:Request_References bsvc:Skip_Non_Existing_Instances="1">
          <bsvc:Worker_Reference><bsvc:ID bsvc:type="WID">abc</bsvc:ID></bsvc:Worker_Reference>
          <bsvc:Worker_Reference><bsvc:ID bsvc:type="Employee_ID">21045</bsvc:ID></bsvc:Worker_Reference></bsvc:Request_References></bsvc:Get_Workers_Request>`),
      ).payload,
      "v34.0",
      NOW,
    );
    expect(references.shape).toBe("v30+");
    expect(references.query.references).toEqual([{ type: "WID", id: "abc" }, { type: "Employee_ID", id: "21045" }]);
    expect(references.flags.has("Include_Personal_Information")).toBe(true);
    expect(references.count).toBe(100);
    const full = parseGetWorkers(
      parseSoapRequest(
        envelope(`<wd:Get_Workers_Request xmlns:wd="urn:com.workday/bsvc"><wd:Request_Criteria><wd:Transaction_Log_Criteria_Data><wd:Transaction_Type_References>
          <wd:Transaction_Type_Reference><wd:ID wd:type="Business_Process_Type">Hire Employee</wd:ID></wd:Transaction_Type_Reference>
          <wd:Transaction_Type_Reference><wd:ID wd:type="Business_Process_Type">Contract Contingent Worker</wd:ID></wd:Transaction_Type_Reference>
          </wd:Transaction_Type_References></wd:Transaction_Log_Criteria_Data><wd:Exclude_Employees>1</wd:Exclude_Employees></wd:Request_Criteria></wd:Get_Workers_Request>`),
      ).payload,
      undefined,
      NOW,
    );
    expect(full.query).toMatchObject({ transactionLog: { types: ["Hire Employee", "Contract Contingent Worker"] }, excludeEmployees: true });
  });

  it("turns bad input into validation faults", () => {
    const parse = (body: string) => () => parseGetWorkers(parseSoapRequest(envelope(body)).payload, undefined, NOW);
    expect(parse(`<wd:Get_Workers_Request xmlns:wd="urn:com.workday/bsvc"><wd:Response_Filter><wd:Count>5000</wd:Count></wd:Response_Filter></wd:Get_Workers_Request>`)).toThrow(SoapFaultError);
    expect(parse(`<wd:Get_Workers_Request xmlns:wd="urn:com.workday/bsvc"><wd:Response_Filter><wd:As_Of_Entry_DateTime>soon</wd:As_Of_Entry_DateTime></wd:Response_Filter></wd:Get_Workers_Request>`)).toThrow(/soon/);
    expect(parse(`<wd:Get_Workers_Request xmlns:wd="urn:com.workday/bsvc"><wd:Request_References><wd:Worker_Reference><wd:ID wd:type="SSN">1</wd:ID></wd:Worker_Reference></wd:Request_References></wd:Get_Workers_Request>`)).toThrow(/SSN/);
    expect(() => parseSoapRequest("<env:Envelope><env:Body/></env:Envelope>")).toThrow(/exactly one operation/);
  });
});

describe("PageCursorCache", () => {
  it("forgets the least recently used query first", () => {
    const cache = new PageCursorCache(2);
    cache.set("a", { total: 1, ends: new Map() });
    cache.set("b", { total: 2, ends: new Map() });
    cache.get("a");
    cache.set("c", { total: 3, ends: new Map() });
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")?.total).toBe(1);
  });

  it("keeps queries pinned before a change's entry moment and forgets the rest", () => {
    const cache = new PageCursorCache();
    const at = (iso: string) => Date.parse(iso);
    cache.set("pinned-before", { total: 1, ends: new Map(), pinnedEntryMoment: at("2026-11-23T10:00:00Z") });
    cache.set("pinned-after", { total: 2, ends: new Map(), pinnedEntryMoment: at("2026-11-23T12:00:00Z") });
    cache.set("now", { total: 3, ends: new Map() });
    cache.invalidate("2026-11-23T11:00:00.000Z");
    expect(cache.get("pinned-before")?.total).toBe(1);
    expect(cache.get("pinned-after")).toBeUndefined();
    expect(cache.get("now")).toBeUndefined();
    cache.invalidate();
    expect(cache.get("pinned-before")).toBeUndefined();
  });
});

describe("FaultInjector", () => {
  it("draws errors at the configured rate, reproducibly, and validates updates", () => {
    const draws = (seed: number) => {
      const faults = new FaultInjector({ workday: { errorRate: 0.3, errorKind: "http500" } }, seed);
      return Array.from({ length: 1000 }, () => faults.draw("workday").kind);
    };
    const first = draws(9);
    expect(draws(9)).toEqual(first);
    const errors = first.filter((kind) => kind === "error").length;
    expect(errors).toBeGreaterThan(240);
    expect(errors).toBeLessThan(360);
    const faults = new FaultInjector();
    expect(faults.draw("successfactors").kind).toBe("none");
    expect(() => faults.update({ workday: { latencyMs: -1 } })).toThrow();
    expect(() => faults.update({ ldap: {} })).toThrow();
    faults.update({ successfactors: { authFailure: true } });
    expect(faults.draw("successfactors").kind).toBe("auth");
    expect(faults.draw("workday").kind).toBe("none");
  });
});
