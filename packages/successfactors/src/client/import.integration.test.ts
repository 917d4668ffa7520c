import { afterEach, describe, expect, it } from "vitest";
import type { SuccessFactorsConfigInput } from "../config/successfactors-config.js";
import type { SuccessFactorsError } from "../errors/successfactors-error.js";
import type { PersonItem } from "../extraction/person-extractor.js";
import {
  startFakeSuccessFactors,
  type FakeSuccessFactorsOptions,
  type FakeSuccessFactorsServer,
} from "../test-support/fake-successfactors-server.js";
import {
  amaraOkonkwo,
  globalAssignee,
  managerPerson,
  preHireAsOfStart,
  preHireMinimal,
  rehiredPerson,
} from "../test-support/example-persons.js";
import { createSuccessFactorsClient, type ImportSummary } from "./successfactors-client.js";

const CREDENTIALS = { username: "svc_roster@CONTOSOT1", password: "s3cr3t-Pa55" };
const RUN = new Date("2024-06-03T15:00:00Z");

let server: FakeSuccessFactorsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: FakeSuccessFactorsOptions = {}): Promise<FakeSuccessFactorsServer> {
  server = await startFakeSuccessFactors({ credentials: { basic: CREDENTIALS }, ...options });
  return server;
}

function client(fake: FakeSuccessFactorsServer, config: Partial<SuccessFactorsConfigInput> = {}) {
  return createSuccessFactorsClient(
    {
      baseUrl: fake.baseUrl,
      auth: { type: "basic", ...CREDENTIALS },
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 5,
      ...config,
    },
    { now: () => RUN },
  );
}

/** Drains an import, keeping its items and its summary. */
async function drain(
  generator: AsyncGenerator<PersonItem, ImportSummary, undefined>,
): Promise<{ items: PersonItem[]; summary: ImportSummary }> {
  const items: PersonItem[] = [];
  for (;;) {
    const next = await generator.next();
    if (next.done) return { items, summary: next.value };
    items.push(next.value);
  }
}

const okIds = (items: readonly PersonItem[]) =>
  items.flatMap((item) => (item.ok ? [item.person.personIdExternal] : []));

function filler(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    personIdExternal: String(300000 + i),
    perPersonUuid: `UUID-${i}`,
    personalInfoNav: { results: [{ firstName: `First${i}`, lastName: `Last${i}` }] },
    employmentNav: { results: [{ startDate: "/Date(1577836800000)/", userNav: { username: `u${i}` } }] },
  }));
}

describe("full import", () => {
  it("streams every person across server pages, following __next, with Entra's query", async () => {
    const persons = [amaraOkonkwo(), managerPerson(), rehiredPerson(), globalAssignee(), ...filler(6)];
    const fake = await start({ persons });
    const { items, summary } = await drain(client(fake, { customPageSize: 4 }).importAll({ asOf: RUN }));

    expect(okIds(items)).toEqual(persons.map((person) => person.personIdExternal));
    expect(summary).toEqual({ through: RUN, pages: 3, persons: 10, failed: 0, preHires: 0 });

    const first = items[0]!;
    expect(first.ok && first.person).toEqual({
      personIdExternal: "100234",
      perPersonUuid: "9B1C4E0A5D2F4C7B8E6A3D1F0C2B4A68",
      attributes: {
        personIdExternal: "100234",
        perPersonUuid: "9B1C4E0A5D2F4C7B8E6A3D1F0C2B4A68",
        displayName: "Amy Okonkwo",
        firstName: "Amara",
        lastName: "Okonkwo",
        addressLine1: "200 Lakeshore Plaza",
        city: "Chicago",
        country: "United States",
        state: "IL",
        username: "aokonkwo",
        zipCode: "60601",
        emailAddress: "amy.okonkwo@contoso.example",
        jobTitle: "Payroll Specialist",
        managerId: "100017",
        twoCharCountryCode: "US",
        department: "Payroll",
        division: "Finance",
        officeLocationAddress: "200 Lakeshore Plaza",
        officeLocationZipCode: "60601",
        activeEmploymentsCount: 1,
        startDate: "2023-06-01T00:00:00Z",
        userStatus: "active",
      },
    });

    expect(fake.requests).toHaveLength(3);
    const [page1, page2, page3] = fake.requests;
    expect(page1!.path).toBe("/odata/v2/PerPerson");
    expect(page1!.headers.accept).toBe("application/json");
    expect(page1!.query.get("$format")).toBe("json");
    expect(page1!.query.get("customPageSize")).toBe("4");
    expect(page1!.query.get("$filter")).toBe(
      "(personEmpTerminationInfoNav/activeEmploymentsCount ne null) and (lastModifiedDateTime le datetimeoffset'2024-06-03T15:00:00Z')",
    );
    expect(page1!.query.get("$expand")).toBe(
      "employmentNav/userNav,employmentNav/jobInfoNav,personalInfoNav,personEmpTerminationInfoNav,phoneNav,emailNav," +
        "employmentNav/userNav/manager/empInfo,employmentNav/jobInfoNav/companyNav," +
        "employmentNav/jobInfoNav/companyNav/countryOfRegistrationNav,employmentNav/jobInfoNav/departmentNav," +
        "employmentNav/jobInfoNav/divisionNav,employmentNav/jobInfoNav/locationNav," +
        "employmentNav/jobInfoNav/locationNav/addressNavDEFLT",
    );
    expect(page1!.rawQuery).toContain("%27");
    // Later pages are the server's __next, verbatim: same query plus its skiptoken.
    for (const later of [page2!, page3!]) {
      expect(later.query.get("$filter")).toBe(page1!.query.get("$filter"));
      expect(later.query.get("$skiptoken")).not.toBeNull();
    }
  });

  it("holds at most the current page and the next one, and stops fetching when the caller stops", async () => {
    const fake = await start({ persons: filler(50) });
    const generator = client(fake, { customPageSize: 5 }).importAll();
    let seen = 0;
    for await (const item of generator) {
      expect(item.ok).toBe(true);
      if (++seen === 7) break;
    }
    // Page 1 and 2 were needed; page 3 was prefetched at most.
    expect(fake.requests.length).toBeGreaterThanOrEqual(2);
    expect(fake.requests.length).toBeLessThanOrEqual(3);
  });

  it("fails a malformed person alone and imports the rest of the page", async () => {
    const noId = amaraOkonkwo();
    delete noId.personIdExternal;
    const badDate = managerPerson();
    (badDate.employmentNav as { results: Record<string, unknown>[] }).results[0]!.startDate = "/Date(tomorrow)/";
    const fake = await start({ persons: [rehiredPerson(), noId, badDate, "not a person", globalAssignee()] });
    const { items, summary } = await drain(client(fake).importAll());

    expect(items.map((item) => item.ok)).toEqual([true, false, false, false, true]);
    expect(okIds(items)).toEqual(["100412", "100520"]);
    expect(summary).toMatchObject({ persons: 5, failed: 3 });
    const errors = items.flatMap((item) => (item.ok ? [] : [item.error]));
    expect(errors[0]!.message).toBe(
      "SuccessFactors PerPerson at index 1 of page 1 of PerPerson (full import) has no personIdExternal",
    );
    expect(errors[1]!.message).toMatch(
      /index 2 of page 1 .*\(personIdExternal "100017"\): attribute "startDate" selected malformed OData date "\/Date\(tomorrow\)\/"/,
    );
    expect(errors[1]!.details).toMatchObject({ personIdExternal: "100017", attribute: "startDate", index: 2, page: 1 });
    expect(errors[2]!.message).toMatch(/index 3 of page 1 .* is a string, not a PerPerson object/);
  });

  it("reads custom JSONPaths and the employment chosen by the selection", async () => {
    const fake = await start({ persons: [rehiredPerson()] });
    const sf = client(fake, {
      attributes: ["userId", "username", "jobTitle", "department"],
      extraAttributes: {
        terminated: "$.personEmpTerminationInfoNav.latestTerminationDate",
        allUsers: "$.employmentNav.results[*].userNav.username",
      },
      employmentSelection: "active",
    });
    const { items } = await drain(sf.importAll());
    expect(items[0]!.ok && items[0]!.person.attributes).toEqual({
      userId: "100412-R1",
      username: "rmenon",
      jobTitle: "Senior Analyst",
      department: "Planning & Analysis",
      terminated: "2021-12-31T00:00:00Z",
      allUsers: ["rmenon_old", "rmenon"],
    });
    expect(fake.requests[0]!.query.get("$expand")).toContain("employmentNav/jobInfoNav/emplStatusNav");
  });

  it("follows a __next on another host on the configured host, so credentials stay there", async () => {
    const fake = await start({ persons: filler(3) });
    // Every answer's __next is rewritten to point at another host.
    const original = globalThis.fetch;
    const rewriting: typeof fetch = async (input, init) => {
      const response = await original(input, init);
      const text = await response.text();
      return new Response(text.replace(/http:\/\/127\.0\.0\.1:\d+/g, "https://evil.example"), {
        status: response.status,
        headers: response.headers,
      });
    };
    const redirected = createSuccessFactorsClient(
      { baseUrl: fake.baseUrl, auth: { type: "basic", ...CREDENTIALS }, customPageSize: 2 },
      { fetch: rewriting },
    );
    const { items } = await drain(redirected.importAll());
    expect(okIds(items)).toHaveLength(3);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]!.query.get("$skiptoken")).not.toBeNull();
  });
});

describe("incremental import", () => {
  it("sends the delta filter for the window, with the missing or restored", async () => {
    const fake = await start({ persons: [amaraOkonkwo()] });
    const from = new Date("2024-06-02T15:00:00Z");
    const { items, summary } = await drain(client(fake).importChanges({ from, through: RUN }));
    expect(okIds(items)).toEqual(["100234"]);
    expect(summary.through).toEqual(RUN);
    const filter = fake.requests[0]!.query.get("$filter")!;
    expect(
      filter.startsWith(
        "(personEmpTerminationInfoNav/activeEmploymentsCount ne null) and ((lastModifiedDateTime ge datetimeoffset'2024-06-02T15:00:00Z' and lastModifiedDateTime le datetimeoffset'2024-06-03T15:00:00Z') or ",
      ),
    ).toBe(true);
    expect(filter).toContain(
      "(employmentNav/lastModifiedDateTime ge datetimeoffset'2024-06-02T15:00:00Z' and employmentNav/lastModifiedDateTime le datetimeoffset'2024-06-03T15:00:00Z' and employmentNav/startDate le datetime'2024-06-03T15:00:00' and (employmentNav/endDate ge datetime'2024-06-03T15:00:00' or employmentNav/endDate eq null))) or (employmentNav/jobInfoNav/startDate ge datetime'2024-06-02T15:00:00'",
    );
    expect(filter).toContain(
      "(personEmpTerminationInfoNav/latestTerminationDate ge datetime'2024-06-02T00:00:00' and personEmpTerminationInfoNav/latestTerminationDate le datetime'2024-06-02T23:59:59')",
    );
    expect(
      filter.endsWith(
        "(employmentNav/userNav/lastModifiedDateTime ge datetimeoffset'2024-06-02T15:00:00Z' and employmentNav/userNav/lastModifiedDateTime le datetimeoffset'2024-06-03T15:00:00Z'))",
      ),
    ).toBe(true);
    expect(filter.split(") or (")).toHaveLength(11);
    expect(fake.requests[0]!.query.get("customPageSize")).toBe("100");
  });

  it("refuses a window that ends before it starts", async () => {
    const fake = await start();
    expect(() => client(fake).importChanges({ from: "2024-06-04T00:00:00Z", through: RUN })).toThrow(
      /is after through/,
    );
    expect(() => client(fake).importChanges({ from: "yesterday" })).toThrow(/from is not a valid date/);
  });
});

describe("pre-hires", () => {
  it("re-reads a person whose employment starts after the run, as of the start date", async () => {
    const fake = await start({
      persons: [preHireMinimal(), amaraOkonkwo()],
      asOf: { "100311": { "2024-07-01": preHireAsOfStart() } },
    });
    const sf = client(fake, { attributes: ["personIdExternal", "username", "jobTitle", "department", "startDate"] });
    const { items, summary } = await drain(sf.importAll({ asOf: RUN }));

    expect(summary).toMatchObject({ persons: 2, preHires: 1, failed: 0 });
    expect(items[0]).toEqual({
      ok: true,
      person: {
        personIdExternal: "100311",
        perPersonUuid: "77AA88BB99CC00DD11EE22FF33004411",
        asOfDate: "2024-07-01",
        attributes: {
          personIdExternal: "100311",
          username: "nhaddad",
          jobTitle: "Data Engineer",
          department: "Data Platform",
          startDate: "2024-07-01T00:00:00Z",
        },
      },
    });
    const requery = fake.requests[1]!;
    expect(requery.query.get("$filter")).toBe(
      "(personIdExternal in '100311' and employmentNav/userNav/status in 't','f','e')",
    );
    expect(requery.query.get("asOfDate")).toBe("2024-07-01");
    expect(requery.query.get("$expand")).toBe(fake.requests[0]!.query.get("$expand"));
    expect(fake.requests).toHaveLength(2);
  });

  it("keeps the minimal record when the re-read finds nobody, and skips the lookup when switched off", async () => {
    const fake = await start({ persons: [preHireMinimal()], asOf: { "100311": {} } });
    const { items } = await drain(client(fake, { attributes: ["username", "firstName"] }).importAll());
    expect(items[0]!.ok && items[0]!.person).toEqual({
      personIdExternal: "100311",
      perPersonUuid: "77AA88BB99CC00DD11EE22FF33004411",
      attributes: { username: null, firstName: "Noor" },
    });
    expect(fake.requests).toHaveLength(2);

    const quiet = await startFakeSuccessFactors({ persons: [preHireMinimal()] });
    try {
      const sf = createSuccessFactorsClient(
        { baseUrl: quiet.baseUrl, auth: { type: "basic", ...CREDENTIALS }, preHireLookup: false },
        { now: () => RUN },
      );
      await drain(sf.importAll());
      expect(quiet.requests).toHaveLength(1);
    } finally {
      await quiet.close();
    }
  });

  it("fails only the pre-hire when its re-read fails", async () => {
    const fake = await start({ persons: [preHireMinimal(), amaraOkonkwo()] });
    fake.failNext({
      when: (request) => request.query.has("asOfDate"),
      status: 500,
      body: { error: { code: "COE_GENERAL_SERVER_FAILURE", message: { lang: "en-US", value: "boom" } } },
    });
    const { items, summary } = await drain(client(fake, { retries: 0 }).importAll({ asOf: RUN }));
    expect(items.map((item) => item.ok)).toEqual([false, true]);
    expect(summary).toMatchObject({ persons: 2, failed: 1, preHires: 0 });
    const error = (items[0] as { error: SuccessFactorsError }).error;
    expect(error.kind).toBe("transient");
    expect(error.code).toBe("InternalServerError");
    expect(error.message).toBe(
      'SuccessFactors answered PerPerson (pre-hire "100311" as of 2024-07-01) with HTTP 500: COE_GENERAL_SERVER_FAILURE: boom (person "100311")',
    );
    expect(error.details).toMatchObject({ personIdExternal: "100311", httpStatus: 500 });
  });
});

describe("getPerson", () => {
  it("reads one person by personIdExternal, optionally as of a day", async () => {
    const fake = await start({
      persons: [amaraOkonkwo(), managerPerson()],
      asOf: { "100311": { "2024-07-01": preHireAsOfStart() } },
    });
    const sf = client(fake, { attributes: ["firstName", "jobTitle"] });

    const manager = await sf.getPerson("100017");
    expect(manager).toEqual({
      ok: true,
      person: {
        personIdExternal: "100017",
        perPersonUuid: "3F7A1C2D9E8B4A5C6D7E8F9012345678",
        attributes: { firstName: "Jonas", jobTitle: "Payroll Manager" },
      },
    });
    expect(fake.requests[0]!.query.get("$filter")).toBe("(personIdExternal in '100017')");
    expect(fake.requests[0]!.query.get("asOfDate")).toBeNull();

    const preHire = await sf.getPerson("100311", { asOfDate: "2024-07-01" });
    expect(preHire?.ok && preHire.person).toMatchObject({
      asOfDate: "2024-07-01",
      attributes: { jobTitle: "Data Engineer" },
    });
    expect(fake.requests[1]!.query.get("asOfDate")).toBe("2024-07-01");

    expect(await sf.getPerson("999999")).toBeNull();
    await expect(sf.getPerson(" ")).rejects.toThrow(/personIdExternal is empty/);
  });

  it("uses eq instead of in when told to", async () => {
    const fake = await start({ persons: [amaraOkonkwo()] });
    const item = await client(fake, { useInOperator: false }).getPerson("100234", {
      asOfDate: new Date("2024-07-01T08:00:00Z"),
    });
    expect(item?.ok).toBe(true);
    expect(fake.requests[0]!.query.get("$filter")).toBe("(personIdExternal eq '100234')");
    expect(fake.requests[0]!.query.get("asOfDate")).toBe("2024-07-01");
  });
});

describe("testConnection", () => {
  it("reads one person id with the configured credentials", async () => {
    const fake = await start({ persons: [amaraOkonkwo(), managerPerson()] });
    const result = await client(fake).testConnection();
    expect(result).toEqual({ baseUrl: fake.baseUrl, authType: "basic", samplePersonIdExternal: "100234" });
    expect(fake.requests[0]!.query.get("$top")).toBe("1");
    expect(fake.requests[0]!.query.get("$select")).toBe("personIdExternal");
  });
});
