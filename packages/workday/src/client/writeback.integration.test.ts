/**
 * Writeback against a real HTTP server on loopback: request shapes of Change_Work_Contact_
 * Information, the legacy Maintain_Contact_Information and Workday_Account_for_Worker_Update,
 * success and fault handling, and the retry rules for writes.
 */
import { afterEach, describe, expect, it } from "vitest";
import { WorkdayError } from "../errors/workday-error.js";
import { exampleWorkers, getWorkersResponseXml } from "../test-support/example-workers.js";
import {
  requestValue,
  requestValues,
  soapEnvelopeXml,
  soapFaultXml,
  startFakeWorkday,
  TENANT_PATH,
  type FakeWorkday,
  type Responder,
} from "../test-support/fake-workday-server.js";
import { WD_NS } from "../xml/namespaces.js";
import { createWorkdayClient } from "./workday-client.js";

const NOW = new Date("2024-06-03T14:40:00Z");
let fake: FakeWorkday | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function serve(responder: Responder): Promise<FakeWorkday> {
  fake = await startFakeWorkday(responder);
  return fake;
}

function client(server: FakeWorkday, overrides: Record<string, unknown> = {}) {
  return createWorkdayClient(
    {
      username: "ISU_Roster@contoso4",
      password: "s3cr3t-value",
      endpoint: server.endpoint(),
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 5,
      ...overrides,
    },
    { now: () => NOW },
  );
}

const contactChanged = () => ({
  body: soapEnvelopeXml({
    "wd:Change_Work_Contact_Information_Response": {
      "@_xmlns:wd": WD_NS,
      "@_wd:version": "v30.0",
      "wd:Change_Work_Contact_Information_Event_Reference": {
        "@_wd:Descriptor": "Work Contact Change: Jo Rivera",
        "wd:ID": { "@_wd:type": "WID", "#text": "0e4c7a19b2d84f6e8a3c5b7d9f1e2a44" },
      },
    },
  }),
});

const C = "/env:Envelope/env:Body/wd:Change_Work_Contact_Information_Request";
const A = "/env:Envelope/env:Body/wd:Workday_Account_for_Worker_Update";

describe("email and phone writeback (Change_Work_Contact_Information)", () => {
  it("sends the work email and phones at v30.0 and returns the event WID", async () => {
    const server = await serve(contactChanged);
    const result = await client(server).writeback({
      workerId: "21045",
      email: "jo.rivera@contoso.example",
      phone: [
        {
          deviceType: "Landline",
          number: "2065550142",
          extension: "4410",
          countryCodeName: "USA",
          countryCodeNumber: "1",
        },
        { deviceType: "Mobile", number: "4255550199", countryCodeName: "usa", countryCodeNumber: "+1", primary: false },
      ],
    });
    expect(result).toEqual({
      operations: ["Change_Work_Contact_Information"],
      contactEventWid: "0e4c7a19b2d84f6e8a3c5b7d9f1e2a44",
    });

    const [request] = server.requests;
    expect(request!.operation).toBe("Change_Work_Contact_Information_Request");
    // The configured endpoint is v21.1; the operation exists from v30.0 on.
    expect(request!.path).toBe(`${TENANT_PATH}/v30.0`);
    expect(requestValue(request!, `${C}/@wd:version`)).toBe("v30.0");
    expect(requestValue(request!, `${C}/wd:Business_Process_Parameters/wd:Auto_Complete`)).toBe("1");
    const data = `${C}/wd:Change_Work_Contact_Information_Data`;
    expect(requestValue(request!, `${data}/wd:Person_Reference/wd:ID[@wd:type='Employee_ID']`)).toBe("21045");
    expect(requestValue(request!, `${data}/wd:Event_Effective_Date`)).toBe("2024-06-03");
    const email = `${data}/wd:Person_Contact_Information_Data/wd:Person_Email_Information_Data`;
    expect(requestValue(request!, `${email}/@wd:Replace_All`)).toBe("0");
    expect(requestValue(request!, `${email}/wd:Email_Information_Data/wd:Email_Data/wd:Email_Address`)).toBe(
      "jo.rivera@contoso.example",
    );
    expect(
      requestValue(
        request!,
        `${email}/wd:Email_Information_Data/wd:Usage_Data/wd:Type_Data/wd:Type_Reference/wd:ID[@wd:type='Communication_Usage_Type_ID']`,
      ),
    ).toBe("WORK");
    expect(requestValue(request!, `${email}/wd:Email_Information_Data/wd:Usage_Data/wd:Type_Data/@wd:Primary`)).toBe(
      "1",
    );
    const phones = `${data}/wd:Person_Contact_Information_Data/wd:Person_Phone_Information_Data/wd:Phone_Information_Data`;
    expect(
      requestValues(
        request!,
        `${phones}/wd:Phone_Data/wd:Device_Type_Reference/wd:ID[@wd:type='Phone_Device_Type_ID']`,
      ),
    ).toEqual(["Landline", "Mobile"]);
    expect(
      requestValues(
        request!,
        `${phones}/wd:Phone_Data/wd:Country_Code_Reference/wd:ID[@wd:type='Country_Phone_Code_ID']`,
      ),
    ).toEqual(["USA_1", "USA_1"]);
    expect(requestValues(request!, `${phones}/wd:Phone_Data/wd:Complete_Phone_Number`)).toEqual([
      "2065550142",
      "4255550199",
    ]);
    expect(requestValues(request!, `${phones}/wd:Phone_Data/wd:Extension`)).toEqual(["4410"]);
    expect(requestValues(request!, `${phones}/wd:Usage_Data/wd:Type_Data/@wd:Primary`)).toEqual(["1", "0"]);
  });

  it("names the worker by WID when given one and keeps a v30+ endpoint's version", async () => {
    const server = await serve(contactChanged);
    await client(server, { endpoint: server.endpoint("v34.0") }).writeback({
      wid: "3f9c2d7a1b8e4c6f9a0d5e7b2c4f6a81",
      email: "jo@contoso.example",
      effectiveDate: "2024-06-10",
    });
    const [request] = server.requests;
    expect(request!.path).toBe(`${TENANT_PATH}/v34.0`);
    expect(
      requestValue(request!, `${C}/wd:Change_Work_Contact_Information_Data/wd:Person_Reference/wd:ID[@wd:type='WID']`),
    ).toBe("3f9c2d7a1b8e4c6f9a0d5e7b2c4f6a81");
    expect(requestValue(request!, `${C}/wd:Change_Work_Contact_Information_Data/wd:Event_Effective_Date`)).toBe(
      "2024-06-10",
    );
    expect(requestValues(request!, `${C}//wd:Person_Phone_Information_Data`)).toEqual([]);
  });

  it("uses the legacy Maintain_Contact_Information when configured", async () => {
    const server = await serve(() => ({
      body: soapEnvelopeXml({
        "wd:Maintain_Contact_Information_for_Person_Event_Response": {
          "@_xmlns:wd": WD_NS,
          "wd:Contact_Information_for_Person_Event_Reference": {
            "wd:ID": { "@_wd:type": "WID", "#text": "6b8d0f2a4c6e48a09b1d3f5a7c9e0b21" },
          },
        },
      }),
    }));
    const result = await client(server, { contactWriteback: "maintain-contact-legacy" }).writeback({
      workerId: "C-00881",
      workerType: "Contingent_Worker",
      email: "lee.chen@contoso.example",
      phone: { deviceType: "Mobile", number: "555-0199", countryCodeName: "USA", countryCodeNumber: "1" },
    });
    expect(result).toEqual({
      operations: ["Maintain_Contact_Information"],
      contactEventWid: "6b8d0f2a4c6e48a09b1d3f5a7c9e0b21",
    });
    const [request] = server.requests;
    const M = "/env:Envelope/env:Body/wd:Maintain_Contact_Information_for_Person_Event_Request";
    expect(request!.path).toBe(`${TENANT_PATH}/v21.1`);
    expect(requestValue(request!, `${M}/@wd:version`)).toBe("v21.1");
    expect(requestValue(request!, `${M}/@wd:Add_Only`)).toBe("0");
    const data = `${M}/wd:Maintain_Contact_Information_Data`;
    expect(requestValue(request!, `${data}/wd:Worker_Reference/wd:ID[@wd:type='Contingent_Worker_ID']`)).toBe(
      "C-00881",
    );
    expect(
      requestValue(request!, `${data}/wd:Worker_Contact_Information_Data/wd:Email_Address_Data/@wd:Do_Not_Replace_All`),
    ).toBe("1");
    expect(
      requestValue(request!, `${data}/wd:Worker_Contact_Information_Data/wd:Email_Address_Data/wd:Email_Address`),
    ).toBe("lee.chen@contoso.example");
    expect(requestValue(request!, `${data}/wd:Worker_Contact_Information_Data/wd:Phone_Data/wd:Country_ISO_Code`)).toBe(
      "USA",
    );
    expect(
      requestValue(
        request!,
        `${data}/wd:Worker_Contact_Information_Data/wd:Phone_Data/wd:Phone_Device_Type_Reference/wd:ID`,
      ),
    ).toBe("Mobile");
  });

  it("reports a validation fault as a data error and does not resend the write", async () => {
    const message = "Invalid ID value.  'USA_1' is not a valid ID value for type = 'Country_Phone_Code_ID'";
    const server = await serve(() => ({
      status: 500,
      body: soapFaultXml("SOAP-ENV:Client.validationError", message, [{ message }]),
    }));
    const attempt = client(server).writeback({
      workerId: "21045",
      phone: { deviceType: "Landline", number: "2065550142", countryCodeName: "USA", countryCodeNumber: "1" },
    });
    await expect(attempt).rejects.toBeInstanceOf(WorkdayError);
    await expect(attempt).rejects.toMatchObject({
      kind: "data",
      code: "UnprocessableEntity",
      message: expect.stringContaining(message),
    });
    expect(server.requests).toHaveLength(1);
  });

  it("resends a write only when Workday surely did not process it (503), not after a 500", async () => {
    const unavailableFirst = await serve((_, index) =>
      index === 0 ? { status: 503, body: "maintenance" } : contactChanged(),
    );
    await expect(
      client(unavailableFirst).writeback({ workerId: "21045", email: "jo@contoso.example" }),
    ).resolves.toMatchObject({ operations: ["Change_Work_Contact_Information"] });
    expect(unavailableFirst.requests).toHaveLength(2);
    await unavailableFirst.close();

    const failedFirst = await serve((_, index) => (index === 0 ? { status: 500, body: "oops" } : contactChanged()));
    await expect(
      client(failedFirst).writeback({ workerId: "21045", email: "jo@contoso.example" }),
    ).rejects.toMatchObject({ kind: "transient" });
    expect(failedFirst.requests).toHaveLength(1);
  });
});

describe("username writeback (Workday_Account_for_Worker_Update)", () => {
  it("sends the user name by integration ID at v31.2; success is an empty body", async () => {
    const server = await serve(() => ({ body: soapEnvelopeXml() }));
    const result = await client(server).writeback({
      workerId: "C-00881",
      workerType: "Contingent_Worker",
      username: "lee.chen@contoso.example",
    });
    expect(result).toEqual({ operations: ["Update_Workday_Account"] });
    const [request] = server.requests;
    expect(request!.path).toBe(`${TENANT_PATH}/v31.2`);
    expect(requestValue(request!, `${A}/@wd:version`)).toBe("v31.2");
    expect(
      requestValue(
        request!,
        `${A}/wd:Worker_Reference/wd:Contingent_Worker_Reference/wd:Integration_ID_Reference/wd:ID[@wd:System_ID='WD-EMPLID']`,
      ),
    ).toBe("C-00881");
    expect(requestValue(request!, `${A}/wd:Workday_Account_for_Worker_Data/wd:User_Name`)).toBe(
      "lee.chen@contoso.example",
    );
  });

  it("looks up the Employee ID of a worker named by WID, then writes email and username", async () => {
    const [jo] = exampleWorkers("v21.1");
    const server = await serve((request) =>
      request.operation === "Get_Workers_Request"
        ? { body: getWorkersResponseXml([jo!], { page: 1, totalPages: 1, totalResults: 1 }) }
        : request.operation === "Change_Work_Contact_Information_Request"
          ? contactChanged()
          : { body: soapEnvelopeXml() },
    );
    const result = await client(server).writeback({
      wid: "3f9c2d7a1b8e4c6f9a0d5e7b2c4f6a81",
      email: "jo.rivera@contoso.example",
      username: "jo.rivera@contoso.example",
    });
    expect(result.operations).toEqual(["Change_Work_Contact_Information", "Update_Workday_Account"]);
    expect(server.requests.map((request) => request.operation)).toEqual([
      "Change_Work_Contact_Information_Request",
      "Get_Workers_Request",
      "Workday_Account_for_Worker_Update",
    ]);
    const lookup = server.requests[1]!;
    expect(requestValue(lookup, "//wd:Request_References/wd:Worker_Reference/wd:ID[@wd:type='WID']")).toBe(
      "3f9c2d7a1b8e4c6f9a0d5e7b2c4f6a81",
    );
    expect(requestValues(lookup, "//wd:Response_Group/*")).toHaveLength(1);
    expect(
      requestValue(
        server.requests[2]!,
        `${A}/wd:Worker_Reference/wd:Employee_Reference/wd:Integration_ID_Reference/wd:ID`,
      ),
    ).toBe("21045");
  });

  it("reports a duplicate user name fault with the operations already done", async () => {
    const server = await serve((request) =>
      request.operation === "Change_Work_Contact_Information_Request"
        ? contactChanged()
        : { status: 500, body: soapFaultXml("SOAP-ENV:Client.validationError", "User Name 'jo' is already in use.") },
    );
    const error = await client(server)
      .writeback({ workerId: "21045", email: "jo@contoso.example", username: "jo" })
      .then(
        () => undefined,
        (failure: unknown) => failure as WorkdayError,
      );
    expect(error).toMatchObject({ kind: "data", code: "UnprocessableEntity" });
    expect(error!.message).toContain("already in use");
    expect(error!.details.completed).toEqual(["Change_Work_Contact_Information"]);
  });

  it("reports an unknown WID before writing the user name", async () => {
    const server = await serve(() => ({
      body: getWorkersResponseXml([], { page: 1, totalPages: 0, totalResults: 0 }),
    }));
    await expect(client(server).writeback({ wid: "0000", username: "x@contoso.example" })).rejects.toMatchObject({
      kind: "data",
      code: "InvalidAnchor",
    });
    expect(server.requests.map((request) => request.operation)).toEqual(["Get_Workers_Request"]);
  });
});

describe("writeback input", () => {
  it.each([
    [{ workerId: "21045" }, "nothing to write back"],
    [{ workerId: "21045", email: "  " }, "email is empty"],
    [{ workerId: "21045", username: "bad\u0007name" }, "username contains control characters"],
    [
      {
        workerId: "21045",
        phone: { deviceType: "Landline", number: "1", countryCodeName: "United States", countryCodeNumber: "1" },
      },
      "phone.countryCodeName",
    ],
    [{ wid: "abc", workerId: "21045", email: "a@b.example" }, "exactly one of wid or workerId"],
    [{ workerId: "21045", email: "a@b.example", effectiveDate: "June 3" }, "effectiveDate"],
  ])("rejects %j before sending anything", async (request, problem) => {
    const server = await serve(contactChanged);
    await expect(client(server).writeback(request as never)).rejects.toMatchObject({
      kind: "data",
      code: "InvalidRequest",
      message: expect.stringContaining(problem),
    });
    expect(server.requests).toHaveLength(0);
  });
});
