import type { Element } from "@xmldom/xmldom";
import { RosterError } from "@roster/engine";
import { describe, expect, it } from "vitest";
import { WORKDAY_V21_CATALOGUE } from "../catalogue/attribute-catalogue.js";
import { WorkdayError } from "../errors/workday-error.js";
import { exampleWorkers } from "../test-support/example-workers.js";
import { lightFromDom } from "../xml/light-dom.js";
import { WD_NS } from "../xml/namespaces.js";
import { WorkerExtractor, type WorkerItem } from "./worker-extractor.js";

/** The example workers are edited with DOM operations, then read as the light tree. */
function extractAll(extractor: WorkerExtractor, workers: Element[]): WorkerItem[] {
  return workers.map(
    (worker, index) =>
      extractor.extract(lightFromDom(worker), { operation: "Get_Workers (full import)", page: 2, index: index + 1 })
        .item,
  );
}

function removeAll(worker: Element, localName: string): void {
  for (const node of Array.from(worker.getElementsByTagNameNS(WD_NS, localName))) node.parentNode!.removeChild(node);
}

function failure(item: WorkerItem | undefined): WorkdayError {
  if (item === undefined || item.ok) throw new Error("expected a failed worker");
  return item.error;
}

describe("WorkerExtractor", () => {
  it("returns WID, WorkerID and every configured attribute", () => {
    const [jo, lee] = extractAll(
      new WorkerExtractor({ FirstName: WORKDAY_V21_CATALOGUE.FirstName!, Active: WORKDAY_V21_CATALOGUE.Active! }),
      exampleWorkers("v21.1"),
    );
    expect(jo).toEqual({
      ok: true,
      worker: {
        wid: "3f9c2d7a1b8e4c6f9a0d5e7b2c4f6a81",
        workerId: "21045",
        workerType: "Employee",
        attributes: { FirstName: "Jordan", Active: "1" },
      },
    });
    expect(lee).toEqual({
      ok: true,
      worker: {
        wid: "b7c9e1f3a5d74b2c8e6f0a4c2e8b6d19",
        workerId: "C-00881",
        workerType: "Contingent_Worker",
        attributes: { FirstName: "Lee", Active: "0" },
      },
    });
  });

  it("leaves the worker type out when the Worker_Reference has no integration ID", () => {
    const [jo] = exampleWorkers("v21.1");
    for (const id of Array.from(jo!.getElementsByTagNameNS(WD_NS, "ID"))) {
      if (id.getAttributeNS(WD_NS, "type") === "Employee_ID") id.parentNode!.removeChild(id);
    }
    const [item] = extractAll(new WorkerExtractor({}), [jo!]);
    expect(item?.ok && item.worker.workerType).toBeUndefined();
    expect(item?.ok && item.worker.workerId).toBe("21045");
  });

  it("evaluates custom XPaths a user adds, including non-path expressions", () => {
    const extractor = new WorkerExtractor({
      HomeEmail:
        "wd:Worker/wd:Worker_Data/wd:Personal_Data/wd:Contact_Data/wd:Email_Address_Data[wd:Usage_Data/wd:Type_Data/wd:Type_Reference/wd:ID[@wd:type='Communication_Usage_Type_ID']='HOME']/wd:Email_Address/text()",
      PhoneCount: "count(wd:Worker/wd:Worker_Data/wd:Personal_Data/wd:Contact_Data/wd:Phone_Data)",
      IsOnLeave:
        "boolean(wd:Worker/wd:Worker_Data/wd:Employment_Data/wd:Worker_Status_Data/wd:Leave_Status_Data[wd:On_Leave='1'])",
      Phones: "wd:Worker/wd:Worker_Data/wd:Personal_Data/wd:Contact_Data/wd:Phone_Data/wd:Phone_Number/text()",
      Initials:
        "concat(substring(wd:Worker/wd:Worker_Data/wd:Personal_Data/wd:Name_Data/wd:Legal_Name_Data/wd:Name_Detail_Data/wd:First_Name, 1, 1), substring(wd:Worker/wd:Worker_Data/wd:Personal_Data/wd:Name_Data/wd:Legal_Name_Data/wd:Name_Detail_Data/wd:Last_Name, 1, 1))",
    });
    const [jo, lee] = extractAll(extractor, exampleWorkers("v21.1"));
    expect(jo).toMatchObject({
      ok: true,
      worker: {
        attributes: {
          HomeEmail: "jo.rivera@personal.example",
          PhoneCount: "3",
          IsOnLeave: "true",
          Phones: "555-0142",
          Initials: "JR",
        },
      },
    });
    expect(lee).toMatchObject({
      ok: true,
      worker: { attributes: { HomeEmail: null, PhoneCount: "0", IsOnLeave: "false", Phones: null, Initials: "LC" } },
    });
  });

  it("reads attributes single-valued (first node in document order) unless defined multi-valued", () => {
    const phones = "wd:Worker/wd:Worker_Data/wd:Personal_Data/wd:Contact_Data/wd:Phone_Data/wd:Phone_Number/text()";
    const extractor = new WorkerExtractor({
      FirstPhone: phones,
      AllPhones: { xpath: phones, multiValued: true },
      ExplicitSingle: { xpath: phones, multiValued: false },
      PhoneCount: {
        xpath: "count(wd:Worker/wd:Worker_Data/wd:Personal_Data/wd:Contact_Data/wd:Phone_Data)",
        multiValued: true,
      },
      ManagerWids: {
        xpath:
          "wd:Worker/wd:Worker_Data/wd:Management_Chain_Data/wd:Worker_Supervisory_Management_Chain_Data/wd:Management_Chain_Data/wd:Manager_Reference/wd:ID[@wd:type='WID']/text()",
        multiValued: true,
      },
    });
    const [jo, lee] = extractAll(extractor, exampleWorkers("v21.1"));
    expect(jo).toMatchObject({
      ok: true,
      worker: {
        attributes: {
          FirstPhone: "555-0142",
          AllPhones: ["555-0142", "555-0199", "555-0150"],
          ExplicitSingle: "555-0142",
          PhoneCount: ["3"],
        },
      },
    });
    const managers = jo!.ok ? jo!.worker.attributes.ManagerWids : null;
    // The chain lists the top of the organization first and the immediate manager last.
    expect(Array.isArray(managers) && managers.at(-1)).toBe("8a1e4c2b6d9f4e0a8c3b5d7f9e1a2c4b");
    expect(lee).toMatchObject({
      ok: true,
      worker: { attributes: { FirstPhone: null, AllPhones: null, ExplicitSingle: null, PhoneCount: ["0"] } },
    });
  });

  it("reports an XPath that fails on a worker with the worker, the attribute and the XPath", () => {
    const xpath = "wd:Worker/wd:Worker_Data/hr:Custom_Field/text()";
    const [jo, lee] = extractAll(
      new WorkerExtractor({ FirstName: WORKDAY_V21_CATALOGUE.FirstName!, CustomField: xpath }),
      exampleWorkers("v21.1"),
    );
    const error = failure(jo);
    expect(error).toBeInstanceOf(WorkdayError);
    expect(error.kind).toBe("data");
    expect(error.code).toBe("ExpressionEvaluationFailed");
    expect(error.message).toContain("Worker #1 on page 2");
    expect(error.message).toContain("WID 3f9c2d7a1b8e4c6f9a0d5e7b2c4f6a81");
    expect(error.message).toContain('attribute "CustomField"');
    expect(error.message).toContain(xpath);
    expect(error.details).toMatchObject({
      page: 2,
      workerIndex: 1,
      wid: "3f9c2d7a1b8e4c6f9a0d5e7b2c4f6a81",
      workerId: "21045",
      attribute: "CustomField",
      xpath,
    });
    expect(failure(lee).details).toMatchObject({ workerIndex: 2, workerId: "C-00881" });
  });

  it("fails a malformed worker alone and still reads the next one", () => {
    const workers = exampleWorkers("v21.1");
    removeAll(workers[0]!, "Worker_Reference");
    const [broken, lee] = extractAll(new WorkerExtractor(WORKDAY_V21_CATALOGUE), workers);
    const error = failure(broken);
    expect(error.code).toBe("MissingValues");
    expect(error.message).toContain("Worker #1 on page 2");
    expect(error.message).toContain("has no WID");
    expect(error.details).toMatchObject({ attribute: "WID", workerIndex: 1 });
    expect(lee).toMatchObject({ ok: true, worker: { workerId: "C-00881" } });
  });

  it("fails a worker with two WIDs", () => {
    const workers = exampleWorkers("v21.1");
    const reference = workers[0]!.getElementsByTagNameNS(WD_NS, "Worker_Reference")[0]!;
    reference.appendChild(reference.getElementsByTagNameNS(WD_NS, "ID")[0]!.cloneNode(true));
    const error = failure(extractAll(new WorkerExtractor({}), workers)[0]);
    expect(error.message).toContain("has 2 values where one is expected");
  });

  it("fails a worker without Worker_ID (the default matching key) and names it by WID", () => {
    const workers = exampleWorkers("v21.1");
    removeAll(workers[1]!, "Worker_ID");
    const [jo, lee] = extractAll(new WorkerExtractor(WORKDAY_V21_CATALOGUE), workers);
    expect(jo!.ok).toBe(true);
    const error = failure(lee);
    expect(error.code).toBe("ImportSkipped");
    expect(error.message).toContain("WID b7c9e1f3a5d74b2c8e6f0a4c2e8b6d19");
    expect(error.message).toContain("has no WorkerID");
  });

  it("fails a worker that lacks a required attribute, naming the attribute and XPath", () => {
    const extractor = new WorkerExtractor({ EmployeeID: WORKDAY_V21_CATALOGUE.EmployeeID! }, ["EmployeeID"]);
    const [jo, lee] = extractAll(extractor, exampleWorkers("v21.1"));
    expect(jo).toMatchObject({ ok: true, worker: { attributes: { EmployeeID: "21045" } } });
    const error = failure(lee);
    expect(error.code).toBe("ImportSkipped");
    expect(error.message).toContain('required attribute "EmployeeID"');
    expect(error.details).toMatchObject({
      attribute: "EmployeeID",
      xpath: WORKDAY_V21_CATALOGUE.EmployeeID,
      workerId: "C-00881",
    });
  });

  it("treats an attribute XPath that does not parse as a configuration error naming the attribute", () => {
    const attempt = () => new WorkerExtractor({ Broken: "wd:Worker/wd:Worker_Data[" });
    expect(attempt).toThrow(RosterError);
    expect(attempt).toThrow(/attribute "Broken".*wd:Worker\/wd:Worker_Data\[/);
  });

  it("matches element names case-sensitively (the library's HTML mode is off)", () => {
    const [jo] = extractAll(
      new WorkerExtractor({ Misspelt: "wd:Worker/wd:Worker_Data/wd:worker_id/text()" }),
      exampleWorkers("v21.1"),
    );
    expect(jo).toMatchObject({ ok: true, worker: { attributes: { Misspelt: null } } });
  });
});
