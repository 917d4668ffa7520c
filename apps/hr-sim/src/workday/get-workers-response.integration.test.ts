/**
 * Get_Workers responses over HTTP: the page XML is well-formed, in the WWS element order, with
 * escaped values intact; fragments cached for one request serve the next unchanged; and
 * Exclude_Inactive_Workers judges activity as of the request's effective date.
 */
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../generator/generate-workers.js";
import { tenantToday } from "../model/tenant-time.js";
import { createHrSimServer, type HrSimServer } from "../server/create-server.js";

const credentials = { username: "ISU_Roster@acme", password: "pw-123" };
let sim: HrSimServer;

beforeAll(async () => {
  sim = await createHrSimServer({ database: { memory: true }, credentials, tenant: "acme", workers: 120, seed: 5 });
}, 60_000);
afterAll(async () => {
  await sim?.close();
});

const ordered = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", preserveOrder: true, parseTagValue: false, trimValues: false });
const plain = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Numeric character references (&#xa;) decoded, as any XML parser does.
  htmlEntities: true,
  isArray: (name) => name === "wd:Worker",
});

interface Request {
  readonly version?: string;
  readonly criteria?: string;
  readonly asOfDate?: string;
  readonly asOfEntry?: string;
  readonly page?: number;
  readonly count?: number;
  readonly group?: string;
}

async function getWorkers(request: Request): Promise<string> {
  const filter = [
    request.asOfDate === undefined ? "" : `<wd:As_Of_Effective_Date>${request.asOfDate}</wd:As_Of_Effective_Date>`,
    `<wd:As_Of_Entry_DateTime>${request.asOfEntry ?? new Date().toISOString()}</wd:As_Of_Entry_DateTime>`,
    `<wd:Page>${request.page ?? 1}</wd:Page><wd:Count>${request.count ?? 100}</wd:Count>`,
  ].join("");
  const body = `<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wd="urn:com.workday/bsvc"><env:Body>
    <wd:Get_Workers_Request wd:version="${request.version ?? "v34.0"}">${request.criteria ?? ""}<wd:Response_Filter>${filter}</wd:Response_Filter>
    ${request.group ?? ""}</wd:Get_Workers_Request></env:Body></env:Envelope>`;
  const response = await fetch(`${sim.url}/ccx/service/acme/Human_Resources`, {
    method: "POST",
    headers: { "content-type": "text/xml; charset=utf-8", authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}` },
    body,
  });
  const text = await response.text();
  expect(response.status, text.slice(0, 500)).toBe(200);
  return text;
}

const FULL_GROUP = `<wd:Response_Group>${[
  "Include_Reference",
  "Include_Personal_Information",
  "Include_Employment_Information",
  "Include_Organizations",
  "Include_Management_Chain_Data",
  "Include_Transaction_Log_Data",
  "Include_User_Account",
  "Include_Account_Provisioning",
]
  .map((name) => `<wd:${name}>1</wd:${name}>`)
  .join("")}</wd:Response_Group>`;

const HIRES = `<wd:Request_Criteria><wd:Transaction_Log_Criteria_Data><wd:Transaction_Type_References>
  <wd:Transaction_Type_Reference><wd:ID wd:type="Business_Process_Type">Hire Employee</wd:ID></wd:Transaction_Type_Reference>
  <wd:Transaction_Type_Reference><wd:ID wd:type="Business_Process_Type">Contract Contingent Worker</wd:ID></wd:Transaction_Type_Reference>
  </wd:Transaction_Type_References></wd:Transaction_Log_Criteria_Data>EXTRA</wd:Request_Criteria>`;

type OrderedNode = Record<string, unknown> & { ":@"?: Record<string, string> };

/** Child element names of the first element named `name` found depth-first. */
function childNamesOf(nodes: OrderedNode[], name: string): string[] | undefined {
  for (const node of nodes) {
    const key = Object.keys(node).find((candidate) => candidate !== ":@")!;
    const children = node[key] as OrderedNode[] | undefined;
    if (key === name) return (children ?? []).map((child) => Object.keys(child).find((candidate) => candidate !== ":@")!);
    if (Array.isArray(children)) {
      const found = childNamesOf(children, name);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Schema order of Worker_Data's children (Human_Resources XSD, Worker_DataType). */
const WORKER_DATA_ORDER = [
  "wd:Worker_ID",
  "wd:User_ID",
  "wd:Universal_ID",
  "wd:Personal_Data",
  "wd:Employment_Data",
  "wd:Organization_Data",
  "wd:Management_Chain_Data",
  "wd:Transaction_Log_Entry_Data",
  "wd:User_Account_Data",
  "wd:Account_Provisioning_Data",
];

describe("Get_Workers response XML", () => {
  it("is one well-formed envelope with every section in schema order and the page's totals", async () => {
    const xml = await getWorkers({ criteria: HIRES.replace("EXTRA", ""), group: FULL_GROUP, count: 50 });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/">')).toBe(true);
    const tree = ordered.parse(xml) as OrderedNode[];
    const dataChildren = childNamesOf(tree, "wd:Worker_Data")!;
    const positions = dataChildren.map((name) => WORKER_DATA_ORDER.indexOf(name));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(dataChildren).toEqual(expect.arrayContaining(["wd:Personal_Data", "wd:Employment_Data", "wd:Organization_Data", "wd:Transaction_Log_Entry_Data"]));
    expect(childNamesOf(tree, "wd:Worker")).toEqual(["wd:Worker_Reference", "wd:Worker_Descriptor", "wd:Worker_Data"]);
    expect(childNamesOf(tree, "wd:Employment_Data")).toEqual(["wd:Worker_Job_Data", "wd:Worker_Status_Data"]);
    expect(childNamesOf(tree, "wd:Business_Site_Summary_Data")).toEqual(["wd:Location_Reference", "wd:Name", "wd:Local_Reference", "wd:Address_Data"]);

    const response = plain.parse(xml)["env:Envelope"]["env:Body"]["wd:Get_Workers_Response"];
    expect(response["@_xmlns:wd"]).toBe("urn:com.workday/bsvc");
    expect(response["wd:Response_Results"]).toEqual({ "wd:Total_Results": "120", "wd:Total_Pages": "3", "wd:Page_Results": "50", "wd:Page": "1" });
    const workers = response["wd:Response_Data"]["wd:Worker"] as Record<string, Record<string, unknown>>[];
    expect(workers).toHaveLength(50);
    // Multi-line attribute values survive (escaped newlines are not normalised to spaces).
    const address = JSON.stringify(workers[0]);
    expect(address).toMatch(/"@_wd:Formatted_Address":"[^"]+\\n[^"]+"/);
    expect(xml).toMatch(/wd:Formatted_Address="[^"]+&#xa;[^"]+"/);
  }, 30_000);

  it("carries names with markup characters and apostrophes intact, in the cached and the fresh parts", async () => {
    const hired = await sim.scenarios.hire({ firstName: `Zoë <"Q&A">`, lastName: "O'Brien & Søn", businessTitle: "R&D <Lead>" });
    const references = `<wd:Request_References><wd:Worker_Reference><wd:ID wd:type="WID">${hired.wid}</wd:ID></wd:Worker_Reference></wd:Request_References>`;
    const text = await getWorkers({ criteria: references, group: FULL_GROUP });
    const worker = plain.parse(text)["env:Envelope"]["env:Body"]["wd:Get_Workers_Response"]["wd:Response_Data"]["wd:Worker"][0];
    expect(worker["wd:Worker_Descriptor"]).toBe(`Zoë <"Q&A"> O'Brien & Søn (${hired.workerId})`);
    const legal = worker["wd:Worker_Data"]["wd:Personal_Data"]["wd:Name_Data"]["wd:Legal_Name_Data"]["wd:Name_Detail_Data"];
    expect(legal["@_wd:Formatted_Name"]).toBe(`Zoë <"Q&A"> O'Brien & Søn`);
    expect(legal["wd:Last_Name"]).toBe("O'Brien & Søn");
    const position = worker["wd:Worker_Data"]["wd:Employment_Data"]["wd:Worker_Job_Data"]["wd:Position_Data"];
    expect(position["wd:Business_Title"]).toBe("R&D <Lead>");
  });

  it("serves the same page byte for byte when its fragments come from the caches", async () => {
    const asOfEntry = new Date().toISOString();
    const first = await getWorkers({ criteria: HIRES.replace("EXTRA", ""), group: FULL_GROUP, page: 2, count: 40, asOfEntry });
    const again = await getWorkers({ criteria: HIRES.replace("EXTRA", ""), group: FULL_GROUP, page: 2, count: 40, asOfEntry });
    expect(again).toBe(first);
    const v21 = await getWorkers({ version: "v21.1", criteria: HIRES.replace("EXTRA", ""), group: FULL_GROUP, page: 2, count: 40, asOfEntry });
    expect(v21).toContain("<wd:Not_Eligible_for_Hire>0</wd:Not_Eligible_for_Hire>");
    expect(v21).not.toContain("Eligible_for_Hire_Reference");
  }, 30_000);
});

describe("Exclude_Inactive_Workers", () => {
  const withExclusion = HIRES.replace("EXTRA", "<wd:Exclude_Inactive_Workers>1</wd:Exclude_Inactive_Workers>");
  const idsOf = (xml: string): string[] => {
    const data = plain.parse(xml)["env:Envelope"]["env:Body"]["wd:Get_Workers_Response"]["wd:Response_Data"];
    const workers = (data === "" ? [] : data["wd:Worker"]) as { "wd:Worker_Data": { "wd:Worker_ID": string } }[];
    return workers.map((worker) => worker["wd:Worker_Data"]["wd:Worker_ID"]);
  };

  it("judges each worker as of the request's effective date: terminated later means still active", async () => {
    const today = tenantToday(Date.now());
    const all = idsOf(await getWorkers({ criteria: HIRES.replace("EXTRA", ""), count: 999 }));
    const target = all[40]!;
    await sim.scenarios.terminate({ workerId: target, lastDayOfWork: addDays(today, 5) });

    const beforeTermination = idsOf(await getWorkers({ criteria: withExclusion, asOfDate: addDays(today, 2), count: 999 }));
    expect(beforeTermination).toContain(target);
    const afterTermination = idsOf(await getWorkers({ criteria: withExclusion, asOfDate: addDays(today, 10), count: 999 }));
    expect(afterTermination).not.toContain(target);
    // Entered after the as-of entry moment: not yet known, so still active even as of a later date.
    const enteredBefore = idsOf(
      await getWorkers({ criteria: withExclusion, asOfDate: addDays(today, 10), asOfEntry: new Date(Date.now() - 60_000).toISOString(), count: 999 }),
    );
    expect(enteredBefore).toContain(target);
    // Workers terminated long ago stay excluded, and exclusion never adds anyone.
    expect(beforeTermination.length).toBeLessThan(all.length);
    expect(beforeTermination.every((id) => all.includes(id))).toBe(true);
  }, 60_000);
});
