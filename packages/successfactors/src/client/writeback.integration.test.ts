import { afterEach, describe, expect, it } from "vitest";
import { SuccessFactorsError } from "../errors/successfactors-error.js";
import { startFakeSuccessFactors, type FakeSuccessFactorsServer } from "../test-support/fake-successfactors-server.js";
import { createSuccessFactorsClient } from "./successfactors-client.js";

const BASIC = { username: "svc_roster@CONTOSOT1", password: "s3cr3t-Pa55" };

let server: FakeSuccessFactorsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("writeback through POST /odata/v2/upsert", () => {
  it("posts the rows as one JSON array with Entra's picklist ids and reads the per-row results", async () => {
    server = await startFakeSuccessFactors({ credentials: { basic: BASIC } });
    const sf = createSuccessFactorsClient({
      baseUrl: server.baseUrl,
      auth: { type: "basic", ...BASIC },
      writeback: { emailTypeId: "8448", businessPhoneTypeId: "20605", cellPhoneTypeId: "20606" },
    });
    const result = await sf.writeback({
      personIdExternal: "100234",
      userId: "100234",
      email: "amy.okonkwo@contoso.example",
      businessPhone: "+1 312 555 0187",
      cellPhone: "+1 312 555 0190",
      username: "aokonkwo",
    });

    expect(result).toEqual({
      ok: true,
      personIdExternal: "100234",
      userId: "100234",
      userKeySource: "userId",
      rows: [
        expect.objectContaining({ entity: "PerEmail", ok: true, status: "OK", editStatus: "UPSERTED", httpCode: 200 }),
        expect.objectContaining({
          entity: "PerPhone",
          ok: true,
          key: "PerPhone(personIdExternal='100234',phoneType='20605')",
        }),
        expect.objectContaining({
          entity: "PerPhone",
          ok: true,
          key: "PerPhone(personIdExternal='100234',phoneType='20606')",
        }),
        expect.objectContaining({ entity: "User", ok: true, key: "User('100234')" }),
      ],
    });

    expect(server.requests).toHaveLength(1);
    const request = server.requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/odata/v2/upsert");
    expect(request.query.get("$format")).toBe("json");
    expect(request.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(request.headers.accept).toBe("application/json");
    expect(JSON.parse(request.body)).toEqual([
      {
        __metadata: { uri: "PerEmail(emailType='8448',personIdExternal='100234')", type: "SFOData.PerEmail" },
        emailType: "8448",
        personIdExternal: "100234",
        emailAddress: "amy.okonkwo@contoso.example",
        isPrimary: true,
      },
      {
        __metadata: { uri: "PerPhone(personIdExternal='100234',phoneType='20605')", type: "SFOData.PerPhone" },
        personIdExternal: "100234",
        phoneType: "20605",
        phoneNumber: "+1 312 555 0187",
        isPrimary: true,
      },
      {
        __metadata: { uri: "PerPhone(personIdExternal='100234',phoneType='20606')", type: "SFOData.PerPhone" },
        personIdExternal: "100234",
        phoneType: "20606",
        phoneNumber: "+1 312 555 0190",
        isPrimary: false,
      },
      { __metadata: { uri: "User('100234')", type: "SFOData.User" }, userId: "100234", username: "aokonkwo" },
    ]);
  });

  it("returns a failed row as an error for this person only, without throwing", async () => {
    server = await startFakeSuccessFactors({
      upsert: (row) =>
        row.userId !== undefined
          ? { status: "ERROR", message: "Username aokonkwo is already in use", httpCode: 500 }
          : { status: "OK" },
    });
    const sf = createSuccessFactorsClient({ baseUrl: server.baseUrl, auth: { type: "basic", ...BASIC } });
    const result = await sf.writeback({
      personIdExternal: "100234",
      email: "amy@contoso.example",
      username: "aokonkwo",
    });

    expect(result.ok).toBe(false);
    expect(result.userKeySource).toBe("personIdExternal");
    expect(result.rows.map((row) => [row.entity, row.ok, row.message])).toEqual([
      ["PerEmail", true, null],
      ["User", false, "Username aokonkwo is already in use"],
    ]);
    expect(result.error).toBeInstanceOf(SuccessFactorsError);
    expect(result.error?.kind).toBe("data");
    expect(result.error?.message).toBe(
      `SuccessFactors did not write 1 of 2 row(s) for person "100234": User('100234'): Username aokonkwo is already in use (status ERROR, HTTP 500)`,
    );
    expect(result.error?.details).toMatchObject({ personIdExternal: "100234", failedRows: ["User('100234')"] });

    // The next person is unaffected.
    const next = await sf.writeback({ personIdExternal: "100235", email: "bo@contoso.example" });
    expect(next.ok).toBe(true);
  });

  it("sends nothing when there is nothing to write, and throws for HTTP-level failures", async () => {
    server = await startFakeSuccessFactors({ credentials: { basic: BASIC } });
    const sf = createSuccessFactorsClient({
      baseUrl: server.baseUrl,
      auth: { type: "basic", ...BASIC },
      retries: 1,
      retryBaseDelayMs: 1,
    });
    expect(await sf.writeback({ personIdExternal: "100234" })).toEqual({
      ok: true,
      personIdExternal: "100234",
      userId: "100234",
      userKeySource: "personIdExternal",
      rows: [],
    });
    expect(server.requests).toHaveLength(0);

    server.failNext({ status: 503 });
    expect((await sf.writeback({ personIdExternal: "100234", username: "amy" })).ok).toBe(true);
    expect(server.requests).toHaveLength(2);

    server.failNext({ status: 401, body: { error: { code: "COE_AUTHENTICATION_FAILED", message: { value: "no" } } } });
    await expect(sf.writeback({ personIdExternal: "100234", username: "amy" })).rejects.toMatchObject({
      kind: "auth",
      code: "Unauthorized",
    });
    await expect(sf.writeback({ personIdExternal: "100234", email: "" })).rejects.toMatchObject({
      code: "InvalidRequest",
    });
  });
});
