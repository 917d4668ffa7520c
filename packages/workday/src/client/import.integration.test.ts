/**
 * Imports against a real HTTP server on loopback (the fake Workday of test-support): the query
 * shapes sent, paging and streaming, single-worker lookups, future hires and both WWS versions.
 */
import type { Element } from "@xmldom/xmldom";
import { afterEach, describe, expect, it } from "vitest";
import type { WorkerItem } from "../extraction/worker-extractor.js";
import { exampleWorkers, getWorkersResponseXml, numberedWorker } from "../test-support/example-workers.js";
import {
  pagedWorkersReply,
  requestValue,
  requestValues,
  startFakeWorkday,
  TENANT_PATH,
  type FakeWorkday,
  type Responder,
} from "../test-support/fake-workday-server.js";
import { WD_NS } from "../xml/namespaces.js";
import { sharedPageReader } from "./page-reader-thread.js";
import { createWorkdayClient, type WorkdayClientOptions } from "./workday-client.js";

const NOW = new Date("2024-06-03T14:40:00Z");
const credentials = { username: "ISU_Roster@contoso4", password: "s3cr3t-value" };
let fake: FakeWorkday | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function serve(responder: Responder): Promise<FakeWorkday> {
  fake = await startFakeWorkday(responder);
  return fake;
}

function client(server: FakeWorkday, overrides: Record<string, unknown> = {}, options: WorkdayClientOptions = {}) {
  return createWorkdayClient(
    { ...credentials, endpoint: server.endpoint(), retryBaseDelayMs: 1, retryMaxDelayMs: 5, ...overrides },
    { now: () => NOW, ...options },
  );
}

async function collect(items: AsyncIterable<WorkerItem>): Promise<WorkerItem[]> {
  const all: WorkerItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}

function okWorkers(items: readonly WorkerItem[]) {
  return items.map((item) => {
    if (!item.ok) throw new Error(item.error.message);
    return item.worker;
  });
}

function manyWorkers(count: number): Element[] {
  const [jo, lee] = exampleWorkers("v21.1");
  return Array.from({ length: count }, (_, index) => numberedWorker(index % 2 === 0 ? jo! : lee!, index + 1));
}

const Q = "/env:Envelope/env:Body/wd:Get_Workers_Request";

describe("testConnection", () => {
  it("sends the zero-length Updated window for one record with WS-Security", async () => {
    const server = await serve(() => ({
      body: getWorkersResponseXml([], { page: 1, totalPages: 0, totalResults: 0 }),
    }));
    await expect(client(server).testConnection()).resolves.toEqual({ version: "v21.1", serviceUrl: server.endpoint() });
    const [request] = server.requests;
    expect(request!.path).toBe(`${TENANT_PATH}/v21.1`);
    expect(request!.headers["content-type"]).toContain("text/xml");
    expect(requestValue(request!, `${Q}/@wd:version`)).toBe("v21.1");
    expect(
      requestValue(
        request!,
        `${Q}/wd:Request_Criteria/wd:Transaction_Log_Criteria_Data/wd:Transaction_Date_Range_Data/wd:Updated_From`,
      ),
    ).toBe("2024-06-03T14:40:00.000Z");
    expect(
      requestValue(
        request!,
        `${Q}/wd:Request_Criteria/wd:Transaction_Log_Criteria_Data/wd:Transaction_Date_Range_Data/wd:Updated_Through`,
      ),
    ).toBe("2024-06-03T14:40:00.000Z");
    for (const exclusion of ["Exclude_Inactive_Workers", "Exclude_Employees", "Exclude_Contingent_Workers"]) {
      expect(requestValue(request!, `${Q}/wd:Request_Criteria/wd:${exclusion}`), exclusion).toBe("1");
    }
    expect(requestValue(request!, `${Q}/wd:Response_Filter/wd:Count`)).toBe("1");
    expect(requestValue(request!, `${Q}/wd:Response_Filter/wd:Page`)).toBe("1");
    expect(requestValues(request!, `${Q}/wd:Response_Group/*`).length).toBe(2);
    expect(requestValue(request!, `${Q}/wd:Response_Group/wd:Include_Personal_Information`)).toBe("1");

    const security = "/env:Envelope/env:Header/wsse:Security";
    expect(requestValue(request!, `${security}/@env:mustUnderstand`)).toBe("1");
    expect(requestValue(request!, `${security}/wsse:UsernameToken/wsse:Username`)).toBe("ISU_Roster@contoso4");
    expect(requestValue(request!, `${security}/wsse:UsernameToken/wsse:Password`)).toBe("s3cr3t-value");
    expect(requestValue(request!, `${security}/wsse:UsernameToken/wsse:Password/@Type`)).toMatch(/#PasswordText$/);
  });
});

describe("importAll", () => {
  it("streams every worker across pages with the full-import query", async () => {
    const workers = manyWorkers(65);
    const server = await serve((request) => pagedWorkersReply(request, workers));
    const items = await collect(client(server).importAll());

    const read = okWorkers(items);
    expect(read).toHaveLength(65);
    expect(read.map((worker) => worker.workerId)).toEqual(
      workers.map((_, index) => `W${String(index + 1).padStart(6, "0")}`),
    );
    expect(read[0]!.attributes.FirstName).toBe("Jordan");
    expect(read[1]!.attributes.StatusTerminated).toBe("1");

    expect(server.requests.map((request) => requestValue(request, `${Q}/wd:Response_Filter/wd:Page`))).toEqual([
      "1",
      "2",
      "3",
    ]);
    for (const request of server.requests) {
      expect(requestValue(request, `${Q}/wd:Response_Filter/wd:Count`)).toBe("30");
      expect(
        requestValues(
          request,
          `${Q}/wd:Request_Criteria/wd:Transaction_Log_Criteria_Data/wd:Transaction_Type_References/wd:Transaction_Type_Reference/wd:ID[@wd:type='Business_Process_Type']`,
        ),
      ).toEqual(["Hire Employee", "Contract Contingent Worker"]);
      expect(requestValue(request, `${Q}/wd:Response_Filter/wd:As_Of_Effective_Date`)).toBe("2024-06-03Z");
      expect(requestValue(request, `${Q}/wd:Response_Filter/wd:As_Of_Entry_DateTime`)).toBe("2024-06-03T14:40:00.000Z");
      expect(requestValue(request, `${Q}/wd:Response_Group/wd:Include_Transaction_Log_Data`)).toBe("1");
      expect(requestValue(request, `${Q}/wd:Response_Group/wd:Exclude_Cost_Centers`)).toBe("1");
    }
    // The pages were read on the page-reader thread, not on a fallback.
    expect(sharedPageReader().threaded).toBe(true);
    const onCallerThread = okWorkers(await collect(client(server, {}, { readPagesOnThread: false }).importAll()));
    expect(onCallerThread).toEqual(read);
  });

  it("fetches pages only as the consumer advances (at most one page ahead)", async () => {
    const workers = manyWorkers(90);
    const server = await serve((request) => pagedWorkersReply(request, workers));
    const items = client(server).importAll({ asOf: new Date("2024-05-01T00:00:00Z") });
    const first = await items.next();
    expect(first.value).toMatchObject({ ok: true, worker: { workerId: "W000001" } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests.length).toBeLessThanOrEqual(2);
    await items.return(undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests.map((request) => requestValue(request, `${Q}/wd:Response_Filter/wd:Page`))).not.toContain(
      "3",
    );
    expect(requestValue(server.requests[0]!, `${Q}/wd:Response_Filter/wd:As_Of_Effective_Date`)).toBe("2024-05-01Z");
  });

  it("imports the rest of a page when one worker is malformed", async () => {
    const [jo, lee] = exampleWorkers("v21.1");
    jo!.removeChild(jo!.getElementsByTagNameNS(WD_NS, "Worker_Reference")[0]!);
    const server = await serve(() => ({
      body: getWorkersResponseXml([jo!, lee!], { page: 1, totalPages: 1, totalResults: 2 }),
    }));
    const [broken, fine] = await collect(client(server).importAll());
    expect(broken).toMatchObject({ ok: false, error: { kind: "data", code: "MissingValues" } });
    expect(broken!.ok === false && broken!.error.message).toContain("Worker #1 on page 1 of Get_Workers (full import)");
    expect(fine).toMatchObject({ ok: true, worker: { workerId: "C-00881" } });
  });
});

describe("importChanges", () => {
  it("sends the updated and the effective window and delivers a worker found by both once", async () => {
    const [jo, lee] = exampleWorkers("v21.1");
    const server = await serve((request) => {
      const updated = requestValue(request, `${Q}//wd:Updated_From`) !== undefined;
      return {
        body: getWorkersResponseXml(updated ? [jo!] : [jo!, lee!], {
          page: 1,
          totalPages: 1,
          totalResults: updated ? 1 : 2,
        }),
      };
    });
    const items = await collect(client(server).importChanges({ from: new Date("2024-06-03T14:00:00Z") }));
    expect(okWorkers(items).map((worker) => worker.workerId)).toEqual(["21045", "C-00881"]);

    const [updated, effective] = server.requests;
    const range = `${Q}/wd:Request_Criteria/wd:Transaction_Log_Criteria_Data/wd:Transaction_Date_Range_Data`;
    expect(requestValues(updated!, `${range}/*`)).toEqual(["2024-06-03T14:00:00.000Z", "2024-06-03T14:40:00.000Z"]);
    expect(requestValue(updated!, `${range}/wd:Updated_From`)).toBe("2024-06-03T14:00:00.000Z");
    expect(requestValue(updated!, `${range}/wd:Updated_Through`)).toBe("2024-06-03T14:40:00.000Z");
    expect(requestValue(effective!, `${range}/wd:Effective_From`)).toBe("2024-06-03T14:00:00.000Z");
    expect(requestValue(effective!, `${range}/wd:Effective_Through`)).toBe("2024-06-03T14:40:00.000Z");
    expect(requestValues(effective!, `${range}/wd:Updated_From`)).toEqual([]);
    for (const request of [updated!, effective!]) {
      expect(requestValue(request, `${Q}/wd:Response_Filter/wd:As_Of_Effective_Date`)).toBe("2024-06-03Z");
      expect(requestValue(request, `${Q}/wd:Response_Filter/wd:As_Of_Entry_DateTime`)).toBe("2024-06-03T14:40:00.000Z");
      expect(requestValues(request, `${Q}//wd:Transaction_Type_References`)).toEqual([]);
    }
  });

  it("re-reads a future hire by WID as of the hire date", async () => {
    const [preHire] = exampleWorkers("v21.1");
    const hireDate = preHire!.getElementsByTagNameNS(WD_NS, "Hire_Date")[0]!;
    hireDate.replaceChild(preHire!.ownerDocument!.createTextNode("2024-07-01-07:00"), hireDate.firstChild!);
    const active = preHire!.getElementsByTagNameNS(WD_NS, "Active")[0]!;
    active.replaceChild(preHire!.ownerDocument!.createTextNode("0"), active.firstChild!);
    const [asOfHireDate] = exampleWorkers("v21.1"); // Active = 1

    const server = await serve((request) => {
      const byReference = requestValue(request, `${Q}/wd:Request_References/wd:Worker_Reference/wd:ID`) !== undefined;
      // Both windows report the pre-hire; it is looked up and delivered once.
      const workers = byReference ? [asOfHireDate!] : [preHire!];
      return { body: getWorkersResponseXml(workers, { page: 1, totalPages: 1, totalResults: workers.length }) };
    });
    const items = await collect(client(server).importChanges({ from: "2024-06-03T14:00:00Z", through: NOW }));
    expect(okWorkers(items).map((worker) => worker.attributes.Active)).toEqual(["1"]);

    const lookups = server.requests.filter((request) => request.body.includes("Request_References"));
    expect(lookups).toHaveLength(1);
    const lookup = lookups[0]!;
    expect(requestValue(lookup, `${Q}/wd:Request_References/wd:Worker_Reference/wd:ID[@wd:type='WID']`)).toBe(
      "3f9c2d7a1b8e4c6f9a0d5e7b2c4f6a81",
    );
    expect(requestValue(lookup, `${Q}/wd:Request_References/@wd:Skip_Non_Existing_Instances`)).toBe("1");
    expect(requestValue(lookup, `${Q}/wd:Response_Filter/wd:As_Of_Effective_Date`)).toBe("2024-07-01-07:00");
    expect(requestValue(lookup, `${Q}/wd:Response_Filter/wd:As_Of_Entry_DateTime`)).toBe("2024-07-01T00:00:00-07:00");
  });

  it("does not look up workers hired in the past", async () => {
    const server = await serve((request) => pagedWorkersReply(request, exampleWorkers("v21.1")));
    await collect(client(server).importChanges({ from: new Date("2024-06-01T00:00:00Z") }));
    expect(server.requests.filter((request) => request.body.includes("Request_References"))).toEqual([]);
  });
});

describe("getWorker", () => {
  it("reads one worker by WID", async () => {
    const [jo] = exampleWorkers("v21.1");
    const server = await serve(() => ({
      body: getWorkersResponseXml([jo!], { page: 1, totalPages: 1, totalResults: 1 }),
    }));
    const item = await client(server).getWorker({ wid: "3f9c2d7a1b8e4c6f9a0d5e7b2c4f6a81" }, { asOf: "2024-06-03" });
    expect(item).toMatchObject({
      ok: true,
      worker: {
        wid: "3f9c2d7a1b8e4c6f9a0d5e7b2c4f6a81",
        workerId: "21045",
        attributes: { PreferredNameData: "Jo Rivera" },
      },
    });
    const [request] = server.requests;
    expect(requestValues(request!, `${Q}/wd:Request_References/wd:Worker_Reference/wd:ID/@wd:type`)).toEqual(["WID"]);
    expect(requestValue(request!, `${Q}/wd:Response_Filter/wd:As_Of_Effective_Date`)).toBe("2024-06-03");
    expect(requestValues(request!, `${Q}/wd:Request_Criteria`)).toEqual([]);
  });

  it("reads one worker by Worker ID, whether employee or contingent worker", async () => {
    const [, lee] = exampleWorkers("v21.1");
    const server = await serve(() => ({
      body: getWorkersResponseXml([lee!], { page: 1, totalPages: 1, totalResults: 1 }),
    }));
    const item = await client(server).getWorker({ workerId: "C-00881" });
    expect(item).toMatchObject({
      ok: true,
      worker: { workerId: "C-00881", attributes: { ContingentWorkerID: "C-00881", EmployeeID: null } },
    });
    const [request] = server.requests;
    expect(requestValues(request!, `${Q}/wd:Request_References/wd:Worker_Reference/wd:ID/@wd:type`)).toEqual([
      "Employee_ID",
      "Contingent_Worker_ID",
    ]);
    expect(requestValues(request!, `${Q}/wd:Request_References/wd:Worker_Reference/wd:ID`)).toEqual([
      "C-00881",
      "C-00881",
    ]);
  });

  it("returns null when Workday has no such worker", async () => {
    const server = await serve(() => ({
      body: getWorkersResponseXml([], { page: 1, totalPages: 0, totalResults: 0 }),
    }));
    await expect(client(server).getWorker({ workerId: "99999" })).resolves.toBeNull();
  });
});

describe("mapped attributes", () => {
  it("extracts only the mapped attributes and asks Workday only for the data they read", async () => {
    const workers = exampleWorkers("v30+");
    const server = await serve((request) => pagedWorkersReply(request, workers, "v30+"));
    const connector = client(server, {
      endpoint: server.endpoint("v34.0"),
      extraAttributes: {
        UserName: "wd:Worker/wd:Worker_Data/wd:User_Account_Data/wd:User_Name/text()",
        Phones: {
          xpath: "wd:Worker/wd:Worker_Data/wd:Personal_Data/wd:Contact_Data/wd:Phone_Data/wd:Phone_Number/text()",
          multiValued: true,
        },
      },
      mappedAttributes: ["FirstName", "AddressLineData", "Phones"],
    });
    expect(Object.keys(connector.settings.attributes)).toEqual(["AddressLineData", "FirstName", "Phones"]);
    expect(connector.settings.multiValuedAttributes).toEqual(["Phones"]);
    const [jo, lee] = okWorkers(await collect(connector.importAll()));
    expect(jo).toEqual({
      wid: "3f9c2d7a1b8e4c6f9a0d5e7b2c4f6a81",
      workerId: "21045",
      workerType: "Employee",
      attributes: {
        AddressLineData: "1200 Harbor Avenue",
        FirstName: "Jordan",
        Phones: ["555-0142", "555-0199", "555-0150"],
      },
    });
    expect(lee!.attributes).toEqual({ AddressLineData: null, FirstName: "Lee", Phones: null });
    expect(lee!.workerType).toBe("Contingent_Worker");
    // UserName and FacilityLocation are defined but not mapped: no user accounts, no location hierarchies.
    const group = `${Q}/wd:Response_Group`;
    expect(requestValues(server.requests[0]!, `${group}/wd:Include_User_Account`)).toEqual([]);
    expect(requestValue(server.requests[0]!, `${group}/wd:Exclude_Location_Hierarchies`)).toBe("1");
  });
});

describe("WWS v30+", () => {
  it("posts to the versioned URL and reads v30+ responses with the v30+ catalogue", async () => {
    const workers = exampleWorkers("v30+");
    const server = await serve((request) => pagedWorkersReply(request, workers, "v30+"));
    const connector = createWorkdayClient(
      {
        ...credentials,
        endpoint: server.endpoint("v34.0"),
        extraAttributes: { UserName: "wd:Worker/wd:Worker_Data/wd:User_Account_Data/wd:User_Name/text()" },
      },
      { now: () => NOW },
    );
    expect(connector.settings.catalogueVersion).toBe("v30+");
    const [jo, lee] = okWorkers(await collect(connector.importAll()));
    expect(jo!.attributes).toMatchObject({
      Telephone: "+1 (206) 555-0142",
      BusinessTitle: "Senior Software Engineer, Identity",
      FacilityLocation: "North America - West",
    });
    expect(jo!.attributes.UserName).toBe("jo.rivera@contoso.example");
    expect(lee!.attributes.WorkerType).toBe("Contractor");
    expect(lee!.attributes.UserName).toBeNull();
    // The custom XPath reaches into User_Account_Data, so Workday is asked for it.
    expect(requestValue(server.requests[0]!, `${Q}/wd:Response_Group/wd:Include_User_Account`)).toBe("1");
    expect(server.requests[0]!.path).toBe(`${TENANT_PATH}/v34.0`);
    expect(requestValue(server.requests[0]!, `${Q}/@wd:version`)).toBe("v34.0");
    // FacilityLocation reads LOCATION_HIERARCHY, so location hierarchies are not excluded.
    expect(requestValues(server.requests[0]!, `${Q}/wd:Response_Group/wd:Exclude_Location_Hierarchies`)).toEqual([]);
  });
});
