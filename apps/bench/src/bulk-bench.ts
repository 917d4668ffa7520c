/**
 * P6: SCIM bulk ingest into an API-driven job: BulkRequests of 50 users POSTed to
 * /jobs/{id}/bulkUpload (application/scim+json), timed from the first POST until every
 * operation of every request has an outcome, in records/s.
 */
import type { LocalStack } from "@roster/demo";
import type { RosterApi } from "./roster-api.js";

const SCIM = "application/scim+json";
const BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
const CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/** The API's limit of operations per BulkRequest. */
export const OPERATIONS_PER_REQUEST = 50;
const CITIES = ["London", "Seattle", "Chicago"] as const;

export interface BulkIngestResult {
  readonly records: number;
  readonly requests: number;
  /** Requests POSTed at once. */
  readonly uploadConcurrency: number;
  /** All requests accepted (202). */
  readonly uploadSeconds: number;
  /** First POST until every operation has an outcome. */
  readonly seconds: number;
  readonly recordsPerSecond: number;
  /** Operations per "status/action". */
  readonly outcomes: Readonly<Record<string, number>>;
}

/** The API-driven job: SCIM core and enterprise attributes onto the stack's directory. */
export function apiJobDefinition(baseDn: string, domain: string): Record<string, unknown> {
  const division = `${ENTERPRISE_USER}:division`;
  return {
    name: "API-driven inbound (bench)",
    source: { type: "api" },
    domain,
    provisioning: {
      name: "SCIM users to directory",
      sourceAnchorAttribute: "externalId",
      defaultContainer: `OU=Users,${baseDn}`,
      mappings: [
        { type: "Direct", source: "externalId", target: "employeeID", apply: "OnlyOnCreate", matchingPrecedence: 1 },
        { type: "Expression", expression: 'Join(" ", [name.givenName], [name.familyName], [externalId])', target: "cn", apply: "OnlyOnCreate" },
        { type: "Direct", source: "userName", target: "sAMAccountName", apply: "OnlyOnCreate" },
        { type: "Expression", expression: `Join("@", [userName], "${domain}")`, target: "userPrincipalName", apply: "OnlyOnCreate" },
        { type: "Direct", source: "name.givenName", target: "givenName" },
        { type: "Direct", source: "name.familyName", target: "sn" },
        { type: "Direct", source: "title", target: "title" },
        { type: "Direct", source: `${ENTERPRISE_USER}:department`, target: "department" },
        { type: "Expression", expression: 'Switch([active], "True", "True", "False")', target: "accountDisabled" },
        {
          type: "Expression",
          expression: `Switch([${division}], "OU=Users,${baseDn}", ${CITIES.map((city) => `"${city}", "OU=${city},OU=Users,${baseDn}"`).join(", ")})`,
          target: "parentDistinguishedName",
        },
      ],
    },
    // An upload that arrives while a cycle runs is not picked up by that cycle, and the
    // coordinator does not start another one for it: it waits for the schedule. The shortest
    // interval keeps the job cycling while records are queued.
    schedule: { intervalMs: 1_000 },
  };
}

/** BulkRequest `index` of a run: users index*50 … index*50+49, as the wire text. */
export function bulkRequestBody(index: number, size = OPERATIONS_PER_REQUEST): string {
  const operations = [];
  for (let i = 0; i < size; i++) {
    const n = index * OPERATIONS_PER_REQUEST + i;
    const id = `B${String(n).padStart(7, "0")}`;
    operations.push({
      method: "POST",
      bulkId: `op-${n}`,
      path: "/Users",
      data: {
        schemas: [CORE_USER, ENTERPRISE_USER],
        externalId: id,
        userName: `bulk.${id.toLowerCase()}`,
        name: { givenName: `Given${n}`, familyName: `Bulk${n}` },
        title: "Analyst",
        active: true,
        [ENTERPRISE_USER]: { employeeNumber: id, department: "Benchmarks", division: CITIES[n % CITIES.length] },
      },
    });
  }
  return JSON.stringify({ schemas: [BULK_REQUEST], Operations: operations });
}

interface BulkStatus {
  readonly operations: readonly { readonly status: string; readonly provisioningAction?: string }[];
}

export async function runBulkIngest(
  stack: LocalStack,
  api: RosterApi,
  options: { readonly records: number; readonly uploadConcurrency: number; readonly timeoutMs: number; readonly log: (line: string) => void },
): Promise<BulkIngestResult> {
  const jobId = await api.createJob(apiJobDefinition(stack.ldap.baseDn, "roster.test"));
  await api.startJob(jobId);
  await api.waitForCycle(jobId, null, { timeoutMs: 60_000 });

  const requests = Math.ceil(options.records / OPERATIONS_PER_REQUEST);
  const bodies = Array.from({ length: requests }, (_, index) =>
    bulkRequestBody(index, Math.min(OPERATIONS_PER_REQUEST, options.records - index * OPERATIONS_PER_REQUEST)),
  );
  const requestIds: string[] = new Array(requests);
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < requests) {
      const index = next++;
      const accepted = await api.call<{ requestId: string }>("POST", `/jobs/${jobId}/bulkUpload`, bodies[index], SCIM);
      requestIds[index] = accepted.requestId;
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.uploadConcurrency, requests) }, lane));
  const uploadSeconds = (performance.now() - started) / 1000;
  options.log(`bulk: ${requests} requests accepted in ${uploadSeconds.toFixed(1)} s`);

  // Follow the requests in order; a request is done when none of its operations is queued.
  const deadline = Date.now() + options.timeoutMs;
  const statuses: BulkStatus[] = [];
  for (const requestId of requestIds) {
    for (;;) {
      const status = await api.call<BulkStatus>("GET", `/jobs/${jobId}/bulkUpload/${requestId}`);
      if (status.operations.every((operation) => operation.status !== "queued")) {
        statuses.push(status);
        break;
      }
      if (Date.now() > deadline) throw new Error(`bulk request ${requestId} still queued after ${options.timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const outcomes: Record<string, number> = {};
  for (const status of statuses) {
    for (const operation of status.operations) {
      const key = `${operation.status}/${operation.provisioningAction ?? "-"}`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }
  }
  return {
    records: options.records,
    requests,
    uploadConcurrency: options.uploadConcurrency,
    uploadSeconds,
    seconds,
    recordsPerSecond: options.records / seconds,
    outcomes,
  };
}
