/**
 * SuccessFactors `$filter` / `$count` answered through the pushed-down conditions give exactly
 * what a full scan gives: every stored person rendered as of the day and tested with the filter.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stateAsOf } from "../model/as-of.js";
import { createHrSimServer, type HrSimServer } from "../server/create-server.js";
import { pushdownOf } from "./filter-pushdown.js";
import { compileFilter, parseFilter } from "./odata-filter.js";
import { renderPerson } from "./person-json.js";

const credentials = { username: "svc@ACME", password: "pw", bearerTokens: ["t-1"] };
let sim: HrSimServer;

beforeAll(async () => {
  sim = await createHrSimServer({ database: { memory: true }, credentials, tenant: "acme", workers: 260, seed: 13 });
  await sim.scenarios.update({ workerId: "100007", businessTitle: "Changed" });
}, 60_000);
afterAll(async () => {
  await sim?.close();
});

const headers = { authorization: "Bearer t-1" };

/** The reference answer: every worker, rendered and tested (what the route did before pushdown). */
async function fullScan(filter: string): Promise<string[]> {
  const predicate = compileFilter(filter);
  const view = { effectiveDate: new Date().toISOString().slice(0, 10), entryMoment: Date.now() };
  const ids: string[] = [];
  for (const record of await sim.store.queryWorkers({}, 0, 100_000)) {
    const state = stateAsOf(record, view);
    if (state === undefined) continue;
    const preHire = record.versions.every((version) => version.effectiveDate > view.effectiveDate);
    const person = renderPerson(record, state, "http://x/odata/v2", preHire);
    if (predicate(person)) ids.push(state.workerId);
  }
  return ids;
}

async function served(filter: string): Promise<{ ids: string[]; count: number }> {
  const ids: string[] = [];
  let url: string | undefined = `${sim.url}/odata/v2/PerPerson?$filter=${encodeURIComponent(filter)}&customPageSize=70`;
  while (url !== undefined) {
    const response = await fetch(url, { headers });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { d: { results: { personIdExternal: string }[]; __next?: string } };
    ids.push(...body.d.results.map((person) => person.personIdExternal));
    url = body.d.__next;
  }
  const count = Number(await (await fetch(`${sim.url}/odata/v2/PerPerson/$count?$filter=${encodeURIComponent(filter)}`, { headers })).text());
  return { ids, count };
}

describe("SuccessFactors filters narrowed to indexed columns", () => {
  it("return the same persons and counts as a full scan", async () => {
    const records = await sim.store.queryWorkers({}, 0, 100_000);
    const modified = records.map((record) => record.lastModified).sort();
    const middle = modified[Math.floor(modified.length / 2)]!;
    const latest = modified[modified.length - 1]!;
    const filters = [
      "personEmpTerminationInfoNav/activeEmploymentsCount ne null",
      `(personEmpTerminationInfoNav/activeEmploymentsCount ne null) and (lastModifiedDateTime le datetimeoffset'${middle}')`,
      `lastModifiedDateTime gt datetimeoffset'${middle}' or personIdExternal eq '100003'`,
      `lastModifiedDateTime eq datetimeoffset'${latest}'`,
      `not (lastModifiedDateTime lt datetimeoffset'${middle}')`,
      "personIdExternal in '100001','100050','C-000200','nobody'",
      "personIdExternal ne '100001' and employmentNav/jobInfoNav/department eq 'SUP_ENG'",
      "not (personIdExternal eq '100002') and not (employmentNav/userNav/status eq 't')",
      "employmentNav/userNav/status in 't','f','e' and personIdExternal eq '100010'",
      "personEmpTerminationInfoNav/activeEmploymentsCount eq null",
      "personalInfoNav/lastName eq 'Núñez' or lastModifiedDateTime ge datetime'2100-01-01T00:00:00'",
    ];
    for (const filter of filters) {
      const expected = await fullScan(filter);
      const actual = await served(filter);
      expect({ filter, ids: actual.ids }).toEqual({ filter, ids: expected });
      expect({ filter, count: actual.count }).toEqual({ filter, count: expected.length });
    }
  }, 120_000);

  it("is exact only for what the columns decide, and never narrower than the filter", () => {
    expect(pushdownOf(parseFilter("personIdExternal eq '1' and lastModifiedDateTime le datetimeoffset'2024-01-01T00:00:00Z'"))).toEqual({
      condition: {
        kind: "and",
        left: { kind: "workerId", op: "in", ids: ["1"] },
        right: { kind: "lastModified", op: "<=", at: "2024-01-01T00:00:00.000Z" },
      },
      exact: true,
    });
    expect(pushdownOf(parseFilter("personIdExternal eq '1' or personalInfoNav/lastName eq 'X'"))).toEqual({ condition: { kind: "true" }, exact: false });
    expect(pushdownOf(parseFilter("not (personalInfoNav/lastName eq 'X')"))).toEqual({ condition: { kind: "true" }, exact: false });
    expect(pushdownOf(parseFilter("personIdExternal in '1',2"))).toMatchObject({ exact: false });
  });
});
