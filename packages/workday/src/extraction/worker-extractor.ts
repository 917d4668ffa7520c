/**
 * Turns one `wd:Worker` element into `{ wid, workerId, attributes }`, or into an error that names
 * the worker (page, position, WID/WorkerID when known) and the attribute and XPath at fault. A
 * failure never affects the other workers of the page.
 *
 * The worker is a light-tree element (xml/light-tree.ts). The catalogue's XPaths start at
 * Response_Data (`wd:Worker/…`) and must see this worker only: the plan evaluates them with a
 * Response_Data holding just this worker as the context node (light-plan.ts).
 *
 * Attributes are single-valued (first selected node in document order, as Entra reads them)
 * unless defined `{ xpath, multiValued: true }`: then every selected node's value, as a list.
 */
import { RosterError } from "@roster/engine";
import { isMultiValued, xpathOf, type AttributeDefinitions } from "../catalogue/attribute-catalogue.js";
import { WorkdayError } from "../errors/workday-error.js";
import type { WorkerType } from "../client/writeback-input.js";
import type { LightElement } from "../xml/light-tree.js";
import { CompiledXPath, type XPathValue } from "./compiled-xpath.js";
import { LightPlan, type LightScope } from "./light-plan.js";

export const WID_XPATH = "wd:Worker/wd:Worker_Reference/wd:ID[@wd:type='WID']/text()";
export const WORKER_ID_XPATH = "wd:Worker/wd:Worker_Data/wd:Worker_ID/text()";
export const HIRE_DATE_XPATH = "wd:Worker/wd:Worker_Data/wd:Employment_Data/wd:Worker_Status_Data/wd:Hire_Date/text()";
/** Which integration ID the worker has tells employees from contingent workers (writebacks need it). */
export const EMPLOYEE_ID_XPATH = "wd:Worker/wd:Worker_Reference/wd:ID[@wd:type='Employee_ID']/text()";
export const CONTINGENT_WORKER_ID_XPATH = "wd:Worker/wd:Worker_Reference/wd:ID[@wd:type='Contingent_Worker_ID']/text()";

const WID_INDEX = 0;
const WORKER_ID_INDEX = 1;
const HIRE_DATE_INDEX = 2;
const EMPLOYEE_ID_INDEX = 3;
const CONTINGENT_WORKER_ID_INDEX = 4;
const FIRST_ATTRIBUTE_INDEX = 5;

export interface WorkdayWorker {
  /** Workday ID: the source anchor. */
  readonly wid: string;
  /** Worker_ID (Employee_ID or Contingent_Worker_ID value): the default matching key. */
  readonly workerId: string;
  /**
   * From the Worker_Reference's integration ID (Employee_ID or Contingent_Worker_ID); absent when
   * it has neither. Lets a writeback name the worker without looking it up first.
   */
  readonly workerType?: WorkerType;
  /**
   * Every configured attribute; null when its XPath selects nothing. Single-valued attributes are
   * strings, multi-valued ones lists (in document order).
   */
  readonly attributes: Readonly<Record<string, XPathValue>>;
}

export type WorkerItem =
  | { readonly ok: true; readonly worker: WorkdayWorker }
  | { readonly ok: false; readonly error: WorkdayError };

/** Where a worker sits in the responses, for error messages. */
export interface WorkerPosition {
  readonly operation: string;
  readonly page: number;
  /** 1-based position within the page. */
  readonly index: number;
}

export interface ExtractionResult {
  readonly item: WorkerItem;
  /** Worker_Status_Data/Hire_Date as sent (e.g. "2024-07-01-07:00"), for the future-hire lookup. */
  readonly hireDate: string | undefined;
}

export class WorkerExtractor {
  private readonly plan: LightPlan;
  private readonly names: readonly string[];
  private readonly multiValued: readonly boolean[];
  private readonly required: readonly boolean[];

  /** Compiles the attribute list; an XPath that does not parse is a configuration error naming it. */
  constructor(attributes: AttributeDefinitions, requiredAttributes: readonly string[] = []) {
    this.names = Object.keys(attributes);
    const xpaths = this.names.map((name) => xpathOf(attributes[name]!));
    this.names.forEach((name, index) => {
      try {
        new CompiledXPath(xpaths[index]!);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new RosterError(
          "InvalidConfiguration",
          `Workday attribute "${name}" has an XPath that does not parse: ${reason} (XPath ${xpaths[index]!})`,
          { attribute: name, xpath: xpaths[index]! },
        );
      }
    });
    this.plan = new LightPlan([WID_XPATH, WORKER_ID_XPATH, HIRE_DATE_XPATH, EMPLOYEE_ID_XPATH, CONTINGENT_WORKER_ID_XPATH, ...xpaths]);
    this.multiValued = this.names.map((name) => isMultiValued(attributes[name]!));
    const required = new Set(requiredAttributes);
    this.required = this.names.map((name) => required.has(name));
  }

  /** XPaths of the configuration that the light evaluator leaves to the xpath library. */
  get librarySources(): readonly string[] {
    return this.plan.librarySources;
  }

  extract(worker: LightElement, position: WorkerPosition): ExtractionResult {
    return this.extractFrom(this.plan.scope(worker), position);
  }

  private extractFrom(scope: LightScope, position: WorkerPosition): ExtractionResult {
    const identity: { wid?: string; workerId?: string } = {};
    const fail = (
      code: "MissingValues" | "ImportSkipped" | "ExpressionEvaluationFailed",
      problem: string,
      extra: Record<string, unknown>,
    ) => ({
      item: {
        ok: false as const,
        error: new WorkdayError(
          "data",
          code,
          `${describeWorker(position, identity)}${problem.startsWith(":") ? "" : " "}${problem}`,
          {
            operation: position.operation,
            page: position.page,
            workerIndex: position.index,
            ...identity,
            ...extra,
          },
        ),
      },
      hireDate: undefined,
    });

    const wid = this.single(scope, WID_INDEX);
    if (wid.error !== undefined)
      return fail("ExpressionEvaluationFailed", wid.error, { attribute: "WID", xpath: WID_XPATH });
    if (wid.value === undefined || wid.value === "") {
      return fail("MissingValues", `has no WID (${WID_XPATH})`, { attribute: "WID", xpath: WID_XPATH });
    }
    identity.wid = wid.value;

    const workerId = this.single(scope, WORKER_ID_INDEX);
    if (workerId.error !== undefined)
      return fail("ExpressionEvaluationFailed", workerId.error, { attribute: "WorkerID", xpath: WORKER_ID_XPATH });
    if (workerId.value === undefined || workerId.value === "") {
      return fail("ImportSkipped", `has no WorkerID (${WORKER_ID_XPATH})`, {
        attribute: "WorkerID",
        xpath: WORKER_ID_XPATH,
      });
    }
    identity.workerId = workerId.value;

    const attributes: Record<string, XPathValue> = {};
    for (let i = 0; i < this.names.length; i++) {
      const name = this.names[i]!;
      const xpath = this.plan.source(FIRST_ATTRIBUTE_INDEX + i);
      let value: XPathValue;
      try {
        value = this.multiValued[i]
          ? asList(scope.values(FIRST_ATTRIBUTE_INDEX + i))
          : scope.first(FIRST_ATTRIBUTE_INDEX + i);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return fail(
          "ExpressionEvaluationFailed",
          `: attribute "${name}" could not be read: ${reason} (XPath ${xpath})`,
          {
            attribute: name,
            xpath,
          },
        );
      }
      if ((value === null || value === "") && this.required[i]) {
        return fail("ImportSkipped", `has no value for required attribute "${name}" (XPath ${xpath})`, {
          attribute: name,
          xpath,
        });
      }
      attributes[name] = detached(value);
    }

    let hireDate: string | undefined;
    try {
      hireDate = scope.first(HIRE_DATE_INDEX) ?? undefined;
    } catch {
      hireDate = undefined;
    }
    const workerType = this.workerTypeOf(scope);
    return {
      item: {
        ok: true,
        worker: { wid: detachedString(wid.value), workerId: detachedString(workerId.value), ...(workerType === undefined ? {} : { workerType }), attributes },
      },
      hireDate,
    };
  }

  private workerTypeOf(scope: LightScope): WorkerType | undefined {
    try {
      if (scope.first(EMPLOYEE_ID_INDEX)) return "Employee";
      if (scope.first(CONTINGENT_WORKER_ID_INDEX)) return "Contingent_Worker";
    } catch {
      // Not knowing the type only costs a lookup at writeback time.
    }
    return undefined;
  }

  /** A value that must occur at most once: its text, undefined when absent, or an error text. */
  private single(scope: LightScope, index: number): { value?: string; error?: string } {
    let value: XPathValue;
    try {
      value = scope.evaluate(index);
    } catch (error) {
      return {
        error: `: ${error instanceof Error ? error.message : String(error)} (XPath ${this.plan.source(index)})`,
      };
    }
    if (value === null) return {};
    if (typeof value !== "string") {
      return { error: `has ${value.length} values where one is expected (XPath ${this.plan.source(index)})` };
    }
    return { value: value.trim() };
  }
}

/**
 * A copy of `text` that does not point into the page. The parser's strings are V8 "sliced strings"
 * of the whole response (megabytes); one value kept for the cycle (an anchor in a set, a name
 * reserved for uniqueness, a manager ID waiting for its target) would keep its page alive, and a
 * 100,000-worker import would hold every page. Flattening " " + text copies it; slice(1) drops the
 * space and points into the copy.
 */
function detachedString(text: string): string {
  return text.length < 13 ? text : (" " + text).slice(1);
}

function detached(value: XPathValue): XPathValue {
  if (value === null) return null;
  if (typeof value === "string") return detachedString(value);
  return value.map(detachedString);
}

/** A multi-valued attribute's value: the values in document order (a scalar as one), null for none. */
function asList(values: string[] | string): readonly string[] | null {
  if (typeof values === "string") return [values];
  return values.length === 0 ? null : values;
}

function describeWorker(position: WorkerPosition, identity: { wid?: string; workerId?: string }): string {
  const ids = [identity.wid && `WID ${identity.wid}`, identity.workerId && `WorkerID ${identity.workerId}`].filter(
    Boolean,
  );
  return `Worker #${position.index} on page ${position.page} of ${position.operation}${ids.length > 0 ? ` (${ids.join(", ")})` : ""}`;
}
