import { describe, expect, it } from "vitest";
import {
  WORKDAY_DOCUMENTED_CUSTOM_XPATHS,
  WORKDAY_V21_CATALOGUE,
  WORKDAY_V30_CATALOGUE,
} from "../catalogue/attribute-catalogue.js";
import { RESPONSE_GROUP_FLAGS, responseGroupFor } from "./response-group.js";

describe("responseGroupFor", () => {
  it("always fetches reference, personal, employment, additional jobs, organizations and the management chain", () => {
    const group = responseGroupFor(["wd:Worker/wd:Worker_Data/wd:Worker_ID/text()"]);
    for (const flag of [
      "Include_Reference",
      "Include_Personal_Information",
      "Include_Additional_Jobs",
      "Include_Employment_Information",
      "Include_Organizations",
      "Include_Management_Chain_Data",
    ] as const) {
      expect(group.has(flag), flag).toBe(true);
    }
    expect(group.has("Include_User_Account")).toBe(false);
    expect(group.has("Include_Transaction_Log_Data")).toBe(false);
  });

  it("excludes organization types nobody maps and keeps the ones an XPath names", () => {
    const none = responseGroupFor([]);
    expect(none.has("Exclude_Cost_Centers")).toBe(true);
    expect(none.has("Exclude_Location_Hierarchies")).toBe(true);
    const costCenter = responseGroupFor([
      "wd:Worker/wd:Worker_Data/wd:Organization_Data/wd:Worker_Organization_Data[wd:Organization_Data/wd:Organization_Type_Reference/wd:ID='COST_CENTER']/@wd:Descriptor",
    ]);
    expect(costCenter.has("Exclude_Cost_Centers")).toBe(false);
    // The token must match whole: COST_CENTER does not keep cost-center hierarchies.
    expect(costCenter.has("Exclude_Cost_Center_Hierarchies")).toBe(true);
    expect(responseGroupFor(["…='COST_CENTER_HIERARCHY'"]).has("Exclude_Cost_Centers")).toBe(true);
  });

  it("fetches a Worker_Data set only when an XPath reaches into it", () => {
    const group = responseGroupFor(Object.values(WORKDAY_DOCUMENTED_CUSTOM_XPATHS));
    expect(group.has("Include_User_Account")).toBe(true);
    expect(group.has("Include_Account_Provisioning")).toBe(true);
    expect(group.has("Include_Roles")).toBe(false);
    expect(
      responseGroupFor([
        "wd:Worker/wd:Worker_Data/wd:Organization_Data/wd:Worker_Organization_Data/wd:Organization_Data/wd:Organization_Support_Role_Data",
      ]).has("Include_Roles"),
    ).toBe(false);
  });

  it("derives the default groups of both catalogues", () => {
    const v21 = responseGroupFor(Object.values(WORKDAY_V21_CATALOGUE));
    const v30 = responseGroupFor(Object.values(WORKDAY_V30_CATALOGUE));
    expect(v21.has("Include_Transaction_Log_Data")).toBe(true); // TransactionLogData is mapped
    expect(v21.has("Exclude_Location_Hierarchies")).toBe(true);
    expect(v30.has("Exclude_Location_Hierarchies")).toBe(false); // v30+ FacilityLocation reads LOCATION_HIERARCHY
  });

  it("lists the flags in schema order without duplicates", () => {
    expect(new Set(RESPONSE_GROUP_FLAGS).size).toBe(RESPONSE_GROUP_FLAGS.length);
    expect(RESPONSE_GROUP_FLAGS.indexOf("Include_Reference")).toBe(0);
    expect(RESPONSE_GROUP_FLAGS.indexOf("Include_Management_Chain_Data")).toBeLessThan(
      RESPONSE_GROUP_FLAGS.indexOf("Exclude_Funds"),
    );
  });
});
