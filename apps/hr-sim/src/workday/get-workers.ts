/**
 * Get_Workers: turns the request into a store query (references, transaction-log windows and
 * types, exclusions), pages it with Page/Count and renders the page in the requested WWS shape.
 * Workday paging is by page number, so the position where each page ends is remembered per
 * query: page N+1 then continues with a keyset seek instead of an OFFSET scan.
 */
import { z } from "zod";
import { versionAsOf, type AsOfView } from "../model/as-of.js";
import { parseXsMoment, tenantToday } from "../model/tenant-time.js";
import type { HrSimStore, ReferenceType, WorkerQuery } from "../store/worker-store.js";
import { renderWorker, type ShapeVersion } from "./worker-xml.js";
import {
  WD_NS,
  attributeOf,
  childText,
  isTrue,
  listAt,
  objectAt,
  SOAP_ENV_NS,
  SoapFaultError,
  type XmlObject,
} from "./soap-message.js";
import { PAGE_BUILDER, preserialised, XML_DECLARATION } from "./xml-builders.js";

/** Workday's default when Response_Group is omitted. */
const DEFAULT_FLAGS = [
  "Include_Reference",
  "Include_Personal_Information",
  "Include_Employment_Information",
  "Include_Compensation",
  "Include_Organizations",
  "Include_Roles",
];

const REFERENCE_TYPES = new Set<ReferenceType>(["WID", "Employee_ID", "Contingent_Worker_ID"]);

const pagingSchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  count: z.coerce.number().int().min(1).max(999).default(100),
});

export interface ParsedGetWorkers {
  readonly version: string;
  readonly shape: ShapeVersion;
  readonly query: WorkerQuery;
  readonly view: AsOfView;
  readonly page: number;
  readonly count: number;
  readonly flags: ReadonlySet<string>;
  readonly filterEcho: XmlObject;
  /** The request gave As_Of_Entry_DateTime (its view does not move with the clock). */
  readonly entryMomentPinned: boolean;
}

function shapeOf(version: string): ShapeVersion {
  const major = Number(/^v(\d+)/.exec(version)?.[1] ?? "21");
  return major >= 30 ? "v30+" : "v21.1";
}

function moment(text: string | undefined, field: string): { date: string; instant: number } | undefined {
  if (text === undefined || text === "") return undefined;
  const parsed = parseXsMoment(text);
  if (parsed === undefined) {
    throw new SoapFaultError("validationError", `Invalid date value '${text}' for ${field}`, [
      { message: `'${text}' is not a valid xs:date / xs:dateTime`, xpath: `/Get_Workers_Request/${field}` },
    ]);
  }
  return parsed;
}

const iso = (value: { instant: number } | undefined): string | undefined =>
  value === undefined ? undefined : new Date(value.instant).toISOString();

export function parseGetWorkers(payload: XmlObject, urlVersion: string | undefined, now: number): ParsedGetWorkers {
  const version = attributeOf(payload, "version") ?? urlVersion ?? "v21.1";
  const filter = objectAt(payload, "Response_Filter");
  const paging = pagingSchema.safeParse({ page: childText(filter, "Page") || undefined, count: childText(filter, "Count") || undefined });
  if (!paging.success) {
    const issue = paging.error.issues[0]!;
    throw new SoapFaultError("validationError", `Response_Filter/${issue.path.join(".") === "page" ? "Page" : "Count"}: ${issue.message}`);
  }
  const asOfEffective = moment(childText(filter, "As_Of_Effective_Date"), "Response_Filter/As_Of_Effective_Date");
  const asOfEntry = moment(childText(filter, "As_Of_Entry_DateTime"), "Response_Filter/As_Of_Entry_DateTime");
  const view: AsOfView = {
    effectiveDate: asOfEffective?.date ?? tenantToday(now),
    entryMoment: asOfEntry?.instant ?? now,
  };

  const referencesElement = objectAt(payload, "Request_References");
  const criteria = objectAt(payload, "Request_Criteria");
  let query: WorkerQuery = {};
  if (referencesElement !== undefined) {
    const references = listAt(referencesElement, "Worker_Reference").flatMap((reference) =>
      listAt(reference, "ID").map((entry) => ({ type: attributeOf(entry, "type") ?? "", id: childText(entry, "#text") ?? "" })),
    );
    const invalid = references.find((reference) => !REFERENCE_TYPES.has(reference.type as ReferenceType));
    if (invalid !== undefined) {
      throw new SoapFaultError("validationError", `Invalid ID type '${invalid.type}' for Worker_Reference`, [
        { message: `'${invalid.type}' is not a valid ID type for Worker_Reference`, xpath: "/Get_Workers_Request/Request_References" },
      ]);
    }
    query = { references: references.map((reference) => ({ type: reference.type as ReferenceType, id: reference.id })) };
  } else if (criteria !== undefined) {
    const logCriteria = listAt(criteria, "Transaction_Log_Criteria_Data")[0];
    const range = objectAt(logCriteria, "Transaction_Date_Range_Data");
    const types = listAt(objectAt(logCriteria, "Transaction_Type_References"), "Transaction_Type_Reference")
      .flatMap((reference) => listAt(reference, "ID"))
      .map((entry) => childText(entry, "#text") ?? "")
      .filter((type) => type !== "");
    const updatedFrom = iso(moment(childText(range, "Updated_From"), "Updated_From"));
    const updatedThrough = iso(moment(childText(range, "Updated_Through"), "Updated_Through"));
    const effectiveFrom = iso(moment(childText(range, "Effective_From"), "Effective_From"));
    const effectiveThrough = iso(moment(childText(range, "Effective_Through"), "Effective_Through"));
    const transactionLog = {
      ...(updatedFrom === undefined ? {} : { updatedFrom }),
      ...(updatedThrough === undefined ? {} : { updatedThrough }),
      ...(effectiveFrom === undefined ? {} : { effectiveFrom }),
      ...(effectiveThrough === undefined ? {} : { effectiveThrough }),
      ...(types.length === 0 ? {} : { types }),
    };
    const excludeInactive = isTrue(childText(criteria, "Exclude_Inactive_Workers"));
    query = {
      ...(logCriteria === undefined ? {} : { transactionLog, enteredBy: new Date(view.entryMoment).toISOString() }),
      excludeInactive,
      // "Inactive" as of the response's as-of moments, not in the worker's latest version.
      ...(excludeInactive ? { activeAsOf: { effectiveDate: view.effectiveDate, enteredBy: new Date(view.entryMoment).toISOString() } } : {}),
      excludeEmployees: isTrue(childText(criteria, "Exclude_Employees")),
      excludeContingent: isTrue(childText(criteria, "Exclude_Contingent_Workers")),
    };
  }

  const group = objectAt(payload, "Response_Group");
  const flags = new Set<string>();
  if (group === undefined) for (const name of DEFAULT_FLAGS) flags.add(name);
  else for (const [name, value] of Object.entries(group)) if (!name.startsWith("@_") && isTrue(textOf(value))) flags.add(name);

  const filterEcho: Record<string, unknown> = {};
  if (asOfEffective !== undefined) filterEcho["wd:As_Of_Effective_Date"] = childText(filter, "As_Of_Effective_Date");
  if (asOfEntry !== undefined) filterEcho["wd:As_Of_Entry_DateTime"] = childText(filter, "As_Of_Entry_DateTime");
  filterEcho["wd:Page"] = String(paging.data.page);
  filterEcho["wd:Count"] = String(paging.data.count);
  return {
    version,
    shape: shapeOf(version),
    query,
    view,
    page: paging.data.page,
    count: paging.data.count,
    flags,
    filterEcho,
    entryMomentPinned: asOfEntry !== undefined,
  };
}

function textOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : typeof value === "object" && value !== null ? String((value as XmlObject)["#text"] ?? "") : undefined;
}

export interface CursorEntry {
  total: number;
  /** page number → seq of its last worker. */
  readonly ends: Map<number, number>;
  /**
   * The request's As_Of_Entry_DateTime (epoch ms) when it gave one: a change entered after it is
   * invisible to the query, so the count and page boundaries stay right. Undefined: "now".
   */
  readonly pinnedEntryMoment?: number;
}

/** Remembers page boundaries of recent queries (bounded; oldest forgotten first). */
export class PageCursorCache {
  private readonly entries = new Map<string, CursorEntry>();
  constructor(private readonly capacity = 256) {}

  get(key: string): CursorEntry | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CursorEntry): void {
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /**
   * Forgets what a change entered at `enteredAt` (ISO; undefined: any time, e.g. a reseed) may
   * have changed. Paged imports pin As_Of_Entry_DateTime, so writebacks during an import (entered
   * later) keep its cursor: otherwise every page after one would count and OFFSET-scan again.
   */
  invalidate(enteredAt?: string): void {
    const moment = enteredAt === undefined ? Number.NEGATIVE_INFINITY : Date.parse(enteredAt);
    for (const [key, entry] of this.entries) {
      if (entry.pinnedEntryMoment === undefined || Number.isNaN(moment) || entry.pinnedEntryMoment >= moment) this.entries.delete(key);
    }
  }
}

export interface MalformedRecordFault {
  /** Fraction of workers rendered without Worker_ID. */
  readonly missingWorkerIdRate: number;
  /** Fraction of workers whose Business_Title is replaced by an oversize value. */
  readonly oversizeRate: number;
}

export async function getWorkersResponse(
  store: HrSimStore,
  request: ParsedGetWorkers,
  cursors: PageCursorCache,
  malformed?: MalformedRecordFault,
): Promise<string> {
  const key = `${JSON.stringify(request.query)}|${request.count}`;
  let entry = cursors.get(key);
  if (entry === undefined) {
    entry = {
      total: await store.countMatching(request.query),
      ends: new Map(),
      ...(request.entryMomentPinned ? { pinnedEntryMoment: request.view.entryMoment } : {}),
    };
    cursors.set(key, entry);
  }
  const totalPages = Math.ceil(entry.total / request.count);
  const previousEnd =
    request.page === 1 ? 0 : (entry.ends.get(request.page - 1) ?? (await store.seqBefore(request.query, (request.page - 1) * request.count)));
  const records = request.page > totalPages ? [] : await store.queryWorkers(request.query, previousEnd, request.count);
  const last = records[records.length - 1];
  if (last !== undefined) entry.ends.set(request.page, last.seq);

  const transactions = request.flags.has("Include_Transaction_Log_Data")
    ? await store.transactionsOf(
        records.map((record) => record.seq),
        new Date(request.view.entryMoment).toISOString(),
      )
    : undefined;
  const workers: string[] = [];
  for (const record of records) {
    const version = versionAsOf(record, request.view);
    if (version === undefined) continue;
    const malformation = malformed === undefined ? undefined : malformationOf(record.seq, malformed);
    workers.push(
      renderWorker(record, version.state, version.effectiveDate, {
        shape: request.shape,
        flags: request.flags,
        ...(transactions === undefined ? {} : { transactions: transactions.get(record.seq) ?? [] }),
        ...(malformation === undefined ? {} : { malformation }),
      }),
    );
  }
  const response: Record<string, unknown> = {
    "@_xmlns:wd": WD_NS,
    "@_wd:version": request.version,
    "wd:Response_Filter": request.filterEcho,
    "wd:Response_Results": {
      "wd:Total_Results": String(entry.total),
      "wd:Total_Pages": String(totalPages),
      "wd:Page_Results": String(workers.length),
      "wd:Page": String(request.page),
    },
    "wd:Response_Data": preserialised(workers.join("")),
  };
  return PAGE_BUILDER.build({
    ...XML_DECLARATION,
    "env:Envelope": { "@_xmlns:env": SOAP_ENV_NS, "env:Body": { "wd:Get_Workers_Response": response } },
  }) as string;
}

/** Deterministic per worker (by seq), so a retried page is broken the same way. */
function malformationOf(seq: number, fault: MalformedRecordFault): "missingWorkerId" | "oversize" | undefined {
  const roll = ((seq * 2654435761) >>> 0) / 4294967296;
  if (roll < fault.missingWorkerIdRate) return "missingWorkerId";
  if (roll < fault.missingWorkerIdRate + fault.oversizeRate) return "oversize";
  return undefined;
}
