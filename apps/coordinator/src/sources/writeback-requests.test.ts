/** Writeback values (the mapping set's target names) → each connector's request, before anything is sent. */
import { describe, expect, it } from "vitest";
import { successFactorsWritebackOf } from "./successfactors-source.js";
import { workdayWritebackOf, writebackWorkerOf } from "./workday-source.js";

const WID = "0e4c7a19b2d84f6e8a3c5b7d9f1e2a44";

describe("writebackWorkerOf", () => {
  it("names the worker by its integration ID when the import told employee from contingent, else by WID", () => {
    expect(writebackWorkerOf({ sourceAnchor: WID, workerId: "21045", workerType: "Employee" })).toEqual({ workerId: "21045", workerType: "Employee" });
    expect(writebackWorkerOf({ sourceAnchor: WID, workerId: "C-1", workerType: "Contingent_Worker" })).toEqual({
      workerId: "C-1",
      workerType: "Contingent_Worker",
    });
    expect(writebackWorkerOf({ sourceAnchor: WID, workerId: "21045", workerType: null })).toEqual({ wid: WID });
    expect(writebackWorkerOf({ sourceAnchor: WID, workerId: "21045", workerType: "Intern" })).toEqual({ wid: WID });
    expect(workdayWritebackOf({ workerId: "21045", workerType: "Employee" }, { UserID: "jo" })).toEqual({
      ok: true,
      request: { workerId: "21045", workerType: "Employee", username: "jo" },
    });
  });
});

describe("workdayWritebackOf", () => {
  it("names the worker by WID and groups each phone's parts", () => {
    expect(
      workdayWritebackOf({ wid: WID }, {
        EmailAddress: "jo@contoso.com",
        userid: "jo@contoso.com",
        WorkphoneLandlineNumber: "2065550142",
        WorkphoneLandlineExtension: "4410",
        WorkphoneLandlineCountryCodeName: "USA",
        WorkphoneLandlineCountryCodeNumber: "1",
        WorkphoneLandlineIsPrimary: "true",
        WorkphoneMobileNumber: "7700900123",
        WorkphoneMobileCountryCodeName: "GBR",
        WorkphoneMobileCountryCodeNumber: "44",
        WorkphoneMobileIsPrimary: "False",
      }),
    ).toEqual({
      ok: true,
      request: {
        wid: WID,
        email: "jo@contoso.com",
        username: "jo@contoso.com",
        phone: [
          {
            deviceType: "Landline",
            number: "2065550142",
            extension: "4410",
            countryCodeName: "USA",
            countryCodeNumber: "1",
            primary: true,
          },
          {
            deviceType: "Mobile",
            number: "7700900123",
            countryCodeName: "GBR",
            countryCodeNumber: "44",
            primary: false,
          },
        ],
      },
    });
  });

  it("has nothing to write when only a phone's flag is given", () => {
    expect(workdayWritebackOf({ wid: WID }, { WorkphoneMobileIsPrimary: "false" })).toEqual({ ok: true, request: null });
  });

  it("refuses unknown names, bad flags and phones without a country code", () => {
    expect(workdayWritebackOf({ wid: WID }, { Email: "x" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/"Email".*EmailAddress/),
    });
    expect(
      workdayWritebackOf({ wid: WID }, {
        WorkphoneMobileNumber: "1",
        WorkphoneMobileCountryCodeName: "USA",
        WorkphoneMobileCountryCodeNumber: "1",
        WorkphoneMobileIsPrimary: "maybe",
      }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/WorkphoneMobileIsPrimary/) });
    expect(
      workdayWritebackOf({ wid: WID }, { WorkphoneMobileNumber: "1", WorkphoneMobileCountryCodeName: "USA" }),
    ).toMatchObject({
      ok: false,
      message: expect.stringMatching(/WorkphoneMobileCountryCodeNumber/),
    });
  });
});

describe("successFactorsWritebackOf", () => {
  it("builds email and phone rows with their type ids and primary flags, ignoring the matching attribute", () => {
    expect(
      successFactorsWritebackOf("100234", {
        personIdExternal: "100234",
        email: "amy@contoso.com",
        emailType: "8448",
        emailIsPrimary: "true",
        businessPhoneNumber: "3125550187",
        businessPhoneType: "10605",
        businessPhoneIsPrimary: "true",
        cellPhoneType: "10606",
        cellPhoneIsPrimary: "false",
        username: "aokonkwo",
        userId: "100234-2",
      }),
    ).toEqual({
      ok: true,
      request: {
        personIdExternal: "100234",
        userId: "100234-2",
        email: { address: "amy@contoso.com", typeId: "8448", isPrimary: true },
        businessPhone: { number: "3125550187", typeId: "10605", isPrimary: true },
        username: "aokonkwo",
      },
    });
  });

  it("has nothing to write when only constants flow", () => {
    expect(successFactorsWritebackOf("1", { emailType: "8448", emailIsPrimary: "true" })).toEqual({
      ok: true,
      request: null,
    });
  });

  it("refuses fields the connector cannot write", () => {
    expect(successFactorsWritebackOf("1", { custom01: "x" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/"custom01"/),
    });
    expect(successFactorsWritebackOf("1", { cellPhoneNumber: "1", cellPhoneIsPrimary: "no" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/cellPhoneIsPrimary/),
    });
  });
});
