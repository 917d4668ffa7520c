/** Valid job definitions for tests (Workday with a password, SuccessFactors with a bearer token, API-driven). */
import type { JobDefinitionInput } from "../../jobs/job-definition.js";

export const WORKDAY_PASSWORD = "s3cret-Workday!";
export const SF_TOKEN = "sf-bearer-token-value";

export function workdayJob(overrides: Partial<JobDefinitionInput> = {}): JobDefinitionInput {
  return {
    name: "Workday to AD",
    source: {
      type: "workday",
      connection: {
        endpoint: "https://wd.example.com/ccx/service/acme/Human_Resources/v34.0",
        username: "isu@acme",
        password: WORKDAY_PASSWORD,
      },
    },
    domain: "example.com",
    provisioning: {
      name: "Workday Workers to AD",
      sourceAnchorAttribute: "WID",
      mappings: [
        { type: "Direct", source: "WorkerID", target: "employeeID", matchingPrecedence: 1 },
        { type: "Direct", source: "FirstName", target: "givenName" },
        { type: "Expression", expression: 'Join(" ", [FirstName], [LastName])', target: "displayName" },
      ],
    },
    ...overrides,
  };
}

export function successFactorsJob(overrides: Partial<JobDefinitionInput> = {}): JobDefinitionInput {
  return {
    ...workdayJob(),
    name: "SuccessFactors to AD",
    source: {
      type: "successfactors",
      connection: { host: "api4.successfactors.com", auth: { type: "bearer", token: SF_TOKEN } },
    },
    ...overrides,
  };
}

export function apiJob(overrides: Partial<JobDefinitionInput> = {}): JobDefinitionInput {
  return { ...workdayJob(), name: "API-driven inbound", source: { type: "api" }, ...overrides };
}
