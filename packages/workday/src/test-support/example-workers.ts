/**
 * Test data built from the spec's example Get_Workers_Response: the v21.1 document as published,
 * its v30+ variant (the documented deltas applied with DOM operations), numbered copies of the
 * example workers for paging, and serialisation of a response page around chosen workers.
 */
import { DOMParser, XMLSerializer, type Document, type Element } from "@xmldom/xmldom";
import * as xpath from "xpath";
import { WD_NS } from "../xml/namespaces.js";
import { V21_EXAMPLE_RESPONSE } from "./v21-example-response.js";

export type ExampleShape = "v21.1" | "v30+";

const NAMESPACES = { wd: WD_NS };
type Selector = { select(options: object): Element[] };
const compiled = new Map<string, Selector>();
function select(expression: string, node: unknown): Element[] {
  let selector = compiled.get(expression);
  if (selector === undefined) {
    selector = (xpath as unknown as { parse(e: string): Selector }).parse(expression);
    compiled.set(expression, selector);
  }
  return selector.select({ node, namespaces: NAMESPACES, isHtml: false });
}
const selectOne = (expression: string, node: unknown): Element | undefined => select(expression, node)[0];

function element(document: Document, name: string, text?: string, attributes: Record<string, string> = {}): Element {
  const created = document.createElementNS(WD_NS, `wd:${name}`);
  for (const [attribute, value] of Object.entries(attributes)) created.setAttributeNS(WD_NS, `wd:${attribute}`, value);
  if (text !== undefined) created.appendChild(document.createTextNode(text));
  return created;
}

function replaceText(target: Element, text: string): void {
  while (target.firstChild) target.removeChild(target.firstChild);
  target.appendChild(target.ownerDocument!.createTextNode(text));
}

function insertAfter(reference: Element, node: Element): void {
  reference.parentNode!.insertBefore(node, reference.nextSibling);
}

function yesReference(document: Document, name: string): Element {
  const reference = element(document, name, undefined, { Descriptor: "Yes" });
  reference.appendChild(element(document, "ID", "7d1a4c9e2b5f4e8a9c0d3b6f1e4a7c25", { type: "WID" }));
  return reference;
}

/** Applies the v30+ deltas of spec §1.5 to a parsed v21.1 example document. */
function toV30(document: Document): void {
  selectOne("//wd:Get_Workers_Response", document)!.setAttributeNS(WD_NS, "wd:version", "v30.0");
  const [first] = select("//wd:Worker", document);

  // 1. Universal_ID after User_ID (worker 1, as in the spec).
  insertAfter(selectOne("wd:Worker_Data/wd:User_ID", first)!, element(document, "Universal_ID", "UID-000021045"));

  // 2. Phone_Data: the formatted-phone attribute family replaces @Formatted_Phone and Area_Code.
  for (const phone of select("//wd:Phone_Data", document)) {
    const formatted = phone.getAttributeNS(WD_NS, "Formatted_Phone") ?? "";
    const areaElement = selectOne("wd:Area_Code", phone)!;
    const area = areaElement.textContent!;
    const number = selectOne("wd:Phone_Number", phone)!.textContent!;
    const international = selectOne("wd:International_Phone_Code", phone)!.textContent!;
    phone.removeAttributeNS(WD_NS, "Formatted_Phone");
    phone.removeChild(areaElement);
    const attributes: Record<string, string> = {
      Area_Code: area,
      Phone_Number_Without_Area_Code: number,
      E164_Formatted_Phone: `+${international}${area}${number.replace(/\D/g, "")}`,
      Workday_Traditional_Formatted_Phone: formatted,
      National_Formatted_Phone: `(${area}) ${number}`,
      International_Formatted_Phone: `+${international} ${area}-${number}`,
      Tenant_Formatted_Phone: formatted,
    };
    for (const [name, value] of Object.entries(attributes)) phone.setAttributeNS(WD_NS, `wd:${name}`, value);
  }

  // 3. Position_Data moves under the primary Worker_Job_Data.
  for (const position of select("//wd:Employment_Data/wd:Position_Data", document)) {
    const job = element(document, "Worker_Job_Data", undefined, { Primary_Job: "1" });
    position.parentNode!.replaceChild(job, position);
    job.appendChild(position);
  }

  // 4. v31.2 replaced the Not_Eligible_* booleans by Yes/No references.
  for (const [old, replacement] of [
    ["Not_Eligible_for_Hire", "Eligible_for_Hire_Reference"],
    ["Not_Eligible_for_Rehire", "Eligible_for_Rehire_on_Latest_Termination_Reference"],
  ] as const) {
    for (const flag of select(`//wd:Worker_Status_Data/wd:${old}`, document)) {
      flag.parentNode!.replaceChild(yesReference(document, replacement), flag);
    }
  }

  // 5. A location hierarchy (returned when a mapping names LOCATION_HIERARCHY).
  const organizations = selectOne("wd:Worker_Data/wd:Organization_Data", first)!;
  const hierarchy = element(document, "Worker_Organization_Data");
  const reference = element(document, "Organization_Reference", undefined, { Descriptor: "North America - West" });
  reference.appendChild(element(document, "ID", "LH_NA_WEST", { type: "Organization_Reference_ID" }));
  const data = element(document, "Organization_Data");
  data.appendChild(element(document, "Organization_Reference_ID", "LH_NA_WEST"));
  data.appendChild(element(document, "Organization_Name", "North America - West"));
  const type = element(document, "Organization_Type_Reference", undefined, { Descriptor: "Location Hierarchy" });
  type.appendChild(element(document, "ID", "LOCATION_HIERARCHY", { type: "Organization_Type_ID" }));
  data.appendChild(type);
  hierarchy.appendChild(reference);
  hierarchy.appendChild(data);
  organizations.appendChild(hierarchy);

  // 6. User account and provisioning groups (Include_User_Account / Include_Account_Provisioning).
  const workerData = selectOne("wd:Worker_Data", first)!;
  const account = element(document, "User_Account_Data");
  account.appendChild(element(document, "User_Name", "jo.rivera@contoso.example"));
  workerData.appendChild(account);
  const provisioning = element(document, "Account_Provisioning_Data");
  const assignment = element(document, "Provisioning_Group_Assignment_Data");
  assignment.appendChild(element(document, "Provisioning_Group", "Standard Employees"));
  assignment.appendChild(element(document, "Status", "Assigned"));
  assignment.appendChild(element(document, "Last_Changed", "2021-03-01T10:02:11.000-08:00"));
  provisioning.appendChild(assignment);
  workerData.appendChild(provisioning);
}

/** A freshly parsed example response document in the requested shape. */
export function exampleDocument(shape: ExampleShape): Document {
  const document = new DOMParser().parseFromString(V21_EXAMPLE_RESPONSE, "text/xml");
  if (shape === "v30+") toV30(document);
  return document;
}

export function exampleResponseXml(shape: ExampleShape): string {
  return new XMLSerializer().serializeToString(exampleDocument(shape));
}

/** The two example workers (Jo Rivera 21045, Lee Chen C-00881). */
export function exampleWorkers(shape: ExampleShape): Element[] {
  return select("//wd:Response_Data/wd:Worker", exampleDocument(shape));
}

/** A copy of `template` with WID, Employee/Contingent_Worker ID and Worker_ID made unique by `n`. */
export function numberedWorker(template: Element, n: number): Element {
  const worker = template.cloneNode(true) as Element;
  const setText = (target: Element | undefined, text: string) => target && replaceText(target, text);
  const workerId = `W${String(n).padStart(6, "0")}`;
  setText(selectOne("wd:Worker_Reference/wd:ID[@wd:type='WID']", worker), `wid${String(n).padStart(29, "0")}`);
  setText(
    selectOne("wd:Worker_Reference/wd:ID[@wd:type='Employee_ID' or @wd:type='Contingent_Worker_ID']", worker),
    workerId,
  );
  setText(selectOne("wd:Worker_Data/wd:Worker_ID", worker), workerId);
  return worker;
}

export interface PageCounters {
  readonly page: number;
  readonly totalPages: number;
  readonly totalResults: number;
}

/** A Get_Workers_Response envelope carrying `workers` and the given Response_Results. */
export function getWorkersResponseXml(
  workers: readonly Element[],
  counters: PageCounters,
  shape: ExampleShape = "v21.1",
): string {
  const document = exampleDocument(shape);
  const data = selectOne("//wd:Response_Data", document)!;
  for (const worker of select("wd:Worker", data)) data.removeChild(worker);
  for (const worker of workers) data.appendChild(document.importNode(worker, true));
  const results = selectOne("//wd:Response_Results", document)!;
  const set = (name: string, value: number) => replaceText(selectOne(`wd:${name}`, results)!, String(value));
  set("Total_Results", counters.totalResults);
  set("Total_Pages", counters.totalPages);
  set("Page_Results", workers.length);
  set("Page", counters.page);
  return new XMLSerializer().serializeToString(document);
}
