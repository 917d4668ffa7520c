import { RosterError } from "@roster/engine";
import { describe, expect, it } from "vitest";
import {
  WORKDAY_DOCUMENTED_CUSTOM_XPATHS,
  WORKDAY_V21_CATALOGUE,
  WORKDAY_V30_CATALOGUE,
} from "../catalogue/attribute-catalogue.js";
import {
  attributeDefinitionsOf,
  catalogueVersionOf,
  parseEndpoint,
  parseWorkdayConfig,
  versionAtLeast,
} from "./workday-config.js";

const base = { username: "ISU_Roster@contoso4", password: "s3cr3t-value" };

describe("parseEndpoint / version from the URL", () => {
  it.each([
    [
      "https://wd3-impl-services1.workday.com/ccx/service/contoso4",
      "https://wd3-impl-services1.workday.com/ccx/service/contoso4/Human_Resources",
      undefined,
    ],
    [
      "https://wd3-impl-services1.workday.com/ccx/service/contoso4/Human_Resources",
      "https://wd3-impl-services1.workday.com/ccx/service/contoso4/Human_Resources",
      undefined,
    ],
    [
      "https://wd3-impl-services1.workday.com/ccx/service/contoso4/Human_Resources/",
      "https://wd3-impl-services1.workday.com/ccx/service/contoso4/Human_Resources",
      undefined,
    ],
    [
      "https://wd3-impl-services1.workday.com/ccx/service/contoso4/Human_Resources/v34.0",
      "https://wd3-impl-services1.workday.com/ccx/service/contoso4/Human_Resources",
      "v34.0",
    ],
    [
      "http://127.0.0.1:8080/ccx/service/t/Human_Resources/v21.1",
      "http://127.0.0.1:8080/ccx/service/t/Human_Resources",
      "v21.1",
    ],
  ])("%s", (endpoint, serviceUrl, urlVersion) => {
    expect(parseEndpoint(endpoint)).toEqual({ serviceUrl, urlVersion });
  });
});

describe("parseWorkdayConfig", () => {
  it("defaults to v21.1, its catalogue, 30 workers per page and bounded retries", () => {
    const config = parseWorkdayConfig({ ...base, endpoint: "https://wd3.example/ccx/service/contoso4" });
    expect(config).toMatchObject({
      version: "v21.1",
      catalogueVersion: "v21.1",
      pageSize: 30,
      retries: 3,
      timeoutMs: 120_000,
      futureHireLookup: true,
      contactWriteback: "change-work-contact",
    });
    expect(config.attributes).toEqual(WORKDAY_V21_CATALOGUE);
  });

  it("takes the version from the URL and switches to the v30+ catalogue", () => {
    const config = parseWorkdayConfig({
      ...base,
      endpoint: "https://wd3.example/ccx/service/contoso4/Human_Resources/v34.0",
    });
    expect(config.version).toBe("v34.0");
    expect(config.catalogueVersion).toBe("v30+");
    expect(config.attributes).toEqual(WORKDAY_V30_CATALOGUE);
  });

  it("lets an explicit version override the URL", () => {
    const config = parseWorkdayConfig({
      ...base,
      endpoint: "https://wd3.example/ccx/service/contoso4/Human_Resources/v34.0",
      version: "v21.1",
    });
    expect(config).toMatchObject({ version: "v21.1", catalogueVersion: "v21.1" });
  });

  it("adds custom attributes to the catalogue, or replaces the list when attributes are given", () => {
    const extra = parseWorkdayConfig({
      ...base,
      endpoint: "https://wd3.example/x",
      extraAttributes: { UniversalID: "wd:Worker/wd:Worker_Data/wd:Universal_ID/text()" },
    });
    expect(Object.keys(extra.attributes)).toHaveLength(81);
    const replaced = parseWorkdayConfig({
      ...base,
      endpoint: "https://wd3.example/x",
      attributes: { WorkerID: "wd:Worker/wd:Worker_Data/wd:Worker_ID/text()" },
    });
    expect(replaced.attributes).toEqual({ WorkerID: "wd:Worker/wd:Worker_Data/wd:Worker_ID/text()" });
  });

  it("keeps attributes single-valued unless defined { xpath, multiValued: true }", () => {
    const config = parseWorkdayConfig({
      ...base,
      endpoint: "https://wd3.example/x",
      extraAttributes: {
        AddressLines: { xpath: WORKDAY_V21_CATALOGUE.AddressLineData!, multiValued: true },
        FirstLine: { xpath: WORKDAY_V21_CATALOGUE.AddressLineData! },
      },
    });
    expect(config.multiValuedAttributes).toEqual(["AddressLines"]);
    expect(config.attributes.AddressLines).toBe(WORKDAY_V21_CATALOGUE.AddressLineData);
    expect(config.attributes.FirstLine).toBe(WORKDAY_V21_CATALOGUE.AddressLineData);
    expect(attributeDefinitionsOf(config)).toMatchObject({
      AddressLines: { xpath: WORKDAY_V21_CATALOGUE.AddressLineData, multiValued: true },
      FirstLine: WORKDAY_V21_CATALOGUE.AddressLineData,
    });
  });

  it("extracts only the mapped attributes (plus the required ones) when mappedAttributes is given", () => {
    const config = parseWorkdayConfig({
      ...base,
      endpoint: "https://wd3.example/x",
      extraAttributes: { UserName: { xpath: WORKDAY_DOCUMENTED_CUSTOM_XPATHS.UserName!, multiValued: true } },
      mappedAttributes: ["FirstName", "LastName", "UserName"],
      requiredAttributes: ["WorkerID"],
    });
    expect(config.attributes).toEqual({
      FirstName: WORKDAY_V21_CATALOGUE.FirstName,
      LastName: WORKDAY_V21_CATALOGUE.LastName,
      UserName: WORKDAY_DOCUMENTED_CUSTOM_XPATHS.UserName,
      WorkerID: WORKDAY_V21_CATALOGUE.WorkerID,
    });
    expect(config.multiValuedAttributes).toEqual(["UserName"]);
  });

  it.each([
    [{ pageSize: 1000 }, "pageSize"],
    [{ pageSize: 0 }, "pageSize"],
    [{ endpoint: "ftp://wd3.example/x" }, "endpoint"],
    [{ version: "34" }, "version"],
    [{ password: "" }, "password"],
    [{ username: "isu\u0001@t" }, "username"],
    [{ retries: 11 }, "retries"],
    [{ retryBaseDelayMs: 5000, retryMaxDelayMs: 100 }, "retryMaxDelayMs"],
    [{ requiredAttributes: ["NoSuchAttribute"] }, "requiredAttributes"],
    [{ mappedAttributes: ["FirstName", "NoSuchAttribute"] }, "mappedAttributes"],
    [{ extraAttributes: { X: { xpath: "wd:Worker", multiValued: "yes" } } }, "extraAttributes.X"],
    [{ extraAttributes: { X: { xpath: " " } } }, "extraAttributes.X"],
    [{ attributes: { X: { path: "wd:Worker" } } }, "attributes.X"],
    [{ unknownSetting: true }, "(config)"],
  ])("rejects %j naming the field", (override, field) => {
    const attempt = () => parseWorkdayConfig({ ...base, endpoint: "https://wd3.example/x", ...override });
    expect(attempt).toThrow(RosterError);
    expect(attempt).toThrow(field);
  });

  it("never echoes the password in a validation error", () => {
    const password = "Sup3r$ecret<pass>";
    try {
      parseWorkdayConfig({ username: "u@t", password, endpoint: "not a url", pageSize: "thirty" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RosterError);
      expect((error as RosterError).code).toBe("InvalidConfiguration");
      expect(JSON.stringify(error) + String(error)).not.toContain(password);
    }
  });
});

describe("versions", () => {
  it("compares WWS versions numerically", () => {
    expect(versionAtLeast("v34.0", "v30.0")).toBe(true);
    expect(versionAtLeast("v30.0", "v31.2")).toBe(false);
    expect(versionAtLeast("v31.2", "v31.2")).toBe(true);
    expect(versionAtLeast("v100.1", "v31.2")).toBe(true);
    expect(catalogueVersionOf("v29.2")).toBe("v21.1");
    expect(catalogueVersionOf("v30.0")).toBe("v30+");
  });
});
