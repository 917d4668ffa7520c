import { RosterError } from "@roster/engine";
import { SuccessFactorsError } from "@roster/successfactors";
import { WorkdayError } from "@roster/workday";
import { describe, expect, it } from "vitest";
import { sourceFailureOf, toSourceError, writebackFailureOf } from "./source-errors.js";

describe("toSourceError", () => {
  it("maps connector kinds to the registry's source codes, keeping configuration errors", () => {
    const auth = toSourceError(
      new WorkdayError("auth", "Unauthorized", "invalid username or password", { httpStatus: 500 }),
      "Workday",
    );
    expect(auth).toMatchObject({
      code: "SourceAuthenticationFailed",
      details: { source: "Workday", httpStatus: 500, sourceErrorCode: "Unauthorized" },
    });
    expect((auth as Error).message).toBe("Workday: invalid username or password");
    expect(toSourceError(new SuccessFactorsError("transient", "Timeout", "no answer"), "SuccessFactors")).toMatchObject(
      {
        code: "SourceUnavailable",
      },
    );
    expect(
      toSourceError(new SuccessFactorsError("data", "InvalidConfiguration", "HTTP 404"), "SuccessFactors"),
    ).toMatchObject({
      code: "InvalidConfiguration",
    });
    expect(
      toSourceError(
        new WorkdayError("data", "SystemForCrossDomainIdentityManagementServiceIncompatible", "not a SOAP envelope"),
        "Workday",
      ),
    ).toMatchObject({
      code: "SourceUnavailable",
    });
  });

  it("passes other RosterErrors and aborts through, and wraps anything else", () => {
    const invalid = new RosterError("InvalidRequest", "from is not a date");
    expect(toSourceError(invalid, "Workday")).toBe(invalid);
    const abort = new DOMException("aborted", "AbortError");
    expect(toSourceError(abort, "Workday")).toBe(abort);
    expect(toSourceError(new TypeError("fetch failed"), "Workday")).toMatchObject({ code: "SourceUnavailable" });
  });
});

describe("sourceFailureOf and writebackFailureOf", () => {
  it("keeps the connector's naming of the worker and marks transient failures retryable", () => {
    const record = new WorkdayError(
      "data",
      "ImportSkipped",
      "Workday worker 3 (WID abc) has no WorkerID (wd:Worker/wd:Worker_Data/wd:Worker_ID/text())",
    );
    expect(sourceFailureOf(record, "Workday", { sourceAnchor: "abc", workerId: null })).toEqual({
      sourceAnchor: "abc",
      workerId: null,
      errorCode: "SourceRecordInvalid",
      message: "Workday worker 3 (WID abc) has no WorkerID (wd:Worker/wd:Worker_Data/wd:Worker_ID/text())",
      retryable: false,
    });
    const transient = new SuccessFactorsError("transient", "InternalServerError", "pre-hire re-read failed");
    expect(sourceFailureOf(transient, "SuccessFactors", { sourceAnchor: null, workerId: "7" })).toMatchObject({
      errorCode: "SourceUnavailable",
      retryable: true,
    });
    expect(
      writebackFailureOf(new WorkdayError("transient", "TooManyRequests", "HTTP 429"), "Workday", "worker 7"),
    ).toMatchObject({
      ok: false,
      retryable: true,
    });
    expect(
      writebackFailureOf(new WorkdayError("auth", "Unauthorized", "refused"), "Workday", "worker 7").message,
    ).toMatch(/SourceAuthenticationFailed.*worker 7/);
  });
});
