import { describe, expect, it } from "vitest";
import { SuccessFactorsError } from "../errors/successfactors-error.js";
import { parseSuccessFactorsConfig } from "./successfactors-config.js";

const basic = { type: "basic", username: "svc_roster@CONTOSOT1", password: "s3cr3t-Pa55" } as const;

function failure(input: unknown): SuccessFactorsError {
  try {
    parseSuccessFactorsConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(SuccessFactorsError);
    return error as SuccessFactorsError;
  }
  throw new Error("expected the configuration to be refused");
}

describe("SuccessFactors configuration", () => {
  it("turns Entra's host-only Tenant URL into the OData root and applies the defaults", () => {
    const config = parseSuccessFactorsConfig({ host: "api4.successfactors.com", auth: basic });
    expect(config.baseUrl).toBe("https://api4.successfactors.com/odata/v2/");
    expect(config.origin).toBe("https://api4.successfactors.com");
    expect(config).toMatchObject({
      customPageSize: 100,
      timeoutMs: 120_000,
      retries: 3,
      employmentSelection: "first",
      preHireLookup: true,
      useInOperator: true,
      writeback: { emailTypeId: "8448", businessPhoneTypeId: "10605", cellPhoneTypeId: "10606" },
    });
    expect(config.attributes.username).toBe("$.employmentNav.results[0].userNav.username");
    expect(Object.keys(config.attributes)).toContain("activeEmploymentsCount");
  });

  it("accepts a full base URL, adding the trailing slash or the OData path", () => {
    expect(parseSuccessFactorsConfig({ baseUrl: "https://proxy.example/sf/odata/v2", auth: basic }).baseUrl).toBe(
      "https://proxy.example/sf/odata/v2/",
    );
    expect(parseSuccessFactorsConfig({ baseUrl: "https://api17.sapsf.com", auth: basic }).baseUrl).toBe(
      "https://api17.sapsf.com/odata/v2/",
    );
    expect(parseSuccessFactorsConfig({ baseUrl: "http://127.0.0.1:8080/odata/v2/", auth: basic }).baseUrl).toBe(
      "http://127.0.0.1:8080/odata/v2/",
    );
  });

  it("refuses plain http to other hosts, URLs with credentials, and both or neither of host and baseUrl", () => {
    expect(failure({ baseUrl: "http://api4.successfactors.com/odata/v2/", auth: basic }).message).toMatch(/plain http/);
    expect(failure({ baseUrl: "https://u:p@api4.successfactors.com/", auth: basic }).message).toMatch(/credentials/);
    expect(failure({ auth: basic }).message).toMatch(/host: give exactly one of host and baseUrl/);
    expect(failure({ host: "https://api4.successfactors.com", auth: basic }).message).toMatch(
      /host must be a host name/,
    );
  });

  it("needs user@companyId for Basic, or the company id apart", () => {
    const error = failure({ host: "api4.successfactors.com", auth: { ...basic, username: "svc_roster" } });
    expect(error.code).toBe("InvalidConfiguration");
    expect(error.message).toMatch(/auth\.username: must be username@companyId/);
    const config = parseSuccessFactorsConfig({
      host: "api4.successfactors.com",
      auth: { ...basic, username: "svc_roster", companyId: "CONTOSOT1" },
    });
    expect(config.auth).toEqual({ type: "basic", username: "svc_roster@CONTOSOT1", password: basic.password });
  });

  it("takes a Bearer token or a token provider, not both", () => {
    const provider = () => "tok";
    expect(parseSuccessFactorsConfig({ host: "h.example", auth: { type: "bearer", token: "abc" } }).auth).toEqual({
      type: "bearer",
      token: "abc",
    });
    expect(parseSuccessFactorsConfig({ host: "h.example", auth: { type: "bearer", getToken: provider } }).auth).toEqual(
      {
        type: "bearer",
        getToken: provider,
      },
    );
    expect(failure({ host: "h.example", auth: { type: "bearer", token: "abc", getToken: provider } }).message).toMatch(
      /exactly one of token and getToken/,
    );
    expect(failure({ host: "h.example", auth: { type: "bearer", token: "a\r\nX-Evil: 1" } }).message).toMatch(
      /line breaks/,
    );
  });

  it("selects catalogue attributes by name, with the employment selection applied, plus custom JSONPaths", () => {
    const config = parseSuccessFactorsConfig({
      host: "h.example",
      auth: basic,
      attributes: ["jobTitle", "firstName"],
      extraAttributes: { hrManager: "$.employmentNav.results[0].userNav.hr.userId" },
      employmentSelection: "latest",
    });
    expect(config.attributes).toEqual({
      jobTitle: "$.employmentNav.results[-1:].jobInfoNav.results[0].jobTitle",
      firstName: "$.personalInfoNav.results[0].firstName",
      hrManager: "$.employmentNav.results[0].userNav.hr.userId",
    });
    expect(failure({ host: "h.example", auth: basic, attributes: ["jobTitle", "shoeSize"] }).message).toMatch(
      /"shoeSize" not in the catalogue/,
    );
    expect(failure({ host: "h.example", auth: basic, attributes: { x: "employmentNav.results" } }).message).toMatch(
      /attributes\.x: JSONPath must start with \$/,
    );
  });

  it("checks page size, retry bounds and picklist ids", () => {
    expect(failure({ host: "h.example", auth: basic, customPageSize: 1001 }).message).toMatch(/customPageSize/);
    expect(failure({ host: "h.example", auth: basic, retryBaseDelayMs: 5000, retryMaxDelayMs: 10 }).message).toMatch(
      /retryMaxDelayMs: must not be below retryBaseDelayMs/,
    );
    expect(failure({ host: "h.example", auth: basic, writeback: { emailTypeId: "8,448" } }).message).toMatch(
      /no thousands separator/,
    );
  });

  it("never echoes a secret in its errors", () => {
    const password = "Sup3r-Secret-Value";
    const inputs = [
      { host: "h.example", auth: { type: "basic", username: "svc", password } },
      { host: "h.example", auth: { type: "basic", username: password, password: 42 } },
      { host: "h.example", auth: { type: "bearer", token: `${password}\n` } },
      { host: "h.example", auth: { type: "other", password }, extra: password },
    ];
    for (const input of inputs) {
      const error = failure(input);
      expect(error.message).not.toContain(password);
      expect(JSON.stringify(error.toJSON())).not.toContain(password);
    }
  });
});
