import { RosterError } from "@roster/engine";
import { describe, expect, it } from "vitest";
import { jobSourceSchema } from "../jobs/job-definition.js";
import { createHrSource } from "./create-hr-source.js";
import type { HrSource } from "./hr-source.js";

describe("createHrSource", () => {
  it("builds the source its type names", () => {
    const workday = createHrSource(
      jobSourceSchema.parse({
        type: "workday",
        connection: {
          endpoint: "https://wd3-impl-services1.workday.com/ccx/service/acme/Human_Resources/v34.0",
          username: "ISU@acme",
          password: "pw",
        },
      }),
      { mappedAttributes: ["WID", "WorkerID"] },
    );
    expect(workday.type).toBe("workday");
    const sf = createHrSource(
      jobSourceSchema.parse({
        type: "successfactors",
        connection: { host: "api4.successfactors.com", auth: { type: "bearer", token: "t" } },
      }),
    );
    expect(sf.type).toBe("successfactors");
  });

  it("uses the API source factory for API-driven jobs and refuses without one", () => {
    const api = { type: "api" } as unknown as HrSource;
    expect(createHrSource({ type: "api" }, { apiSource: () => api })).toBe(api);
    expect(() => createHrSource({ type: "api" })).toThrow(RosterError);
  });

  it("refuses a mapped Workday attribute the connection does not define", () => {
    const source = jobSourceSchema.parse({
      type: "workday",
      connection: {
        endpoint: "https://wd3-impl-services1.workday.com/ccx/service/acme/Human_Resources",
        username: "ISU@acme",
        password: "pw",
      },
    });
    expect(() => createHrSource(source, { mappedAttributes: ["WID", "ShoeSize"] })).toThrow(/ShoeSize/);
  });
});
