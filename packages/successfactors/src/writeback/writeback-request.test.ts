import { describe, expect, it } from "vitest";
import { SuccessFactorsError } from "../errors/successfactors-error.js";
import { readUpsertResult } from "./upsert-result.js";
import { planUpsert } from "./writeback-request.js";

const PICKLISTS = { emailTypeId: "8448", businessPhoneTypeId: "10605", cellPhoneTypeId: "10606" };
const identity = (text: string) => text;

describe("writeback rows", () => {
  it("builds the PerEmail row of the notes' example", () => {
    const plan = planUpsert({ personIdExternal: "100234", email: "amy.okonkwo@contoso.example" }, PICKLISTS);
    expect(plan.rows.map((row) => row.body)).toEqual([
      {
        __metadata: { uri: "PerEmail(emailType='8448',personIdExternal='100234')", type: "SFOData.PerEmail" },
        emailType: "8448",
        personIdExternal: "100234",
        emailAddress: "amy.okonkwo@contoso.example",
        isPrimary: true,
      },
    ]);
  });

  it("builds business and cell phones and the User row, keyed by userId when given", () => {
    const plan = planUpsert(
      {
        personIdExternal: "100234",
        userId: "100234-R1",
        businessPhone: { number: "5550187", countryCode: "1", areaCode: "312", extension: "221" },
        cellPhone: "3125550190",
        username: "aokonkwo",
      },
      PICKLISTS,
    );
    expect(plan.userKeySource).toBe("userId");
    expect(plan.rows.map((row) => row.body)).toEqual([
      {
        __metadata: { uri: "PerPhone(personIdExternal='100234',phoneType='10605')", type: "SFOData.PerPhone" },
        personIdExternal: "100234",
        phoneType: "10605",
        phoneNumber: "5550187",
        countryCode: "1",
        areaCode: "312",
        extension: "221",
        isPrimary: true,
      },
      {
        __metadata: { uri: "PerPhone(personIdExternal='100234',phoneType='10606')", type: "SFOData.PerPhone" },
        personIdExternal: "100234",
        phoneType: "10606",
        phoneNumber: "3125550190",
        isPrimary: false,
      },
      {
        __metadata: { uri: "User('100234-R1')", type: "SFOData.User" },
        userId: "100234-R1",
        username: "aokonkwo",
      },
    ]);
  });

  it("falls back to personIdExternal for the User key, escapes key values and honours explicit types and flags", () => {
    const plan = planUpsert(
      {
        personIdExternal: "O'B 1",
        username: "ob",
        email: { address: "ob@x.example", typeId: "9001", isPrimary: false },
      },
      PICKLISTS,
    );
    expect(plan.userKeySource).toBe("personIdExternal");
    expect(plan.rows.map((row) => row.key)).toEqual([
      "PerEmail(emailType='9001',personIdExternal='O''B%201')",
      "User('O''B%201')",
    ]);
    expect(plan.rows[0]!.body).toMatchObject({ isPrimary: false, emailType: "9001" });
  });

  it("refuses empty values and unknown fields, naming them", () => {
    const messageOf = (input: unknown) => {
      try {
        planUpsert(input, PICKLISTS);
        return "accepted";
      } catch (error) {
        expect(error).toBeInstanceOf(SuccessFactorsError);
        expect((error as SuccessFactorsError).code).toBe("InvalidRequest");
        return (error as Error).message;
      }
    };
    expect(messageOf({ personIdExternal: "1", email: " " })).toMatch(/for person "1" is not valid: email/);
    expect(messageOf({ personIdExternal: "", username: "x" })).toMatch(/personIdExternal: personIdExternal is empty/);
    expect(messageOf({ personIdExternal: "1", loginMethod: "SSO" })).toMatch(/Unrecognized key/);
    expect(messageOf({ personIdExternal: "1", cellPhone: { number: "1", typeId: "10,606" } })).toMatch(/cellPhone/);
  });
});

describe("upsert results", () => {
  const plan = planUpsert(
    { personIdExternal: "100234", businessPhone: "5550187", cellPhone: "3125550190", username: "aokonkwo" },
    PICKLISTS,
  );

  it("reports every row written", () => {
    const body = {
      d: plan.rows.map((row, index) => ({
        key: row.key,
        status: "OK",
        editStatus: "UPSERTED",
        message: null,
        index,
        httpCode: 200,
      })),
    };
    const result = readUpsertResult(body, plan, "upsert", identity);
    expect(result.ok).toBe(true);
    expect(result.error).toBeUndefined();
    expect(result.rows.map((row) => [row.entity, row.ok, row.editStatus])).toEqual([
      ["PerPhone", true, "UPSERTED"],
      ["PerPhone", true, "UPSERTED"],
      ["User", true, "UPSERTED"],
    ]);
  });

  it("turns a failed row into an error for this person, and a missing row result into a failure", () => {
    const body = {
      d: [
        { key: "k0", status: "OK", index: 0, httpCode: 200 },
        { key: "k2", status: "ERROR", message: "Username aokonkwo is already in use", index: 2, httpCode: 500 },
      ],
    };
    const result = readUpsertResult(body, plan, "upsert (writeback)", identity);
    expect(result.ok).toBe(false);
    expect(result.rows.map((row) => row.status)).toEqual(["OK", "MISSING", "ERROR"]);
    expect(result.error?.code).toBe("UnprocessableEntity");
    expect(result.error?.message).toBe(
      `SuccessFactors did not write 2 of 3 row(s) for person "100234": PerPhone(personIdExternal='100234',phoneType='10606'): SuccessFactors returned no result for this row; User('100234'): Username aokonkwo is already in use (status ERROR, HTTP 500)`,
    );
  });

  it("refuses an answer without a row array", () => {
    expect(() => readUpsertResult({ d: { key: 1 } }, plan, "upsert", identity)).toThrow(/no d array of row results/);
  });
});
